// ESLint, run directly (`npm run lint`) instead of office-addin-lint, whose CLI reports usage data to
// Microsoft: this project sends nothing anywhere. The rules are those of office-addin-lint's config
// (eslint-plugin-office-addins `configs.recommended`: eslint's recommended rules and the Office.js rules),
// typescript-eslint's recommended rules and the React hooks rules. Formatting is prettier's alone
// (`npm run format:check`), so eslint-config-prettier turns off every rule prettier already covers and
// the `prettier/prettier` rule of office-addin-lint is not repeated here.
import js from '@eslint/js';
import prettierConfig from 'eslint-config-prettier';
import officeAddins from 'eslint-plugin-office-addins';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-*/',
      'coverage/',
      'test-artifacts/',
      '.tmp/',
      // Generated from Office.js's runtime (its header says how); not edited by hand.
      'test/excel-sim/generated.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettierConfig,
  {
    files: ['**/*.{js,mjs,cjs,ts,tsx}'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      // eslint-plugin-office-addins configs.recommended
      'no-delete-var': 'warn',
      'no-eval': 'error',
      'no-inner-declarations': 'warn',
      'no-octal': 'warn',
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The Office.js rules of eslint-plugin-office-addins, on the code that talks to Excel (only src/excel
    // and the task pane use Office.js; elsewhere `getCell`/`load` are ExcelJS's or our own, not proxies).
    // test/excel-sim.test.ts is left out: it reads unloaded properties on purpose, to check that the
    // simulated host throws PropertyNotLoaded as Excel does.
    files: ['src/excel/**/*.ts', 'src/taskpane/**/*.{ts,tsx}', 'test/excel-*.test.ts'],
    ignores: ['test/excel-sim.test.ts'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/call-sync-after-load': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/no-context-sync-in-loop': 'warn',
      'office-addins/no-empty-load': 'warn',
      'office-addins/no-navigational-load': 'warn',
      'office-addins/no-office-initialize': 'warn',
      'office-addins/test-for-null-using-isNullObject': 'error',
    },
  },
  {
    // The simulated Excel host stands in for Office.js's dynamically shaped proxies; their values are
    // checked at run time the way Excel checks them (same error codes and messages).
    files: ['test/excel-sim/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/taskpane/**/*.{ts,tsx}', 'test/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.flat.recommended.rules,
  },
  {
    // CommonJS scripts (bin/, bench/run-all.js, jest and webpack configs, test reporters).
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
