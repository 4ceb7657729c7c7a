/**
 * Which cell of a violated rule is most likely wrong, and what it should hold — in the spirit of
 * R's errorlocate (Fellegi–Holt: the cheapest change that satisfies every rule touching the
 * changed cell) and deductive::correct_typos (one digit inserted, deleted, replaced or two
 * adjacent digits swapped), plus the mistakes officials actually make.
 *
 * Candidates for each cell of the rule: the reading's other readings, known slips (a thousands
 * separator read as a decimal point, a percentage typed as a fraction, a percent cell Excel
 * stored ×100, a count typed into a % row), typo variants, and the value that solves the rule.
 * A candidate is kept when it satisfies the rule and the cell's kind; it ranks first (tier 0)
 * when every rule touching the cell holds, second (tier 1) when it at least breaks no rule that
 * held. Among a tier the cost decides:
 *
 *   weight(cell) − evidence
 *   weight: the % result of a ratio 1 · a total 1,9 · a code 1,5 · any other cell 2
 *   evidence: other reading 1,5 · thousands separator / fraction / ×100 1 · typo swap 0,5 ·
 *             other typo 0,4 · count typed in a % row 0,5 · solving the rule 0
 *
 * So a typed percentage is changed before either of its counts, a total before a part (unless
 * a part has a typo that explains everything), and a slip that explains the numbers beats both.
 * Typo variants are only tried on counts and money with 3 digits or more (2 for a swap), a
 * replaced digit is never the last one (there one edit reaches any nearby value), and, as in
 * correct_typos, a typo counts only when it is the single one (of the strongest kind: swap,
 * then missing/extra digit, then replaced digit) that makes every rule touching its cell hold.
 */
import type { CmpOp, Expr } from './expr';
import { isViolated, type SheetValue } from './formula';
import { ruleFunction } from './functions';
import type { Check } from './lower';
import { describeExpr, fmt, fmtComputed, spansForms, faceValue, describeCondition } from './describe';
import { roundLikeSheet, typedDecimals } from './tolerance';
import type { Suggestion } from '../findings';
import type { Template } from '../template/load';
import type { NumberReading } from '../values';

/** What localisation needs to know about the report being checked. */
export interface EvalContext {
  t: Template;
  /** The reading of a row (primary, as read). */
  reading(id: string): NumberReading | undefined;
  /** The value a row is checked with (after choosing among ambiguous readings). */
  value(id: string): SheetValue;
  /** Template rules (lowered) touching a row. */
  rulesOf(id: string): Check[];
  /** Built-in checks of a row (number, kind domain). */
  rowChecksOf(id: string): Check[];
  /** Position of a row in the template, for stable ordering. */
  order(id: string): number;
}

export type Evidence =
  | 'alternative'
  | 'thousands'
  | 'fraction'
  | 'excel-percent'
  | 'count-in-percent'
  | 'typo-swap'
  | 'typo-insert'
  | 'typo-delete'
  | 'typo-replace'
  | 'solve'
  | 'clear'
  | 'code';

const BONUS: Record<Evidence, number> = {
  alternative: 1.5,
  thousands: 1,
  fraction: 1,
  'excel-percent': 1,
  'count-in-percent': 0.5,
  'typo-swap': 0.5,
  'typo-insert': 0.4,
  'typo-delete': 0.4,
  'typo-replace': 0.4,
  solve: 0,
  clear: 0,
  code: 0,
};

export interface Candidate {
  row: string;
  value: number | null;
  evidence: Evidence;
  /** Why this value (built only for the candidates shown: formatting numbers is not free). */
  reason: () => string;
  tier: number;
  cost: number;
}

type Raw = { value: number | null; evidence: Evidence; reason: () => string };

export interface Localised {
  /** The row most likely wrong. */
  row: string;
  suggestion?: Suggestion;
  /** A second plausible fix on another row, backed by evidence (typo, slip). */
  alternative?: Candidate;
}

type Overrides = Map<string, SheetValue>;

function lookup(ctx: EvalContext, o?: Overrides) {
  return (id: string): SheetValue => (o && o.has(id) ? o.get(id)! : ctx.value(id));
}

