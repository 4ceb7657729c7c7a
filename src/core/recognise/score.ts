/**
 * Scores of table rows against one template's rows, from STT, label and unit together.
 *
 * `pairScore` is the definition, one pair at a time. `scoreRows` computes the same numbers for a
 * whole (table rows × template rows) matrix at a fraction of the cost: everything about the
 * template is prepared once (cached per template object), the labels' weighted word overlap and
 * trigram overlap are accumulated through inverted indexes (only template rows sharing a word or
 * a trigram with the table row are touched), and units and form titles are compared once per
 * distinct value. The arithmetic, and the order of every floating-point sum, are those of
 * `pairScore`, so both give bit-identical scores.
 */
import type { Template } from '../template/load';
import type { RowDef } from '../template/schema';
import { normStt, sttMatch } from './stt';
import type { TableRow } from './tables';
import {
  detach,
  fold,
  idfWeights,
  labelKey,
  labelSimilarity,
  weightTotal,
  type LabelKey,
  type WordWeights,
} from './text';

export interface TemplateRowInfo {
  row: RowDef;
  formIndex: number;
  /** The reform area (1–7) of the row's form, for 1B-style STT prefixes. */
  area?: number;
  stt: string;
  key: LabelKey;
  /** weightTotal of the label under the template's weights. */
  weight: number;
  unit: string;
  formTitle: string;
}

/** Template rows holding an id (word or trigram), with how many times each holds it. */
interface Posting {
  rows: Int32Array;
  counts: Int32Array;
}

export interface TemplateIndex {
  template: Template;
  rows: TemplateRowInfo[];
  weights: WordWeights;
  /** Per row, as flat arrays for the scoring loop. */
  rowWeight: Float64Array;
  rowWordCount: Int32Array;
  rowGramCount: Int32Array;
  rowUnit: Int32Array;
  /** Distinct unit keys of the template (rowUnit indexes them). */
  units: string[];
  /** Distinct folded form titles (rowForm indexes them). */
  formTitles: string[];
  rowForm: Int32Array;
  rowFolded: string[];
  rowStt: string[];
  rowArea: (number | undefined)[];
  /** By word / trigram id (ids are small integers): the template rows holding it. */
  wordPostings: (Posting | undefined)[];
  gramPostings: (Posting | undefined)[];
  rowHasStt: Uint8Array;
  /** Bounded caches: a table row's unit, STT and folded label → its agreement with every row. */
  unitScores: Map<string, Scores>;
  sttRows: Map<string, Scores>;
  labelRows: Map<string, LabelRow>;
  /** Folded label → rows with exactly that label. */
  byFolded: Map<string, number[]>;
  /** Rows with an empty label. */
  emptyLabels: number[];
}

export function unitKey(u: string): string {
  return fold(u);
}

function postings(lists: Map<number, number[]>): (Posting | undefined)[] {
  const out: (Posting | undefined)[] = [];
  for (const id of lists.keys()) while (out.length <= id) out.push(undefined);
  for (const [id, flat] of lists) {
    const n = flat.length / 2;
    const rows = new Int32Array(n);
    const counts = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      rows[k] = flat[2 * k];
      counts[k] = flat[2 * k + 1];
    }
    out[id] = { rows, counts };
  }
  return out;
}

/** Adds (row, count) for every distinct id of a sorted id array to `lists`. */
function addRuns(lists: Map<number, number[]>, ids: Int32Array, row: number): void {
  for (let i = 0; i < ids.length;) {
    const x = ids[i];
    let k = i + 1;
    while (k < ids.length && ids[k] === x) k++;
    const list = lists.get(x);
    if (list) list.push(row, k - i);
    else lists.set(x, [row, k - i]);
    i = k;
  }
}

const indexCache = new WeakMap<Template, TemplateIndex>();

