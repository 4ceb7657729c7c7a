/**
 * What reading a received appendix produces: which template and level it is, who sent it for
 * which period, a reading per template row with the cell it came from, and every row that
 * could not be placed. Consumed by `cchc check`, consolidation (toChildReport) and the add-in.
 */
import type { ChildFinding, ChildReport } from '../consolidate/engine';
import type { Finding } from '../findings';
import type { Verdict } from '../rules/check';
import type { PeriodId } from '../template/levels';
import type { Template } from '../template/load';
import type { Severity } from '../template/schema';
import type { LevelId } from '../template/schema';
import type { ReportValues } from '../values';
import { placeOf, type WordTablePlace } from './place';
import { rowIndexOf, RowValues } from './row-values';
import { detach } from './text';

/** How the template was found: the workbook's own metadata (cchc new, the add-in) or recognition. */
export type ReportSource = 'metadata' | 'recognised';

/** Where a fact (level, unit, period) came from. */
export type FactSource = 'option' | 'metadata' | 'title' | 'values' | 'template';

export interface MappedRow {
  rowId: string;
  /** The value cell, `'Biểu mẫu 1'!D12`. */
  cell: string;
  sheet: string;
  /** Sheet row number (1-based). */
  row: number;
  /** STT and label as typed in the workbook. */
  stt: string;
  label: string;
  /** 0–1: how sure the mapping is (1 for a row found through the workbook's metadata). */
  confidence: number;
}

export interface UnplacedRow {
  /** The row's STT cell (or label cell when the table has no STT column), `'Sheet1'!A7`. */
  cell: string;
  sheet: string;
  row: number;
  stt: string;
  label: string;
  /** The value cell's text, when the row has one (an unmapped row with a value loses data). */
  value?: string;
}

export interface LowConfidenceRow extends UnplacedRow {
  /** The template row it was mapped to anyway. */
  rowId: string;
  templateStt: string;
  templateLabel: string;
  confidence: number;
}

export interface ReadWarning {
  /**
   * `value`: a cell that is not a number (the checker reports these too, as domain:number);
   * `habit`: a reading made ambiguous by the workbook's number habit; `read`: anything else.
   */
  kind?: 'value' | 'habit' | 'read';
  message: string;
  cell?: string;
  rowId?: string;
}

export interface TableFound {
  sheet: string;
  /** `A5:E40` */
  range: string;
  rows: number;
  /** Form id most of its rows were mapped to. */
  form?: string;
}

export interface ReadReport {
  file: string;
  source: ReportSource;
  template: Template;
  /** 0–1: mean row confidence over the table rows (1 for a workbook read through its metadata). */
  confidence: number;
  /** The next best template, when several were tried. */
  runnerUp?: { id: string; confidence: number };
  /** Recognised with a confidence below POOR_MATCH: no known template fits; the reading is doubtful. */
  poorMatch?: boolean;
  level?: LevelId;
  levelSource?: FactSource;
  unit?: string;
  period?: PeriodId;
  year?: number;
  /** `371/BC-UBND` */
  reportNo?: string;
  /** ISO yyyy-mm-dd of the report. */
  date?: string;
  /** Template row id → reading (empty cells are absent). */
  values: ReportValues;
  /** Template row id → value cell address, for every mapped row (empty ones included). */
  cells: ReadonlyMap<string, string>;
  rows: readonly MappedRow[];
  /** Table rows that no template row matched. */
  unmapped: UnplacedRow[];
  /** Rows mapped with a confidence below LOW_CONFIDENCE: worth a look. */
  lowConfidence: LowConfidenceRow[];
  warnings: ReadWarning[];
  tables: readonly TableFound[];
  /**
   * Read from a Word report: where each table («Bảng N») starts on its sheet, so that a cell is
   * shown as the official finds it in the document (place.ts).
   */
  wordTables?: WordTablePlace[];
}

export type ReadReportErrorCode =
  | 'not-xlsx'
  | 'xls'
  | 'encrypted'
  | 'corrupt'
  | 'too-big'
  | 'empty'
  | 'no-appendix'
  | 'unknown-template'
  | 'unreadable'
  | 'too-slow';

/** A workbook that cannot be read as an appendix; the message is Vietnamese and names the file. */
export class ReadReportError extends Error {
  override name = 'ReadReportError';
  constructor(
    readonly code: ReadReportErrorCode,
    message: string,
    readonly file?: string,
  ) {
    super(message);
  }
}

