/**
 * Consolidating many received commune workbooks into a 2-tier province's appendix, as
 * `cchc consolidate` does it (consolidateFiles: read + recognise + check each child, keep its
 * values, consolidate), next to the floor (a bare read of every sheet and row of the same files by
 * src/io/xlsx-read, the fastest reader we have, on one thread) and ExcelJS (on a sample). The
 * consolidation runs on one thread and, from WORKER_THRESHOLD files on, with the workers the CLI
 * would start from the sources (defaultWorkers; bench/targets.bench.ts measures the prebuilt CLI). Prints a table; not a test.
 *
 *   node --expose-gc --import tsx bench/consolidate.bench.ts [N…]      (default 100 1000 3321)
 *
 * The children: a few dozen distinct commune workbooks made with the real writer (planWorkbook +
 * writeWorkbookBuffer, plausible figures in the plan's value cells) and a few hand-typed ones (the
 * same workbooks stripped of their cchc names and metadata sheet, and seed 001's Phụ lục 1B typed
 * by hand), cloned to N files with distinct unit names by patching the zip (the shared strings,
 * which hold the unit name of the title line and of the metadata sheet). One child in ten is
 * hand-typed; the roster names them all and three units that did not report. Each run is a fresh
 * process (so memory figures are its own); files are read from disk (the page cache is warm: they
 * were just written). The temp dir is deleted at the end (kept with CCHC_BENCH_KEEP=1).
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import { consolidateFiles } from '../src/cli/cmd-consolidate';
import { recipeOf } from '../src/core/consolidate/engine';
import { defaultWorkers } from '../src/cli/read-children';

/** From this many files on, the run with the CLI's default workers is measured too. */
const WORKER_THRESHOLD = 1000;
import { COLUMNS, planWorkbook, type PlanCell } from '../src/core/layout';
import { checkReport } from '../src/core/rules';
import { exact, type ReportValues } from '../src/core/values';
import { chainById } from '../src/core/template/levels';
import { reportsRow, type Template } from '../src/core/template/load';
import { getTemplate } from '../src/core/template/registry';
import { readXlsx } from '../src/io/xlsx-read';
import { NODE_ZIP } from '../src/io/native-zip';
import { writeWorkbookBuffer } from '../src/io/xlsx-write';
import { buildHandmade } from '../test/helpers/handmade';
import { loadSeed } from '../test/helpers/seeds';
import { cloneBase, PLACEHOLDER, prepareBase, stripCchc, unitName, type Base } from './zip-clone';

const DEFAULT_SIZES = [100, 1000, 3321];
/** Distinct commune workbooks made with the writer (the clones cycle through them). */
const DISTINCT = 36;
/** One child in HAND_EVERY is hand-typed (no cchc metadata). */
const HAND_EVERY = 10;
const EXCELJS_SAMPLE = 100;
const MISSING = ['UBND xã Chưa Nộp Một', 'UBND phường Chưa Nộp Hai', 'UBND xã Chưa Nộp Ba'];

// ---------------------------------------------------------------- the children

/** Deterministic pseudo-random numbers (a commune's figures differ from its neighbours'). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A commune's workbook with plausible figures: random numbers, then the checker's own suggestions
 * applied until it finds nothing more to fix (so that children carry the few findings of real ones).
 */
/** Catalogue counts the province takes once (`uniform(xa.…)`): every commune reports the same figure. */
const UNIFORM = new Set(
  getTemplate('bnv2022-tinh')
    .forms.flatMap((f) => f.rows)
    .flatMap((r) =>
      [...(recipeOf(r, 'tinh', chainById('2cap')) ?? '').matchAll(/uniform\(xa\.([A-Za-z0-9]+:[A-Za-z0-9.]+)\)/g)].map(
        (m) => m[1],
      ),
    ),
);

