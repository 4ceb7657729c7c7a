/**
 * Rule engine benchmark: a BNV 2022 district report (seed 000, UBND huyện Kông Chro, on the
 * built-in bnv2022-huyen template) checked in full, and one changed cell through the
 * incremental checker. Run: node --import tsx bench/rules.bench.ts
 */
import { checkReport, compileRules, createChecker, prepare } from '../src/core/rules';
import { readNumber } from '../src/core/number';
import { seedReport } from '../test/rules-fixtures';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(runs: number, f: (i: number) => void): { median: number; p90: number } {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f(i);
    xs.push((performance.now() - t0) * 1000);
  }
  const s = [...xs].sort((a, b) => a - b);
  return { median: median(xs), p90: s[Math.floor(s.length * 0.9)] };
}

const { t, values, level } = seedReport('bnv2022-huyen');
const fmt = (r: { median: number; p90: number }) => `median ${r.median.toFixed(0)} µs, p90 ${r.p90.toFixed(0)} µs`;

const t0 = performance.now();
prepare(t, level);
console.log(
  `template ${t.id}: ${t.rowsById.size} rows, ${t.allRules.length} rules; report: ${values.size} filled cells (seed 000)`,
);
console.log(
  `prepare (lower every rule and row, once per template and level): ${((performance.now() - t0) * 1000).toFixed(0)} µs`,
);

for (let i = 0; i < 50; i++) checkReport(t, level, values); // warm-up
const findings = checkReport(t, level, values);
console.log(`full check (typing), ${findings.length} findings: ${fmt(time(300, () => checkReport(t, level, values)))}`);
console.log(`full check (final): ${fmt(time(300, () => checkReport(t, level, values, { mode: 'final' })))}`);

// A clean report: every violated cell replaced by its suggestion.
const clean = new Map(values);
for (const f of findings)
  if (f.suggestion) clean.set(f.suggestion.row, readNumber(f.suggestion.value, t.rowsById.get(f.suggestion.row)!.kind));
console.log(
  `full check of the corrected report (${checkReport(t, level, clean).length} findings): ${fmt(time(300, () => checkReport(t, level, clean)))}`,
);

// One changed cell, alternating between two values so every update changes something.
const checker = createChecker(t, level, values);
const cells: [string, string, string][] = [
  ['BM3:3.2.2', '2.521', '2.520'], // inside a ratio and a bound
  ['BM7:7.5', '100', '69,14'], // fixes and breaks a ratio
  ['BM4:1.5', '33', '38'], // a sum and a cross-form rule
  ['BM1:1', '58', '59'], // a row no rule reads
];
for (const [id, a, b] of cells) {
  const kind = t.rowsById.get(id)!.kind;
  const ra = readNumber(a, kind);
  const rb = readNumber(b, kind);
  for (let i = 0; i < 50; i++) checker.update(new Map([[id, i % 2 ? ra : rb]]));
  const r = time(1000, (i) => checker.update(new Map([[id, i % 2 ? ra : rb]])));
  console.log(`incremental update of ${id} (${a} ↔ ${b}): ${fmt(r)}`);
}

console.log(
  `compile every check to Excel formulas: ${fmt(time(50, () => compileRules(t, level, (id) => `'Biểu mẫu'!$D$${id.length}`)))}`,
);
