/**
 * The Vietnamese number reader and writer.
 *
 * Officials type `2.531` (thousands dot), `99,6` (decimal comma), but also `16.3` (decimal dot),
 * `2,004` (thousands comma, as in seed 004) and `99,6%`, `01`, `69.2 (72/104)`; Excel may have
 * stored a number instead (with a `%` format it stores a fraction). `readNumber` returns the most
 * plausible value, every other plausible reading, and flags saying how it read the cell.
 *
 * Ambiguity policy, for text:
 * - Separators that can only mean one thing decide alone: `1.234.567` and `1,234,567` group
 *   thousands; in `1.234,5` / `1,234.5` the last mark is the decimal one; `16.3`, `99,6`, `47,27`,
 *   `0,125` (not exactly 3 digits after the mark, or a first group that is not 1–3 digits without a
 *   leading zero) are decimals. Separators that fit no grouping (`1.2.3`, `12.05.2022`) → not a number.
 * - One mark followed by exactly 3 digits (`2.531`, `2,004`) is decided by the row kind first:
 *   - count (a non-negative integer): thousands, not ambiguous (`1.213` → 1213, `2,004` → 2004);
 *   - percent (0–100, a few decimals): decimal, the Vietnamese comma habit (`2,004` → 2.004),
 *     the thousands reading kept as alternative, flag `ambiguous`;
 *   - money, code, group, any: the Vietnamese habit (dot = thousands, comma = decimal):
 *     `32.780` → 32780 (alternative 32.78), `1,520` → 1.52 (alternative 1520), flag `ambiguous`.
 * - `decimals` is the precision typed: `16.3` → 1, `2,004` read as 2.004 → 3, `2.531` read as thousands → 0.
 * - `%` typed after the number is kept out of the value (`99,6%` → 99.6, flag `percent-sign`).
 * - Text after the number, set apart by a space or a bracket, goes to `annotation` (`69.2 (72/104)`).
 * - Padding and invisible characters are trimmed; `raw` is the trimmed text.
 * - Placeholders `-`, `–`, `—`, `x`, `X`, `...`, `…` mean "nothing to report" in Vietnamese statistical
 *   tables (no occurrence / not applicable / no data): read as an empty cell (value null, no problem),
 *   flag `text` so a caller can still tell them from a blank cell.
 * - In a `text` row nothing is read as a number: value null, flag `text`.
 * - Anything else (`abc`, `72/104`, `#DIV/0!`, TRUE/FALSE) → value null, flag `not-a-number` and a
 *   Vietnamese `problem` (the caller adds the file, sheet and cell).
 *
 * Stored numbers (an Excel number cell):
 * - format with `%`: the fraction is multiplied by 100 (1 → 100, 0.996 → 99.6), flag `excel-percent`;
 *   decimals = those the format shows, plus up to 2 more when the stored number has them
 *   (`0.0%` → 1; 0.996 in a `0%` cell → 1).
 * - count: 1 ≤ n < 1000 with exactly 3 decimals is what an en-US Excel makes of a typed `2.531`:
 *   value 2531, alternative 2.531, flags `thousands-dot` + `ambiguous`; with 1–2 decimals (`2.5` from
 *   `2.500`) the value stays and ×1000 is the alternative.
 * - percent: 0 < n < 1 without a `%` format (0.996) keeps its value, alternative ×100, `ambiguous`
 *   (typing a fraction is a known error; the checker decides). 1213 stays 1213.
 * - money: 1 ≤ n < 1000 with exactly 3 decimals and a format that does not show decimals keeps its
 *   value, alternative ×1000, `ambiguous`.
 * - other kinds, and codes (`1`, `01` → 1): the number as stored.
 *
 * `formatNumber` writes thousands `.`, decimal `,` and `-` for negatives.
 */
import { EMPTY_READING, type NumberReading } from './values';
import { readStored } from './number/stored';
import { readText } from './number/text';
import type { CellInput, NumberKind } from './number/types';

export type { CellInput, NumberKind } from './number/types';
export { formatNumber, percentText } from './number/format';

/** Reads one cell: text typed by an official, or what Excel stored (number + number format). */
export function readNumber(cell: CellInput | string | number | null | undefined, kind: NumberKind): NumberReading {
  const input: CellInput = cell !== null && typeof cell === 'object' ? cell : { value: cell };
  const value: unknown = input.value;
  if (value === null || value === undefined) return { ...EMPTY_READING, alternatives: [], flags: [] };
  if (typeof value === 'number') return finiteOnly(readStored(value, input.numFmt, kind));
  if (typeof value === 'string') return finiteOnly(readText(value, kind));
  if (typeof value === 'boolean') {
    const raw = value ? 'TRUE' : 'FALSE';
    return notANumber(raw, `Ô chứa giá trị logic ${raw} (${value ? 'ĐÚNG' : 'SAI'}), không phải là số.`);
  }
  // Dates, rich text and the like, should a reader pass them through.
  return notANumber(
    value instanceof Date ? value.toISOString() : String(value),
    'Ô không chứa số (ngày tháng hoặc dữ liệu khác).',
  );
}

/**
 * 309 digits parse to Infinity, 1e308 shown as a percent is 1e310: a number the checker cannot
 * represent is a finding, not a value.
 */
function finiteOnly(r: NumberReading): NumberReading {
  if ((r.value === null || Number.isFinite(r.value)) && r.alternatives.every((a) => Number.isFinite(a))) return r;
  const shown = r.raw.length > 30 ? `${r.raw.slice(0, 30)}…` : r.raw;
  return notANumber(r.raw, `«${shown}» quá lớn để là một số liệu (không biểu diễn được).`);
}

function notANumber(raw: string, problem: string): NumberReading {
  return { value: null, raw, decimals: 0, alternatives: [], flags: ['not-a-number'], problem };
}
