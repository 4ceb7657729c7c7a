/**
 * Reading the children of a consolidation: each workbook read, recognised, checked and reduced to
 * what consolidation keeps (compactChildReport), its bytes and cells released. With many files the
 * work is spread over worker threads, one per idle core (reading is CPU-bound); a worker sends back
 * each child as plain data (childToWire), in any order, and the children are kept in input order.
 * Workers run the prebuilt JavaScript of dist-cli when the CLI runs from it (see scripts/build-cli.js).
 */
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import type { ChildReport } from '../core/consolidate/engine';
import { childFromWire, childToWire, compactChildReport, ReadReportError, type ChildWire } from '../core/recognise';
import { checkReport } from '../core/rules';
import { builtinTemplates } from '../core/template/registry';
import { NODE_ZIP } from '../io/native-zip';
import { readReport } from '../io/read-report';
import { readReportFile } from '../io/read-report-file';

export interface UnreadableChild {
  file: string;
  message: string;
}

type Outcome = { child: ChildReport } | { unreadable: UnreadableChild };

/** A file's bytes, read while the previous file is recognised; undefined when unreadable (readReportFile then says why). */
function readAhead(file: string): Promise<Uint8Array | undefined> {
  return fs.readFile(file).then(
    (b) => b,
    () => undefined,
  );
}

/** Reads, recognises and checks one child workbook; a file that is not a readable appendix is `unreadable`. */
export async function readChild(file: string, bytes?: Promise<Uint8Array | undefined>): Promise<Outcome> {
  try {
    const read = await bytes;
    const r = read
      ? { ...readReport(read, { fileName: path.basename(file), ...(NODE_ZIP ? { native: NODE_ZIP } : {}) }), file }
      : await readReportFile(file);
    if (!r.level)
      throw new ReadReportError(
        'unreadable',
        `Tệp «${path.basename(file)}»: không xác định được cấp báo cáo (ghi rõ «UBND xã …» ở tiêu đề).`,
        file,
      );
    const findings = checkReport(r.template, r.level, r.values, { mode: 'final' });
    return { child: compactChildReport({ ...r, file: path.basename(file) }, findings) };
  } catch (e) {
    if (!(e instanceof ReadReportError)) throw e;
    return { unreadable: { file: path.basename(file), message: e.message } };
  }
}

/**
 * Files a worker thread must have to pay for starting: loading the CLI (about 0.3 s of CPU for the
 * prebuilt JavaScript of dist-cli, 2 s for the TypeScript sources through tsx) and recognising each
 * layout once more, against about 3 ms a file.
 */
export const FILES_PER_WORKER = { prebuilt: 250, tsx: 1000 };
/** The most worker threads ever started. */
const MAX_WORKERS = 8;

/**
 * Worker threads for `files` files: one per core that is idle (the cores less the load average: on
 * a busy machine threads only take turns) and per FILES_PER_WORKER files; below two, none (one
 * worker is one thread plus its start).
 */
export function defaultWorkers(
  files: number,
  prebuilt: boolean,
  cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
  load = os.loadavg()[0],
): number {
  const idle = Math.max(1, Math.round(cores - load));
  const n = Math.min(cores, idle, MAX_WORKERS, Math.floor(files / FILES_PER_WORKER[prebuilt ? 'prebuilt' : 'tsx']));
  return n >= 2 ? n : 0;
}

/** CCHC_WORKERS=N: the number of worker threads chosen by the user (0: none). */
function envWorkers(): number | undefined {
  const v = process.env.CCHC_WORKERS;
  return v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : undefined;
}

/** Files handed to a worker ahead of its results, so that it never waits for the next name. */
const IN_FLIGHT = 4;

export interface ReadChildrenOptions {
  /** Worker threads: 0 or 1 reads in this thread; default: $CCHC_WORKERS, else defaultWorkers. */
  workers?: number;
  /** Called as each file is taken up, in input order. */
  onFile?: (i: number, file: string) => void;
}

