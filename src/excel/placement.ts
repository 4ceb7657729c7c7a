/**
 * Where a plan goes in a workbook that already has sheets (pure: no Excel.*). Nothing is overwritten
 * silently: `findClashes` says which sheets already exist (Excel compares sheet names ignoring case)
 * and whether the workbook already holds a cchc report (its `_cchc` sheet or CCHC_* names); the user
 * then chooses to replace them, to give the new sheets free names, or to cancel.
 *
 * A workbook describes one report: the plan's metadata (the `_cchc` sheet and the CCHC_* names)
 * always replaces the old one; the old sheets themselves stay unless the user chose to replace them.
 */
import {
  CONSOLIDATED_NAME_PREFIX,
  META_SHEET,
  NAME_PREFIX,
  consolidatedNameForRow,
  metaSheetMatrix,
  rowForName,
} from '../core/layout/names';
import type { PlanRow, WorkbookPlan } from '../core/layout/types';
import { quoteSheet } from './a1';

/** What the workbook holds now (names as Excel spells them). */
export interface WorkbookState {
  sheets: string[];
  names: string[];
}

export interface Clash {
  /** Existing sheets the plan would need (the user sees these). */
  sheets: string[];
  /** The workbook already has a cchc report whose metadata the plan replaces. */
  hasReport: boolean;
}

export type ClashChoice = 'replace' | 'rename';

export interface Placement {
  plan: WorkbookPlan;
  /** Existing sheets to remove (renamed out of the way first, deleted once the new ones are in). */
  remove: string[];
  /** Existing names to delete before the plan's names are added. */
  deleteNames: string[];
}

/** Excel's longest sheet name. */
export const MAX_SHEET_NAME = 31;

const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi');

export function findClashes(plan: WorkbookPlan, wb: WorkbookState): Clash {
  const existing = new Map(wb.sheets.map((s) => [fold(s), s]));
  const planHasMeta = plan.sheets.some((s) => s.name === META_SHEET);
  const sheets = plan.sheets
    .filter((s) => s.name !== META_SHEET && existing.has(fold(s.name)))
    .map((s) => existing.get(fold(s.name))!);
  const planOwn = plan.names.some((n) => fold(n.name).startsWith(fold(NAME_PREFIX)));
  const planConsolidated = plan.names.some((n) => fold(n.name).startsWith(fold(CONSOLIDATED_NAME_PREFIX)));
  const hasReport =
    ((planHasMeta || planOwn) &&
      (existing.has(fold(META_SHEET)) || wb.names.some((n) => fold(n).startsWith(fold(NAME_PREFIX))))) ||
    (planConsolidated && wb.names.some((n) => fold(n).startsWith(fold(CONSOLIDATED_NAME_PREFIX))));
  return { sheets, hasReport };
}

export function hasClash(c: Clash): boolean {
  return c.sheets.length > 0 || c.hasReport;
}

/** "Biểu mẫu 1 (2)", "(3)", … the first name not taken (case-insensitively), within 31 characters. */
export function freeSheetName(name: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map(fold));
  if (!used.has(fold(name))) return name;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const candidate = `${name.slice(0, MAX_SHEET_NAME - suffix.length).trimEnd()}${suffix}`;
    if (!used.has(fold(candidate))) return candidate;
  }
}

/** A temporary name for a sheet being replaced (removed once the new sheets are written). */
export function tempSheetName(i: number, taken: Iterable<string>): string {
  return freeSheetName(`~cchc-cu-${i + 1}`, taken);
}

function replaceSheetRefs(text: string, map: Map<string, string>): string {
  let out = text;
  for (const [from, to] of map) out = out.split(`${quoteSheet(from)}!`).join(`${quoteSheet(to)}!`);
  return out;
}

/**
 * The plan with sheets renamed (`from` → `to`): sheet names, cross-sheet references in formulas,
 * validations and conditional formats, defined names and the metadata sheet. Returns a new plan.
 */
