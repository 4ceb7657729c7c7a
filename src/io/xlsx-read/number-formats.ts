/**
 * Number formats: the built-in ids of ECMA-376 §18.8.30 and a classifier telling a
 * caller whether a cell's format shows a percent, a date/time, text or a plain number,
 * and how many decimals it shows — what a reader of received reports needs to interpret
 * a stored 0.996 (shown as 99.6%) or 44562 (shown as a date).
 */

/** Built-in number formats by id (en-US codes; ids 27–36 and 50–58 are East Asian dates). */
export const BUILTIN_NUM_FMTS: Readonly<Record<number, string>> = Object.freeze({
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
});

/** The code Excel shows for a built-in id; East Asian date ids map to a neutral date code. */
export function builtinNumFmt(id: number): string | undefined {
  const code = BUILTIN_NUM_FMTS[id];
  if (code !== undefined) return code;
  if ((id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return 'yyyy-mm-dd';
  return undefined;
}

export type NumFmtKind = 'general' | 'number' | 'percent' | 'date' | 'text';

export interface NumFmtInfo {
  kind: NumFmtKind;
  /** Decimals shown for a positive number (digits after the decimal point); 0 for dates and text. */
  decimals: number;
}

/**
 * The first section of a format (the one used for positive numbers) with quoted text,
 * escaped characters and `[…]` modifiers removed — except elapsed-time brackets `[h]`,
 * `[mm]`, `[ss]`, kept as `h`, `m`, `s`.
 */
function positiveSection(code: string): string {
  let out = '';
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === ';') break;
    if (c === '"') {
      const e = code.indexOf('"', i + 1);
      i = e < 0 ? code.length : e;
    } else if (c === '\\' || c === '_' || c === '*') {
      i++; // the next character is literal (or a fill/padding character)
    } else if (c === '[') {
      const e = code.indexOf(']', i + 1);
      const inner = (e < 0 ? code.slice(i + 1) : code.slice(i + 1, e)).toLowerCase();
      if (/^(h+|m+|s+)$/.test(inner)) out += inner[0];
      i = e < 0 ? code.length : e;
    } else out += c;
  }
  return out;
}

/** Classifies a number format code (as found on `XlsxCell.numFmt`). */
export function describeNumFmt(code: string | undefined): NumFmtInfo {
  if (code === undefined || code === '' || /^general$/i.test(code)) return { kind: 'general', decimals: 0 };
  const s = positiveSection(code);
  if (s.includes('@') && !/[0#?]/.test(s)) return { kind: 'text', decimals: 0 };
  // Date/time tokens outside quotes; 'E' (scientific) and 'AM/PM' markers are not dates on their own.
  if (/[dmyhs]/i.test(s.replace(/E[+-]/gi, '').replace(/AM\/PM|A\/P/gi, ''))) return { kind: 'date', decimals: 0 };
  const point = s.indexOf('.');
  let decimals = 0;
  if (point >= 0) {
    for (let i = point + 1; i < s.length; i++) {
      const c = s[i];
      if (c === '0' || c === '#' || c === '?') decimals++;
      else if (c === 'E' || c === 'e') break;
    }
  }
  if (s.includes('%')) return { kind: 'percent', decimals };
  if (/[0#?]/.test(s)) return { kind: 'number', decimals };
  return { kind: 'general', decimals: 0 };
}
