#!/usr/bin/env node
/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (node --expose-gc --import tsx), with
 * sizes suited to a run of a few minutes, and prints their output as it comes: targets.bench.ts
 * (the four targets of issue 12, side by side) first.
 *
 *   node bench/run-all.js              every benchmark
 *   node bench/run-all.js consolidate  only those whose file name contains "consolidate"
 *
 * Exit code 1 when a benchmark failed (the others still run).
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

/** The benchmark run first. */
const FIRST = 'targets.bench.ts';

/** Arguments per benchmark (default: none). */
const ARGS = {
  'consolidate.bench.ts': ['100', '1000', '3321'],
  'xlsx-read.bench.ts': ['--quick'],
};

const dir = __dirname;
const filters = process.argv.slice(2);
const benches = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  // The targets of issue 12 first (they print the figures side by side), then the others by name.
  .sort((a, b) => (b === FIRST) - (a === FIRST) || a.localeCompare(b));

if (benches.length === 0) {
  console.error(`No benchmark matches ${filters.join(', ')} in ${dir}.`);
  process.exit(1);
}

const failed = [];
const started = Date.now();
for (const bench of benches) {
  const args = ARGS[bench] ?? [];
  console.log(`\n=== ${bench}${args.length ? ` ${args.join(' ')}` : ''} ===\n`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(dir, bench), ...args], {
    cwd: path.join(dir, '..'),
    stdio: 'inherit',
  });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    failed.push(bench);
    console.log(`\n--- ${bench}: FAILED (exit ${r.status ?? r.signal}) after ${secs} s`);
  } else console.log(`\n--- ${bench}: ${secs} s`);
}
console.log(
  `\n${benches.length - failed.length}/${benches.length} benchmarks ran in ${((Date.now() - started) / 1000).toFixed(0)} s${failed.length ? `; failed: ${failed.join(', ')}` : ''}.`,
);
process.exitCode = failed.length ? 1 : 0;
