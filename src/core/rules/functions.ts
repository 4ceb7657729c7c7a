/**
 * Every function of the rule and recipe syntax, defined once: where it may be written, its value,
 * its interval form (checking), its inverse (localising the wrong cell), its wording (messages),
 * its Excel formula (rows the workbook computes) and its part in consolidation. The parser
 * (expr.ts), the lowering (lower.ts), the messages (describe.ts), localisation (localize.ts),
 * the layout's computed rows and the consolidation engine all read this table.
 *
 * Undefined values: ratio(a, 0) and baseline_ratio(0, b) have no value (`evaluate` → null). A
 * consolidated or computed percentage over a zero denominator is left empty; a typed percentage
 * compared with it must be empty or `undefinedAs` (0).
 */
import { abs, bin, call, div, ifF, mul, neg, num, type F } from './formula';
import { exactN, lowerArith, toLH, type Num } from './interval';

/** An expression's wording twice: with row names ("dòng 1.2.2/dòng 1.2.1") and with values ("24/25"). */
export interface Words {
  names: string;
  values: string;
}

/**
 * How a function is used in a consolidation recipe:
 * - `none`: no arguments (`own`, `recompute`);
 * - `terms`: arguments are terms (`ratio(sum(xa.A), sum(xa.B))`);
 * - `children`: terms, or level references summed over the children (`sum(xa.BM3:3.3.1)`);
 * - `level-ref`: one level reference (`uniform(xa.BM3:1.4.3)`);
 * - `count`: a level (`count(xa)`) or a condition on a level reference (`count(xa.BM7:5.1.3 == 1)`).
 */
export type RecipeArgs = 'none' | 'terms' | 'children' | 'level-ref' | 'count';

export interface RuleFunction {
  min: number;
  max: number;
  /** In a check: a number (`value`) or a condition (`condition`); absent = not allowed in checks. */
  check?: 'value' | 'condition';
  /** In a consolidation recipe: the shape of its arguments; absent = not allowed in recipes. */
  recipe?: RecipeArgs;
  /** Consolidation: the row's value is recomputed from the consolidated rows through the rule defining it. */
  recomputes?: boolean;
  /** What it is, in Vietnamese (template errors, docs). */
  title: string;
  /** Point value; null where it has none (a ratio over a zero denominator). */
  evaluate?(xs: number[]): number | null;
  /** Index of the argument whose 0 leaves the value undefined. */
  denominator?: number;
  /** What a typed cell compared with an undefined value must hold (besides being empty). */
  undefinedAs?: number;
  /** Decimals a computed value is rounded to (the workbook's formula, a consolidated figure). */
  decimals?: number;
  /**
   * Its first argument is a baseline row (year 2015): messages say "so với năm gốc", and while the
   * baseline is empty, finalising says the rule could not be checked instead of guessing.
   */
  baseline?: boolean;
  /**
   * Interval form over the lowered arguments; `zero` is TRUE when the denominator's face value is 0.
   */
  interval?(args: Num[], zero: F | undefined): Num;
  /** The value of argument i for which the function equals `target`, the others fixed. */
  solve?(i: number, target: number, xs: number[]): number | undefined;
  /** Wording: `arg(i, prec)` words argument i at a minimum precedence (3 binds tightest). */
  words?(arg: (i: number, prec: number) => Words, n: number, minPrec: number): Words;
  /** The Excel formula of its value (arguments printed), without the guard for empty cells and 0: a row defined by it is computed by the workbook. */
  excel?(args: string[]): string;
}

const both = (f: (s: (w: Words) => string) => string): Words => ({
  names: f((w) => w.names),
  values: f((w) => w.values),
});

const join = (ws: Words[], sep: string): Words => both((s) => ws.map(s).join(sep));