export function violatedWith(check: Check, ctx: EvalContext, o?: Overrides): boolean {
  return isViolated(check.violated, lookup(ctx, o));
}

/** Face value for messages and solving: numbers only. */
function faceOf(ctx: EvalContext, o?: Overrides) {
  const l = lookup(ctx, o);
  return (id: string): number | null | string => l(id);
}

// ---- typo variants ----------------------------------------------------------------------------

/** Values one typing slip away from an integer: swap, and for 3+ digits insert/delete/replace. */
export function typoVariants(n: number): { value: number; evidence: Evidence }[] {
  if (!Number.isInteger(n) || n < 0) return [];
  const s = String(n);
  const out = new Map<number, Evidence>();
  const put = (t: string, ev: Evidence) => {
    if (!t || (t.length > 1 && t[0] === '0')) return;
    const v = Number(t);
    if (v !== n && !out.has(v)) out.set(v, ev);
  };
  for (let i = 0; i + 1 < s.length; i++) {
    if (s[i] !== s[i + 1]) put(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2), 'typo-swap');
  }
  if (s.length >= 3) {
    for (let i = 0; i < s.length; i++) put(s.slice(0, i) + s.slice(i + 1), 'typo-delete');
    // Not the last digit: one edit there reaches every value within ±9 and proves nothing.
    for (let i = 0; i + 1 < s.length; i++)
      for (let d = 0; d <= 9; d++) put(s.slice(0, i) + d + s.slice(i + 1), 'typo-replace');
    for (let i = 0; i <= s.length; i++) for (let d = 0; d <= 9; d++) put(s.slice(0, i) + d + s.slice(i), 'typo-insert');
  }
  return [...out].map(([value, evidence]) => ({ value, evidence }));
}

const TYPO_CLASSES: Evidence[][] = [['typo-swap'], ['typo-insert', 'typo-delete'], ['typo-replace']];

const TYPO_REASON: Partial<Record<Evidence, string>> = {
  'typo-swap': 'có thể gõ đảo hai chữ số',
  'typo-insert': 'có thể gõ thiếu một chữ số',
  'typo-delete': 'có thể gõ thừa một chữ số',
  'typo-replace': 'có thể gõ nhầm một chữ số',
};

// ---- solving a rule for one cell ----------------------------------------------------------------

function occurrences(e: Expr, id: string): number {
  switch (e.type) {
    case 'ref':
      return e.id === id ? 1 : 0;
    case 'call':
      return e.args.reduce((s, a) => s + occurrences(a, id), 0);
    case 'bin':
    case 'cmp':
    case 'logic':
      return occurrences(e.left, id) + occurrences(e.right, id);
    case 'neg':
    case 'not':
      return occurrences(e.arg, id);
    default:
      return 0;
  }
}

/** The value of `id` making `e` equal `target`, others fixed; undefined when not solvable. */
export function solveFor(e: Expr, id: string, target: number, face: (x: Expr) => number | null): number | undefined {
  switch (e.type) {
    case 'ref':
      return e.id === id ? target : undefined;
    case 'neg':
      return solveFor(e.arg, id, -target, face);
    case 'bin': {
      const inLeft = occurrences(e.left, id) > 0;
      const other = face(inLeft ? e.right : e.left);
      if (other === null) return undefined;
      const sub = inLeft ? e.left : e.right;
      switch (e.op) {
        case '+':
          return solveFor(sub, id, target - other, face);
        case '-':
          return solveFor(sub, id, inLeft ? target + other : other - target, face);
        case '*':
          return other === 0 ? undefined : solveFor(sub, id, target / other, face);
        case '/':
          if (inLeft) return solveFor(sub, id, target * other, face);
          return target === 0 ? undefined : solveFor(sub, id, other / target, face);
      }
      return undefined;
    }
    case 'call': {
      const idx = e.args.findIndex((a) => occurrences(a, id) > 0);
      if (idx < 0) return undefined;
      const others = e.args.map((a, i) => (i === idx ? 0 : face(a)));
      if (others.some((v) => v === null)) return undefined;
      const solved = ruleFunction(e.fn)?.solve?.(idx, target, others as number[]);
      return solved === undefined || !Number.isFinite(solved) ? undefined : solveFor(e.args[idx], id, solved, face);
    }
    default:
      return undefined;
  }
}

