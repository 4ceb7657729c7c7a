/**
 * Interval arithmetic on formula trees (formula.ts): a value read from a cell is exact (counts,
 * codes), a midpoint ± radius (a typed percent or money value, tolerance.ts) or a [lo, hi] range
 * (anything computed from those). The rule functions (functions.ts) and the lowering (lower.ts)
 * build their interval forms with these.
 */
import { add, bin, call, mul, num, sub, type F } from './formula';

export type Num = { k: 'exact'; f: F } | { k: 'mr'; c: F; r: F } | { k: 'lh'; lo: F; hi: F };

export const exactN = (f: F): Num => ({ k: 'exact', f });

export function toLH(n: Num): { lo: F; hi: F } {
  if (n.k === 'exact') return { lo: n.f, hi: n.f };
  if (n.k === 'mr') return { lo: sub(n.c, n.r), hi: add(n.c, n.r) };
  return n;
}

/** a op b on intervals; × and ÷ by a constant keep the form, otherwise the four corners. */
export function lowerArith(op: '+' | '-' | '*' | '/', l: Num, r: Num): Num {
  if (l.k === 'exact' && r.k === 'exact') return exactN(bin(op, l.f, r.f));
  if (op === '+' || op === '-') {
    if (l.k !== 'lh' && r.k !== 'lh') {
      const lc = l.k === 'exact' ? l.f : l.c;
      const rc = r.k === 'exact' ? r.f : r.c;
      const lr = l.k === 'mr' ? l.r : undefined;
      const rr = r.k === 'mr' ? r.r : undefined;
      return { k: 'mr', c: bin(op, lc, rc), r: lr && rr ? add(lr, rr) : (lr ?? rr)! };
    }
    const a = toLH(l);
    const b = toLH(r);
    return op === '+'
      ? { k: 'lh', lo: add(a.lo, b.lo), hi: add(a.hi, b.hi) }
      : { k: 'lh', lo: sub(a.lo, b.hi), hi: sub(a.hi, b.lo) };
  }
  const konst =
    r.k === 'exact' && r.f.t === 'num' ? r.f.v : op === '*' && l.k === 'exact' && l.f.t === 'num' ? l.f.v : undefined;
  if (konst !== undefined && !(op === '/' && konst === 0)) {
    const other = r.k === 'exact' && r.f.t === 'num' ? l : r;
    const s = op === '*' ? konst : 1 / konst;
    const k = num(s);
    if (other.k === 'mr') return { k: 'mr', c: mul(other.c, k), r: mul(other.r, num(Math.abs(s))) };
    const o = toLH(other);
    return s >= 0 ? { k: 'lh', lo: mul(o.lo, k), hi: mul(o.hi, k) } : { k: 'lh', lo: mul(o.hi, k), hi: mul(o.lo, k) };
  }
  const a = toLH(l);
  const b = toLH(r);
  const corners = [bin(op, a.lo, b.lo), bin(op, a.lo, b.hi), bin(op, a.hi, b.lo), bin(op, a.hi, b.hi)];
  return { k: 'lh', lo: call('MIN', ...corners), hi: call('MAX', ...corners) };
}
