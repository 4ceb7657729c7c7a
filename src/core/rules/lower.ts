/**
 * Lowering: a template rule (or a built-in check of one row) → a formula tree (formula.ts)
 * that is TRUE when the check is violated. The semantics live here, once:
 *
 * - Values: counts and codes are exact; a percent or money cell stands for the interval
 *   value ± ½·10^-d (tolerance.ts). Arithmetic carries intervals: sums as midpoint ± radius,
 *   ratios as [lo, hi]. A comparison passes when the intervals can satisfy it (XBRL
 *   Calculations 1.1 style), with a slack of SLACK.
 * - Functions (ratio, baseline_ratio, sum, min, max, abs) take their interval form from
 *   functions.ts; over a zero denominator a ratio compares as its `undefinedAs` (0): a percentage
 *   over a zero denominator must be empty (the rule is then skipped) or 0.
 * - Empty cells, by the rule's `empty`: `skip` — not checked while a cell it reads is not a
 *   number; `zero` — empty reads as 0; `skip-if-all` — skipped when every cell it reads is
 *   empty, else empty reads as 0. Cells only tested by empty()/filled() do not count. Text
 *   that is not a number always skips the rule (it gets its own finding).
 * - Negation is pushed down to comparisons (`not (a == b)` → `a != b`, `A => B` → `not A or B`),
 *   each comparison keeping the "can be satisfied" reading.
 */
import { definitionOf, printExpr, type CmpOp, type Expr } from './expr';
import { FALSE_F, TRUE_F, abs, add, and, bin, call, ifF, neg, not, num, or, sub, type F } from './formula';
import { ruleFunction } from './functions';
import { exactN, lowerArith, toLH, type Num } from './interval';
import { HALF_WIDTHS, MAX_TYPED_DECIMALS, SLACK } from './tolerance';
import { rowLevels } from '../template/rows';
import type { LoadedRule, Template } from '../template/load';
import type { EmptyTreatment, LevelId, RowDef, Severity } from '../template/schema';

export class RuleError extends Error {
  constructor(
    readonly ruleId: string,
    message: string,
  ) {
    super(`Quy tắc «${ruleId}»: ${message}`);
    this.name = 'RuleError';
  }
}

/**
 * The shape of a rule, for messages and for localising the cell to fix. `when`: the condition
 * of `A => B` when B has one of these shapes (the rule is then violated only when A holds).
 */
export type Shape =
  /** `P == ratio(a, b)`, `P == baseline_ratio(base, now)`: a function with a denominator (either side). */
  | { type: 'ratio'; result: string; fn: string; args: Expr[]; denominator: Expr; computed: Expr; when?: Expr }
  /** `T == a + b + …` (either side): T is a single row, the other side a sum. */
  | { type: 'total'; total: string; parts: Expr[]; computed: Expr; when?: Expr }
  /** Any other comparison. */
  | { type: 'cmp'; op: CmpOp; left: Expr; right: Expr; when?: Expr }
  /** and / or / not / empty(), and conditions whose consequence is one of those. */
  | { type: 'logic' };

export type CheckKind = 'rule' | 'domain' | 'number' | 'applicability';

/** One check, lowered: a template rule or a built-in check of one row. */
export interface Check {
  /** Unique key: the rule id, or `domain:count@BM1:2.1` for built-in checks. */
  key: string;
  /** The rule id findings carry. */
  ruleId: string;
  kind: CheckKind;
  severity: Severity;
  /** Every row read. */
  cells: string[];
  /** Rows read as numbers. */
  valueRefs: string[];
  /** Rows only tested for emptiness. */
  emptyRefs: string[];
  /** TRUE when the check is violated: IF(guard, NOT(pass), FALSE()). */
  violated: F;
  /** When the check is evaluated at all (its cells are filled as its empty treatment asks). */
  guard: F;
  /** The condition itself. */
  pass: F;
  rule?: LoadedRule;
  /** Built-in checks: the row checked. */
  row?: string;
  shape: Shape;
}

// ---- numbers --------------------------------------------------------------------------------

/** ½·10^-d of a typed value, as nested IFs over d = 0…MAX_TYPED_DECIMALS (tolerance.ts). */
export function halfWidthF(x: F): F {
  let acc: F = num(0);
  for (let k = MAX_TYPED_DECIMALS; k >= 0; k--)
    acc = ifF(bin('=', call('ROUND', x, num(k)), x), num(HALF_WIDTHS[k]), acc);
  return acc;
}

