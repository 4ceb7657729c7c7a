#!/usr/bin/env node
// `cchc`: runs the prebuilt CLI (dist-cli/cli.js, bundled by esbuild from src/cli/main.ts), building
// it first when it is missing or older than its sources (a fresh clone, an edited source), and
// loading it through V8's code cache (scripts/code-cache.js); when it cannot be built, runs the
// TypeScript sources through tsx's loader instead.
'use strict';
const path = require('path');

/**
 * Commands with a code cache of their own (scripts/code-cache.js): a cache holds what the run that
 * wrote it compiled, and `check` (started for one file) and `consolidate` (whose reading threads load
 * the same cache) each start faster from theirs. The others share one.
 */
const OWN_CACHE = ['check', 'consolidate'];

/** The CLI's exports, and what to do once it ran (write the code cache when there was none). */
async function loadCli() {
  try {
    const builder = require('../scripts/build-cli.js');
    if (builder.isStale()) await builder.build();
    const command = process.argv[2];
    const loaded = require('../scripts/code-cache.js').requireWithCodeCache(
      builder.bundle,
      OWN_CACHE.includes(command) ? command : undefined,
    );
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
