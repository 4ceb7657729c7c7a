/** Matching seed rows to template rows in order, tolerating rows a template adds (2015 baselines) and fixed typos. */
import { norm, normStt, type SeedRow } from './seeds';

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** Same label up to whitespace, case and a few typo fixes. */
export function sameLabel(a: unknown, b: unknown): boolean {
  const x = norm(a).toLocaleLowerCase('vi');
  const y = norm(b).toLocaleLowerCase('vi');
  return x === y || levenshtein(x, y) <= Math.max(3, Math.floor(0.03 * Math.max(x.length, y.length)));
}

export interface Shown {
  rowId: string;
  stt: unknown;
  label: unknown;
}

/**
 * For each seed row, in order, the template row shown with the same STT and label; template
 * rows in between are skipped (returned in `extra`). `missing` lists seed rows not found.
 */
export function alignSeed(
  seed: SeedRow[],
  shown: Shown[],
): { match: Map<number, Shown>; extra: Shown[]; missing: SeedRow[] } {
  const match = new Map<number, Shown>();
  const extra: Shown[] = [];
  const missing: SeedRow[] = [];
  let j = 0;
  seed.forEach((s, i) => {
    let k = j;
    while (k < shown.length && !(normStt(shown[k].stt) === normStt(s.stt) && sameLabel(shown[k].label, s.label))) k++;
    if (k === shown.length) {
      missing.push(s);
      return;
    }
    extra.push(...shown.slice(j, k));
    match.set(i, shown[k]);
    j = k + 1;
  });
  extra.push(...shown.slice(j));
  return { match, extra, missing };
}
