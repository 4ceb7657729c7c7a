/**
 * The renderer-neutral sheet plan: plain data that an .xlsx writer (ExcelJS) or the add-in
 * (Office.js) walks without knowing anything about templates. Addresses are A1 strings on
 * the sheet they belong to; rows and columns are 1-based.
 */
import type { LevelId, RowKind } from '../template/schema';
import type { PeriodId } from '../template/levels';

export type HorizontalAlign = 'left' | 'center' | 'right';
export type VerticalAlign = 'top' | 'middle' | 'bottom';

/** A cell style: everything a renderer needs, with colours as RRGGBB hex. */
export interface CellStyle {
  font: { name: string; size: number; bold?: boolean; italic?: boolean; color?: string };
  alignment: { horizontal: HorizontalAlign; vertical: VerticalAlign; wrapText: boolean; indent?: number };
  /** Thin black borders on all four sides. */
  border: boolean;
  /** Solid background colour. */
  fill?: string;
  /** Excel number format code (`#,##0`, `0.##`, `@`); absent = General. */
  numFmt?: string;
  /** Locked cells cannot be edited while the sheet is protected. */
  locked: boolean;
}

/** A differential style for conditional formats (only what changes). */
export interface ConditionalStyle {
  fill: string;
  fontColor: string;
  /** Border colour (thin, all sides). */
  border: string;
}

export interface PlanCell {
  /** 1-based column. */
  col: number;
  /** A literal value; absent = empty. */
  value?: string | number;
  /** An Excel formula without the leading `=` (English function names, `,` separators). */
  formula?: string;
  /** Key into `WorkbookPlan.styles`. */
  style: string;
  /** A cell note (where a figure came from: file and cell). */
  note?: string;
}

/** What a plan row is, for renderers that want to treat rows differently (and for tests). */
export type PlanRowRole = 'title' | 'header' | 'form' | 'data' | 'meta';

export interface PlanRow {
  /** 1-based row number on the sheet. */
  r: number;
  /** Height in points; absent = the renderer's default. */
  height?: number;
  role: PlanRowRole;
  /** For data rows: the template row shown on this line. */
  rowId?: string;
  cells: PlanCell[];
}

export type KindValidation = 'count' | 'money' | 'percent' | 'code';

/** A native data validation. `whole`/`decimal` compare with `operator`; `list` offers `values`; `custom` uses `formula`. */
export interface PlanValidation {
  /** A1 range on the sheet (one cell or a rectangle). */
  range: string;
  type: 'whole' | 'decimal' | 'list' | 'custom';
  operator?: 'greaterThanOrEqual' | 'between';
  /** Bounds for whole/decimal. */
  min?: number;
  max?: number;
  /** Allowed values for list. */
  values?: (number | string)[];
  /** For custom: a formula without `=`, true when the input is acceptable; relative to the range's top-left cell. */
  formula?: string;
  allowBlank: boolean;
  /** `stop` rejects the input, `warning` asks, `information` informs. */
  errorStyle: 'stop' | 'warning' | 'information';
  errorTitle: string;
  error: string;
  promptTitle?: string;
  prompt?: string;
  /** Which kind or rule produced this validation (tests, debugging). */
  source: KindValidation | `rule:${string}`;
}

export type FindingSeverity = 'error' | 'warning' | 'info';

/** A conditional format that paints its range when `formula` is true. */
export interface PlanConditionalFormat {
  range: string;
  /** Formula without `=`, relative to the range's top-left cell. */
  formula: string;
  /** Key into `WorkbookPlan.conditionalStyles`. */
  style: string;
  /** Vietnamese explanation of what the colour means (kept for renderers that can show it). */
  note?: string;
  ruleId?: string;
}

export interface PrintSetup {
  paperSize: 'A4';
  orientation: 'portrait' | 'landscape';
  /** Fit to this many pages wide (height unbounded). */
  fitToWidth: number;
  /** Margins in inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** Rows repeated at the top of every printed page, e.g. `7:8`. */
  printTitlesRow?: string;
  /** Columns repeated at the left of every printed page, e.g. `A:C` (a table too wide for one page). */
  printTitlesColumns?: string;
  /**
   * The printed range, e.g. `A1:E40`. The appendix sheets leave it unset so rows an official
   * adds below the table are printed too.
   */
  printArea?: string;
  horizontalCentered: boolean;
  /** Page footer in Excel's header/footer codes (`&P` = page number). */
  footer?: string;
  /** The cell grid printed (for a sheet whose empty cells have no borders of their own). */
  gridlines?: boolean;
}

