/**
 * The numeric semantics of checking, shared by the TypeScript engine and the Excel formulas
 * the compiler writes (both evaluate the same formula tree, see formula.ts).
 *
 * - A percent or money value stands for the interval value ± ½·10^-d, where d is the number of
 *   decimals it was typed with (0 ≤ d ≤ MAX_TYPED_DECIMALS), read from the value itself: the
 *   least d with ROUND(v, d) = v (compared as a spreadsheet does, within a relative 1e-13). A
 *   value with more decimals (a formula's result) stands for itself. Counts and codes are exact.
 * - Intervals are closed, so a value exactly half-way (12,5 for 1/8) is consistent with both
 *   roundings (12 and 13): no engine has to agree with another engine's ROUND on ties.
 * - Every comparison gets a floating-point slack of SLACK (far below anything typed).
 */

import { floatCmp } from './formula';

/** Most decimals a value is taken to have been typed with; beyond, it stands for itself. */
export const MAX_TYPED_DECIMALS = 4;
/** Floating-point slack of every comparison. */
export const SLACK = 0.000001;
/** Half-widths by decimals, as literals (the Excel formula writes the same literals). */
export const HALF_WIDTHS: readonly number[] = [0.5, 0.05, 0.005, 0.0005, 0.00005];

/** ROUND as HyperFormula computes it (half away from zero on the binary value). */
export function roundLikeSheet(x: number, places: number): number {
  const m = Math.pow(10, places);
  return x < 0 ? -Math.round(-x * m) / m : Math.round(x * m) / m;
}

/** Decimals a value was typed with (0…MAX_TYPED_DECIMALS), or undefined when it has more. */
export function typedDecimals(v: number): number | undefined {
  for (let k = 0; k <= MAX_TYPED_DECIMALS; k++) if (floatCmp(roundLikeSheet(v, k), v) === 0) return k;
  return undefined;
}

/** Half-width of the interval a typed percent or money value stands for. */
export function halfWidth(v: number): number {
  const d = typedDecimals(v);
  return d === undefined ? 0 : HALF_WIDTHS[d];
}
