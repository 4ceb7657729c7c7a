#!/usr/bin/env node
// `cchc`: runs the prebuilt CLI (dist-cli/cli.js, bundled by esbuild from src/cli/main.ts), building
// it first when it is missing or older than its sources (a fresh clone, an edited source), and
// loading it through V8's code cache (scripts/code-cache.js); when it cannot be built, runs the
// TypeScript sources through tsx's loader instead.
'use strict';
const path = require('path');

/** The CLI's exports, and what to do once it ran (write the code cache when there was none). */
async function loadCli() {
  try {
    const builder = require('../scripts/build-cli.js');
    if (builder.isStale()) await builder.build();
    const loaded = require('../scripts/code-cache.js').requireWithCodeCache(builder.bundle);
    return { cli: loaded.exports, after: loaded.save };
  } catch (e) {
    if (process.env.CCHC_DEBUG) process.stderr.write(`(dist-cli: ${e && e.message ? e.message : e}; dùng tsx)\n`);
    require('tsx/cjs');
    return { cli: require(path.join(__dirname, '..', 'src', 'cli', 'main.ts')), after: () => {} };
  }
}

// exitAfterOutput: the process ends only once stdout is drained (a pipe gets the whole --json output).
loadCli().then(
  ({ cli, after }) =>
    cli.main(process.argv.slice(2)).then(
      (code) => {
        after();
        cli.exitAfterOutput(code);
      },
      (err) => {
        process.stderr.write(`Lỗi: ${err && err.message ? err.message : String(err)}\n`);
        cli.exitAfterOutput(2);
      },
    ),
  (err) => {
    process.stderr.write(`Lỗi: ${err && err.message ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