/** Everything about a template's rows that scoring needs, computed once per template object. */
export function indexTemplate(t: Template): TemplateIndex {
  let ix = indexCache.get(t);
  if (ix) return ix;
  const rows: TemplateRowInfo[] = [];
  t.forms.forEach((f, formIndex) => {
    // The form's reform area (template data); a single-table template already prefixes its STT.
    const area = f.area;
    for (const row of f.rows) {
      rows.push({
        row,
        formIndex,
        ...(area !== undefined ? { area } : {}),
        stt: normStt(row.stt),
        key: labelKey(row.label),
        weight: 0,
        unit: unitKey(row.unit),
        formTitle: fold(f.title),
      });
    }
  });
  const weights = idfWeights(rows.map((r) => r.key));
  const m = rows.length;
  const rowWeight = new Float64Array(m);
  const rowWordCount = new Int32Array(m);
  const rowGramCount = new Int32Array(m);
  const rowUnit = new Int32Array(m);
  const rowForm = new Int32Array(m);
  const units: string[] = [];
  const formTitles: string[] = [];
  const wordLists = new Map<number, number[]>();
  const gramLists = new Map<number, number[]>();
  const byFolded = new Map<string, number[]>();
  const emptyLabels: number[] = [];
  rows.forEach((r, j) => {
    r.weight = weightTotal(r.key, weights);
    rowWeight[j] = r.weight;
    rowWordCount[j] = r.key.words.length;
    rowGramCount[j] = r.key.grams.length;
    let u = units.indexOf(r.unit);
    if (u < 0) u = units.push(r.unit) - 1;
    rowUnit[j] = u;
    let fi = formTitles.indexOf(r.formTitle);
    if (fi < 0) fi = formTitles.push(r.formTitle) - 1;
    rowForm[j] = fi;
    addRuns(wordLists, r.key.words, j);
    addRuns(gramLists, r.key.grams, j);
    if (!r.key.folded) emptyLabels.push(j);
    else {
      const same = byFolded.get(r.key.folded);
      if (same) same.push(j);
      else byFolded.set(r.key.folded, [j]);
    }
  });
  ix = {
    template: t,
    rows,
    weights,
    rowWeight,
    rowWordCount,
    rowGramCount,
    rowUnit,
    units,
    formTitles,
    rowForm,
    rowFolded: rows.map((r) => r.key.folded),
    rowStt: rows.map((r) => r.stt),
    rowArea: rows.map((r) => r.area),
    wordPostings: postings(wordLists),
    gramPostings: postings(gramLists),
    rowHasStt: Uint8Array.from(rows, (r) => (r.stt ? 1 : 0)),
    unitScores: new Map(),
    sttRows: new Map(),
    labelRows: new Map(),
    byFolded,
    emptyLabels,
  };
  indexCache.set(t, ix);
  return ix;
}

const unitCache = new Map<string, number>();

/** Unit agreement: 1 same, 0.8 same words or one inside the other, 0.3 both empty, 0 one empty, −0.5 different. */
export function unitMatch(a: string, b: string): number {
  if (a === b) return a ? 1 : 0.3;
  if (!a || !b) return 0;
  const k = `${a}\u0000${b}`;
  let v = unitCache.get(k);
  if (v === undefined) {
    v = unitCompare(a, b);
    if (unitCache.size > 10_000) unitCache.clear();
    unitCache.set(k, v);
  }
  return v;
}

function unitCompare(a: string, b: string): number {
  const sa = [...new Set(a.split(' '))].sort().join(' ');
  const sb = [...new Set(b.split(' '))].sort().join(' ');
  if (sa === sb || a.includes(b) || b.includes(a)) return 0.8;
  return -0.5;
}

export interface PairScore {
  score: number;
  label: number;
  stt: number;
}

/** A table row prepared for scoring. */
export type ScoredRow = Pick<TableRow, 'stt'> & { key: LabelKey; unitKey: string; formHint?: string };

/** The score of one (table row, template row) pair: the definition `scoreRows` follows. */
export function pairScore(t: ScoredRow, r: TemplateRowInfo, weights: WordWeights, tWeight?: number): PairScore {
  const label = labelSimilarity(t.key, r.key, weights, [tWeight ?? weightTotal(t.key, weights), r.weight]);
  const stt = sttMatch(t.stt, r.stt, r.area);
  // Convex in the label similarity: an identical label outweighs a matching STT on a merely similar
  // one (a renumbered row), while a re-worded label with its STT still scores above zero.
  let score = 12 * label * label - 5 + 3 * stt + unitMatch(t.unitKey, r.unit);
  if (t.stt && r.stt && stt === 0) score -= 1;
  if (t.formHint && t.formHint === r.formTitle) score += 1;
  return { score, label, stt };
}

/**
 * Scores of n table rows × m template rows (row-major), with each pair's label similarity and
 * STT agreement (shared per distinct label and per distinct STT: rows of n).
 */
export interface ScoreMatrix {
  n: number;
  m: number;
  score: Float64Array;
  /** labels[i][j], stts[i][j]: the pair's label similarity and STT agreement. */
  labels: Float64Array[];
  stts: Float64Array[];
  /**
   * No alignment scores more: alignments use each table row and each template row at most once
   * and gaps only cost, so neither the sum over table rows of each one's best positive score nor
   * the same sum over template rows can be passed. The smaller of the two.
   */
  bound: number;
}

