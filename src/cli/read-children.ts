/**
 * Reading the children of a consolidation: each workbook read, recognised, checked and reduced to
 * what consolidation keeps (compactChildReport), its bytes and cells released. With many files the
 * work is spread over worker threads, one per idle core (reading is CPU-bound); a worker sends back
 * each child as plain data (childToWire), in any order, and the children are kept in input order.
 * Workers run the prebuilt JavaScript of dist-cli when the CLI runs from it (see scripts/build-cli.js).
 */
import os from 'os';
import path from 'path';
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import type { ChildReport } from '../core/consolidate/engine';
import { childFromWire, childToWire, ReadReportError, type ChildWire } from '../core/recognise';
import { childOutcome } from '../core/consolidate/pipeline';
import { addedTemplates, addTemplate, bnvIds, builtinTemplates } from '../core/template/registry';
import { loadTemplate, templateData } from '../core/template/load';
import type { TemplateDef } from '../core/template/schema';
import { NODE_ZIP } from '../io/native-zip';
import { readReceivedFileSync } from '../io/read-received-file';
import { readReport } from '../io/read-report';
import { currentLoad, measuredLoad } from './cpu-load';
import { fileBudgetMs, overBudgetMessage, READER_RESOURCE_LIMITS, Watchdog } from './file-budget';

export interface UnreadableChild {
  file: string;
  message: string;
}

type Outcome = { child: ChildReport } | { unreadable: UnreadableChild };

/** Set by scripts/build-cli.js in the bundle: scripts/code-cache.js, relative to the bundle's folder. */
declare const __CCHC_CODE_CACHE__: string | undefined;

/** Reads, recognises and checks one child workbook; a file that is not a readable appendix is `unreadable`. */
export function readChild(file: string): Outcome {
  try {
    // Only a regular file, its size checked first (see readReceivedFile).
    const read = readReceivedFileSync(file);
    const r = {
      ...readReport(read, {
        fileName: path.basename(file),
        limits: { maxMillis: fileBudgetMs() },
        ...(NODE_ZIP ? { native: NODE_ZIP } : {}),
      }),
      file,
    };
    // The same verdict as the task pane's: one pipeline (a poor match or an unknown level is not summed).
    return childOutcome(r, path.basename(file));
  } catch (e) {
    if (!(e instanceof ReadReportError)) throw e;
    return { unreadable: { file: path.basename(file), message: e.message } };
  }
}

/**
 * Files a worker thread must have to pay for starting: loading the CLI (about 0.1 s for the prebuilt
 * JavaScript of dist-cli, 2 s for the TypeScript sources through tsx), then its warm-up (its first
 * hundred files read ~5× slower while V8 compiles, each layout recognised once more: ~0.5 s of CPU),
 * against about 1 ms a file afterwards. Measured on two cores (bench/targets.bench.ts): two threads
 * tie with one at 1,000 hand-typed files and are 16% faster at 3,321.
 */
export const FILES_PER_WORKER = { prebuilt: 500, tsx: 1000 };
/** The most worker threads ever started. */
const MAX_WORKERS = 8;

/**
 * Worker threads for `files` files: one per core that is idle (the cores less the load of other
 * processes, see cpu-load.ts: on a busy machine threads only take turns) and per FILES_PER_WORKER
 * files; below two, none (one worker is one thread plus its start).
 */
export function defaultWorkers(
  files: number,
  prebuilt: boolean,
  cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
  load = currentLoad(),
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
  /**
   * Worker threads: 0 reads in this thread (no hard time budget: only the reader's own); default:
   * $CCHC_WORKERS, else defaultWorkers but at least one, so that a file that hangs the reading thread
   * can be stopped (see file-budget.ts), chosen as threadPlan says.
   */
  workers?: number;
  /** Time budget per file in milliseconds (default: fileBudgetMs()). */
  fileMs?: number;
  /** Called as each file is taken up, in input order. */
  onFile?: (i: number, file: string) => void;
  /** The reading threads (instead of `workers` and threadPlan): for tests. */
  plan?: ThreadPlan;
  /**
   * Work for this thread while the reading threads start up and read (it would otherwise wait):
   * called once, right after they are started; not called when this thread reads the files.
   */
  meanwhile?: () => void;
}

