/** Ratio and sum rules reduced to comparable keys (`ratio T N D`, `sum T a+b+c`), whatever their written form. */
import { parseExpr, type Expr } from '../../src/core/rules/expr';

function refs(e: Expr): string[] | undefined {
  if (e.type === 'ref') return [e.id];
  if (e.type === 'bin' && e.op === '+') {
    const a = refs(e.left);
    const b = refs(e.right);
    return a && b ? [...a, ...b] : undefined;
  }
  return undefined;
}

/** The `T == ratio(N, D)` or `T == a + b …` inside a check (also behind `… =>`); undefined for other rules. */
export function ruleKey(check: string, map: (id: string) => string | undefined = (x) => x): string | undefined {
  const walk = (e: Expr): string | undefined => {
    if (e.type === 'logic') return e.op === '=>' ? walk(e.right) : undefined;
    if (e.type !== 'cmp' || e.op !== '==' || e.left.type !== 'ref') return undefined;
    const t = map(e.left.id);
    if (!t) return undefined;
    const r = e.right;
    if (r.type === 'call' && r.fn === 'ratio' && r.args.every((a) => a.type === 'ref')) {
      const [n, d] = r.args.map((a) => map((a as { id: string }).id));
      return n && d ? `ratio ${t} ${n} ${d}` : undefined;
    }
    const parts = refs(r);
    if (!parts || parts.length < 2) return undefined;
    const mapped = parts.map(map);
    if (mapped.some((x) => !x)) return undefined;
    return `sum ${t} ${[...mapped].sort().join('+')}`;
  };
  return walk(parseExpr(check));
}
