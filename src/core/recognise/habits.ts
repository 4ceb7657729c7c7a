/**
 * Number habits seen across a whole workbook. The number reader judges one cell; a workbook
 * shows its habit in many. When an en-US Excel turned typed `2.531` counts into 2.531, a money
 * cell holding 32.78 was most likely typed `32.780` (the trailing zero lost) — the reader alone
 * cannot know, so the reading gets the ×1000 alternative and the `ambiguous` flag for the
 * checker to decide.
 */
import type { Template } from '../template/load';
import type { NumberReading, ReportValues } from '../values';

export interface HabitNote {
  rowId: string;
  /** The number stored, and the reading added as an alternative. */
  value: number;
  alternative: number;
  /** A count row showing the habit. */
  evidence: string;
}

const decimalsOf = (n: number): number => {
  const s = String(n);
  const i = s.indexOf('.');
  return i < 0 || /e/i.test(s) ? 0 : s.length - i - 1;
};

/**
 * `stored`: row ids whose cell held a number (not text), with its number format.
 * Returns notes for the readings it changed (in place).
 */
export function applyWorkbookHabits(
  t: Template,
  values: ReportValues,
  stored: Map<string, string | undefined>,
): HabitNote[] {
  const isStoredThousands = (id: string, r: NumberReading) =>
    stored.has(id) && r.flags.includes('thousands-dot') && t.rowsById.get(id)?.kind === 'count';
  const evidence = [...values].filter(([id, r]) => isStoredThousands(id, r)).map(([id]) => id);
  if (evidence.length === 0) return [];
  const notes: HabitNote[] = [];
  for (const [id, r] of values) {
    const row = t.rowsById.get(id);
    if (!row || row.kind !== 'money' || !stored.has(id) || r.value === null || r.flags.includes('ambiguous')) continue;
    const fmt = stored.get(id);
    if (fmt && /[.]0/.test(fmt)) continue; // a format showing decimals: the decimals were meant
    const d = decimalsOf(r.value);
    if (r.value < 1 || r.value >= 1000 || d < 1 || d > 2) continue;
    const alt = Math.round(r.value * 1000);
    values.set(id, { ...r, alternatives: [alt, ...r.alternatives], flags: [...r.flags, 'ambiguous'] });
    notes.push({ rowId: id, value: r.value, alternative: alt, evidence: evidence[0] });
  }
  return notes;
}
