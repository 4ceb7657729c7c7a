/**
 * A workbook made by `cchc new` or the add-in remembers what it is: a defined name per row
 * value cell (`CCHC_BM1__2_2`, which Excel moves with the cell when rows are inserted above)
 * and a very-hidden `_cchc` sheet with the template, level, period, year and unit.
 */
import { META_SHEET, MetaError, parseMetaMatrix, rowForConsolidatedName, rowForName } from '../layout/names';
import type { WorkbookMeta } from '../layout/types';
import { parseCellRef, type Grid, type GridSheet } from './grid';
import { detach } from './text';

export interface CellLocation {
  sheet: string;
  row: number;
  col: number;
}

export interface WorkbookMetadata {
  /** The meta sheet's content, when present and readable. */
  meta?: WorkbookMeta;
  /** Why the meta sheet could not be read (Vietnamese). */
  metaProblem?: string;
  /** Row id → value cell, from the defined names. */
  locations: Map<string, CellLocation>;
  /** Row ids whose name points nowhere (`#REF!`: the row was deleted). */
  broken: string[];
  /**
   * Row id → value cell of the consolidated appendix the add-in wrote next to the unit's own forms
   * (CCHCTH_* names), when there is one: the report this workbook sends up.
   */
  consolidated: Map<string, CellLocation>;
}

function sheetMatrix(sheet: GridSheet, cols: number): unknown[][] {
  const out: unknown[][] = [];
  for (let r = 1; r <= sheet.maxRow; r++) {
    const row: unknown[] = [];
    for (let c = 1; c <= cols; c++) row.push(sheet.cell(r, c)?.value ?? null);
    out.push(row);
  }
  return out;
}

/**
 * Parsed names and references, remembered: every workbook made from one template carries the
 * same ~200 of them, and a province reads thousands of such workbooks.
 */
const MAX_REMEMBERED = 20_000;
const rowIds = new Map<string, string | null>();
const refs = new Map<string, ReturnType<typeof parseCellRef> | null>();

function rowIdOf(name: string): string | undefined {
  let v = rowIds.get(name);
  if (v === undefined) {
    const key = detach(name);
    v = rowForName(key) ?? null;
    if (rowIds.size >= MAX_REMEMBERED) rowIds.clear();
    rowIds.set(key, v);
  }
  return v ?? undefined;
}

function refOf(ref: string): ReturnType<typeof parseCellRef> {
  let v = refs.get(ref);
  if (v === undefined) {
    const key = detach(ref);
    v = parseCellRef(key) ?? null;
    if (refs.size >= MAX_REMEMBERED) refs.clear();
    refs.set(key, v);
  }
  return v ?? undefined;
}

/** Reads the cchc metadata of a grid; undefined when the workbook has none. */
export function readMetadata(grid: Grid): WorkbookMetadata | undefined {
  const metaSheet = grid.sheets.find((s) => s.name === META_SHEET);
  const locations = new Map<string, CellLocation>();
  const consolidated = new Map<string, CellLocation>();
  const broken: string[] = [];
  const sheetNames = new Set(grid.sheets.map((s) => s.name));
  for (const n of grid.names) {
    const rowId = rowIdOf(n.name);
    if (!rowId) {
      const th = rowForConsolidatedName(n.name);
      const ref = th ? refOf(n.ref) : undefined;
      const sheet = ref?.sheet ?? n.sheet;
      if (th && ref && sheet && sheetNames.has(sheet)) consolidated.set(th, { sheet, row: ref.row, col: ref.col });
      continue;
    }
    const ref = refOf(n.ref);
    const sheet = ref?.sheet ?? n.sheet;
    if (!ref || !sheet || !sheetNames.has(sheet)) {
      broken.push(rowId);
      continue;
    }
    locations.set(rowId, { sheet, row: ref.row, col: ref.col });
  }
  if (!metaSheet && locations.size === 0) return undefined;
  const out: WorkbookMetadata = { locations, broken, consolidated };
  if (metaSheet) {
    try {
      out.meta = parseMetaMatrix(sheetMatrix(metaSheet, 8));
    } catch (e) {
      if (!(e instanceof MetaError)) throw e;
      out.metaProblem = e.message;
    }
  }
  // Without names (sheets copied into another workbook) the caller recognises the tables with the
  // meta sheet's template: the addresses written at creation may have moved since.
  return out;
}
