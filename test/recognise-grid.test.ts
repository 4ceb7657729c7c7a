/**
 * The recogniser on abstract grids (as the add-in and a web worker feed it): header shapes,
 * tables without an STT column, several value columns, hidden sheets, and what the title
 * lines of the seeds say about the unit, level, period and report.
 */
import { gridFromMatrices, recogniseReport, type GridValue } from '../src/core/recognise';
import { readTitles } from '../src/core/recognise/titles';
import { getTemplate } from '../src/core/template/registry';
import { loadSeed } from './helpers/seeds';
import { vietnameseText } from './helpers/handmade';

const t = getTemplate('bnv2022-huyen');
const seed = loadSeed('000');
/** Biểu mẫu 2 (Cải cách thể chế) of seed 000 as rows [stt, label, unit, value, note]. */
const bm2 = seed.forms[1].rows.map((r) => [r.stt, r.label, r.unit, vietnameseText(r.value), r.note] as GridValue[]);
const bm3 = seed.forms[2].rows.map((r) => [r.stt, r.label, r.unit, vietnameseText(r.value), r.note] as GridValue[]);

describe('header shapes', () => {
  test('"TT | Nội dung | ĐVT | Kết quả | Ghi chú" with a row of column numbers under it', () => {
    const grid = gridFromMatrices(
      [
        {
          name: 'Thể chế',
          rows: [
            ['UBND HUYỆN KÔNG CHRO'],
            ['Báo cáo cải cách hành chính năm 2022'],
            [],
            ['TT', 'Nội dung', 'ĐVT', 'Kết quả', 'Ghi chú'],
            ['(1)', '(2)', '(3)', '(4)', '(5)'],
            ...bm2,
          ],
        },
      ],
      { file: 'the-che.xlsx' },
    );
    const r = recogniseReport(grid, { templates: [t] });
    expect(r.rows.map((x) => x.rowId)).toEqual(t.forms[1].rows.map((x) => x.id));
    expect(r.values.get('BM2:1')).toMatchObject({ value: 1 });
    expect(r.cells.get('BM2:1')).toBe("'Thể chế'!D6");
    expect([r.unit, r.level, r.period, r.year]).toEqual(['UBND huyện Kông Chro', 'huyen', 'N', 2022]);
  });

  test('no STT column: "1. Tổng số VBQPPL ban hành" typed in the label cell', () => {
    const rows = bm2.map(([stt, label, unit, value]) => [`${stt} ${label}`.trim(), unit, value]);
    const grid = gridFromMatrices(
      [{ name: 'Sheet1', rows: [['Chỉ tiêu thống kê', 'Đơn vị tính', 'Số liệu'], ...rows] }],
      { file: 'khong-stt.xlsx' },
    );
    const r = recogniseReport(grid, { templates: [t], level: 'huyen' });
    expect(r.rows.map((x) => x.rowId)).toEqual(t.forms[1].rows.map((x) => x.id));
    expect(r.cells.get('BM2:3.2')).toMatch(/^'Sheet1'!C\d+$/);
  });

  test("two value columns: this period's is read, the other one is named in a warning", () => {
    const rows = bm2.map(([stt, label, unit, value, note]) => [stt, label, unit, '5', value, note]);
    const grid = gridFromMatrices(
      [
        {
          name: 'BM2',
          rows: [['STT', 'Chỉ tiêu thống kê', 'Đơn vị tính', 'Số liệu kỳ trước', 'Số liệu kỳ này', 'Ghi chú'], ...rows],
        },
      ],
      { file: 'hai-cot.xlsx' },
    );
    const r = recogniseReport(grid, { templates: [t], level: 'huyen' });
    expect(r.values.get('BM2:1')).toMatchObject({ value: 1 });
    expect(r.cells.get('BM2:1')).toBe("'BM2'!E2");
    expect(r.warnings.some((w) => /nhiều cột số liệu; đã đọc cột E/.test(w.message))).toBe(true);
  });

  test('a data row starting like a header word ("Số liệu về biên chế…") right after a repeated header stays a data row', () => {
    const f = seed.forms[3].rows.map((r) => [r.stt, r.label, r.unit, vietnameseText(r.value), r.note] as GridValue[]);
    const at = f.findIndex((x) => String(x[1]).startsWith('Số liệu về biên chế'));
    expect(at).toBeGreaterThan(0);
    const header = ['STT', 'Chỉ tiêu thống kê', 'Đơn vị tính', 'Số liệu', 'Ghi chú'];
    const grid = gridFromMatrices([{ name: 'BM4', rows: [header, ...f.slice(0, at), [], header, ...f.slice(at)] }], {
      file: 'bm4.xlsx',
    });
    const r = recogniseReport(grid, { templates: [t], level: 'huyen' });
    expect(r.tables).toHaveLength(1);
    expect(r.rows.some((x) => x.rowId === 'BM4:2')).toBe(true);
    expect(r.unmapped).toEqual([]);
  });

  test('hidden sheets are not read, and said so', () => {
    const header = ['STT', 'Chỉ tiêu thống kê', 'Đơn vị tính', 'Số liệu', 'Ghi chú'];
    const junk = bm2.map(([stt, label, unit]) => [stt, label, unit, '999', '']);
    const grid = gridFromMatrices(
      [
        { name: 'Nháp', state: 'hidden', rows: [header, ...junk] },
        { name: 'BM2', rows: [header, ...bm2] },
      ],
      { file: 'an.xlsx' },
    );
    const r = recogniseReport(grid, { templates: [t], level: 'huyen' });
    expect(r.values.get('BM2:1')?.value).toBe(1);
    expect(r.warnings.map((w) => w.message)).toContain('Bỏ qua trang tính ẩn «Nháp».');
  });

  test('merged cells: "Kết quả thống kê" over unit and value, STT and label merged down, on the same grid shape Excel gives', () => {
    const grid = gridFromMatrices(
      [
        {
          name: 'BM3',
          rows: [
            ['STT', 'Chỉ tiêu thống kê', 'Kết quả thống kê', null, 'Ghi chú'],
            [null, null, 'Đơn vị tính', 'Số liệu', null],
            ...bm3,
          ],
          merges: [
            { top: 1, left: 1, bottom: 2, right: 1 },
            { top: 1, left: 2, bottom: 2, right: 2 },
            { top: 1, left: 3, bottom: 1, right: 4 },
            { top: 1, left: 5, bottom: 2, right: 5 },
          ],
        },
      ],
      { file: 'bm3.xlsx' },
    );
    const r = recogniseReport(grid, { templates: [t], level: 'huyen' });
    expect(r.values.get('BM3:3.2.1')).toMatchObject({ value: 2531, raw: '2.531' });
    expect(r.cells.get('BM3:3.2.1')).toMatch(/^'BM3'!D\d+$/);
    expect(r.tables[0].range).toBe('A1:E27');
  });
});

