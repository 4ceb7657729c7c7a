/**
 * Errors of the .xlsx reader: a machine code for callers and a Vietnamese message for
 * the user, naming the file and, where it applies, the sheet, the cell or the zip part.
 */

export type XlsxReadErrorCode =
  /** The file has 0 bytes. */
  | 'empty-file'
  /** Not a zip, or a zip that holds no SpreadsheetML workbook (.docx, .ods, .xlsb, HTML …). */
  | 'not-xlsx'
  /** An old binary .xls (OLE compound file without encryption streams). */
  | 'xls'
  /** A password-protected workbook (OLE container with EncryptionInfo) or an encrypted zip entry. */
  | 'encrypted'
  /** A damaged zip or part: bad offsets, bad deflate data, CRC mismatch, sizes that lie, broken XML. */
  | 'corrupt'
  /** A limit was reached (entry count, declared or inflated size, cells). */
  | 'too-big'
  /** The workbook lists no worksheet. */
  | 'no-worksheets'
  /** Reading took longer than the time budget (limits.maxMillis). */
  | 'too-slow';

export interface XlsxErrorWhere {
  fileName?: string;
  sheet?: string;
  cell?: string;
  /** The zip part, e.g. `xl/worksheets/sheet1.xml`. */
  part?: string;
}

export class XlsxReadError extends Error {
  readonly code: XlsxReadErrorCode;
  readonly fileName?: string;
  readonly sheet?: string;
  readonly cell?: string;
  readonly part?: string;

  constructor(code: XlsxReadErrorCode, message: string, where: XlsxErrorWhere = {}) {
    super(message);
    this.name = 'XlsxReadError';
    this.code = code;
    this.fileName = where.fileName;
    this.sheet = where.sheet;
    this.cell = where.cell;
    this.part = where.part;
  }
}

/** `Tệp «name»`, or `Tệp` when the caller gave no name. */
export function fileLabel(fileName: string | undefined): string {
  return fileName ? `Tệp «${fileName}»` : 'Tệp';
}

/** Integer with Vietnamese digit grouping (`1.048.576`), independent of the ICU build. */
export function viInt(n: number): string {
  const s = String(Math.trunc(Math.abs(n)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return n < 0 ? `-${grouped}` : grouped;
}

/** Byte size for messages: `512 MB`, `37 KB`, `12 byte`. */
export function viBytes(n: number): string {
  if (n >= 1024 * 1024) return `${viInt(Math.round(n / (1024 * 1024)))} MB`;
  if (n >= 1024) return `${viInt(Math.round(n / 1024))} KB`;
  return `${viInt(n)} byte`;
}

/** The file-level context every part of the reader throws with. */
export interface ReadContext {
  fileName?: string;
  /** Throws `too-slow` once the file's time budget is spent (called often while reading). */
  checkTime?: () => void;
}

export function corrupt(ctx: ReadContext, detail: string, where: Omit<XlsxErrorWhere, 'fileName'> = {}): XlsxReadError {
  return new XlsxReadError('corrupt', `${fileLabel(ctx.fileName)} bị hỏng: ${detail}.`, {
    ...where,
    fileName: ctx.fileName,
  });
}

export function tooBig(ctx: ReadContext, detail: string, where: Omit<XlsxErrorWhere, 'fileName'> = {}): XlsxReadError {
  return new XlsxReadError('too-big', `${fileLabel(ctx.fileName)} vượt giới hạn đọc an toàn: ${detail}.`, {
    ...where,
    fileName: ctx.fileName,
  });
}

export function tooSlow(ctx: ReadContext, millis: number): XlsxReadError {
  const seconds = Math.round(millis / 100) / 10;
  return new XlsxReadError(
    'too-slow',
    `${fileLabel(ctx.fileName)} không đọc xong trong ${String(seconds).replace('.', ',')} giây (giới hạn thời gian cho mỗi tệp): tệp quá lớn hoặc có cấu trúc bất thường.`,
    { fileName: ctx.fileName },
  );
}
