/**
 * Reading a number typed as text by an official (`2.531`, `99,6%`, `69.2 (72/104)`). The policy for
 * `.` and `,` is described in ../number.ts.
 */
import type { NumberReading, ReadingFlag } from '../values';
import { formatNumber } from './format';
import type { NumberKind } from './types';

/** One way of reading the digits. */
interface Candidate {
  value: number;
  decimals: number;
  flags: ReadingFlag[];
}

/** Placeholders officials type for "nothing to report": dashes, `x`, `...` (read as an empty cell). */
const PLACEHOLDER = /^(?:[-\u2012\u2013\u2014\u2015\u2212]+|[xX]|\.{2,}|\u2026)$/;
const EXCEL_ERROR = /^#(?:DIV\/0!|N\/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/i;
/** Sign and digits with `.`/`,` between them. */
const NUMBER_START = /^([+\-\u2212]?)(\d+(?:[.,]\d+)*)/;
const FRACTION = /^(\d+(?:[.,]\d+)*)\s*\/\s*(\d+(?:[.,]\d+)*)$/;
/** A first thousands group: 1 to 3 digits, no leading zero. */
const FIRST_GROUP = /^[1-9]\d{0,2}$/;

/** Removes padding and invisible characters (zero-width spaces, BOM) pasted along with a number. */
export function tidyText(text: string): string {
  return text.replace(/[\u200b-\u200d\u2060\ufeff]/g, '').trim();
}