describe('title lines', () => {
  test('seed 000: the attachment line gives the report number, the date and the unit', () => {
    const info = readTitles([
      'Phụ lục 1',
      'BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH 6 THÁNG ĐẦU NĂM 2022',
      '(Kèm theo Báo cáo số 371 /BC-UBND ngày  10 /6/2022 của UBND huyện Kông Chro)',
    ]);
    expect(info).toMatchObject({
      unit: 'UBND huyện Kông Chro',
      level: 'huyen',
      period: '6T',
      year: 2022,
      reportNo: '371/BC-UBND',
      date: '2022-06-10',
    });
  });

  test('seed 004: "ngày 20 tháng 6 năm 2022" and "của Ủy ban nhân dân tỉnh Kiên Giang)" on the next line', () => {
    const info = readTitles([
      'THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH 6 THÁNG ĐẦU NĂM',
      'CỦA ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG',
      '(Kèm theo Báo cáo số 202/BC-UBND ngày 20 tháng 6 năm 2022',
      'của Ủy ban nhân dân tỉnh Kiên Giang)',
      'Báo cáo cải cách hành chính 6 tháng đầu năm 2022',
    ]);
    expect(info).toMatchObject({
      unit: 'UBND tỉnh Kiên Giang',
      level: 'tinh',
      period: '6T',
      year: 2022,
      reportNo: '202/BC-UBND',
      date: '2022-06-20',
    });
  });

  test('seed 001: the form\'s own "ban hành kèm theo Công văn … của UBND huyện" is not the sender; the letterhead is', () => {
    const info = readTitles([
      'ỦY BAN NHÂN DÂN',
      'XÃ CẨM HƯNG',
      'Phụ lục 1B',
      'THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH TRÊN ĐỊA BÀN HUYỆN CẨM XUYÊN',
      '(Ban hành kèm theo Công văn số535 /UBND-NV ngày 10 /3/2022 của UBND huyện)',
    ]);
    expect(info.unit).toBe('UBND xã Cẩm Hưng');
    expect(info.level).toBe('xa');
    expect(info.reportNo).toBeUndefined();
  });

  test('seed 003: "Quý I năm 2024"; a report number left blank gives none', () => {
    const info = readTitles([
      '(Ban hành kèm theo Báo cáo số: /BC-UBND ngày /3/2024 của UBND huyện Quảng Điền)',
      'Báo cáo CCHC Quý I năm 2024',
    ]);
    expect(info).toMatchObject({ unit: 'UBND huyện Quảng Điền', level: 'huyen', period: 'Q1', year: 2024 });
    expect(info.reportNo).toBeUndefined();
    expect(info.date).toBeUndefined();
  });

  test('a department under its province; a commune under its district: the lower unit is the sender', () => {
    expect(readTitles(['UBND TỈNH GIA LAI', 'SỞ NỘI VỤ', 'Báo cáo 9 tháng năm 2023'])).toMatchObject({
      unit: 'Sở Nội Vụ',
      level: 'so',
      period: '9T',
      year: 2023,
    });
    expect(readTitles(['UBND HUYỆN CẨM XUYÊN', 'UBND XÃ CẨM HƯNG'])).toMatchObject({
      unit: 'UBND xã Cẩm Hưng',
      level: 'xa',
    });
    expect(readTitles(['UBND thành phố Đà Nẵng'])).toMatchObject({ level: 'tinh' });
    expect(readTitles(['UBND thành phố Pleiku'])).toMatchObject({ level: 'huyen' });
  });
});

