/**
 * The column header of an appendix table: `STT | Chỉ tiêu thống kê | Đơn vị tính | Số liệu | Ghi chú`
 * in any order, on one or two rows ("Kết quả thống kê" merged over unit and value, or a period
 * title merged over value and note as in seed 004), sometimes followed by a row of column numbers.
 */
import { mergeAt, type GridSheet, type GridValue } from './grid';
import { fold, memoOf } from './text';

export type ColumnRole = 'stt' | 'label' | 'unit' | 'value' | 'note';

export interface TableColumns {
  stt?: number;
  label: number;
  unit?: number;
  value?: number;
  note?: number;
  /** Columns inside the table that carry none of the roles. */
  extra: number[];
}

export interface HeaderBand {
  /** First and last row of the header (the anchor row and the rows below it that belong to it). */
  top: number;
  bottom: number;
  columns: TableColumns;
  /** Other value-like columns passed over (a second "Số liệu" column). */
  otherValueCols: number[];
  /** Header texts, for period titles such as "Báo cáo … 6 tháng đầu năm 2022". */
  texts: string[];
}

const STT_RE = /^(stt|tt|so tt|so thu tu)$/;
const LABEL_RE = /^(chi tieu|noi dung|ten chi tieu|danh muc)\b/;
const UNIT_RE = /^(don vi tinh|dvt|don vi)$/;
const NOTE_RE = /^ghi chu\b/;
const VALUE_RE =
  /^(so lieu( (ky|bao cao|thong ke|thuc hien|nam)\b.*)?|ket qua( thong ke| thuc hien)?|gia tri|thuc hien|so luong|ky bao cao|ky nay)$/;
const PERIOD_RE = /^(bao cao|ket qua|so lieu|thuc hien)\b.*\b(thang|quy|nam)\b/;

/**
 * The role a single header cell names, if any. Header cells start with their role's words
 * ("Chỉ tiêu thống kê (Sử dụng …)", "Số liệu"), which data labels ("Thực hiện cơ chế một cửa",
 * "Số lượng phiếu khảo sát") do not once the length is bounded.
 */
export function headerRole(text: string): ColumnRole | 'period' | undefined {
  // Every role starts with a letter: a figure ("1.213", "(3)" once folded is not one either, but
  // is rare) is no header cell, and is not worth a memo entry of its own.
  const c = text.charCodeAt(0);
  if (Number.isNaN(c) || (c >= 48 && c <= 57)) return undefined;
  return headerRoleOf(text);
}

const headerRoleOf = memoOf((text: string): ColumnRole | 'period' | undefined => {
  const f = fold(text);
  if (!f) return undefined;
  if (STT_RE.test(f)) return 'stt';
  if (UNIT_RE.test(f)) return 'unit';
  if (NOTE_RE.test(f) && f.length <= 40) return 'note';
  if (LABEL_RE.test(f)) return 'label';
  if (PERIOD_RE.test(f) && f.length <= 120) return 'period';
  if (VALUE_RE.test(f) && f.length <= 30) return 'value';
  return undefined;
});

/**
 * Which of several value-like columns holds this period's figures: "Số liệu" / "Kỳ này" /
 * "Thực hiện" before "Kết quả thống kê" alone, and anything about another period
 * ("kỳ trước", "cùng kỳ", "kế hoạch") last.
 */
function valueRank(colText: string): number {
  if (/\b(ky truoc|cung ky|nam truoc|ke hoach|chi tieu giao)\b/.test(colText)) return 0;
  if (/\b(ky nay|ky bao cao|thuc hien)\b/.test(colText)) return 3;
  if (/\bso lieu\b/.test(colText)) return 2;
  return 1;
}

export function cellText(v: GridValue | undefined): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : String(v);
}

/** The text shown at (row, col): the cell's own, or the value of the merge covering it. */
function shownText(sheet: GridSheet, row: number, col: number): { text: string; merged: boolean } {
  const m = mergeAt(sheet, row, col);
  if (m && (m.top !== row || m.left !== col)) return { text: cellText(sheet.cell(m.top, m.left)?.value), merged: true };
  return { text: cellText(sheet.cell(row, col)?.value), merged: false };
}

/**
 * A row that names at least two columns, one of them the label (or three of any), from the text
 * of each of its cells (cleaned: the role of a text is that of its cleaned form; a figure names none).
 */
export function isHeaderAnchor(texts: readonly (string | undefined)[]): boolean {
  const roles = new Set<string>();
  for (const t of texts) {
    if (!t) continue;
    const r = headerRole(t);
    if (r && r !== 'period') roles.add(r);
  }
  return (roles.has('label') && roles.size >= 2) || roles.size >= 3;
}

const COLUMN_NUMBER_RE = /^\(?([0-9]{1,2}|[a-h])\)?$/;

