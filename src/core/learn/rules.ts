/**
 * Rules inferred from a form's structure, its wording and, when the form was filled, its figures:
 * - a % row over count children is a ratio; which child is the numerator is read from the wording
 *   ("đã hoàn thành", "đúng hạn" over "Tổng số", "kế hoạch") and confirmed by the figures;
 * - a row whose children (or the siblings after a "Tổng số" row) partition it is their sum;
 *   progress rows ("đã / chưa hoàn thành", "đúng hạn") are only parts of it: ≤;
 * - "Tổng số … mức độ 3 và 4" lies between the larger and the sum of the rows "… mức độ 3" and "… mức độ 4" above it;
 * - a part is ≤ its whole (the numerator of a ratio, a row that narrows a sibling's wording).
 */
import { formatNumber } from '../number';
import type { NumberReading } from '../values';
import { sameUnit } from './kinds';
import {
  extendsLabel,
  headWords,
  isProgressWording,
  isTotalWording,
  partForm,
  partScore,
  sharedHead,
  wholeScore,
} from './wording';
import type { InferredRule, LearnedForm, LearnedRow } from './types';

const isAmount = (r: LearnedRow) => r.kind === 'count' || r.kind === 'money';
const num = (r: LearnedRow): number | null => r.value?.value ?? null;
const show = (r: LearnedRow) => `dòng ${r.stt.trim().replace(/\.$/, '') || `«${r.label}»`}`;
const quote = (r: LearnedRow) => `«${r.label.length > 60 ? `${r.label.slice(0, 59)}…` : r.label}»`;
const sttOf = (r: LearnedRow) => r.id.slice(r.id.indexOf(':') + 1);
const fmt = (x: number) => formatNumber(Math.round(x * 100) / 100);

function tolerance(r: NumberReading): number {
  return 0.5 * 10 ** -Math.min(r.decimals, 6) + 1e-9;
}

/** Maps a confidence score margin to 0.5–0.9. */
const fromMargin = (m: number) => 0.5 + 0.4 * (1 - Math.exp(-Math.max(0, m) / 3));
const clamp = (x: number) => Math.max(0.05, Math.min(0.98, Math.round(x * 100) / 100));

interface Ctx {
  form: LearnedForm;
  byId: Map<string, LearnedRow>;
  children: Map<string | undefined, LearnedRow[]>;
  rules: InferredRule[];
}

function add(ctx: Ctx, r: Omit<InferredRule, 'form' | 'id'> & { id?: string }): void {
  if (ctx.rules.some((x) => x.check === r.check)) return;
  let id = r.id ?? `${ctx.form.id}.${r.family}.${sttOf(ctx.byId.get(r.target)!)}`;
  for (let k = 2; ctx.rules.some((x) => x.id === id); k++)
    id = `${r.id ?? `${ctx.form.id}.${r.family}.${sttOf(ctx.byId.get(r.target)!)}`}.${k}`;
  ctx.rules.push({ ...r, id, form: ctx.form.id, confidence: clamp(r.confidence) });
}

// ---- ratios ----------------------------------------------------------------------------------

interface PairScore {
  n: LearnedRow;
  d: LearnedRow;
  score: number;
  evidence: string[];
  figures?: 'fit' | 'swapped' | 'neither';
}

