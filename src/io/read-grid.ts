/**
 * The bytes of a workbook as the recogniser's grid, for learning a template from an official's
 * form (src/core/learn): the bounded xlsx reader, and its errors as Vietnamese messages naming
 * the file. No Node modules: the task pane can use it too.
 */
import { readXlsx, XlsxReadError, type NativeZip } from './xlsx-read';
import { gridFromBook } from './read-report';
import { ReadReportError, type Grid } from '../core/recognise';

export function readGrid(bytes: Uint8Array, opts: { fileName?: string; native?: NativeZip } = {}): Grid {
  const file = opts.fileName ?? 'không tên';
  try {
    const book = readXlsx(bytes, { fileName: file, formulas: true, ...(opts.native ? { native: opts.native } : {}) });
    return gridFromBook(book, file);
  } catch (e) {
    if (e instanceof XlsxReadError) throw new ReadReportError('unreadable', e.message, file);
    throw new ReadReportError('unreadable', `Không đọc được tệp «${file}»: ${(e as Error).message}`, file);
  }
}
