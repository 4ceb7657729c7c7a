/** Native data validation of a value cell by row kind, with Vietnamese titles and messages. */
import type { CodeOption, RowDef } from '../template/schema';
import type { PlanValidation } from './types';

/** "Có = 1; Không = 0" from a code legend. */
export function legendText(codes: readonly CodeOption[], sep = '; '): string {
  return codes.map((c) => `${c.label} = ${c.value}`).join(sep);
}

/** Excel's limits on validation texts: titles 32 characters, messages 255. */
export const TITLE_MAX = 32;
export const MESSAGE_MAX = 255;

/** Shortens a text to `max` characters, ending with "…" when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Keeps a validation's texts within Excel's limits (a longer text makes Excel repair the file). */
export function withinLimits(v: PlanValidation): PlanValidation {
  return {
    ...v,
    errorTitle: clip(v.errorTitle, TITLE_MAX),
    error: clip(v.error, MESSAGE_MAX),
    ...(v.promptTitle !== undefined ? { promptTitle: clip(v.promptTitle, TITLE_MAX) } : {}),
    ...(v.prompt !== undefined ? { prompt: clip(v.prompt, MESSAGE_MAX) } : {}),
  };
}

/** The validation of a row's value cell, or undefined for kinds without one (group, text). */
export function kindValidation(row: RowDef, range: string): PlanValidation | undefined {
  const base = { range, allowBlank: true, errorStyle: 'stop' as const };
  const what = `Chỉ tiêu ${row.stt} «${clip(row.label, 90)}»`;
  switch (row.kind) {
    case 'count':
      return {
        ...base,
        type: 'whole',
        operator: 'greaterThanOrEqual',
        min: 0,
        errorTitle: 'Số lượng không hợp lệ',
        error: `${what} nhận số nguyên không âm (0, 1, 2, …), không kèm chữ.`,
        source: 'count',
      };
    case 'money':
      return {
        ...base,
        type: 'decimal',
        operator: 'greaterThanOrEqual',
        min: 0,
        errorTitle: 'Số tiền không hợp lệ',
        error: `${what} nhận số không âm${row.unit ? ` (${row.unit})` : ''}, ví dụ 1.250,5.`,
        source: 'money',
      };
    case 'percent':
      return {
        ...base,
        type: 'decimal',
        operator: 'between',
        min: 0,
        max: 100,
        errorTitle: 'Tỷ lệ không hợp lệ',
        error: `${what} nhận tỷ lệ phần trăm từ 0 đến 100, ví dụ 99,6 (không gõ dấu %).`,
        promptTitle: 'Tỷ lệ (%)',
        prompt: 'Gõ số phần trăm từ 0 đến 100, ví dụ 99,6 — không gõ 0,996 và không gõ dấu %.',
        source: 'percent',
      };
    case 'code': {
      const codes = row.codes ?? [];
      return {
        ...base,
        type: 'list',
        values: codes.map((c) => c.value),
        errorTitle: 'Mã không hợp lệ',
        error: `${what} chỉ nhận một trong các mã: ${legendText(codes)}.`,
        promptTitle: 'Chọn mã',
        prompt: legendText(codes),
        source: 'code',
      };
    }
    default:
      return undefined;
  }
}
