#!/usr/bin/env node
/**
 * Builds the prebuilt JavaScript of the `cchc` command and of its worker threads: src/cli/main.ts
 * and everything it imports from src, bundled by esbuild into dist-cli/cli.js (one minified file, its
 * source map beside it; zod and fflate inside, ExcelJS in dist-cli/exceljs.js, loaded when a workbook
 * is written, the other packages loaded from node_modules as usual). bin/cchc.js runs it, and
 * builds it itself when it is missing or older than one of its sources (dist-cli/inputs.json lists
 * them), so `npx cchc` works right after `npm ci` (whose `prepare` runs this script too).
 *
 *   node scripts/build-cli.js            build
 *   node scripts/build-cli.js --if-stale build only when missing or out of date
 *
 * The files are written under temporary names and renamed, so processes starting at the same
 * time never load half a file.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
// CCHC_CLI_DIST: another folder for the build (the tests build into a temporary one).
const outDir = process.env.CCHC_CLI_DIST ? path.resolve(process.env.CCHC_CLI_DIST) : path.join(root, 'dist-cli');
const bundle = path.join(outDir, 'cli.js');
const inputsFile = path.join(outDir, 'inputs.json');

/** Whether the bundle is missing or older than one of the sources it was built from. */
function isStale() {
  let built;
  let inputs;
  try {
    built = fs.statSync(bundle).mtimeMs;
    inputs = JSON.parse(fs.readFileSync(inputsFile, 'utf8'));
  } catch {
    return true;
  }
  for (const f of inputs) {
    try {
      if (fs.statSync(path.join(root, f)).mtimeMs > built) return true;
    } catch {
      return true; // a source was removed or renamed
    }
  }
  return false;
}

/**
 * The output with every non-ASCII character written as a \u escape. esbuild escapes them in strings
 * and templates but leaves regular expression literals as they are (the Vietnamese words the
 * recogniser looks for); in those, as in strings, \uXXXX is the same character (an astral one as its
 * two surrogates, which a `u` regular expression joins again). An ASCII bundle loads as a one-byte
 * string (scripts/code-cache.js). Columns in the source map after such a character on its line are
 * off by five per character.
 */
function asciiOnly(contents) {
  const text = Buffer.from(contents).toString('utf8');
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Writes one of esbuild's output files: a bundle in ASCII, the rest (source maps) as they are. */
function writeOutput(out) {
  writeAtomically(out.path, out.path.endsWith('.js') ? asciiOnly(out.contents) : out.contents);
}

function writeAtomically(file, contents) {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, contents);
  fs.renameSync(tmp, file);
}

/** scripts/code-cache.js as the bundle finds it (relative to its own folder). */
const codeCacheFromBundle = path.relative(outDir, path.join(root, 'scripts', 'code-cache.js'));

/**
 * Packages loaded only when first used: ExcelJS takes about half a second to load and only writing a
 * workbook needs it (`cchc check` never does). An import of one of them gets a stand-in whose
 * properties load the package on first access. Each is also bundled into one file beside cli.js
 * (dist-cli/exceljs.js) and loaded through the code cache: a few hundred files of node_modules
 * resolved and compiled one by one took most of that half second. Should that file be missing or
 * fail, the package is loaded from node_modules as before.
 */
const LAZY = ['exceljs'];
const lazyPackages = {
  name: 'lazy-packages',
  setup(b) {
    const filter = new RegExp(`^(${LAZY.join('|')})$`);
    b.onResolve({ filter }, (args) =>
      args.namespace === 'lazy' ? { path: args.path, external: true } : { path: args.path, namespace: 'lazy' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      contents: `const path = require('path');
let m;
function loadBundled() {
  try {
    const loaded = require(path.join(__dirname, ${JSON.stringify(codeCacheFromBundle)})).requireWithCodeCache(
      path.join(__dirname, ${JSON.stringify(`${args.path}.js`)}),
    );
    process.once('exit', loaded.save);
    return loaded.exports;
  } catch {
    return require(${JSON.stringify(args.path)});
  }
}
const load = () => (m ??= loadBundled());
module.exports = new Proxy({}, { get: (_, k) => (k === '__esModule' ? undefined : load()[k]), has: (_, k) => k in load() });`,
      loader: 'js',
    }));
  },
};

