/** Runs a consolidation in the web worker (consolidate-worker.js next to taskpane.html, or inlined: worker-url.ts). */
import type { ConsolidateRequest, ConsolidateResult, FileProgress, JobFailure } from './consolidate-job';
import type { WorkerMessage } from './consolidate.worker';
import { consolidationWorkerUrl } from './worker-url';

/** The whole consolidation was refused (the message says why; `code` lets the pane offer a way out). */
export class ConsolidationRefused extends Error {
  override name = 'ConsolidationRefused';
  readonly code: JobFailure['code'];
  constructor(f: JobFailure) {
    super(f.message);
    this.code = f.code;
  }
}

export { WORKER_FILE } from './worker-url';

export function consolidateInWorker(
  req: ConsolidateRequest,
  onProgress: (p: FileProgress) => void,
): Promise<ConsolidateResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(consolidationWorkerUrl());
    const done = () => worker.terminate();
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const m = e.data;
      if (m.type === 'progress') onProgress(m.progress);
      else if (m.type === 'done') {
        done();
        resolve(m.result);
      } else {
        done();
        reject(new ConsolidationRefused(m));
      }
    };
    worker.onerror = (e) => {
      done();
      reject(new Error(`Không chạy được phần đọc tệp: ${e.message || 'lỗi không rõ'}`));
    };
    // The files' bytes are handed over, not copied.
    worker.postMessage(
      req,
      req.files.map((f) => f.bytes.buffer as ArrayBuffer),
    );
  });
}
