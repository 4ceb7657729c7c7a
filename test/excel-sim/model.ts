/**
 * The simulated host's workbook: what Excel itself holds. Cell contents (constants and formulas) live in
 * one HyperFormula instance per workbook, which also computes formula results and moves references,
 * defined names included, when rows or columns are inserted or deleted. Everything HyperFormula does not
 * know (formats, merges, validation, conditional formats, protection, page setup) is kept here and moved
 * by the same rules.
 *
 * Host-side failures throw `hostError(code, location)`; the client turns them into a rejected sync.
 */
import { DetailedCellError, HyperFormula } from 'hyperformula';
import {
  MAX_COLS,
  MAX_ROWS,
  Rect,
  cellA1,
  intersect,
  isEntireCols,
  isEntireRows,
  parseAddress,
  quoteSheet,
  rectA1Abs,
  rectCols,
  rectRows,
  shiftColsRect,
  shiftRowsRect,
  subtract,
} from './a1';
import { hostError } from './errors';
import { fromHfFormula, shiftFormula, toHfFormula } from './formula-text';
import { EN_US, NumberLocale, formatCellText } from './numfmt';

export type CellValue = number | string | boolean;
export type BorderSide = 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'DiagonalDown' | 'DiagonalUp';

export interface Border {
  style: string;
  weight: string;
  color: string;
}

/** Formatting that differs from the defaults; unset fields mean "default". */
export interface CellFormat {
  numberFormat?: string;
  fontName?: string;
  fontSize?: number;
  bold?: boolean;
  italic?: boolean;
  underline?: string;
  strikethrough?: boolean;
  fontColor?: string;
  fill?: string;
  hAlign?: string;
  vAlign?: string;
  wrapText?: boolean;
  indentLevel?: number;
  locked?: boolean;
  formulaHidden?: boolean;
  borders?: Partial<Record<BorderSide, Border>>;
}

export interface DataValidationModel {
  rect: Rect;
  /** The rule as set (`{ wholeNumber: {...} }`), or null when only the alert/prompt was set. */
  rule: Record<string, any> | null;
  errorAlert: { showAlert: boolean; style: string; title: string; message: string };
  prompt: { showPrompt: boolean; title: string; message: string };
  ignoreBlanks: boolean;
}

export interface ConditionalFormatModel {
  id: string;
  rect: Rect;
  type: string;
  /** Custom rule formula ("=..."), relative to the range's top-left cell. */
  formula: string | null;
  format: {
    fill?: string;
    fontColor?: string;
    bold?: boolean;
    italic?: boolean;
    strikethrough?: boolean;
    underline?: string;
    numberFormat?: string;
    borders: Partial<Record<string, { style: string; color: string }>>;
  };
  stopIfTrue: boolean;
}

export interface ProtectionOptions {
  allowAutoFilter: boolean;
  allowDeleteColumns: boolean;
  allowDeleteRows: boolean;
  allowEditObjects: boolean;
  allowEditScenarios: boolean;
  allowFormatCells: boolean;
  allowFormatColumns: boolean;
  allowFormatRows: boolean;
  allowInsertColumns: boolean;
  allowInsertHyperlinks: boolean;
  allowInsertRows: boolean;
  allowPivotTables: boolean;
  allowSort: boolean;
  selectionMode: string;
}

export const DEFAULT_PROTECTION_OPTIONS: ProtectionOptions = {
  allowAutoFilter: false,
  allowDeleteColumns: false,
  allowDeleteRows: false,
  allowEditObjects: false,
  allowEditScenarios: false,
  allowFormatCells: false,
  allowFormatColumns: false,
  allowFormatRows: false,
  allowInsertColumns: false,
  allowInsertHyperlinks: false,
  allowInsertRows: false,
  allowPivotTables: false,
  allowSort: false,
  selectionMode: 'Normal',
};

export interface PageSetup {
  orientation: string;
  paperSize: string;
  /** Points. */
  leftMargin: number;
  rightMargin: number;
  topMargin: number;
  bottomMargin: number;
  headerMargin: number;
  footerMargin: number;
  centerHorizontally: boolean;
  centerVertically: boolean;
  printGridlines: boolean;
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  printTitleRows: Rect | null;
  printTitleColumns: Rect | null;
  printArea: Rect | null;
  headersFooters: Record<string, string>;
}

export interface NameModel {
  name: string;
  /** Worksheet id for a sheet-scoped name. */
  scopeSheetId?: string;
  comment: string;
  visible: boolean;
  /** Names HyperFormula cannot hold (its name rules are stricter than Excel's) keep their formula here. */
  localFormula?: string;
}

/** A range a proxy resolved to; kept up to date when rows/columns move, like Excel's tracked ranges. */
export interface RangeRef {
  sheet: SheetModel;
  rect: Rect;
}

export const SHEET_NAME_MAX = 31;

const key = (r: number, c: number): number => r * MAX_COLS + c;
const rowOf = (k: number): number => Math.floor(k / MAX_COLS);
const colOf = (k: number): number => k % MAX_COLS;

function cloneFormat(f: CellFormat): CellFormat {
  const out: CellFormat = { ...f };
  if (f.borders) {
    out.borders = {};
    for (const [s, b] of Object.entries(f.borders)) out.borders[s as BorderSide] = { ...b! };
  }
  return out;
}

function mergeFormats(...fs: (CellFormat | undefined)[]): CellFormat {
  const out: CellFormat = {};
  for (const f of fs) {
    if (!f) continue;
    const { borders, ...rest } = f;
    Object.assign(out, rest);
    if (borders) out.borders = { ...(out.borders ?? {}), ...borders };
  }
  return out;
}

export class SheetModel {
  name: string;
  visibility = 'Visible';
  tabColor = '';
  showGridlines = true;
  deleted = false;
  readonly cellFmt = new Map<number, CellFormat>();
  readonly rowFmt = new Map<number, CellFormat>();
  readonly colFmt = new Map<number, CellFormat>();
  readonly rowHeights = new Map<number, number>();
  readonly colWidths = new Map<number, number>();
  readonly hiddenRows = new Set<number>();
  readonly hiddenCols = new Set<number>();
  merges: Rect[] = [];
  validations: DataValidationModel[] = [];
  condFormats: ConditionalFormatModel[] = [];
  protection: { protected: boolean; options: ProtectionOptions; password?: string } = {
    protected: false,
    options: { ...DEFAULT_PROTECTION_OPTIONS },
  };
  freeze = { rows: 0, cols: 0 };
  page: PageSetup = {
    orientation: 'Portrait',
    paperSize: 'Letter',
    leftMargin: 50.4,
    rightMargin: 50.4,
    topMargin: 54,
    bottomMargin: 54,
    headerMargin: 21.6,
    footerMargin: 21.6,
    centerHorizontally: false,
    centerVertically: false,
    printGridlines: false,
    zoom: { scale: 100 },
    printTitleRows: null,
    printTitleColumns: null,
    printArea: null,
    headersFooters: {},
  };

