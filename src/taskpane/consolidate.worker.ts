/**
 * The consolidation worker: reads the child workbooks, checks and consolidates them off the task
 * pane's thread (consolidate-job.ts) and posts progress per file, then the plan to write.
 */
import { ConsolidationError } from '../core/consolidate/pipeline';
import {
  runConsolidation,
  type ConsolidateRequest,
  type ConsolidateResult,
  type FileProgress,
  type JobFailure,
} from './consolidate-job';

export type WorkerMessage =
  | { type: 'progress'; progress: FileProgress }
  | { type: 'done'; result: ConsolidateResult }
  | ({ type: 'error' } & JobFailure);

const post = (m: WorkerMessage) => (self as unknown as { postMessage(m: WorkerMessage): void }).postMessage(m);

self.onmessage = (e: MessageEvent<ConsolidateRequest>) => {
  try {
    const result = runConsolidation(e.data, (progress) => post({ type: 'progress', progress }));
    post({ type: 'done', result });
  } catch (err) {
    if (err instanceof ConsolidationError) post({ type: 'error', message: err.message, code: err.code });
    else post({ type: 'error', message: `Không tổng hợp được: ${(err as Error).message}` });
  }
};
