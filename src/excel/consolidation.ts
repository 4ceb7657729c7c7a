/**
 * Writes a consolidation (src/core/consolidate/output-plan.ts) into the open workbook: the
 * consolidated appendix as "TH …" sheets next to the unit's own forms, then "Chi tiết theo đơn vị"
 * and "Tình hình nộp báo cáo" — with the same constant number of syncs as any plan.
 */
import { STATUS_SHEET } from '../core/consolidate/output-plan';
import type { WorkbookPlan } from '../core/layout/types';
import { consolidationForWorkbook } from './placement';
import { renderPlan, type RenderOptions, type RenderResult } from './render';

export function writeConsolidation(plan: WorkbookPlan, opts: RenderOptions = {}): Promise<RenderResult> {
  return renderPlan(consolidationForWorkbook(plan), { activate: STATUS_SHEET, ...opts });
}

/** The plan as it will be written (sheet names), to ask about clashes before writing. */
export { consolidationForWorkbook };