/** The report as consolidation takes it. */
export function toChildReport(r: ReadReport, findings?: Finding[]): ChildReport {
  if (!r.level) throw new ReadReportError('unreadable', `Tệp «${r.file}»: chưa xác định được cấp báo cáo.`, r.file);
  return {
    unit: r.unit ?? r.file,
    level: r.level,
    template: r.template,
    values: r.values,
    file: r.file,
    cells: r.wordTables ? new Map([...r.cells].map(([id, cell]) => [id, placeOf(r, cell)])) : r.cells,
    ...(r.date ? { reportDate: r.date } : {}),
    ...(r.period ? { period: r.period } : {}),
    ...(r.year ? { year: r.year } : {}),
    ...(findings ? { findings } : {}),
  };
}

/** Cell addresses repeat from child to child (the same layout): one string each. */
const addresses = new Map<string, string>();

const own = detach;

function sharedAddress(a: string): string {
  let v = addresses.get(a);
  if (v === undefined) {
    v = own(a);
    if (addresses.size >= 50_000) addresses.clear();
    addresses.set(v, v);
  }
  return v;
}

/**
 * The cells of a child's rows that hold a value, by row id: one map for all the children of a
 * layout (the same rows filled, at the same addresses), read-only. `text` is the JSON array of the
 * cell of each template row (in rowsById order, '' for none): any sheet name, even a hostile one,
 * comes back as it was.
 */
const layouts = new WeakMap<Template, Map<string, ReadonlyMap<string, string>>>();

function layoutCells(t: Template, text: string): ReadonlyMap<string, string> {
  let known = layouts.get(t);
  if (!known) layouts.set(t, (known = new Map()));
  let cells = known.get(text);
  if (!cells) {
    const { ids } = rowIndexOf(t);
    const at = JSON.parse(text) as unknown;
    if (!Array.isArray(at) || at.length !== ids.length)
      throw new Error(`Các ô đọc không khớp các dòng của mẫu «${t.id}».`);
    const m = new Map<string, string>();
    at.forEach((a: unknown, i) => {
      if (typeof a === 'string' && a) m.set(ids[i], sharedAddress(a));
    });
    cells = m;
    if (known.size >= 256) known.clear();
    known.set(detach(text), cells);
  }
  return cells;
}

/** A child's finding without a habit, one read-only object for all the children that have it. */
const findingsSeen = new Map<string, ChildFinding>();

function sharedFinding(severity: Severity, rows: string[], habit?: Finding['habit']): ChildFinding {
  if (habit) return { severity, rows, habit };
  const key = `${severity}\u0001${rows.join('\u0001')}`;
  let f = findingsSeen.get(key);
  if (!f) {
    f = Object.freeze({ severity, rows: Object.freeze(rows) as string[] });
    if (findingsSeen.size >= 50_000) findingsSeen.clear();
    findingsSeen.set(key, f);
  }
  return f;
}

/**
 * What consolidating many children keeps of each: its values (the number and its decimals per
 * template row: RowValues), the cells of the rows that hold one, the severity and rows of its
 * errors and warnings, and fresh copies of its strings, so that nothing else of the workbook that
 * was read stays in memory.
 */
