/** The texts of the title block: title line with the period, the "Kèm theo Báo cáo số …" line, the period column header. */
import { periodTitle } from '../template/levels';
import { fold } from '../consolidate/units';

/** Placeholder printed where a report number or date is not known yet. */
export const DOTS = '……';

/**
 * The template's title with the period filled in: `{period}` becomes "6 THÁNG ĐẦU NĂM 2022"
 * (periodTitle, which carries the year); a following literal "NĂM {year}" is absorbed so
 * neither spelling of the template prints the year twice; a lone `{year}` becomes the year.
 */
export function fillTitle(title: string, period: string, year: number): string {
  return title
    .replace(/\{period\}(\s+NĂM\s+\{year\})?/giu, periodTitle(period, year))
    .replace(/\{year\}/g, String(year));
}

/** Whether a unit is a People's Committee (UBND …, Ủy ban nhân dân …), whose reports are coded BC-UBND. */
export function isPeoplesCommittee(unit: string): boolean {
  return /^(ubnd|uy ban nhan dan)\b/.test(fold(unit));
}

/**
 * "371" → "371/BC-UBND" for a People's Committee; a number that already names its document type
 * ("45/BC-SNV") is kept; a bare number of another body is kept bare (reportNumberProblem refuses it
 * first): the tool never invents a code.
 */
export function reportNumber(reportNo: string, unit?: string): string {
  const n = reportNo.trim().replace(/\s*\/\s*/g, '/');
  if (n.includes('/')) return n;
  return unit === undefined || isPeoplesCommittee(unit) ? `${n}/BC-UBND` : n;
}

/** Why a report number cannot be printed for this unit (Vietnamese), or undefined. */
export function reportNumberProblem(reportNo: string, unit: string): string | undefined {
  const n = reportNo.trim();
  if (!/^\d+[A-Za-z]?(\s*\/\s*[\p{L}\d]+(-[\p{L}\d]+)*)?$/u.test(n))
    return `Số báo cáo «${reportNo}» không đúng dạng: ghi số và ký hiệu, ví dụ «45/BC-UBND» hoặc «45/BC-SNV»`;
  if (!n.includes('/') && !isPeoplesCommittee(unit))
    return `Số báo cáo «${n}» chưa có ký hiệu văn bản: «${unit}» không phải Ủy ban nhân dân nên không tự thêm «BC-UBND». Ghi đủ số và ký hiệu của đơn vị, ví dụ «${n}/BC-SNV»`;
  return undefined;
}

/**
 * "12/6/2022" → "ngày 12 tháng 6 năm 2022", as Nghị định 30/2020/NĐ-CP writes dates: a day below
 * 10 and the months 1 and 2 take a leading zero ("ngày 05 tháng 02 năm 2023").
 */
export function dateWords(date: string | undefined, year: number): string {
  const m = date ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(date.trim()) : null;
  if (!m) return `ngày ${DOTS} tháng ${DOTS} năm ${year}`;
  const d = Number(m[1]);
  const mo = Number(m[2]);
  return `ngày ${String(d).padStart(2, '0')} tháng ${mo <= 2 ? String(mo).padStart(2, '0') : mo} năm ${m[3]}`;
}

/** "(Kèm theo Báo cáo số 371/BC-UBND ngày 10 tháng 6 năm 2022 của UBND huyện Kông Chro)", dotted where unknown. */
export function attachmentLine(opts: { unit: string; year: number; reportNo?: string; date?: string }): string {
  const no = opts.reportNo
    ? reportNumber(opts.reportNo, opts.unit)
    : `${DOTS}/${isPeoplesCommittee(opts.unit) ? 'BC-UBND' : `BC-${DOTS}`}`;
  return `(Kèm theo Báo cáo số ${no} ${dateWords(opts.date, opts.year)} của ${opts.unit})`;
}

/** "6 tháng đầu năm 2022", "Quý I năm 2024", "năm 2022": the period in running text. */
export function periodPhrase(period: string, year: number): string {
  return periodTitle(period, year)
    .toLocaleLowerCase('vi')
    .replace(/^quý (i{1,3}|iv)(?=\s|$)/u, (_m, roman: string) => `Quý ${roman.toUpperCase()}`);
}

/** The header over "Số liệu | Ghi chú" in the `period` header style (004): "Báo cáo cải cách hành chính 6 tháng đầu năm 2022". */
export function periodColumnHeader(period: string, year: number): string {
  return `Báo cáo cải cách hành chính ${periodPhrase(period, year)}`;
}