function scorePair(p: LearnedRow, n: LearnedRow, d: LearnedRow, siblings: LearnedRow[]): PairScore {
  const dw = wholeScore(d.label);
  const dp = partScore(d.label);
  const nw = wholeScore(n.label);
  const np = partScore(n.label);
  let score = dw.score - dp.score + np.score - nw.score;
  const evidence: string[] = [];
  if (dw.cues.length) evidence.push(`${show(d)} là mẫu số (ghi «${dw.cues.join('», «')}»)`);
  if (np.cues.length) evidence.push(`${show(n)} là tử số (ghi «${np.cues.join('», «')}»)`);
  // A row that narrows a sibling's wording is a part of that sibling, not the ratio's numerator.
  if (siblings.some((s) => s !== n && s !== d && extendsLabel(n.label, s.label))) score -= 2;
  if (siblings.indexOf(d) < siblings.indexOf(n)) score += 0.3;
  const pv = p.value;
  const nv = num(n);
  const dv = num(d);
  let figures: PairScore['figures'];
  if (pv && pv.value !== null && nv !== null && dv !== null && dv > 0 && nv > 0) {
    const expected = (100 * nv) / dv;
    const swapped = (100 * dv) / nv;
    const tol = tolerance(pv);
    if (Math.abs(pv.value - expected) <= tol) {
      score += 3;
      figures = 'fit';
      evidence.push(
        `số liệu trong tệp khớp: ${fmt(nv)}/${fmt(dv)} = ${fmt(expected)}% (ghi ${formatNumber(pv.value)})`,
      );
    } else if (Math.abs(pv.value - swapped) <= tol && pv.value !== expected) {
      score -= 3;
      figures = 'swapped';
    } else figures = 'neither';
  }
  if (nv !== null && dv !== null && nv > dv) score -= 1.5;
  else if (nv !== null && dv !== null && nv < dv) score += 0.5;
  return { n, d, score, evidence, ...(figures ? { figures } : {}) };
}

function inferRatios(ctx: Ctx): void {
  for (const p of ctx.form.rows) {
    if (p.kind !== 'percent') continue;
    const kids = (ctx.children.get(p.id) ?? []).filter(isAmount);
    if (kids.length < 2) continue;
    const pairs: PairScore[] = [];
    for (const n of kids)
      for (const d of kids) if (n !== d && sameUnit(n.unit, d.unit)) pairs.push(scorePair(p, n, d, kids));
    if (!pairs.length) continue;
    pairs.sort((a, b) => b.score - a.score);
    const [best, second] = pairs;
    const margin = best.score - (second?.score ?? best.score - 6);
    let confidence = fromMargin(margin);
    const evidence = [
      `${show(p)} là tỷ lệ % có ${kids.length} dòng con cùng đơn vị «${best.d.unit}»`,
      ...best.evidence,
    ];
    if (best.figures === 'fit') confidence += 0.08;
    else if (best.figures === 'neither' && p.value) {
      const pv = p.value.value!;
      const e = (100 * num(best.n)!) / num(best.d)!;
      evidence.push(
        `số liệu trong tệp không khớp: ${fmt(num(best.n)!)}/${fmt(num(best.d)!)} = ${fmt(e)}%, tệp ghi ${formatNumber(pv)} (có thể tệp ghi sai)`,
      );
    }
    if (kids.length > 2) {
      confidence -= 0.05;
      evidence.push(`chọn 2 trong ${kids.length} dòng con theo cách ghi`);
    }
    if (best.score <= 0) {
      confidence = Math.min(confidence, 0.5);
      evidence.push('cách ghi không cho biết rõ dòng nào là tử số: lấy theo thứ tự in');
    }
    add(ctx, {
      family: 'ratio',
      check: `${p.id} == ratio(${best.n.id}, ${best.d.id})`,
      severity: 'error',
      empty: 'skip',
      target: p.id,
      parts: [best.n.id, best.d.id],
      confidence,
      evidence,
    });
    add(ctx, {
      family: 'le',
      check: `${best.n.id} <= ${best.d.id}`,
      severity: 'error',
      empty: 'skip',
      target: best.n.id,
      parts: [best.n.id, best.d.id],
      confidence: confidence - 0.05,
      evidence: [`tử số của tỷ lệ ${show(p)} không lớn hơn mẫu số`],
    });
  }
}

// ---- sums ------------------------------------------------------------------------------------

function figuresOfSum(total: LearnedRow, parts: LearnedRow[]): { text: string; equal: boolean } | undefined {
  const t = num(total);
  const filled = parts.filter((x) => num(x) !== null);
  if (t === null || filled.length === 0) return undefined;
  const s = filled.reduce((a, x) => a + num(x)!, 0);
  // All zeros say nothing; one part equal to the total says little.
  if (t === 0 && s === 0) return undefined;
  const text = `${fmt(t)} ${t === s ? '=' : '≠'} ${parts.map((x) => (num(x) === null ? '(trống)' : fmt(num(x)!))).join(' + ')}`;
  return { text, equal: Math.abs(t - s) < 1e-9 };
}

