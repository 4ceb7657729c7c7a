/**
 * Renders a WorkbookPlan with ExcelJS. A thin walker: every decision (text, style, lock,
 * validation, print setup, names) is in the plan; this file only translates it into
 * ExcelJS calls, as the add-in's Office.js renderer translates it into Excel.* calls.
 */
import { promises as fs } from 'fs';
import ExcelJS from 'exceljs';
import type { CellStyle, ConditionalStyle, PlanSheet, PlanValidation, WorkbookPlan } from '../core/layout/types';

const argb = (rgb: string) => `FF${rgb.toUpperCase()}`;
const thin = (rgb = '000000'): Partial<ExcelJS.Border> => ({ style: 'thin', color: { argb: argb(rgb) } });

function cellStyle(s: CellStyle): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {
    font: {
      name: s.font.name,
      size: s.font.size,
      bold: !!s.font.bold,
      italic: !!s.font.italic,
      ...(s.font.color ? { color: { argb: argb(s.font.color) } } : {}),
    },
    alignment: {
      horizontal: s.alignment.horizontal,
      vertical: s.alignment.vertical,
      wrapText: s.alignment.wrapText,
      ...(s.alignment.indent ? { indent: s.alignment.indent } : {}),
    },
    protection: { locked: s.locked },
  };
  if (s.border) style.border = { top: thin(), left: thin(), bottom: thin(), right: thin() };
  if (s.fill) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(s.fill) } };
  if (s.numFmt) style.numFmt = s.numFmt;
  return style;
}

function conditionalStyle(s: ConditionalStyle): Partial<ExcelJS.Style> {
  const b = thin(s.border);
  return {
    // Differential fills take the colour from bgColor.
    fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(s.fill) } },
    font: { color: { argb: argb(s.fontColor) } },
    border: { top: b, left: b, bottom: b, right: b },
  };
}

function dataValidation(v: PlanValidation): ExcelJS.DataValidation {
  const common = {
    allowBlank: v.allowBlank,
    showErrorMessage: true,
    errorStyle: v.errorStyle,
    errorTitle: v.errorTitle,
    error: v.error,
    ...(v.prompt ? { showInputMessage: true, promptTitle: v.promptTitle ?? '', prompt: v.prompt } : {}),
  };
  switch (v.type) {
    case 'whole':
    case 'decimal':
      return {
        ...common,
        type: v.type,
        operator: v.operator ?? 'greaterThanOrEqual',
        formulae: v.operator === 'between' ? [v.min ?? 0, v.max ?? 0] : [v.min ?? 0],
      };
    case 'list':
      return { ...common, type: 'list', formulae: [`"${(v.values ?? []).join(',')}"`] };
    case 'custom':
      return { ...common, type: 'custom', formulae: [v.formula ?? 'TRUE'] };
  }
}