/** Every comparison inside a condition (through and/or/not/=>). */
function comparisons(e: Expr): { op: CmpOp; left: Expr; right: Expr }[] {
  if (e.type === 'cmp') return [{ op: e.op, left: e.left, right: e.right }];
  if (e.type === 'logic') return [...comparisons(e.left), ...comparisons(e.right)];
  if (e.type === 'not') return comparisons(e.arg);
  return [];
}

// ---- candidates ------------------------------------------------------------------------------

function weightOf(ctx: EvalContext, check: Check, id: string): number {
  const row = ctx.t.rowsById.get(id);
  if (ctx.value(id) === null) return 2;
  const shape = check.shape;
  if (row?.kind === 'percent') return shape.type === 'ratio' && shape.result === id ? 1 : 2;
  if (row?.kind === 'code') return 1.5;
  if (shape.type === 'total' && shape.total === id) return 1.9;
  return 2;
}

function kindOk(ctx: EvalContext, id: string, v: number | null): boolean {
  const o: Overrides = new Map([[id, v]]);
  return ctx.rowChecksOf(id).every((c) => c.kind === 'applicability' || !violatedWith(c, ctx, o));
}

/** Raw candidate values for a cell of a violated rule (not yet validated). */
function rawCandidates(ctx: EvalContext, check: Check, id: string): Raw[] {
  const t = ctx.t;
  const row = t.rowsById.get(id);
  const cur = ctx.value(id);
  const reading = ctx.reading(id);
  const out: Raw[] = [];
  if (typeof cur === 'string') return out;
  if (check.emptyRefs.includes(id)) {
    if (cur !== null) out.push({ value: null, evidence: 'clear', reason: () => 'để trống' });
    return out;
  }
  const face = faceOf(ctx);
  const emptyAsZero = check.rule?.empty !== 'skip';
  const faceExpr = (x: Expr) => faceValue(x, face, emptyAsZero);
  const shape = check.shape;
  const isResult = shape.type === 'ratio' && shape.result === id;

  for (const alt of reading?.alternatives ?? []) {
    if (alt !== cur)
      out.push({ value: alt, evidence: 'alternative', reason: () => `đọc «${reading!.raw}» là ${fmt(alt)}` });
  }
  if (typeof cur === 'number') {
    if (row?.kind === 'count' && !Number.isInteger(cur) && typedDecimals(cur) === 3) {
      // 2.531 read as two point five three one: the mark was a thousands separator.
      const k = Math.round(cur * 1000);
      const mark = /[.,]/.exec(reading?.raw ?? '')?.[0] ?? '.';
      out.push({
        value: k,
        evidence: 'thousands',
        reason: () => `dấu «${mark}» trong «${reading?.raw ?? fmt(cur)}» là dấu phân cách hàng nghìn: ${fmt(k)}`,
      });
    }
    if (row?.kind === 'money' && cur !== 0) {
      out.push({
        value: roundLikeSheet(cur * 1000, 6),
        evidence: 'thousands',
        reason: () => 'nhầm dấu phân cách hàng nghìn với dấu thập phân',
      });
      out.push({
        value: roundLikeSheet(cur / 1000, 6),
        evidence: 'thousands',
        reason: () => 'nhầm dấu phân cách hàng nghìn với dấu thập phân',
      });
    }
    if (row?.kind === 'percent' && cur > 0 && cur <= 1) {
      const v = roundLikeSheet(cur * 100, 6);
      out.push({
        value: v,
        evidence: 'fraction',
        reason: () => `tỷ lệ gõ dạng phân số (${fmt(cur)} thay vì ${fmt(v)})`,
      });
    }
    if (row?.kind === 'percent' && cur > 100 && cur / 100 <= 100) {
      const v = roundLikeSheet(cur / 100, 6);
      // Only a cell Excel formatted as % is known to have multiplied by 100; otherwise say it as a guess.
      const formatted = reading?.flags.includes('excel-percent') ?? false;
      out.push({
        value: v,
        evidence: 'excel-percent',
        reason: () =>
          formatted
            ? `ô định dạng % nên số bị nhân 100 (${fmt(cur)}% thay vì ${fmt(v)}%)`
            : `tỷ lệ không vượt quá 100%: có thể số đã bị nhân 100 (${fmt(cur)} thay vì ${fmt(v)})`,
      });
    }
    if (!isResult && (row?.kind === 'count' || row?.kind === 'money')) {
      for (const v of typoVariants(cur))
        out.push({
          value: v.value,
          evidence: v.evidence,
          reason: () => `${TYPO_REASON[v.evidence]} (${fmt(cur)} → ${fmt(v.value)})`,
        });
    }
  }
  if (row?.kind === 'code') {
    for (const c of row.codes ?? [])
      if (c.value !== cur) out.push({ value: c.value, evidence: 'code', reason: () => `mã ${c.value} (${c.label})` });
  }

  // The value that solves the rule.
  const withForm = spansForms(t, check.cells);
  if (isResult && shape.type === 'ratio') {
    const x = faceExpr(shape.computed);
    if (x !== null) {
      const v = roundLikeSheet(x, 2);
      const den = faceExpr(shape.denominator);
      const arith = () =>
        den === 0
          ? `mẫu số bằng 0 nên tỷ lệ là 0 (hoặc để trống)`
          : `${describeExpr(t, shape.computed, face, { withForm, emptyAsZero }).values} = ${fmtComputed(x)}%`;
      const countCells = check.valueRefs.filter((r) => r !== id && t.rowsById.get(r)?.kind === 'count');
      const typedCount = typeof cur === 'number' && cur !== v && countCells.some((r) => face(r) === cur);
      out.push(
        typedCount
          ? {
              value: v,
              evidence: 'count-in-percent',
              reason: () => `ô tỷ lệ đang ghi số lượng (${fmt(cur as number)}) thay vì tỷ lệ; ${arith()}`,
            }
          : { value: v, evidence: 'solve', reason: arith },
      );
    }
    return out;
  }
  if (shape.type === 'total' && shape.total === id) {
    const x = faceExpr(shape.computed);
    if (x !== null) {
      out.push({
        value: roundLikeSheet(x, 6),
        evidence: 'solve',
        reason: () => `${describeExpr(t, shape.computed, face, { withForm, emptyAsZero }).values} = ${fmtComputed(x)}`,
      });
    }
    return out;
  }
  if (!check.rule) return out;
  for (const cmp of comparisons(check.rule.expr)) {
    const inLeft = occurrences(cmp.left, id);
    const inRight = occurrences(cmp.right, id);
    if (inLeft + inRight !== 1) continue;
    const target = faceExpr(inLeft ? cmp.right : cmp.left);
    if (target === null) continue;
    const s = solveFor(inLeft ? cmp.left : cmp.right, id, target, faceExpr);
    if (s === undefined || !Number.isFinite(s)) continue;
    const reason = () =>
      `để ${describeCondition(t, { type: 'cmp', op: cmp.op, left: cmp.left, right: cmp.right }, withForm)}`;
    const values =
      row?.kind === 'count' || row?.kind === 'code'
        ? [Math.floor(s + 1e-9), Math.ceil(s - 1e-9)]
        : row?.kind === 'percent'
          ? [roundLikeSheet(s, 2), roundLikeSheet(s, 6)]
          : [roundLikeSheet(s, 6)];
    for (const v of new Set(values)) out.push({ value: v, evidence: 'solve', reason });
  }
  return out;
}

