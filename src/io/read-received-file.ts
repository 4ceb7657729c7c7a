/**
 * Reading the bytes of a received file from disk, bounded before any byte is read (Node only:
 * the CLI). A received path is untrusted: it may be a link to a device (/dev/zero never ends),
 * a named pipe (waits forever for a writer), a link loop, a sparse file of gigabytes, or a
 * folder. Only a regular file is read, its size is checked from `fstat` first, and exactly that
 * many bytes are read through one read-only descriptor (opened non-blocking, so a path swapped
 * for a pipe between the check and the open cannot block). Every refusal is a ReadReportError
 * with a Vietnamese message naming the file; the file is never written.
 */
import fs, { constants } from 'fs';
import path from 'path';
import { ReadReportError } from '../core/recognise';
import { viBytes } from './xlsx-read/errors';
import { DEFAULT_XLSX_READ_LIMITS } from './xlsx-read';

/**
 * Time budget per received file in milliseconds: `CCHC_FILE_SECONDS` (e.g. 0.5 in tests), else
 * the reader's default (10 s; a real appendix reads in well under a second).
 */
export function fileBudgetMs(env: NodeJS.ProcessEnv = process.env): number {
  const s = Number(env.CCHC_FILE_SECONDS);
  return Number.isFinite(s) && s > 0 ? Math.round(s * 1000) : DEFAULT_XLSX_READ_LIMITS.maxMillis;
}

/** What a path is, in words, when it is not a regular file. */
function kindOf(st: import('fs').Stats): string {
  if (st.isDirectory()) return 'đây là một thư mục';
  if (st.isFIFO()) return 'đây là một đường ống (named pipe), đọc sẽ phải chờ mãi';
  if (st.isSocket()) return 'đây là một socket';
  if (st.isCharacterDevice() || st.isBlockDevice())
    return 'đây là một thiết bị (như /dev/zero), không có điểm kết thúc';
  return 'đây là một loại tệp đặc biệt';
}

/** The Vietnamese reason for a failed open/stat/read. */
export function fsProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'không có tệp này';
    case 'ENOTDIR':
      return 'đường dẫn có một phần không phải thư mục';
    case 'EACCES':
    case 'EPERM':
      return 'không có quyền đọc';
    case 'ELOOP':
      return 'đường dẫn là một vòng liên kết (liên kết trỏ về chính nó)';
    case 'ENAMETOOLONG':
      return 'đường dẫn quá dài';
    case 'EISDIR':
      return 'đây là một thư mục';
    case 'EIO':
      return 'lỗi đọc ổ đĩa';
    case 'EMFILE':
    case 'ENFILE':
      return 'mở quá nhiều tệp cùng lúc';
    case 'ERR_FS_FILE_TOO_LARGE':
      return 'tệp quá lớn';
    default:
      return `lỗi hệ thống${code ? ` (${code})` : ''}`;
  }
}

/**
 * The bytes of a received file, or a ReadReportError saying why not. `maxBytes` (default: the
 * reader's 100 MB) is checked from the file's size before reading.
 *
 * Synchronous underneath: a received file is read whole before anything is done with it, and read
 * ahead asynchronously the chain of steps (stat, open, stat, read, close) only moved on between two
 * files' work, each step a round trip through the event loop: the same waits, plus the round trips
 * (a tenth of consolidating a province's communes in one thread).
 */
export async function readReceivedFile(filePath: string, opts: { maxBytes?: number } = {}): Promise<Uint8Array> {
  return readReceivedFileSync(filePath, opts);
}

export function readReceivedFileSync(filePath: string, opts: { maxBytes?: number } = {}): Uint8Array {
  const name = path.basename(filePath);
  const maxBytes = opts.maxBytes ?? DEFAULT_XLSX_READ_LIMITS.maxFileBytes;
  const fail = (why: string, code: 'unreadable' | 'too-big' = 'unreadable') =>
    new ReadReportError(code, `Không đọc được tệp «${filePath}»: ${why}.`, name);

  // stat follows links: a link to a regular file is fine, a link to a device or pipe is not.
  let st;
  try {
    st = fs.statSync(filePath);
  } catch (e) {
    throw fail(fsProblem(e));
  }
  if (!st.isFile()) throw fail(`${kindOf(st)}, không phải tệp báo cáo`);
  if (st.size > maxBytes)
    throw fail(`tệp có ${viBytes(st.size)}, lớn hơn giới hạn đọc an toàn ${viBytes(maxBytes)}`, 'too-big');

  let fd: number;
  try {
    fd = fs.openSync(filePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw fail(fsProblem(e));
  }
  try {
    // The same checks on what was actually opened (the path may have changed since the stat).
    const fst = fs.fstatSync(fd);
    if (!fst.isFile()) throw fail(`${kindOf(fst)}, không phải tệp báo cáo`);
    if (fst.size > maxBytes)
      throw fail(`tệp có ${viBytes(fst.size)}, lớn hơn giới hạn đọc an toàn ${viBytes(maxBytes)}`, 'too-big');
    const bytes = new Uint8Array(fst.size);
    let at = 0;
    while (at < bytes.length) {
      const bytesRead = fs.readSync(fd, bytes, at, bytes.length - at, at);
      if (bytesRead === 0) break; // shrank while reading: what was read is judged by the reader
      at += bytesRead;
    }
    return at === bytes.length ? bytes : bytes.subarray(0, at);
  } catch (e) {
    if (e instanceof ReadReportError) throw e;
    throw fail(fsProblem(e));
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // closing a file only read: nothing to lose
    }
  }
}
