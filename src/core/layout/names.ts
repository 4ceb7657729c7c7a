/**
 * How a written workbook remembers what it is: a defined name per row's value cell and
 * a very-hidden key/value sheet. Shared by the writer and every reader, so both sides
 * use the same spellings.
 */
import type { RowLocation, WorkbookMeta } from './types';
import { LEVELS, PERIODS } from '../template/levels';
// A function used at call time only: the import cycle with plan.ts (which imports this module) is harmless.
import { dateProblem } from './plan';

/** The very-hidden sheet holding the workbook's metadata. */
export const META_SHEET = '_cchc';
export const META_FORMAT = 'cchc-meta';
export const META_VERSION = 1;
/** Prefix of every defined name the writer creates. */
export const NAME_PREFIX = 'CCHC_';

/** `BM1:2.2` → `CCHC_BM1__2_2`, `1B:3.3.3.1` → `CCHC_1B__3_3_3_1`. */
export function nameForRow(rowId: string): string {
  const m = /^([A-Za-z0-9]+):([A-Za-z0-9.]+)$/.exec(rowId);
  if (!m) throw new Error(`Mã chỉ tiêu không hợp lệ: «${rowId}»`);
  return `${NAME_PREFIX}${m[1]}__${m[2].replace(/\./g, '_')}`;
}

/** The inverse of nameForRow; undefined for a name the writer did not make. Case-insensitive prefix (Excel names are). */
export function rowForName(name: string): string | undefined {
  const m = /^CCHC_([A-Za-z0-9]+)__([A-Za-z0-9_]+)$/i.exec(name);
  if (!m) return undefined;
  return `${m[1]}:${m[2].replace(/_/g, '.')}`;
}

/**
 * Prefix of the names on a consolidated appendix written into the unit's own workbook by the add-in
 * ("TH …" sheets): `CCHCTH_BM3__3_3_1`. A reader takes these, when present, as the report the
 * workbook sends up; the unit's own sheets keep their `CCHC_` names.
 */
export const CONSOLIDATED_NAME_PREFIX = 'CCHCTH_';

/** `BM1:2.2` → `CCHCTH_BM1__2_2`. */
export function consolidatedNameForRow(rowId: string): string {
  return `${CONSOLIDATED_NAME_PREFIX}${nameForRow(rowId).slice(NAME_PREFIX.length)}`;
}

/** The inverse of consolidatedNameForRow; undefined for any other name. */
export function rowForConsolidatedName(name: string): string | undefined {
  return name.toUpperCase().startsWith(CONSOLIDATED_NAME_PREFIX)
    ? rowForName(`${NAME_PREFIX}${name.slice(CONSOLIDATED_NAME_PREFIX.length)}`)
    : undefined;
}

/** Keys of the key/value block (column A: key, column B: value). */
export const META_KEYS = {
  format: 'format',
  version: 'version',
  templateId: 'template',
  templateVersion: 'templateVersion',
  level: 'level',
  period: 'period',
  year: 'year',
  unit: 'unit',
  reportNo: 'reportNo',
  date: 'date',
} as const;

/** Header of the row table (columns D–G). */
export const META_ROW_HEADER = ['rowId', 'sheet', 'address', 'name'] as const;
/** 1-based column where the row table starts (D). */
export const META_ROW_TABLE_COL = 4;

/**
 * The meta sheet as a matrix of values, row by row: keys and values in columns A–B,
 * the row table in columns D–G (header on the first line). Absent optional values are
 * written as empty cells.
 */
export function metaSheetMatrix(meta: WorkbookMeta): (string | number | null)[][] {
  const kv: [string, string | number | null][] = [
    [META_KEYS.format, meta.format],
    [META_KEYS.version, meta.version],
    [META_KEYS.templateId, meta.templateId],
    [META_KEYS.templateVersion, meta.templateVersion],
    [META_KEYS.level, meta.level],
    [META_KEYS.period, meta.period],
    [META_KEYS.year, meta.year],
    [META_KEYS.unit, meta.unit],
    [META_KEYS.reportNo, meta.reportNo ?? null],
    [META_KEYS.date, meta.date ?? null],
  ];
  const table: (string | null)[][] = [
    [...META_ROW_HEADER],
    ...meta.rows.map((r) => [r.rowId, r.sheet, r.address, r.name]),
  ];
  const height = Math.max(kv.length, table.length);
  const out: (string | number | null)[][] = [];
  for (let i = 0; i < height; i++) {
    const [k, v] = kv[i] ?? [null, null];
    const t = table[i] ?? [null, null, null, null];
    out.push([k, v, null, ...t]);
  }
  return out;
}