async function communeWorkbook(t: Template, k: number): Promise<Uint8Array> {
  const plan = planWorkbook(t, {
    level: 'xa',
    period: '6T',
    year: 2025,
    unit: PLACEHOLDER,
    reportNo: `${100 + k}/BC-UBND`,
    date: '10/06/2025',
  });
  const rand = rng(k + 1);
  const rows = new Map(t.forms.flatMap((f) => f.rows).map((r) => [r.id, r]));
  const typed = new Map<string, PlanCell>();
  const values: ReportValues = new Map();
  for (const loc of plan.meta.rows) {
    const def = rows.get(loc.rowId)!;
    if (!reportsRow(t, def, 'xa')) continue;
    const sheet = plan.sheets.find((s) => s.name === loc.sheet)!;
    const r = Number(/\d+$/.exec(loc.address)![0]);
    const cell = sheet.rows.find((x) => x.r === r)?.cells.find((c) => c.col === COLUMNS.value.col);
    if (!cell || cell.formula !== undefined || rand() < 0.1) continue; // ratios are formulas; a few left blank
    let v: number | undefined;
    if (UNIFORM.has(def.id)) v = 173;
    else if (def.kind === 'count') v = Math.floor(rand() * 60);
    else if (def.kind === 'money') v = Math.round(rand() * 5e5) / 10;
    else if (def.kind === 'percent') v = Math.round(rand() * 10000) / 100;
    else if (def.kind === 'code') v = def.codes?.[Math.floor(rand() * def.codes.length)]?.value ?? 1;
    if (v === undefined) continue;
    typed.set(def.id, cell);
    values.set(def.id, exact(v, 2));
  }
  for (let round = 0; round < 6; round++) {
    const fixes = checkReport(t, 'xa', values, { mode: 'final' }).flatMap((f) =>
      f.suggestion && typed.has(f.suggestion.row) ? [f.suggestion] : [],
    );
    if (!fixes.length) break;
    for (const x of fixes) {
      if (x.value === null) values.delete(x.row);
      else values.set(x.row, exact(x.value, 2));
    }
  }
  for (const [id, cell] of typed) {
    const v = values.get(id)?.value;
    if (v !== undefined && v !== null) cell.value = v;
  }
  return writeWorkbookBuffer(plan);
}

async function generate(dir: string, n: number): Promise<{ files: string[]; units: string[]; hand: number }> {
  const t = getTemplate('bnv2022-huyen');
  const bases: Base[] = [];
  for (let k = 0; k < DISTINCT; k++) {
    const bytes = await communeWorkbook(t, k);
    bases.push(prepareBase(bytes, false));
    if (k % 9 === 0) bases.push(prepareBase(stripCchc(bytes), true));
  }
  const seed = loadSeed('001');
  // Typed for the same period as the others (a report of another period would be left out).
  const typed = await buildHandmade(
    { ...seed, period: '6 tháng đầu năm 2025' },
    { layout: 'single-table', habit: 'vn-text' },
  );
  bases.push(prepareBase(typed.bytes, true, seed.unit.replace(/^Ủy ban nhân dân /i, 'UBND ')));
  const cchc = bases.filter((b) => !b.hand);
  const hand = bases.filter((b) => b.hand);
  const files: string[] = [];
  const units: string[] = [];
  let handCount = 0;
  for (let i = 0; i < n; i++) {
    const isHand = i % HAND_EVERY === HAND_EVERY - 1;
    const base = isHand ? hand[Math.floor(i / HAND_EVERY) % hand.length] : cchc[i % cchc.length];
    if (isHand) handCount++;
    const file = path.join(dir, `bao-cao-xa-${String(i + 1).padStart(4, '0')}.xlsx`);
    writeFileSync(file, cloneBase(base, unitName(i)));
    files.push(file);
    units.push(unitName(i));
  }
  return { files, units, hand: handCount };
}

// ---------------------------------------------------------------- one measured run (child process)

interface Consolidation {
  workers: number;
  ms: number;
  received: number;
  unreadable: number;
  missing: number;
  peakRss: number;
  peakHeap: number;
  baseHeap: number;
  heapAfterGc: number;
  keptValues: number;
}

interface RunResult {
  n: number;
  handTyped: number;
  floorMs?: number;
  exceljsSample?: number;
  exceljsMs?: number;
  run: Consolidation;
}

const mb = (b: number) => (b / (1024 * 1024)).toFixed(0);
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/**
 * One measured run in a fresh process: the consolidation first (its memory figures are its own),
 * then, for the one-thread run, the floor and ExcelJS.
 */
