/**
 * Recognising a layout once: children typed from the same blank share their tables' rows (STT,
 * label, unit, the form a table's title names) and differ only in their figures, unit names and
 * where the tables sit. Which template fits, and which table row maps to which template row, depends
 * on those rows alone (with the candidate templates and the level the titles give), so the fits of
 * one workbook serve every other workbook with the same layout, for the same results as
 * recognising each alone at a fraction of the cost (scoring and alignment are most of it).
 */
import type { Template } from '../template/load';
import type { LevelId } from '../template/schema';
import { fitBest, type FlatRow, type TemplateFit } from './match';
import { clearScanCache } from './scan-cache';
import type { Table, TableRow } from './tables';
import { detach } from './text';

/** Layouts remembered (a run sees a handful: one blank per parent, and a few files typed anew). */
const MAX_LAYOUTS = 64;
/** Tables whose fingerprint would exceed this are not remembered (a pasted list of thousands). */
const MAX_KEY_LENGTH = 200_000;

const cache = new Map<string, TemplateFit[]>();
const serials = new WeakMap<object, number>();
let nextSerial = 0;
/**
 * The fits by the identity of the tables' rows arrays (remembered scans share theirs, see
 * scan-cache.ts): a workbook whose scan was remembered finds its fits without its fingerprint (a
 * few kilobytes of text to build, hash and compare).
 */
const byRows = new Map<string, TemplateFit[]>();
const stats = { hits: 0, misses: 0 };

/** A number per object (a template: two with the same id may hold different rows; a rows array). */
function serial(t: object): number {
  let s = serials.get(t);
  if (s === undefined) {
    s = nextSerial++;
    serials.set(t, s);
  }
  return s;
}

/**
 * Everything fitBest reads, as one string: the candidates, the level hint, and per table its form
 * hint and each row's normalised STT, label and unit (the label and unit keys derive from them).
 */
export function layoutFingerprint(tables: Table[], candidates: Template[], level: LevelId | undefined): string {
  const parts: string[] = [candidates.map(serial).join(','), level ?? ''];
  for (const t of tables) parts.push(`\u0003${t.formHint ?? ''}`, rowsFingerprint(t.rows));
  return parts.join('\u0001');
}

/** Each row's STT, label and unit, once per rows array (tables of a remembered layout share theirs). */
const rowPrints = new WeakMap<readonly TableRow[], string>();
function rowsFingerprint(rows: readonly TableRow[]): string {
  let s = rowPrints.get(rows);
  if (s === undefined) {
    const parts: string[] = [];
    for (const r of rows) parts.push(r.stt, r.label, r.unit);
    s = parts.join('\u0001');
    rowPrints.set(rows, s);
  }
  return s;
}

/**
 * fitBest over the tables' rows, or the fits of an earlier workbook with the same fingerprint.
 * The returned fits are shared between workbooks: read-only.
 */
export function fitLayout(
  tables: Table[],
  flat: FlatRow[],
  candidates: Template[],
  level: LevelId | undefined,
  factor: (t: Template) => number,
): TemplateFit[] {
  let rowsKey = `${candidates.map(serial).join(',')}\u0001${level ?? ''}`;
  for (const t of tables) rowsKey += `\u0001${serial(t.rows)}\u0002${t.formHint ?? ''}`;
  const again = byRows.get(rowsKey);
  if (again) {
    stats.hits++;
    return again;
  }
  const key = layoutFingerprint(tables, candidates, level);
  let fits = cache.get(key);
  if (fits) stats.hits++;
  else {
    stats.misses++;
    fits = fitBest(flat, tables.length, candidates, factor);
    if (key.length > MAX_KEY_LENGTH) return fits;
    if (cache.size >= MAX_LAYOUTS) cache.delete(cache.keys().next().value!);
    cache.set(detach(key), fits);
  }
  if (byRows.size >= MAX_LAYOUTS) byRows.delete(byRows.keys().next().value!);
  byRows.set(rowsKey, fits);
  return fits;
}

/** Forgets every layout, its fits and its sheets' scans (tests compare recognising with and without them). */
export function clearLayoutCache(): void {
  clearScanCache();
  cache.clear();
  byRows.clear();
  stats.hits = 0;
  stats.misses = 0;
}

/** Layouts found again and recognised anew since the last clearLayoutCache. */
export function layoutCacheStats(): { hits: number; misses: number } {
  return { ...stats };
}