export class MetaError extends Error {
  override name = 'MetaError';
}

/**
 * Reads the meta sheet back from its cell values (`cells[r][c]`, 0-based, as a reader
 * extracts them). Throws MetaError (Vietnamese) when the sheet is not a cchc meta sheet.
 */
export function parseMetaMatrix(cells: readonly (readonly unknown[])[]): WorkbookMeta {
  const text = (v: unknown): string | undefined =>
    v === null || v === undefined || v === '' ? undefined : String(v).trim();
  const kv = new Map<string, string>();
  for (const row of cells) {
    const k = text(row[0]);
    const v = text(row[1]);
    if (k && v !== undefined) kv.set(k, v);
  }
  if (kv.get(META_KEYS.format) !== META_FORMAT)
    throw new MetaError(`Trang «${META_SHEET}» không phải siêu dữ liệu của cchc (thiếu format = ${META_FORMAT})`);
  const version = Number(kv.get(META_KEYS.version));
  if (version !== META_VERSION)
    throw new MetaError(
      `Trang «${META_SHEET}»: phiên bản siêu dữ liệu ${kv.get(META_KEYS.version)} không được hỗ trợ (cần ${META_VERSION})`,
    );
  const need = (k: string) => {
    const v = kv.get(k);
    if (v === undefined) throw new MetaError(`Trang «${META_SHEET}»: thiếu khóa «${k}»`);
    return v;
  };
  const rows: RowLocation[] = [];
  const c0 = META_ROW_TABLE_COL - 1;
  for (let i = 1; i < cells.length; i++) {
    const rowId = text(cells[i][c0]);
    if (!rowId) continue;
    const sheet = text(cells[i][c0 + 1]);
    const address = text(cells[i][c0 + 2]);
    if (!sheet || !address)
      throw new MetaError(`Trang «${META_SHEET}», dòng ${i + 1}: chỉ tiêu «${rowId}» thiếu trang tính hoặc địa chỉ ô`);
    rows.push({ rowId, sheet, address, name: text(cells[i][c0 + 3]) ?? nameForRow(rowId) });
  }
  // The metadata comes from a received file like any cell: validated, not trusted.
  const bad = (k: string, v: string, want: string) =>
    new MetaError(`Trang «${META_SHEET}»: «${k}» = «${v.slice(0, 40)}» không hợp lệ (${want})`);
  const level = need(META_KEYS.level);
  if (!LEVELS.some((l) => l.id === level)) throw bad(META_KEYS.level, level, LEVELS.map((l) => l.id).join(', '));
  const period = need(META_KEYS.period);
  if (!PERIODS.some((p) => p.id === period)) throw bad(META_KEYS.period, period, PERIODS.map((p) => p.id).join(', '));
  const yearText = need(META_KEYS.year);
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year < 2000 || year > 2100)
    throw bad(META_KEYS.year, yearText, 'năm từ 2000 đến 2100');
  const reportNo = kv.get(META_KEYS.reportNo);
  if (reportNo !== undefined && reportNo.length > 100) throw bad(META_KEYS.reportNo, reportNo, 'tối đa 100 ký tự');
  const date = kv.get(META_KEYS.date);
  if (date !== undefined && dateProblem(date)) throw bad(META_KEYS.date, date, 'ngày có thật, dạng DD/MM/YYYY');
  const unit = need(META_KEYS.unit);
  if (unit.length > 300) throw bad(META_KEYS.unit, unit, 'tên đơn vị tối đa 300 ký tự');
  return {
    format: META_FORMAT,
    version,
    templateId: need(META_KEYS.templateId),
    templateVersion: need(META_KEYS.templateVersion),
    level: level as WorkbookMeta['level'],
    period: period as WorkbookMeta['period'],
    year,
    unit,
    ...(reportNo ? { reportNo } : {}),
    ...(date ? { date } : {}),
    rows,
  };
}
