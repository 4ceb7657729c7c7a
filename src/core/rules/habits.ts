/**
 * Figures read through a typing habit: the cell holds one number, the report means another, and
 * a person reading the file would be misled. The checker reports each on its cell with the value
 * to write (issue 9, point 6); the breakdown sheet can mark them (habitOf on a child's readings).
 *
 * - `thousands`: the dot or comma of `2.531` / `14,436` was a thousands separator. An en-US Excel
 *   stored the typed `2.531` as the number 2,531 (the reader reads 2531: its `thousands-dot` flag
 *   with 2.531 kept as the alternative), or the checker chose the ×1000 reading because it fits.
 * - `fraction`: a percentage typed as a fraction (0,996 for 99,6%), read ×100 because it fits.
 */
import { floatCmp } from './formula';
import type { RowDef } from '../template/schema';
import type { NumberReading } from '../values';

export type HabitKind = 'thousands' | 'fraction';

export interface Habit {
  kind: HabitKind;
  /** What the cell holds: the number stored, or the text typed. */
  held: number | string;
  /** What it means: the value the checker uses and the fix to write. */
  value: number;
}

const near = (a: number, b: number) => floatCmp(a, b) === 0;

/** Other readings worth trying for a cell: the reader's, and ×100 of a fraction typed in a % row. */
export function alternativesOf(row: RowDef | undefined, r: NumberReading): number[] {
  const v = r.value;
  if (row?.kind === 'percent' && v !== null && v > 0 && v < 1 && !r.flags.includes('excel-percent')) {
    const x = Math.round(v * 100 * 1e6) / 1e6;
    if (!r.alternatives.some((a) => near(a, x))) return [...r.alternatives, x];
  }
  return r.alternatives;
}

/** The habit a reading went through, given the value the checker uses for it (`used`). */
export function habitOf(row: RowDef | undefined, r: NumberReading | undefined, used?: number): Habit | undefined {
  if (!row || !r || r.value === null) return undefined;
  const u = used ?? r.value;
  if (u === r.value) {
    // A count stored by an en-US Excel from a typed `2.531`: the reader already reads 2531 and
    // keeps the stored 2.531 as its alternative (typed text `2.531` has none: it reads right).
    const stored = r.alternatives.find((a) => near(a * 1000, r.value!) && r.raw === String(a));
    if (row.kind === 'count' && r.flags.includes('thousands-dot') && stored !== undefined)
      return { kind: 'thousands', held: stored, value: u };
    return undefined;
  }
  // The cell's own content: the number stored (its raw text is the number's) or the text typed.
  const held = r.raw === String(r.value) ? r.value : r.raw;
  if ((row.kind === 'count' || row.kind === 'money') && near(u, r.value * 1000))
    return { kind: 'thousands', held, value: u };
  if (row.kind === 'percent' && near(u, r.value * 100)) return { kind: 'fraction', held, value: u };
  return undefined;
}
