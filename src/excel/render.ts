/**
 * Writes a WorkbookPlan into the open workbook through Office.js: the same plan the CLI writes with
 * ExcelJS (src/io/xlsx-write.ts), walked step by step (plan-steps.ts). A constant number of
 * `context.sync()` calls whatever the number of rows or sheets: one to look at the workbook (sheet and
 * name clashes), then one per batch, and there is a single batch unless the estimated payload nears
 * Excel on the web's 5 MB request limit. A batch Excel refuses as too large (nothing of it is
 * applied) is split in two and sent again.
 *
 * Nothing existing is overwritten silently: when a sheet of the plan already exists, or the workbook
 * already holds a cchc report, `renderPlan` throws ClashError before writing anything, unless the
 * caller passes the user's choice (`onClash`). Events are switched off while the add-in writes
 * (`runtime.enableEvents`, ExcelApi 1.8) so its own writes do not look like the user's.
 */
import type { PlanValidation, WorkbookPlan } from '../core/layout/types';
import { intersectRects, parseRect } from './a1';
import { officeErrorCode } from './errors';
import { compilePlan, footerSections, packSteps, type Step } from './plan-steps';
import {
  findClashes,
  hasClash,
  placePlan,
  tempSheetName,
  type Clash,
  type ClashChoice,
  type WorkbookState,
} from './placement';
import { hostFeatures } from './requirements';

/** Default request budget: under Excel on the web's 5 MB, with the estimate already generous. */
export const DEFAULT_REQUEST_BUDGET = 4 * 1024 * 1024;

export class ClashError extends Error {
  override name = 'ClashError';
  constructor(readonly clash: Clash) {
    super(
      `Sổ tính đã có ${clash.sheets.length ? `trang tính ${clash.sheets.map((s) => `«${s}»`).join(', ')}` : 'một biểu mẫu CCHC'}: chọn thay thế, đặt tên mới hoặc hủy.`,
    );
  }
}

export interface RenderOptions {
  /** The user's answer when the plan clashes with the workbook; without it a clash throws ClashError. */
  onClash?: ClashChoice;
  /** Request budget in bytes (tests use a small one with a small simulated limit). */
  requestBudgetBytes?: number;
  /** Sheet to show when done. */
  activate?: string;
}

export interface RenderResult {
  /** The sheets written, as named in the workbook. */
  sheets: string[];
  /** Existing sheets removed (the user chose to replace them). */
  removed: string[];
  /** Requests sent (context.sync calls with commands), the look at the workbook included. */
  syncs: number;
  batches: number;
  /** What this Excel could not do (older ExcelApi), in Vietnamese. */
  leftOut: string[];
}

/** Sheets and defined names of the open workbook (one sync). */
export async function readWorkbookState(): Promise<WorkbookState> {
  return Excel.run(async (ctx) => {
    const sheets = ctx.workbook.worksheets.load('items/name');
    const names = ctx.workbook.names.load('items/name');
    await ctx.sync();
    return { sheets: sheets.items.map((s) => s.name), names: names.items.map((n) => n.name) };
  });
}

/** Which sheets and names of the plan already exist, without writing anything (one sync). */
export async function checkClashes(plan: WorkbookPlan): Promise<Clash> {
  return findClashes(plan, await readWorkbookState());
}

type Batch = Step[];

function validationRule(v: PlanValidation): Excel.DataValidationRule {
  const op = v.operator === 'between' ? 'Between' : 'GreaterThanOrEqualTo';
  const bounds = v.operator === 'between' ? { formula1: v.min ?? 0, formula2: v.max ?? 0 } : { formula1: v.min ?? 0 };
  switch (v.type) {
    case 'whole':
      return { wholeNumber: { ...bounds, operator: op } };
    case 'decimal':
      return { decimal: { ...bounds, operator: op } };
    case 'list':
      return { list: { inCellDropDown: true, source: (v.values ?? []).join(',') } };
    case 'custom':
      return { custom: { formula: `=${v.formula ?? 'TRUE'}` } };
  }
}

const ALERT_STYLE = { stop: 'Stop', warning: 'Warning', information: 'Information' } as const;

