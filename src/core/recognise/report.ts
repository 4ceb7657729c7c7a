/**
 * What reading a received appendix produces: which template and level it is, who sent it for
 * which period, a reading per template row with the cell it came from, and every row that
 * could not be placed. Consumed by `cchc check`, consolidation (toChildReport) and the add-in.
 */
import type { ChildReport } from '../consolidate/engine';
import type { Finding } from '../findings';
import type { PeriodId } from '../template/levels';
import type { Template } from '../template/load';
import type { LevelId } from '../template/schema';
import type { ReportValues } from '../values';

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
  cells: Map<string, string>;
  rows: MappedRow[];
  /** Table rows that no template row matched. */
  unmapped: UnplacedRow[];
  /** Rows mapped with a confidence below LOW_CONFIDENCE: worth a look. */
  lowConfidence: LowConfidenceRow[];
  warnings: ReadWarning[];
  tables: TableFound[];
}

export type ReadReportErrorCode = 'not-xlsx' | 'xls' | 'encrypted' | 'corrupt' | 'too-big' | 'empty' | 'no-appendix' | 'unknown-template' | 'unreadable';

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
    cells: r.cells,
    ...(r.date ? { reportDate: r.date } : {}),
    ...(findings ? { findings } : {}),
  };
}