/** Reading threads to start now, and how many more once the first takes its first file up. */
export interface ThreadPlan {
  now: number;
  /** Given the files not yet taken up. */
  more?: (left: number) => number;
}

/**
 * The reading threads to start now, and whether to choose more once the first has started. The
 * load of other processes is known only over a long enough window (see cpu-load.ts): without it,
 * one thread starts at once (so the files are never read slower than by one thread, and a file that
 * hangs it can be stopped) and the others are chosen when it takes its first file up, a worker's
 * start-up later, from the load measured since the CLI started.
 */
export function threadPlan(files: number, prebuilt: boolean, load: number | undefined, cores?: number): ThreadPlan {
  if (load === undefined) return { now: 1, more: (left) => Math.max(0, defaultWorkers(left, prebuilt, cores) - 1) };
  return { now: Math.max(1, defaultWorkers(files, prebuilt, cores, load)) };
}

export async function readChildren(
  files: string[],
  opts: ReadChildrenOptions = {},
): Promise<{ children: ChildReport[]; unreadable: UnreadableChild[]; threads: number }> {
  const source = workerSource();
  const chosen = opts.workers ?? envWorkers();
  const plan: ThreadPlan = !source
    ? { now: 0 }
    : (opts.plan ??
      (chosen !== undefined ? { now: chosen } : threadPlan(files.length, source.prebuilt, measuredLoad())));
  const workers = Math.min(plan.now, files.length, MAX_WORKERS);
  const read =
    workers >= 1
      ? await readInWorkers(
          files,
          workers,
          source!,
          opts.fileMs ?? fileBudgetMs(),
          opts.onFile,
          opts.meanwhile,
          plan.more,
        )
      : undefined;
  const outcomes: Outcome[] = read?.outcomes ?? [];
  if (workers < 1) {
    for (const [i, file] of files.entries()) {
      opts.onFile?.(i, file);
      outcomes.push(readChild(file));
      // Between two files, the event loop runs: the progress written by onFile goes out as it comes.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const children: ChildReport[] = [];
  const unreadable: UnreadableChild[] = [];
  for (const o of outcomes) {
    if ('child' in o) children.push(o.child);
    else unreadable.push(o.unreadable);
  }
  // Reading threads: the most that read at once, or this thread alone.
  return { children, unreadable, threads: read?.threads ?? 1 };
}

// ---------------------------------------------------------------- worker threads

interface Job {
  i: number;
  file: string;
}
type Reply =
  | { i: number; started: true }
  | { i: number; child: ChildWire }
  | { i: number; unreadable: UnreadableChild }
  | { i: number; error: { message: string; stack?: string } };

const WORKER_ROLE = 'cchc-read-children';

/** What a reading thread is started with. */
interface WorkerData {
  role: string;
  /** Templates added from files in the main thread (a learned one), as data. */
  added?: TemplateDef[];
}

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
  if (__filename.endsWith('.js')) {
    // The bundle defines where scripts/code-cache.js is: a thread loads the bundle through V8's
    // code cache as bin/cchc.js does for `consolidate` (no cache of its own is written from a thread).
    const loader = typeof __CCHC_CODE_CACHE__ === 'string' ? path.join(__dirname, __CCHC_CODE_CACHE__) : undefined;
    return loader
      ? {
          code: `require(${JSON.stringify(loader)}).requireWithCodeCache(${JSON.stringify(__filename)}, 'consolidate');`,
          eval: true,
          prebuilt: true,
        }
      : { code: __filename, eval: false, prebuilt: true };
  }
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

/**
 * Reads the files in `count` worker threads, and `more(files left)` others started when the first
 * file is taken up (see threadPlan). Each thread says when it takes a file up; a file
 * not answered within `fileMs`, or one that exhausts the thread's memory, stops that thread: the
 * file is reported unreadable, the thread's other pending files go back to the queue, and a new
 * thread takes over.
 */
function readInWorkers(
  files: string[],
  count: number,
  source: WorkerSource,
  fileMs: number,
  onFile?: (i: number, file: string) => void,
  meanwhile?: () => void,
  more?: (left: number) => number,
): Promise<{ outcomes: Outcome[]; threads: number }> {
  const templates = builtinTemplates();
  // A thread has its own registry: templates added from files (--template-file) go to it as data.
  const added = addedTemplates().map(templateData);
  const outcomes: Outcome[] = new Array(files.length);
  const watchdog = new Watchdog<Worker>(fileMs);
  return new Promise((resolve, reject) => {
    const queue = files.map((_, i) => i);
    const announced = new Set<number>();
    let done = 0;
    let over = false;
    const pool = new Set<Worker>();
    let threads = 0;
    let grow = more;
    const posted = new Map<Worker, number[]>();
    const running = new Map<Worker, number>();
    const stop = () => {
      over = true;
      watchdog.stopAll();
      pool.forEach((w) => void w.terminate());
      pool.clear();
    };
    const fail = (e: Error) => {
      if (over) return;
      stop();
      reject(e);
    };
    const settle = (i: number, o: Outcome) => {
      if (outcomes[i]) return;
      outcomes[i] = o;
      done++;
    };
    const checkDone = (): boolean => {
      if (done < files.length) return false;
      stop();
      resolve({ outcomes, threads });
      return true;
    };
    const feed = (w: Worker) => {
      const i = queue.shift();
      if (i === undefined) return;
      if (!announced.has(i)) {
        announced.add(i);
        onFile?.(i, files[i]);
      }
      posted.get(w)!.push(i);
      w.postMessage({ i, file: files[i] } satisfies Job);
    };
    const replace = (w: Worker, why: 'time' | 'memory') => {
      if (over || !pool.has(w)) return;
      pool.delete(w);
      watchdog.stop(w);
      void w.terminate();
      const i = running.get(w);
      const pending = (posted.get(w) ?? []).filter((j) => j !== i && !outcomes[j]);
      posted.delete(w);
      running.delete(w);
      queue.unshift(...pending);
      if (i !== undefined) {
        const file = path.basename(files[i]);
        settle(i, { unreadable: { file, message: overBudgetMessage(file, why, fileMs) } });
      }
      if (!checkDone()) spawn();
    };
    const spawn = () => {
      const w = new Worker(source.code, {
        eval: source.eval,
        workerData: { role: WORKER_ROLE, ...(added.length ? { added } : {}) } satisfies WorkerData,
        resourceLimits: READER_RESOURCE_LIMITS,
      });
      pool.add(w);
      threads = Math.max(threads, pool.size);
      posted.set(w, []);
      w.on('message', (m: Reply) => {
        if (over || !pool.has(w)) return;
        if ('started' in m) {
          running.set(w, m.i);
          watchdog.start(w, () => replace(w, 'time'));
          if (grow) {
            // The first file taken up: the others' load is now measured over a long enough window.
            const add = Math.min(grow(queue.length), MAX_WORKERS - pool.size);
            grow = undefined;
            for (let k = 0; k < add; k++) spawn();
          }
          return;
        }
        watchdog.stop(w);
        running.delete(w);
        const list = posted.get(w)!;
        list.splice(list.indexOf(m.i), 1);
        if ('error' in m) {
          const e = new Error(m.error.message);
          if (m.error.stack) e.stack = m.error.stack;
          fail(e);
          return;
        }
        settle(m.i, 'child' in m ? { child: childFromWire(m.child, templates) } : { unreadable: m.unreadable });
        if (!checkDone()) feed(w);
      });
      w.on('error', (e: Error & { code?: string }) => {
        if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') replace(w, 'memory');
        else fail(e);
      });
      w.on('exit', (code) => {
        if (!over && pool.has(w) && code !== 0) fail(new Error(`Luồng đọc tệp dừng bất thường (mã ${code}).`));
      });
      for (let j = 0; j < IN_FLIGHT; j++) feed(w);
    };
    for (let k = 0; k < count; k++) spawn();
    // The threads start in parallel with it (and their first replies wait in the queue).
    meanwhile?.();
  });
}

function serveJobs(): void {
  // Load the templates before the first job: a file's time budget counts from its start, and the
  // first file should not pay for the thread's warm-up.
  builtinTemplates();
  for (const def of (workerData as WorkerData).added ?? []) addTemplate(loadTemplate(def, { knownBnvIds: bnvIds() }));
  // A job is done synchronously as its message comes (the file read included): jobs one after
  // another, replies in order.
  parentPort!.on('message', (job: Job) => {
    try {
      parentPort!.postMessage({ i: job.i, started: true } satisfies Reply);
      const o = readChild(job.file);
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
}

if (!isMainThread && (workerData as WorkerData | null)?.role === WORKER_ROLE) serveJobs();
