/**
 * What officials do to the tables they send: renumber and re-word rows, delete the rows that
 * are not theirs, add rows of their own, swap columns, add a column, number rows 1B-style,
 * put the forms in another order, repeat the header on every printed page. Built from seed
 * 000 (district, BNV 2022) and read against the built-in templates.
 */
import { buildHandmade, seedRowIds, type Handmade } from './helpers/handmade';
import { loadSeed, type SeedRow } from './helpers/seeds';
import { readReport } from '../src/io/read-report';
import { getTemplate } from '../src/core/template/registry';
import type { ReadReport } from '../src/core/recognise';

const seed = loadSeed('000');
const t = getTemplate('bnv2022-huyen');
const ids = seedRowIds(seed, t);

/** Seed rows (by form index and row index) whose template row the reading got wrong. */
function misplaced(report: ReadReport, hm: Handmade): string[] {
  const byRow = new Map(report.rows.map((r) => [`${r.sheet}!${r.row}`, r.rowId]));
  return hm.placements.flatMap((p) => {
    const id = p.rowIndex >= 0 ? ids[p.formIndex][p.rowIndex] : undefined;
    if (!id) return [];
    const got = byRow.get(`${p.sheet}!${p.row}`);
    return got === id ? [] : [`${id} → ${got ?? 'không khớp'}`];
  });
}

describe('rows renumbered and re-worded', () => {
  // BM1: the department row 3.1 deleted and the rows after it renumbered (3.2 → 3.1, 3.3.x → 3.2.x).
  // Labels re-worded, shortened, typed without diacritics or in capitals.
  const reword: Record<string, string> = {
    'Số nhiệm vụ đề ra trong kế hoạch': 'Tổng số nhiệm vụ trong kế hoạch năm',
    'Số văn bản chỉ đạo CCHC đã ban hành (Kết luận, chỉ thị, công văn chỉ đạo, quán triệt)':
      'Số văn bản chỉ đạo CCHC đã ban hành',
    'Số TTHC liên thông cùng cấp': 'SỐ THỦ TỤC HÀNH CHÍNH LIÊN THÔNG CÙNG CẤP',
    'Số TTHC công bố mới': 'SỐ TTHC CÔNG BỐ MỚI',
    'Số VBQPPL đã rà soát thuộc thẩm quyền': 'So VBQPPL da ra soat thuoc tham quyen',
    // BM1 3.3, renumbered 3.2 as well: both the STT and the wording changed.
    'Tỷ lệ xử lý các vấn đề phát hiện qua kiểm tra': 'Tỷ lệ vấn đề đã được xử lý sau kiểm tra',
  };
  const transform = (row: SeedRow, fi: number): SeedRow | null => {
    let { stt, label } = row;
    if (fi === 0) {
      if (/^3\.1\.?$/.test(stt.trim())) return null;
      stt = stt.replace(/^3\.2/, '3.1').replace(/^3\.3/, '3.2');
    }
    label = reword[label] ?? label;
    return { ...row, stt, label };
  };

  let report: ReadReport;
  let hm: Handmade;
  beforeAll(async () => {
    hm = await buildHandmade(seed, { layout: 'sheet-per-form', habit: 'vn-text', transform });
    report = readReport(hm.bytes, { fileName: 'kong-chro-danh-so-lai.xlsx' });
  });

  test('every row still lands on its own template row', () => {
    expect(report.template.id).toBe('bnv2022-huyen');
    expect(misplaced(report, hm)).toEqual([]);
    expect(report.unmapped).toEqual([]);
    // The renumbered 3.2 (typed "3.1") is the district's row, not the department's 3.1.
    const typed31 = report.rows.find((r) => r.sheet === 'Biểu mẫu 1' && r.stt.trim() === '3.1.');
    expect(typed31?.rowId).toBe('BM1:3.2');
    expect(report.values.has('BM1:3.1')).toBe(false);
  });

  test('re-worded rows keep a usable confidence; a renumbered row with a changed label is reported as worth a look', () => {
    const conf = (id: string) => report.rows.find((r) => r.rowId === id)!.confidence;
    expect(conf('BM1:1')).toBeGreaterThan(0.6);
    expect(conf('BM3:2.1')).toBeGreaterThan(0.9); // capitals, abbreviation written out
    expect(conf('BM3:1.2')).toBe(1); // capitals only
    expect(conf('BM2:3.1')).toBeGreaterThan(0.9); // diacritics only
    const bm133 = report.lowConfidence.find((l) => l.rowId === 'BM1:3.3');
    expect(bm133).toMatchObject({ stt: '3.2.', label: 'Tỷ lệ vấn đề đã được xử lý sau kiểm tra', templateStt: '3.3.' });
    expect(report.lowConfidence.length).toBeLessThanOrEqual(3);
    for (const low of report.lowConfidence) {
      expect(low.cell).toMatch(/^'Biểu mẫu \d'!A\d+$/);
      expect(low.templateLabel.length).toBeGreaterThan(0);
    }
  });
});

