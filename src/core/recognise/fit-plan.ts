/**
 * What a template's fit says of a workbook's tables before any figure is read: where each matched
 * row's figure sits, the rows and cells a report lists, the tables found and what is said of them.
 * It depends on the tables' rows, columns and headers alone, so workbooks typed from one blank (same
 * remembered scan, same remembered fit: scan-cache.ts, layout-cache.ts) share one plan and read only
 * their figures with it; building the plan was about a third of recognising such a workbook.
 */
import type { RowDef } from '../template/schema';
import { a1, cellRef, columnLetters } from './grid';
import { baselineRows } from './baselines';
import { LOW_CONFIDENCE, type FlatRow, type TemplateFit } from './match';
import type { MappedRow, ReadWarning, TableFound } from './report';
import type { Table } from './tables';

/** One matched row: its template row and the cell of its figure. */
export interface PlannedRead {
  def: RowDef;
  sheet: string;
  row: number;
  /** The table's value column (undefined: a table without one; nothing is read). */
  col: number | undefined;
}

/** A ratio row's Ghi chú cell, where a baseline may be written (baselines.ts). */
export interface PlannedBaseline {
  /** The template's baseline row it fills. */
  baseRow: string;
  year: number;
  sheet: string;
  row: number;
  col: number;
  address: string;
}

export interface FitPlan {
  /** Per match, in the fit's order. */
  reads: PlannedRead[];
  /** Template row id → the cell its figure is read from (the label's for a table without figures). */
  cells: ReadonlyMap<string, string>;
  rows: readonly MappedRow[];
  /** Flat indices of the table rows no template row was matched to. */
  unmapped: number[];
  /** Indices of the fit's matches below LOW_CONFIDENCE. */
  lowConfidence: number[];
  /** Matched ratio rows whose Ghi chú may give the 2015 baseline of an empty baseline row. */
  baselines: PlannedBaseline[];
  /** What is said of the tables themselves (no value column, several). */
  tableWarnings: readonly ReadWarning[];
  tables: readonly TableFound[];
}

interface Planned {
  tables: Table[];
  plan: FitPlan;
}

/** Plans remembered per fit: one per place the fitted tables were found at (a few). */
const MAX_PLACES = 4;
const plans = new WeakMap<TemplateFit, Planned[]>();

/** The same tables as far as a plan goes: the same rows, columns and headers (shared by remembered scans). */
function sameTables(a: Table[], b: Table[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (
      x.rows !== y.rows ||
      x.columns !== y.columns ||
      x.headers !== y.headers ||
      x.otherValueCols !== y.otherValueCols ||
      x.sheet !== y.sheet
    )
      return false;
  }
  return true;
}

/**
 * The plan of a fit over these tables (flat: flattenTables(tables), which the fit's indices point
 * into), remembered for the next workbook with the same tables. Shared between workbooks: read-only.
 */
export function fitPlan(tables: Table[], flat: FlatRow[], fit: TemplateFit): FitPlan {
  let known = plans.get(fit);
  for (const p of known ?? []) if (sameTables(p.tables, tables)) return p.plan;
  const plan = makePlan(tables, flat, fit);
  if (!known) plans.set(fit, (known = []));
  known.unshift({ tables, plan });
  if (known.length > MAX_PLACES) known.pop();
  return plan;
}

function makePlan(tables: Table[], flat: FlatRow[], fit: TemplateFit): FitPlan {
  const t = fit.template;
  const reads: PlannedRead[] = [];
  const cells = new Map<string, string>();
  const rows: MappedRow[] = [];
  const mapped = new Set<number>();
  const formCount = tables.map(() => new Map<string, number>());
  const lowConfidence: number[] = [];
  const baselines: PlannedBaseline[] = [];
  fit.matches.forEach((m, k) => {
    const r = flat[m.index];
    const table = tables[r.table];
    mapped.add(m.index);
    const form = t.formOf.get(m.row.id)!.id;
    formCount[r.table].set(form, (formCount[r.table].get(form) ?? 0) + 1);
    const col = table.columns.value;
    const address = cellRef(r.sheet, r.row, col ?? table.columns.label);
    cells.set(m.row.id, address);
    rows.push({
      rowId: m.row.id,
      cell: address,
      sheet: r.sheet,
      row: r.row,
      stt: r.sttRaw,
      label: r.label,
      confidence: m.confidence,
    });
    reads.push({ def: m.row, sheet: r.sheet, row: r.row, col });
    if (m.confidence < LOW_CONFIDENCE) lowConfidence.push(k);
    const baseRow = baselineRows(t).get(m.row.id);
    const noteCol = table.columns.note;
    if (baseRow && noteCol !== undefined) {
      const year = m.row.baseline?.year ?? 2015;
      baselines.push({
        baseRow,
        year,
        sheet: r.sheet,
        row: r.row,
        col: noteCol,
        address: cellRef(r.sheet, r.row, noteCol),
      });
    }
  });
  const unmapped: number[] = [];
  for (let i = 0; i < flat.length; i++) if (!mapped.has(i)) unmapped.push(i);
  const tableWarnings: ReadWarning[] = [];
  for (const tb of tables) {
    if (tb.columns.value === undefined)
      tableWarnings.push({
        message: `Bảng trên trang tính «${tb.sheet}» (dòng ${tb.headers[0]?.[0] ?? tb.rows[0].row}) không có cột «Số liệu»: không đọc được số liệu của bảng này.`,
      });
    if (tb.otherValueCols.length) {
      tableWarnings.push({
        message: `Bảng trên trang tính «${tb.sheet}» có nhiều cột số liệu; đã đọc cột ${columnLetters(tb.columns.value!)}.`,
      });
    }
  }
  const found: TableFound[] = tables.map((tb, i) => {
    const first = tb.headers[0]?.[0] ?? tb.rows[0].row;
    const last = tb.rows[tb.rows.length - 1].row;
    const cols = [
      tb.columns.stt,
      tb.columns.label,
      tb.columns.unit,
      tb.columns.value,
      tb.columns.note,
      ...tb.columns.extra,
    ].filter((c): c is number => c !== undefined);
    const form = [...formCount[i]].sort((a, b) => b[1] - a[1])[0]?.[0];
    return {
      sheet: tb.sheet,
      range: `${a1(first, Math.min(...cols))}:${a1(last, Math.max(...cols))}`,
      rows: tb.rows.length,
      ...(form ? { form } : {}),
    };
  });
  return { reads, cells, rows, unmapped, lowConfidence, baselines, tableWarnings, tables: found };
}
