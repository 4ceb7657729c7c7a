/** Writing numbers the Vietnamese way: thousands `.`, decimal `,`, minus `-`. */
import { decimalsOf } from './digits';
import type { NumberKind } from './types';

/** Most decimals written when the caller does not fix them (beyond this it is float noise). */
const MAX_AUTO_DECIMALS = 10;
const MAX_AUTO_PERCENT_DECIMALS = 2;

/**
 * |value| rounded to `max` decimals (half away from zero), as the digits of |value| × 10^max. The
 * digits rounded are the shortest that read back as the same number (toExponential), as
 * Intl.NumberFormat rounds them (1.005 → 1.01, where toFixed gives 1.00). Written here rather than
 * with Intl: creating a number format costs some 25 ms at each start of `cchc` (ICU), a fifth of what
 * `cchc check` may take.
 */
function scaledDigits(value: number, max: number): string {
  const [mantissa, exponent] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  // |value| × 10^max = 0.digits × 10^k
  const k = Number(exponent) + 1 + max;
  if (k <= 0) return k === 0 && digits[0] >= '5' ? '1' : '0';
  let n = digits.slice(0, k).padEnd(k, '0');
  if ((digits[k] ?? '0') >= '5') {
    // + 1 in the last place, carried
    let i = n.length - 1;
    while (i >= 0 && n[i] === '9') i--;
    n =
      i < 0 ? `1${'0'.repeat(n.length)}` : `${n.slice(0, i)}${String(Number(n[i]) + 1)}${'0'.repeat(n.length - i - 1)}`;
  }
  return n.replace(/^0+(?=\d)/, '');
}

/**
 * A finite number rounded to between `min` and `max` decimals (as few as its digits need): its sign
 * ('-' or '', never on a zero), whole part and decimals, as digit strings.
 */
export function decimalParts(
  value: number,
  min: number,
  max: number,
): { sign: string; whole: string; fraction: string } {
  const n = scaledDigits(value, max);
  const whole = n.length > max ? n.slice(0, n.length - max) : '0';
  let fraction = max ? n.slice(-max).padStart(max, '0') : '';
  while (fraction.length > min && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  // A number rounded to zero has no sign ("-0,0" is "0,0").
  return { sign: value < 0 && /[1-9]/.test(n) ? '-' : '', whole, fraction };
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
  const { sign, whole, fraction } = decimalParts(value, min, max);
  return `${sign}${whole.replace(/\B(?=(\d{3})+$)/g, '.')}${fraction ? `,${fraction}` : ''}`;
}

/** A share from 0 to 1 (a match's confidence) as a whole percent: 0.414 → "41%". */
export function percentText(x: number): string {
  return `${Math.round(x * 100)}%`;
}