/** Whether a row's values stand for intervals (typed with a precision) or exact numbers. */
export function isInexact(row: RowDef | undefined): boolean {
  return row?.kind === 'percent' || row?.kind === 'money';
}

interface Ctx {
  t: Template;
  ruleId: string;
  /** How a row is read as a number in this rule (`val` under skip, `n` otherwise). */
  read: (id: string) => F;
  /** Face values only (no intervals): for the zero test of a denominator. */
  faceOnly: boolean;
}

function lowerNum(e: Expr, ctx: Ctx): Num {
  switch (e.type) {
    case 'num':
      return exactN(num(e.value));
    case 'ref': {
      if (e.level)
        throw new RuleError(
          ctx.ruleId,
          `không dùng được tham chiếu theo cấp «${e.level}.${e.id}» trong quy tắc kiểm tra`,
        );
      const x = ctx.read(e.id);
      if (!ctx.faceOnly && isInexact(ctx.t.rowsById.get(e.id))) return { k: 'mr', c: x, r: halfWidthF(x) };
      return exactN(x);
    }
    case 'neg': {
      const a = lowerNum(e.arg, ctx);
      if (a.k === 'exact') return exactN(neg(a.f));
      if (a.k === 'mr') return { k: 'mr', c: neg(a.c), r: a.r };
      return { k: 'lh', lo: neg(a.hi), hi: neg(a.lo) };
    }
    case 'bin':
      return lowerArith(e.op, lowerNum(e.left, ctx), lowerNum(e.right, ctx));
    case 'call':
      return lowerCall(e, ctx);
    default:
      throw new RuleError(ctx.ruleId, `«${printExpr(e)}» không phải là một số`);
  }
}

function lowerCall(e: Expr & { type: 'call' }, ctx: Ctx): Num {
  const spec = ruleFunction(e.fn);
  if (!spec?.interval || spec.check !== 'value')
    throw new RuleError(
      ctx.ruleId,
      `hàm «${e.fn}» không dùng được trong quy tắc kiểm tra (chỉ dùng trong công thức tổng hợp) hoặc không trả về số`,
    );
  const args = e.args.map((a) => lowerNum(a, ctx));
  let zero: F | undefined;
  if (spec.denominator !== undefined) {
    const d = args[spec.denominator];
    zero = bin('=', d.k === 'exact' ? d.f : faceOf(e.args[spec.denominator], ctx), num(0));
  }
  return spec.interval(args, zero);
}

function faceOf(e: Expr, ctx: Ctx): F {
  const n = lowerNum(e, { ...ctx, faceOnly: true });
  return (n as { f: F }).f;
}

// ---- conditions ------------------------------------------------------------------------------

const NEGATE: Record<string, '==' | '!=' | '<' | '<=' | '>' | '>='> = {
  '==': '!=',
  '!=': '==',
  '<': '>=',
  '>=': '<',
  '>': '<=',
  '<=': '>',
};
const SLACK_F = num(SLACK);

function lowerCmp(op: string, l: Num, r: Num): F {
  if (l.k === 'exact' && r.k === 'exact') {
    const d = sub(l.f, r.f);
    switch (op) {
      case '==':
        return bin('<=', abs(d), SLACK_F);
      case '!=':
        return bin('>', abs(d), SLACK_F);
      case '<=':
        return bin('<=', d, SLACK_F);
      case '>=':
        return bin('<=', sub(r.f, l.f), SLACK_F);
      case '<':
        return bin('<', d, num(-SLACK));
      case '>':
        return bin('<', sub(r.f, l.f), num(-SLACK));
    }
  }
  if (l.k !== 'lh' && r.k !== 'lh') {
    // Midpoint ± radius on both sides: D = cL − cR, Rad = rL + rR.
    const lc = l.k === 'exact' ? l.f : l.c;
    const rc = r.k === 'exact' ? r.f : r.c;
    const rad = l.k === 'mr' && r.k === 'mr' ? add(l.r, r.r) : l.k === 'mr' ? l.r : (r as { r: F }).r;
    const radS = add(rad, SLACK_F);
    switch (op) {
      case '==':
        return bin('<=', abs(sub(lc, rc)), radS);
      case '!=':
        return bin('>', add(abs(sub(lc, rc)), rad), SLACK_F);
      case '<=':
        return bin('<=', sub(lc, rc), radS);
      case '>=':
        return bin('<=', sub(rc, lc), radS);
      case '<':
        return bin('<', sub(lc, rc), sub(rad, SLACK_F));
      case '>':
        return bin('<', sub(rc, lc), sub(rad, SLACK_F));
    }
  }
  const a = toLH(l);
  const b = toLH(r);
  switch (op) {
    case '==':
      return and(bin('<=', sub(a.lo, b.hi), SLACK_F), bin('<=', sub(b.lo, a.hi), SLACK_F));
    case '!=':
      return not(and(bin('<=', sub(a.hi, b.lo), SLACK_F), bin('<=', sub(b.hi, a.lo), SLACK_F)));
    case '<=':
      return bin('<=', sub(a.lo, b.hi), SLACK_F);
    case '>=':
      return bin('<=', sub(b.lo, a.hi), SLACK_F);
    case '<':
      return bin('<', sub(a.lo, b.hi), num(-SLACK));
    case '>':
      return bin('<', sub(b.lo, a.hi), num(-SLACK));
  }
  throw new Error(`unknown comparison ${op}`);
}

