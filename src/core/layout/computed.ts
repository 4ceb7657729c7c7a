/**
 * Rows the workbook computes itself: a row defined by a rule `X == f(A, B)` (either way round)
 * whose function has an Excel formula in the function table (ratio, baseline_ratio) becomes a
 * formula of its parts, empty while a part is empty or the denominator is 0 (the table's
 * undefined value). Sum rows stay typed (officials type their totals; the rule engine checks them).
 */
import { definitionOf, type Expr } from '../rules/expr';
import { ruleFunction } from '../rules/functions';
import type { LevelId } from '../template/schema';
import { reportsRow, type LoadedRule, type Template } from '../template/load';

export type Operand = { ref: string } | { num: number };

export interface ComputedRow {
  rowId: string;
  ruleId: string;
  /** A function of the table with an Excel formula: `ratio`, `baseline_ratio`. */
  fn: string;
  /** ratio: [part, whole]; baseline_ratio: [base, now]. */
  args: Operand[];
}

export { RATIO_DECIMALS } from '../rules/functions';

function operand(e: Expr): Operand | undefined {
  if (e.type === 'ref' && !e.level) return { ref: e.id };
  if (e.type === 'num') return { num: e.value };
  return undefined;
}

/** `X == ratio(A, B)` (either side) → the computed row, or undefined for any other rule shape. */
export function ratioOfRule(rule: LoadedRule): ComputedRow | undefined {
  const def = definitionOf(rule.expr);
  const call = def?.value;
  if (!def || call?.type !== 'call' || !ruleFunction(call.fn)?.excel) return undefined;
  const args = call.args.map(operand);
  if (args.some((a) => !a)) return undefined;
  return { rowId: def.row, ruleId: rule.id, fn: call.fn, args: args as Operand[] };
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
    const den = ruleFunction(c.fn)!.denominator;
    const d = den === undefined ? undefined : c.args[den];
    if (d && 'num' in d && d.num === 0) continue;
    out.set(c.rowId, c);
  }
  return out;
}

/**
 * The Excel formula (without `=`) of a computed row, given how to address a row's value
 * cell from the formula's sheet: `IF(OR(D9="",D10="",D9=0),"",ROUND(D10/D9*100,2))`.
 */
export function computedFormula(c: ComputedRow, addressOf: (rowId: string) => string): string {
  const spec = ruleFunction(c.fn)!;
  const ref = (o: Operand) => ('ref' in o ? addressOf(o.ref) : String(o.num));
  const den = spec.denominator === undefined ? undefined : c.args[spec.denominator];
  const blanks = [den, ...c.args.filter((a) => a !== den)].flatMap((o) => (o && 'ref' in o ? [`${ref(o)}=""`] : []));
  const guard = [...blanks, ...(den && 'ref' in den ? [`${ref(den)}=0`] : [])];
  const value = spec.excel!(c.args.map(ref));
  return guard.length ? `IF(OR(${guard.join(',')}),"",${value})` : value;
}
