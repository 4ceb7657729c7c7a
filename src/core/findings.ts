/** What the checker reports. Cells are row ids here; skins map them to addresses. */
import type { Severity } from './template/schema';

export interface Suggestion {
  /** Row id of the cell to change. */
  row: string;
  value: number | null;
  /** Why this value ("gõ nhầm dấu chấm phân cách hàng nghìn", "24/25 = 96"). */
  reason?: string;
}

/** A figure read through a typing habit (rules/habits.ts): the cell holds `held`, the report means `value`. */
export interface HabitNote {
  kind: 'thousands' | 'fraction';
  held: number | string;
  value: number;
}

export interface Finding {
  severity: Severity;
  /** Rule id (template rule ids, or built-in ones such as `domain:count`). */
  rule: string;
  /** Vietnamese, showing the arithmetic: "Tỷ lệ ghi 60%, nhưng 24/25 = 96%". */
  message: string;
  /** Every row involved. */
  rows: string[];
  /** The row most likely wrong. */
  row: string;
  suggestion?: Suggestion;
  /** Other fixes the evidence supports (a note beside the figure naming other parts). */
  alternatives?: Suggestion[];
  /** On a `habit:*` finding: what the cell holds and what it was read as. */
  habit?: HabitNote;
}

export const SEVERITY_LABEL: Record<Severity, string> = { error: 'Lỗi', warning: 'Cảnh báo', info: 'Lưu ý' };
