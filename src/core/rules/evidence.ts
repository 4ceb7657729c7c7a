/**
 * A note typed beside a figure is evidence (issue 9, point 7): seed 000 writes «69,2 (72/104)» in
 * Biểu mẫu 7 row 7.4 while its rows hold 72 and 2.934. When the note's parts give the typed
 * percentage and name other parts than the rows hold, the finding shows both readings: the
 * percentage is wrong, or the row that differs from the note should hold the note's number.
 */
import { fmt, fmtComputed, rowName } from './describe';
import { ruleFunction } from './functions';
import type { Check } from './lower';
import { halfWidth, SLACK } from './tolerance';
import { readNumber } from '../number';
import type { Suggestion } from '../findings';
import type { Template } from '../template/load';
import type { NumberReading } from '../values';

/** `72/104`, `(1.213/1.241)`, `24 / 25` in a note → the two numbers (read the Vietnamese way). */
export function noteParts(note: string): [number, number] | undefined {
  const m = /(\d[\d.,]*)\s*\/\s*(\d[\d.,]*)/.exec(note);
  if (!m) return undefined;
  const a = readNumber(m[1], 'count').value;
  const b = readNumber(m[2], 'count').value;
  return a === null || b === null ? undefined : [a, b];
}

/**
 * Fixes a note beside a ratio's result supports: the rows whose values differ from the note's
 * parts, when the note's parts give the typed percentage.
 */
export function noteEvidence(
  t: Template,
  check: Check,
  value: (id: string) => number | null | string,
  reading: (id: string) => NumberReading | undefined,
): { fixes: Suggestion[]; note: string } | undefined {
  const shape = check.shape;
  if (shape.type !== 'ratio' || shape.args.length !== 2) return undefined;
  const note = reading(shape.result)?.annotation;
  const typed = value(shape.result);
  const parts = note ? noteParts(note) : undefined;
  if (!note || !parts || typeof typed !== 'number') return undefined;
  const computed = ruleFunction(shape.fn)?.evaluate?.(parts);
  if (computed === null || computed === undefined || Math.abs(computed - typed) > halfWidth(typed) + SLACK)
    return undefined;
  const fixes: Suggestion[] = [];
  shape.args.forEach((arg, i) => {
    if (arg.type !== 'ref' || value(arg.id) === parts[i]) return;
    fixes.push({
      row: arg.id,
      value: parts[i],
      reason: `theo ghi chú «${note}» ở ${rowName(t, shape.result)}: ${fmt(parts[0])}/${fmt(parts[1])} = ${fmtComputed(computed)}%`,
    });
  });
  return fixes.length ? { fixes, note } : undefined;
}
