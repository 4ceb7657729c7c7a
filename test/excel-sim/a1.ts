/**
 * A1 addresses: parsing ("D9", "A1:B2", "A:C", "5:7", "'Biểu mẫu 1'!$D$9"), formatting the way Excel
 * reports them (`'Biểu mẫu 1'!D9`, `Sheet1!A1:B2`, `Sheet1!5:7`, `Sheet1!A:C`), and sheet-name quoting.
 * Rows and columns here are 0-based; rectangles are inclusive.
 */

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export function colLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export const cellA1 = (row: number, col: number): string => `${colLetters(col)}${row + 1}`;

export const rectRows = (r: Rect): number => r.r1 - r.r0 + 1;
export const rectCols = (r: Rect): number => r.c1 - r.c0 + 1;
export const isEntireRows = (r: Rect): boolean => r.c0 === 0 && r.c1 === MAX_COLS - 1;
export const isEntireCols = (r: Rect): boolean => r.r0 === 0 && r.r1 === MAX_ROWS - 1;

/** Address of a rectangle without sheet: "D9", "A1:B2", "5:7" (entire rows), "A:C" (entire columns). */
export function rectA1(r: Rect): string {
  if (isEntireRows(r) && !isEntireCols(r)) return `${r.r0 + 1}:${r.r1 + 1}`;
  if (isEntireCols(r) && !isEntireRows(r)) return `${colLetters(r.c0)}:${colLetters(r.c1)}`;
  const a = cellA1(r.r0, r.c0);
  return r.r0 === r.r1 && r.c0 === r.c1 ? a : `${a}:${cellA1(r.r1, r.c1)}`;
}

/** Absolute form ("$D$9", "$A$1:$B$2", "$5:$7"), as names and print titles report it. */
export function rectA1Abs(r: Rect): string {
  if (isEntireRows(r) && !isEntireCols(r)) return `$${r.r0 + 1}:$${r.r1 + 1}`;
  if (isEntireCols(r) && !isEntireRows(r)) return `$${colLetters(r.c0)}:$${colLetters(r.c1)}`;
  const a = `$${colLetters(r.c0)}$${r.r0 + 1}`;
  return r.r0 === r.r1 && r.c0 === r.c1 ? a : `${a}:$${colLetters(r.c1)}$${r.r1 + 1}`;
}

const CELL_LIKE = /^(?:[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*|[Rr]|[Cc])$/;

/**
 * Whether Excel puts a sheet name in quotes in an address. Excel leaves plain names alone (letters of
 * any script, digits, `_`, `.`, not starting with a digit, not looking like a cell or R1C1 reference) and
 * quotes the rest ("Biểu mẫu 1" has spaces). Judgement from Excel's behaviour; the rule is not documented.
 */
export function sheetNeedsQuotes(name: string): boolean {
  if (!/^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name)) return true;
  return CELL_LIKE.test(name);
}

export function quoteSheet(name: string): string {
  return sheetNeedsQuotes(name) ? `'${name.replace(/'/g, "''")}'` : name;
}

export const sheetAddress = (sheet: string, r: Rect): string => `${quoteSheet(sheet)}!${rectA1(r)}`;

export interface ParsedAddress {
  sheet?: string;
  rect: Rect;
}

function parseCell(s: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(s);
  if (!m) return undefined;
  const col = colIndex(m[1]);
  const row = Number(m[2]) - 1;
  if (col < 0 || col >= MAX_COLS || row < 0 || row >= MAX_ROWS) return undefined;
  return { row, col };
}

