/**
 * Cross-period check: a cumulative row ("Lũy kế đến thời điểm báo cáo", `cumulative: true`)
 * must not fall from an earlier period of the same year to a later one. Percent and money
 * values keep their typed tolerance (a fall within rounding is no fall). A count or money
 * total that falls is an error; a cumulative percentage that falls is a warning (its plan,
 * the denominator, may have grown).
 */
import { sheetValueOf } from './check';
import { capitalize, clip, fmt, rowName } from './describe';
import { halfWidth, SLACK } from './tolerance';
import type { Finding } from '../findings';
import type { Template } from '../template/load';
import type { ReportValues } from '../values';

export interface PeriodLabels {
  /** "6 tháng đầu năm 2024" */
  earlier?: string;
  /** "9 tháng năm 2024" */
  later?: string;
}

export function checkAcrossPeriods(
  t: Template,
  earlier: ReportValues,
  later: ReportValues,
  labels: PeriodLabels = {},
): Finding[] {
  const out: Finding[] = [];
  for (const form of t.forms) {
    for (const row of form.rows) {
      if (!row.cumulative) continue;
      const a = sheetValueOf(earlier.get(row.id));
      const b = sheetValueOf(later.get(row.id));
      if (typeof a !== 'number' || typeof b !== 'number') continue;
      const inexact = row.kind === 'percent' || row.kind === 'money';
      const ha = inexact ? halfWidth(a) : 0;
      const hb = inexact ? halfWidth(b) : 0;
      // Falls only if even the highest reading of the later value is below the lowest of the earlier.
      if (b + hb - (a - ha) >= -SLACK) continue;
      const unit = row.kind === 'percent' ? '%' : '';
      out.push({
        severity: row.kind === 'percent' ? 'warning' : 'error',
        rule: 'period:cumulative',
        message: `${capitalize(rowName(t, row.id, true))} («${clip(row.label, 60)}») là số lũy kế từ đầu năm nhưng giảm: ${labels.earlier ?? 'kỳ trước'} ghi ${fmt(a)}${unit}, ${labels.later ?? 'kỳ này'} ghi ${fmt(b)}${unit}.`,
        rows: [row.id],
        row: row.id,
      });
    }
  }
  return out;
}
