/**
 * Renders a WorkbookPlan with ExcelJS. A thin walker: every decision (text, style, lock,
 * validation, print setup, names) is in the plan; this file only translates it into
 * ExcelJS calls, as the add-in's Office.js renderer translates it into Excel.* calls.
 * The same walk feeds an in-memory workbook (workbookBytes: the file tool's downloads; no Node API)
 * and ExcelJS's streaming writer (xlsx-write-file.ts: the files `cchc new` and `cchc consolidate`
 * write).
 */
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { isFormulaLikeText } from '../core/layout/formula-like';
import { setZipTimes } from './zip-times';
import type {
  CellStyle,
  ConditionalStyle,
  PlanSheet,
  PlanValidation,
  PrintSetup,
  WorkbookPlan,
} from '../core/layout/types';

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

/** The page setup ExcelJS writes for a plan's print setup (given when the sheet is added: see streamingSheet). */
function pageSetup(p: PrintSetup): Partial<ExcelJS.PageSetup> {
  return {
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
}

/** What walking a plan found out that the finished file depends on. */
export interface Walked {
  /** Some cell holds text that starts like a formula (its style then needs Excel's quote prefix). */
  formulaLike: boolean;
}

/**
 * The one walker of a plan: every sheet, row, cell, merge, validation, conditional format, print
 * setup, protection and name, as ExcelJS calls. `wb` is an in-memory Workbook (workbookBytes) or
 * ExcelJS's streaming WorkbookWriter (writeWorkbookFile): with `streaming`, each row is committed —
 * written out and released — as soon as no merge still needs it, and each sheet when it is done, so
 * a breakdown of thousands of units never has all its cells in memory at once.
 */
export async function renderPlan(
  wb: ExcelJS.Workbook,
  plan: WorkbookPlan,
  when: Date,
  streaming: boolean,
): Promise<Walked> {
  wb.created = when;
  wb.modified = when;
  wb.creator = plan.properties.creator;
  wb.lastModifiedBy = plan.properties.creator;
  wb.title = plan.properties.title;
  wb.subject = plan.properties.subject;
  // (the streaming writer leaves calcProperties out: xlsx-write-file.ts writes fullCalcOnLoad itself)
  if (plan.fullCalcOnLoad) wb.calcProperties = { ...wb.calcProperties, fullCalcOnLoad: true };
  const walked: Walked = { formulaLike: false };
  const styleCache = new Map<string, Partial<ExcelJS.Style>>();
  for (const s of plan.sheets) await renderSheet(wb, plan, s, styleCache, walked, streaming);
  for (const n of plan.names) {
    const m = /^\$([A-Z]+)\$(\d+)$/.exec(n.address);
    if (!m) throw new Error(`Tên «${n.name}»: địa chỉ «${n.address}» không hợp lệ`);
    const row = Number(m[2]);
    wb.definedNames.addEx(
      { sheetName: n.sheet, address: `${m[1]}${row}`, row, col: columnNumber(m[1]) } as unknown as ExcelJS.Location,
      n.name,
    );
  }
  return walked;
}

/** `A` → 1, `AB` → 28. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** A merge range's corners (`A1:E2` → rows 1 and 2). */
function mergeRows(range: string): { top: number; bottom: number } {
  const rows = [...range.matchAll(/\d+/g)].map((x) => Number(x[0]));
  return { top: Math.min(...rows), bottom: Math.max(...rows) };
}

async function renderSheet(
  wb: ExcelJS.Workbook,
  plan: WorkbookPlan,
  s: PlanSheet,
  styleCache: Map<string, Partial<ExcelJS.Style>>,
  walked: Walked,
  streaming: boolean,
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
    // Given here rather than set later: the streaming writer writes fitToPage when the sheet is added.
    ...(s.print ? { pageSetup: pageSetup(s.print) } : {}),
  });
  if (streaming) streamingSheet(ws);
  ws.columns = s.columns.map((width) => ({ width }));
  if (s.print?.footer) ws.headerFooter = { oddFooter: s.print.footer };
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
  // Validations, conditional formats and protection belong to the sheet, not to its rows: given
  // before the rows, while a streaming sheet still takes them.
  for (const v of s.validations)
    // Per cell: ExcelJS groups equal neighbours back into ranges when writing.
    (
      ws as unknown as { dataValidations: { add(range: string, dv: ExcelJS.DataValidation): void } }
    ).dataValidations.add(v.range, dataValidation(v));
  s.conditionalFormats.forEach((cf, i) => {
    const style = plan.conditionalStyles[cf.style];
    if (!style)
      throw new Error(`Kế hoạch trang tính «${s.name}» dùng kiểu định dạng có điều kiện «${cf.style}» không có`);
    ws.addConditionalFormatting({
      ref: cf.range,
      rules: [{ type: 'expression', priority: i + 1, formulae: [cf.formula], style: conditionalStyle(style) }],
    });
  });
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

  // Merge after styling: ExcelJS gives merged cells the master's style. Streaming, a merge is made
  // once its last row is written, and rows are committed up to the row above the first one a merge
  // not yet made covers.
  const merges = s.merges.map((range) => ({ range, ...mergeRows(range), made: false }));
  const byBottom = [...merges].sort((a, b) => a.bottom - b.bottom);
  const byTop = [...merges].sort((a, b) => a.top - b.top);
  let nextMerge = 0; // in byBottom
  let firstOpen = 0; // in byTop: the first merge not yet made
  const mergeUpTo = (r: number) => {
    for (; nextMerge < byBottom.length && byBottom[nextMerge].bottom <= r; nextMerge++) {
      ws.mergeCells(byBottom[nextMerge].range);
      byBottom[nextMerge].made = true;
    }
  };
  let committed = 0;
  let lastRow = 0;
  let sinceYield = 0;
  for (const pr of s.rows) {
    if (streaming) {
      if (pr.r <= lastRow) throw new Error(`Kế hoạch trang tính «${s.name}»: dòng ${pr.r} không theo thứ tự`);
      lastRow = pr.r;
    }
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
      // then adds quotePrefix to the text-format styles (see quotePrefixStyles).
      if (isFormulaLikeText(pc)) {
        cell.style = { ...cell.style, numFmt: '@' };
        walked.formulaLike = true;
      }
    }
    if (!streaming) continue;
    mergeUpTo(pr.r);
    while (firstOpen < byTop.length && byTop[firstOpen].made) firstOpen++;
    const upTo = firstOpen < byTop.length ? Math.min(pr.r, byTop[firstOpen].top - 1) : pr.r;
    if (upTo > committed) {
      ws.getRow(upTo).commit();
      committed = upTo;
    }
    // Let the zip take what was written: the sheet is not held as XML either.
    if (++sinceYield === 64) {
      sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  mergeUpTo(Infinity);
  if (streaming) (ws as unknown as StreamingSheet).commit();
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

/** Adds quotePrefix="1" to the cell formats (styles.xml) using the text format (@, built-in 49). */
export function quotePrefixStyles(xml: string): string {
  const cellXfs = /<cellXfs[^>]*>[\s\S]*?<\/cellXfs>/.exec(xml);
  if (!cellXfs) return xml;
  const patched = cellXfs[0].replace(
    /<xf ([^>]*?)numFmtId="49"([^>]*?)(\/?)>/g,
    '<xf $1numFmtId="49"$2 quotePrefix="1"$3>',
  );
  return xml.replace(cellXfs[0], patched);
}

/** The same, in a whole .xlsx (the in-memory writer's bytes). */
function addQuotePrefix(xlsx: Uint8Array, when: Date): Uint8Array {
  const parts = unzipSync(xlsx);
  const name = 'xl/styles.xml';
  parts[name] = strToU8(quotePrefixStyles(strFromU8(parts[name])));
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

/**
 * The plan as .xlsx bytes, with no Node API: the file tool's downloads are these bytes (ExcelJS's
 * browser build has no streaming writer), and the same plan and options give the same bytes (fixed
 * timestamps, quote prefixes). writeWorkbookFile streams the same walk to a file (`cchc new`,
 * `cchc consolidate`).
 */
export async function workbookBytes(plan: WorkbookPlan, opts: WriteOptions = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const when = workbookTimestamp(plan, opts.timestamp);
  const walked = await renderPlan(wb, plan, when, false);
  let bytes: Uint8Array = new Uint8Array(await wb.xlsx.writeBuffer());
  if (walked.formulaLike) bytes = addQuotePrefix(bytes, when);
  setZipTimes(bytes, when);
  return bytes;
}

/** The plan as .xlsx bytes (a Node Buffer). */
export async function writeWorkbookBuffer(plan: WorkbookPlan, opts: WriteOptions = {}): Promise<Buffer> {
  const bytes = await workbookBytes(plan, opts);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** What of ExcelJS's streaming worksheet (lib/stream/xlsx/worksheet-writer.js) the walker and its fixes use. */
interface StreamingSheet {
  commit(): void;
  pageSetup: Partial<ExcelJS.PageSetup>;
  stream: { write(text: string): void };
  _writeCloseSheetData(): void;
  _writeSheetProtection(): void;
  _writePageMargins(): void;
}

/**
 * Mends what ExcelJS 4.4's streaming worksheet writes differently from its in-memory one (whose
 * output is the reference: lib/xlsx/xform/sheet/worksheet-xform.js), by wrapping two of its steps:
 * - it writes <sheetProtection> after <dataValidations>, where the schema (CT_Worksheet) and Excel,
 *   which then offers to "repair" the file, want it right after </sheetData>: written there instead;
 * - it never writes <printOptions> (print centred horizontally, print gridlines): written before
 *   <pageMargins>, where the schema wants it, as the in-memory writer does.
 * Views, fitToPage and the page setup are given when the sheet is added (renderSheet): the
 * streaming writer writes <sheetPr> and <sheetViews> at once.
 */
function streamingSheet(ws: ExcelJS.Worksheet): void {
  const w = ws as unknown as StreamingSheet;
  const writeProtection = w._writeSheetProtection.bind(w);
  const closeSheetData = w._writeCloseSheetData.bind(w);
  const writeMargins = w._writePageMargins.bind(w);
  w._writeSheetProtection = () => undefined;
  w._writeCloseSheetData = () => {
    closeSheetData();
    writeProtection();
  };
  w._writePageMargins = () => {
    const p = w.pageSetup;
    // The attributes in the order and form of ExcelJS's PrintOptionsXform.
    const attrs = [
      p.showRowColHeaders ? ' headings="1"' : '',
      p.showGridLines ? ' gridLines="1"' : '',
      p.horizontalCentered ? ' horizontalCentered="1"' : '',
      p.verticalCentered ? ' verticalCentered="1"' : '',
    ].join('');
    if (attrs) w.stream.write(`<printOptions${attrs}/>`);
    writeMargins();
  };
}
