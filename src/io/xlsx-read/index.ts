/**
 * A small, bounded reader of received .xlsx workbooks: cell values (cached formula
 * results included), shared and inline strings, merged ranges, number formats, sheet
 * visibility and defined names — on top of fflate, in Node, a browser or a web worker
 * (Uint8Array in; no fs, no Buffer, no DOMParser).
 *
 * Why not a library: received workbooks are untrusted and many. ExcelJS expands a
 * whole-column data validation (D5:D1048576) into one entry per cell — seconds and
 * gigabytes per file — and its browser build is ~17× slower than its CPU cost because it
 * emulates process.nextTick with setTimeout; SheetJS on npm is frozen at 0.18.5, which
 * has CVEs on the read path (prototype pollution, ReDoS). Reading only what the
 * appendix needs keeps the reader small, fast, and boundable: every size is checked
 * against limits before and while inflating, and the XML scanner is linear.
 */
export { readXlsx, type ReadXlsxOptions } from './read';
export type { NativeZip } from './zip';
export { XlsxReadError, type XlsxReadErrorCode } from './errors';
export { DEFAULT_XLSX_READ_LIMITS, type XlsxReadLimits } from './limits';
export { describeNumFmt, builtinNumFmt, type NumFmtInfo, type NumFmtKind } from './number-formats';
export { cellAddress, columnLetters, parseCellRef, parseRangeRef } from './address';
export type {
  XlsxBook,
  XlsxCell,
  XlsxCellType,
  XlsxDefinedName,
  XlsxMerge,
  XlsxSheet,
  XlsxSheetInfo,
  XlsxSheetKind,
  XlsxValue,
  SheetState,
} from './types';
