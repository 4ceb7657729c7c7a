/**
 * Renders a WorkbookPlan with ExcelJS. A thin walker: every decision (text, style, lock,
 * validation, print setup, names) is in the plan; this file only translates it into
 * ExcelJS calls, as the add-in's Office.js renderer translates it into Excel.* calls.
 */
import { promises as fs } from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { isFormulaLikeText } from '../core/layout/formula-like';
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
              showGridLines: s.gridlines ?? false,
            },
          ]
        : [{ showGridLines: s.gridlines ?? s.state !== 'visible' }],
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
      // Text a unit typed that starts like a formula keeps Excel's quote prefix: editing the cell
      // or exporting the sheet cannot turn it into one.
      // ExcelJS does not write quotePrefix: such a cell gets the text format (@), and the writer
      // then adds quotePrefix to the text-format styles (see addQuotePrefix).
      if (isFormulaLikeText(pc)) cell.style = { ...cell.style, numFmt: '@' };
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
      ...(p.gridlines ? { showGridLines: true } : {}),
      margins: p.margins,
      ...(p.printTitlesRow ? { printTitlesRow: p.printTitlesRow } : {}),
      ...(p.printTitlesColumns ? { printTitlesColumn: p.printTitlesColumns } : {}),
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

/**
 * The time a workbook states (docProps/core.xml, zip entries): given, else the report's date,
 * else 1 January of its year — never the clock, so the same inputs and options give the same
 * bytes and an official can compare two runs.
 */
export function workbookTimestamp(plan: WorkbookPlan, given?: Date): Date {
  if (given && !Number.isNaN(given.getTime())) return given;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(plan.meta.date ?? '');
  if (m) return new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])));
  return new Date(Date.UTC(plan.meta.year || 2000, 0, 1));
}

/** Adds quotePrefix="1" to the cell formats using the text format (@, built-in 49). */
function addQuotePrefix(xlsx: Uint8Array, when: Date): Uint8Array {
  const parts = unzipSync(xlsx);
  const name = 'xl/styles.xml';
  const xml = strFromU8(parts[name]);
  const cellXfs = /<cellXfs[^>]*>[\s\S]*?<\/cellXfs>/.exec(xml);
  if (!cellXfs) return xlsx;
  const patched = cellXfs[0].replace(
    /<xf ([^>]*?)numFmtId="49"([^>]*?)(\/?)>/g,
    '<xf $1numFmtId="49"$2 quotePrefix="1"$3>',
  );
  parts[name] = strToU8(xml.replace(cellXfs[0], patched));
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [n, data] of Object.entries(parts)) files[n] = [data, { mtime: when }];
  return zipSync(files, { level: 6 });
}

export interface WriteOptions {
  /** The time the workbook states (default: workbookTimestamp). */
  timestamp?: Date;
}

/**
 * Loads the writer's library now rather than at the first workbook written (the CLI loads ExcelJS
 * lazily: about a tenth of a second it can spend while its reading threads start).
 */
export function preloadWriter(): void {
  void ExcelJS.Workbook;
}

/** The plan as an ExcelJS workbook (for callers that post-process or stream it). */
export async function renderWorkbook(plan: WorkbookPlan, opts: WriteOptions = {}): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const when = workbookTimestamp(plan, opts.timestamp);
  wb.created = when;
  wb.modified = when;
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

/**
 * The plan as .xlsx bytes, with no Node API: the CLI's files and the file tool's downloads are these
 * bytes, and the same plan and options give the same bytes (fixed timestamps, quote prefixes).
 */
export async function workbookBytes(plan: WorkbookPlan, opts: WriteOptions = {}): Promise<Uint8Array> {
  const wb = await renderWorkbook(plan, opts);
  const when = workbookTimestamp(plan, opts.timestamp);
  let bytes: Uint8Array = new Uint8Array(await wb.xlsx.writeBuffer());
  if (plan.sheets.some((s) => s.rows.some((r) => r.cells.some(isFormulaLikeText)))) bytes = addQuotePrefix(bytes, when);
  setZipTimes(bytes, when);
  return bytes;
}

/** The plan as .xlsx bytes (a Node Buffer). */
export async function writeWorkbookBuffer(plan: WorkbookPlan, opts: WriteOptions = {}): Promise<Buffer> {
  const bytes = await workbookBytes(plan, opts);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Sets every entry's modification time in a zip (local headers and central directory) in place. */
export function setZipTimes(zip: Uint8Array, when: Date): void {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const year = Math.min(Math.max(when.getUTCFullYear(), 1980), 2107);
  const dosDate = ((year - 1980) << 9) | ((when.getUTCMonth() + 1) << 5) | when.getUTCDate();
  const dosTime = (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | (when.getUTCSeconds() >> 1);
  let eocd = -1;
  for (let p = zip.length - 22; p >= Math.max(0, zip.length - 22 - 65535); p--) {
    if (v.getUint32(p, true) === 0x06054b50) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw new Error('Tệp .xlsx vừa tạo không có mục lục zip');
  const count = v.getUint16(eocd + 10, true);
  let p = v.getUint32(eocd + 16, true);
  for (let k = 0; k < count; k++) {
    if (v.getUint32(p, true) !== 0x02014b50) throw new Error('Mục lục zip của tệp .xlsx vừa tạo bị hỏng');
    v.setUint16(p + 12, dosTime, true);
    v.setUint16(p + 14, dosDate, true);
    const local = v.getUint32(p + 42, true);
    if (v.getUint32(local, true) === 0x04034b50) {
      v.setUint16(local + 10, dosTime, true);
      v.setUint16(local + 12, dosDate, true);
    }
    p += 46 + v.getUint16(p + 28, true) + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
  }
}

/**
 * Writes the plan to `file` through a temporary file in the same folder, renamed into place: a
 * link at `file` is replaced, never written through, and a failed write leaves no half file.
 * `overwrite` false refuses an existing file (the caller words the message).
 */
export async function writeWorkbookFile(
  plan: WorkbookPlan,
  file: string,
  opts: WriteOptions & { overwrite?: boolean } = {},
): Promise<number> {
  const buf = await writeWorkbookBuffer(plan, opts);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  await fs.writeFile(tmp, buf, { flag: 'wx' });
  try {
    if (opts.overwrite) await fs.rename(tmp, file);
    else {
      await fs.link(tmp, file); // fails with EEXIST when the file is there
      await fs.unlink(tmp);
    }
  } catch (e) {
    await fs.unlink(tmp).catch(() => undefined);
    throw e;
  }
  return buf.length;
}
