/**
 * STT (số thứ tự) as officials type it: `2.1.`, ` 2.1 `, `2,1`, `2 . 1`, `I.`, `a)`, a
 * number cell (2.1), or prefixed by the area number as in Phụ lục 1B (`3.3.1` for row
 * 3.1 of area 3).
 */
import type { GridValue } from './grid';
import { detach, memoOf } from './text';

/** `2.1.` → `2.1`, ` 3 . 3 ` → `3.3`, `II.` → `II`, `a)` → `a`, `(1)` → `1`; empty for none. */
export function normStt(v: GridValue | undefined): string {
  if (v === null || v === undefined || typeof v === 'boolean') return '';
  return typeof v === 'number' ? normSttText(String(v)) : normSttMemo(String(v));
}

/** STTs repeat from workbook to workbook: each distinct text is normalised once. */
const normSttMemo = memoOf((v: string) => detach(normSttText(v.normalize('NFC'))), 5_000);

function normSttText(text: string): string {
  let s = text;
  s = s.replace(/[\s\u00a0\u200b\ufeff]+/g, '').replace(/,/g, '.');
  s = s
    .replace(/^\((.*)\)$/, '$1')
    .replace(/[.):]+$/, '')
    .replace(/^\.+/, '');
  if (/^[ivxlc]+$/i.test(s)) return s.toUpperCase();
  return s;
}

/** Looks like a row number: `1`, `2.1.`, `3.3.3.1`, `I.`, `a)`, `5.a`. */
export function isSttLike(v: GridValue | undefined): boolean {
  const s = normStt(v);
  if (!s) return false;
  return sttLikeMemo(s);
}

const sttLikeMemo = memoOf((s: string) => /^(\d{1,3}(\.\d{1,3}){0,5}(\.[a-z])?|[IVXLC]{1,6}|[a-zđ])$/i.test(s), 5_000);

/**
 * How well a typed STT matches a template row's STT, in [0, 1]:
 * 1 equal; 0.9 equal once the area prefix is added or dropped (1B numbering); 0.5 both empty;
 * 0 otherwise (renumbered, or only one side numbered).
 */
export function sttMatch(typed: string, template: string, area: number | undefined): number {
  if (!typed && !template) return 0.5;
  if (!typed || !template) return 0;
  if (typed === template) return 1;
  if (area !== undefined) {
    const p = areaPrefix(area);
    if (prefixed(typed, template, p) || prefixed(template, typed, p)) return 0.9;
  }
  return 0;
}

const AREA_PREFIXES: string[] = [];
const areaPrefix = (area: number): string => (AREA_PREFIXES[area] ??= `${area}.`);

/** `long` is `short` with the area prefix `p` (`3.`) in front. */
function prefixed(long: string, short: string, p: string): boolean {
  return long.length === short.length + p.length && long.startsWith(p) && long.endsWith(short);
}
