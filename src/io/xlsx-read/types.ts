/** The public shapes the .xlsx reader returns. */
import type { SheetState } from './workbook';

export type { SheetState };

export type XlsxValue = string | number | boolean | null;

/**
 * - `number`: a number (dates too: Excel stores them as serial numbers; see `numFmt`).
 * - `string`: a shared, inline or formula string (numbers stored as text included).
 * - `boolean`: TRUE/FALSE.
 * - `error`: an error value (`#DIV/0!`, `#REF!` …): `value` is null, `error` holds it.
 * - `date`: an ISO 8601 text stored with `t="d"` (rare; some generators and strict files).
 * - `empty`: a formula without a cached value (`value` null).
 */
export type XlsxCellType = 'number' | 'string' | 'boolean' | 'error' | 'date' | 'empty';

export interface XlsxCell {
  /** 1-based. */
  row: number;
  /** 1-based. */
  col: number;
  /** `B12`. */
  address: string;
  type: XlsxCellType;
  /** The stored value (the cached result for a formula). */
  value: XlsxValue;
  /** Number format code when not General (`0.0%`, `#,##0`, `dd/mm/yyyy`); see describeNumFmt. */
  numFmt?: string;
  /** Formula text without the leading `=`, shared formulas translated to this cell. */
  formula?: string;
  /** Error value such as `#DIV/0!` when `type` is `error`. */
  error?: string;
}

/** A merged range, 1-based and inclusive. */
export interface XlsxMerge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export type XlsxSheetKind = 'worksheet' | 'chartsheet' | 'dialogsheet' | 'macrosheet' | 'other';

/** A sheet as the workbook lists it (whether or not its cells were read). */
export interface XlsxSheetInfo {
  name: string;
  state: SheetState;
  /** 0-based position among all sheets, in tab order. */
  index: number;
  kind: XlsxSheetKind;
}

/**
 * A worksheet read. The lookup methods are on the prototype: a structured clone (a
 * worker's postMessage) carries the data only.
 */
export interface XlsxSheet extends XlsxSheetInfo {
  /** Stored cells (a value or a formula), row-major. Cells that only carry a style are left out. */
  cells: readonly XlsxCell[];
  merges: readonly XlsxMerge[];
  /** The `<dimension ref>` the writer declared, if any (not trusted for anything). */
  dimension?: string;
  /** Largest row / column holding a cell or a merge; 0 for an empty sheet. */
  maxRow: number;
  maxCol: number;
  get(row: number, col: number): XlsxCell | undefined;
  /** The cell at an A1 address (`D5`, `$D$5`). */
  cell(address: string): XlsxCell | undefined;
  /** The merged range covering (row, col), if any. */
  mergeAt(row: number, col: number): XlsxMerge | undefined;
}

export interface XlsxDefinedName {
  name: string;
  /** The sheet the name is scoped to (`localSheetId`); absent for workbook-wide names. */
  sheet?: string;
  /** The formula/reference as stored, e.g. `'Biểu 1'!$A$1:$E$20`. */
  ref: string;
  hidden?: boolean;
}

export interface XlsxBook {
  /** Worksheets read (all of them unless `opts.sheets` chose), in tab order. */
  sheets: XlsxSheet[];
  /** Every sheet the workbook lists, chart sheets and unread sheets included. */
  allSheets: XlsxSheetInfo[];
  definedNames: XlsxDefinedName[];
  /** The 1904 date system is in use (serial 0 = 1904-01-01). */
  date1904: boolean;
  /** Read from a Word document (docx-read): where each table's first row sits on its sheet. */
  wordTables?: WordTable[];
}

/** A Word table read as the sheet `sheet` («Bảng N»), its first row at sheet row `top` (title lines above). */
export interface WordTable {
  sheet: string;
  top: number;
}
