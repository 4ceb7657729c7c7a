/** Writing numbers the Vietnamese way: thousands `.`, decimal `,`, minus `-`. */
import { decimalsOf } from './digits';
import type { NumberKind } from './types';

/** Most decimals written when the caller does not fix them (beyond this it is float noise). */
const MAX_AUTO_DECIMALS = 10;
const MAX_AUTO_PERCENT_DECIMALS = 2;

const formatters = new Map<string, Intl.NumberFormat>();
function formatter(min: number, max: number): Intl.NumberFormat {
  const key = `${min}:${max}`;
  let f = formatters.get(key);
  if (!f) {
    // en-US is present in every Intl build (small-icu included); its separators are swapped below.
    f = new Intl.NumberFormat('en-US', { useGrouping: true, minimumFractionDigits: min, maximumFractionDigits: max });
    formatters.set(key, f);
  }
  return f;
}

/**
 * Writes a number the Vietnamese way: 2531 → "2.531", 99.6 → "99,6", 1234567.5 → "1.234.567,5".
 * `decimals` fixes the number of decimals (rounded half away from zero); by default as many as the
 * number needs, at most 2 for a percent and 10 otherwise. Not a finite number → "".
 */
export function formatNumber(value: number, opts: { decimals?: number; kind?: NumberKind } = {}): string {
  if (!Number.isFinite(value)) return '';
  let min: number;
  let max: number;
  if (opts.decimals !== undefined && Number.isFinite(opts.decimals)) {
    min = max = Math.max(0, Math.min(20, Math.floor(opts.decimals)));
  } else {
    min = 0;
    max = Math.min(decimalsOf(value), opts.kind === 'percent' ? MAX_AUTO_PERCENT_DECIMALS : MAX_AUTO_DECIMALS);
  }
  const us = formatter(min, max).format(value);
  const vi = us.replace(/[.,]/g, (c) => (c === '.' ? ',' : '.'));
  // -0.001 rounded to "-0": a zero has no sign.
  return /^-0(?:,0*)?$/.test(vi) ? vi.slice(1) : vi;
}

/** A share from 0 to 1 (a match's confidence) as a whole percent: 0.414 → "41%". */
export function percentText(x: number): string {
  return `${Math.round(x * 100)}%`;
}
