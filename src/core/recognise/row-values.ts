/**
 * A child's values as consolidation keeps them: one number and its decimals per template row, in
 * two typed arrays, read through the ReadonlyMap of row id → reading that the engine and the
 * output plan use. A province keeps thousands of children until the consolidated workbook is
 * written: a Map of some two hundred readings per child was about 6 kB of heap, the arrays are
 * under 2 kB, and a reading thread's arrays come through postMessage as they are (no copy).
 */
import type { Template } from '../template/load';
import type { NumberReading } from '../values';

/** A template's row ids in order, and each one's index: the arrays are by row. */
export interface RowIndex {
  ids: readonly string[];
  index: ReadonlyMap<string, number>;
}

const rowIndexes = new WeakMap<Template, RowIndex>();

export function rowIndexOf(t: Template): RowIndex {
  let x = rowIndexes.get(t);
  if (!x) {
    const ids = [...t.rowsById.keys()];
    x = { ids, index: new Map(ids.map((id, i) => [id, i])) };
    rowIndexes.set(t, x);
  }
  return x;
}

const NONE: never[] = Object.freeze([]) as unknown as never[];

export class RowValues implements ReadonlyMap<string, NumberReading> {
  readonly size: number;

  /**
   * `numbers[i]` is row i's value (NaN: none), `decimals[i]` its decimals; both as long as the
   * template's rows (a mismatch is a programming error and throws).
   */
  constructor(
    private readonly rows: RowIndex,
    readonly numbers: Float64Array,
    readonly decimals: Uint8Array,
  ) {
    if (numbers.length !== rows.ids.length || decimals.length !== rows.ids.length)
      throw new Error('RowValues: the arrays are not as long as the template has rows.');
    let n = 0;
    for (let i = 0; i < numbers.length; i++) if (!Number.isNaN(numbers[i])) n++;
    this.size = n;
  }

  /** The values of `entries` (by the template's row ids; null values and unknown rows are left out). */
  static of(t: Template, entries: Iterable<[string, Pick<NumberReading, 'value' | 'decimals'>]>): RowValues {
    const rows = rowIndexOf(t);
    const numbers = new Float64Array(rows.ids.length).fill(NaN);
    const decimals = new Uint8Array(rows.ids.length);
    for (const [id, r] of entries) {
      const i = rows.index.get(id);
      if (i === undefined || r.value === null) continue;
      numbers[i] = r.value;
      decimals[i] = Math.min(255, Math.max(0, r.decimals));
    }
    return new RowValues(rows, numbers, decimals);
  }

  private at(i: number): NumberReading {
    // A fresh reading each time: short-lived, cheaper than keeping one per value.
    return { value: this.numbers[i], raw: '', decimals: this.decimals[i], alternatives: NONE, flags: NONE };
  }

  get(id: string): NumberReading | undefined {
    const i = this.rows.index.get(id);
    return i === undefined || Number.isNaN(this.numbers[i]) ? undefined : this.at(i);
  }

  has(id: string): boolean {
    const i = this.rows.index.get(id);
    return i !== undefined && !Number.isNaN(this.numbers[i]);
  }

  *entries(): MapIterator<[string, NumberReading]> {
    for (let i = 0; i < this.numbers.length; i++)
      if (!Number.isNaN(this.numbers[i])) yield [this.rows.ids[i], this.at(i)];
  }

  *keys(): MapIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<NumberReading> {
    for (const [, r] of this.entries()) yield r;
  }

  [Symbol.iterator](): MapIterator<[string, NumberReading]> {
    return this.entries();
  }

  forEach(fn: (value: NumberReading, key: string, map: ReadonlyMap<string, NumberReading>) => void): void {
    for (const [id, r] of this.entries()) fn(r, id, this);
  }
}
