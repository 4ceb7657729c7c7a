/**
 * Builders of received-style, hand-typed appendix workbooks from the seed tables, with
 * ExcelJS: the layouts officials use (one sheet per form, every form stacked on one sheet,
 * one long table with headers repeated after page breaks), their header shapes, column
 * orders, STT habits, and the ways numbers end up in cells (text typed the Vietnamese way,
 * what an en-US Excel makes of it, comma thousands as in seed 004, a vi-VN Excel's numbers).
 * Each builder also says where every seed row was written, so tests can check the reading.
 */
import ExcelJS from 'exceljs';
import { formatNumber } from '../../src/core/number';
import { COLUMNS, planWorkbook } from '../../src/core/layout';
import type { Template } from '../../src/core/template/load';
import type { LevelId } from '../../src/core/template/schema';
import { writeWorkbookBuffer } from '../../src/io/xlsx-write';
import type { Seed, SeedRow } from './seeds';
import { norm, normStt, seedNumber } from './seeds';

export type Habit = 'vn-text' | 'en-us' | 'comma-thousands' | 'vi-excel';
export type Layout = 'sheet-per-form' | 'stacked' | 'single-table';
export type HeaderStyle = 'one-row' | 'ket-qua' | 'period';
export type Column = 'stt' | 'label' | 'unit' | 'value' | 'note' | 'extra';
export type SttStyle = 'as-printed' | 'no-dot' | 'dot' | 'padded' | 'area-prefix' | 'number';

export interface HandmadeOptions {
  layout: Layout;
  habit: Habit;
  header?: HeaderStyle;
  columns?: Column[];
  stt?: SttStyle;
  /** single-table: repeat the header after this many data rows (a printed page). */
  repeatHeaderEvery?: number;
  /** Title block: `attached` "(Kèm theo Báo cáo số … của …)", `split` "ỦY BAN NHÂN DÂN" / "XÃ …", `none`. */
  titles?: 'attached' | 'split' | 'none';
  /** Empty rows above everything (the official's letterhead space). */
  topPadding?: number;
  /** Rewrites, drops (null) or multiplies rows before writing. */
  transform?: (row: SeedRow, formIndex: number, rowIndex: number) => SeedRow | SeedRow[] | null;
  fileTitle?: string;
  /** The forms in another order (indices into the seed's forms). */
  formOrder?: number[];
}

export interface Placement {
  formIndex: number;
  /** Index of the seed row in its form; -1 for a row the transform added. */
  rowIndex: number;
  sheet: string;
  row: number;
  /** What was written in the value cell. */
  written: string | number | null;
  /** The seed's printed value. */
  printed: string;
}

export interface Handmade {
  bytes: Buffer;
  placements: Placement[];
}

const DEFAULT_COLUMNS: Column[] = ['stt', 'label', 'unit', 'value', 'note'];

/** The value text an official types the Vietnamese way: `2.531`, `99,6`, `100%`, `07`. */
export function vietnameseText(printed: string): string {
  const v = printed.trim();
  const n = seedNumber(v);
  if (n === undefined || /^\d+$/.test(v)) return v;
  const pct = v.endsWith('%') ? '%' : '';
  return formatNumber(n) + pct;
}

/** 004's habit: comma thousands (`2,004`, `19,044`) and comma decimals (`90,55`). */
function commaThousandsText(printed: string): string {
  const v = printed.trim();
  const n = seedNumber(v);
  if (n === undefined || /^\d+$/.test(v)) return v;
  const pct = v.endsWith('%') ? '%' : '';
  if (Number.isInteger(n)) return n.toLocaleString('en-US') + pct;
  return String(n).replace('.', ',') + pct;
}

/** What an en-US Excel stores when the Vietnamese text is typed into a General cell. */
function enUsCell(vn: string): { value: string | number; numFmt?: string } {
  if (/^\d+$/.test(vn)) return { value: Number(vn) };
  if (/^\d+\.\d+$/.test(vn)) return { value: Number(vn) };
  if (/^\d{1,3}(,\d{3})+$/.test(vn)) return { value: Number(vn.replace(/,/g, '')) };
  const m = /^(\d+(?:\.(\d+))?)%$/.exec(vn);
  if (m) return { value: Number(m[1]) / 100, numFmt: m[2] ? `0.${'0'.repeat(m[2].length)}%` : '0%' };
  return { value: vn };
}

