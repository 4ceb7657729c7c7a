/**
 * Checking a received report as `cchc check` and the file tool's «Kiểm tra tệp» say it: the checks
 * of a final report and the fix each finding suggests in words (a poor match's facts are in
 * recognise/poor-match.ts, a cell's place in recognise/place.ts).
 */
import type { Finding } from './findings';
import { formatNumber } from './number';
import type { ReadReport } from './recognise';
import { placeOf } from './recognise/place';
import { checkReport } from './rules';

/** The checks of a received report: it is final, so missing rows are reported too. */
export function checkReceived(report: ReadReport): Finding[] {
  if (!report.level) return [];
  return checkReport(report.template, report.level, report.values, { mode: 'final' });
}

/** «Đề nghị: ghi 96 vào ô 'Phụ lục 1B'!D11 (…).», or undefined for a finding without a fix. */
export function suggestionText(report: ReadReport, f: Finding): string | undefined {
  const s = f.suggestion;
  if (!s) return undefined;
  const at = report.cells.get(s.row);
  const cell = at ? placeOf(report, at) : `dòng ${s.row}`;
  const what = s.value === null ? `để trống ô ${cell}` : `ghi ${formatNumber(s.value)} vào ô ${cell}`;
  return `Đề nghị: ${what}${s.reason ? ` (${s.reason})` : ''}.`;
}