async function renderSheet(
  wb: ExcelJS.Workbook,
  plan: WorkbookPlan,
  s: PlanSheet,
  styleCache: Map<string, Partial<ExcelJS.Style>>,
): Promise<void> {
  const ws = wb.addWorksheet(s.name, {
    state: s.state,
    views:
      s.frozenRows > 0
        ? [
            {
              state: 'frozen',
              ySplit: s.frozenRows,
              xSplit: 0,
              topLeftCell: `A${s.frozenRows + 1}`,
              showGridLines: false,
            },
          ]
        : [{ showGridLines: s.state !== 'visible' }],
  });
  ws.columns = s.columns.map((width) => ({ width }));
  const styleOf = (key: string) => {
    let st = styleCache.get(key);
    if (!st) {
      const def = plan.styles[key];
      if (!def) throw new Error(`Kế hoạch trang tính «${s.name}» dùng kiểu «${key}» không có`);
      st = cellStyle(def);
      styleCache.set(key, st);
    }
    return st;
  };
  for (const pr of s.rows) {
    const row = ws.getRow(pr.r);
    if (pr.height !== undefined) row.height = pr.height;
    for (const pc of pr.cells) {
      const cell = row.getCell(pc.col);
      if (pc.formula !== undefined) cell.value = { formula: pc.formula } as ExcelJS.CellFormulaValue;
      else if (pc.value !== undefined) cell.value = pc.value;
      if (pc.note) cell.note = pc.note;
      cell.style = styleOf(pc.style);
    }
  }
  // Merge after styling: ExcelJS gives merged cells the master's style.
  for (const m of s.merges) ws.mergeCells(m);
  for (const v of s.validations) {
    // Per cell: ExcelJS groups equal neighbours back into ranges when writing.
    const dv = dataValidation(v);
    if (v.range.includes(':'))
      (
        ws as unknown as { dataValidations: { add(range: string, dv: ExcelJS.DataValidation): void } }
      ).dataValidations.add(v.range, dv);
    else ws.getCell(v.range).dataValidation = dv;
  }
  s.conditionalFormats.forEach((cf, i) => {
    const style = plan.conditionalStyles[cf.style];
    if (!style)
      throw new Error(`Kế hoạch trang tính «${s.name}» dùng kiểu định dạng có điều kiện «${cf.style}» không có`);
    ws.addConditionalFormatting({
      ref: cf.range,
      rules: [{ type: 'expression', priority: i + 1, formulae: [cf.formula], style: conditionalStyle(style) }],
    });
  });
  if (s.print) {
    const p = s.print;
    ws.pageSetup = {
      ...ws.pageSetup,
      paperSize: 9, // A4
      orientation: p.orientation,
      fitToPage: true,
      fitToWidth: p.fitToWidth,
      fitToHeight: 0,
      horizontalCentered: p.horizontalCentered,
      margins: p.margins,
      ...(p.printTitlesRow ? { printTitlesRow: p.printTitlesRow } : {}),
      // ExcelJS prefixes each corner with `$` only before the column: `A$1:E$40` becomes `$A$1:$E$40`.
      ...(p.printArea ? { printArea: p.printArea.replace(/([A-Z]+)(\d+)/g, '$1$$$2') } : {}),
    };
    if (p.footer) ws.headerFooter = { oddFooter: p.footer };
  }
  if (s.protection?.enabled) {
    const a = s.protection;
    await ws.protect('', {
      selectLockedCells: a.allowSelectLocked,
      selectUnlockedCells: a.allowSelectUnlocked,
      formatColumns: a.allowFormatColumns,
      formatRows: a.allowFormatRows,
      insertRows: a.allowInsertRows,
      formatCells: false,
      insertColumns: false,
      deleteColumns: false,
      deleteRows: false,
      sort: false,
      autoFilter: false,
    });
  }
}

/** The plan as an ExcelJS workbook (for callers that post-process or stream it). */
export async function renderWorkbook(plan: WorkbookPlan): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = plan.properties.creator;
  wb.title = plan.properties.title;
  wb.subject = plan.properties.subject;
  if (plan.fullCalcOnLoad) wb.calcProperties = { ...wb.calcProperties, fullCalcOnLoad: true };
  const styleCache = new Map<string, Partial<ExcelJS.Style>>();
  for (const s of plan.sheets) await renderSheet(wb, plan, s, styleCache);
  for (const n of plan.names) {
    const m = /^\$([A-Z]+)\$(\d+)$/.exec(n.address);
    if (!m) throw new Error(`Tên «${n.name}»: địa chỉ «${n.address}» không hợp lệ`);
    const cell = wb.getWorksheet(n.sheet)!.getCell(`${m[1]}${m[2]}`);
    wb.definedNames.addEx(
      {
        sheetName: n.sheet,
        address: cell.address,
        row: Number(cell.row),
        col: Number(cell.col),
      } as unknown as ExcelJS.Location,
      n.name,
    );
  }
  return wb;
}

/** The plan as .xlsx bytes, with no Node API: the CLI's files and the browser's downloads are these bytes. */
export async function workbookBytes(plan: WorkbookPlan): Promise<Uint8Array> {
  const wb = await renderWorkbook(plan);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The plan as .xlsx bytes (a Node Buffer). */
export async function writeWorkbookBuffer(plan: WorkbookPlan): Promise<Buffer> {
  const bytes = await workbookBytes(plan);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Writes the plan to `file`; `overwrite` false refuses an existing file (the caller words the message). */
export async function writeWorkbookFile(
  plan: WorkbookPlan,
  file: string,
  opts: { overwrite?: boolean } = {},
): Promise<number> {
  const buf = await writeWorkbookBuffer(plan);
  await fs.writeFile(file, buf, { flag: opts.overwrite ? 'w' : 'wx' });
  return buf.length;
}