/** What a vi-VN Excel stores: numbers, percent as a fraction with a % format. */
function viExcelCell(vn: string): { value: string | number; numFmt?: string } {
  const m = /^(\d{1,3}(?:\.\d{3})*|\d+)(?:,(\d+))?(%)?$/.exec(vn);
  if (!m) return { value: vn };
  const n = Number(`${m[1].replace(/\./g, '')}${m[2] ? `.${m[2]}` : ''}`);
  const dec = m[2]?.length ?? 0;
  if (m[3]) return { value: n / 100, numFmt: dec ? `0.${'0'.repeat(dec)}%` : '0%' };
  return { value: n, numFmt: dec ? `#,##0.${'0'.repeat(dec)}` : '#,##0' };
}

export function habitCell(printed: string, habit: Habit): { value: string | number | null; numFmt?: string } {
  const v = printed.trim();
  if (!v) return { value: null };
  const vn = vietnameseText(v);
  switch (habit) {
    case 'vn-text':
      return { value: vn };
    case 'comma-thousands':
      return { value: commaThousandsText(v) };
    case 'en-us':
      return enUsCell(vn);
    case 'vi-excel':
      return viExcelCell(vn);
  }
}

function sttText(stt: string, style: SttStyle, area: number): string | number {
  const s = stt.trim();
  if (!s) return '';
  const bare = s.replace(/\.$/, '');
  switch (style) {
    case 'as-printed':
      return s;
    case 'no-dot':
      return bare;
    case 'dot':
      return `${bare}.`;
    case 'padded':
      return `  ${s}  `;
    case 'area-prefix':
      return /^[IVX]+$/.test(bare) ? s : `${area}.${bare}`;
    case 'number':
      return /^\d+(\.\d)?$/.test(bare) && !/\.0$/.test(bare) ? Number(bare) : s;
  }
}

const HEAD: Record<Exclude<Column, 'value' | 'unit'>, string> = {
  stt: 'STT',
  label: 'Chỉ tiêu thống kê',
  note: 'Ghi chú',
  extra: 'Cơ quan chủ trì',
};

function writeHeader(
  ws: ExcelJS.Worksheet,
  r: number,
  cols: Column[],
  style: HeaderStyle,
  periodTitle: string,
): number {
  const at = (c: Column) => cols.indexOf(c) + 1;
  const bold = (row: number, col: number, text: string) => {
    const cell = ws.getCell(row, col);
    cell.value = text;
    cell.font = { bold: true, name: 'Times New Roman' };
  };
  if (style === 'one-row') {
    cols.forEach((c, i) => bold(r, i + 1, c === 'unit' ? 'Đơn vị tính' : c === 'value' ? 'Số liệu' : HEAD[c]));
    return r + 1;
  }
  const u = at('unit');
  const v = at('value');
  const n = at('note');
  // Two rows: a group title over two adjacent columns, the others merged down.
  const pair: [number, number] | undefined =
    style === 'ket-qua'
      ? Math.abs(u - v) === 1
        ? [Math.min(u, v), Math.max(u, v)]
        : undefined
      : Math.abs(v - n) === 1
        ? [Math.min(v, n), Math.max(v, n)]
        : undefined;
  cols.forEach((c, i) => {
    const col = i + 1;
    const sub = c === 'unit' ? 'Đơn vị tính' : c === 'value' ? 'Số liệu' : HEAD[c];
    if (pair && (col === pair[0] || col === pair[1])) {
      bold(r + 1, col, sub);
    } else {
      bold(r, col, sub);
      ws.mergeCells(r, col, r + 1, col);
    }
  });
  if (pair) {
    bold(r, pair[0], style === 'ket-qua' ? 'Kết quả thống kê' : periodTitle);
    ws.mergeCells(r, pair[0], r, pair[1]);
  }
  return r + 2;
}

interface Writer {
  ws: ExcelJS.Worksheet;
  r: number;
}