describe('columns and numbering', () => {
  test('columns in another order with an extra column, the value column before the unit', async () => {
    const hm = await buildHandmade(seed, {
      layout: 'stacked',
      habit: 'vn-text',
      header: 'one-row',
      columns: ['extra', 'stt', 'label', 'value', 'unit', 'note'],
    });
    const r = readReport(hm.bytes, { fileName: 'cot-dao.xlsx' });
    expect(misplaced(r, hm)).toEqual([]);
    expect(r.values.get('BM3:3.2.1')).toMatchObject({ value: 2531, raw: '2.531' });
    expect(r.cells.get('BM3:3.2.1')).toMatch(/^'Phụ lục'!D\d+$/); // D: the value column, wherever it is
    expect(r.tables[0].range).toMatch(/^A\d+:F\d+$/);
  });

  test('STT prefixed with the area number as in 1B (3.3.1 for row 3.1 of Biểu mẫu 3)', async () => {
    const hm = await buildHandmade(seed, { layout: 'sheet-per-form', habit: 'vn-text', stt: 'area-prefix' });
    const r = readReport(hm.bytes, { fileName: 'so-thu-tu-1b.xlsx' });
    expect(misplaced(r, hm)).toEqual([]);
    expect(r.lowConfidence).toEqual([]);
  });

  test('STT stored as numbers (1, 2.1) by Excel', async () => {
    const hm = await buildHandmade(seed, { layout: 'sheet-per-form', habit: 'en-us', stt: 'number' });
    const r = readReport(hm.bytes, { fileName: 'stt-so.xlsx' });
    expect(misplaced(r, hm)).toEqual([]);
  });
});

describe('rows deleted, rows added, forms moved', () => {
  test('department rows deleted and a row of their own added: the added row is reported with its cell and value', async () => {
    const transform = (row: SeedRow, fi: number, ri: number): SeedRow | SeedRow[] | null => {
      if (/cấp sở báo/i.test(row.note)) return null;
      if (fi === 0 && ri === 0)
        return [
          row,
          { stt: '1a', label: 'Số cuộc họp giao ban về cải cách hành chính', unit: 'Cuộc', value: '4', note: '' },
        ];
      return row;
    };
    const hm = await buildHandmade(seed, { layout: 'sheet-per-form', habit: 'vn-text', transform });
    const r = readReport(hm.bytes, { fileName: 'them-bot.xlsx' });
    expect(misplaced(r, hm)).toEqual([]);
    const added = hm.placements.find((p) => p.rowIndex === -1)!;
    expect(r.unmapped).toEqual([
      {
        cell: `'Biểu mẫu 1'!A${added.row}`,
        sheet: 'Biểu mẫu 1',
        row: added.row,
        stt: '1a',
        label: 'Số cuộc họp giao ban về cải cách hành chính',
        value: '4',
      },
    ]);
  });

  test('forms stacked in reverse order on one sheet, header repeated every 7 rows', async () => {
    const hm = await buildHandmade(seed, {
      layout: 'single-table',
      habit: 'vn-text',
      formOrder: [6, 5, 4, 3, 2, 1, 0],
      repeatHeaderEvery: 7,
    });
    const r = readReport(hm.bytes, { fileName: 'dao-thu-tu.xlsx' });
    expect(r.tables).toHaveLength(1);
    expect(misplaced(r, hm)).toEqual([]);
    expect(r.unmapped).toEqual([]);
  });
});

describe('options override what the file says', () => {
  test('--template, --level, --unit, --period and --year win over the title lines', async () => {
    const hm = await buildHandmade(seed, { layout: 'sheet-per-form', habit: 'vn-text' });
    const r = readReport(hm.bytes, {
      fileName: 'x.xlsx',
      template: 'bnv2022-huyen',
      level: 'xa',
      unit: 'UBND xã Đăk Pling',
      period: 'N',
      year: 2023,
    });
    expect(r).toMatchObject({ level: 'xa', levelSource: 'option', unit: 'UBND xã Đăk Pling', period: 'N', year: 2023 });
    expect(r.runnerUp).toBeUndefined();
  });

  test('a level the template does not have is refused with a warning, and guessed from the filled rows', async () => {
    const hm = await buildHandmade(loadSeed('001'), { layout: 'single-table', habit: 'vn-text', titles: 'none' });
    const r = readReport(hm.bytes, { fileName: 'cam-hung.xlsx', level: 'tinh' });
    expect(r.template.id).toBe('pl1b');
    expect(r.level).toBe('xa');
    expect(r.levelSource).toBe('values');
    expect(r.warnings.map((w) => w.message).join('\n')).toMatch(/Cấp «tinh».*không có trong mẫu «pl1b»/);
  });

  test('an unknown template id is a clear error', async () => {
    const hm = await buildHandmade(seed, { layout: 'sheet-per-form', habit: 'vn-text' });
    expect(() => readReport(hm.bytes, { fileName: 'x.xlsx', template: 'bnv2099' })).toThrow(
      /Không có mẫu «bnv2099».*bnv2022-huyen/,
    );
  });
});