export interface SheetProtection {
  /** No password: protection guards against slips, not people. */
  enabled: boolean;
  allowFormatColumns: boolean;
  allowFormatRows: boolean;
  allowInsertRows: boolean;
  allowSelectLocked: boolean;
  allowSelectUnlocked: boolean;
}

export interface PlanSheet {
  name: string;
  /** `veryHidden` sheets cannot be unhidden from Excel's UI (only from VBA or the add-in). */
  state: 'visible' | 'veryHidden';
  /** Column widths in Excel character units, column A first. */
  columns: number[];
  rows: PlanRow[];
  merges: string[];
  validations: PlanValidation[];
  conditionalFormats: PlanConditionalFormat[];
  /** Rows above this line stay on screen while scrolling (0 = no freeze). */
  frozenRows: number;
  /**
   * Excel's cell grid shown (default: only on unfrozen visible sheets). A sheet that leaves its
   * empty cells unwritten (the breakdown of thousands of units) shows it, and prints it (PrintSetup).
   */
  gridlines?: boolean;
  print?: PrintSetup;
  protection?: SheetProtection;
  /** For template sheets: where the table's header and data are (tests, renderers, readers). */
  table?: { headerRows: [number, number]; firstDataRow: number; lastDataRow: number; valueCol: number };
}

/** A workbook-level defined name pointing at one cell. */
export interface PlanName {
  name: string;
  sheet: string;
  /** Absolute A1 address, e.g. `$D$9`. */
  address: string;
}

/** Where a template row's value cell is. */
export interface RowLocation {
  rowId: string;
  sheet: string;
  /** Relative A1 address of the value cell, e.g. `D9`. */
  address: string;
  /** The defined name of the value cell. */
  name: string;
}

/** What the workbook says about itself: the report's facts as planned, plus where each row is. */
export interface WorkbookMeta extends Omit<PlanOptions, 'ruleFormulas'> {
  format: string;
  version: number;
  templateId: string;
  templateVersion: string;
  rows: RowLocation[];
}

export interface WorkbookPlan {
  sheets: PlanSheet[];
  styles: Record<string, CellStyle>;
  conditionalStyles: Record<string, ConditionalStyle>;
  names: PlanName[];
  meta: WorkbookMeta;
  /** Workbook properties. */
  properties: { title: string; subject: string; creator: string };
  /** Ask the spreadsheet to recalculate formulas when the file is opened. */
  fullCalcOnLoad: boolean;
}

export interface PlanOptions {
  level: LevelId;
  period: PeriodId;
  year: number;
  /** The reporting unit as printed: "UBND huyện Kông Chro". */
  unit: string;
  /** Report number, "371" or "371/BC-UBND". */
  reportNo?: string;
  /** Report date DD/MM/YYYY. */
  date?: string;
  /** The rule compiler's hook: conditional formats and custom validations from the template's rules. */
  ruleFormulas?: RuleFormulaHook;
}

/** What the rule compiler may ask about the layout. */
export interface RuleFormulaContext {
  level: LevelId;
  /** Sheet and relative address (`D9`) of a row's value cell; undefined if the row is not laid out. */
  cellOf(rowId: string): { sheet: string; address: string } | undefined;
  /** The address to write in a formula that lives on `fromSheet`: `D9` there, `'Biểu mẫu 1'!D9` elsewhere. */
  addressOf(rowId: string, fromSheet?: string): string | undefined;
  sheetOf(rowId: string): string | undefined;
  /** The workbook-level defined name of a row's value cell (survives inserted rows). */
  nameOf(rowId: string): string;
  /** Whether this level fills the row in. */
  reports(rowId: string): boolean;
  /** Whether the layout already put a formula in the row's value cell (ratio rows). */
  isComputed(rowId: string): boolean;
  kindOf(rowId: string): RowKind | undefined;
}

export interface RuleConditionalFormat {
  sheet: string;
  /** A1 range on `sheet`. */
  range: string;
  /** Formula without `=`, true when the range is wrong; relative to the range's top-left cell. */
  formula: string;
  severity: FindingSeverity;
  /** Vietnamese explanation. */
  note?: string;
  ruleId?: string;
}

export interface RuleValidation {
  sheet: string;
  range: string;
  /** Formula without `=`, true when the input is acceptable. */
  formula: string;
  /** Vietnamese message shown when the input is refused. */
  message: string;
  title?: string;
  /** `error` rejects the input (stop), `warning` asks. */
  severity?: 'error' | 'warning';
  ruleId?: string;
}

export interface RuleFormulas {
  conditionalFormats: RuleConditionalFormat[];
  validations: RuleValidation[];
}

export type RuleFormulaHook = (ctx: RuleFormulaContext) => RuleFormulas;