function lowerBool(e: Expr, negated: boolean, ctx: Ctx): F {
  switch (e.type) {
    case 'cmp': {
      const op = negated ? NEGATE[e.op] : e.op;
      return lowerCmp(op, lowerNum(e.left, ctx), lowerNum(e.right, ctx));
    }
    case 'not':
      return lowerBool(e.arg, !negated, ctx);
    case 'logic': {
      if (e.op === '=>') {
        // A => B ≡ (not A) or B; negated: A and not B.
        return negated
          ? and(lowerBool(e.left, false, ctx), lowerBool(e.right, true, ctx))
          : or(lowerBool(e.left, true, ctx), lowerBool(e.right, false, ctx));
      }
      const isAnd = (e.op === 'and') !== negated;
      const l = lowerBool(e.left, negated, ctx);
      const r = lowerBool(e.right, negated, ctx);
      return isAnd ? and(l, r) : or(l, r);
    }
    case 'call':
      if (e.fn === 'empty' || e.fn === 'filled') {
        const ids = refIds(e.args[0]);
        if (ids.length === 0) throw new RuleError(ctx.ruleId, `«${printExpr(e)}» phải nhận một chỉ tiêu`);
        const wantEmpty = (e.fn === 'empty') !== negated;
        const tests = ids.map((id) => ({ t: 'isempty', id }) as F);
        // empty(x) of several rows: all empty; filled: not all empty.
        return wantEmpty ? and(...tests) : not(and(...tests));
      }
      break;
    default:
      break;
  }
  throw new RuleError(ctx.ruleId, `«${printExpr(e)}» không phải là một điều kiện (thiếu ==, <=, empty(…)…)`);
}

function refIds(e: Expr): string[] {
  const out: string[] = [];
  const walk = (x: Expr): void => {
    if (x.type === 'ref') out.push(x.id);
    else if (x.type === 'call') x.args.forEach(walk);
    else if (x.type === 'bin' || x.type === 'cmp' || x.type === 'logic') {
      walk(x.left);
      walk(x.right);
    } else if (x.type === 'neg' || x.type === 'not') walk(x.arg);
  };
  walk(e);
  return [...new Set(out)];
}

/** Rows a rule reads as numbers (not those only inside empty()/filled()). */
export function valueRefsOf(e: Expr): string[] {
  const out: string[] = [];
  const walk = (x: Expr): void => {
    if (x.type === 'ref') out.push(x.id);
    else if (x.type === 'call') {
      if (x.fn === 'empty' || x.fn === 'filled') return;
      x.args.forEach(walk);
    } else if (x.type === 'bin' || x.type === 'cmp' || x.type === 'logic') {
      walk(x.left);
      walk(x.right);
    } else if (x.type === 'neg' || x.type === 'not') walk(x.arg);
  };
  walk(e);
  return [...new Set(out)];
}

/** The guard: when the rule is evaluated at all, by its empty-cell treatment. */
function guardOf(valueRefs: string[], empty: EmptyTreatment): F {
  const isnum = (id: string): F => ({ t: 'isnum', id });
  const isempty = (id: string): F => ({ t: 'isempty', id });
  if (empty === 'skip')
    return valueRefs.length > 1
      ? bin('=', { t: 'count', ids: valueRefs }, num(valueRefs.length))
      : and(...valueRefs.map(isnum));
  const readable = and(...valueRefs.map((id) => or(isnum(id), isempty(id))));
  if (empty === 'zero') return readable;
  return and(readable, or(...valueRefs.map(isnum)));
}

