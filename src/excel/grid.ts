/**
 * Ranges read through Office.js → the recogniser's Grid (pure: no Excel.*), so the add-in reads the
 * open workbook with the very code that reads a received .xlsx (src/core/recognise).
 */
import type { Grid, GridCell, GridMerge, GridSheet } from '../core/recognise/grid';
import { parseRect, splitSheetAddress } from './a1';

/** One sheet as loaded: its used range (values, number formats, value types) and merged areas. */
export interface SheetBlock {
  name: string;
  /** Office.js visibility: Visible, Hidden, VeryHidden. */
  visibility: string;
  /** Address of the loaded block (`'Biểu mẫu 1'!A1:E40`); absent when nothing was loaded. */
  address?: string;
  values?: unknown[][];
  numberFormat?: string[][];
  valueTypes?: string[][];
  /** `Range.formulas`: a formula's text (`=D10/D9*100`), else the constant as typed. */
  formulas?: unknown[][];
  /** `RangeAreas.address` of the merged areas (`'S'!A1:E1, 'S'!A2:E2`). */
  merges?: string;
}

export interface LoadedName {
  name: string;
  /** `='Biểu mẫu 1'!$D$9` */
  formula: string;
}

const STATE: Record<string, GridSheet['state']> = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' };

function parseMerges(areas: string | undefined): GridMerge[] {
  if (!areas) return [];
  const out: GridMerge[] = [];
  // Areas are separated by ", " (sheet names are quoted, so a comma inside one is inside quotes).
  for (const part of areas.match(/(?:'(?:[^']|'')*'|[^,'])+/g) ?? []) {
    const rect = parseRect(splitSheetAddress(part.trim()).address);
    if (rect) out.push({ top: rect.r0, left: rect.c0, bottom: rect.r1, right: rect.c1 });
  }
  return out;
}

/** The formula of a cell as `Range.formulas` gives it, without `=`; undefined for a constant. */
export function formulaText(f: unknown): string | undefined {
  return typeof f === 'string' && f.startsWith('=') && f.length > 1 ? f.slice(1) : undefined;
}

export function sheetFromBlock(b: SheetBlock): GridSheet {
  const rect = b.address ? parseRect(splitSheetAddress(b.address).address) : undefined;
  const top = rect?.r0 ?? 1;
  const left = rect?.c0 ?? 1;
  const values = b.values ?? [];
  return {
    name: b.name,
    state: STATE[b.visibility] ?? 'visible',
    maxRow: rect && values.length ? rect.r1 : 0,
    maxCol: rect && values.length ? rect.c1 : 0,
    merges: parseMerges(b.merges),
    cell(row: number, col: number): GridCell | undefined {
      const v = values[row - top]?.[col - left];
      if (v === undefined || v === null || v === '') return undefined;
      if (b.valueTypes?.[row - top]?.[col - left] === 'Error') return { value: null, error: String(v) };
      const fmt = b.numberFormat?.[row - top]?.[col - left];
      const out: GridCell = { value: typeof v === 'number' || typeof v === 'boolean' ? v : String(v) };
      if (fmt && fmt !== 'General') out.numFmt = fmt;
      const f = formulaText(b.formulas?.[row - top]?.[col - left]);
      if (f !== undefined) out.formula = f;
      return out;
    },
  };
}

export function gridFromBlocks(file: string, sheets: SheetBlock[], names: LoadedName[]): Grid {
  return {
    file,
    sheets: sheets.map(sheetFromBlock),
    names: names.map((n) => ({ name: n.name, ref: n.formula.replace(/^=/, '') })),
  };
}