/** Validated, ranked candidates for every cell of a violated rule. */
export function candidates(ctx: EvalContext, check: Check): Candidate[] {
  let out: Candidate[] = [];
  for (const id of check.cells) {
    // A formula's result is fixed through the cells that feed it, never overwritten.
    if (ctx.reading(id)?.formula !== undefined) continue;
    const rules = ctx.rulesOf(id);
    const before = new Map(rules.map((r) => [r, violatedWith(r, ctx)]));
    const tried = new Set<number | null>();
    for (const c of rawCandidates(ctx, check, id)) {
      if (c.value === ctx.value(id)) continue;
      if (c.value !== null && (c.value < 0 || !Number.isFinite(c.value))) continue;
      const o: Overrides = new Map([[id, c.value]]);
      if (tried.has(c.value) && !out.some((x) => x.row === id && x.value === c.value)) continue;
      tried.add(c.value);
      if (violatedWith(check, ctx, o)) continue;
      if (!kindOk(ctx, id, c.value)) continue;
      let tier = 0;
      for (const r of rules) {
        if (r === check || !violatedWith(r, ctx, o)) continue;
        if (!before.get(r)) {
          tier = 2;
          break;
        }
        tier = 1;
      }
      if (tier > 1) continue;
      out.push({
        row: id,
        value: c.value,
        evidence: c.evidence,
        reason: c.reason,
        tier,
        cost: weightOf(ctx, check, id) - BONUS[c.evidence],
      });
    }
  }
  const rank = (c: Candidate) => Object.keys(BONUS).indexOf(c.evidence);
  // A typo is evidence only when it is the one slip that repairs everything: keep the single
  // candidate of the strongest kind (swap, then missing/extra digit, then replaced digit).
  const isTypo = (c: Candidate) => c.evidence.startsWith('typo');
  let kept: Candidate | undefined;
  for (const cls of TYPO_CLASSES) {
    const inClass = out.filter((c) => c.tier === 0 && cls.includes(c.evidence));
    if (inClass.length) {
      if (inClass.length === 1) kept = inClass[0];
      break;
    }
  }
  out = out.filter((c) => !isTypo(c) || c === kept);
  out.sort(
    (a, b) =>
      a.tier - b.tier ||
      a.cost - b.cost ||
      rank(a) - rank(b) ||
      ctx.order(a.row) - ctx.order(b.row) ||
      Number(a.value) - Number(b.value),
  );
  // One entry per row and value: the best-ranked reason.
  const seen = new Set<string>();
  return out.filter((c) => {
    const k = `${c.row}=${c.value}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The row to blame for a violated rule, the value to suggest, and a runner-up with evidence. */
export function localizeRule(ctx: EvalContext, check: Check): Localised {
  const cands = candidates(ctx, check);
  const best = cands[0];
  if (!best) {
    // No single change repairs it: blame the cheapest cell.
    const cost = (id: string) => weightOf(ctx, check, id) + (ctx.reading(id)?.formula !== undefined ? 10 : 0);
    const ranked = [...check.cells].sort((a, b) => cost(a) - cost(b) || ctx.order(a) - ctx.order(b));
    return { row: ranked[0] };
  }
  const alternative = cands.find(
    (c) => c.row !== best.row && c.tier === 0 && BONUS[c.evidence] > 0 && c.cost <= best.cost + 1,
  );
  return {
    row: best.row,
    suggestion: { row: best.row, value: best.value, reason: best.reason() },
    ...(alternative ? { alternative } : {}),
  };
}

/** A suggestion for a row whose value breaks its kind (2.531 in a count row, 9960 in a % row). */
export function suggestForRow(ctx: EvalContext, check: Check): Suggestion | undefined {
  const id = check.row!;
  if (ctx.reading(id)?.formula !== undefined) return undefined;
  const cur = ctx.value(id);
  if (typeof cur !== 'number') return undefined;
  const pseudo: Check = { ...check, emptyRefs: [], shape: { type: 'logic' } };
  const rules = ctx.rulesOf(id);
  const before = new Map(rules.map((r) => [r, violatedWith(r, ctx)]));
  let best: { c: Raw; tier: number; cost: number } | undefined;
  for (const c of rawCandidates(ctx, pseudo, id)) {
    if (
      c.value === null ||
      c.value === cur ||
      c.evidence === 'solve' ||
      c.evidence.startsWith('typo') ||
      c.evidence === 'code'
    )
      continue;
    if (!kindOk(ctx, id, c.value)) continue;
    const o: Overrides = new Map([[id, c.value]]);
    let tier = 0;
    for (const r of rules) {
      if (!violatedWith(r, ctx, o)) continue;
      tier = before.get(r) ? Math.max(tier, 1) : 2;
    }
    if (tier > 1) continue;
    const cost = -BONUS[c.evidence];
    if (!best || tier < best.tier || (tier === best.tier && cost < best.cost)) best = { c, tier, cost };
  }
  return best ? { row: id, value: best.c.value, reason: best.c.reason() } : undefined;
}