describe('size', () => {
  test('a table of thousands of rows is read up to a bound, in bounded time, and said so', () => {
    const header = ['STT', 'Chỉ tiêu thống kê', 'Đơn vị tính', 'Số liệu', 'Ghi chú'];
    const list = Array.from({ length: 2500 }, (_, i) => [
      String(i + 1),
      `Hộ gia đình số ${i + 1} thôn ${i % 17}`,
      'Hộ',
      String(i),
      '',
    ]);
    const grid = gridFromMatrices([{ name: 'BM2', rows: [header, ...bm2, ...list] }], { file: 'dai.xlsx' });
    const t0 = Date.now();
    const r = recogniseReport(grid, { level: 'huyen' });
    expect(Date.now() - t0).toBeLessThan(15000);
    expect(r.values.get('BM2:1')?.value).toBe(1);
    expect(r.warnings.some((w) => /quá dài: chỉ đọc 1000 dòng đầu/.test(w.message))).toBe(true);
    expect(r.unmapped.length).toBeGreaterThan(900);
  });
});

describe('title lines below the tables', () => {
  test('a unit named in a note under the table is not taken for the sender', () => {
    const header = ['STT', 'Chỉ tiêu thống kê', 'Đơn vị tính', 'Số liệu', 'Ghi chú'];
    const grid = gridFromMatrices(
      [
        {
          name: 'BM2',
          rows: [
            ['UBND HUYỆN KÔNG CHRO'],
            ['Báo cáo CCHC 6 tháng đầu năm 2022'],
            header,
            ...bm2,
            [],
            ['Ghi chú: chưa tổng hợp số liệu của UBND xã Sró (gửi chậm).'],
          ],
        },
      ],
      { file: 'ghi-chu.xlsx' },
    );
    const r = recogniseReport(grid, { templates: [t] });
    expect([r.unit, r.level, r.period, r.year]).toEqual(['UBND huyện Kông Chro', 'huyen', '6T', 2022]);
  });
});
