/**
 * A workbook made by `cchc new` or the add-in remembers what it is: a defined name per row
 * value cell (`CCHC_BM1__2_2`, which Excel moves with the cell when rows are inserted above)
 * and a very-hidden `_cchc` sheet with the template, level, period, year and unit.
 */
import { META_SHEET, MetaError, parseMetaMatrix, rowForName } from '../layout/names';
import type { WorkbookMeta } from '../layout/types';
import { parseCellRef, type Grid, type GridSheet } from './grid';

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

/** Reads the cchc metadata of a grid; undefined when the workbook has none. */
export function readMetadata(grid: Grid): WorkbookMetadata | undefined {
  const metaSheet = grid.sheets.find((s) => s.name === META_SHEET);
  const locations = new Map<string, CellLocation>();
  const broken: string[] = [];
  for (const n of grid.names) {
    const rowId = rowForName(n.name);
    if (!rowId) continue;
    const ref = parseCellRef(n.ref);
    const sheet = ref?.sheet ?? n.sheet;
    if (!ref || !sheet || !grid.sheets.some((s) => s.name === sheet)) {
      broken.push(rowId);
      continue;
    }
    locations.set(rowId, { sheet, row: ref.row, col: ref.col });
  }
  if (!metaSheet && locations.size === 0) return undefined;
  const out: WorkbookMetadata = { locations, broken };
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
