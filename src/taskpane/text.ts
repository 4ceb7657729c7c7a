/** How the task pane names things (Vietnamese), and the findings grouped as the pane shows them. */
import type { Finding } from '../core/findings';
import { formatNumber } from '../core/number';
import { levelInfo, periodInfo, type PeriodId } from '../core/template/levels';
import type { Template } from '../core/template/load';
import type { LevelId, Severity } from '../core/template/schema';
import { splitSheetAddress } from '../excel/a1';

export const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];
export const SEVERITY_TITLE: Record<Severity, string> = { error: 'Lỗi', warning: 'Cảnh báo', info: 'Lưu ý' };

/** "6 tháng đầu năm 2022", "Quý I năm 2024", "Năm 2023". */
export function periodText(period: PeriodId | undefined, year: number | undefined): string {
  if (!period) return year ? `năm ${year}` : '';
  const name = periodInfo(period).name;
  if (!year) return name;
  return /năm$/i.test(name) ? `${name} ${year}` : name === 'Năm' ? `Năm ${year}` : `${name} năm ${year}`;
}

export function levelText(level: LevelId | undefined): string {
  return level ? levelInfo(level).name : '';
}

/** "Sửa thành 1,5" / "Để trống ô". */
export function suggestionLabel(value: number | null, kind?: string): string {
  return value === null
    ? 'Để trống ô'
    : `Sửa thành ${formatNumber(value, kind === 'percent' ? { kind: 'percent' } : {})}`;
}

/** "Hoặc sửa ô D75 thành 104": another fix the evidence supports, in another cell. */
export function alternativeLabel(cell: string, value: number | null, kind?: string): string {
  return value === null
    ? `Hoặc để trống ô ${cell}`
    : `Hoặc sửa ô ${cell} thành ${formatNumber(value, kind === 'percent' ? { kind: 'percent' } : {})}`;
}

/** "D70" for `'Biểu mẫu 7'!D70`. */
export function shortCell(ref: string | undefined): string {
  return ref ? splitSheetAddress(ref).address : '';
}

export interface FindingGroup {
  formId: string;
  /** "Biểu mẫu 7 · Xây dựng và phát triển Chính quyền điện tử, Chính quyền số" */
  title: string;
  bySeverity: { severity: Severity; findings: Finding[] }[];
  /** Rows left empty that this level must fill in (final mode), shown together. */
  missing: Finding[];
  /** Their STT, in form order: "1.1, 2.3, 3.2.1". */
  missingStt: string;
  count: number;
}

/** Findings by form (in template order), then by severity (errors first); empty required rows apart. */
export function groupFindings(t: Template, findings: Finding[]): FindingGroup[] {
  const out: FindingGroup[] = [];
  for (const form of t.forms) {
    const mine = findings.filter((f) => t.formOf.get(f.row)?.id === form.id);
    if (!mine.length) continue;
    const missing = mine.filter((f) => f.rule === 'missing');
    const others = mine.filter((f) => f.rule !== 'missing');
    out.push({
      formId: form.id,
      title: `${form.title} · ${form.name}`,
      bySeverity: SEVERITY_ORDER.map((severity) => ({
        severity,
        findings: others.filter((f) => f.severity === severity),
      })).filter((g) => g.findings.length > 0),
      missing,
      missingStt: missing.map((f) => rowShortName(t, f.row)).join(', '),
      count: mine.length,
    });
  }
  return out;
}

/** A row as listed to the user: its STT ("3.2.1"), or its label in «» when it has none. */
export function rowShortName(t: Template, rowId: string): string {
  const row = t.rowsById.get(rowId);
  if (!row) return rowId;
  const stt = row.stt.trim().replace(/\.$/, '');
  if (stt) return stt;
  const label = row.label.trim();
  return `«${label.length > 40 ? `${label.slice(0, 39).trimEnd()}…` : label}»`;
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}
