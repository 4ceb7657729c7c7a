/**
 * Template → sheet plan. One sheet per form (BNV 2022, 2024) or every form stacked in one
 * table (1B); a title block on the first sheet, the two header rows, one line per template
 * row; value cells formatted, validated, locked or open by kind and level; ratio rows as
 * formulas; a defined name per value cell and a very-hidden metadata sheet.
 */
import { levelInfo, periodInfo, periodTitle } from '../template/levels';
import { reportsRow, type Template } from '../template/load';
import type { FormDef, RowDef } from '../template/schema';
import { computedFormula, computedRows, type ComputedRow } from './computed';
import { a1, absA1, COLUMN_WIDTHS, COLUMNS, rowHeight, sheetRef, TABLE_WIDTH } from './measure';
import { META_FORMAT, META_SHEET, META_VERSION, metaSheetMatrix, nameForRow } from './names';
import {
  BODY_SIZE,
  buildConditionalStyles,
  buildStyles,
  HEADING_SIZE,
  NOTE_SIZE,
  TITLE_SIZE,
  valueStyleKey,
} from './styles';
import { attachmentLine, fillTitle, periodColumnHeader, periodPhrase, reportNumberProblem } from './titles';
import type {
  PlanCell,
  PlanConditionalFormat,
  PlanName,
  PlanOptions,
  PlanRow,
  PlanSheet,
  PlanValidation,
  RowLocation,
  RuleFormulaContext,
  WorkbookPlan,
} from './types';
import { clip, kindValidation, legendText, MESSAGE_MAX, TITLE_MAX, withinLimits } from './validations';

export class LayoutError extends Error {
  override name = 'LayoutError';
}

const LAST_COL = COLUMNS.note.col;
const fullWidth = (r: number) => `A${r}:${a1(LAST_COL, r)}`;
const DATE_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Checks a DD/MM/YYYY date; returns a Vietnamese problem or undefined. */
export function dateProblem(date: string): string | undefined {
  const m = DATE_RE.exec(date.trim());
  if (!m) return `Ngày «${date}» không đúng dạng DD/MM/YYYY (ví dụ 10/06/2022)`;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const real = new Date(Date.UTC(y, mo - 1, d));
  if (real.getUTCFullYear() !== y || real.getUTCMonth() !== mo - 1 || real.getUTCDate() !== d)
    return `Ngày «${date}» không có thật`;
  return undefined;
}

function checkOptions(t: Template, opts: PlanOptions): void {
  if (!t.levels.includes(opts.level)) {
    throw new LayoutError(
      `Mẫu «${t.id}» không dành cho cấp «${opts.level}». Các cấp của mẫu: ${t.levels.map((l) => `${l} (${levelInfo(l).name})`).join(', ')}`,
    );
  }
  periodInfo(opts.period);
  if (!Number.isInteger(opts.year) || opts.year < 2000 || opts.year > 2100)
    throw new LayoutError(`Năm báo cáo «${opts.year}» không hợp lệ (cần năm từ 2000 đến 2100)`);
  if (!opts.unit.trim()) throw new LayoutError('Thiếu tên đơn vị báo cáo');
  if (opts.date !== undefined) {
    const p = dateProblem(opts.date);
    if (p) throw new LayoutError(p);
  }
  if (opts.reportNo !== undefined) {
    const p = reportNumberProblem(opts.reportNo, opts.unit);
    if (p) throw new LayoutError(p);
  }
}

/** In a single table, rows numbered at the top level ("1", "2.", "VII.") are the area headings. */
function isAreaRow(row: RowDef): boolean {
  return /^([0-9]+|[IVX]+)\.?$/.test(row.stt.trim());
}

interface SheetDraft {
  sheet: PlanSheet;
  r: number;
}

function newSheet(name: string): SheetDraft {
  return {
    sheet: {
      name,
      state: 'visible',
      columns: [...COLUMN_WIDTHS],
      rows: [],
      merges: [],
      validations: [],
      conditionalFormats: [],
      frozenRows: 0,
    },
    r: 1,
  };
}