/** Builds a hand-typed workbook from a seed. */
export async function buildHandmade(seed: Seed, o: HandmadeOptions): Promise<Handmade> {
  const wb = new ExcelJS.Workbook();
  const cols = o.columns ?? DEFAULT_COLUMNS;
  const header = o.header ?? 'ket-qua';
  const sttStyle = o.stt ?? 'as-printed';
  const placements: Placement[] = [];
  const period = seed.period; // "6 tháng đầu năm 2022"
  const periodTitle = `Báo cáo cải cách hành chính ${period}`;
  const unitShort = seed.unit.replace(/^Ủy ban nhân dân /i, 'UBND ');
  const titles = o.titles ?? 'attached';

  const titleBlock = (w: Writer) => {
    w.r += o.topPadding ?? 0;
    const line = (text: string, bold = false) => {
      const c = w.ws.getCell(w.r, 1);
      c.value = text;
      c.font = { bold, name: 'Times New Roman' };
      w.ws.mergeCells(w.r, 1, w.r, cols.length);
      w.r++;
    };
    if (titles === 'split') {
      line('ỦY BAN NHÂN DÂN', true);
      line(unitShort.replace(/^UBND /, '').toLocaleUpperCase('vi'), true);
    }
    line(o.fileTitle ?? seed.forms[0].title.replace(/^Biểu mẫu \d+$/, 'Phụ lục 1'), true);
    line(`BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH ${period.toLocaleUpperCase('vi')}`, true);
    const year = /\d{4}/.exec(period)?.[0] ?? '2022';
    if (titles === 'attached') line(`(Kèm theo Báo cáo số 371/BC-UBND ngày 10/6/${year} của ${unitShort})`);
    w.r++;
  };

  const writeRow = (w: Writer, row: SeedRow, fi: number, ri: number) => {
    const cell = habitCell(row.value, o.habit);
    cols.forEach((c, i) => {
      const x = w.ws.getCell(w.r, i + 1);
      switch (c) {
        case 'stt': {
          const s = sttText(row.stt, sttStyle, fi + 1);
          if (s !== '') x.value = s;
          break;
        }
        case 'label':
          x.value = row.label;
          break;
        case 'unit':
          if (row.unit) x.value = row.unit;
          break;
        case 'note':
          if (row.note) x.value = row.note;
          break;
        case 'extra':
          if (row.value) x.value = 'Văn phòng UBND';
          break;
        case 'value':
          if (cell.value !== null) {
            x.value = cell.value;
            if (cell.numFmt) x.numFmt = cell.numFmt;
          }
          break;
      }
    });
    placements.push({
      formIndex: fi,
      rowIndex: ri,
      sheet: w.ws.name,
      row: w.r,
      written: cell.value,
      printed: row.value,
    });
    w.r++;
  };

  const rowsOf = (fi: number): { row: SeedRow; ri: number }[] =>
    seed.forms[fi].rows.flatMap((row, ri) => {
      const t = o.transform ? o.transform(row, fi, ri) : row;
      if (t === null) return [];
      if (Array.isArray(t)) return t.map((x, k) => ({ row: x, ri: k === 0 ? ri : -1 }));
      return [{ row: t, ri }];
    });

  const formTitle = (w: Writer, fi: number) => {
    const f = seed.forms[fi];
    for (const text of [f.title, f.name]) {
      const c = w.ws.getCell(w.r, 1);
      c.value = text;
      c.font = { bold: true };
      w.ws.mergeCells(w.r, 1, w.r, cols.length);
      w.r++;
    }
  };

  const order = o.formOrder ?? seed.forms.map((_, i) => i);
  if (o.layout === 'sheet-per-form') {
    order.forEach((fi, k) => {
      const f = seed.forms[fi];
      const name = seed.forms.every((x) => x.title === f.title) ? `Biểu ${fi + 1}` : f.title.slice(0, 31);
      const w: Writer = { ws: wb.addWorksheet(name), r: 1 };
      if (k === 0) titleBlock(w);
      formTitle(w, fi);
      w.r = writeHeader(w.ws, w.r, cols, header, periodTitle);
      for (const { row, ri } of rowsOf(fi)) writeRow(w, row, fi, ri);
    });
  } else if (o.layout === 'stacked') {
    const w: Writer = { ws: wb.addWorksheet('Phụ lục'), r: 1 };
    titleBlock(w);
    order.forEach((fi) => {
      formTitle(w, fi);
      w.r = writeHeader(w.ws, w.r, cols, header, periodTitle);
      for (const { row, ri } of rowsOf(fi)) writeRow(w, row, fi, ri);
      w.r += 2;
    });
  } else {
    const w: Writer = { ws: wb.addWorksheet(seed.forms[0].title.slice(0, 31)), r: 1 };
    titleBlock(w);
    w.r = writeHeader(w.ws, w.r, cols, header, periodTitle);
    let onPage = 0;
    order.forEach((fi) => {
      for (const { row, ri } of rowsOf(fi)) {
        if (o.repeatHeaderEvery && onPage === o.repeatHeaderEvery) {
          w.r++; // the page break's blank line
          w.r = writeHeader(w.ws, w.r, cols, header, periodTitle);
          onPage = 0;
        }
        writeRow(w, row, fi, ri);
        onPage++;
      }
    });
  }
  // A signature block under the last table, as on paper.
  const last = wb.worksheets[wb.worksheets.length - 1];
  const sr = last.rowCount + 2;
  last.getCell(sr, cols.indexOf('label') + 1).value = 'TM. ỦY BAN NHÂN DÂN';
  last.getCell(sr + 1, cols.indexOf('label') + 1).value = 'CHỦ TỊCH';
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), placements };
}

