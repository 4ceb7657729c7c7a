/**
 * The four targets of issue 12, measured side by side in one run and printed with their figures
 * (`npm run bench` runs it; not a test):
 *
 * 1. 1,000 hand-typed commune workbooks written from one blank (bench/handtyped.ts): `cchc consolidate`
 *    as a user runs it (bin/cchc.js, start-up included) ≤ 0.5× a bare ExcelJS read of the same files
 *    (load + visit every cell) and ≤ 2× the project's own bare read (src/io/xlsx-read, every sheet
 *    and row);
 * 2. 3,321 communes (the whole country since July 2025): `cchc consolidate` < 10 s with its default
 *    workers (beside it: all in one thread, and one reading thread), peak memory flat in N (300 /
 *    1,000 / 3,321 files);
 * 3. `cchc check` of one file < 0.5 s wall, start-up included (median of 5; `node -e 0` beside it);
 * 4. the task pane's consolidation worker (src/taskpane/consolidate.worker.ts, bundled by esbuild for
 *    the browser) in Debian's Chromium on 100 hand-typed files: ms per file within 2× of the same
 *    code in Node; both started afresh (a new worker, a new process), the best of three.
 *
 * The machine may be shared: the runs of a target alternate (A B A B …, the best of each kept) and
 * the load average is printed; CPU time is printed beside wall time.
 *
 *   node --import tsx bench/targets.bench.ts [--quick] [--only=1,4]
 *   (--quick: fewer files, for trying it out; --only: these targets only)
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createServer } from 'http';
import type { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import { readXlsx } from '../src/io/xlsx-read';
import { NODE_ZIP } from '../src/io/native-zip';
import { writeHandTyped } from './handtyped';

const ROOT = path.resolve(__dirname, '..');
const QUICK = process.argv.includes('--quick');
/** `--only=1,4`: only these targets. */
const ONLY = (
  process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice(7)
    .split(',') ?? ['1', '2', '3', '4']
).map(Number);
const N_HAND = QUICK ? 200 : 1000;
const N_COUNTRY = QUICK ? 600 : 3321;
const N_MEMORY = QUICK ? [100, 300, 600] : [300, 1000, 3321];
const N_BROWSER = 100;
const ROUNDS = QUICK ? 1 : 2;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const f1 = (x: number) => x.toFixed(1);
const threadsText = (n: number) => `${n} reading thread${n > 1 ? 's' : ''}`;
const f2 = (x: number) => x.toFixed(2);
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

interface Timing {
  wallMs: number;
  cpuMs: number;
  maxRssKb?: number;
}

// ---------------------------------------------------------------- child-process modes

/** `--read exceljs|floor LIST`: a bare read of the listed files, timed inside the process. */
async function readMode(kind: string, list: string): Promise<void> {
  const files = JSON.parse(readFileSync(list, 'utf8')) as string[];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let cells = 0;
  for (const f of files) {
    if (kind === 'exceljs') {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(f) as unknown as ArrayBuffer);
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell(() => cells++)));
    } else {
      const book = readXlsx(readFileSync(f), NODE_ZIP ? { native: NODE_ZIP } : {});
      for (const s of book.sheets)
        for (let r = 1; r <= s.maxRow; r++) for (let c = 1; c <= s.maxCol; c++) if (s.get(r, c)) cells++;
    }
  }
  const c = process.cpuUsage(c0);
  const out: Timing = { wallMs: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
  process.stdout.write(`${JSON.stringify({ ...out, cells })}\n`);
}

// ---------------------------------------------------------------- measuring

/** Runs node with args (the rusage hook preloaded): wall time, CPU and peak RSS of the whole process. */
function runNode(args: string[], env: Record<string, string> = {}): Timing & { stdout: string; code: number | null } {
  const rusage = path.join(os.tmpdir(), `cchc-rusage-${process.pid}-${Date.now()}.jsonl`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', path.join(__dirname, 'rusage-hook.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, ...env, CCHC_BENCH_RUSAGE: rusage },
  });
  const wallMs = performance.now() - t0;
  let u = { cpuMs: NaN, maxRssKb: NaN };
  try {
    u = JSON.parse(readFileSync(rusage, 'utf8').trim().split('\n').pop()!) as typeof u;
    rmSync(rusage);
  } catch {
    // no figures: printed as NaN
  }
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`node ${args.join(' ').slice(0, 200)} failed (${r.status}):\n${r.stderr}`);
  return { wallMs, cpuMs: u.cpuMs, maxRssKb: u.maxRssKb, stdout: r.stdout, code: r.status };
}

