/**
 * Child workbooks for consolidation tests (jest and the browser test): three communes of huyện Kông
 * Chro (Gia Lai) reporting on the BNV 2022 forms, written with the CLI's writer (ExcelJS) the way
 * `cchc new` lays them out, then filled as each commune filled them. Figures follow seed 000's
 * district (5.102 dossiers of the communes in total, 173 commune procedures).
 */
import { planWorkbook } from '../../src/core/layout/plan';
import type { WorkbookPlan } from '../../src/core/layout/types';
import { getTemplate } from '../../src/core/template/registry';
import { writeWorkbookBuffer } from '../../src/io/xlsx-write';

export interface CommuneReport {
  unit: string;
  file: string;
  values: Record<string, number>;
  /** The report's period and year (default: 6 tháng đầu năm 2022) and date (DD/MM/YYYY). */
  period?: 'Q1' | '6T' | '9T' | 'N';
  year?: number;
  date?: string;
}

export const COMMUNES: CommuneReport[] = [
  {
    unit: 'UBND xã Đăk Kơ Ning',
    file: 'xa-dak-ko-ning.xlsx',
    values: {
      'BM2:1': 1,
      'BM2:1.3': 1,
      'BM3:1.4': 173,
      'BM3:1.4.3': 173,
      'BM3:3.3.1': 1200,
      'BM3:3.3.2': 1200,
      'BM3:3.4.1': 2,
      'BM3:3.4.2': 2,
      'BM7:8.4.1': 1200,
      'BM7:8.4.2': 0,
    },
  },
  {
    unit: 'UBND xã Sró',
    file: 'xa-sro.xlsx',
    values: {
      'BM2:1': 0,
      'BM2:1.3': 0,
      'BM3:1.4': 173,
      'BM3:1.4.3': 173,
      'BM3:3.3.1': 2302,
      'BM3:3.3.2': 2300,
      'BM3:3.4.1': 1,
      'BM3:3.4.2': 0,
      'BM7:8.4.1': 2302,
      'BM7:8.4.2': 10,
    },
  },
  {
    unit: 'UBND xã Chơ Long',
    file: 'xa-cho-long.xlsx',
    values: {
      'BM2:1': 2,
      'BM2:1.3': 2,
      'BM3:1.4': 171,
      'BM3:1.4.3': 171,
      'BM3:3.3.1': 1600,
      'BM3:3.3.2': 1590,
      'BM7:8.4.1': 1600,
      'BM7:8.4.2': 4,
    },
  },
];

/** The district's roster: the three communes above and one that has not reported yet. */
export const ROSTER = ['Xã Đăk Kơ Ning', 'Xã Sró', 'Xã Chơ Long', 'Xã Đăk Pling'];
export const MISSING_UNIT = 'Xã Đăk Pling';

/**
 * Reports a district must not sum in: a commune's Quý I report, another's report of last year and a
 * blank table (title only), each with figures (or none) that would visibly change the sums.
 */
export const EXCLUDED: (CommuneReport & { status: 'wrong-period' | 'blank'; rosterName: string })[] = [
  {
    unit: 'UBND xã Yang Trung',
    rosterName: 'Xã Yang Trung',
    file: 'xa-yang-trung-quy-1.xlsx',
    period: 'Q1',
    year: 2022,
    date: '10/03/2022',
    status: 'wrong-period',
    values: { 'BM3:1.4.3': 173, 'BM3:3.3.1': 640, 'BM3:3.3.2': 640, 'BM7:8.4.1': 640, 'BM7:8.4.2': 3 },
  },
  {
    unit: 'UBND xã Kông Yang',
    rosterName: 'Xã Kông Yang',
    file: 'xa-kong-yang-2021.xlsx',
    period: '6T',
    year: 2021,
    date: '08/06/2021',
    status: 'wrong-period',
    values: { 'BM3:1.4.3': 165, 'BM3:3.3.1': 980, 'BM3:3.3.2': 975, 'BM7:8.4.1': 980, 'BM7:8.4.2': 1 },
  },
  { unit: 'UBND xã Ya Ma', rosterName: 'Xã Ya Ma', file: 'xa-ya-ma-trong.xlsx', status: 'blank', values: {} },
];

/** The roster with the communes whose reports are left out. */
export const FULL_ROSTER = [...ROSTER, ...EXCLUDED.map((c) => c.rosterName)];

/** A plan with figures written into the value cells of the rows given (as a commune types them). */
export function filledPlan(plan: WorkbookPlan, values: Record<string, number>): WorkbookPlan {
  for (const [rowId, v] of Object.entries(values)) {
    const loc = plan.meta.rows.find((r) => r.rowId === rowId);
    if (!loc) throw new Error(`no cell for ${rowId}`);
    const sheet = plan.sheets.find((s) => s.name === loc.sheet)!;
    const r = Number(/\d+$/.exec(loc.address)![0]);
    const cell = sheet.rows.find((x) => x.r === r)!.cells.find((c) => c.col === 4)!;
    if (cell.formula) continue;
    cell.value = v;
  }
  return plan;
}

/** The .xlsx bytes of a commune's report (BNV 2022, cấp xã, 6 tháng đầu năm 2022). */
export async function communeWorkbook(c: CommuneReport): Promise<Buffer> {
  const t = getTemplate('bnv2022-huyen');
  const plan = planWorkbook(t, {
    level: 'xa',
    period: c.period ?? '6T',
    year: c.year ?? 2022,
    unit: c.unit,
    date: c.date ?? '05/06/2022',
  });
  return writeWorkbookBuffer(filledPlan(plan, c.values));
}