/**
 * Whether a cell's (trimmed, non-empty) text may continue a header band: a column's name, a note
 * in parentheses "(Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)", a column number "(1)", "A".
 */
export function continuesHeader(t: string): boolean {
  return !!headerRole(t) || /^\(.*\)$/s.test(t) || COLUMN_NUMBER_RE.test(fold(t));
}

/** Whether a row right under the anchor still belongs to the header. */
function isHeaderContinuation(sheet: GridSheet, row: number): boolean {
  let any = false;
  for (let c = 1; c <= sheet.maxCol; c++) {
    const { text, merged } = shownText(sheet, row, c);
    if (merged) continue;
    const t = text.trim();
    if (!t) continue;
    any = true;
    if (!continuesHeader(t)) return false;
  }
  return any || hasMergeFromAbove(sheet, row);
}

function hasMergeFromAbove(sheet: GridSheet, row: number): boolean {
  return sheet.merges.some((m) => m.top < row && m.bottom >= row);
}

/** How many rows under its anchor row a header reads (its band and a row of column numbers). */
export const HEADER_REACH = 3;

/**
 * The last row of the header band starting at an anchor row: cells merged down from the anchor,
 * then rows that continue it (the rows read: up to the one after the band, within HEADER_REACH).
 */
export function headerBottom(sheet: GridSheet, anchor: number): number {
  let bottom = anchor;
  for (const m of sheet.merges)
    if (m.top === anchor && m.bottom > bottom && m.bottom - anchor <= HEADER_REACH) bottom = m.bottom;
  while (bottom < anchor + HEADER_REACH && bottom + 1 <= sheet.maxRow && isHeaderContinuation(sheet, bottom + 1))
    bottom++;
  return bottom;
}

/**
 * Reads the header starting at an anchor row: the band's extent and each column's role,
 * from the texts of every band row in that column (merged cells count for every column
 * they cover).
 */
export function readHeader(sheet: GridSheet, anchor: number): HeaderBand | undefined {
  const bottom = headerBottom(sheet, anchor);

  const texts: string[] = [];
  const colText = new Map<number, string>();
  for (let c = 1; c <= sheet.maxCol; c++) {
    const parts: string[] = [];
    for (let r = anchor; r <= bottom; r++) {
      const t = shownText(sheet, r, c).text.trim();
      if (t && parts[parts.length - 1] !== t) parts.push(t);
      if (t && !shownText(sheet, r, c).merged && !texts.includes(t)) texts.push(t);
    }
    if (parts.length) colText.set(c, parts.map((p) => fold(p)).join(' | '));
  }

  const found: Partial<Record<ColumnRole, number>> = {};
  const valueCandidates: { col: number; rank: number }[] = [];
  const claim = (role: ColumnRole, col: number) => {
    if (found[role] === undefined) found[role] = col;
  };
  for (const [c, t] of [...colText].sort((a, b) => a[0] - b[0])) {
    const pieces = t.split(' | ');
    const roles = pieces.map((p) => headerRole(p));
    const lastRole = roles[roles.length - 1];
    if (roles.includes('stt')) claim('stt', c);
    else if (lastRole === 'unit' || (roles.includes('unit') && lastRole !== 'value')) claim('unit', c);
    else if (lastRole === 'note') claim('note', c);
    else if (roles.includes('label')) claim('label', c);
    else if (roles.includes('value') || roles.includes('period')) valueCandidates.push({ col: c, rank: valueRank(t) });
  }
  if (found.label === undefined) return undefined;
  const chosen = [...valueCandidates].sort((a, b) => b.rank - a.rank || a.col - b.col)[0];
  if (chosen) found.value = chosen.col;
  const otherValueCols = valueCandidates.map((v) => v.col).filter((c) => c !== chosen?.col);

  const roleCols = Object.values(found) as number[];
  let left = Math.min(...roleCols);
  let right = Math.max(...roleCols);
  // Extra columns with a header of their own next to the table ("Cơ quan chủ trì") belong to it.
  while (colText.has(right + 1)) right++;
  while (left > 1 && colText.has(left - 1)) left--;
  const extra: number[] = [];
  for (let c = left; c <= right; c++) if (!roleCols.includes(c)) extra.push(c);
  const columns: TableColumns = { label: found.label, extra };
  if (found.stt !== undefined) columns.stt = found.stt;
  if (found.unit !== undefined) columns.unit = found.unit;
  if (found.value !== undefined) columns.value = found.value;
  if (found.note !== undefined) columns.note = found.note;
  return { top: anchor, bottom, columns, otherValueCols, texts };
}

export function sameColumns(a: TableColumns, b: TableColumns): boolean {
  return a.stt === b.stt && a.label === b.label && a.unit === b.unit && a.value === b.value && a.note === b.note;
}
