/**
 * Shared formulas: Excel stores the formula text once, on the first cell of a
 * `<f t="shared" ref=… si=…>` group; the other cells carry only `si`. Their formula is
 * the master's with relative references moved by the cell's offset, which is what
 * this computes (A1 references, ranges, whole columns/rows; `$` parts stay put, a
 * reference moved off the sheet becomes `#REF!`). Text in double quotes and quoted
 * sheet names are left alone. The master is tokenised once per group.
 */
import { columnLetters, MAX_COL, MAX_ROW } from './address';

function lettersToCol(s: string): number {
  let col = 0;
  for (let i = 0; i < s.length; i++) col = col * 26 + ((s.charCodeAt(i) | 0x20) - 96);
  return col;
}

// One reference token: a cell (B2, $B$2), a column range (B:D), a row range (2:5).
// The look-behind/ahead keep names, function names and sheet-name fragments intact.
const REF =
  /(?<![A-Za-z0-9_.\\$])(?:(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})(?![A-Za-z0-9_(.])|(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![A-Za-z0-9_(.])|(\$?)([0-9]{1,7}):(\$?)([0-9]{1,7})(?![A-Za-z0-9_(.]))/g;

/** A column or row coordinate: absolute ones never move. */
interface Coord {
  abs: boolean;
  n: number;
}

type Piece = string | { cells: [Coord, Coord][] } | { cols: [Coord, Coord] } | { rows: [Coord, Coord] };

function col(abs: string | undefined, letters: string): Coord {
  return { abs: !!abs, n: lettersToCol(letters) };
}
function row(abs: string | undefined, digits: string): Coord {
  return { abs: !!abs, n: Number(digits) };
}

function moveCol(c: Coord, d: number): string | undefined {
  const n = c.abs ? c.n : c.n + d;
  return n >= 1 && n <= MAX_COL ? (c.abs ? '$' : '') + columnLetters(n) : undefined;
}
function moveRow(r: Coord, d: number): string | undefined {
  const n = r.abs ? r.n : r.n + d;
  return n >= 1 && n <= MAX_ROW ? (r.abs ? '$' : '') + n : undefined;
}

/** Splits formula text outside quotes into literal text and reference tokens. */
function tokenizeSegment(seg: string, out: Piece[]): void {
  REF.lastIndex = 0;
  let last = 0;
  for (let m = REF.exec(seg); m; m = REF.exec(seg)) {
    let piece: Piece | undefined;
    if (m[2] !== undefined) {
      if (lettersToCol(m[2]) <= MAX_COL) piece = { cells: [[col(m[1], m[2]), row(m[3], m[4])]] };
    } else if (m[6] !== undefined) {
      piece = { cols: [col(m[5], m[6]), col(m[7], m[8])] };
    } else {
      piece = { rows: [row(m[9], m[10]), row(m[11], m[12])] };
    }
    if (!piece) continue;
    if (m.index > last) out.push(seg.slice(last, m.index));
    out.push(piece);
    last = m.index + m[0].length;
  }
  if (last < seg.length) out.push(seg.slice(last));
}

function tokenize(formula: string): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  while (i < formula.length) {
    let q = i;
    while (q < formula.length && formula[q] !== '"' && formula[q] !== "'") q++;
    tokenizeSegment(formula.slice(i, q), out);
    if (q >= formula.length) break;
    // A quoted run ends at the next lone quote ("" or '' inside are escaped quotes).
    const quote = formula[q];
    let j = q + 1;
    for (;;) {
      const e = formula.indexOf(quote, j);
      if (e < 0) {
        j = formula.length;
        break;
      }
      if (formula[e + 1] === quote) {
        j = e + 2;
        continue;
      }
      j = e + 1;
      break;
    }
    out.push(formula.slice(q, j));
    i = j;
  }
  return out;
}

/** The master formula, compiled: call it with a follower's offset from the master. */
export function compileSharedFormula(formula: string): (dRow: number, dCol: number) => string {
  const pieces = tokenize(formula);
  return (dRow, dCol) => {
    if (dRow === 0 && dCol === 0) return formula;
    let out = '';
    for (const p of pieces) {
      if (typeof p === 'string') out += p;
      else if ('cells' in p) {
        const [c, r] = p.cells[0];
        const a = moveCol(c, dCol);
        const b = moveRow(r, dRow);
        out += a && b ? a + b : '#REF!';
      } else if ('cols' in p) {
        const a = moveCol(p.cols[0], dCol);
        const b = moveCol(p.cols[1], dCol);
        out += a && b ? `${a}:${b}` : '#REF!';
      } else {
        const a = moveRow(p.rows[0], dRow);
        const b = moveRow(p.rows[1], dRow);
        out += a && b ? `${a}:${b}` : '#REF!';
      }
    }
    return out;
  };
}

/** The master formula moved by (dRow, dCol). */
export function translateSharedFormula(formula: string, dRow: number, dCol: number): string {
  return compileSharedFormula(formula)(dRow, dCol);
}