/**
 * archiver-utils 2, the zip of ExcelJS's streaming writer (cchc consolidate's file), calls
 * `new Buffer(…)`: Node prints a deprecation warning (DEP0005) on the user's screen when that call is
 * not in a file under node_modules, as in dist-cli/exceljs.js. In the bundle the calls go through
 * Buffer.alloc (a size) or Buffer.from (anything else), which give the same buffers.
 */
const noBufferConstructor = {
  name: 'no-buffer-constructor',
  setup(b) {
    b.onLoad({ filter: /[\\/]archiver-utils[\\/]index\.js$/ }, async (args) => ({
      contents: `${(await fs.promises.readFile(args.path, 'utf8')).replace(/\bnew Buffer\(/g, 'newBuffer(')}
function newBuffer(a, b, c) { return typeof a === 'number' ? Buffer.alloc(a) : Buffer.from(a, b, c); }`,
      loader: 'js',
    }));
  },
};

/** Each lazy package as one file beside the bundle (dist-cli/exceljs.js). */
async function buildLazyPackages(esbuild) {
  for (const name of LAZY) {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: [name],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      minify: true,
      write: false,
      logLevel: 'silent',
      legalComments: 'none',
      outfile: path.join(outDir, `${name}.js`),
      plugins: [noBufferConstructor],
    });
    fs.mkdirSync(outDir, { recursive: true });
    for (const out of result.outputFiles) writeOutput(out);
    fs.rmSync(path.join(outDir, `${name}.js.cache`), { force: true });
  }
}

/**
 * Packages left in node_modules (loaded by require at run time): all but the small ones every command
 * loads at start-up, which are bundled (zod is some fifty files; one file loads faster).
 */
const BUNDLED = ['zod', 'fflate'];
const pkg = require(path.join(root, 'package.json'));
const EXTERNAL = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
  .filter((name) => !BUNDLED.includes(name))
  .flatMap((name) => [name, `${name}/*`]);

/** Builds dist-cli/cli.js; rejects when esbuild reports an error. */
async function build() {
  const esbuild = require('esbuild');
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/cli/main.ts'],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: EXTERNAL,
    // Reading threads load the bundle through the code cache too (src/cli/read-children.ts).
    define: { __CCHC_CODE_CACHE__: JSON.stringify(codeCacheFromBundle) },
    // The packages left outside are found from the project's node_modules wherever the bundle is.
    banner: {
      js: `'use strict';\nmodule.paths.unshift(require('path').join(__dirname, ${JSON.stringify(path.relative(outDir, root))}, 'node_modules'));`,
    },
    minify: true,
    sourcemap: 'external',
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
    plugins: [lazyPackages],
  });
  await buildLazyPackages(esbuild);
  fs.mkdirSync(outDir, { recursive: true });
  // The sources, the lock file (a changed zod or fflate is bundled anew) and this script.
  const inputs = [
    ...Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/') && !f.includes(':')),
    'package-lock.json',
    'scripts/build-cli.js',
  ];
  for (const out of result.outputFiles) writeOutput(out);
  // The code caches of the previous bundle (scripts/code-cache.js would refuse them anyway).
  for (const f of fs.readdirSync(outDir))
    if (/^cli\.js(\.[a-z]+)?\.cache$/.test(f)) fs.rmSync(path.join(outDir, f), { force: true });
  writeAtomically(inputsFile, JSON.stringify(inputs));
  // The bundle's time is the build's: written last, after its list of inputs.
  const now = new Date();
  fs.utimesSync(bundle, now, now);
  return bundle;
}

module.exports = { build, isStale, bundle };

if (require.main === module) {
  const onlyIfStale = process.argv.includes('--if-stale');
  if (onlyIfStale && !isStale()) process.exit(0);
  const t0 = Date.now();
  build().then(
    () => console.log(`${path.relative(root, bundle)} built in ${Date.now() - t0} ms`),
    (e) => {
      console.error(`Không dựng được dist-cli/cli.js: ${e && e.message ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