function sumParts(e: Expr): Expr[] | undefined {
  if (e.type === 'bin' && e.op === '+') {
    const l = sumParts(e.left);
    const r = sumParts(e.right);
    return l && r ? [...l, ...r] : undefined;
  }
  if (e.type === 'call' && e.fn === 'sum') {
    const parts: Expr[] = [];
    for (const a of e.args) {
      const p = sumParts(a);
      if (!p) return undefined;
      parts.push(...p);
    }
    return parts;
  }
  if (e.type === 'ref' || e.type === 'num') return [e];
  return undefined;
}

export function shapeOf(e: Expr): Shape {
  if (e.type === 'logic' && e.op === '=>') {
    const inner = shapeOf(e.right);
    return inner.type === 'logic' || inner.when ? { type: 'logic' } : { ...inner, when: e.left };
  }
  if (e.type !== 'cmp') return { type: 'logic' };
  const def = definitionOf(e);
  if (def) {
    const b = def.value;
    const spec = b.type === 'call' ? ruleFunction(b.fn) : undefined;
    if (b.type === 'call' && spec?.denominator !== undefined) {
      return {
        type: 'ratio',
        result: def.row,
        fn: b.fn,
        args: b.args,
        denominator: b.args[spec.denominator],
        computed: b,
      };
    }
    const parts = sumParts(b);
    if (parts && parts.length >= 2) return { type: 'total', total: def.row, parts, computed: b };
  }
  return { type: 'cmp', op: e.op, left: e.left, right: e.right };
}

/** Lowers one template rule. Throws RuleError (Vietnamese) when the rule cannot be checked. */
export function lowerRule(t: Template, rule: LoadedRule): Check {
  const valueRefs = valueRefsOf(rule.expr);
  const emptyRefs = rule.rowIds.filter((id) => !valueRefs.includes(id));
  const read = (id: string): F => (rule.empty === 'skip' ? { t: 'val', id } : { t: 'n', id });
  const ctx: Ctx = { t, ruleId: rule.id, read, faceOnly: false };
  const pass = lowerBool(rule.expr, false, ctx);
  const guard = guardOf(valueRefs, rule.empty);
  return {
    key: rule.id,
    ruleId: rule.id,
    kind: 'rule',
    severity: rule.severity,
    cells: rule.rowIds,
    valueRefs,
    emptyRefs,
    violated: guard.t === 'bool' && guard.v ? not(pass) : ifF(guard, not(pass), FALSE_F),
    guard,
    pass,
    rule,
    shape: shapeOf(rule.expr),
  };
}

export const appliesAt = (rule: { levels?: LevelId[] }, level: LevelId): boolean =>
  !rule.levels || rule.levels.includes(level);

/** Built-in checks of one row at a level: number, domain of its kind, applicability. */
export function rowChecks(t: Template, row: RowDef, level: LevelId): Check[] {
  const id = row.id;
  const out: Check[] = [];
  const v: F = { t: 'val', id };
  const isnum: F = { t: 'isnum', id };
  const isempty: F = { t: 'isempty', id };
  const base = { cells: [id], valueRefs: [id], emptyRefs: [], row: id, shape: { type: 'logic' } as Shape };
  const applicable = rowLevels(t, row).includes(level);
  if (row.kind === 'group' || !applicable) {
    out.push({
      ...base,
      key: `applicability@${id}`,
      ruleId: 'applicability',
      kind: 'applicability',
      severity: row.kind === 'group' && applicable ? 'info' : 'warning',
      valueRefs: [],
      emptyRefs: [id],
      violated: not(isempty),
      guard: TRUE_F,
      pass: isempty,
    });
  }
  if (row.kind === 'group' || row.kind === 'text') return out;
  out.push({
    ...base,
    key: `domain:number@${id}`,
    ruleId: 'domain:number',
    kind: 'number',
    severity: 'error',
    violated: and(not(isnum), not(isempty)),
    guard: not(isempty),
    pass: isnum,
  });
  let bad: F | undefined;
  switch (row.kind) {
    case 'count':
      bad = or(bin('<', v, num(0)), bin('<>', v, call('INT', v)));
      break;
    case 'money':
      bad = bin('<', v, num(0));
      break;
    case 'percent':
      bad = or(bin('<', v, num(0)), bin('>', v, num(100)));
      break;
    case 'code':
      bad = and(...(row.codes ?? []).map((c) => bin('<>', v, num(c.value))));
      break;
  }
  if (bad)
    out.push({
      ...base,
      key: `domain:${row.kind}@${id}`,
      ruleId: `domain:${row.kind}`,
      kind: 'domain',
      severity: 'error',
      violated: ifF(isnum, bad, FALSE_F),
      guard: isnum,
      pass: not(bad),
    });
  return out;
}
