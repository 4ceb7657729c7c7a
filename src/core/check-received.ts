/**
 * Checking a received report as `cchc check`, the file tool's «Kiểm tra tệp» and the task pane say
 * it: the checks of a final report, the fix each finding suggests in words, and the facts of a
 * reading that fits no known template. One wording for every skin; each adds only its own way out
 * (a command on the command line, a button in the pane).
 */
import type { Finding } from './findings';
import { formatNumber } from './number';
import type { ReadReport } from './recognise';
import { placeOf } from './recognise/place';
import { checkReport } from './rules';

export { placeOf };

/** The checks of a received report: it is final, so missing rows are reported too. */
export function checkReceived(report: ReadReport): Finding[] {
  if (!report.level) return [];
  return checkReport(report.template, report.level, report.values, { mode: 'final' });
}

export const percent = (x: number): string => `${Math.round(x * 100)}%`;

/** «Đề nghị: ghi 96 vào ô 'Phụ lục 1B'!D11 (…).», or undefined for a finding without a fix. */
export function suggestionText(report: ReadReport, f: Finding): string | undefined {
  const s = f.suggestion;
  if (!s) return undefined;
  const at = report.cells.get(s.row);
  const cell = at ? placeOf(report, at) : `dòng ${s.row}`;
  const what = s.value === null ? `để trống ô ${cell}` : `ghi ${formatNumber(s.value)} vào ô ${cell}`;
  return `Đề nghị: ${what}${s.reason ? ` (${s.reason})` : ''}.`;
}

/** Rows of the tables found, mapped or not. */
export const tableRows = (report: ReadReport): number => report.rows.length + report.unmapped.length;

/** «Mẫu gần nhất là «bnv2022-huyen» nhưng chỉ khớp 41% (9 trong 20 dòng của bảng)», for a poor match. */
export function poorMatchFacts(report: ReadReport): string {
  return `Mẫu gần nhất là «${report.template.id}» nhưng chỉ khớp ${percent(report.confidence)} (${report.rows.length} trong ${tableRows(report)} dòng của bảng)`;
}
