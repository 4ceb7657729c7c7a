/**
 * From the bytes of a received .xlsx to a ReadReport: the xlsx reader, an adapter to the
 * recogniser's grid, and Vietnamese messages naming the file for anything unreadable.
 * Reading never writes to the file. No Node modules here: the task pane and a web worker use it
 * too (readReportFile, for the CLI, is in read-report-file.ts).
 */
import { META_SHEET } from '../core/layout/names';
import {
  DEFAULT_XLSX_READ_LIMITS,
  readXlsx,
  XlsxReadError,
  type NativeZip,
  type XlsxBook,
  type XlsxReadLimits,
} from './xlsx-read';
import { tooSlow } from './xlsx-read/errors';
import { isDocx, readDocx } from './docx-read';
import {
  recogniseReport,
  ReadReportError,
  type Grid,
  type GridCell,
  type ReadReport,
  type RecogniseOptions,
} from '../core/recognise';

export type ReadReportOptions = RecogniseOptions & {
  fileName?: string;
  /** Bounds on what one workbook may cost (default: the xlsx reader's). */
  limits?: Partial<XlsxReadLimits>;
  /** The platform's native inflate and CRC-32, when it has them (Node: src/io/native-zip.ts). */
  native?: NativeZip;
};

/** Cell lookups between two looks at the clock (a lookup costs well under a microsecond). */
const LOOKUPS_PER_CHECK = 16384;

/**
 * The recogniser's view of a workbook read by readXlsx. With `checkTime`, every few thousand cell
 * lookups look at the clock: the recogniser's walks over a sheet are bounded by the file's time
 * budget like the reading itself.
 */
export function gridFromBook(book: XlsxBook, file?: string, checkTime?: () => void): Grid {
  let lookups = 0;
  return {
    ...(file ? { file } : {}),
    names: book.definedNames.map((n) => ({ name: n.name, ref: n.ref, ...(n.sheet ? { sheet: n.sheet } : {}) })),
    sheets: book.sheets.map((s) => ({
      name: s.name,
      state: s.state,
      maxRow: s.maxRow,
      maxCol: s.maxCol,
      merges: s.merges,
      // The reader's cells already have the grid's shape (a `date` cell holds its ISO text):
      // handed over as they are, without a copy per lookup.
      cell: checkTime
        ? (row: number, col: number): GridCell | undefined => {
            if (++lookups === LOOKUPS_PER_CHECK) {
              lookups = 0;
              checkTime();
            }
            return s.get(row, col);
          }
        : (row: number, col: number): GridCell | undefined => s.get(row, col),
    })),
  };
}

/**
 * Rows of the metadata sheet read: its key/value block (template, level, period, unit …) is at
 * the top; the row table beside it repeats the defined names, which are what locates the cells,
 * so the rest of a sheet of ~200 rows is not parsed.
 */
export const META_ROWS_READ = 40;

function fromXlsxError(e: XlsxReadError, file: string): ReadReportError {
  const code = e.code === 'empty-file' ? 'empty' : e.code === 'no-worksheets' ? 'no-appendix' : e.code;
  return new ReadReportError(code, e.message, file);
}

/**
 * A zip that is not a workbook may be a Word report (.docx): its tables are read as sheets (see
 * src/io/docx-read). Anything else keeps the workbook reader's message.
 */
function readWordOr(
  notXlsx: XlsxReadError,
  bytes: Uint8Array,
  file: string,
  started: number,
  opts: ReadReportOptions,
): XlsxBook {
  if (!isDocx(bytes, opts.native ? { native: opts.native } : {})) throw fromXlsxError(notXlsx, file);
  try {
    return readDocx(bytes, {
      fileName: file,
      started,
      ...(opts.limits ? { limits: opts.limits } : {}),
      ...(opts.native ? { native: opts.native } : {}),
    });
  } catch (e) {
    if (e instanceof XlsxReadError && e.code === 'not-xlsx') throw fromXlsxError(notXlsx, file);
    if (e instanceof XlsxReadError) throw fromXlsxError(e, file);
    throw new ReadReportError('unreadable', `Không đọc được tệp «${file}»: ${(e as Error).message}`, file);
  }
}

/** Reads an appendix from .xlsx or .docx bytes (Node, browser or worker). */
export function readReport(bytes: Uint8Array, opts: ReadReportOptions = {}): ReadReport {
  const file = opts.fileName ?? 'không tên';
  const started = Date.now();
  const maxMillis = opts.limits?.maxMillis ?? DEFAULT_XLSX_READ_LIMITS.maxMillis;
  let book: XlsxBook;
  try {
    book = readXlsx(bytes, {
      fileName: file,
      started,
      formulas: true,
      rows: (name) => (name === META_SHEET ? META_ROWS_READ : undefined),
      ...(opts.limits ? { limits: opts.limits } : {}),
      ...(opts.native ? { native: opts.native } : {}),
    });
  } catch (e) {
    if (e instanceof XlsxReadError && e.code === 'not-xlsx') book = readWordOr(e, bytes, file, started, opts);
    else if (e instanceof XlsxReadError) throw fromXlsxError(e, file);
    else throw new ReadReportError('unreadable', `Không đọc được tệp «${file}»: ${(e as Error).message}`, file);
  }
  const checkTime =
    maxMillis > 0
      ? () => {
          if (Date.now() - started > maxMillis) throw fromXlsxError(tooSlow({ fileName: file }, maxMillis), file);
        }
      : undefined;
  const report = recogniseReport(gridFromBook(book, file, checkTime), opts);
  if (book.wordTables) report.wordTables = book.wordTables;
  return report;
}
