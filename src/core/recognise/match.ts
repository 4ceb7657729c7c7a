/**
 * Matching the rows of the tables found in a workbook to one template's rows: a score per
 * (table row, template row) from STT, label and unit (score.ts), the alignment of align.ts, and a
 * confidence per mapped row and for the template as a whole. Among several candidate templates,
 * only those that can still rank first or second are aligned (an upper bound on each alignment
 * comes from the score matrix alone).
 */
import type { Template } from '../template/load';
import type { RowDef } from '../template/schema';
import { alignPieces, type Piece } from './align';
import { indexTemplate, looseBound, scoreRows, unitKey, type PairScore, type ScoreMatrix } from './score';
import type { Table, TableRow } from './tables';
import { labelKey, type LabelKey } from './text';

export { indexTemplate, pairScore, type PairScore, type TemplateIndex } from './score';

/** A mapped row's confidence in [0, 1]: mostly the label, the STT confirming. */
export function rowConfidence(p: PairScore): number {
  const sttPart = p.stt === 0.5 ? p.label : p.stt;
  return Math.max(0, Math.min(1, 0.65 * p.label + 0.35 * sttPart));
}

export const LOW_CONFIDENCE = 0.6;

/**
 * Below this template confidence a workbook fits no known template well (the seeds read at 1.0
 * with their own template and 0.71–0.96 with the next best; a form of another kind at 0.1–0.4):
 * the reading is flagged `poorMatch` and every skin says so.
 */
export const POOR_MATCH = 0.6;

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

/** The flat rows of a table's rows array, by its place and form hint (tables of a remembered layout share their rows). */
const flatOf = new WeakMap<readonly TableRow[], { table: number; formHint: string | undefined; flat: FlatRow[] }>();

/** Every table's rows with their label and unit keys, in order. The rows are shared: read-only. */
export function flattenTables(tables: Table[]): FlatRow[] {
  const out: FlatRow[] = [];
  tables.forEach((t, ti) => {
    const known = flatOf.get(t.rows);
    if (known && known.table === ti && known.formHint === t.formHint) {
      for (const f of known.flat) out.push(f);
      return;
    }
    const flat: FlatRow[] = [];
    for (const r of t.rows) {
      // Built field by field: an object spread per row costs more than everything else here.
      const f: FlatRow = {
        sheet: r.sheet,
        row: r.row,
        stt: r.stt,
        sttRaw: r.sttRaw,
        label: r.label,
        unit: r.unit,
        note: r.note,
        table: ti,
        key: labelKey(r.label),
        unitKey: unitKey(r.unit),
      };
      if (t.formHint) f.formHint = t.formHint;
      flat.push(f);
      out.push(f);
    }
    flatOf.set(t.rows, { table: ti, formHint: t.formHint, flat });
  });
  return out;
}

export interface TemplateFit {
  template: Template;
  /** Sum of the committed alignments' scores (the ranking between templates). */
  score: number;
  matches: RowMatch[];
  /** Mean row confidence over every table row (unmapped rows count 0), in [0, 1]. */
  confidence: number;
}

/** Minimum score of an alignment worth committing. */
const MIN_ALIGNMENT = 5;

function piecesOf(flat: FlatRow[], tableCount: number): Piece[] {
  const byTable: number[][] = Array.from({ length: tableCount }, () => []);
  flat.forEach((r, i) => byTable[r.table]?.push(i));
  return byTable.filter((rows) => rows.length > 0).map((rows) => ({ rows }));
}

function align(flat: FlatRow[], tableCount: number, t: Template, s: ScoreMatrix): TemplateFit {
  const ix = indexTemplate(t);
  const m = s.m;
  const { pairs, total } = alignPieces(
    piecesOf(flat, tableCount),
    m,
    { score: s.score, width: m },
    { minScore: MIN_ALIGNMENT },
  );
  const matches: RowMatch[] = [];
  let confSum = 0;
  for (const [i, j] of [...pairs].sort((a, b) => a[0] - b[0])) {
    const k = i * m + j;
    const p: PairScore = { score: s.score[k], label: s.labels[i][j], stt: s.stts[i][j] };
    const confidence = rowConfidence(p);
    confSum += confidence;
    matches.push({
      index: i,
      row: ix.rows[j].row,
      formIndex: ix.rows[j].formIndex,
      score: p.score,
      labelSimilarity: p.label,
      sttMatch: p.stt,
      confidence,
    });
  }
  return { template: t, score: total, matches, confidence: flat.length ? confSum / flat.length : 0 };
}

/** Aligns every table row against one template. */
export function fitTemplate(flat: FlatRow[], tableCount: number, t: Template): TemplateFit {
  return align(flat, tableCount, t, scoreRows(flat, indexTemplate(t)));
}

/** Room for rounding: bounds and alignment totals add the same numbers in different orders. */
const slack = (x: number): number => x + 1e-9 * Math.abs(x) + 1e-9;

/**
 * The fits of the candidates ranked best first by `rank` (the fit's score times `factor`, ties
 * kept in candidate order), of which only the first two are guaranteed: a candidate whose upper
 * bound cannot reach the second place is neither scored in full nor aligned, and is left out.
 */
export function fitBest(
  flat: FlatRow[],
  tableCount: number,
  candidates: Template[],
  factor: (t: Template) => number,
): TemplateFit[] {
  // Templates indexed and labels prepared in candidate order (word ids are interned in that order).
  const bounded = candidates.map((t, order) => ({
    t,
    order,
    bound: slack(looseBound(flat, indexTemplate(t)) * factor(t)),
  }));
  const rank = (f: TemplateFit) => f.score * factor(f.template);
  const done: { fit: TemplateFit; order: number }[] = [];
  const sorted = () => done.sort((a, b) => rank(b.fit) - rank(a.fit) || a.order - b.order);
  /** Whether a candidate with this bound could still rank first or second. */
  const mayPlace = (bound: number, order: number): boolean => {
    if (done.length < 2) return true;
    const second = sorted()[1];
    return bound > rank(second.fit) || (bound === rank(second.fit) && order < second.order);
  };
  for (const c of [...bounded].sort((a, b) => b.bound - a.bound || a.order - b.order)) {
    if (!mayPlace(c.bound, c.order)) continue;
    const s = scoreRows(flat, indexTemplate(c.t));
    if (!mayPlace(slack(s.bound * factor(c.t)), c.order)) continue;
    done.push({ fit: align(flat, tableCount, c.t, s), order: c.order });
  }
  return sorted().map((d) => d.fit);
}