/** Splits an optional sheet prefix ("'It''s'!A1" → sheet "It's"). */
export function splitSheet(address: string): { sheet?: string; ref: string } {
  const a = address.trim();
  if (a.startsWith("'")) {
    let i = 1;
    let name = '';
    while (i < a.length) {
      if (a[i] === "'") {
        if (a[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += a[i++];
    }
    if (a[i + 1] === '!') return { sheet: name, ref: a.slice(i + 2) };
    return { ref: a };
  }
  const bang = a.lastIndexOf('!');
  return bang > 0 ? { sheet: a.slice(0, bang), ref: a.slice(bang + 1) } : { ref: a };
}

/** Parses an A1 reference; undefined when it is not one. */
export function parseAddress(address: string): ParsedAddress | undefined {
  const { sheet, ref } = splitSheet(address);
  const parts = ref.split(':');
  if (parts.length > 2 || parts.some((p) => p === '')) return undefined;
  const [a, b = a] = parts;
  const rows = /^\$?(\d{1,7})$/;
  const cols = /^\$?([A-Za-z]{1,3})$/;
  let rect: Rect | undefined;
  if (rows.test(a) && rows.test(b)) {
    const r0 = Number(rows.exec(a)![1]) - 1;
    const r1 = Number(rows.exec(b)![1]) - 1;
    if (parts.length === 2 && r0 >= 0 && r1 >= 0 && r0 < MAX_ROWS && r1 < MAX_ROWS)
      rect = { r0: Math.min(r0, r1), r1: Math.max(r0, r1), c0: 0, c1: MAX_COLS - 1 };
  } else if (cols.test(a) && cols.test(b)) {
    const c0 = colIndex(cols.exec(a)![1]);
    const c1 = colIndex(cols.exec(b)![1]);
    if (parts.length === 2 && c0 < MAX_COLS && c1 < MAX_COLS)
      rect = { r0: 0, r1: MAX_ROWS - 1, c0: Math.min(c0, c1), c1: Math.max(c0, c1) };
  } else {
    const p = parseCell(a);
    const q = parseCell(b);
    if (p && q)
      rect = {
        r0: Math.min(p.row, q.row),
        r1: Math.max(p.row, q.row),
        c0: Math.min(p.col, q.col),
        c1: Math.max(p.col, q.col),
      };
  }
  return rect ? { sheet, rect } : undefined;
}

export const sameRect = (a: Rect, b: Rect): boolean => a.r0 === b.r0 && a.r1 === b.r1 && a.c0 === b.c0 && a.c1 === b.c1;

export function intersect(a: Rect, b: Rect): Rect | undefined {
  const r = { r0: Math.max(a.r0, b.r0), c0: Math.max(a.c0, b.c0), r1: Math.min(a.r1, b.r1), c1: Math.min(a.c1, b.c1) };
  return r.r0 <= r.r1 && r.c0 <= r.c1 ? r : undefined;
}

export const contains = (outer: Rect, inner: Rect): boolean =>
  inner.r0 >= outer.r0 && inner.r1 <= outer.r1 && inner.c0 >= outer.c0 && inner.c1 <= outer.c1;

/** Parts of `a` not covered by `b` (up to four rectangles). */
export function subtract(a: Rect, b: Rect): Rect[] {
  const i = intersect(a, b);
  if (!i) return [a];
  const out: Rect[] = [];
  if (a.r0 < i.r0) out.push({ r0: a.r0, r1: i.r0 - 1, c0: a.c0, c1: a.c1 });
  if (i.r1 < a.r1) out.push({ r0: i.r1 + 1, r1: a.r1, c0: a.c0, c1: a.c1 });
  if (a.c0 < i.c0) out.push({ r0: i.r0, r1: i.r1, c0: a.c0, c1: i.c0 - 1 });
  if (i.c1 < a.c1) out.push({ r0: i.r0, r1: i.r1, c0: i.c1 + 1, c1: a.c1 });
  return out;
}

/**
 * How a rectangle moves when `count` rows are inserted (count > 0) before row `at`, or deleted
 * (count < 0) from row `at`, in the columns `c0..c1` (entire rows: all columns). Excel's rules for
 * references: a reference below moves; one spanning the insertion point grows; one inside deleted rows
 * disappears (undefined = #REF!).
 */
export function shiftRowsRect(r: Rect, at: number, count: number, c0 = 0, c1 = MAX_COLS - 1): Rect | undefined {
  if (r.c0 < c0 || r.c1 > c1) {
    // Partly outside the shifted columns: Excel leaves the reference alone when it is not inside the
    // shifted block (judgement: partial-column shifts only move references fully inside the columns).
    return r;
  }
  if (count > 0) {
    if (r.r0 >= at) return { ...r, r0: Math.min(r.r0 + count, MAX_ROWS - 1), r1: Math.min(r.r1 + count, MAX_ROWS - 1) };
    if (r.r1 >= at) return { ...r, r1: Math.min(r.r1 + count, MAX_ROWS - 1) };
    return r;
  }
  const n = -count;
  const end = at + n - 1;
  if (r.r1 < at) return r;
  if (r.r0 > end) return { ...r, r0: r.r0 - n, r1: r.r1 - n };
  if (r.r0 >= at && r.r1 <= end) return undefined;
  const r0 = r.r0 < at ? r.r0 : at;
  const r1 = r.r1 > end ? r.r1 - n : at - 1;
  return r1 >= r0 ? { ...r, r0, r1 } : undefined;
}

/** Column counterpart of `shiftRowsRect`. */
export function shiftColsRect(r: Rect, at: number, count: number, r0 = 0, r1 = MAX_ROWS - 1): Rect | undefined {
  const t = shiftRowsRect({ r0: r.c0, r1: r.c1, c0: r.r0, c1: r.r1 }, at, count, r0, r1);
  return t && { r0: t.c0, r1: t.c1, c0: t.r0, c1: t.r1 };
}