export function renamePlanSheets(plan: WorkbookPlan, map: Map<string, string>): WorkbookPlan {
  if (map.size === 0) return plan;
  const rename = (s: string) => map.get(s) ?? s;
  const meta = { ...plan.meta, rows: plan.meta.rows.map((r) => ({ ...r, sheet: rename(r.sheet) })) };
  const sheets = plan.sheets.map((s) => {
    if (s.name === META_SHEET) return { ...s, rows: metaRows(meta) };
    return {
      ...s,
      name: rename(s.name),
      rows: s.rows.map((r) => ({
        ...r,
        cells: r.cells.map((c) => (c.formula !== undefined ? { ...c, formula: replaceSheetRefs(c.formula, map) } : c)),
      })),
      validations: s.validations.map((v) =>
        v.formula !== undefined ? { ...v, formula: replaceSheetRefs(v.formula, map) } : v,
      ),
      conditionalFormats: s.conditionalFormats.map((cf) => ({ ...cf, formula: replaceSheetRefs(cf.formula, map) })),
    };
  });
  return { ...plan, sheets, names: plan.names.map((n) => ({ ...n, sheet: rename(n.sheet) })), meta };
}

/** The metadata sheet's rows for `meta` (as planWorkbook lays them out). */
function metaRows(meta: WorkbookPlan['meta']): PlanRow[] {
  return metaSheetMatrix(meta).map((vals, i) => ({
    r: i + 1,
    role: 'meta',
    cells: vals.flatMap((v, c) => (v === null ? [] : [{ col: c + 1, value: v, style: 'meta' }])),
  }));
}

/** How the plan is written given the user's choice (when there was a clash). */
export function placePlan(plan: WorkbookPlan, wb: WorkbookState, choice: ClashChoice): Placement {
  const clash = findClashes(plan, wb);
  // The plan's names replace those of the same kind: a report's CCHC_*, a consolidation's CCHCTH_*.
  const prefixes = [NAME_PREFIX, CONSOLIDATED_NAME_PREFIX]
    .map(fold)
    .filter((p) => plan.names.some((n) => fold(n.name).startsWith(p)));
  const deleteNames = wb.names.filter((n) => prefixes.some((p) => fold(n).startsWith(p)));
  const metaExisting = wb.sheets.find((s) => fold(s) === fold(META_SHEET));
  const planHasMeta = plan.sheets.some((s) => s.name === META_SHEET);
  const remove = planHasMeta && metaExisting ? [metaExisting] : [];
  if (choice === 'replace') return { plan, remove: [...clash.sheets, ...remove], deleteNames };
  const taken = new Set([...wb.sheets, ...plan.sheets.map((s) => s.name)]);
  const map = new Map<string, string>();
  for (const existing of clash.sheets) {
    const planName = plan.sheets.find((s) => fold(s.name) === fold(existing))!.name;
    const name = freeSheetName(planName, taken);
    taken.add(name);
    map.set(planName, name);
  }
  return { plan: renamePlanSheets(plan, map), remove, deleteNames };
}

/** Prefix of the consolidated appendix sheets written next to the unit's own appendix. */
export const CONSOLIDATED_PREFIX = 'TH ';

/**
 * The consolidated workbook plan as it goes into the unit's own workbook: the appendix sheets are
 * prefixed "TH " (tổng hợp) so they sit next to the unit's own forms, and each value cell is named
 * `CCHCTH_…` (as an inserted template's are `CCHC_…`), so that the workbook, sent up, is read by the
 * next level as this consolidated appendix; the `_cchc` sheet and the `CCHC_` names keep describing
 * the unit's own forms, where its own figures are typed.
 */
export function consolidationForWorkbook(plan: WorkbookPlan): WorkbookPlan {
  const appendix = new Set(plan.meta.rows.map((r) => r.sheet));
  const map = new Map<string, string>();
  for (const s of plan.sheets)
    if (appendix.has(s.name)) map.set(s.name, `${CONSOLIDATED_PREFIX}${s.name}`.slice(0, MAX_SHEET_NAME));
  const renamed = renamePlanSheets(plan, map);
  const names = renamed.names.flatMap((n) => {
    const rowId = rowForName(n.name);
    return rowId ? [{ ...n, name: consolidatedNameForRow(rowId) }] : [];
  });
  return { ...renamed, sheets: renamed.sheets.filter((s) => s.name !== META_SHEET), names };
}
