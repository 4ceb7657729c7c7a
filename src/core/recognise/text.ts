/**
 * Comparable text for Vietnamese labels: folding (case, diacritics, đ, punctuation,
 * spacing), word tokens, and a label similarity that survives re-wording (weighted word
 * overlap) and typos (character trigrams).
 */

/**
 * A copy of a string that shares nothing with it. A string cut from a workbook's text (a shared
 * string, a name) may keep that whole text alive for as long as it is kept: what outlives the
 * reading of a workbook (caches, consolidated children) keeps copies.
 */
export function detach(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

/** The memo's stand-in for a result that is `undefined` (one lookup per call, not two). */
const NONE: unique symbol = Symbol('none');

/**
 * A bounded memo of a pure function of a string: the same labels and headers come back in every
 * received workbook of a run, and folding them (NFD, regular expressions) is what costs. The
 * results must not share text with their argument (strings are detached by `memo`).
 *
 * Two generations of at most `max` entries each: when the newer fills up it becomes the older and
 * the oldest is dropped, and an entry found in the older moves back to the newer. The labels every
 * workbook repeats stay while the figures each one holds once (a commune's "1.213") pass through;
 * a single map cleared when full would drop the labels too, every few hundred workbooks.
 */
export function memoOf<T>(fn: (s: string) => T, max = 20_000): (s: string) => T {
  let young = new Map<string, T | typeof NONE>();
  let old = new Map<string, T | typeof NONE>();
  const put = (key: string, v: T | typeof NONE) => {
    if (young.size >= max) {
      old = young;
      young = new Map();
    }
    young.set(key, v);
  };
  return (s) => {
    let v = young.get(s);
    if (v === undefined) {
      v = old.get(s);
      if (v === undefined) {
        const r = fn(s);
        v = r === undefined ? NONE : r;
        put(detach(s), v);
      } else put(detach(s), v); // back to the newer generation (rare: once per generation)
    }
    return v === NONE ? (undefined as T) : v;
  };
}

/** memoOf for a function returning a string (the result detached from the argument). */
function memo(fn: (s: string) => string, max = 20_000): (s: string) => string {
  return memoOf((s) => detach(fn(s)), max);
}

const foldText = memo((s) =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim(),
);

/** `Tỷ lệ hoàn thành  Kế hoạch (Lũy kế)` → `ty le hoan thanh ke hoach luy ke`. */
export function fold(s: unknown): string {
  return foldText(typeof s === 'string' ? s : String(s ?? ''));
}

const cleanText = memo((s) =>
  s
    .normalize('NFC')
    .replace(/[\s\u00a0\u200b\ufeff]+/g, ' ')
    .trim(),
);

/** Printable ASCII without spaces (a figure, a code, "1.213"): already clean. */
const PLAIN = /^[!-~]*$/;

/** Whitespace collapsed and trimmed, NFC (for showing text back to the user). */
export function clean(s: unknown): string {
  const text = typeof s === 'string' ? s : String(s ?? '');
  // Figures are most of a workbook's cells and each is new: not worth a memo entry.
  return text.length <= 32 && PLAIN.test(text) ? text : cleanText(text);
}

export function tokens(s: string): string[] {
  const f = fold(s);
  return f ? f.split(' ') : [];
}

/** Words and trigrams are interned to small integers: comparisons merge sorted integer arrays. */
const interned = new Map<string, number>();
function idOf(s: string): number {
  let id = interned.get(s);
  if (id === undefined) {
    id = interned.size;
    interned.set(s, id);
  }
  return id;
}

const sorted = (ids: number[]) => Int32Array.from(ids).sort();

/** A label prepared for repeated comparison. */
export interface LabelKey {
  folded: string;
  /** Word ids, sorted, repeated words repeated. */
  words: Int32Array;
  /** Character trigram ids of the folded text without spaces, sorted. */
  grams: Int32Array;
}

/** Phrases officials write out or abbreviate at will: compared in their short form. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/\bthu tuc hanh chinh\b/g, 'tthc'],
  [/\bvan ban quy pham phap luat\b/g, 'vbqppl'],
  [/\bcai cach hanh chinh\b/g, 'cchc'],
  [/\buy ban nhan dan\b/g, 'ubnd'],
  [/\bhoi dong nhan dan\b/g, 'hdnd'],
  [/\bdon vi su nghiep cong lap\b/g, 'dvsncl'],
  [/\bdon vi su nghiep\b/g, 'dvsn'],
  [/\bphan anh kien nghi\b/g, 'pakn'],
  [/\bdich vu cong truc tuyen\b/g, 'dvctt'],
  [/\bngan sach nha nuoc\b/g, 'nsnn'],
];

/** The folded label with the usual phrases abbreviated (`thủ tục hành chính` → `tthc`). */
export function foldLabel(label: string): string {
  let f = fold(label);
  for (const [re, short] of ABBREVIATIONS) f = f.replace(re, short);
  return f;
}

const labelKeys = new Map<string, LabelKey>();

/** The label prepared for comparison (memoised: keys are immutable and their ids permanent). */
export function labelKey(label: string): LabelKey {
  let k = labelKeys.get(label);
  if (!k) {
    k = makeLabelKey(label);
    if (labelKeys.size >= 20_000) labelKeys.clear();
    labelKeys.set(detach(label), k);
  }
  return k;
}

function makeLabelKey(label: string): LabelKey {
  const folded = foldLabel(label);
  const words = folded ? folded.split(' ').map((w) => idOf(`w:${w}`)) : [];
  const s = ` ${folded.replace(/ /g, '')} `;
  const grams: number[] = [];
  if (folded) for (let i = 0; i + 3 <= s.length; i++) grams.push(idOf(s.slice(i, i + 3)));
  return { folded, words: sorted(words), grams: sorted(grams) };
}

/** Word weights by word id: rare words (in the template's labels) weigh more than `số`, `tỷ lệ`, `cấp`. */
export type WordWeights = (wordId: number) => number;

export function idfWeights(labels: LabelKey[]): WordWeights {
  const df = new Map<number, number>();
  for (const l of labels) for (const w of new Set(l.words)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = Math.max(1, labels.length);
  const unseen = Math.log(1 + n);
  const cache = new Map<number, number>();
  return (w) => {
    let v = cache.get(w);
    if (v === undefined) {
      const d = df.get(w);
      v = d === undefined ? unseen : Math.log(1 + n / d);
      cache.set(w, v);
    }
    return v;
  };
}

export function weightTotal(k: LabelKey, weight: WordWeights): number {
  let t = 0;
  for (const w of k.words) t += weight(w);
  return t;
}

/** Size (weighted for words) of the multiset intersection of two sorted id arrays. */
function intersect(a: Int32Array, b: Int32Array, weight?: WordWeights): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      n += weight ? weight(x) : 1;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/**
 * Similarity of two labels in [0, 1]: 1 for the same words (ignoring case, diacritics and
 * punctuation), high for a re-worded or shortened label, low for a different indicator.
 * Weighted word overlap (Dice) for re-wording, character trigrams (Dice) for typos.
 * `totals` are the labels' weightTotal under `weight`, when the caller has them.
 */
export function labelSimilarity(
  a: LabelKey,
  b: LabelKey,
  weight: WordWeights = () => 1,
  totals?: [number, number],
): number {
  if (!a.folded && !b.folded) return 1;
  if (!a.folded || !b.folded) return 0;
  if (a.folded === b.folded) return 1;
  const [ta, tb] = totals ?? [weightTotal(a, weight), weightTotal(b, weight)];
  const inter = intersect(a.words, b.words, weight);
  const words = ta + tb === 0 ? 0 : (2 * inter) / (ta + tb);
  const gt = a.grams.length + b.grams.length;
  const grams = gt === 0 ? 0 : (2 * intersect(a.grams, b.grams)) / gt;
  let sim = 0.6 * words + 0.4 * grams;
  // A label typed shorter (the parenthesis dropped: "Số văn bản chỉ đạo CCHC đã ban hành") keeps every
  // word of the short side; trusted only for labels of four words or more.
  const shorter = Math.min(a.words.length, b.words.length);
  if (shorter >= 4) sim = Math.max(sim, 0.9 * (inter / Math.min(ta, tb)));
  return Math.min(1, sim);
}
