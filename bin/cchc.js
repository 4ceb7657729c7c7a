#!/usr/bin/env node
// `cchc`: runs the TypeScript CLI through tsx's loader, so a clone works right after `npm ci`.
require('tsx/cjs');
const { main, exitAfterOutput } = require('../src/cli/main.ts');
main(process.argv.slice(2)).then(
  (code) => exitAfterOutput(code),
  (err) => {
    process.stderr.write(`Lỗi: ${err && err.message ? err.message : String(err)}\n`);
    exitAfterOutput(2);
  },
);
