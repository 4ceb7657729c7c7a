/** A1 addresses: column letters ↔ numbers, cell and range references (1-based). */
import { columnLetters } from '../../core/a1';

export const MAX_ROW = 1_048_576;
export const MAX_COL = 16_384;

export { columnLetters };

export function cellAddress(row: number, col: number): string {
  return columnLetters(col) + row;
}

/** Column number of the letters in `s[start, end)`, or 0 when there are none or too many. */
function lettersToColumn(s: string, start: number, end: number): number {
  if (end <= start || end - start > 3) return 0;
  let col = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i) | 0x20; // lower-case
    col = col * 26 + (c - 96);
  }
  return col;
}

export interface CellRef {
  row: number;
  col: number;
}

/**
 * Parses `B12` or `$B$12` (case-insensitive). Returns undefined for anything else or
 * for an address outside the sheet.
 */
export function parseCellRef(ref: string): CellRef | undefined {
  let i = 0;
  const n = ref.length;
  if (ref.charCodeAt(i) === 36) i++; // $
  const ls = i;
  while (i < n) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    i++;
  }
  const le = i;
  if (ref.charCodeAt(i) === 36) i++;
  const ds = i;
  while (i < n) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  if (i !== n || i === ds || i - ds > 7) return undefined;
  const col = lettersToColumn(ref, ls, le);
  const row = Number(ref.slice(ds, i));
  if (col < 1 || col > MAX_COL || row < 1 || row > MAX_ROW) return undefined;
  return { row, col };
}

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Parses `A1:E1` (either corner order) or a single `A1`. */
export function parseRangeRef(ref: string): CellRange | undefined {
  const colon = ref.indexOf(':');
  const a = parseCellRef(colon < 0 ? ref : ref.slice(0, colon));
  const b = colon < 0 ? a : parseCellRef(ref.slice(colon + 1));
  if (!a || !b) return undefined;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

export function rangeAddress(r: CellRange): string {
  const a = cellAddress(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? a : `${a}:${cellAddress(r.bottom, r.right)}`;
}