/** Agreements of one table-row property with every template row (or distinct unit), and the largest. */
interface Scores {
  of: Float64Array;
  max: number;
}

const maxOf = (xs: Float64Array): number => {
  let v = -Infinity;
  for (let k = 0; k < xs.length; k++) if (xs[k] > v) v = xs[k];
  return v;
};

/** A table label against every template row: its similarity, and 12·sim² − 5 (the score's label part). */
interface LabelRow {
  sim: Float64Array;
  part: Float64Array;
  /** The largest `part`. */
  maxPart: number;
}

/** The imported function itself (an import binding may compile to a property read per call). */
const sttMatchFn = sttMatch;

/** Bounds of the per-template caches (labels and STTs repeat across the files of one run). */
const MAX_CACHED_LABELS = 4_000;
const MAX_CACHED_STTS = 2_000;
const MAX_CACHED_UNITS = 2_000;

/** Scratch buffers reused between calls (the scoring is synchronous). */
let interWords = new Float64Array(0);
let interGrams = new Int32Array(0);

/** A table row's unit against each distinct unit of the template. */
function unitScoresOf(ix: TemplateIndex, unit: string): Scores {
  let out = ix.unitScores.get(unit);
  if (!out) {
    const of = new Float64Array(ix.units.length);
    for (let u = 0; u < ix.units.length; u++) of[u] = unitMatch(unit, ix.units[u]);
    out = { of, max: maxOf(of) };
    if (ix.unitScores.size >= MAX_CACHED_UNITS) ix.unitScores.clear();
    ix.unitScores.set(detach(unit), out);
  }
  return out;
}

/** A typed STT against every template row's STT. */
function sttRowOf(ix: TemplateIndex, typed: string): Scores {
  let out = ix.sttRows.get(typed);
  if (!out) {
    const { rowStt, rowArea } = ix;
    const m = rowStt.length;
    const sttOf = sttMatchFn;
    const of = new Float64Array(m);
    for (let j = 0; j < m; j++) of[j] = sttOf(typed, rowStt[j], rowArea[j]);
    out = { of, max: maxOf(of) };
    if (ix.sttRows.size >= MAX_CACHED_STTS) ix.sttRows.clear();
    ix.sttRows.set(detach(typed), out);
  }
  return out;
}

/**
 * labelSimilarity(key, row key, weights, [weightTotal(key), row weight]) for every template row,
 * the overlaps accumulated through the inverted indexes: for a given template row the additions
 * happen in increasing id, as in the merge of two sorted arrays.
 */
function labelRowOf(ix: TemplateIndex, key: LabelKey): LabelRow {
  const cached = ix.labelRows.get(key.folded);
  if (cached) return cached;
  const m = ix.rows.length;
  if (interWords.length < m) {
    interWords = new Float64Array(m);
    interGrams = new Int32Array(m);
  }
  const interW = interWords;
  const interG = interGrams;
  const { rowWeight, rowWordCount, rowGramCount, rowFolded, weights, wordPostings, gramPostings } = ix;
  const words = key.words;
  const grams = key.grams;
  for (let a = 0; a < words.length;) {
    const x = words[a];
    let b = a + 1;
    while (b < words.length && words[b] === x) b++;
    const p = x < wordPostings.length ? wordPostings[x] : undefined;
    if (p) {
      const w = weights(x);
      const cnt = b - a;
      const pr = p.rows;
      const pc = p.counts;
      for (let k = 0; k < pr.length; k++) {
        const j = pr[k];
        const c = pc[k] < cnt ? pc[k] : cnt;
        for (let r = 0; r < c; r++) interW[j] += w;
      }
    }
    a = b;
  }
  for (let a = 0; a < grams.length;) {
    const x = grams[a];
    let b = a + 1;
    while (b < grams.length && grams[b] === x) b++;
    const p = x < gramPostings.length ? gramPostings[x] : undefined;
    if (p) {
      const cnt = b - a;
      const pr = p.rows;
      const pc = p.counts;
      for (let k = 0; k < pr.length; k++) interG[pr[k]] += pc[k] < cnt ? pc[k] : cnt;
    }
    a = b;
  }
  let ta = 0;
  for (let a = 0; a < words.length; a++) ta += weights(words[a]);
  const folded = key.folded;
  const nWords = words.length;
  const nGrams = grams.length;
  const simRow = new Float64Array(m);
  const part = new Float64Array(m);
  let maxPart = -Infinity;
  for (let j = 0; j < m; j++) {
    let sim: number;
    const bf = rowFolded[j];
    if (!folded && !bf) sim = 1;
    else if (!folded || !bf) sim = 0;
    else if (folded === bf) sim = 1;
    else {
      const tb = rowWeight[j];
      const inter = interW[j];
      const wordsSim = ta + tb === 0 ? 0 : (2 * inter) / (ta + tb);
      const gt = nGrams + rowGramCount[j];
      const gramsSim = gt === 0 ? 0 : (2 * interG[j]) / gt;
      sim = 0.6 * wordsSim + 0.4 * gramsSim;
      const shorter = nWords < rowWordCount[j] ? nWords : rowWordCount[j];
      if (shorter >= 4) sim = Math.max(sim, 0.9 * (inter / Math.min(ta, tb)));
      sim = Math.min(1, sim);
    }
    simRow[j] = sim;
    part[j] = labelPart(sim);
    if (part[j] > maxPart) maxPart = part[j];
  }
  interW.fill(0, 0, m);
  interG.fill(0, 0, m);
  const out = { sim: simRow, part, maxPart };
  if (ix.labelRows.size >= MAX_CACHED_LABELS) ix.labelRows.clear();
  ix.labelRows.set(detach(folded), out);
  return out;
}

