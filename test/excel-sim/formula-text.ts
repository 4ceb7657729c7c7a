/**
 * Formula text between Excel's spelling and HyperFormula's.
 * - HyperFormula cannot parse an unquoted sheet name with letters outside ASCII (`=Phụlục!A1`), which
 *   Excel accepts; such names are quoted before the formula reaches HyperFormula.
 * - HyperFormula writes every sheet name back quoted; Excel only quotes names that need it, so the
 *   quotes are taken off again when formulas are read.
 * - `shiftFormula` moves the relative references of a formula by (rows, cols), which is how Excel reads a
 *   conditional-format or validation formula for a cell other than the range's top-left one.
 */
import { colIndex, colLetters, sheetNeedsQuotes } from './a1';

/** Applies `fn` to the parts of a formula that are outside string literals. */
function mapOutsideStrings(formula: string, fn: (code: string) => string): string {
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const q = formula.indexOf('"', i);
    if (q < 0) {
      out += fn(formula.slice(i));
      break;
    }
    out += fn(formula.slice(i, q));
    let j = q + 1;
    while (j < formula.length) {
      if (formula[j] === '"') {
        if (formula[j + 1] === '"') {
          j += 2;
          continue;
        }
        break;
      }
      j++;
    }
    out += formula.slice(q, j + 1);
    i = j + 1;
  }
  return out;
}

/** Quoted sheet names are left alone; unquoted ones with non-ASCII letters get quotes. */
export function toHfFormula(formula: string): string {
  return mapOutsideStrings(formula, (code) => {
    // Split off quoted sheet names so they are not touched.
    return code.replace(
      /('(?:[^']|'')*'!)|([\p{L}_][\p{L}\p{N}_.]*)!/gu,
      (m, quoted: string | undefined, name: string | undefined) => {
        if (quoted) return quoted;
        return /[\u0080-\uffff]/.test(name!) ? `'${name}'!` : m;
      },
    );
  });
}

/** Takes off the quotes Excel would not write. */
export function fromHfFormula(formula: string): string {
  return mapOutsideStrings(formula, (code) =>
    code.replace(/'((?:[^']|'')*)'!/g, (m, inner: string) => {
      const name = inner.replace(/''/g, "'");
      return sheetNeedsQuotes(name) ? m : `${name}!`;
    }),
  );
}

/** Moves relative A1 references by (dr, dc); absolute parts ($) stay. */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  if (!dr && !dc) return formula;
  return mapOutsideStrings(formula, (code) =>
    code.replace(
      /(^|[^\p{L}\p{N}_.$'])(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![\p{L}\p{N}_(!])/gu,
      (_m, pre: string, cAbs: string, col: string, rAbs: string, row: string) => {
        const c = cAbs ? colIndex(col) : colIndex(col) + dc;
        const r = rAbs ? Number(row) : Number(row) + dr;
        if (c < 0 || r < 1) return `${pre}#REF!`;
        return `${pre}${cAbs}${colLetters(c)}${rAbs}${r}`;
      },
    ),
  );
}
