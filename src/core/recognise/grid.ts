/**
 * The abstract grid the recogniser works on: sheets of cells with merges and the
 * workbook's defined names. The .xlsx reader (src/io/read-report.ts), a web worker and
 * the add-in's Office.js range reader each adapt their own cells to this shape, so the
 * same recognition code runs everywhere. Rows and columns are 1-based.
 */
import { columnLetters } from '../a1';

export type GridValue = string | number | boolean | null;

export interface GridCell {
  /** The stored value (the cached result for a formula); null for an empty or error cell. */
  value: GridValue;
  /** Excel number format when not General (`0%`, `#,##0`). */
  numFmt?: string;
  /** Formula text without `=`, when the cell holds one. */
  formula?: string;
  /** An error value such as `#DIV/0!`. */
  error?: string;
}

export interface GridMerge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface GridSheet {
  name: string;
  /** `hidden` and `veryHidden` sheets are not searched for tables. */
  state?: 'visible' | 'hidden' | 'veryHidden';
  maxRow: number;
  maxCol: number;
  cell(row: number, col: number): GridCell | undefined;
  merges: readonly GridMerge[];
}

export interface GridName {
  name: string;
  /** The sheet the name is scoped to, when local. */
  sheet?: string;
  /** The reference as stored: `'Biểu mẫu 1'!$D$9`. */
  ref: string;
}

export interface Grid {
  /** File name shown in messages. */
  file?: string;
  sheets: GridSheet[];
  names: GridName[];
}

export { columnLetters };

/** `D12`. */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

/** `'Biểu mẫu 1'!D12`: the sheet name always quoted (a quote inside doubled), then A1. */
export function cellRef(sheet: string, row: number, col: number): string {
  return `'${sheet.replace(/'/g, "''")}'!${a1(row, col)}`;
}

/** Parses `'Sheet'!$D$12`, `Sheet!D12` (a single cell) into sheet, row and column. */
export function parseCellRef(ref: string): { sheet?: string; row: number; col: number } | undefined {
  const m = /^(?:(?:'((?:[^']|'')+)'|([^'!]+))!)?\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) return undefined;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  let col = 0;
  for (const ch of m[3].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[4]);
  if (row < 1 || col < 1) return undefined;
  return { ...(sheet !== undefined ? { sheet } : {}), row, col };
}

const mergesByRow = new WeakMap<GridSheet, Map<number, GridMerge[]>>();

/** The merge covering (row, col), if any (merges indexed by row once per sheet). */
export function mergeAt(sheet: GridSheet, row: number, col: number): GridMerge | undefined {
  if (sheet.merges.length === 0) return undefined;
  let index = mergesByRow.get(sheet);
  if (!index) {
    index = new Map();
    for (const m of sheet.merges) {
      // A merge taller than a page of tables is not part of one; keep the index small.
      const bottom = Math.min(m.bottom, m.top + 200);
      for (let r = m.top; r <= bottom; r++) {
        const list = index.get(r);
        if (list) list.push(m);
        else index.set(r, [m]);
      }
    }
    mergesByRow.set(sheet, index);
  }
  for (const m of index.get(row) ?? []) if (col >= m.left && col <= m.right && row <= m.bottom) return m;
  return undefined;
}

/**
 * A grid built from plain matrices (row-major, 0-based arrays; a cell is a value or a
 * GridCell). For tests, web workers and Office.js ranges (`range.values` + `numberFormat`).
 */
export function gridFromMatrices(
  sheets: {
    name: string;
    rows: (GridValue | GridCell | undefined)[][];
    merges?: GridMerge[];
    state?: GridSheet['state'];
  }[],
  opts: { file?: string; names?: GridName[] } = {},
): Grid {
  return {
    ...(opts.file ? { file: opts.file } : {}),
    names: opts.names ?? [],
    sheets: sheets.map((s) => {
      const rows = s.rows;
      const maxCol = rows.reduce((m, r) => Math.max(m, r.length), 0);
      return {
        name: s.name,
        ...(s.state ? { state: s.state } : {}),
        maxRow: rows.length,
        maxCol,
        merges: s.merges ?? [],
        cell(row: number, col: number): GridCell | undefined {
          const v = rows[row - 1]?.[col - 1];
          if (v === undefined || v === null || v === '') return undefined;
          return typeof v === 'object' ? v : { value: v };
        },
      };
    }),
  };
}
