/**
 * Findings a person can act on (issue 9, point 7): a formula is fixed through its inputs, a note
 * beside a figure is evidence for a second reading, compound rules read as sentences, a missing
 * row names its full label.
 */
import ExcelJS from 'exceljs';
import { readReport } from '../src/io/read-report';
import { checkReport, prepare, ruleStatement } from '../src/core/rules';
import { getTemplate } from '../src/core/template/registry';
import { readNumber } from '../src/core/number';
import type { Finding } from '../src/core/findings';
import { buildHandmade } from './helpers/handmade';
import { loadSeed } from './helpers/seeds';
import { seedReport } from './rules-fixtures';

const on = (fs: Finding[], rule: string) => fs.filter((f) => f.rule === rule);

describe('seed 000 Biểu mẫu 7 row 7.4 (69,2 with 72/2.934, noted «(72/104)»)', () => {
  it('shows both readings: the percentage is wrong (2,45), or 7.4.1 should be 104 as the note says', () => {
    const { t, values, level } = seedReport('bnv2022-huyen');
    const [f] = on(checkReport(t, level, values), 'BM7.ratio.7.4');
    expect(f.suggestion).toMatchObject({ row: 'BM7:7.4', value: 2.45 });
    expect(f.alternatives).toEqual([
      { row: 'BM7:7.4.1', value: 104, reason: 'theo ghi chú «(72/104)» ở dòng 7.4: 72/104 = 69,23%' },
    ]);
    expect(f.message).toContain(
      'Dòng 7.4 ghi kèm «(72/104)», nên có hai cách hiểu: hoặc dòng 7.4 sai (đúng ra là 2,45), hoặc dòng 7.4.1 phải là 104 như ghi chú (72/104 = 69,23%).',
    );
  });

  it('a note that does not give the typed percentage is no evidence', () => {
    const { t, values, level } = seedReport('bnv2022-huyen');
    const v = new Map(values);
    v.set('BM7:7.4', readNumber('69,2 (72/100)', 'percent'));
    const [f] = on(checkReport(t, level, v), 'BM7.ratio.7.4');
    expect(f.alternatives).toBeUndefined();
  });

  it('when 7.4 is a formula (=72/104*100 typed from the note), the finding points at the input 7.4.1 with 104', async () => {
    const seed = loadSeed('000');
    const hm = await buildHandmade(seed, { layout: 'sheet-per-form', habit: 'vn-text' });
    const first = readReport(hm.bytes, { fileName: 'kong-chro.xlsx', level: 'huyen' });
    const cell = first.cells.get('BM7:7.4')!;
    const m = /^'(.+)'!([A-Z]+\d+)$/.exec(cell)!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(hm.bytes as unknown as ArrayBuffer);
    wb.getWorksheet(m[1])!.getCell(m[2]).value = { formula: '72/104*100', result: 69.23 } as ExcelJS.CellFormulaValue;
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = readReport(bytes, { fileName: 'kong-chro-cong-thuc.xlsx', level: 'huyen' });
    expect(r.values.get('BM7:7.4')).toMatchObject({ value: 69.23, formula: '72/104*100' });
    const [f] = on(checkReport(r.template, 'huyen', r.values), 'BM7.ratio.7.4');
    expect(f.row).toBe('BM7:7.4.1');
    expect(f.suggestion).toMatchObject({ row: 'BM7:7.4.1', value: 104 });
    expect(f.message).toContain('Dòng 7.4 là công thức «=72/104*100», tính từ các ô khác: sửa số liệu ở ô đầu vào');
  });
});

describe('compound rules read as sentences', () => {
  const typed = (tid: string, v: Record<string, string>) => {
    const t = getTemplate(tid);
    return { t, values: new Map(Object.entries(v).map(([k, s]) => [k, readNumber(s, t.rowsById.get(k)!.kind)])) };
  };

  it('no survey (6 = 0) but ballots counted', () => {
    const { t, values } = typed('bnv2022-huyen', { 'BM1:6': '0', 'BM1:6.1': '450', 'BM1:6.2': '1' });
    const [f] = on(checkReport(t, 'huyen', values), 'BM1.if.6');
    expect(f.message).toMatch(
      /^Dòng 6 ghi 0 nên dòng 6\.1 và dòng 6\.2 phải để trống, nhưng đang ghi: dòng 6\.1 = 450; dòng 6\.2 = 1\./,
    );
    const check = prepare(t, 'huyen').ruleChecks.find((c) => c.ruleId === 'BM1.if.6')!;
    expect(ruleStatement(t, check)).toMatch(
      /^Khi dòng 6 có số liệu và bằng 0 thì dòng 6\.1 và dòng 6\.2 phải để trống\./,
    );
  });

  it('no body inspected (1B 1.4.1 = 0) but a completion rate', () => {
    const { t, values } = typed('pl1b', { '1B:1.4.1': '0', '1B:1.4.2': '3' });
    const [f] = on(checkReport(t, 'huyen', values), '1B.if.1.4.1');
    expect(f.message).toMatch(
      /^Dòng 1\.4\.1 ghi 0 nên dòng 1\.4\.2 phải để trống hoặc bằng 0, nhưng đang ghi: dòng 1\.4\.2 = 3\./,
    );
  });

  it('both answers of a pair typed', () => {
    const { t, values } = typed('bnv2022-huyen', { 'BM4:1.2.a': '1', 'BM4:1.2.b': '2' });
    const [f] = on(checkReport(t, 'huyen', values), 'BM4.one.1.2');
    expect(f.message).toMatch(
      /^Không được ghi cả dòng «Đã hoàn thành» lẫn dòng «Chưa hoàn thành»: chỉ ghi một trong hai; đang ghi: dòng «Đã hoàn thành» = 1; dòng «Chưa hoàn thành» = 2\./,
    );
  });

  it('a conditional sum names the details that are filled', () => {
    const { t, values } = typed('bnv2022-tinh', { 'BM6:2.4': '10', 'BM6:2.4.1': '3', 'BM6:2.4.2': '4' });
    const [f] = on(checkReport(t, 'tinh', values), 'BM6.sum.2.4');
    expect(f.message).toMatch(/^Dòng 2\.4\.1 và dòng 2\.4\.2 có số liệu nên dòng 2\.4 ghi 10, nhưng /);
  });
});

it('a missing row gives its form, STT and full label', () => {
  const { t, values, level } = seedReport('pl2024');
  const v = new Map(values);
  v.delete('PL4:1.4.2');
  const f = checkReport(t, level, v, { mode: 'final' }).find((x) => x.rule === 'missing' && x.row === 'PL4:1.4.2')!;
  expect(f.message).toBe(
    `Phụ lục 4 dòng 1.4.2 «${t.rowsById.get('PL4:1.4.2')!.label}» chưa có số liệu; cấp huyện phải báo cáo dòng này.`,
  );
});