/**
 * The template row each seed row was transcribed into (ground truth for mapping tests):
 * walking both in order, the next template row (within a few) with the same STT and the same
 * label (or the same first 25 characters, for labels the template corrected).
 * `ids[formIndex][rowIndex]`, undefined where the template has no such row.
 */
export function seedRowIds(
  seed: Seed,
  t: { forms: { rows: { id: string; stt: string; label: string }[] }[] },
): (string | undefined)[][] {
  const rows = t.forms.flatMap((f) => f.rows);
  const key = (s: string) => norm(s).toLocaleLowerCase('vi');
  let k = 0;
  return seed.forms.map((f) =>
    f.rows.map((r) => {
      for (let j = k; j < Math.min(rows.length, k + 8); j++) {
        const tr = rows[j];
        if (normStt(tr.stt) !== normStt(r.stt)) continue;
        if (key(tr.label) === key(r.label) || key(tr.label).slice(0, 25) === key(r.label).slice(0, 25)) {
          k = j + 1;
          return tr.id;
        }
      }
      return undefined;
    }),
  );
}

export interface CchcMadeOptions {
  level: LevelId;
  /** Rows an official inserted above the tables (Excel moves the defined names with the cells). */
  insert?: { sheet: number; at: number; count: number; text?: string }[];
  /** Drop the defined names (sheets copied into another workbook). */
  dropNames?: boolean;
}

/**
 * A workbook made by `cchc new` (the real planner and writer) and filled in with the seed's
 * values typed as numbers, optionally with rows inserted above the tables as Excel would do it:
 * cells, merges and defined names move down; the meta sheet's address table does not.
 */
export async function buildCchcMade(
  seed: Seed,
  t: Template,
  o: CchcMadeOptions,
): Promise<{ bytes: Buffer; ids: (string | undefined)[][]; filled: Map<string, number> }> {
  const filled = new Map<string, number>();
  const plan = planWorkbook(t, {
    level: o.level,
    period: '6T',
    year: 2022,
    unit: seed.unit.replace(/^Ủy ban nhân dân /i, 'UBND '),
    reportNo: '371/BC-UBND',
    date: '10/06/2022',
  });
  const ids = seedRowIds(seed, t);
  const printed = new Map<string, string>();
  seed.forms.forEach((f, fi) => f.rows.forEach((r, ri) => ids[fi][ri] && printed.set(ids[fi][ri]!, r.value)));
  for (const s of plan.sheets) {
    for (const row of s.rows) {
      if (row.role !== 'data' || !row.rowId) continue;
      const cell = row.cells.find((c) => c.col === COLUMNS.value.col);
      const v = printed.get(row.rowId);
      if (!cell || cell.formula !== undefined || !v) continue;
      const typed = viExcelCell(vietnameseText(v));
      if (typed.numFmt?.endsWith('%') && typeof typed.value === 'number') typed.value *= 100; // the sheet's percent cells hold 0–100
      cell.value = typed.value;
      if (typeof typed.value === 'number') filled.set(row.rowId, typed.value);
    }
  }
  for (const ins of o.insert ?? []) {
    const s = plan.sheets[ins.sheet];
    const shift = (r: number) => (r >= ins.at ? r + ins.count : r);
    for (const row of s.rows) row.r = shift(row.r);
    s.merges = s.merges.map((m) => m.replace(/([A-Z]+)(\d+)/g, (_, c: string, r: string) => `${c}${shift(Number(r))}`));
    for (const n of plan.names)
      if (n.sheet === s.name) n.address = n.address.replace(/\$(\d+)$/, (_, r: string) => `$${shift(Number(r))}`);
    s.validations = [];
    s.conditionalFormats = [];
    if (s.print) delete s.print.printTitlesRow;
    if (s.print) delete s.print.printArea;
    const style = s.rows[0].cells[0].style;
    for (let k = 0; k < ins.count; k++)
      s.rows.push({
        r: ins.at + k,
        role: 'title',
        cells: [{ col: 1, value: ins.text ?? `Dòng chèn thêm ${k + 1}`, style }],
      });
    s.rows.sort((a, b) => a.r - b.r);
  }
  if (o.dropNames) plan.names = [];
  return { bytes: await writeWorkbookBuffer(plan), ids, filled };
}