export function compactChildReport(r: ReadReport, findings?: readonly Verdict[]): ChildReport {
  if (!r.level) throw new ReadReportError('unreadable', `Tệp «${r.file}»: chưa xác định được cấp báo cáo.`, r.file);
  const values = RowValues.of(r.template, r.values);
  const { ids } = rowIndexOf(r.template);
  const at: string[] = [];
  for (const id of ids) {
    const cell = values.has(id) ? r.cells.get(id) : undefined;
    at.push(cell ? placeOf(r, cell) : '');
  }
  const cells = layoutCells(r.template, JSON.stringify(at));
  // A figure read through a typing habit keeps what was read, for the breakdown sheet to say so.
  const flagged = findings
    ?.filter((f) => f.severity !== 'info')
    .map((f) =>
      sharedFinding(
        f.severity,
        f.rows.map((x) => r.template.rowsById.get(x)?.id ?? own(x)),
        f.habit,
      ),
    );
  return {
    unit: own(r.unit ?? r.file),
    level: r.level,
    template: r.template,
    values,
    file: own(r.file),
    cells,
    ...(r.date ? { reportDate: own(r.date) } : {}),
    ...(r.period ? { period: r.period } : {}),
    ...(r.year ? { year: r.year } : {}),
    ...(flagged ? { findings: flagged } : {}),
  };
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * A compact child report as plain data for a worker's postMessage (the template by id): typed arrays
 * by template row and one string of cells, which the structured clone copies at a fraction of the
 * cost of a thousand small arrays and strings per child.
 */
export interface ChildWire {
  unit: string;
  level: LevelId;
  templateId: string;
  file?: string;
  reportDate?: string;
  period?: PeriodId;
  year?: number;
  /** Per template row (in rowsById order): the value, NaN where the child has none. */
  values: Float64Array;
  /** Per template row: the value's decimals. */
  decimals: Uint8Array;
  /** The JSON array of each template row's value cell or '' (the same text for every child of a layout). */
  cells: string;
  /**
   * The findings, flat: per finding its severity (index in SEVERITIES), its habit (index in
   * `habits`, -1 for none), its number of rows, then each row (index in the template's rows, or
   * -1 - k for `otherRows[k]`).
   */
  findings?: Int32Array;
  habits?: NonNullable<Finding['habit']>[];
  /** Row ids of findings that are not template rows. */
  otherRows?: string[];
}

export function childToWire(c: ChildReport): ChildWire {
  const { ids, index } = rowIndexOf(c.template);
  const { numbers: values, decimals } = c.values instanceof RowValues ? c.values : RowValues.of(c.template, c.values);
  const cells = JSON.stringify(ids.map((id) => c.cells?.get(id) ?? ''));
  let findings: Int32Array | undefined;
  const habits: NonNullable<Finding['habit']>[] = [];
  const otherRows: string[] = [];
  if (c.findings) {
    const flat: number[] = [];
    for (const f of c.findings) {
      flat.push(SEVERITIES.indexOf(f.severity), f.habit ? habits.push(f.habit) - 1 : -1, f.rows.length);
      for (const r of f.rows) flat.push(index.get(r) ?? -otherRows.push(r));
    }
    findings = Int32Array.from(flat);
  }
  return {
    unit: c.unit,
    level: c.level,
    templateId: c.template.id,
    ...(c.file !== undefined ? { file: c.file } : {}),
    ...(c.reportDate !== undefined ? { reportDate: c.reportDate } : {}),
    ...(c.period !== undefined ? { period: c.period } : {}),
    ...(c.year !== undefined ? { year: c.year } : {}),
    values,
    decimals,
    cells,
    ...(findings ? { findings } : {}),
    ...(habits.length ? { habits } : {}),
    ...(otherRows.length ? { otherRows } : {}),
  };
}

/** The child report back from its plain data; `templates` must hold the template it names. */
export function childFromWire(w: ChildWire, templates: readonly Template[]): ChildReport {
  const template = templates.find((t) => t.id === w.templateId);
  if (!template) throw new Error(`Không có mẫu «${w.templateId}».`);
  const { ids } = rowIndexOf(template);
  if (w.values.length !== ids.length)
    throw new Error(`Dữ liệu của «${w.file ?? w.unit}» không khớp các dòng của mẫu «${template.id}».`);
  // The arrays as they came (the structured clone made them this thread's own).
  const values = new RowValues(rowIndexOf(template), w.values, w.decimals);
  const cells = layoutCells(template, w.cells);
  let findings: ChildReport['findings'];
  if (w.findings) {
    findings = [];
    const f = w.findings;
    for (let p = 0; p < f.length;) {
      const severity = SEVERITIES[f[p]];
      const habit = f[p + 1] >= 0 ? w.habits![f[p + 1]] : undefined;
      const n = f[p + 2];
      const rows: string[] = [];
      for (let k = 0; k < n; k++) {
        const r = f[p + 3 + k];
        rows.push(r >= 0 ? ids[r] : w.otherRows![-r - 1]);
      }
      findings.push(sharedFinding(severity, rows, habit));
      p += 3 + n;
    }
  }
  return {
    unit: w.unit,
    level: w.level,
    template,
    values,
    cells,
    ...(w.file !== undefined ? { file: w.file } : {}),
    ...(w.reportDate !== undefined ? { reportDate: w.reportDate } : {}),
    ...(w.period !== undefined ? { period: w.period } : {}),
    ...(w.year !== undefined ? { year: w.year } : {}),
    ...(findings ? { findings } : {}),
  };
}
