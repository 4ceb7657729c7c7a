/**
 * The styles of an appendix sheet (Nghị định 30/2020/NĐ-CP conventions: Times New Roman,
 * bold headings, thin borders), and the number format, validation and lock of each row kind.
 */
import type { RowKind } from '../template/schema';
import type { CellStyle, ConditionalStyle } from './types';

export const FONT = 'Times New Roman';
export const BODY_SIZE = 12;
export const NOTE_SIZE = 11;
export const TITLE_SIZE = 14;
export const HEADING_SIZE = 13;

/** Grey of the value cells a level does not fill in. */
export const GREY = 'D9D9D9';
/** Light blue of cells the workbook computes itself. */
export const COMPUTED = 'DDEBF7';

/**
 * Number format per kind. Percent is stored as 0–100 (officials type 99,6), not as an Excel
 * fraction. Money and percent stay General: a format like `#,##0.###` prints whole numbers with a
 * dangling separator ("100," in a Vietnamese Excel), and General shows what was typed.
 */
export const NUMBER_FORMATS: Partial<Record<RowKind, string>> = {
  count: '#,##0',
  code: '0',
  text: '@',
};

export type ValueStyleKey = `value-${RowKind}` | 'value-computed' | 'value-na';

const body = (over: Partial<CellStyle> & { bold?: boolean; italic?: boolean; size?: number } = {}): CellStyle => {
  const { bold, italic, size, ...rest } = over;
  return {
    font: { name: FONT, size: size ?? BODY_SIZE, ...(bold ? { bold } : {}), ...(italic ? { italic } : {}) },
    alignment: { horizontal: 'left', vertical: 'middle', wrapText: true },
    border: true,
    locked: true,
    ...rest,
  };
};
const centred = { horizontal: 'center', vertical: 'middle', wrapText: true } as const;
const titleStyle = (
  size: number,
  extra: { bold?: boolean; italic?: boolean; horizontal?: 'center' | 'right' } = {},
): CellStyle => ({
  font: { name: FONT, size, ...(extra.bold ? { bold: true } : {}), ...(extra.italic ? { italic: true } : {}) },
  alignment: { horizontal: extra.horizontal ?? 'center', vertical: 'middle', wrapText: true },
  border: false,
  locked: true,
});

export function buildStyles(): Record<string, CellStyle> {
  const value = (kind: RowKind, locked = false): CellStyle =>
    body({ alignment: centred, locked, ...(NUMBER_FORMATS[kind] ? { numFmt: NUMBER_FORMATS[kind] } : {}) });
  return {
    appendix: titleStyle(HEADING_SIZE, { bold: true, horizontal: 'right' }),
    title: titleStyle(TITLE_SIZE, { bold: true }),
    attach: titleStyle(HEADING_SIZE, { italic: true }),
    'form-title': titleStyle(HEADING_SIZE, { bold: true }),
    'form-name': titleStyle(HEADING_SIZE, { bold: true }),
    header: body({ bold: true, alignment: centred }),
    stt: body({ alignment: centred }),
    'stt-group': body({ bold: true, alignment: centred }),
    label: body(),
    'label-group': body({ bold: true }),
    unit: body({ alignment: centred }),
    'unit-group': body({ bold: true, alignment: centred }),
    'value-count': value('count'),
    'value-money': value('money'),
    'value-percent': value('percent'),
    'value-code': value('code'),
    'value-text': body({ locked: false, numFmt: '@' }),
    'value-group': body({ alignment: centred }),
    'value-computed': { ...value('percent', true), fill: COMPUTED },
    'value-na': body({ alignment: centred, fill: GREY }),
    note: body({ size: NOTE_SIZE, locked: false }),
    meta: {
      font: { name: FONT, size: 10 },
      alignment: { horizontal: 'left', vertical: 'bottom', wrapText: false },
      border: false,
      locked: true,
    },
  };
}

export function buildConditionalStyles(): Record<string, ConditionalStyle> {
  return {
    'cf-error': { fill: 'FFC7CE', fontColor: '9C0006', border: 'C00000' },
    'cf-warning': { fill: 'FFEB9C', fontColor: '9C5700', border: 'BF8F00' },
    'cf-info': { fill: 'DDEBF7', fontColor: '1F4E78', border: '2F75B5' },
  };
}

/** The value cell's style for a row kind at a level. */
export function valueStyleKey(kind: RowKind, state: 'input' | 'not-reported' | 'computed'): ValueStyleKey {
  if (kind === 'group') return 'value-group';
  if (state === 'not-reported') return 'value-na';
  if (state === 'computed') return 'value-computed';
  return `value-${kind}`;
}