export async function readChildren(
  files: string[],
  opts: ReadChildrenOptions = {},
): Promise<{ children: ChildReport[]; unreadable: UnreadableChild[] }> {
  const source = workerSource();
  const workers = source
    ? Math.min(opts.workers ?? envWorkers() ?? defaultWorkers(files.length, source.prebuilt), files.length, MAX_WORKERS)
    : 0;
  const outcomes: Outcome[] = workers > 1 ? await readInWorkers(files, workers, source!, opts.onFile) : [];
  if (workers <= 1) {
    let next = files.length ? readAhead(files[0]) : undefined;
    for (const [i, file] of files.entries()) {
      opts.onFile?.(i, file);
      const bytes = next;
      next = i + 1 < files.length ? readAhead(files[i + 1]) : undefined;
      outcomes.push(await readChild(file, bytes));
    }
  }
  const children: ChildReport[] = [];
  const unreadable: UnreadableChild[] = [];
  for (const o of outcomes) {
    if ('child' in o) children.push(o.child);
    else unreadable.push(o.unreadable);
  }
  return { children, unreadable };
}

// ---------------------------------------------------------------- worker threads

interface Job {
  i: number;
  file: string;
}
type Reply =
  | { i: number; child: ChildWire }
  | { i: number; unreadable: UnreadableChild }
  | { i: number; error: { message: string; stack?: string } };

const WORKER_ROLE = 'cchc-read-children';

/** How a worker thread starts: a file to run, or code to evaluate. */
interface WorkerSource {
  code: string;
  eval: boolean;
  /** The prebuilt JavaScript (dist-cli), not the TypeScript sources through tsx. */
  prebuilt: boolean;
}

/**
 * A worker's code: the prebuilt CLI itself when this module runs from it (bin/cchc.js, dist-cli/cli.js:
 * loading it starts serveJobs below), else this module loaded through tsx (tests, benchmarks run
 * from the sources); undefined: no workers here.
 */
function workerSource(): WorkerSource | undefined {
  if (__filename.endsWith('.js')) return { code: __filename, eval: false, prebuilt: true };
  try {
    return {
      code: `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(__filename)});`,
      eval: true,
      prebuilt: false,
    };
  } catch {
    return undefined;
  }
}

function readInWorkers(
  files: string[],
  count: number,
  source: WorkerSource,
  onFile?: (i: number, file: string) => void,
): Promise<Outcome[]> {
  const templates = builtinTemplates();
  const outcomes: Outcome[] = new Array(files.length);
  return new Promise((resolve, reject) => {
    let next = 0;
    let done = 0;
    let failed = false;
    const pool: Worker[] = [];
    const stop = () => pool.forEach((w) => void w.terminate());
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      stop();
      reject(e);
    };
    const feed = (w: Worker) => {
      if (next >= files.length) return;
      const job: Job = { i: next, file: files[next] };
      onFile?.(job.i, job.file);
      next++;
      w.postMessage(job);
    };
    for (let k = 0; k < count; k++) {
      const w = new Worker(source.code, { eval: source.eval, workerData: { role: WORKER_ROLE } });
      pool.push(w);
      w.on('message', (m: Reply) => {
        if ('error' in m) {
          const e = new Error(m.error.message);
          if (m.error.stack) e.stack = m.error.stack;
          fail(e);
          return;
        }
        outcomes[m.i] = 'child' in m ? { child: childFromWire(m.child, templates) } : { unreadable: m.unreadable };
        done++;
        if (done === files.length) {
          stop();
          resolve(outcomes);
        } else feed(w);
      });
      w.on('error', (e: Error) => fail(e));
      w.on('exit', (code) => {
        if (!failed && done < files.length && code !== 0)
          fail(new Error(`Luồng đọc tệp dừng bất thường (mã ${code}).`));
      });
      for (let j = 0; j < IN_FLIGHT; j++) feed(w);
    }
  });
}

function serveJobs(): void {
  // Jobs run one after another (reading is synchronous once the bytes are in), replies in order.
  let queue = Promise.resolve();
  parentPort!.on('message', (job: Job) => {
    const bytes = readAhead(job.file);
    queue = queue.then(async () => {
      try {
        const o = await readChild(job.file, bytes);
        parentPort!.postMessage(
          'child' in o ? { i: job.i, child: childToWire(o.child) } : { i: job.i, unreadable: o.unreadable },
        );
      } catch (e) {
        const err = e as Error;
        parentPort!.postMessage({
          i: job.i,
          error: { message: err?.message ?? String(e), ...(err?.stack ? { stack: err.stack } : {}) },
        });
      }
    });
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) serveJobs();