async function runOne(dir: string, n: number, mode: 'auto' | 'one'): Promise<RunResult> {
  const list = JSON.parse(readFileSync(path.join(dir, 'files.json'), 'utf8')) as {
    files: string[];
    units: string[];
    handTyped: boolean[];
  };
  const files = list.files.slice(0, n);
  const roster = [...list.units.slice(0, n), ...MISSING];
  const template = getTemplate('bnv2022-tinh');
  const chain = chainById('2cap');
  // 'auto': the default of consolidateFiles run from the sources (tsx), as the CLI picks it.
  const workers = mode === 'one' ? 0 : defaultWorkers(n, false);
  gc();
  const baseHeap = process.memoryUsage().heapUsed;

  // (c) consolidation as `cchc consolidate` does it, memory sampled every 5 ms and every 25 files.
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  };
  const timer = setInterval(sample, 5);
  const t0 = performance.now();
  const run = await consolidateFiles({
    template,
    level: 'tinh',
    unit: 'UBND tỉnh Mẫu',
    period: '6T',
    year: 2025,
    chain,
    files,
    roster,
    workers,
    onFile: (i) => i % 25 === 0 && sample(),
  });
  const ms = performance.now() - t0;
  clearInterval(timer);
  sample();
  gc();
  const heapAfterGc = process.memoryUsage().heapUsed;
  const consolidation: Consolidation = {
    workers,
    ms,
    received: run.result.units.filter((u) => u.status !== 'replaced').length,
    unreadable: run.unreadable.length,
    missing: run.result.missing.length,
    peakRss,
    peakHeap,
    baseHeap,
    heapAfterGc,
    keptValues: run.result.used.reduce((sum, c) => sum + c.values.size, 0),
  };
  const out: RunResult = { n, handTyped: list.handTyped.slice(0, n).filter(Boolean).length, run: consolidation };
  if (mode !== 'one') return out;

  // (a) the floor: a bare read of every file from disk, every sheet and row, by the same reader
  // with the same native codec (one thread).
  const t1 = performance.now();
  let cells = 0;
  for (const f of files) cells += readXlsx(readFileSync(f), NODE_ZIP ? { native: NODE_ZIP } : {}).sheets.length;
  out.floorMs = performance.now() - t1;

  // (b) ExcelJS on a sample (it is too slow to read them all at every size).
  const sampleFiles = files.slice(0, Math.min(EXCELJS_SAMPLE, n));
  const t2 = performance.now();
  for (const f of sampleFiles) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(f) as unknown as ArrayBuffer);
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell(() => cells++)));
  }
  out.exceljsMs = performance.now() - t2;
  out.exceljsSample = sampleFiles.length;
  return out;
}

