/**
 * Checking a received report as `cchc check`, the file tool's «Kiểm tra tệp» and the task pane say
 * it: the checks of a final report, the fix each finding suggests in words, and the facts of a
 * reading that fits no known template. One wording for every skin; each adds only its own way out
 * (a command on the command line, a button in the pane).
 */
import { columnNumber } from './a1';
import type { Finding } from './findings';
import { formatNumber } from './number';
import type { ReadReport } from './recognise';
import { checkReport } from './rules';

/** The checks of a received report: it is final, so missing rows are reported too. */
export function checkReceived(report: ReadReport): Finding[] {
  if (!report.level) return [];
  return checkReport(report.template, report.level, report.values, { mode: 'final' });
}

export const percent = (x: number): string => `${Math.round(x * 100)}%`;

const ADDRESS = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)$/;

/**
 * Where a cell is, as the official finds it: in a workbook its address (`'Biểu mẫu 3'!D12`); in a
 * Word report the table, the row counted from the table's first (header rows included) and the
 * column: «Bảng 2, hàng 9, cột 4» — the sheet rows above a table hold the title lines read with it.
 */
export function placeOf(report: Pick<ReadReport, 'wordTables'>, address: string): string {
  if (!report.wordTables) return address;
  const m = ADDRESS.exec(address);
  if (!m) return address;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  const table = report.wordTables.find((t) => t.sheet === sheet);
  if (!table) return address;
  return `${sheet}, hàng ${Number(m[4]) - table.top + 1}, cột ${columnNumber(m[3])}`;
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

/** Rows of the tables found, mapped or not. */
export const tableRows = (report: ReadReport): number => report.rows.length + report.unmapped.length;

/** «Mẫu gần nhất là «bnv2022-huyen» nhưng chỉ khớp 41% (9 trong 20 dòng của bảng)», for a poor match. */
export function poorMatchFacts(report: ReadReport): string {
  return `Mẫu gần nhất là «${report.template.id}» nhưng chỉ khớp ${percent(report.confidence)} (${report.rows.length} trong ${tableRows(report)} dòng của bảng)`;
}
