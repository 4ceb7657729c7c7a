/**
 * Workbooks made by `cchc new` (the real planner and writer) come back filled in: they are read
 * through their own metadata — the defined name of each value cell and the very-hidden `_cchc`
 * sheet — even after the official inserted rows above the tables.
 */
import { buildCchcMade } from './helpers/handmade';
import { loadSeed } from './helpers/seeds';
import { readReport } from '../src/io/read-report';
import { getTemplate } from '../src/core/template/registry';
import { gridFromMatrices, recogniseReport } from '../src/core/recognise';
import { META_FORMAT, META_SHEET, META_VERSION, metaSheetMatrix } from '../src/core/layout';

const seed = loadSeed('000');
const t = getTemplate('bnv2022-huyen');

const valuesOf = (r: ReturnType<typeof readReport>, ids: Iterable<string>) =>
  new Map([...ids].map((id) => [id, r.values.get(id)?.value]));

describe('a workbook made by cchc new', () => {
  let plain: Awaited<ReturnType<typeof buildCchcMade>>;
  let base: ReturnType<typeof readReport>;
  beforeAll(async () => {
    plain = await buildCchcMade(seed, t, { level: 'huyen' });
    base = readReport(plain.bytes, { fileName: 'kong-chro-cchc.xlsx' });
  });

  test('is read through its metadata: template, level, unit, period, report number and date', () => {
    expect(base.source).toBe('metadata');
    expect(base).toMatchObject({
      confidence: 1,
      level: 'huyen',
      levelSource: 'metadata',
      unit: 'UBND huyện Kông Chro',
      period: '6T',
      year: 2022,
      reportNo: '371/BC-UBND',
      date: '2022-06-10',
    });
    expect(base.template.id).toBe('bnv2022-huyen');
    expect(plain.filled.size).toBeGreaterThan(100);
    expect(valuesOf(base, plain.filled.keys())).toEqual(plain.filled);
    expect(base.cells.get('BM3:3.2.1')).toMatch(/^'Biểu mẫu 3'!D\d+$/);
    // Ratio cells are formulas: without Excel having computed them, they are empty, and said so.
    expect(base.warnings.some((w) => /công thức chưa được tính/.test(w.message))).toBe(true);
  });

  test('rows inserted above the tables: the names moved with the cells, so every value is still found', async () => {
    const moved = await buildCchcMade(seed, t, {
      level: 'huyen',
      insert: [
        { sheet: 0, at: 3, count: 2, text: 'Ghi chú của huyện' },
        { sheet: 2, at: 1, count: 3 },
      ],
    });
    const r = readReport(moved.bytes, { fileName: 'kong-chro-chen-dong.xlsx' });
    expect(r.source).toBe('metadata');
    expect(valuesOf(r, moved.filled.keys())).toEqual(moved.filled);
    const rowOf = (cell: string | undefined) => Number(/\d+$/.exec(cell ?? '')?.[0]);
    expect(rowOf(r.cells.get('BM1:2.1'))).toBe(rowOf(base.cells.get('BM1:2.1')) + 2);
    expect(rowOf(r.cells.get('BM3:3.2.1'))).toBe(rowOf(base.cells.get('BM3:3.2.1')) + 3);
    expect(rowOf(r.cells.get('BM2:1'))).toBe(rowOf(base.cells.get('BM2:1')));
  });

  test('names lost (sheets copied into another workbook): the tables are recognised with the template the meta sheet names', async () => {
    const lost = await buildCchcMade(seed, t, {
      level: 'huyen',
      insert: [{ sheet: 0, at: 3, count: 2 }],
      dropNames: true,
    });
    const r = readReport(lost.bytes, { fileName: 'kong-chro-mat-ten.xlsx' });
    expect(r.source).toBe('recognised');
    expect(r.template.id).toBe('bnv2022-huyen');
    expect(r.runnerUp).toBeUndefined();
    expect(r.unit).toBe('UBND huyện Kông Chro');
    expect(r.warnings.some((w) => /mất các tên ô/.test(w.message))).toBe(true);
    expect(valuesOf(r, lost.filled.keys())).toEqual(lost.filled);
  });

  test('a template given as an option that differs from the metadata is used, by recognition', () => {
    const r = readReport(plain.bytes, { fileName: 'x.xlsx', template: 'pl2024' });
    expect(r.source).toBe('recognised');
    expect(r.template.id).toBe('pl2024');
    expect(r.confidence).toBeLessThan(0.9);
  });
});

describe('metadata on an abstract grid (as the add-in reads it through Office.js)', () => {
  const meta = {
    format: META_FORMAT,
    version: META_VERSION,
    templateId: 'bnv2022-huyen',
    templateVersion: t.version,
    level: 'xa' as const,
    period: 'Q1' as const,
    year: 2024,
    unit: 'UBND xã Sró',
    rows: [],
  };
  const sheet = (rows: [number, number][]) => {
    const m: (number | null)[][] = [];
    for (const [r, v] of rows) {
      m[r - 1] = [null, null, null, v];
    }
    return Array.from(m, (x) => x ?? []);
  };

  test('a name whose row was deleted (#REF!) is reported; the other names are read', () => {
    const grid = gridFromMatrices(
      [
        {
          name: 'Biểu mẫu 1',
          rows: sheet([
            [9, 12],
            [12, 5],
          ]),
        },
        { name: META_SHEET, state: 'veryHidden', rows: metaSheetMatrix(meta) },
      ],
      {
        file: 'sro.xlsx',
        names: [
          { name: 'CCHC_BM1__1', ref: "'Biểu mẫu 1'!$D$9" },
          { name: 'CCHC_BM1__2_1', ref: '#REF!' },
          { name: 'CCHC_BM1__2_2', ref: "'Biểu mẫu 1'!$D$12" },
          { name: 'Print_Area', ref: "'Biểu mẫu 1'!$A$1:$E$40" },
        ],
      },
    );
    const r = recogniseReport(grid);
    expect(r).toMatchObject({ source: 'metadata', level: 'xa', unit: 'UBND xã Sró', period: 'Q1', year: 2024 });
    expect(r.values.get('BM1:1')?.value).toBe(12);
    expect(r.values.get('BM1:2.2')?.value).toBe(5);
    expect(r.cells.get('BM1:2.2')).toBe("'Biểu mẫu 1'!D12");
    expect(r.warnings.map((w) => w.message)).toContain(
      'Ô số liệu của Biểu mẫu 1 dòng 2.1 đã bị xóa khỏi tệp (tên ô trỏ tới #REF!).',
    );
  });

  test('a meta sheet naming a template this program does not have: recognised by content, and said so', () => {
    const grid = gridFromMatrices(
      [
        { name: META_SHEET, state: 'veryHidden', rows: metaSheetMatrix({ ...meta, templateId: 'bnv2030' }) },
        {
          name: 'Sheet1',
          rows: [
            ['STT', 'Chỉ tiêu thống kê', 'Đơn vị tính', 'Số liệu'],
            ['1.', 'Số văn bản chỉ đạo CCHC đã ban hành', 'Văn bản', 3],
          ],
        },
      ],
      { file: 'moi.xlsx' },
    );
    const r = recogniseReport(grid);
    expect(r.source).toBe('recognised');
    expect(r.warnings[0].message).toBe(
      'Tệp được tạo theo mẫu «bnv2030» mà chương trình không có; nhận dạng bảng theo nội dung.',
    );
  });
});