function bareRead(kind: 'exceljs' | 'floor', list: string): Timing {
  const r = runNode(['--import', 'tsx', __filename, '--read', kind, list]);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Timing;
}

const consolidateArgs = (files: string[], out: string) => [
  path.join(ROOT, 'bin', 'cchc.js'),
  'consolidate',
  '--template',
  'bnv2022-tinh',
  '--level',
  'tinh',
  '--chain',
  '2cap',
  '--unit',
  'UBND tỉnh Mẫu',
  '--period',
  '6T',
  '--year',
  '2025',
  '--force',
  '--out',
  out,
  ...files,
];

function cli(files: string[], dir: string, workers?: number): Timing & { threads: number } {
  const env: Record<string, string> = workers === undefined ? {} : { CCHC_WORKERS: String(workers) };
  const r = runNode(consolidateArgs(files, path.join(dir, 'tong-hop.xlsx')), env);
  // Every file consolidated, none left out: the run measured is the real work.
  const received = /Đã nhận ([\d.]+) báo cáo được tổng hợp/.exec(r.stdout);
  if (!received || Number(received[1].replace(/\./g, '')) !== files.length)
    throw new Error(`cchc consolidate did not consolidate all ${files.length} files:\n${r.stdout.slice(0, 2000)}`);
  // The reading threads the CLI chose (it says so beside the reading time when more than one).
  const threads = Number(/\((\d+) luồng đọc song song\)/.exec(r.stdout)?.[1] ?? 1);
  return { ...r, threads };
}

/** Runs each measurement `rounds` times, alternating, and keeps the best wall time of each. */
function sideBySide<T extends Timing>(rounds: number, runs: Record<string, () => T>): Record<string, T> {
  const best: Record<string, T> = {};
  for (let k = 0; k < rounds; k++) {
    for (const [name, run] of Object.entries(runs)) {
      const t = run();
      if (!best[name] || t.wallMs < best[name].wallMs) best[name] = t;
    }
  }
  return best;
}

// ---------------------------------------------------------------- the browser worker

async function browserVsNode(files: string[], dir: string): Promise<{ browserMs: number; nodeMs: number } | string> {
  const esbuild = await import('esbuild');
  const workerJs = path.join(dir, 'consolidate-worker.js');
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['src/taskpane/consolidate.worker.ts'],
    outfile: workerJs,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    logLevel: 'silent',
  });
  const jobJs = path.join(dir, 'consolidate-job.js');
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['src/taskpane/consolidate-job.ts'],
    outfile: jobJs,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    logLevel: 'silent',
  });
  const request = {
    templateId: 'bnv2022-tinh',
    level: 'tinh',
    period: '6T',
    year: 2025,
    unit: 'UBND tỉnh Mẫu',
  };
  // Node: the same code, bundled the same way, on the same bytes, in a fresh process; timed from loading
  // the bundle to the result, as the browser's is from starting the worker to its answer.
  const named = files.map((f) => ({ name: path.basename(f), bytes: new Uint8Array(readFileSync(f)) }));
  const runner = path.join(dir, 'node-job.js');
  writeFileSync(
    runner,
    `const fs = require('fs');
const files = ${JSON.stringify(files)}.map((f) => ({ name: require('path').basename(f), bytes: new Uint8Array(fs.readFileSync(f)) }));
const t0 = performance.now();
const job = require(${JSON.stringify(jobJs)});
job.runConsolidation({ ...${JSON.stringify(request)}, files });
process.stdout.write(String(performance.now() - t0));`,
  );
  const nodeRuns: number[] = [];
  for (let k = 0; k < 3; k++) nodeRuns.push(Number(spawnSync(process.execPath, [runner], { encoding: 'utf8' }).stdout));
  const nodeMs = Math.min(...nodeRuns);

  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    return 'playwright-core absent';
  }
  const page = `<!doctype html><meta charset="utf-8"><title>bench</title><script>
async function run(names, request) {
  const files = await Promise.all(names.map(async (name) => ({ name, bytes: new Uint8Array(await (await fetch('/files/' + name)).arrayBuffer()) })));
  const once = (fs) => new Promise((resolve, reject) => {
    const w = new Worker('/consolidate-worker.js');
    const t0 = performance.now();
    w.onmessage = (e) => {
      if (e.data.type === 'done') { resolve(performance.now() - t0); w.terminate(); }
      else if (e.data.type === 'error') reject(new Error(e.data.message));
    };
    w.postMessage({ ...request, files: fs });
  });
  const times = [];
  for (let k = 0; k < 3; k++) times.push(await once(files));
  return Math.min(...times);
}
</script>`;
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    } else if (url === '/consolidate-worker.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(readFileSync(workerJs));
    } else if (url.startsWith('/files/')) {
      const i = named.findIndex((f) => `/files/${f.name}` === url);
      if (i < 0) {
        res.writeHead(404);
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(named[i].bytes);
      }
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const p = await browser.newPage();
    await p.goto(`http://127.0.0.1:${port}/`);
    const browserMs = (await p.evaluate(
      ([names, req]) => (globalThis as unknown as { run(n: string[], r: unknown): Promise<number> }).run(names, req),
      [named.map((f) => f.name), request] as const,
    )) as number;
    return { browserMs, nodeMs };
  } finally {
    await browser.close();
    server.close();
  }
}

