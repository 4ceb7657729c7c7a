/** The consolidated workbook: appendix filled and marked, per-unit breakdown, submission status. */
import ExcelJS from 'exceljs';
import { HyperFormula } from 'hyperformula';
import { consolidate, type ChildReport } from '../src/core/consolidate/engine';
import {
  planConsolidatedWorkbook,
  BREAKDOWN_SHEET,
  STATUS_SHEET,
  CONSOLIDATED_FILL,
} from '../src/core/consolidate/output-plan';
import { chainById } from '../src/core/template/levels';
import { getTemplate } from '../src/core/template/registry';
import { writeWorkbookBuffer } from '../src/io/xlsx-write';
import { exact, type ReportValues } from '../src/core/values';

const t = getTemplate('bnv2022-huyen');
const vals = (v: Record<string, number>): ReportValues => new Map(Object.entries(v).map(([k, n]) => [k, exact(n)]));
const child = (unit: string, v: Record<string, number>, findings: ChildReport['findings'] = []): ChildReport => ({
  unit,
  level: 'xa',
  template: t,
  values: vals(v),
  file: `${unit}.xlsx`,
  cells: new Map(Object.keys(v).map((k) => [k, `'Biểu mẫu 3'!D${k.length + 20}`])),
  findings,
  period: '6T',
  year: 2022,
});

const children = [
  child('UBND xã Đăk Kơ Ning', { 'BM3:3.3.1': 1200, 'BM3:3.3.2': 1200, 'BM3:1.4.3': 173 }),
  child('UBND xã Sró', { 'BM3:3.3.1': 2302, 'BM3:3.3.2': 2300, 'BM3:1.4.3': 173 }, [
    { severity: 'error', rule: 'x', message: 'sai', rows: ['BM3:3.3.2'], row: 'BM3:3.3.2' },
  ]),
  child('UBND xã Chơ Long', { 'BM3:3.3.1': 1600, 'BM3:3.3.2': 1590, 'BM3:1.4.3': 171 }),
];
// Chơ Long typed its own layout: its resolved dossiers sit one row lower than in the others' files.
children[2].cells = new Map([...children[2].cells!, ['BM3:3.3.2', "'Biểu mẫu 3'!D30"]]);
const result = consolidate({
  template: t,
  level: 'huyen',
  chain: chainById('3cap'),
  unit: 'UBND huyện Kông Chro',
  own: { values: vals({ 'BM3:1.4.2': 280, 'BM1:1': 58 }) },
  children,
  roster: ['Xã Đăk Kơ Ning', 'Xã Sró', 'Xã Chơ Long', 'Xã Đăk Pling'],
});
const opts = { level: 'huyen' as const, period: '6T' as const, year: 2022, unit: 'UBND huyện Kông Chro' };

