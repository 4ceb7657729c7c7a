/**
 * Bounds on what one received workbook may cost. Every size is checked before inflating
 * (declared sizes from the zip's central directory) and while inflating (actual bytes),
 * so a zip bomb stops after at most one inflate chunk past its declared size.
 */
export interface XlsxReadLimits {
  /** Size of the .xlsx file itself. */
  maxFileBytes: number;
  /** Zip entries (files and folders) in the package. */
  maxEntries: number;
  /** Sum of the declared uncompressed sizes of all entries, and of the bytes actually inflated. */
  maxTotalUncompressedBytes: number;
  /** One XML part (a worksheet, sharedStrings.xml …), uncompressed. */
  maxPartBytes: number;
  /** Stored cells (cells with a value or a formula) on one sheet. */
  maxCellsPerSheet: number;
  /** Stored cells in the whole workbook. */
  maxCellsTotal: number;
  /** Sheets listed in workbook.xml. */
  maxSheets: number;
  /**
   * The used range kept of a sheet: cells past this row or column are ignored and merges are
   * clipped to it, before anything is allocated per cell (a cell at XFD1048576 or a merge over
   * A1:XFD1048576 would otherwise make every row × column walk 17 billion steps). An appendix
   * holds a few hundred rows in a dozen columns.
   */
  maxRows: number;
  maxCols: number;
  /** Sum over the sheets read of their used rows × used columns (what a walk of every sheet costs). */
  maxAreaTotal: number;
  /**
   * Time one file may take to read, in milliseconds (0: no limit). Checked while inflating and
   * scanning XML; past it the file is refused as `too-slow`.
   */
  maxMillis: number;
}

export const DEFAULT_XLSX_READ_LIMITS: Readonly<XlsxReadLimits> = Object.freeze({
  maxFileBytes: 100 * 1024 * 1024,
  maxEntries: 10_000,
  maxTotalUncompressedBytes: 200 * 1024 * 1024,
  maxPartBytes: 64 * 1024 * 1024,
  maxCellsPerSheet: 1_000_000,
  maxCellsTotal: 2_000_000,
  maxSheets: 1_000,
  maxRows: 10_000,
  maxCols: 256,
  maxAreaTotal: 8_000_000,
  maxMillis: 10_000,
});

export function resolveLimits(partial: Partial<XlsxReadLimits> | undefined): XlsxReadLimits {
  const limits = { ...DEFAULT_XLSX_READ_LIMITS };
  if (partial) {
    for (const key of Object.keys(DEFAULT_XLSX_READ_LIMITS) as (keyof XlsxReadLimits)[]) {
      const v = partial[key];
      if (typeof v === 'number' && v >= 0) limits[key] = v;
    }
  }
  return limits;
}
