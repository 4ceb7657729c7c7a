/**
 * A1 addresses as the add-in meets them (pure: no Excel.*): rectangles of 1-based rows and columns,
 * `'Biểu mẫu 3'!D12` cell references, entire rows (`3:4`) and columns (`D:D`) from change events.
 */
import { columnLetters, columnNumber as colNumber } from '../core/a1';

export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export const MAX_ROW = 1_048_576;
export const MAX_COL = 16_384;

/** `D9`, `D9:E12`, `$D$9`, `3:4`, `D:E` (no sheet) → a rectangle; undefined when not an address. */
export function parseRect(address: string): Rect | undefined {
  const a = address.replace(/\$/g, '').trim();
  let m = /^([A-Za-z]{1,3})(\d{1,7})(?::([A-Za-z]{1,3})(\d{1,7}))?$/.exec(a);
  if (m) {
    const [r0, c0] = [Number(m[2]), colNumber(m[1])];
    const [r1, c1] = m[3] ? [Number(m[4]), colNumber(m[3])] : [r0, c0];
    return { r0: Math.min(r0, r1), c0: Math.min(c0, c1), r1: Math.max(r0, r1), c1: Math.max(c0, c1) };
  }
  m = /^(\d{1,7}):(\d{1,7})$/.exec(a);
  if (m) return { r0: Math.min(+m[1], +m[2]), r1: Math.max(+m[1], +m[2]), c0: 1, c1: MAX_COL };
  m = /^([A-Za-z]{1,3}):([A-Za-z]{1,3})$/.exec(a);
  if (m)
    return {
      r0: 1,
      r1: MAX_ROW,
      c0: Math.min(colNumber(m[1]), colNumber(m[2])),
      c1: Math.max(colNumber(m[1]), colNumber(m[2])),
    };
  return undefined;
}

/** `'Biểu mẫu 3'!D9:D12` or `Sheet1!D9` → sheet and the address on it. */
export function splitSheetAddress(ref: string): { sheet?: string; address: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(ref.trim());
  if (!m) return { address: ref.trim() };
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], address: m[3] };
}

export function rectAddress(r: Rect): string {
  const a = `${columnLetters(r.c0)}${r.r0}`;
  return r.r0 === r.r1 && r.c0 === r.c1 ? a : `${a}:${columnLetters(r.c1)}${r.r1}`;
}

export function intersectRects(a: Rect, b: Rect): Rect | undefined {
  const r = { r0: Math.max(a.r0, b.r0), c0: Math.max(a.c0, b.c0), r1: Math.min(a.r1, b.r1), c1: Math.min(a.c1, b.c1) };
  return r.r0 <= r.r1 && r.c0 <= r.c1 ? r : undefined;
}

/** `'Biểu mẫu 3'!D12`: the sheet always quoted, as the recogniser writes cell references. */
export function quoteSheet(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** "ô D12 (Biểu mẫu 3)": how a cell is named to the user. */
export function cellLabel(ref: string): string {
  const { sheet, address } = splitSheetAddress(ref);
  return sheet ? `ô ${address} (${sheet})` : `ô ${address}`;
}