  constructor(
    readonly id: string,
    readonly hfId: number,
    name: string,
  ) {
    this.name = name;
  }
}

export interface ModelOptions {
  locale: NumberLocale;
  defaultFont: { name: string; size: number };
  /** Called for behaviour the simulator had to guess at (kept in `sim.warnings`). */
  warn: (message: string) => void;
}

/** How a 2-D write treats strings: `values`/`formulas` as the API does, `user` as typing does. */
export type WriteMode = 'values' | 'formulas' | 'user';

export class WorkbookModel {
  readonly hf: HyperFormula;
  sheets: SheetModel[] = [];
  names: NameModel[] = [];
  activeSheet: SheetModel | undefined;
  selection: RangeRef | undefined;
  /** Ranges held by live proxies; moved with inserted/deleted rows and columns. */
  readonly tracked = new Set<RangeRef>();
  customXmlParts: { id: string; xml: string; namespaceUri: string }[] = [];
  properties: Record<string, string> = {
    title: '',
    subject: '',
    author: '',
    keywords: '',
    comments: '',
    category: '',
    manager: '',
    company: '',
    lastAuthor: '',
  };
  customProperties = new Map<string, { key: string; value: unknown }>();
  private nextSheetNo = 1;
  private nextId = 1;

  constructor(readonly opts: ModelOptions) {
    this.hf = HyperFormula.buildEmpty({
      licenseKey: 'gpl-v3',
      evaluateNullToZero: true,
      maxRows: MAX_ROWS,
      maxColumns: MAX_COLS,
      leapYear1900: true,
      nullDate: { year: 1899, month: 12, day: 30 },
    });
  }

  newId(prefix: string): string {
    const n = (this.nextId++).toString(16).toUpperCase().padStart(12, '0');
    return `{${prefix}-0000-4000-8000-${n}}`;
  }

  // ---------------------------------------------------------------- sheets