describe('the consolidated workbook', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    const buf = await writeWorkbookBuffer(planConsolidatedWorkbook({ template: t, plan: opts, result }));
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  });
  const cellOfName = (name: string) => {
    const ref = wb.definedNames.getRanges(name).ranges[0];
    const m = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(ref)!;
    return wb.getWorksheet(m[1])!.getCell(`${m[2]}${m[3]}`);
  };

  it('fills the appendix: sums marked as consolidated, own figures plain', () => {
    const sum = cellOfName('CCHC_BM3__3_3_1');
    // The template's number format stays: 5.102 in a Vietnamese Excel, not 5102.
    expect(sum.value).toBe(5102);
    expect(sum.numFmt).toBe('#,##0');
    expect(sum.value).toBe(5102);
    expect((sum.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${CONSOLIDATED_FILL}`);
    const own = cellOfName('CCHC_BM1__1');
    expect(own.value).toBe(58);
    expect((own.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe(`FF${CONSOLIDATED_FILL}`);
    expect(cellOfName('CCHC_BM3__1_4_3').value).toBe(173);
  });

  it('keeps the ratio as a formula of the consolidated parts, which evaluates to 5090/5102', () => {
    const ws = wb.getWorksheet('Biểu mẫu 3')!;
    const pct = cellOfName('CCHC_BM3__3_3');
    expect(typeof (pct.value as ExcelJS.CellFormulaValue).formula).toBe('string');
    const data: (string | number | null)[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      data[r - 1] = [];
      row.eachCell({ includeEmpty: true }, (c, col) => {
        const v = c.value as unknown;
        data[r - 1][col - 1] =
          v && typeof v === 'object' && 'formula' in (v as object)
            ? `=${(v as ExcelJS.CellFormulaValue).formula}`
            : (v as string | number | null);
      });
    });
    const hf = HyperFormula.buildFromArray(data, { licenseKey: 'gpl-v3' });
    const at = /([A-Z]+)(\d+)/.exec(pct.address)!;
    expect(hf.getCellValue({ sheet: 0, row: Number(at[2]) - 1, col: at[1].charCodeAt(0) - 65 })).toBe(99.76);
  });

  it('traces each consolidated figure to the units, their files and cells, and marks flagged cells', () => {
    const ws = wb.getWorksheet(BREAKDOWN_SHEET)!;
    const header = ws.getRow(3).values as unknown[];
    expect(header.slice(1)).toEqual([
      'Biểu',
      'STT',
      'Chỉ tiêu',
      'Đơn vị tính',
      'Cách tổng hợp',
      'Ô đọc trong báo cáo',
      'Của đơn vị',
      'UBND xã Đăk Kơ Ning',
      'UBND xã Sró',
      'UBND xã Chơ Long',
      'Tổng hợp',
    ]);
    let found: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      if (row.getCell(1).value === 'BM 3' && row.getCell(2).value === '3.3.2.') found = row;
    });
    expect(found).toBeDefined();
    expect([8, 9, 10, 11].map((c) => found!.getCell(c).value)).toEqual([1200, 2300, 1590, 5090]);
    // The files under the units, the usual cell beside the indicator: Sró's 2,300 was read from
    // «UBND xã Sró.xlsx», 'Biểu mẫu 3'!D29, and needs no note of its own; Chơ Long's, read one row
    // lower, has one.
    expect([8, 9, 10].map((c) => ws.getRow(4).getCell(c).value)).toEqual([
      'UBND xã Đăk Kơ Ning.xlsx',
      'UBND xã Sró.xlsx',
      'UBND xã Chơ Long.xlsx',
    ]);
    expect(found!.getCell(6).value).toBe("'Biểu mẫu 3'!D29");
    expect(found!.getCell(9).note).toBeUndefined();
    expect(found!.getCell(10).note).toBe("Lấy từ UBND xã Chơ Long.xlsx ô 'Biểu mẫu 3'!D30");
    expect((found!.getCell(9).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    // Counts keep the appendix's number format in the breakdown too.
    expect([9, 11].map((c) => found!.getCell(c).numFmt)).toEqual(['#,##0', '#,##0']);
    // The header and the files stay in view while scrolling.
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4, showGridLines: true });
    // A unit with nothing in a row has no cell written: the grid, shown and printed, draws the table.
    expect(ws.pageSetup.showGridLines).toBe(true);
    let empty: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      if (row.number > 4 && !empty && [8, 9, 10].every((c) => row.getCell(c).value === null)) empty = row;
    });
    expect(empty).toBeDefined();
    expect([8, 9, 10].map((c) => empty!.getCell(c).border)).toEqual([undefined, undefined, undefined]);
    expect(empty!.getCell(11).border).toBeDefined();
  });

  it('lists who reported, who did not, with their error counts', () => {
    const ws = wb.getWorksheet(STATUS_SHEET)!;
    const lines: unknown[][] = [];
    for (let r = 4; ws.getRow(r).getCell(1).value !== null; r++) {
      const row = ws.getRow(r);
      lines.push([2, 3, 4, 7, 8].map((c) => row.getCell(c).value));
    }
    expect(lines).toEqual([
      ['UBND xã Đăk Kơ Ning', 'Cấp xã', 'Đã nộp', '6 tháng đầu năm 2022', 0],
      ['UBND xã Sró', 'Cấp xã', 'Đã nộp', '6 tháng đầu năm 2022', 1],
      ['UBND xã Chơ Long', 'Cấp xã', 'Đã nộp', '6 tháng đầu năm 2022', 0],
      ['Xã Đăk Pling', null, 'Chưa nộp', null, null],
    ]);
    // Below the table, in full sentences, what the official must look at before signing.
    const below: string[] = [];
    ws.eachRow((row, r) => {
      const [a, b] = [row.getCell(1).value, row.getCell(2).value];
      if (r > 3 + lines.length) below.push(a === b ? String(a) : `${a ?? ''} ${b ?? ''}`.trim());
    });
    expect(below[0]).toBe('NHỮNG ĐIỀU CẦN XEM TRƯỚC KHI KÝ');
    expect(below.slice(1)).toContainEqual(expect.stringMatching(/^Cảnh báo «Số TTHC cấp xã.*UBND xã Chơ Long ghi 171/));
  });
});

describe('the breakdown of many units, printed', () => {
  it('runs over several pages across, the form, STT and indicator repeated at the left of each', async () => {
    const many = Array.from({ length: 20 }, (_, k) =>
      child(`UBND xã Số ${k + 1}`, { 'BM3:3.3.1': 100 + k, 'BM3:3.3.2': 90 + k, 'BM3:1.4.3': 173 }),
    );
    const r = consolidate({
      template: t,
      level: 'huyen',
      chain: chainById('3cap'),
      unit: 'UBND huyện Kông Chro',
      children: many,
    });
    const plan = planConsolidatedWorkbook({ template: t, plan: opts, result: r });
    const sheet = plan.sheets.find((s) => s.name === BREAKDOWN_SHEET)!;
    // 20 units, 8 to a page: 3 pages across rather than one page shrunk to a fifth.
    expect(sheet.print).toMatchObject({ fitToWidth: 3, printTitlesColumns: 'A:C', printTitlesRow: '3:4' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeWorkbookBuffer(plan)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(BREAKDOWN_SHEET)!;
    expect(ws.pageSetup).toMatchObject({ fitToWidth: 3, printTitlesColumn: 'A:C', printTitlesRow: '3:4' });
    // Three units fit one page: nothing repeated (the test above's workbook).
    const few = planConsolidatedWorkbook({ template: t, plan: opts, result }).sheets.find(
      (s) => s.name === BREAKDOWN_SHEET,
    )!;
    expect(few.print).toMatchObject({ fitToWidth: 1 });
    expect(few.print?.printTitlesColumns).toBeUndefined();
  });
});
