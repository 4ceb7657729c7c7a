/** The texts of the title block: title line with the period, the "Kèm theo Báo cáo số …" line, the period column header. */
import { periodTitle } from '../template/levels';

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

/** "371" → "371/BC-UBND"; a number that already names its document type is kept. */
export function reportNumber(reportNo: string): string {
  const n = reportNo.trim();
  return n.includes('/') ? n : `${n}/BC-UBND`;
}

/** "(Kèm theo Báo cáo số 371/BC-UBND ngày 10/6/2022 của UBND huyện Kông Chro)", dotted where unknown. */
export function attachmentLine(opts: { unit: string; year: number; reportNo?: string; date?: string }): string {
  const no = opts.reportNo ? reportNumber(opts.reportNo) : `${DOTS}/BC-UBND`;
  const date = opts.date ?? `${DOTS}/${DOTS}/${opts.year}`;
  return `(Kèm theo Báo cáo số ${no} ngày ${date} của ${opts.unit})`;
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