/** "số lớn hơn trong dòng a và dòng b" / "số lớn nhất trong a, b và c". */
function extremeWords(which: 'lớn' | 'nhỏ', fn: 'MAX' | 'MIN') {
  return (arg: (i: number, prec: number) => Words, n: number): Words => {
    const parts = Array.from({ length: n }, (_, i) => arg(i, 0));
    const list = (xs: string[]) =>
      xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} và ${xs[xs.length - 1]}`;
    return {
      names:
        n === 1 ? parts[0].names : `số ${which} ${n === 2 ? 'hơn' : 'nhất'} trong ${list(parts.map((p) => p.names))}`,
      values: `${fn}(${parts.map((p) => p.values).join('; ')})`,
    };
  };
}

/** Decimals of a computed percentage (the workbook's formula, a consolidated ratio). */
export const RATIO_DECIMALS = 2;

export const FUNCTIONS: Record<string, RuleFunction> = {
  ratio: {
    min: 2,
    max: 2,
    check: 'value',
    recipe: 'terms',
    title: 'tỷ lệ phần trăm ratio(tử số, mẫu số)',
    evaluate: ([a, b]) => (b === 0 ? null : (a * 100) / b),
    denominator: 1,
    undefinedAs: 0,
    decimals: RATIO_DECIMALS,
    interval([n, d], zero) {
      const z = zero ?? bin('=', num(0), num(1));
      if (n.k === 'exact' && d.k === 'exact') return exactN(ifF(z, num(0), div(mul(n.f, num(100)), d.f)));
      const N = toLH(n);
      const D = toLH(d);
      // Numerators are non-negative (counts, money): the bounds are lo/hi and hi/lo.
      return {
        k: 'lh',
        lo: ifF(z, num(0), div(mul(call('MAX', num(0), N.lo), num(100)), D.hi)),
        hi: ifF(z, num(0), div(mul(N.hi, num(100)), D.lo)),
      };
    },
    // a·100/b = T → a = T·b/100; b = a·100/T.
    solve: (i, t, [a, b]) => (i === 0 ? (t * b) / 100 : t === 0 ? undefined : (a * 100) / t),
    words: (arg) => {
      const a = arg(0, 3);
      const b = arg(1, 3);
      return both((s) => `${s(a)}/${s(b)}`);
    },
    excel: ([p, w]) => `ROUND(${p}/${w}*100,${RATIO_DECIMALS})`,
  },
  baseline_ratio: {
    min: 2,
    max: 2,
    check: 'value',
    recipe: 'terms',
    title: 'tỷ lệ giảm so với năm gốc baseline_ratio(năm gốc, hiện nay)',
    evaluate: ([base, now]) => (base === 0 ? null : ((base - now) * 100) / base),
    denominator: 0,
    undefinedAs: 0,
    decimals: RATIO_DECIMALS,
    baseline: true,
    interval([b, now], zero) {
      const z = zero ?? bin('=', num(0), num(1));
      const n = lowerArith('-', b, now);
      if (n.k === 'exact' && b.k === 'exact') return exactN(ifF(z, num(0), div(mul(n.f, num(100)), b.f)));
      const N = toLH(n);
      const D = toLH(b);
      // base − now may be negative (more than in the baseline year).
      return {
        k: 'lh',
        lo: ifF(
          z,
          num(0),
          ifF(bin('>=', N.lo, num(0)), div(mul(N.lo, num(100)), D.hi), div(mul(N.lo, num(100)), D.lo)),
        ),
        hi: ifF(
          z,
          num(0),
          ifF(bin('>=', N.hi, num(0)), div(mul(N.hi, num(100)), D.lo), div(mul(N.hi, num(100)), D.hi)),
        ),
      };
    },
    // (B − N)·100/B = T → N = B − T·B/100; B = N/(1 − T/100).
    solve: (i, t, [base, now]) => (i === 1 ? base - (t * base) / 100 : t === 100 ? undefined : now / (1 - t / 100)),
    words: (arg) => {
      const base = arg(0, 3);
      const now = arg(1, 2);
      return both((s) => `(${s(base)} − ${s(now)})/${s(base)}`);
    },
    excel: ([b, n]) => `ROUND((${b}-${n})/${b}*100,${RATIO_DECIMALS})`,
  },
  sum: {
    min: 1,
    max: Infinity,
    check: 'value',
    recipe: 'children',
    title: 'tổng sum(a, b, …)',
    evaluate: (xs) => xs.reduce((s, v) => s + v, 0),
    interval: (args) => args.slice(1).reduce((acc, a) => lowerArith('+', acc, a), args[0]),
    solve: (i, t, xs) => t - xs.reduce((s, v, k) => (k === i ? s : s + v), 0),
    words: (arg, n, minPrec) => {
      const s = join(
        Array.from({ length: n }, (_, i) => arg(i, 1)),
        ' + ',
      );
      return minPrec > 1 ? both((f) => `(${f(s)})`) : s;
    },
  },
  min: {
    min: 1,
    max: Infinity,
    check: 'value',
    title: 'số nhỏ nhất min(a, b, …)',
    evaluate: (xs) => Math.min(...xs),
    interval: (xs) => extreme('MIN', xs),
    solve: (i, t, xs) => (xs.every((v, k) => k === i || v >= t) ? t : undefined),
    words: extremeWords('nhỏ', 'MIN'),
  },
  max: {
    min: 1,
    max: Infinity,
    check: 'value',
    title: 'số lớn nhất max(a, b, …)',
    evaluate: (xs) => Math.max(...xs),
    interval: (xs) => extreme('MAX', xs),
    solve: (i, t, xs) => (xs.every((v, k) => k === i || v <= t) ? t : undefined),
    words: extremeWords('lớn', 'MAX'),
  },
  abs: {
    min: 1,
    max: 1,
    check: 'value',
    title: 'giá trị tuyệt đối abs(a)',
    evaluate: ([x]) => Math.abs(x),
    interval([x]) {
      if (x.k === 'exact') return exactN(abs(x.f));
      const { lo, hi } = toLH(x);
      return {
        k: 'lh',
        lo: ifF(bin('>=', lo, num(0)), lo, ifF(bin('<=', hi, num(0)), neg(hi), num(0))),
        hi: call('MAX', abs(lo), abs(hi)),
      };
    },
    words: (arg) => both((s) => `|${s(arg(0, 0))}|`),
  },
  empty: { min: 1, max: 1, check: 'condition', title: 'để trống empty(a)' },
  filled: { min: 1, max: 1, check: 'condition', title: 'có số liệu filled(a)' },
  own: { min: 0, max: 0, recipe: 'none', title: 'số liệu của chính đơn vị tổng hợp (own)' },
  recompute: {
    min: 0,
    max: 0,
    recipe: 'none',
    recomputes: true,
    title: 'tính lại từ các chỉ tiêu đã tổng hợp theo quy tắc định nghĩa chỉ tiêu (recompute)',
  },
  uniform: { min: 1, max: 1, recipe: 'level-ref', title: 'số chung của mọi đơn vị một cấp uniform(xa.X)' },
  count: { min: 1, max: 1, recipe: 'count', title: 'số đơn vị count(xa) hoặc count(xa.X == 1)' },
  share: { min: 1, max: 1, recipe: 'count', title: 'tỷ lệ đơn vị share(xa.X == 1)' },
};

function extreme(fn: 'MIN' | 'MAX', xs: Num[]): Num {
  if (xs.every((x) => x.k === 'exact')) return exactN(call(fn, ...xs.map((x) => (x as { f: F }).f)));
  const lh = xs.map(toLH);
  return { k: 'lh', lo: call(fn, ...lh.map((x) => x.lo)), hi: call(fn, ...lh.map((x) => x.hi)) };
}

export function ruleFunction(name: string): RuleFunction | undefined {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
}

/** The value of a function over point values; null where it has none or cannot be evaluated. */
export function evaluateFunction(name: string, xs: number[]): number | null {
  return ruleFunction(name)?.evaluate?.(xs) ?? null;
}

/** A computed value rounded as the function asks (a percentage to 2 decimals). */
export function roundResult(name: string, v: number | null): number | null {
  const d = ruleFunction(name)?.decimals;
  if (v === null || d === undefined) return v;
  const m = 10 ** d;
  return Math.round(v * m) / m;
}