// ---------------------------------------------------------------- driver

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--read') return readMode(args[1], args[2]);

  const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-cli.js'), '--if-stale'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`dist-cli: ${built.stderr}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cchc-targets-'));
  const lines: string[] = [];
  const say = (s = '') => {
    lines.push(s);
    console.log(s);
  };
  try {
    const g0 = performance.now();
    const need = Math.max(...ONLY.map((t) => [0, N_HAND, N_COUNTRY, 1, N_BROWSER][t] ?? 0));
    const { files } = await writeHandTyped(path.join(dir, 'xa'), need);
    say(
      `${files.length} hand-typed commune workbooks from one blank generated in ${f1((performance.now() - g0) / 1000)} s. Node ${process.version}, ${os.cpus().length} cores, load average ${load()} (1, 5, 15 min).`,
    );

    // 1. 1,000 hand-typed communes
    if (ONLY.includes(1)) {
      const hand = files.slice(0, N_HAND);
      const list = path.join(dir, 'hand.json');
      writeFileSync(list, JSON.stringify(hand));
      const t1 = sideBySide(ROUNDS, {
        exceljs: () => bareRead('exceljs', list),
        floor: () => bareRead('floor', list),
        cli: () => cli(hand, dir),
      });
      const threads1 = (t1.cli as Timing & { threads: number }).threads;
      const per = (t: Timing) =>
        `${f2(t.wallMs / N_HAND)} ms/file (${f1(t.wallMs / 1000)} s wall, ${f1(t.cpuMs / 1000)} s CPU)`;
      say();
      say(`1. ${N_HAND} hand-typed communes (load average ${load()}):`);
      say(`   bare ExcelJS read (load + every cell):       ${per(t1.exceljs)}`);
      say(`   bare read by src/io/xlsx-read (every cell):  ${per(t1.floor)}`);
      say(`   cchc consolidate (start-up included):        ${per(t1.cli)}, ${threadsText(threads1)}`);
      const rEx = t1.cli.wallMs / t1.exceljs.wallMs;
      const rFl = t1.cli.wallMs / t1.floor.wallMs;
      say(
        `   → ${f2(rEx)}× ExcelJS (target ≤ 0.5×: ${rEx <= 0.5 ? 'met' : 'NOT met'}); ${f2(rFl)}× the bare read (target ≤ 2×: ${rFl <= 2 ? 'met' : 'NOT met'})`,
      );
    }

    // 2. the whole country, and memory against N
    if (ONLY.includes(2)) {
      const country = files.slice(0, N_COUNTRY);
      const t2 = sideBySide(ROUNDS, {
        auto: () => cli(country, dir),
        one: () => cli(country, dir, 0),
        worker: () => cli(country, dir, 1),
      });
      // With the default workers (their number may change with N), and with one reading thread for every
      // N: memory against N apart from the memory of another thread.
      const mem = N_MEMORY.map((n) => ({ n, t: cli(files.slice(0, n), dir), one: cli(files.slice(0, n), dir, 1) }));
      say();
      say(`2. ${N_COUNTRY} communes (load average ${load()}):`);
      say(
        `   cchc consolidate, default workers: ${f1(t2.auto.wallMs / 1000)} s wall (${f1(t2.auto.cpuMs / 1000)} s CPU); one thread (CCHC_WORKERS=0): ${f1(t2.one.wallMs / 1000)} s wall (${f1(t2.one.cpuMs / 1000)} s CPU)`,
      );
      say(
        `   one reading thread beside the main one (CCHC_WORKERS=1, the least the default uses: a file that hangs it can be stopped): ${f1(t2.worker.wallMs / 1000)} s wall (${f1(t2.worker.cpuMs / 1000)} s CPU)`,
      );
      say(
        `   → target < 10 s: ${t2.auto.wallMs < 10_000 ? 'met' : 'NOT met'}; default = ${t2.auto.threads} reading thread(s), chosen from the idle cores at its start: ${f2(t2.auto.wallMs / t2.one.wallMs)}× one thread's wall time, ${f2(t2.auto.wallMs / t2.worker.wallMs)}× one reading thread's`,
      );
      const mb = (t: Timing) => f1(t.maxRssKb! / 1024);
      say(
        `   peak RSS, default workers: ${mem.map((m) => `${m.n} files ${mb(m.t)} MB (${threadsText(m.t.threads)})`).join(', ')}`,
      );
      const [first, last] = [mem[0], mem[mem.length - 1]];
      // Per file between two sizes: the first step includes a reading thread's heap growing to its
      // working size (flat after some hundreds of files), the last is what a file costs.
      const steps = mem
        .slice(1)
        .map(
          (m, k) =>
            `${mem[k].n} → ${m.n}: ${f1((m.one.maxRssKb! - mem[k].one.maxRssKb!) / (m.n - mem[k].n))} kB a file`,
        );
      say(
        `   peak RSS, one reading thread: ${mem.map((m) => `${m.n} files ${mb(m.one)} MB`).join(', ')} → ${f2(last.one.maxRssKb! / first.one.maxRssKb!)}× for ${f1(last.n / first.n)}× the files (${steps.join('; ')})`,
      );
    }

    // 3. cchc check of one file
    if (ONLY.includes(3)) {
      const checks: Timing[] = [];
      const bare: Timing[] = [];
      for (let k = 0; k < 5; k++) {
        checks.push(runNode([path.join(ROOT, 'bin', 'cchc.js'), 'check', files[0]]));
        bare.push(runNode(['-e', '0']));
      }
      const median = (xs: Timing[]) => [...xs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(xs.length / 2)];
      const mc = median(checks);
      say();
      say(`3. cchc check of one hand-typed file (median of 5, load average ${load()}):`);
      say(
        `   ${Math.round(mc.wallMs)} ms wall, ${Math.round(mc.cpuMs)} ms CPU; node -e 0 beside it: ${Math.round(median(bare).wallMs)} ms wall`,
      );
      say(`   → target < 500 ms: ${mc.wallMs < 500 ? 'met' : 'NOT met'}`);
    }

    // 4. the task pane's worker in Chromium
    if (ONLY.includes(4)) {
      const b = await browserVsNode(files.slice(0, N_BROWSER), dir);
      say();
      say(`4. task pane's consolidation worker, ${N_BROWSER} hand-typed files (load average ${load()}):`);
      if (typeof b === 'string') say(`   not measured: ${b}`);
      else {
        const ratio = b.browserMs / b.nodeMs;
        say(
          `   Chromium web worker: ${f2(b.browserMs / N_BROWSER)} ms/file; Node, same bundle: ${f2(b.nodeMs / N_BROWSER)} ms/file`,
        );
        say(`   → ${f2(ratio)}× Node (target ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'})`);
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