// ---------------------------------------------------------------- driver

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--one') {
    const r = await runOne(args[1], Number(args[2]), args[3] === 'one' ? 'one' : 'auto');
    process.stdout.write(`${JSON.stringify(r)}\n`);
    return;
  }
  const sizes = args.map(Number).filter((x) => Number.isInteger(x) && x > 0);
  const ns = sizes.length ? sizes : DEFAULT_SIZES;
  const max = Math.max(...ns);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cchc-consolidate-bench-'));
  try {
    const g0 = performance.now();
    const { files, units } = await generate(dir, max);
    const handTyped = files.map((_, i) => i % HAND_EVERY === HAND_EVERY - 1);
    writeFileSync(path.join(dir, 'files.json'), JSON.stringify({ files, units, handTyped }));
    console.log(
      `Generated ${max} child workbooks (${DISTINCT} distinct communes made by the writer, 1 in ${HAND_EVERY} hand-typed) in ${((performance.now() - g0) / 1000).toFixed(1)} s; ${mb(files.reduce((s, f) => s + readFileSync(f).length, 0))} MB on disk.`,
    );
    if (!(globalThis as { gc?: unknown }).gc) console.log('(run with --expose-gc for the heap after GC)');
    const measure = (n: number, mode: 'auto' | 'one'): RunResult => {
      const p = spawnSync(process.execPath, [...process.execArgv, __filename, '--one', dir, String(n), mode], {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      });
      if (p.status !== 0) throw new Error(`run of ${n} (${mode}) failed:\n${p.stderr}`);
      return JSON.parse(p.stdout.trim().split('\n').pop()!) as RunResult;
    };
    const rows = ns.map((n) => {
      const one = measure(n, 'one');
      const auto = n >= WORKER_THRESHOLD ? measure(n, 'auto') : undefined;
      return { one, auto };
    });
    const f1 = (x: number) => x.toFixed(1);
    const f2 = (x: number) => x.toFixed(2);
    console.log(
      `\nNode ${process.version}, ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}. Files read from disk (page cache warm). Each run in a fresh process.`,
    );
    console.log(
      'Consolidation = consolidateFiles of `cchc consolidate`: read + recognise + check each child, keep its values, consolidate (bnv2022-huyen communes → bnv2022-tinh, 2-tier).',
    );
    console.log(
      `Floor = bare readXlsx of every file (every sheet and row, Node zlib codec), one thread. ExcelJS = load + visit every cell, first ${EXCELJS_SAMPLE} files only (total extrapolated).`,
    );
    console.log(
      `"workers" = from ${WORKER_THRESHOLD} files on, the workers consolidateFiles starts by default from the TypeScript sources (defaultWorkers: idle cores, files; 0 = one thread). Memory: peak RSS and heap of the process (RSS includes the workers), heap after GC before → after the run (the result still held), and what stays per file.\n`,
    );
    console.log(
      '| files | hand-typed | floor ms/file | floor s | ExcelJS ms/file | ExcelJS s (est.) | consolidate, 1 thread: ms/file | s | × floor | consolidate, workers: ms/file | s | × floor | peak RSS MB (1 thread / workers) | peak heap MB (1 thread / workers) | heap after GC MB (1 thread / workers) | kept values | retained KB/file (1 thread) |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const { one, auto } of rows) {
      const floor = one.floorMs!;
      const r = one.run;
      const w = auto?.run;
      const retained = (r.heapAfterGc - r.baseHeap) / one.n / 1024;
      console.log(
        [
          one.n,
          one.handTyped,
          f2(floor / one.n),
          f1(floor / 1000),
          f2(one.exceljsMs! / one.exceljsSample!),
          f1(((one.exceljsMs! / one.exceljsSample!) * one.n) / 1000),
          f2(r.ms / one.n),
          f1(r.ms / 1000),
          `${f2(r.ms / floor)}×`,
          w ? `${f2(w.ms / one.n)} (${w.workers})` : '—',
          w ? f1(w.ms / 1000) : '—',
          w ? `${f2(w.ms / floor)}×` : '—',
          `${mb(r.peakRss)} / ${w ? mb(w.peakRss) : '—'}`,
          `${mb(r.peakHeap)} / ${w ? mb(w.peakHeap) : '—'}`,
          `${mb(r.baseHeap)} → ${mb(r.heapAfterGc)} / ${w ? `${mb(w.baseHeap)} → ${mb(w.heapAfterGc)}` : '—'}`,
          r.keptValues,
          f1(retained),
        ]
          .join(' | ')
          .replace(/^/, '| ')
          .replace(/$/, ' |'),
      );
    }
    // What each further file keeps: the heap after GC, between consecutive sizes (the fixed part — code,
    // templates, bounded caches — cancels out).
    for (let k = 1; k < rows.length; k++) {
      const [a, b] = [rows[k - 1], rows[k]];
      const per = (x?: RunResult, y?: RunResult) =>
        x && y ? `${f1((y.run.heapAfterGc - x.run.heapAfterGc) / (y.n - x.n) / 1024)} KB` : '—';
      console.log(
        `Heap kept per further file, ${a.one.n} → ${b.one.n} files: ${per(a.one, b.one)} (1 thread), ${per(a.auto, b.auto)} (workers); ${f1(b.one.run.keptValues / b.one.n)} values kept per file.`,
      );
    }
    for (const { one, auto } of rows) {
      for (const x of [one, auto]) {
        if (!x) continue;
        const r = x.run;
        if (r.received !== x.n || r.unreadable || r.missing !== MISSING.length)
          console.log(
            `! ${x.n}: received ${r.received}, unreadable ${r.unreadable}, missing ${r.missing} (expected ${x.n}, 0, ${MISSING.length})`,
          );
      }
    }
  } finally {
    if (process.env.CCHC_BENCH_KEEP) console.log(`(kept ${dir})`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
