/** How a reading through a template the workbook does not fit is described (CLI, consolidation, add-in). */
import type { ReadReport } from './report';

/** "mẫu gần nhất «bnv2022-huyen» chỉ khớp 17% (5 trong 20 dòng của bảng)". */
export function poorMatchSummary(r: ReadReport): string {
  return `mẫu gần nhất «${r.template.id}» chỉ khớp ${Math.round(r.confidence * 100)}% (${r.rows.length} trong ${r.rows.length + r.unmapped.length} dòng của bảng)`;
}

/** Why a child that fits no known template is left out of a consolidation. */
export function poorMatchChildMessage(r: ReadReport, file: string): string {
  return `Tệp «${file}» không khớp mẫu phụ lục nào có sẵn (${poorMatchSummary(r)}): không đưa vào tổng hợp. Nếu đơn vị dùng một biểu mẫu khác, hãy học mẫu từ biểu mẫu đó (cchc template learn) rồi tổng hợp với mẫu vừa học.`;
}
