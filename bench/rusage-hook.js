// Preloaded (`node --require bench/rusage-hook.js …`) by bench/targets.bench.ts into the processes it
// measures: at exit, appends the process's peak RSS (worker threads included) and CPU time as one JSON
// line to $CCHC_BENCH_RUSAGE.
'use strict';
const fs = require('fs');

const file = process.env.CCHC_BENCH_RUSAGE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    fs.appendFileSync(
      file,
      `${JSON.stringify({ maxRssKb: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 })}\n`,
    );
  });
}
