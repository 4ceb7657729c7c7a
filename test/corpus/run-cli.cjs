// Runs `cchc` as bin/cchc.js does, then reports its peak memory (KB) and the time main() took (ms,
// after tsx has loaded the sources) on the last line of stderr:
// the corpus test's harness for "a message within 5 s and under 300 MB".
require('tsx/cjs');
const { main, exitAfterOutput } = require('../../src/cli/main.ts');
const started = Date.now();
main(process.argv.slice(2)).then(
  (code) => {
    process.stderr.write(`\nmaxRSS=${process.resourceUsage().maxRSS} ms=${Date.now() - started}\n`);
    exitAfterOutput(code);
  },
  (err) => {
    process.stderr.write(
      `Lỗi: ${err && err.message ? err.message : String(err)}\nmaxRSS=${process.resourceUsage().maxRSS}\n`,
    );
    exitAfterOutput(2);
  },
);
