/**
 * Reading the children of a consolidation: each workbook read, recognised, checked and reduced to
 * what consolidation keeps (compactChildReport), its bytes and cells released. With many files the
 * work is spread over worker threads, one per core (reading is CPU-bound); a worker sends back
 * each child as plain data (childToWire), in any order, and the children are kept in input order.
 */
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import type { ChildReport } from '../core/consolidate/engine';
import { childFromWire, childToWire, ReadReportError, type ChildWire } from '../core/recognise';
import { childOutcome } from '../core/consolidate/pipeline';
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
    // Checked and reduced as the task pane's worker does it (the core pipeline's childOutcome).
    return childOutcome(r, path.basename(file));
  } catch (e) {
    if (!(e instanceof ReadReportError)) throw e;
    return { unreadable: { file: path.basename(file), message: e.message } };
  }
}

/**
 * From this many files on, the children are read in worker threads: starting one (loading the
 * sources, warming up) costs about a second of CPU, which a few hundred files do not pay back.
 */
export const WORKER_THRESHOLD = 500;
/** Files handed to a worker ahead of its results, so that it never waits for the next name. */
const IN_FLIGHT = 4;

export interface ReadChildrenOptions {
  /** Worker threads: 0 or 1 reads in this thread; default: one per core from WORKER_THRESHOLD files on. */
  workers?: number;
  /** Called as each file is taken up, in input order. */
  onFile?: (i: number, file: string) => void;
}

export async function readChildren(
  files: string[],
  opts: ReadChildrenOptions = {},
): Promise<{ children: ChildReport[]; unreadable: UnreadableChild[] }> {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const source = workerSource();
  const workers = source
    ? Math.min(opts.workers ?? (files.length >= WORKER_THRESHOLD ? cores : 0), files.length, 8)
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

/** A worker's code: this module loaded through tsx, as bin/cchc.js loads the CLI (undefined: no workers here). */
function workerSource(): string | undefined {
  try {
    return `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(__filename)});`;
  } catch {
    return undefined;
  }
}

function readInWorkers(
  files: string[],
  count: number,
  source: string,
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
      const w = new Worker(source, { eval: true, workerData: { role: WORKER_ROLE } });
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