  sheetByName(name: string): SheetModel | undefined {
    const low = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === low);
  }

  sheetById(id: string): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  validateSheetName(name: string, location: string, except?: SheetModel): void {
    if (
      typeof name !== 'string' ||
      name.length === 0 ||
      name.length > SHEET_NAME_MAX ||
      /[\\/?*[\]:]/.test(name) ||
      name.startsWith("'") ||
      name.endsWith("'")
    )
      throw hostError(
        'InvalidArgument',
        location,
        `"${name}" is not a valid sheet name (1–31 characters, none of \\ / ? * [ ] :, no leading/trailing apostrophe)`,
      );
    if (name.toLowerCase() === 'history')
      throw hostError('InvalidArgument', location, '"History" is reserved by Excel');
    const other = this.sheetByName(name);
    if (other && other !== except)
      throw hostError('ItemAlreadyExists', location, `a sheet named "${other.name}" already exists`);
  }

  addSheet(name: string | undefined, location: string): SheetModel {
    if (name === undefined || name === null || name === '') {
      do name = `Sheet${this.nextSheetNo++}`;
      while (this.sheetByName(name));
    } else this.validateSheetName(name, location);
    const hfName = this.hf.addSheet(name);
    const sheet = new SheetModel(this.newId('00000000'), this.hf.getSheetId(hfName)!, name);
    sheet.protection = { protected: false, options: { ...DEFAULT_PROTECTION_OPTIONS } };
    this.sheets.push(sheet);
    if (!this.activeSheet) this.activeSheet = sheet;
    if (!this.selection && sheet === this.activeSheet) this.selection = { sheet, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
    return sheet;
  }

  renameSheet(sheet: SheetModel, name: string, location: string): void {
    if (sheet.name === name) return;
    this.validateSheetName(name, location, sheet);
    this.hf.renameSheet(sheet.hfId, name);
    sheet.name = name;
  }

  visibleSheets(): SheetModel[] {
    return this.sheets.filter((s) => s.visibility === 'Visible');
  }

  deleteSheet(sheet: SheetModel, location: string): void {
    if (sheet.visibility === 'Visible' && this.visibleSheets().length === 1)
      throw hostError('InvalidOperation', location, 'a workbook must keep at least one visible sheet');
    this.hf.removeSheet(sheet.hfId);
    sheet.deleted = true;
    this.sheets = this.sheets.filter((s) => s !== sheet);
    this.names = this.names.filter((n) => n.scopeSheetId !== sheet.id);
    for (const t of [...this.tracked]) if (t.sheet === sheet) this.tracked.delete(t);
    if (this.activeSheet === sheet) {
      this.activeSheet = this.visibleSheets()[0];
      this.selection = { sheet: this.activeSheet!, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
    }
  }

  moveSheet(sheet: SheetModel, position: number, location: string): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length)
      throw hostError('InvalidArgument', location, `position ${position} is outside 0…${this.sheets.length - 1}`);
    this.sheets = this.sheets.filter((s) => s !== sheet);
    this.sheets.splice(position, 0, sheet);
  }

  setVisibility(sheet: SheetModel, v: string, location: string): void {
    if (!['Visible', 'Hidden', 'VeryHidden'].includes(v))
      throw hostError('InvalidArgument', location, `visibility "${v}"`);
    if (v !== 'Visible' && sheet.visibility === 'Visible' && this.visibleSheets().length === 1)
      throw hostError('InvalidOperation', location, 'the last visible sheet cannot be hidden');
    sheet.visibility = v;
    if (v !== 'Visible' && this.activeSheet === sheet) {
      this.activeSheet = this.visibleSheets()[0];
      this.selection = { sheet: this.activeSheet!, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
    }
  }

  activate(sheet: SheetModel, location: string): void {
    if (sheet.visibility !== 'Visible')
      throw hostError('InvalidOperation', location, 'a hidden sheet cannot be activated');
    if (this.activeSheet !== sheet) {
      this.activeSheet = sheet;
      this.selection = { sheet, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
    }
  }

  // ---------------------------------------------------------------- reading cells

  private rawValue(sheet: SheetModel, r: number, c: number): unknown {
    return this.hf.getCellValue({ sheet: sheet.hfId, row: r, col: c });
  }

  /** A cell's value as `Range.values` reports it: "" when empty, error text for errors. */
  valueAt(sheet: SheetModel, r: number, c: number): CellValue {
    return this.toExcelValue(this.rawValue(sheet, r, c), sheet, r, c);
  }

  private toExcelValue(v: unknown, sheet: SheetModel, r: number, c: number): CellValue {
    if (v === null || v === undefined) return '';
    if (v instanceof DetailedCellError) {
      if (v.value === '#CYCLE!') {
        this.opts.warn(`${quoteSheet(sheet.name)}!${cellA1(r, c)}: circular reference; Excel shows 0 and a warning`);
        return 0;
      }
      return v.value === '#ERROR!' ? '#NAME?' : v.value;
    }
    return v as CellValue;
  }

  values(sheet: SheetModel, rect: Rect): CellValue[][] {
    const rows = this.hf.getRangeValues({
      start: { sheet: sheet.hfId, row: rect.r0, col: rect.c0 },
      end: { sheet: sheet.hfId, row: rect.r1, col: rect.c1 },
    });
    return rows.map((row, i) => row.map((v, j) => this.toExcelValue(v, sheet, rect.r0 + i, rect.c0 + j)));
  }

  hasFormula(sheet: SheetModel, r: number, c: number): boolean {
    return this.hf.doesCellHaveFormula({ sheet: sheet.hfId, row: r, col: c });
  }

  formulaAt(sheet: SheetModel, r: number, c: number): CellValue {
    const addr = { sheet: sheet.hfId, row: r, col: c };
    if (this.hf.doesCellHaveFormula(addr)) return fromHfFormula(this.hf.getCellFormula(addr)!);
    return this.valueAt(sheet, r, c);
  }

  formulas(sheet: SheetModel, rect: Rect): CellValue[][] {
    return this.grid(rect, (r, c) => this.formulaAt(sheet, r, c));
  }

  valueTypeAt(sheet: SheetModel, r: number, c: number): string {
    const v = this.rawValue(sheet, r, c);
    if (v === null || v === undefined) return 'Empty';
    if (v instanceof DetailedCellError) return v.value === '#CYCLE!' ? 'Double' : 'Error';
    if (typeof v === 'number') return 'Double';
    if (typeof v === 'boolean') return 'Boolean';
    // A formula that returns "" holds text (ISTEXT is TRUE); a constant "" is never stored (it clears the cell).
    return v === '' && !this.hasFormula(sheet, r, c) ? 'Empty' : 'String';
  }

  textAt(sheet: SheetModel, r: number, c: number): string {
    return formatCellText(
      this.valueAt(sheet, r, c),
      this.formatAt(sheet, r, c).numberFormat ?? 'General',
      this.opts.locale,
    );
  }

  grid<T>(rect: Rect, f: (r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = rect.r0; r <= rect.r1; r++) {
      const row: T[] = [];
      for (let c = rect.c0; c <= rect.c1; c++) row.push(f(r, c));
      out.push(row);
    }
    return out;
  }

  // ---------------------------------------------------------------- writing cells

  /**
   * Turns one input into HyperFormula content, or `undefined` to leave the cell unchanged (Office.js:
   * `null` in a 2-D input means "leave this cell alone"; "" clears it).
   */
  private toContent(v: unknown, mode: WriteMode, sheet: SheetModel, r: number, c: number, location: string): unknown {
    if (v === null || v === undefined) return undefined;
    if (v === '') return null;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw hostError('InvalidArgument', location, `${v} is not a number Excel can store`);
      return v;
    }
    if (typeof v === 'boolean') return v;
    if (typeof v !== 'string') throw hostError('InvalidArgument', location, `a cell cannot hold ${JSON.stringify(v)}`);
    const isText = (this.formatAt(sheet, r, c).numberFormat ?? 'General') === '@';
    if (isText && mode !== 'formulas') return `'${v}`;
    if (v.startsWith("'")) return v; // the quote prefix: text, quote not part of the value
    if (v.startsWith('=') && v.length > 1) return this.checkFormula(v, location, sheet, r, c);
    const n = this.parseNumber(v, mode);
    if (n !== undefined) return n;
    if ((v.startsWith('+') || v.startsWith('-')) && v.length > 1 && mode !== 'user') {
      // Office docs: a value that starts with + or - is interpreted as a formula. What Excel stores when
      // that formula does not parse ("- Số văn bản") is not documented: kept as text here, with a warning.
      const asFormula = `=${v}`;
      if (this.hf.validateFormula(toHfFormula(asFormula))) return this.checkFormula(asFormula, location, sheet, r, c);
      this.opts.warn(
        `${quoteSheet(sheet.name)}!${cellA1(r, c)}: "${v}" starts with "${v[0]}"; Excel interprets such values as formulas — stored as text here, real Excel may refuse it or store something else (write it with a leading apostrophe or as text-formatted)`,
      );
      return `'${v}`;
    }
    return `'${v}`;
  }

  private checkFormula(f: string, location: string, sheet: SheetModel, r: number, c: number): string {
    const hfF = toHfFormula(f);
    if (!this.hf.validateFormula(hfF))
      throw hostError(
        'InvalidArgument',
        location,
        `${quoteSheet(sheet.name)}!${cellA1(r, c)}: "${f}" is not a formula Excel accepts`,
      );
    return hfF;
  }

  /** Numbers in strings: API writes read them locale-neutrally (en-US); typing uses the simulated locale. */
  parseNumber(s: string, mode: WriteMode): number | undefined {
    const loc = mode === 'user' ? this.opts.locale : EN_US;
    let t = s.trim();
    let pct = false;
    if (mode === 'user' && t.endsWith('%')) {
      pct = true;
      t = t.slice(0, -1).trim();
    }
    const esc = (ch: string) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const grouped = new RegExp(
      `^[+-]?\\d{1,3}(?:${esc(loc.thousandsSeparator)}\\d{3})+(?:${esc(loc.decimalSeparator)}\\d+)?$`,
    );
    const plain = new RegExp(
      `^[+-]?(?:\\d+(?:${esc(loc.decimalSeparator)}\\d*)?|${esc(loc.decimalSeparator)}\\d+)(?:[eE][+-]?\\d+)?$`,
    );
    if (!plain.test(t) && !grouped.test(t)) return undefined;
    const n = Number(t.split(loc.thousandsSeparator).join('').replace(loc.decimalSeparator, '.'));
    if (!Number.isFinite(n)) return undefined;
    return pct ? n / 100 : n;
  }

  /**
   * Writes a 2-D block (or one value for every cell). Returns false when nothing was given to change.
   * Values for cells hidden under a merged area other than its top-left cell are dropped, with a warning.
   */
  write(sheet: SheetModel, rect: Rect, input: unknown, mode: WriteMode, location: string): boolean {
    const rows = rectRows(rect);
    const cols = rectCols(rect);
    const grid = this.shapeInput(input, rows, cols, location);
    const contents: unknown[][] = [];
    let any = false;
    for (let i = 0; i < rows; i++) {
      const row: unknown[] = [];
      for (let j = 0; j < cols; j++) {
        const r = rect.r0 + i;
        const c = rect.c0 + j;
        let content = this.toContent(grid(i, j), mode, sheet, r, c, location);
        const merge = sheet.merges.find((m) => r >= m.r0 && r <= m.r1 && c >= m.c0 && c <= m.c1);
        if (merge && (r !== merge.r0 || c !== merge.c0) && content !== undefined) {
          if (content !== null)
            this.opts.warn(`${quoteSheet(sheet.name)}!${cellA1(r, c)} is inside a merged area; its value was dropped`);
          content = undefined;
        }
        if (content !== undefined) any = true;
        row.push(content);
      }
      contents.push(row);
    }
    if (!any) return false;
    const hf = this.hf;
    const noHoles = contents.every((row) => row.every((v) => v !== undefined));
    if (noHoles) hf.setCellContents({ sheet: sheet.hfId, row: rect.r0, col: rect.c0 }, contents as never);
    else
      hf.batch(() => {
        contents.forEach((row, i) => {
          let j = 0;
          while (j < row.length) {
            if (row[j] === undefined) {
              j++;
              continue;
            }
            let k = j;
            while (k < row.length && row[k] !== undefined) k++;
            hf.setCellContents({ sheet: sheet.hfId, row: rect.r0 + i, col: rect.c0 + j }, [row.slice(j, k)] as never);
            j = k;
          }
        });
      });
    return true;
  }

  /** Checks a 2-D input against the range (InvalidArgument on a mismatch, as Excel) or broadcasts a single value. */
  shapeInput(input: unknown, rows: number, cols: number, location: string): (i: number, j: number) => unknown {
    if (!Array.isArray(input)) return () => input;
    const ok = input.length === rows && input.every((row) => Array.isArray(row) && row.length === cols);
    if (!ok) {
      const got = `${input.length}×${Array.isArray(input[0]) ? (input[0] as unknown[]).length : '?'}`;
      throw hostError(
        'InvalidArgument',
        location,
        `the input array is ${got} but the range is ${rows}×${cols} (rows×columns)`,
      );
    }
    return (i, j) => (input as unknown[][])[i][j];
  }

  clearContents(sheet: SheetModel, rect: Rect): void {
    const { height, width } = this.hf.getSheetDimensions(sheet.hfId);
    const r = intersect(rect, { r0: 0, c0: 0, r1: Math.max(0, height - 1), c1: Math.max(0, width - 1) });
    if (!r || height === 0) return;
    const empties = Array.from({ length: rectRows(r) }, () => Array<null>(rectCols(r)).fill(null));
    this.hf.setCellContents({ sheet: sheet.hfId, row: r.r0, col: r.c0 }, empties);
  }

  /** Smallest rectangle holding values (and, unless valuesOnly, formats); undefined for a blank sheet. */
  usedRect(sheet: SheetModel, valuesOnly: boolean): Rect | undefined {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    const take = (r: number, c: number) => {
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, c);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, c);
    };
    const serialized = this.hf.getSheetSerialized(sheet.hfId);
    serialized.forEach((row, r) => row.forEach((v, c) => v !== null && v !== undefined && v !== '' && take(r, c)));
    if (!valuesOnly) for (const k of sheet.cellFmt.keys()) take(rowOf(k), colOf(k));
    return r1 < 0 ? undefined : { r0, c0, r1, c1 };
  }

  // ---------------------------------------------------------------- formats

  formatAt(sheet: SheetModel, r: number, c: number): CellFormat {
    const cell = sheet.cellFmt.get(key(r, c));
    const row = sheet.rowFmt.get(r);
    const col = sheet.colFmt.get(c);
    if (!row && !col) return cell ?? {};
    return mergeFormats(col, row, cell);
  }

  /** Applies `patch` to every cell of the rectangle (entire rows/columns: to the row/column format too). */
  patchFormat(sheet: SheetModel, rect: Rect, patch: (f: CellFormat, r: number, c: number) => void): void {
    const entireCols = isEntireCols(rect);
    const entireRows = isEntireRows(rect);
    if (entireCols || entireRows) {
      const lineMap = entireCols ? sheet.colFmt : sheet.rowFmt;
      const [lo, hi] = entireCols ? [rect.c0, rect.c1] : [rect.r0, rect.r1];
      for (let i = lo; i <= hi; i++) {
        const f = lineMap.get(i) ?? {};
        patch(f, entireCols ? -1 : i, entireCols ? i : -1);
        lineMap.set(i, f);
      }
      for (const [k, f] of sheet.cellFmt) {
        const r = rowOf(k);
        const c = colOf(k);
        if (r >= rect.r0 && r <= rect.r1 && c >= rect.c0 && c <= rect.c1) patch(f, r, c);
      }
      return;
    }
    for (let r = rect.r0; r <= rect.r1; r++)
      for (let c = rect.c0; c <= rect.c1; c++) {
        const k = key(r, c);
        const f = sheet.cellFmt.get(k) ?? cloneFormat(this.formatAt(sheet, r, c));
        patch(f, r, c);
        sheet.cellFmt.set(k, f);
      }
  }

  /** One value if every cell agrees, else null (Office.js reports mixed formats as null). */
  commonFormat<T>(sheet: SheetModel, rect: Rect, read: (f: CellFormat, r: number, c: number) => T): T | null {
    let first = true;
    let value: T | null = null;
    const cells = this.sampleCells(sheet, rect);
    for (const [r, c] of cells) {
      const v = read(this.formatAt(sheet, r, c), r, c);
      if (first) {
        value = v;
        first = false;
      } else if (v !== value) return null;
    }
    return value;
  }

  /** The cells worth looking at: all of a normal range; for entire rows/columns, one per line plus formatted cells. */
  sampleCells(sheet: SheetModel, rect: Rect): [number, number][] {
    const cells: [number, number][] = [];
    if (rectRows(rect) * rectCols(rect) <= 200_000) {
      for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) cells.push([r, c]);
      return cells;
    }
    if (isEntireCols(rect)) for (let c = rect.c0; c <= rect.c1; c++) cells.push([MAX_ROWS - 1, c]);
    else if (isEntireRows(rect)) for (let r = rect.r0; r <= rect.r1; r++) cells.push([r, MAX_COLS - 1]);
    for (const k of sheet.cellFmt.keys()) {
      const r = rowOf(k);
      const c = colOf(k);
      if (r >= rect.r0 && r <= rect.r1 && c >= rect.c0 && c <= rect.c1) cells.push([r, c]);
    }
    return cells;
  }

  /** Sets one border side on the cells it belongs to, and the facing side of the neighbour (Excel shares edges). */
  setBorder(sheet: SheetModel, rect: Rect, side: string, patch: Partial<Border>): void {
    const apply = (r: number, c: number, s: BorderSide) => {
      if (r < 0 || c < 0 || r >= MAX_ROWS || c >= MAX_COLS) return;
      this.patchFormat(sheet, { r0: r, r1: r, c0: c, c1: c }, (f) => {
        const b = { ...(f.borders?.[s] ?? { style: 'None', weight: 'Thin', color: '#000000' }) };
        Object.assign(b, patch);
        // Judgement: giving a weight or colour to a side without a line draws a continuous line.
        if (patch.style === undefined && b.style === 'None') b.style = 'Continuous';
        f.borders = { ...(f.borders ?? {}), [s]: b };
      });
    };
    const big = rectRows(rect) * rectCols(rect) > 200_000;
    if (big) throw hostError('NotImplemented', 'RangeBorder', 'borders on entire rows or columns are not simulated');
    const { r0, r1, c0, c1 } = rect;
    switch (side) {
      case 'EdgeTop':
        for (let c = c0; c <= c1; c++) {
          apply(r0, c, 'EdgeTop');
          apply(r0 - 1, c, 'EdgeBottom');
        }
        break;
      case 'EdgeBottom':
        for (let c = c0; c <= c1; c++) {
          apply(r1, c, 'EdgeBottom');
          apply(r1 + 1, c, 'EdgeTop');
        }
        break;
      case 'EdgeLeft':
        for (let r = r0; r <= r1; r++) {
          apply(r, c0, 'EdgeLeft');
          apply(r, c0 - 1, 'EdgeRight');
        }
        break;
      case 'EdgeRight':
        for (let r = r0; r <= r1; r++) {
          apply(r, c1, 'EdgeRight');
          apply(r, c1 + 1, 'EdgeLeft');
        }
        break;
      case 'InsideHorizontal':
        for (let r = r0; r < r1; r++)
          for (let c = c0; c <= c1; c++) {
            apply(r, c, 'EdgeBottom');
            apply(r + 1, c, 'EdgeTop');
          }
        break;
      case 'InsideVertical':
        for (let r = r0; r <= r1; r++)
          for (let c = c0; c < c1; c++) {
            apply(r, c, 'EdgeRight');
            apply(r, c + 1, 'EdgeLeft');
          }
        break;
      case 'DiagonalDown':
      case 'DiagonalUp':
        for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) apply(r, c, side);
        break;
      default:
        throw hostError('InvalidArgument', 'RangeBorderCollection.getItem', `unknown border index "${side}"`);
    }
  }

  readBorder(sheet: SheetModel, rect: Rect, side: string): Border | null {
    const none: Border = { style: 'None', weight: 'Thin', color: '#000000' };
    const cells: [number, number, BorderSide][] = [];
    const { r0, r1, c0, c1 } = rect;
    switch (side) {
      case 'EdgeTop':
        for (let c = c0; c <= c1; c++) cells.push([r0, c, 'EdgeTop']);
        break;
      case 'EdgeBottom':
        for (let c = c0; c <= c1; c++) cells.push([r1, c, 'EdgeBottom']);
        break;
      case 'EdgeLeft':
        for (let r = r0; r <= r1; r++) cells.push([r, c0, 'EdgeLeft']);
        break;
      case 'EdgeRight':
        for (let r = r0; r <= r1; r++) cells.push([r, c1, 'EdgeRight']);
        break;
      case 'InsideHorizontal':
        for (let r = r0; r < r1; r++) for (let c = c0; c <= c1; c++) cells.push([r, c, 'EdgeBottom']);
        break;
      case 'InsideVertical':
        for (let r = r0; r <= r1; r++) for (let c = c0; c < c1; c++) cells.push([r, c, 'EdgeRight']);
        break;
      default:
        for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) cells.push([r, c, side as BorderSide]);
    }
    if (cells.length === 0) return none;
    let out: Border | null = null;
    for (const [r, c, s] of cells) {
      const b = this.formatAt(sheet, r, c).borders?.[s] ?? none;
      if (!out) out = { ...b };
      else {
        if (out.style !== b.style) out.style = null as unknown as string;
        if (out.weight !== b.weight) out.weight = null as unknown as string;
        if (out.color !== b.color) out.color = null as unknown as string;
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- row heights and column widths

  standardHeight(): number {
    return lineHeight(this.opts.defaultFont.size);
  }

  /** Points: 8.43 characters of the default font = 64 px = 48 pt. */
  standardWidth(): number {
    return 48;
  }

  rowHeight(sheet: SheetModel, r: number): number {
    if (sheet.hiddenRows.has(r)) return 0;
    return sheet.rowHeights.get(r) ?? this.autoRowHeight(sheet, r);
  }

  colWidth(sheet: SheetModel, c: number): number {
    if (sheet.hiddenCols.has(c)) return 0;
    return sheet.colWidths.get(c) ?? this.standardWidth();
  }

  /**
   * The height Excel gives a row whose height was never set: the tallest line of its fonts, times the
   * lines of wrapped text. An estimate (Excel measures glyphs; only real Excel gives exact heights);
   * merged cells are left out, as Excel's autofit does.
   */
  autoRowHeight(sheet: SheetModel, r: number): number {
    let h = this.standardHeight();
    const cols = new Set<number>();
    for (const k of sheet.cellFmt.keys()) if (rowOf(k) === r) cols.add(colOf(k));
    const width = this.hf.getSheetDimensions(sheet.hfId).width;
    for (let c = 0; c < width; c++) if (this.valueAt(sheet, r, c) !== '') cols.add(c);
    for (const c of cols) {
      if (
        sheet.merges.some((m) => r >= m.r0 && r <= m.r1 && c >= m.c0 && c <= m.c1 && (m.r0 !== m.r1 || m.c0 !== m.c1))
      )
        continue;
      const f = this.formatAt(sheet, r, c);
      const size = f.fontSize ?? this.opts.defaultFont.size;
      const text = this.textAt(sheet, r, c);
      let lines = text.split('\n').length;
      if (f.wrapText && text) lines = estimateWrappedLines(text, this.colWidth(sheet, c), size, !!f.bold);
      h = Math.max(h, lines * lineHeight(size));
    }
    return Math.min(409, h);
  }

  // ---------------------------------------------------------------- inserting and deleting cells

  /**
   * Inserts (count > 0) or deletes (count < 0) rows at `at` — entire rows, or only in columns
   * `span` (a partial shift). Everything that refers to cells moves: formulas and names (HyperFormula),
   * formats, heights, merges, validation, conditional formats, print titles, tracked ranges.
   */
  shiftRows(sheet: SheetModel, at: number, count: number, span: [number, number] | undefined, location: string): void {
    this.shift(sheet, 'rows', at, count, span, location);
  }

  shiftCols(sheet: SheetModel, at: number, count: number, span: [number, number] | undefined, location: string): void {
    this.shift(sheet, 'cols', at, count, span, location);
  }

  private shift(
    sheet: SheetModel,
    axis: 'rows' | 'cols',
    at: number,
    count: number,
    span: [number, number] | undefined,
    location: string,
  ): void {
    const hf = this.hf;
    const rows = axis === 'rows';
    const limit = rows ? MAX_ROWS : MAX_COLS;
    const dims = hf.getSheetDimensions(sheet.hfId);
    const used = rows ? dims.height : dims.width;
    if (count > 0 && used + count > limit)
      throw hostError('NonBlankCellOffSheet', location, 'the insertion would push non-empty cells off the sheet');
    if (!span) {
      if (count > 0) (rows ? hf.addRows : hf.addColumns).call(hf, sheet.hfId, [at, count]);
      else (rows ? hf.removeRows : hf.removeColumns).call(hf, sheet.hfId, [at, -count]);
    } else {
      const [lo, hi] = span;
      const extent = Math.max(used - at, 0);
      const width = hi - lo + 1;
      const toHf = (along: number, across: number) =>
        rows ? { sheet: sheet.hfId, row: along, col: across } : { sheet: sheet.hfId, row: across, col: along };
      const box = (a0: number, a1: number) =>
        rows
          ? { start: toHf(a0, lo), end: { sheet: sheet.hfId, row: a1, col: hi } }
          : { start: toHf(a0, lo), end: { sheet: sheet.hfId, row: hi, col: a1 } };
      if (count > 0) {
        if (extent > 0) hf.moveCells(box(at, at + extent - 1), toHf(at + count, lo));
      } else {
        const n = -count;
        const blank = rows
          ? Array.from({ length: n }, () => Array(width).fill(null))
          : Array.from({ length: width }, () => Array(n).fill(null));
        hf.setCellContents(toHf(at, lo), blank);
        if (extent - n > 0) hf.moveCells(box(at + n, at + extent - 1), toHf(at, lo));
      }
    }
    const moveRect = (r: Rect): Rect | undefined =>
      rows ? shiftRowsRect(r, at, count, span?.[0], span?.[1]) : shiftColsRect(r, at, count, span?.[0], span?.[1]);
    const movePos = (r: number, c: number): [number, number] | undefined => {
      const t = moveRect({ r0: r, r1: r, c0: c, c1: c });
      return t && [t.r0, t.c0];
    };
    // Cell formats: move; new cells take the format of the line before (Excel's "format same as above").
    const moved = new Map<number, CellFormat>();
    for (const [k, f] of sheet.cellFmt) {
      const p = movePos(rowOf(k), colOf(k));
      if (p) moved.set(key(p[0], p[1]), f);
    }
    if (count > 0 && at > 0) {
      for (const [k, f] of sheet.cellFmt) {
        const r = rowOf(k);
        const c = colOf(k);
        const along = rows ? r : c;
        const across = rows ? c : r;
        if (along !== at - 1 || (span && (across < span[0] || across > span[1]))) continue;
        for (let i = 0; i < count; i++) moved.set(rows ? key(at + i, c) : key(r, at + i), cloneFormat(f));
      }
    }
    sheet.cellFmt.clear();
    for (const [k, f] of moved) sheet.cellFmt.set(k, f);
    if (!span) {
      const lineMaps: Map<number, unknown>[] = rows
        ? [sheet.rowFmt, sheet.rowHeights]
        : [sheet.colFmt, sheet.colWidths];
      for (const m of lineMaps) shiftLineMap(m, at, count);
      shiftLineSet(rows ? sheet.hiddenRows : sheet.hiddenCols, at, count);
      if (count > 0 && at > 0) {
        const fmt = (rows ? sheet.rowFmt : sheet.colFmt).get(at - 1);
        if (fmt) for (let i = 0; i < count; i++) (rows ? sheet.rowFmt : sheet.colFmt).set(at + i, cloneFormat(fmt));
      }
    }
    sheet.merges = sheet.merges.map(moveRect).filter((r): r is Rect => !!r);
    sheet.validations = sheet.validations.flatMap((v) => {
      const rect = moveRect(v.rect);
      return rect ? [{ ...v, rect }] : [];
    });
    sheet.condFormats = sheet.condFormats.flatMap((cf) => {
      const rect = moveRect(cf.rect);
      return rect ? [{ ...cf, rect }] : [];
    });
    for (const k of ['printTitleRows', 'printTitleColumns', 'printArea'] as const) {
      const r = sheet.page[k];
      if (r) sheet.page[k] = moveRect(r) ?? null;
    }
    for (const t of this.tracked) {
      if (t.sheet !== sheet) continue;
      const r = moveRect(t.rect);
      if (r) t.rect = r;
    }
    if (this.selection?.sheet === sheet) this.selection.rect = moveRect(this.selection.rect) ?? this.selection.rect;
  }

  // ---------------------------------------------------------------- merges

  merge(sheet: SheetModel, rect: Rect, across: boolean): void {
    const parts = across
      ? Array.from({ length: rectRows(rect) }, (_, i) => ({ ...rect, r0: rect.r0 + i, r1: rect.r0 + i }))
      : [rect];
    for (const p of parts) {
      if (p.r0 === p.r1 && p.c0 === p.c1) continue;
      sheet.merges = sheet.merges.filter((m) => !intersect(m, p));
      // Excel keeps the upper-left value only.
      const vals = this.values(sheet, p);
      let kept = false;
      const cleared = vals.map((row, i) =>
        row.map((v, j) => {
          if (i === 0 && j === 0) return undefined;
          if (v !== '') kept = true;
          return '';
        }),
      );
      if (kept) {
        this.opts.warn(
          `merging ${quoteSheet(sheet.name)}!${rectA1Abs(p)} dropped the values outside its upper-left cell`,
        );
        this.write(
          sheet,
          p,
          cleared.map((row) => row.map((v) => (v === undefined ? null : v))),
          'values',
          'Range.merge',
        );
      }
      sheet.merges.push(p);
    }
  }

  unmerge(sheet: SheetModel, rect: Rect): void {
    sheet.merges = sheet.merges.filter((m) => !intersect(m, rect));
  }

  // ---------------------------------------------------------------- protection

  /** Throws AccessDenied when a protected sheet forbids the change (judgement on the exact code: see report). */
  assertAllowed(
    sheet: SheetModel,
    what:
      | 'cells'
      | 'format'
      | 'formatRows'
      | 'formatColumns'
      | 'insertRows'
      | 'insertColumns'
      | 'deleteRows'
      | 'deleteColumns'
      | 'structure',
    rect: Rect | undefined,
    location: string,
  ): void {
    const p = sheet.protection;
    if (!p.protected) return;
    const deny = (why: string) => {
      throw hostError('AccessDenied', location, `${quoteSheet(sheet.name)} is protected: ${why}`);
    };
    switch (what) {
      case 'cells':
        if (rect && this.sampleCells(sheet, rect).some(([r, c]) => this.formatAt(sheet, r, c).locked !== false))
          deny(`${rectA1Abs(rect)} has locked cells`);
        return;
      case 'format':
        if (!p.options.allowFormatCells) deny('formatting cells is not allowed');
        return;
      case 'formatRows':
        if (!p.options.allowFormatRows) deny('formatting rows is not allowed');
        return;
      case 'formatColumns':
        if (!p.options.allowFormatColumns) deny('formatting columns is not allowed');
        return;
      case 'insertRows':
        if (!p.options.allowInsertRows) deny('inserting rows is not allowed');
        return;
      case 'insertColumns':
        if (!p.options.allowInsertColumns) deny('inserting columns is not allowed');
        return;
      case 'deleteRows':
        if (!p.options.allowDeleteRows) deny('deleting rows is not allowed');
        return;
      case 'deleteColumns':
        if (!p.options.allowDeleteColumns) deny('deleting columns is not allowed');
        return;
      default:
        deny('the change is not allowed on a protected sheet');
    }
  }

  // ---------------------------------------------------------------- names

  findName(name: string, scopeSheetId?: string): NameModel | undefined {
    const low = name.toLowerCase();
    return this.names.find((n) => n.name.toLowerCase() === low && n.scopeSheetId === scopeSheetId);
  }

  static validName(name: string): boolean {
    if (typeof name !== 'string' || name.length === 0 || name.length > 255) return false;
    if (!/^[\p{L}_\\][\p{L}\p{N}_.\\?]*$/u.test(name)) return false;
    return !(/^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name) || /^[RrCc]$/.test(name));
  }

  private hfScope(scopeSheetId?: string): number | undefined {
    return scopeSheetId ? this.sheetById(scopeSheetId)?.hfId : undefined;
  }

  addName(
    name: string,
    formula: string,
    comment: string,
    scopeSheetId: string | undefined,
    location: string,
  ): NameModel {
    if (!WorkbookModel.validName(name))
      throw hostError('InvalidArgument', location, `"${name}" is not a valid Excel name`);
    if (this.findName(name, scopeSheetId))
      throw hostError('ItemAlreadyExists', location, `the name "${name}" already exists`);
    const f = formula.startsWith('=') ? formula : `=${formula}`;
    const hfF = toHfFormula(f);
    if (!this.hf.validateFormula(hfF))
      throw hostError('InvalidArgument', location, `"${formula}" is not a valid reference or formula`);
    const model: NameModel = { name, comment: comment ?? '', visible: true, scopeSheetId };
    if (this.hf.isItPossibleToAddNamedExpression(name, hfF, this.hfScope(scopeSheetId)))
      this.hf.addNamedExpression(name, hfF, this.hfScope(scopeSheetId));
    else {
      this.opts.warn(
        `the name "${name}" is kept outside the formula engine (HyperFormula rejects it); formulas using it show #NAME?`,
      );
      model.localFormula = f;
    }
    this.names.push(model);
    return model;
  }

  nameFormula(n: NameModel): string {
    if (n.localFormula !== undefined) return n.localFormula;
    const f = this.hf.getNamedExpressionFormula(n.name, this.hfScope(n.scopeSheetId));
    return fromHfFormula(f ?? '=#REF!');
  }

  setNameFormula(n: NameModel, formula: string, location: string): void {
    const f = formula.startsWith('=') ? formula : `=${formula}`;
    const hfF = toHfFormula(f);
    if (!this.hf.validateFormula(hfF))
      throw hostError('InvalidArgument', location, `"${formula}" is not a valid reference or formula`);
    if (n.localFormula !== undefined) n.localFormula = f;
    else this.hf.changeNamedExpression(n.name, hfF, this.hfScope(n.scopeSheetId));
  }

  deleteName(n: NameModel): void {
    if (n.localFormula === undefined) this.hf.removeNamedExpression(n.name, this.hfScope(n.scopeSheetId));
    this.names = this.names.filter((x) => x !== n);
  }

  /** The range a name refers to, or undefined when it is not a plain reference (or is #REF!). */
  nameRange(n: NameModel): RangeRef | undefined {
    const f = this.nameFormula(n).slice(1);
    const p = parseAddress(f);
    if (!p) return undefined;
    const sheet = p.sheet ? this.sheetByName(p.sheet) : n.scopeSheetId ? this.sheetById(n.scopeSheetId) : undefined;
    return sheet ? { sheet, rect: p.rect } : undefined;
  }

  nameValue(n: NameModel): { type: string; value: unknown } {
    const ref = this.nameRange(n);
    if (ref) return { type: 'Range', value: `${quoteSheet(ref.sheet.name)}!${rectA1Abs(ref.rect)}` };
    if (n.localFormula !== undefined) return { type: 'Error', value: '#NAME?' };
    const v = this.hf.getNamedExpressionValue(n.name, this.hfScope(n.scopeSheetId));
    if (v instanceof DetailedCellError) return { type: 'Error', value: v.value };
    if (typeof v === 'number') return { type: Number.isInteger(v) ? 'Integer' : 'Double', value: v };
    if (typeof v === 'boolean') return { type: 'Boolean', value: v };
    if (Array.isArray(v)) return { type: 'Array', value: v };
    return { type: 'String', value: v ?? '' };
  }

  // ---------------------------------------------------------------- evaluation of rule formulas

  /** Evaluates a rule formula (validation, conditional format) as seen from cell (r, c) of `sheet`. */
  evaluateRuleFormula(sheet: SheetModel, formula: string, anchor: Rect, r: number, c: number): unknown {
    const f = shiftFormula(formula.startsWith('=') ? formula : `=${formula}`, r - anchor.r0, c - anchor.c0);
    const v = this.hf.calculateFormula(toHfFormula(f), sheet.hfId);
    if (v instanceof DetailedCellError) return v.value;
    return Array.isArray(v) ? v[0]?.[0] : v;
  }

  /** Whether a cell's value passes its data validation (true when there is none). */
  isValid(sheet: SheetModel, v: DataValidationModel, r: number, c: number, value: CellValue): boolean {
    if (!v.rule) return true;
    if (value === '' && v.ignoreBlanks) return true;
    const [type, spec] = Object.entries(v.rule)[0] ?? [];
    if (!type) return true;
    const num = (x: unknown): number | undefined => {
      if (typeof x === 'number') return x;
      if (typeof x === 'string' && x.startsWith('=')) {
        const e = this.evaluateRuleFormula(sheet, x, v.rect, r, c);
        return typeof e === 'number' ? e : undefined;
      }
      const n = Number(x);
      return x !== '' && Number.isFinite(n) ? n : undefined;
    };
    const compare = (x: number): boolean => {
      const a = num(spec.formula1);
      const b = num(spec.formula2);
      if (a === undefined) return false;
      switch (spec.operator) {
        case 'Between':
          return b !== undefined && x >= a && x <= b;
        case 'NotBetween':
          return b !== undefined && (x < a || x > b);
        case 'EqualTo':
          return x === a;
        case 'NotEqualTo':
          return x !== a;
        case 'GreaterThan':
          return x > a;
        case 'LessThan':
          return x < a;
        case 'GreaterThanOrEqualTo':
          return x >= a;
        case 'LessThanOrEqualTo':
          return x <= a;
        default:
          return false;
      }
    };
    switch (type) {
      case 'wholeNumber':
        return typeof value === 'number' && Number.isInteger(value) && compare(value);
      case 'decimal':
        return typeof value === 'number' && compare(value);
      case 'textLength':
        return compare(String(value).length);
      case 'list': {
        const src = String(spec.source ?? '');
        let items: string[];
        if (src.startsWith('=')) {
          const p = parseAddress(src.slice(1));
          const s = p?.sheet ? this.sheetByName(p.sheet) : sheet;
          items = p && s ? this.values(s, p.rect).flat().map(String) : [];
        } else items = src.split(',').map((x) => x.trim());
        return items.some((i) => i.toLowerCase() === String(value).toLowerCase());
      }
      case 'custom':
        return this.evaluateRuleFormula(sheet, String(spec.formula), v.rect, r, c) === true;
      default:
        return true;
    }
  }

  validationAt(sheet: SheetModel, r: number, c: number): DataValidationModel | undefined {
    return sheet.validations.find((v) => r >= v.rect.r0 && r <= v.rect.r1 && c >= v.rect.c0 && c <= v.rect.c1);
  }

  /** Replaces validation on `rect` (what setting `rule` does), keeping alert/prompt settings already there. */
  setValidationRule(sheet: SheetModel, rect: Rect, rule: Record<string, any>): void {
    const prev = sheet.validations.find((v) => intersect(v.rect, rect));
    this.clearValidation(sheet, rect);
    sheet.validations.push({
      rect,
      rule,
      errorAlert: prev ? { ...prev.errorAlert } : { showAlert: true, style: 'Stop', title: '', message: '' },
      prompt: prev ? { ...prev.prompt } : { showPrompt: false, title: '', message: '' },
      ignoreBlanks: prev ? prev.ignoreBlanks : true,
    });
  }

  /** Splits validations so that `rect` has its own, then applies `patch` to it (creating an empty one if needed). */
  patchValidation(sheet: SheetModel, rect: Rect, patch: (v: DataValidationModel) => void): void {
    const touched = sheet.validations.filter((v) => intersect(v.rect, rect));
    if (touched.length === 0) {
      const v: DataValidationModel = {
        rect,
        rule: null,
        errorAlert: { showAlert: true, style: 'Stop', title: '', message: '' },
        prompt: { showPrompt: false, title: '', message: '' },
        ignoreBlanks: true,
      };
      patch(v);
      sheet.validations.push(v);
      return;
    }
    const rest = sheet.validations.filter((v) => !touched.includes(v));
    for (const v of touched) {
      for (const part of subtract(v.rect, rect))
        rest.push({ ...v, rect: part, errorAlert: { ...v.errorAlert }, prompt: { ...v.prompt } });
      const inside = { ...v, rect: intersect(v.rect, rect)!, errorAlert: { ...v.errorAlert }, prompt: { ...v.prompt } };
      patch(inside);
      rest.push(inside);
    }
    sheet.validations = rest;
  }

  clearValidation(sheet: SheetModel, rect: Rect): void {
    sheet.validations = sheet.validations.flatMap((v) =>
      intersect(v.rect, rect) ? subtract(v.rect, rect).map((part) => ({ ...v, rect: part })) : [v],
    );
  }

  /** The conditional formats whose rule is true for the cell, in priority order (top first). */
  conditionalFormatsOn(sheet: SheetModel, r: number, c: number): ConditionalFormatModel[] {
    const out: ConditionalFormatModel[] = [];
    for (const cf of sheet.condFormats) {
      if (r < cf.rect.r0 || r > cf.rect.r1 || c < cf.rect.c0 || c > cf.rect.c1) continue;
      if (cf.type !== 'Custom' || !cf.formula) continue;
      const v = this.evaluateRuleFormula(sheet, cf.formula, cf.rect, r, c);
      const truthy = v === true || (typeof v === 'number' && v !== 0);
      if (truthy) {
        out.push(cf);
        if (cf.stopIfTrue) break;
      }
    }
    return out;
  }
}