/** Queues one batch of steps on `ctx` (nothing is sent until the caller syncs). */
function queueBatch(ctx: Excel.RequestContext, batch: Batch, validated: Map<string, { address: string }[]>): void {
  const sheets = new Map<string, Excel.Worksheet>();
  const sheet = (name: string) => {
    let ws = sheets.get(name);
    if (!ws) {
      ws = ctx.workbook.worksheets.getItem(name);
      sheets.set(name, ws);
    }
    return ws;
  };
  ctx.runtime.enableEvents = false;
  for (const s of batch) {
    switch (s.kind) {
      case 'renameSheet': {
        const ws = sheet(s.sheet);
        ws.name = s.to;
        sheets.set(s.to, ws);
        sheets.delete(s.sheet);
        break;
      }
      case 'deleteName':
        ctx.workbook.names.getItem(s.name).delete();
        break;
      case 'addSheet':
        sheets.set(s.sheet, ctx.workbook.worksheets.add(s.sheet));
        break;
      case 'columnWidth':
        sheet(s.sheet).getRange(s.address).format.columnWidth = s.points;
        break;
      case 'rowHeight':
        sheet(s.sheet).getRange(s.address).format.rowHeight = s.points;
        break;
      case 'format': {
        const f = sheet(s.sheet).getRange(s.address).format;
        switch (s.prop) {
          case 'fontName':
            f.font.name = s.value as string;
            break;
          case 'fontSize':
            f.font.size = s.value as number;
            break;
          case 'bold':
            f.font.bold = s.value as boolean;
            break;
          case 'italic':
            f.font.italic = s.value as boolean;
            break;
          case 'fontColor':
            f.font.color = s.value as string;
            break;
          case 'fill':
            f.fill.color = s.value as string;
            break;
          case 'hAlign':
            f.horizontalAlignment = s.value as Excel.HorizontalAlignment;
            break;
          case 'vAlign':
            f.verticalAlignment = s.value as Excel.VerticalAlignment;
            break;
          case 'wrap':
            f.wrapText = s.value as boolean;
            break;
          case 'indent':
            f.indentLevel = s.value as number;
            break;
          case 'numFmt':
            // A single value is applied to every cell of the range.
            (sheet(s.sheet).getRange(s.address) as unknown as { numberFormat: unknown }).numberFormat = s.value;
            break;
          case 'locked':
            f.protection.locked = s.value as boolean;
            break;
        }
        break;
      }
      case 'borders': {
        const edges: Excel.BorderIndex[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as Excel.BorderIndex[];
        if (s.insideH) edges.push('InsideHorizontal' as Excel.BorderIndex);
        if (s.insideV) edges.push('InsideVertical' as Excel.BorderIndex);
        const borders = sheet(s.sheet).getRange(s.address).format.borders;
        for (const e of edges) {
          const b = borders.getItem(e);
          b.style = 'Continuous';
          b.weight = 'Thin';
          b.color = '#000000';
        }
        break;
      }
      case 'contents':
        if (s.as === 'values') sheet(s.sheet).getRange(s.address).values = s.cells as unknown[][];
        else sheet(s.sheet).getRange(s.address).formulas = s.cells as unknown[][];
        break;
      case 'merge':
        sheet(s.sheet).getRange(s.address).merge(false);
        break;
      case 'validation': {
        const v = s.validation;
        const dv = sheet(s.sheet).getRange(v.range).dataValidation;
        // A later validation on cells that already have one replaces it (as the .xlsx writer does).
        const rect = parseRect(v.range);
        const earlier = validated.get(s.sheet) ?? [];
        if (
          rect &&
          earlier.some((x) => {
            const o = parseRect(x.address);
            return !!o && !!intersectRects(o, rect);
          })
        )
          dv.clear();
        validated.set(s.sheet, [...earlier, { address: v.range }]);
        dv.rule = validationRule(v);
        dv.ignoreBlanks = v.allowBlank;
        dv.errorAlert = {
          showAlert: true,
          style: ALERT_STYLE[v.errorStyle] as Excel.DataValidationAlertStyle,
          title: v.errorTitle,
          message: v.error,
        };
        if (v.prompt) dv.prompt = { showPrompt: true, title: v.promptTitle ?? '', message: v.prompt };
        break;
      }
      case 'conditionalFormat': {
        const cf = sheet(s.sheet)
          .getRange(s.cf.range)
          .conditionalFormats.add('Custom' as Excel.ConditionalFormatType);
        cf.custom.rule.formula = `=${s.cf.formula}`;
        cf.custom.format.fill.color = `#${s.style.fill}`;
        cf.custom.format.font.color = `#${s.style.fontColor}`;
        for (const side of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const) {
          const b = cf.custom.format.borders.getItem(side);
          b.style = 'Continuous';
          b.color = `#${s.style.border}`;
        }
        break;
      }
      case 'note':
        ctx.workbook.notes.add(sheet(s.sheet).getRange(s.address), s.text);
        break;
      case 'name':
        ctx.workbook.names.add(s.name, sheet(s.sheet).getRange(s.address));
        break;
      case 'freeze':
        sheet(s.sheet).freezePanes.freezeRows(s.rows);
        break;
      case 'gridlines':
        sheet(s.sheet).showGridlines = s.show;
        break;
      case 'print': {
        const p = s.print;
        const pl = sheet(s.sheet).pageLayout;
        pl.paperSize = 'A4' as Excel.PaperType;
        pl.orientation = (p.orientation === 'landscape' ? 'Landscape' : 'Portrait') as Excel.PageOrientation;
        pl.zoom = { horizontalFitToPages: p.fitToWidth, verticalFitToPages: 0 };
        pl.setPrintMargins('Inches' as Excel.PrintMarginUnit, { ...p.margins });
        pl.centerHorizontally = p.horizontalCentered;
        if (p.gridlines) pl.printGridlines = true;
        // Whole rows or columns, absolute: `7:8` → `$7:$8`, `A:C` → `$A:$C`.
        const absoluteSpan = (span: string) =>
          span
            .split(':')
            .map((x) => `$${x}`)
            .join(':');
        if (p.printTitlesRow) pl.setPrintTitleRows(absoluteSpan(p.printTitlesRow));
        if (p.printTitlesColumns) pl.setPrintTitleColumns(absoluteSpan(p.printTitlesColumns));
        if (p.printArea) pl.setPrintArea(p.printArea);
        if (p.footer) {
          const f = footerSections(p.footer);
          const hf = pl.headersFooters.defaultForAllPages;
          if (f.left) hf.leftFooter = f.left;
          if (f.center) hf.centerFooter = f.center;
          if (f.right) hf.rightFooter = f.right;
        }
        break;
      }
      case 'hide':
        sheet(s.sheet).visibility = 'VeryHidden' as Excel.SheetVisibility;
        break;
      case 'protect': {
        const a = s.protection;
        const selectionMode = a.allowSelectLocked ? 'Normal' : a.allowSelectUnlocked ? 'Unlocked' : 'None';
        sheet(s.sheet).protection.protect({
          allowFormatColumns: a.allowFormatColumns,
          allowFormatRows: a.allowFormatRows,
          allowInsertRows: a.allowInsertRows,
          selectionMode: selectionMode as Excel.ProtectionSelectionMode,
        });
        break;
      }
      case 'deleteSheet':
        sheet(s.sheet).delete();
        break;
      case 'activate':
        sheet(s.sheet).activate();
        break;
    }
  }
  ctx.runtime.enableEvents = true;
}

/**
 * Sends the batches in order, one sync each. A batch refused as too large was not applied at all:
 * it is split in two and sent again. Any other failure switches events back on and is rethrown.
 */
async function sendBatches(ctx: Excel.RequestContext, batches: Batch[]): Promise<number> {
  const queue = [...batches];
  const validated = new Map<string, { address: string }[]>();
  let syncs = 0;
  while (queue.length) {
    const batch = queue.shift()!;
    const snapshot = new Map([...validated].map(([k, v]) => [k, [...v]]));
    queueBatch(ctx, batch, validated);
    try {
      syncs++;
      await ctx.sync();
    } catch (e) {
      if (officeErrorCode(e) === 'RequestPayloadSizeLimitExceeded' && batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        queue.unshift(batch.slice(0, half), batch.slice(half));
        validated.clear();
        for (const [k, v] of snapshot) validated.set(k, v);
        continue;
      }
      try {
        ctx.runtime.enableEvents = true;
        await ctx.sync();
      } catch {
        /* the original error matters more */
      }
      throw e;
    }
  }
  return syncs;
}

/** Writes `plan` into the open workbook (see the file comment for the sync budget and clashes). */
export async function renderPlan(plan: WorkbookPlan, opts: RenderOptions = {}): Promise<RenderResult> {
  const features = hostFeatures();
  const leftOut: string[] = [];
  if (!features.pageLayout && plan.sheets.some((s) => s.print))
    leftOut.push('thiết lập trang in (khổ A4, lề, dòng tiêu đề lặp lại khi in, chân trang) — cần ExcelApi 1.9');
  if (!features.notes && plan.sheets.some((s) => s.rows.some((r) => r.cells.some((c) => c.note))))
    leftOut.push('ghi chú ô (nguồn của số liệu tổng hợp) — cần ExcelApi 1.18');
  return Excel.run(async (ctx) => {
    const sheetsLoaded = ctx.workbook.worksheets.load('items/name');
    const namesLoaded = ctx.workbook.names.load('items/name');
    await ctx.sync();
    const state: WorkbookState = {
      sheets: sheetsLoaded.items.map((s) => s.name),
      names: namesLoaded.items.map((n) => n.name),
    };
    const clash = findClashes(plan, state);
    if (hasClash(clash) && !opts.onClash) throw new ClashError(clash);
    const placement = hasClash(clash) ? placePlan(plan, state, opts.onClash!) : { plan, remove: [], deleteNames: [] };
    const taken = [...state.sheets, ...placement.plan.sheets.map((s) => s.name)];
    const replace = placement.remove.map((sheet, i) => {
      const temp = tempSheetName(i, taken);
      taken.push(temp);
      return { sheet, temp };
    });
    const steps = compilePlan(placement.plan, {
      pageLayout: features.pageLayout,
      notes: features.notes,
      indent: features.pageLayout,
      replace,
      deleteNames: placement.deleteNames,
      ...(opts.activate ? { activate: opts.activate } : {}),
    });
    const batches = packSteps(steps, opts.requestBudgetBytes ?? DEFAULT_REQUEST_BUDGET);
    const syncs = 1 + (await sendBatches(ctx, batches));
    return {
      sheets: placement.plan.sheets.map((s) => s.name),
      removed: placement.remove,
      syncs,
      batches: batches.length,
      leftOut,
    };
  });
}