export function readText(text: string, kind: NumberKind): NumberReading {
  const raw = tidyText(text);
  if (raw === '') return { value: null, raw, decimals: 0, alternatives: [], flags: [] };
  if (PLACEHOLDER.test(raw)) return { value: null, raw, decimals: 0, alternatives: [], flags: ['text'] };
  if (kind === 'text') return { value: null, raw, decimals: 0, alternatives: [], flags: ['text'] };

  const start = NUMBER_START.exec(raw);
  if (!start) return notANumber(raw, kind);
  const negative = start[1] !== '';
  let rest = raw.slice(start[0].length);
  const flags: ReadingFlag[] = [];
  const percentSign = /^\s*%/.exec(rest);
  if (percentSign) {
    flags.push('percent-sign');
    rest = rest.slice(percentSign[0].length);
  }
  let annotation: string | undefined;
  if (rest !== '') {
    // Text after the number must be set apart (`69.2 (72/104)`), and must not be another number.
    if (!/^[\s([]/.test(rest) || /^\s+[+\-\u2212]?\d/.test(rest)) return notANumber(raw, kind);
    annotation = rest.trim();
    if (annotation !== '') flags.push('annotated');
  }

  const candidates = interpret(start[2]!, kind);
  if (!candidates) return notANumber(raw, kind, 'separators');
  const [best, ...others] = candidates.map((c) => (negative ? { ...c, value: -c.value } : c));
  const reading: NumberReading = {
    value: best!.value,
    raw,
    decimals: best!.decimals,
    alternatives: others.map((c) => c.value).filter((v) => v !== best!.value),
    flags: [...best!.flags, ...flags],
  };
  if (reading.alternatives.length > 0) reading.flags.push('ambiguous');
  if (annotation) reading.annotation = annotation;
  return reading;
}

/** The readings of unsigned digits with separators, most plausible first; null when no reading fits. */
function interpret(body: string, kind: NumberKind): Candidate[] | null {
  const groups = body.split(/[.,]/);
  const seps = body.replace(/\d/g, '');
  if (seps === '') return [integer(body)];

  const distinct = new Set(seps);
  if (distinct.size === 2) {
    // `1.234,5` / `1,234.5`: the last separator is the decimal mark, used once, the other one groups thousands.
    const decimalMark = seps[seps.length - 1]!;
    if (seps.indexOf(decimalMark) !== seps.length - 1) return null;
    const intGroups = groups.slice(0, -1);
    if (!validThousands(intGroups)) return null;
    const thousandsMark = decimalMark === '.' ? ',' : '.';
    return [decimal(intGroups.join(''), groups[groups.length - 1]!, decimalMark, [thousandsFlag(thousandsMark)])];
  }

  const mark = seps[0]!;
  if (seps.length > 1) {
    // `1.234.567`, `1,234,567`: a separator used twice can only group thousands.
    return validThousands(groups) ? [thousands(groups, mark)] : null;
  }

  // One separator: `16.3`, `99,6` are decimals; `2.531`, `2,004` could be either.
  const [int, frac] = groups as [string, string];
  const asDecimal = decimal(int, frac, mark, []);
  if (!(frac.length === 3 && FIRST_GROUP.test(int))) return [asDecimal];
  const asThousands = thousands(groups, mark);
  switch (kind) {
    case 'count':
      return [asThousands];
    case 'percent':
      return [asDecimal, asThousands];
    default:
      // Vietnamese habit: dot groups thousands, comma marks decimals; the other reading is kept.
      return mark === '.' ? [asThousands, asDecimal] : [asDecimal, asThousands];
  }
}

function validThousands(groups: string[]): boolean {
  return FIRST_GROUP.test(groups[0]!) && groups.slice(1).every((g) => g.length === 3);
}

function integer(digits: string): Candidate {
  return { value: Number(digits), decimals: 0, flags: leadingZero(digits) };
}

function thousands(groups: string[], mark: string): Candidate {
  return { value: Number(groups.join('')), decimals: 0, flags: [thousandsFlag(mark)] };
}

function decimal(int: string, frac: string, mark: string, flags: ReadingFlag[]): Candidate {
  return {
    value: Number(`${int}.${frac}`),
    decimals: frac.length,
    flags: [...flags, mark === ',' ? 'decimal-comma' : 'decimal-dot', ...leadingZero(int)],
  };
}

function thousandsFlag(mark: string): ReadingFlag {
  return mark === '.' ? 'thousands-dot' : 'thousands-comma';
}

function leadingZero(int: string): ReadingFlag[] {
  return int.length > 1 && int.startsWith('0') ? ['leading-zero'] : [];
}

type Trouble = 'separators' | undefined;

function notANumber(raw: string, kind: NumberKind, trouble?: Trouble): NumberReading {
  return {
    value: null,
    raw,
    decimals: 0,
    alternatives: [],
    flags: ['not-a-number'],
    problem: problemOf(raw, kind, trouble),
  };
}

/** A Vietnamese explanation of why the text is not a number, with what to type instead. */
function problemOf(raw: string, kind: NumberKind, trouble: Trouble): string {
  if (EXCEL_ERROR.test(raw))
    return `Ô chứa lỗi công thức ${raw.toUpperCase()}, không có số liệu; hãy sửa công thức hoặc nhập số.`;
  if (trouble === 'separators') {
    return `«${raw}» không đọc được thành số: dấu chấm, dấu phẩy không đúng vị trí phân cách hàng nghìn (viết 1.234.567 hoặc 1.234,5).`;
  }
  const fraction = FRACTION.exec(raw);
  if (fraction) {
    const num = Number(fraction[1]!.replace(/[.,]/g, ''));
    const den = Number(fraction[2]!.replace(/[.,]/g, ''));
    const hint =
      kind === 'percent' && den > 0
        ? `; nếu là tỷ lệ thì ghi ${formatNumber((num / den) * 100, { kind: 'percent' })}`
        : '';
    return `«${raw}» là phân số, không phải một số${hint}.`;
  }
  if (/^[+\-\u2212]?\d[\d.,]*\s+[+\-\u2212]?\d/.test(raw)) {
    return `«${raw}» có nhiều số cách nhau bởi khoảng trắng; mỗi ô chỉ ghi một số (hàng nghìn viết bằng dấu chấm: 1.234).`;
  }
  if (kind === 'code') return `«${raw}» không phải là mã số; hãy nhập mã theo cột Đơn vị tính (ví dụ 0, 1, 2).`;
  return `«${raw}» không phải là số.`;
}
