/**
 * The values of one report as the core sees them: a reading per row id. Readers (the
 * .xlsx reader, the add-in's range reader) produce these with the Vietnamese number
 * reader; the rule engine and consolidation consume them.
 */

export type ReadingFlag =
  /** The cell held text, not a number. */
  | 'text'
  /** `2.531`: dot read as a thousands separator. */
  | 'thousands-dot'
  /** `2,004`: comma read as a thousands separator. */
  | 'thousands-comma'
  /** `99,6`: comma read as the decimal mark. */
  | 'decimal-comma'
  /** `16.3`: dot read as the decimal mark. */
  | 'decimal-dot'
  /** `99,6%`: a percent sign was typed. */
  | 'percent-sign'
  /** A number cell formatted as percent (Excel stores 100% as 1): multiplied by 100. */
  | 'excel-percent'
  /** More than one reading fits: see `alternatives`. */
  | 'ambiguous'
  /** `69.2 (72/104)`: text after the number was kept aside in `annotation`. */
  | 'annotated'
  /** `01`, `00`: leading zeros. */
  | 'leading-zero'
  /** The text is not a number at all. */
  | 'not-a-number'
  /** `16.3` typed in a percent row and turned by Excel into the date 16 March: read back as 16,3. */
  | 'excel-date';

export interface NumberReading {
  /** The best reading; null for an empty cell or text that is not a number. */
  value: number | null;
  /** The cell's content as typed or stored, as text (`2.531`, `99,6%`, or String(number)). */
  raw: string;
  /**
   * Decimals the official typed (the precision of the value): `16.3` → 1, `99,6` → 1,
   * `47,27` → 2, `100` → 0. For a stored number, the decimals its number format shows
   * when known, else those of the number itself (capped at 10).
   */
  decimals: number;
  /** Other plausible readings, most plausible first (never includes `value`). */
  alternatives: number[];
  flags: ReadingFlag[];
  /** Text after the number, e.g. `(72/104)`. */
  annotation?: string;
  /** A Vietnamese explanation when the text is not a number. */
  problem?: string;
  /**
   * The cell's formula (without `=`) when the value is a formula's result: the checker then
   * points at the input cells that feed it rather than at the formula.
   */
  formula?: string;
}

/** Row id → reading. Rows absent from the map are empty. */
export type ReportValues = Map<string, NumberReading>;

export const EMPTY_READING: NumberReading = Object.freeze({
  value: null,
  raw: '',
  decimals: 0,
  alternatives: [],
  flags: [],
}) as NumberReading;

/** A reading of a number known exactly (computed, or typed by the add-in's own user). */
export function exact(value: number | null, decimals = 0): NumberReading {
  return { value, raw: value === null ? '' : String(value), decimals, alternatives: [], flags: [] };
}
