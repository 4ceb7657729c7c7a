/**
 * The appendix a unit fills in, as every skin lays it out: the template's sheet plan with the
 * template's rules compiled into conditional formats and validations, so the workbook marks its
 * own errors even where the add-in is not installed.
 */
import { planWorkbook } from './layout/plan';
import type { PlanOptions, WorkbookPlan } from './layout/types';
import { ruleFormulaHook } from './rules/compile';
import type { Template } from './template/load';

export function planReport(t: Template, opts: Omit<PlanOptions, 'ruleFormulas'>): WorkbookPlan {
  return planWorkbook(t, { ...opts, ruleFormulas: ruleFormulaHook(t) });
}