function shiftLineMap(m: Map<number, unknown>, at: number, count: number): void {
  const entries = [...m.entries()];
  m.clear();
  for (const [i, v] of entries) {
    if (count > 0) m.set(i >= at ? i + count : i, v);
    else if (i < at) m.set(i, v);
    else if (i >= at - count) m.set(i + count, v);
  }
}

function shiftLineSet(s: Set<number>, at: number, count: number): void {
  const m = new Map([...s].map((i) => [i, true] as [number, unknown]));
  shiftLineMap(m, at, count);
  s.clear();
  for (const i of m.keys()) s.add(i);
}

/** Height of one line of text in points (Excel: 15 for 11 pt, 15.75 for 12 pt); rounded to Excel's 0.75 pt grid. */
export function lineHeight(size: number): number {
  return Math.max(15, Math.round((size * 1.3) / 0.75) * 0.75);
}

/** Lines a wrapped text takes in a column `width` points wide (average glyph ≈ half the font size). */
export function estimateWrappedLines(text: string, width: number, size: number, bold: boolean): number {
  const usable = Math.max(1, width - 4);
  const charW = size * (bold ? 0.55 : 0.5);
  let lines = 0;
  for (const para of text.split('\n')) {
    let line = 0;
    let count = 1;
    for (const word of para.split(/\s+/)) {
      const w = word.length * charW;
      const add = line === 0 ? w : line + charW + w;
      if (add > usable && line > 0) {
        count++;
        line = w;
      } else line = add;
      while (line > usable) {
        count++;
        line -= usable;
      }
    }
    lines += count;
  }
  return Math.max(1, lines);
}