function sumCheck(total: LearnedRow, parts: LearnedRow[]): string {
  const filled = parts.map((x) => `filled(${x.id})`).join(' or ');
  return `filled(${total.id}) and (${filled}) => ${total.id} == ${parts.map((x) => x.id).join(' + ')}`;
}

function addPartition(ctx: Ctx, total: LearnedRow, parts: LearnedRow[], why: string, base: number): void {
  const progress = parts.filter((x) => isProgressWording(x.label));
  const fig = figuresOfSum(total, parts);
  const evidence = [why];
  if (progress.length) {
    evidence.push(
      `các dòng ghi tiến độ (${progress.map(show).join(', ')}): chỉ suy ra tổng các phần không vượt quá ${show(total)}`,
    );
    if (fig) evidence.push(`số liệu trong tệp: ${fig.text}`);
    add(ctx, {
      family: 'le',
      check: `${parts.map((x) => x.id).join(' + ')} <= ${total.id}`,
      severity: 'error',
      empty: 'skip-if-all',
      target: total.id,
      parts: [...parts.map((x) => x.id), total.id],
      confidence: fig && !fig.equal && num(total)! < parts.reduce((a, x) => a + (num(x) ?? 0), 0) ? 0.3 : base,
      evidence,
    });
    return;
  }
  let confidence = base;
  if (fig) {
    evidence.push(`số liệu trong tệp ${fig.equal ? 'khớp' : 'không khớp'}: ${fig.text}`);
    confidence += fig.equal ? 0.15 : -0.25;
  }
  add(ctx, {
    family: 'sum',
    check: sumCheck(total, parts),
    severity: 'error',
    empty: 'zero',
    target: total.id,
    parts: parts.map((x) => x.id),
    confidence,
    evidence,
  });
}

/** A count row over children of its unit: "Tổng số …" over "Số … cấp tỉnh / huyện / xã", or children narrowing its wording. */
function inferChildSums(ctx: Ctx): void {
  for (const p of ctx.form.rows) {
    if (!isAmount(p)) continue;
    const kids = ctx.children.get(p.id) ?? [];
    const parts = kids.filter((k) => isAmount(k) && sameUnit(k.unit, p.unit));
    if (parts.length < 2) continue;
    if (kids.some((k) => isAmount(k) && !sameUnit(k.unit, p.unit))) continue;
    if (parts.some((k) => isTotalWording(k.label))) continue; // "Tổng số cơ quan …" under a row: its whole, not a part
    if (isTotalWording(p.label)) {
      addPartition(
        ctx,
        p,
        parts,
        `${show(p)} ghi «Tổng số» và có ${parts.length} dòng con cùng đơn vị «${p.unit}»`,
        0.75,
      );
    } else if (parts.every((k) => sharedHead(k.label, p.label) >= 2)) {
      addPartition(
        ctx,
        p,
        parts,
        `${parts.length} dòng con cùng đơn vị chia nhỏ ${show(p)} (cùng cách ghi «${headWords(p.label, sharedHead(parts[0].label, p.label))} …»)`,
        0.6,
      );
    }
  }
}

/** Under a heading: "Tổng số X …" followed by "Số X …" rows of its unit. */
function inferSiblingSums(ctx: Ctx): void {
  for (const [parentId, kids] of ctx.children) {
    const parent = parentId ? ctx.byId.get(parentId) : undefined;
    if (parent && parent.kind !== 'group') continue;
    for (let i = 0; i < kids.length; i++) {
      const t = kids[i];
      if (!isAmount(t) || !isTotalWording(t.label)) continue;
      const noun = partForm(t.label).split(' ').slice(0, 2).join(' '); // "so dvsn", "so nhiem"
      const parts: LearnedRow[] = [];
      for (let j = i + 1; j < kids.length; j++) {
        const s = kids[j];
        if (!isAmount(s) || !sameUnit(s.unit, t.unit) || isTotalWording(s.label)) break;
        if (!(partForm(s.label) === noun || partForm(s.label).startsWith(`${noun} `))) break;
        parts.push(s);
      }
      if (parts.length < 2) continue;
      addPartition(
        ctx,
        t,
        parts,
        `${show(t)} ghi «Tổng số», các dòng tiếp theo ${parts.map(show).join(', ')} cùng đơn vị và cùng cách ghi «${headWords(t.label, 2)} …»`,
        0.6,
      );
    }
  }
}

