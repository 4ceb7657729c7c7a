/** How a reading through a template the workbook does not fit is described (CLI, consolidation, add-in, file tool). */
import { percentText } from '../number';
import type { ReadReport } from './report';

/** Rows of the tables found, mapped or not. */
export const tableRows = (r: ReadReport): number => r.rows.length + r.unmapped.length;

/** "17% (5 trong 20 dòng của bảng)" */
const share = (r: ReadReport) => `${percentText(r.confidence)} (${r.rows.length} trong ${tableRows(r)} dòng của bảng)`;

/** "mẫu gần nhất «bnv2022-huyen» chỉ khớp 17% (5 trong 20 dòng của bảng)", inside a sentence. */
export function poorMatchSummary(r: ReadReport): string {
  return `mẫu gần nhất «${r.template.id}» chỉ khớp ${share(r)}`;
}

/** "Mẫu gần nhất là «bnv2022-huyen» nhưng chỉ khớp 17% (5 trong 20 dòng của bảng)", a sentence of its own. */
export function poorMatchFacts(r: ReadReport): string {
  return `Mẫu gần nhất là «${r.template.id}» nhưng chỉ khớp ${share(r)}`;
}

/** Why a child that fits no known template is left out of a consolidation. */
export function poorMatchChildMessage(r: ReadReport, file: string): string {
  return `Tệp «${file}» không khớp mẫu phụ lục nào có sẵn (${poorMatchSummary(r)}): không đưa vào tổng hợp. Nếu đơn vị dùng một biểu mẫu khác, hãy học mẫu từ biểu mẫu đó (cchc template learn) rồi tổng hợp với mẫu vừa học.`;
}
