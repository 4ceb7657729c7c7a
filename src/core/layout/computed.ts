/**
 * Rows the workbook computes itself: a percentage defined by a rule `X == ratio(A, B)` or
 * `X == baseline_ratio(base, now)` becomes a formula of its parts, empty while a part is
 * empty or the whole is 0. Sum rows stay typed (officials type their totals; the rule
 * engine checks them).
 */
import type { Expr } from '../rules/expr';
import type { LevelId } from '../template/schema';
import { reportsRow, type LoadedRule, type Template } from '../template/load';

export type Operand = { ref: string } | { num: number };

export interface ComputedRow {
  rowId: string;
  ruleId: string;
  fn: 'ratio' | 'baseline_ratio';
  /** ratio: [part, whole]; baseline_ratio: [base, now]. */
  args: [Operand, Operand];
}

/** Decimals the computed percentage is rounded to. */
export const RATIO_DECIMALS = 2;

function operand(e: Expr): Operand | undefined {
  if (e.type === 'ref' && !e.level) return { ref: e.id };
  if (e.type === 'num') return { num: e.value };
  return undefined;
}

/** `X == ratio(A, B)` (either side) → the computed row, or undefined for any other rule shape. */
export function ratioOfRule(rule: LoadedRule): ComputedRow | undefined {
  const e = rule.expr;
  if (e.type !== 'cmp' || e.op !== '==') return undefined;
  for (const [target, call] of [
    [e.left, e.right],
    [e.right, e.left],
  ] as const) {
    if (target.type !== 'ref' || target.level || call.type !== 'call') continue;
    if (call.fn !== 'ratio' && call.fn !== 'baseline_ratio') continue;
    const a = operand(call.args[0]);
    const b = operand(call.args[1]);
    if (!a || !b) continue;
    return { rowId: target.id, ruleId: rule.id, fn: call.fn, args: [a, b] };
  }
  return undefined;
}

const appliesAt = (rule: LoadedRule, level: LevelId) => !rule.levels || rule.levels.includes(level);

/**
 * The rows this level's workbook computes: the rule applies at the level, the row and
 * every part are rows this level fills in, and no part is the row itself. The first
 * rule wins when several define the same row.
 */
export function computedRows(t: Template, level: LevelId): Map<string, ComputedRow> {
  const out = new Map<string, ComputedRow>();
  const filled = (id: string) => {
    const row = t.rowsById.get(id);
    return !!row && reportsRow(t, row, level);
  };
  for (const rule of t.allRules) {
    if (!appliesAt(rule, level)) continue;
    const c = ratioOfRule(rule);
    if (!c || out.has(c.rowId) || !filled(c.rowId)) continue;
    const refs = c.args.flatMap((a) => ('ref' in a ? [a.ref] : []));
    if (refs.some((r) => r === c.rowId || !filled(r))) continue;
    if (c.fn === 'baseline_ratio' && 'num' in c.args[0] && c.args[0].num === 0) continue;
    out.set(c.rowId, c);
  }
  return out;
}

/**
 * The Excel formula (without `=`) of a computed row, given how to address a row's value
 * cell from the formula's sheet: `IF(OR(D9="",D10="",D9=0),"",ROUND(D10/D9*100,2))`.
 */
export function computedFormula(c: ComputedRow, addressOf: (rowId: string) => string): string {
  const ref = (o: Operand) => ('ref' in o ? addressOf(o.ref) : String(o.num));
  const blanks = (o: Operand) => ('ref' in o ? [`${addressOf(o.ref)}=""`] : []);
  if (c.fn === 'ratio') {
    const [part, whole] = c.args;
    const p = ref(part);
    const w = ref(whole);
    const guard = [...blanks(whole), ...blanks(part), ...('ref' in whole ? [`${w}=0`] : [])];
    const value = `ROUND(${p}/${w}*100,${RATIO_DECIMALS})`;
    return guard.length ? `IF(OR(${guard.join(',')}),"",${value})` : value;
  }
  const [base, now] = c.args;
  const b = ref(base);
  const n = ref(now);
  const guard = [...blanks(base), ...blanks(now), ...('ref' in base ? [`${b}=0`] : [])];
  const value = `ROUND((${b}-${n})/${b}*100,${RATIO_DECIMALS})`;
  return guard.length ? `IF(OR(${guard.join(',')}),"",${value})` : value;
}