/** "Tổng số … mức độ 3 và 4" between max and sum of the rows "… mức độ 3" and "… mức độ 4" above it in the same section. */
function inferAndSums(ctx: Ctx): void {
  const rows = ctx.form.rows;
  rows.forEach((r, i) => {
    if (!isAmount(r)) return;
    const m = /^so (.+) (\d{1,2}) va (\d{1,2})( .*)?$/.exec(partForm(r.label));
    if (!m) return;
    const [, stem, x, y, tail = ''] = m;
    const section = r.parent ? ctx.byId.get(r.parent)?.parent : undefined;
    const find = (v: string) => {
      for (let j = i - 1; j >= 0; j--) {
        const c = rows[j];
        if (!isAmount(c) || !sameUnit(c.unit, r.unit)) continue;
        if (section !== undefined && c.parent !== undefined && ctx.byId.get(c.parent)?.parent !== section) continue;
        const f = partForm(c.label);
        if (f === `so ${stem} ${v}` || f === `so ${stem} ${v}${tail}`) return c;
      }
      return undefined;
    };
    const a = find(x);
    const b = find(y);
    if (!a || !b || a === b) return;
    const fig = figuresOfSum(r, [a, b]);
    const evidence = [`${show(r)} ghi «… ${x} và ${y}»; ${show(a)} và ${show(b)} ghi «… ${x}», «… ${y}»`];
    if (fig) evidence.push(`số liệu trong tệp ${fig.equal ? 'khớp' : 'không khớp'}: ${fig.text}`);
    // Offices count level-4 procedures apart or among the level-3 ones too, so the total is only
    // bounded: max(level 3, level 4) ≤ total ≤ level 3 + level 4 (as the built-in templates check).
    evidence.push('chỉ cảnh báo: có đơn vị tính riêng từng mức, có đơn vị tính mức độ 4 trong cả mức độ 3');
    const confidence = 0.6 + (fig ? (fig.equal ? 0.15 : -0.05) : 0);
    const common = { family: 'le' as const, severity: 'warning' as const, empty: 'skip' as const, target: r.id };
    add(ctx, { ...common, check: `${r.id} >= max(${a.id}, ${b.id})`, parts: [a.id, b.id], confidence, evidence });
    add(ctx, { ...common, check: `${r.id} <= ${a.id} + ${b.id}`, parts: [a.id, b.id], confidence, evidence });
  });
}

/** A row that narrows a sibling's wording ("… có phát sinh hồ sơ") is ≤ that sibling. */
function inferNarrowing(ctx: Ctx): void {
  for (const kids of ctx.children.values()) {
    for (const a of kids) {
      if (!isAmount(a)) continue;
      const b = kids.find((s) => s !== a && isAmount(s) && sameUnit(s.unit, a.unit) && extendsLabel(a.label, s.label));
      if (!b) continue;
      add(ctx, {
        family: 'le',
        check: `${a.id} <= ${b.id}`,
        severity: 'warning',
        empty: 'skip',
        target: a.id,
        parts: [a.id, b.id],
        confidence: 0.65,
        evidence: [`${show(a)} ${quote(a)} thu hẹp ${show(b)} ${quote(b)}`],
      });
    }
  }
}

export function inferRules(form: LearnedForm): InferredRule[] {
  const byId = new Map(form.rows.map((r) => [r.id, r]));
  const children = new Map<string | undefined, LearnedRow[]>();
  for (const r of form.rows) {
    const list = children.get(r.parent) ?? [];
    list.push(r);
    children.set(r.parent, list);
  }
  const ctx: Ctx = { form, byId, children, rules: [] };
  inferRatios(ctx);
  inferChildSums(ctx);
  inferSiblingSums(ctx);
  inferAndSums(ctx);
  inferNarrowing(ctx);
  return ctx.rules;
}
