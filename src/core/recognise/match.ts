/**
 * Matching the rows of the tables found in a workbook to one template's rows: a score per
 * (table row, template row) from STT, label and unit, the alignment of align.ts, and a
 * confidence per mapped row and for the template as a whole.
 */
import type { Template } from '../template/load';
import type { RowDef } from '../template/schema';
import { alignPieces, type Piece } from './align';
import { sttMatch, normStt } from './stt';
import type { Table, TableRow } from './tables';
import { fold, idfWeights, labelKey, labelSimilarity, weightTotal, type LabelKey, type WordWeights } from './text';

interface TemplateRowInfo {
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

export interface TemplateIndex {
  template: Template;
  rows: TemplateRowInfo[];
  weights: WordWeights;
}

const indexCache = new WeakMap<Template, TemplateIndex>();

export function indexTemplate(t: Template): TemplateIndex {
  let ix = indexCache.get(t);
  if (ix) return ix;
  const rows: TemplateRowInfo[] = [];
  t.forms.forEach((f, formIndex) => {
    // 7 forms = the 7 reform areas in order; a single-table template already prefixes its STT.
    const area = t.forms.length > 1 ? formIndex + 1 : undefined;
    for (const row of f.rows) {
      rows.push({ row, formIndex, ...(area !== undefined ? { area } : {}), stt: normStt(row.stt), key: labelKey(row.label), weight: 0, unit: unitKey(row.unit), formTitle: fold(f.title) });
    }
  });
  const weights = idfWeights(rows.map((r) => r.key));
  for (const r of rows) r.weight = weightTotal(r.key, weights);
  ix = { template: t, rows, weights };
  indexCache.set(t, ix);
  return ix;
}

function unitKey(u: string): string {
  return fold(u);
}

const unitCache = new Map<string, number>();

/** Unit agreement: 1 same, 0.8 same words or one inside the other, 0.3 both empty, 0 one empty, −0.5 different. */
function unitMatch(a: string, b: string): number {
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
  if (!a && !b) return 0.3;
  if (!a || !b) return 0;
  if (a === b) return 1;
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

export function pairScore(t: TableRow & { key: LabelKey; unitKey: string; formHint?: string }, r: TemplateRowInfo, weights: WordWeights, tWeight?: number): PairScore {
  const label = labelSimilarity(t.key, r.key, weights, [tWeight ?? weightTotal(t.key, weights), r.weight]);
  const stt = sttMatch(t.stt, r.stt, r.area);
  // Convex in the label similarity: an identical label outweighs a matching STT on a merely similar
  // one (a renumbered row), while a re-worded label with its STT still scores above zero.
  let score = 12 * label * label - 5 + 3 * stt + unitMatch(t.unitKey, r.unit);
  if (t.stt && r.stt && stt === 0) score -= 1;
  if (t.formHint && t.formHint === r.formTitle) score += 1;
  return { score, label, stt };
}

/** A mapped row's confidence in [0, 1]: mostly the label, the STT confirming. */
export function rowConfidence(p: PairScore): number {
  const sttPart = p.stt === 0.5 ? p.label : p.stt;
  return Math.max(0, Math.min(1, 0.65 * p.label + 0.35 * sttPart));
}

export const LOW_CONFIDENCE = 0.6;

export interface RowMatch {
  /** Index into the flat list of table rows. */
  index: number;
  row: RowDef;
  formIndex: number;
  score: number;
  labelSimilarity: number;
  sttMatch: number;
  confidence: number;
}

export interface FlatRow extends TableRow {
  table: number;
  key: LabelKey;
  unitKey: string;
  formHint?: string;
}

export function flattenTables(tables: Table[]): FlatRow[] {
  return tables.flatMap((t, ti) =>
    t.rows.map((r) => ({ ...r, table: ti, key: labelKey(r.label), unitKey: unitKey(r.unit), ...(t.formHint ? { formHint: t.formHint } : {}) })),
  );
}

export interface TemplateFit {
  template: Template;
  /** Sum of the committed alignments' scores (the ranking between templates). */
  score: number;
  matches: RowMatch[];
  /** Mean row confidence over every table row (unmapped rows count 0), in [0, 1]. */
  confidence: number;
}

/** Aligns every table row against one template. */
export function fitTemplate(flat: FlatRow[], tableCount: number, t: Template): TemplateFit {
  const ix = indexTemplate(t);
  const m = ix.rows.length;
  const scores = new Float64Array(flat.length * m);
  const details: PairScore[][] = [];
  flat.forEach((fr, i) => {
    const row: PairScore[] = [];
    const tw = weightTotal(fr.key, ix.weights);
    for (let j = 0; j < m; j++) {
      const p = pairScore(fr, ix.rows[j], ix.weights, tw);
      scores[i * m + j] = p.score;
      row.push(p);
    }
    details.push(row);
  });
  const pieces: Piece[] = [];
  for (let ti = 0; ti < tableCount; ti++) {
    const rows = flat.flatMap((r, i) => (r.table === ti ? [i] : []));
    if (rows.length) pieces.push({ rows });
  }
  const { pairs, total } = alignPieces(pieces, m, (i, j) => scores[i * m + j], { minScore: 5 });
  const matches: RowMatch[] = [];
  let confSum = 0;
  for (const [i, j] of [...pairs].sort((a, b) => a[0] - b[0])) {
    const p = details[i][j];
    const confidence = rowConfidence(p);
    confSum += confidence;
    matches.push({ index: i, row: ix.rows[j].row, formIndex: ix.rows[j].formIndex, score: p.score, labelSimilarity: p.label, sttMatch: p.stt, confidence });
  }
  return { template: t, score: total, matches, confidence: flat.length ? confSum / flat.length : 0 };
}
