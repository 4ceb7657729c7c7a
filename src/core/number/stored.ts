/**
 * Reading a number Excel stored (a numeric cell and its number format). Excel has already parsed
 * what the official typed, sometimes wrongly (an en-US Excel turns `2.531` into 2.531), so the
 * row kind decides which other readings to keep. Policy in ../number.ts.
 */
import type { NumberReading, ReadingFlag } from '../values';
import { clean, decimalsOf } from './digits';
import { describeNumFmt, shownDecimals } from './numfmt';
import type { NumberKind } from './types';

/** Decimals reported for a stored number without a format that says how many it shows. */
const MAX_DECIMALS = 10;

export function readStored(n: number, numFmt: string | undefined, kind: NumberKind): NumberReading {
  const raw = String(n);
  if (!Number.isFinite(n)) {
    return {
      value: null,
      raw,
      decimals: 0,
      alternatives: [],
      flags: ['not-a-number'],
      problem: `Giá trị «${raw}» không phải là một số hữu hạn.`,
    };
  }
  const fmt = describeNumFmt(numFmt);

  if (fmt.date && kind === 'percent') {
    const typed = percentTypedAsDate(n);
    if (typed) return typed;
  }

  if (fmt.percent) {
    // Excel stores 99,6% as 0.996. The official typed the percent, perhaps with more decimals than the
    // format shows (99,6 into a `0%` cell): keep up to two decimals beyond the format.
    const value = clean(n * 100);
    const own = decimalsOf(value);
    const shown = shownDecimals(fmt, own);
    const decimals =
      shown === undefined ? Math.min(own, MAX_DECIMALS) : Math.max(shown, Math.min(own, fmt.maxDecimals! + 2));
    return { value, raw, decimals, alternatives: [], flags: ['excel-percent'] };
  }

  // The value stays as stored (Excel keeps 15 significant digits); only its decimals ignore float noise.
  const value = n;
  const own = decimalsOf(value);
  const decimals = shownDecimals(fmt, own) ?? Math.min(own, MAX_DECIMALS);
  const reading: NumberReading = { value, raw, decimals, alternatives: [], flags: [] };
  // What an en-US Excel makes of a Vietnamese `2.531` (or `2.500`, trailing zeros lost): 1 ≤ n < 1000
  // with 1 to 3 decimals. A typed `1.234.567` stays text there, so larger numbers are not suspects.
  const typedThousands = value >= 1 && value < 1000 && own >= 1 && own <= 3;
  const timesThousand = Math.round(value * 1000);

  switch (kind) {
    case 'count':
      // A count is an integer: with exactly 3 decimals the thousands reading is the best one.
      if (typedThousands && own === 3)
        return ambiguous({ ...reading, value: timesThousand, decimals: 0 }, [value], ['thousands-dot']);
      if (typedThousands) return ambiguous(reading, [timesThousand]);
      return reading;
    case 'percent':
      // 0.996 typed for 99,6 %: a known typing error; the value stays, the checker decides.
      if (value > 0 && value < 1) return ambiguous(reading, [clean(value * 100)]);
      return reading;
    case 'money':
      // A money cell may hold 3 decimals (Triệu đồng); without a format saying so, `14.436` may be thousands.
      if (typedThousands && own === 3 && fmt.maxDecimals === undefined) return ambiguous(reading, [timesThousand]);
      return reading;
    default:
      return reading;
  }
}

/** Serial 60 is Excel's 29/02/1900, which never was; the serials after it are one day ahead. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A percentage Excel turned into a date: `16.3` typed where the dot separates day and month is
 * stored as 16 March. Read back as 16,3 (or 16,03: both give the same date), and said.
 */
function percentTypedAsDate(serial: number): NumberReading | undefined {
  if (!Number.isInteger(serial) || serial < 61 || serial > 2958465) return undefined;
  const d = new Date(EXCEL_EPOCH + serial * 86_400_000);
  const day = d.getUTCDate();
  const month = d.getUTCMonth() + 1;
  const value = Number(`${day}.${month}`);
  const alternatives = month < 10 ? [Number(`${day}.0${month}`)] : [];
  const dd = String(day).padStart(2, '0');
  const mm = String(month).padStart(2, '0');
  const comma = (x: number) => String(x).replace('.', ',');
  return {
    value,
    raw: `${dd}/${mm}/${d.getUTCFullYear()}`,
    decimals: String(month).length,
    alternatives,
    flags: ['excel-date', ...(alternatives.length ? (['ambiguous'] as const) : [])],
    problem: `Excel đã đổi số gõ vào thành ngày ${dd}/${mm}/${d.getUTCFullYear()}: đọc là ${comma(value)}${alternatives.length ? ` (hoặc ${comma(alternatives[0])})` : ''}. Hãy định dạng ô là số (hoặc %) và gõ lại cho chắc.`,
  };
}

function ambiguous(reading: NumberReading, alternatives: number[], flags: ReadingFlag[] = []): NumberReading {
  return { ...reading, alternatives, flags: [...reading.flags, ...flags, 'ambiguous'] };
}
