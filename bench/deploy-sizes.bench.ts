/**
 * What an office downloads: the add-in's own bundle, the file tool's chunk (loaded only without Excel,
 * with the .xlsx writer), the consolidation worker and cchc-offline.html, raw and gzipped. Measures
 * dist/ as bundle.bench.ts (run just before by `npm run bench`) built it for production; builds it
 * first when dist/ has no cchc-offline.html. Exit code 1 if the add-in bundle passes 300 KB gzipped.
 *
 *   node --import tsx bench/deploy-sizes.bench.ts
 */
import { spawnSync } from 'child_process';
import { existsSync, readFileSync, readdirSync } from 'fs';
import path from 'path';
import { gzipSync } from 'zlib';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const TASKPANE_GZIP_LIMIT = 300 * 1024;

if (!existsSync(path.join(DIST, 'cchc-offline.html'))) {
  const t0 = Date.now();
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`webpack failed:\n${r.stdout}\n${r.stderr}`);
  console.log(`built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const fileTool = readdirSync(DIST).find((f) => /^file-tool\.[0-9a-f]+\.js$/.test(f));
const rows: [string, string | undefined][] = [
  ['add-in bundle', 'taskpane.js'],
  ['file tool chunk (no Excel)', fileTool],
  ['consolidation worker', 'consolidate-worker.js'],
  ['single-file page', 'cchc-offline.html'],
];
console.log(`${'what'.padEnd(28)} ${'file'.padEnd(26)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)}`);
for (const [what, file] of rows) {
  if (!file || !existsSync(path.join(DIST, file))) {
    console.log(`${what.padEnd(28)} missing`);
    process.exitCode = 1;
    continue;
  }
  const bytes = readFileSync(path.join(DIST, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  console.log(`${what.padEnd(28)} ${file.padEnd(26)} ${kb(bytes.length).padStart(10)} ${kb(gz).padStart(10)}`);
  if (file === 'taskpane.js' && gz >= TASKPANE_GZIP_LIMIT) {
    console.log(`  the add-in bundle passes ${kb(TASKPANE_GZIP_LIMIT)} gzipped`);
    process.exitCode = 1;
  }
}