/** A label's part of a pair's score, from the labels' similarity (0 to 1). */
function labelPart(sim: number): number {
  return 12 * sim * sim - 5;
}

/** The part a label as typed equal to a template row's (similarity 1) gives: the most there is. */
const EXACT_PART = labelPart(1);

/**
 * labelRowOf(ix, key).maxPart, without comparing the label with every row when one row's label is
 * the same text: most labels are typed as the form has them, and a template the bound leaves out
 * is then never compared row by row.
 */
function bestLabelPart(ix: TemplateIndex, key: LabelKey): number {
  const same = key.folded ? ix.byFolded.has(key.folded) : ix.emptyLabels.length > 0;
  return same ? EXACT_PART : labelRowOf(ix, key).maxPart;
}

/**
 * An upper bound, cheap once the rows' labels are prepared, of the score any alignment of these
 * rows with the template can reach: per row, the best label part plus the best STT, unit and
 * form-title terms, whichever template rows they come from (0 when that is negative: a row
 * can always be left out).
 */
export function looseBound(rows: readonly ScoredRow[], ix: TemplateIndex): number {
  let total = 0;
  for (const fr of rows) {
    const best =
      bestLabelPart(ix, fr.key) +
      3 * sttRowOf(ix, fr.stt).max +
      unitScoresOf(ix, fr.unitKey).max +
      (fr.formHint && ix.formTitles.includes(fr.formHint) ? 1 : 0);
    if (best > 0) total += best;
  }
  return total;
}

/** pairScore for every pair, from the template's prepared rows. */
export function scoreRows(rows: readonly ScoredRow[], ix: TemplateIndex): ScoreMatrix {
  const n = rows.length;
  const m = ix.rows.length;
  const score = new Float64Array(n * m);
  const labels: Float64Array[] = [];
  const stts: Float64Array[] = [];
  const { rowUnit, rowForm, rowHasStt } = ix;
  let bound = 0;
  const colBest = new Float64Array(m); // zeros: a template row may stay unmatched
  for (let i = 0; i < n; i++) {
    const fr = rows[i];
    const lab = labelRowOf(ix, fr.key);
    const st = sttRowOf(ix, fr.stt).of;
    const unitScore = unitScoresOf(ix, fr.unitKey).of;
    const hintForm = fr.formHint ? ix.formTitles.indexOf(fr.formHint) : -1;
    const typedStt = fr.stt !== '';
    const part = lab.part;
    const base = i * m;
    let best = 0;
    for (let j = 0; j < m; j++) {
      const s = st[j];
      // pairScore: 12·label² − 5 + 3·stt + unit, −1 for two different STTs, +1 under the form's title.
      let sc = part[j] + 3 * s + unitScore[rowUnit[j]];
      if (typedStt && rowHasStt[j] === 1 && s === 0) sc -= 1;
      if (rowForm[j] === hintForm) sc += 1;
      score[base + j] = sc;
      if (sc > best) best = sc;
      if (sc > colBest[j]) colBest[j] = sc;
    }
    bound += best;
    labels.push(lab.sim);
    stts.push(st);
  }
  let colBound = 0;
  for (let j = 0; j < m; j++) colBound += colBest[j];
  return { n, m, score, labels, stts, bound: Math.min(bound, colBound) };
}
