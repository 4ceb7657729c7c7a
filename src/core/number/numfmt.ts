/** What an Excel number format says about the number it shows: percent or not, and how many decimals. */

export interface NumFmtInfo {
  /** The format multiplies by 100 and shows `%`: the stored number is a fraction. */
  percent: boolean;
  /** Decimals always shown (`0` and `?` placeholders); undefined when the format does not say (General, text, dates). */
  minDecimals?: number;
  /** Decimals shown at most (`0`, `?` and `#` placeholders). */
  maxDecimals?: number;
  /** The format shows a date (day, month or year tokens). */
  date?: boolean;
}

/**
 * The first section of a format (the one for positive numbers) without quoted text, escaped
 * characters, fill/padding characters and `[…]` modifiers. One pass, linear in the length: a
 * format code comes from an untrusted file (100,000 unclosed `[` must not cost 10¹⁰ steps).
 */
function positiveSection(code: string): string {
  let out = '';
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === ';') break;
    if (c === '"') {
      const e = code.indexOf('"', i + 1);
      if (e < 0) break;
      i = e;
    } else if (c === '\\' || c === '_' || c === '*') i++;
    else if (c === '[') {
      const e = code.indexOf(']', i + 1);
      if (e < 0) break;
      i = e;
    } else out += c;
  }
  return out;
}

/** Reads the positive section of an Excel number format, ignoring quoted text, escapes and [brackets]. */
export function describeNumFmt(numFmt: string | undefined): NumFmtInfo {
  if (!numFmt) return { percent: false };
  const section = positiveSection(numFmt);
  if (/^\s*general\s*$/i.test(section) || section.trim() === '') return { percent: false };
  const percent = section.includes('%');
  // A date or time format shows no decimals of a plain number: leave the count unknown.
  const tokens = section.replace(/e[+-]/gi, '').replace(/AM\/PM|A\/P/gi, '');
  // `m` is a month beside d or y, or without h and s; with them it is minutes.
  if (/[dy]/i.test(tokens) || (/m/i.test(tokens) && !/[hs]/i.test(tokens))) return { percent, date: true };
  if (!/[0#?]/.test(section) || /[hs]/i.test(tokens)) return { percent };
  const frac = /\.([0#?]*)/.exec(section)?.[1] ?? '';
  return { percent, minDecimals: frac.replace(/#/g, '').length, maxDecimals: frac.length };
}

/** Decimals a format shows for a number that itself has `own` decimals. */
export function shownDecimals(info: NumFmtInfo, own: number): number | undefined {
  if (info.minDecimals === undefined || info.maxDecimals === undefined) return undefined;
  return Math.min(Math.max(own, info.minDecimals), info.maxDecimals);
}