/** A line across the table's width holding one text. */
function bannerRow(
  d: SheetDraft,
  text: string,
  style: string,
  size: number,
  bold: boolean,
  role: PlanRow['role'],
): void {
  d.sheet.rows.push({
    r: d.r,
    role,
    height: rowHeight([{ text, width: TABLE_WIDTH, size, bold }]),
    cells: [{ col: 1, value: text, style }],
  });
  d.sheet.merges.push(fullWidth(d.r));
  d.r++;
}

function spacer(d: SheetDraft, height = 8): void {
  d.sheet.rows.push({ r: d.r, role: 'title', height, cells: [] });
  d.r++;
}

export function planWorkbook(t: Template, opts: PlanOptions): WorkbookPlan {
  checkOptions(t, opts);
  const { level } = opts;
  const computed = computedRows(t, level);
  const styles = buildStyles();
  const locations = new Map<string, RowLocation>();
  const draftOf = new Map<string, SheetDraft>();
  const drafts: SheetDraft[] = [];
  const titleText = fillTitle(t.title, opts.period, opts.year);

  const titleBlock = (d: SheetDraft) => {
    bannerRow(d, t.appendixLabel, 'appendix', HEADING_SIZE, true, 'title');
    bannerRow(d, titleText, 'title', TITLE_SIZE, true, 'title');
    // A title without the period (2024 layout: "DANH SÁCH CÁC PHỤ LỤC") gets it on its own line,
    // so a printed or received file always says which period it reports.
    if (!/\{period\}/i.test(t.title))
      bannerRow(d, periodTitle(opts.period, opts.year), 'title', TITLE_SIZE, true, 'title');
    bannerRow(d, attachmentLine(opts), 'attach', HEADING_SIZE, false, 'title');
    spacer(d);
  };
  const formBlock = (d: SheetDraft, form: FormDef) => {
    bannerRow(d, form.title, 'form-title', HEADING_SIZE, true, 'form');
    bannerRow(d, form.heading ?? form.name, 'form-name', HEADING_SIZE, true, 'form');
    spacer(d);
  };
  const headerBlock = (d: SheetDraft): [number, number] => {
    const [h1, h2] = [d.r, d.r + 1];
    const cell = (col: number, value: string): PlanCell => ({ col, value, style: 'header' });
    const blank = (col: number): PlanCell => ({ col, style: 'header' });
    const C = COLUMNS;
    let top: PlanCell[];
    let bottom: PlanCell[];
    if (t.header === 'period') {
      top = [
        cell(C.stt.col, 'STT'),
        cell(C.label.col, 'Chỉ tiêu thống kê'),
        cell(C.unit.col, 'Đơn vị tính'),
        cell(C.value.col, periodColumnHeader(opts.period, opts.year)),
        blank(C.note.col),
      ];
      bottom = [
        blank(C.stt.col),
        blank(C.label.col),
        blank(C.unit.col),
        cell(C.value.col, t.valueHeader),
        cell(C.note.col, 'Ghi chú'),
      ];
      d.sheet.merges.push(
        `${a1(C.stt.col, h1)}:${a1(C.stt.col, h2)}`,
        `${a1(C.label.col, h1)}:${a1(C.label.col, h2)}`,
        `${a1(C.unit.col, h1)}:${a1(C.unit.col, h2)}`,
        `${a1(C.value.col, h1)}:${a1(C.note.col, h1)}`,
      );
    } else {
      top = [
        cell(C.stt.col, 'STT'),
        cell(C.label.col, 'Chỉ tiêu thống kê\n(Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)'),
        cell(C.unit.col, 'Kết quả thống kê'),
        blank(C.value.col),
        cell(C.note.col, 'Ghi chú'),
      ];
      bottom = [
        blank(C.stt.col),
        blank(C.label.col),
        cell(C.unit.col, 'Đơn vị tính'),
        cell(C.value.col, t.valueHeader),
        blank(C.note.col),
      ];
      d.sheet.merges.push(
        `${a1(C.stt.col, h1)}:${a1(C.stt.col, h2)}`,
        `${a1(C.label.col, h1)}:${a1(C.label.col, h2)}`,
        `${a1(C.unit.col, h1)}:${a1(C.value.col, h1)}`,
        `${a1(C.note.col, h1)}:${a1(C.note.col, h2)}`,
      );
    }
    // Heights: the spanning header decides the top row, the sub-headers the bottom row;
    // the pair must hold the cells merged over both rows.
    const spanText = String((t.header === 'period' ? top[3] : top[2]).value);
    const spanWidth = t.header === 'period' ? C.value.width + C.note.width : C.unit.width + C.value.width;
    let topH = rowHeight([{ text: spanText, width: spanWidth, size: BODY_SIZE, bold: true }]);
    let bottomH = rowHeight([
      {
        text: t.header === 'period' ? 'Ghi chú' : 'Đơn vị tính',
        width: t.header === 'period' ? C.note.width : C.unit.width,
        size: BODY_SIZE,
        bold: true,
      },
      { text: t.valueHeader, width: C.value.width, size: BODY_SIZE, bold: true },
    ]);
    const spanned = rowHeight(
      top
        .filter((c) => c.value !== undefined && c !== top[t.header === 'period' ? 3 : 2])
        .map((c) => ({ text: String(c.value), width: COLUMN_WIDTHS[c.col - 1], size: BODY_SIZE, bold: true })),
    );
    if (topH + bottomH < spanned) {
      const extra = (spanned - topH - bottomH) / 2;
      topH += extra;
      bottomH += extra;
    }
    d.sheet.rows.push({ r: h1, role: 'header', height: topH, cells: top });
    d.sheet.rows.push({ r: h2, role: 'header', height: bottomH, cells: bottom });
    d.r += 2;
    return [h1, h2];
  };

  const dataRow = (d: SheetDraft, row: RowDef, bold: boolean) => {
    const r = d.r++;
    const reported = reportsRow(t, row, level);
    const comp = computed.get(row.id);
    const state = comp ? 'computed' : reported ? 'input' : 'not-reported';
    const unitText = row.kind === 'code' && row.codes?.length ? legendText(row.codes, '\n') : row.unit;
    const valueAddr = a1(COLUMNS.value.col, r);
    const cells: PlanCell[] = [
      { col: COLUMNS.stt.col, value: row.stt, style: bold ? 'stt-group' : 'stt' },
      { col: COLUMNS.label.col, value: row.label, style: bold ? 'label-group' : 'label' },
      {
        col: COLUMNS.unit.col,
        ...(unitText ? { value: unitText } : {}),
        style: bold && row.kind === 'group' ? 'unit-group' : 'unit',
      },
      { col: COLUMNS.value.col, style: valueStyleKey(row.kind, state) },
      { col: COLUMNS.note.col, ...(row.note ? { value: row.note } : {}), style: 'note' },
    ];
    d.sheet.rows.push({
      r,
      role: 'data',
      rowId: row.id,
      height: rowHeight([
        { text: row.label, width: COLUMNS.label.width, size: BODY_SIZE, bold },
        { text: unitText, width: COLUMNS.unit.width, size: BODY_SIZE },
        { text: row.note ?? '', width: COLUMNS.note.width, size: NOTE_SIZE },
      ]),
      cells,
    });
    if (state === 'input') {
      const v = kindValidation(row, valueAddr);
      if (v) d.sheet.validations.push(withinLimits(v));
    }
    locations.set(row.id, { rowId: row.id, sheet: d.sheet.name, address: valueAddr, name: nameForRow(row.id) });
    draftOf.set(row.id, d);
  };

  const finishTable = (d: SheetDraft, header: [number, number], firstDataRow: number) => {
    const last = d.r - 1;
    d.sheet.frozenRows = header[1];
    d.sheet.table = { headerRows: header, firstDataRow, lastDataRow: last, valueCol: COLUMNS.value.col };
    d.sheet.print = {
      paperSize: 'A4',
      orientation: 'portrait',
      fitToWidth: 1,
      // Nghị định 30/2020: top 20 mm, bottom 20 mm, left 30 mm, right 15 mm.
      margins: { left: 1.18, right: 0.59, top: 0.79, bottom: 0.79, header: 0.3, footer: 0.3 },
      printTitlesRow: `${header[0]}:${header[1]}`,
      horizontalCentered: true,
      footer: '&C&"Times New Roman"&11&P',
    };
    d.sheet.protection = {
      enabled: true,
      allowFormatColumns: true,
      allowFormatRows: true,
      allowInsertRows: true,
      allowSelectLocked: true,
      allowSelectUnlocked: true,
    };
  };

  if (t.layout === 'single-table') {
    const d = newSheet(t.forms[0].sheet);
    drafts.push(d);
    titleBlock(d);
    const header = headerBlock(d);
    const first = d.r;
    for (const form of t.forms) {
      const areaRowPresent = isAreaRow(form.rows[0]);
      if (!areaRowPresent) {
        const r = d.r++;
        d.sheet.rows.push({
          r,
          role: 'form',
          height: rowHeight([{ text: form.name, width: COLUMNS.label.width, size: BODY_SIZE, bold: true }]),
          cells: [
            { col: COLUMNS.stt.col, style: 'stt-group' },
            { col: COLUMNS.label.col, value: form.name, style: 'label-group' },
            { col: COLUMNS.unit.col, style: 'unit-group' },
            { col: COLUMNS.value.col, style: 'value-group' },
            { col: COLUMNS.note.col, style: 'note' },
          ],
        });
      }
      for (const row of form.rows) dataRow(d, row, row.kind === 'group' || isAreaRow(row));
    }
    finishTable(d, header, first);
  } else {
    t.forms.forEach((form, i) => {
      const d = newSheet(form.sheet);
      drafts.push(d);
      if (i === 0) titleBlock(d);
      formBlock(d, form);
      const header = headerBlock(d);
      const first = d.r;
      for (const row of form.rows) dataRow(d, row, row.kind === 'group');
      finishTable(d, header, first);
    });
  }

  // Formulas of computed rows, now that every row has its cell.
  const addressFrom = (fromSheet: string) => (rowId: string) => {
    const loc = locations.get(rowId);
    if (!loc) throw new LayoutError(`Chỉ tiêu «${rowId}» không có ô trong bảng`);
    return loc.sheet === fromSheet ? loc.address : sheetRef(loc.sheet, loc.address);
  };
  for (const c of computed.values()) setFormula(c);
  function setFormula(c: ComputedRow) {
    const d = draftOf.get(c.rowId)!;
    const loc = locations.get(c.rowId)!;
    const rowNo = Number(/\d+$/.exec(loc.address)![0]);
    const cell = d.sheet.rows.find((x) => x.r === rowNo)!.cells.find((x) => x.col === COLUMNS.value.col)!;
    cell.formula = computedFormula(c, addressFrom(d.sheet.name));
  }

  // The rule compiler's conditional formats and validations.
  if (opts.ruleFormulas) {
    const ctx: RuleFormulaContext = {
      level,
      cellOf: (id) => {
        const l = locations.get(id);
        return l ? { sheet: l.sheet, address: l.address } : undefined;
      },
      addressOf: (id, fromSheet) => {
        const l = locations.get(id);
        if (!l) return undefined;
        return fromSheet === undefined || fromSheet === l.sheet ? l.address : sheetRef(l.sheet, l.address);
      },
      sheetOf: (id) => locations.get(id)?.sheet,
      nameOf: (id) => nameForRow(id),
      reports: (id) => {
        const row = t.rowsById.get(id);
        return !!row && reportsRow(t, row, level);
      },
      isComputed: (id) => computed.has(id),
      kindOf: (id) => t.rowsById.get(id)?.kind,
    };
    const out = opts.ruleFormulas(ctx);
    const sheetByName = new Map(drafts.map((d) => [d.sheet.name, d.sheet]));
    const target = (name: string, what: string) => {
      const s = sheetByName.get(name);
      if (!s) throw new LayoutError(`${what}: không có trang tính «${name}»`);
      return s;
    };
    for (const cf of out.conditionalFormats) {
      const s = target(cf.sheet, `Định dạng có điều kiện${cf.ruleId ? ` của quy tắc «${cf.ruleId}»` : ''}`);
      const plan: PlanConditionalFormat = {
        range: cf.range,
        formula: cf.formula,
        style: `cf-${cf.severity}`,
        ...(cf.note ? { note: cf.note } : {}),
        ...(cf.ruleId ? { ruleId: cf.ruleId } : {}),
      };
      s.conditionalFormats.push(plan);
    }
    for (const v of out.validations) {
      const s = target(v.sheet, `Kiểm tra dữ liệu${v.ruleId ? ` của quy tắc «${v.ruleId}»` : ''}`);
      mergeRuleValidation(s, t, v, locations);
    }
  }

  const names: PlanName[] = [...locations.values()].map((l) => ({
    name: l.name,
    sheet: l.sheet,
    address: absA1(COLUMNS.value.col, Number(/\d+$/.exec(l.address)![0])),
  }));
  const meta = {
    format: META_FORMAT,
    version: META_VERSION,
    templateId: t.id,
    templateVersion: t.version,
    level,
    period: opts.period,
    year: opts.year,
    unit: opts.unit,
    ...(opts.reportNo ? { reportNo: opts.reportNo } : {}),
    ...(opts.date ? { date: opts.date } : {}),
    rows: [...locations.values()],
  };
  const metaSheet = newSheet(META_SHEET).sheet;
  metaSheet.state = 'veryHidden';
  metaSheet.columns = [18, 40, 4, 16, 24, 10, 24];
  metaSheet.rows = metaSheetMatrix(meta).map((vals, i) => ({
    r: i + 1,
    role: 'meta',
    cells: vals.flatMap((v, c) => (v === null ? [] : [{ col: c + 1, value: v, style: 'meta' }])),
  }));

  return {
    sheets: [...drafts.map((d) => d.sheet), metaSheet],
    styles,
    conditionalStyles: buildConditionalStyles(),
    names,
    meta,
    properties: {
      title: `${t.appendixLabel} – ${titleText}`,
      subject: `${opts.unit} – ${periodPhrase(opts.period, opts.year)} (${levelInfo(level).name})`,
      creator: 'cchc',
    },
    fullCalcOnLoad: computed.size > 0,
  };
}

