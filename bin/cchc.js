#!/usr/bin/env node
// `cchc`: runs the prebuilt CLI (dist-cli/cli.js, bundled by esbuild from src/cli/main.ts), building
// it first when it is missing or older than its sources (a fresh clone, an edited source); when it
// cannot be built, runs the TypeScript sources through tsx's loader instead.
'use strict';
const path = require('path');

async function loadCli() {
  try {
    const builder = require('../scripts/build-cli.js');
    if (builder.isStale()) await builder.build();
    return require(builder.bundle);
  } catch (e) {
    if (process.env.CCHC_DEBUG) process.stderr.write(`(dist-cli: ${e && e.message ? e.message : e}; dùng tsx)\n`);
    require('tsx/cjs');
    return require(path.join(__dirname, '..', 'src', 'cli', 'main.ts'));
  }
}

// exitAfterOutput: the process ends only once stdout is drained (a pipe gets the whole --json output).
loadCli().then(
  (cli) =>
    cli.main(process.argv.slice(2)).then(
      (code) => cli.exitAfterOutput(code),
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
