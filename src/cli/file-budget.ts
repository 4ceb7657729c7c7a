/**
 * The time and memory one received file may cost while a consolidation reads it (Node: the CLI).
 * A file is untrusted: whatever it makes the reader or the recogniser do, after its budget the
 * thread reading it is stopped, the file is reported unreadable with a Vietnamese message naming
 * it, and the other files go on. The reader also stops itself at the same budget (limits.maxMillis,
 * checked while inflating and scanning XML), which is what the task pane's worker relies on; the
 * watchdog here is the guarantee for everything else.
 */
import type { ResourceLimits } from 'worker_threads';

export { fileBudgetMs } from '../io/read-received-file';

/**
 * Memory of one reading thread: the reader's own limits stay far below it. The young generation is
 * kept small: at 64 MB each thread's grew with the files it read (peak RSS of two reading threads
 * 221 → 333 MB from 300 to 3,321 files) for no time gained; at 24 MB, 193 → 243 MB in the same time.
 */
export const READER_RESOURCE_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 768, maxYoungGenerationSizeMb: 24 };

const seconds = (ms: number) => String(Math.round(ms / 100) / 10).replace('.', ',');

/** The message for a file whose thread was stopped. */
export function overBudgetMessage(file: string, why: 'time' | 'memory', ms: number): string {
  return why === 'time'
    ? `Tệp «${file}» không đọc xong trong ${seconds(ms)} giây (giới hạn thời gian cho mỗi tệp): tệp quá lớn hoặc có cấu trúc bất thường; đã bỏ qua tệp này.`
    : `Tệp «${file}» cần quá nhiều bộ nhớ để đọc (giới hạn cho mỗi tệp): tệp quá lớn hoặc có cấu trúc bất thường; đã bỏ qua tệp này.`;
}

/**
 * Timers for the jobs of a pool, one per running job: `start` when a thread takes a job up,
 * `stop` when it answers; `onExpire` runs if it does not answer in time.
 */
export class Watchdog<K> {
  readonly #timers = new Map<K, ReturnType<typeof setTimeout>>();
  constructor(readonly ms: number) {}

  start(key: K, onExpire: () => void): void {
    this.stop(key);
    const t = setTimeout(() => {
      this.#timers.delete(key);
      onExpire();
    }, this.ms);
    t.unref?.();
    this.#timers.set(key, t);
  }

  stop(key: K): void {
    const t = this.#timers.get(key);
    if (t !== undefined) clearTimeout(t);
    this.#timers.delete(key);
  }

  stopAll(): void {
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
  }
}