/** Excel's kind check as a formula on `addr` (used when a rule's validation lands on a typed cell). */
function kindCheckFormula(row: RowDef, addr: string): string | undefined {
  switch (row.kind) {
    case 'count':
      return `AND(ISNUMBER(${addr}),${addr}>=0,${addr}=INT(${addr}))`;
    case 'money':
      return `AND(ISNUMBER(${addr}),${addr}>=0)`;
    case 'percent':
      return `AND(ISNUMBER(${addr}),${addr}>=0,${addr}<=100)`;
    case 'code':
      return `OR(${(row.codes ?? []).map((c) => `${addr}=${c.value}`).join(',')})`;
    default:
      return undefined;
  }
}

/**
 * A cell holds one validation. A rule's validation on a single value cell that already
 * checks its kind is combined with it (AND of both, both messages); any other range is
 * added as is (where ranges overlap, the later validation wins in the renderer).
 */
function mergeRuleValidation(
  s: PlanSheet,
  t: Template,
  v: {
    range: string;
    formula: string;
    message: string;
    title?: string;
    severity?: 'error' | 'warning';
    ruleId?: string;
  },
  locations: Map<string, RowLocation>,
): void {
  const source = `rule:${v.ruleId ?? '?'}` as const;
  const errorStyle = v.severity === 'warning' ? ('warning' as const) : ('stop' as const);
  const idx = s.validations.findIndex((x) => x.range === v.range);
  if (idx >= 0) {
    const existing = s.validations[idx];
    const loc = [...locations.values()].find((l) => l.sheet === s.name && l.address === v.range);
    const row = loc && t.rowsById.get(loc.rowId);
    const kindCheck = row && kindCheckFormula(row, v.range);
    if (kindCheck) {
      s.validations[idx] = withinLimits({
        range: v.range,
        type: 'custom',
        formula: `AND(${kindCheck},${v.formula})`,
        allowBlank: true,
        errorStyle,
        errorTitle: clip(v.title ?? existing.errorTitle, TITLE_MAX),
        error: clip(`${v.message} ${existing.error}`, MESSAGE_MAX),
        ...(existing.promptTitle ? { promptTitle: existing.promptTitle } : {}),
        ...(existing.prompt ? { prompt: existing.prompt } : {}),
        source,
      });
      return;
    }
  }
  s.validations.push(
    withinLimits({
      range: v.range,
      type: 'custom',
      formula: v.formula,
      allowBlank: true,
      errorStyle,
      errorTitle: v.title ?? 'Số liệu chưa khớp',
      error: v.message,
      source,
    } satisfies PlanValidation),
  );
}

/** Rows of a plan's template sheets that carry a template row (for summaries). */
export function planDataRows(plan: WorkbookPlan): number {
  return plan.sheets.reduce((n, s) => n + s.rows.filter((r) => r.role === 'data').length, 0);
}
