/** The add-in's decisions that need no Excel: text kept as text, footers, free sheet names, cells that move. */
import { CellMap } from '../src/excel/cell-map';
import { footerSections, needsTextFormat, packSteps, rectangles, type Step } from '../src/excel/plan-steps';
import { freeSheetName } from '../src/excel/placement';

describe('what Excel would not keep as typed', () => {
  it('marks STT numbers, dates, report numbers and "- " labels as text, not ordinary labels', () => {
    expect(
      ['1.', '1.1', '3.3.3.1', '10/06/2022', '2.531', '99,6%', '- Số văn bản', '=A1', 'TRUE'].map(needsTextFormat),
    ).toEqual(Array(9).fill(true));
    expect(['I.', 'Số TTHC', '371/BC-UBND', 'Biểu mẫu 3', ''].map(needsTextFormat)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('formats merged into rectangles', () => {
  it('merges equal runs along rows and down the columns, never across a gap', () => {
    const cells = [
      ...[5, 6, 7].flatMap((r) => [1, 2].map((c) => ({ r, c, key: 'a' }))),
      { r: 9, c: 1, key: 'a' },
      { r: 9, c: 2, key: 'a' },
      { r: 5, c: 3, key: 'b' },
    ];
    expect(rectangles(cells)).toEqual([
      { rect: { r0: 5, r1: 7, c0: 1, c1: 2 }, key: 'a' },
      { rect: { r0: 5, r1: 5, c0: 3, c1: 3 }, key: 'b' },
      { rect: { r0: 9, r1: 9, c0: 1, c1: 2 }, key: 'a' },
    ]);
  });

  it('keeps step order across batches and splits only when the budget says so', () => {
    const steps: Step[] = Array.from({ length: 50 }, (_, i) => ({
      kind: 'merge',
      sheet: 'Biểu mẫu 1',
      address: `A${i + 1}:E${i + 1}`,
    }));
    expect(packSteps(steps, 10_000_000)).toHaveLength(1);
    const batches = packSteps(steps, 2_000);
    expect(batches.length).toBeGreaterThan(5);
    expect(batches.flat()).toEqual(steps);
  });
});

describe('page footers', () => {
  it('splits Excel footer codes into the sections Office.js sets', () => {
    expect(footerSections('&C&"Times New Roman"&11&P')).toEqual({ center: '&"Times New Roman"&11&P' });
    expect(footerSections('&LPhụ lục 1&RTrang &P/&N')).toEqual({ left: 'Phụ lục 1', right: 'Trang &P/&N' });
  });
});

describe('free sheet names', () => {
  it('adds (2), (3)… ignoring case, within 31 characters', () => {
    expect(freeSheetName('Biểu mẫu 3', ['biểu mẫu 3'])).toBe('Biểu mẫu 3 (2)');
    expect(freeSheetName('Biểu mẫu 3', ['Biểu mẫu 3', 'Biểu mẫu 3 (2)'])).toBe('Biểu mẫu 3 (3)');
    const long = 'Chi tiết theo đơn vị cấp xã năm 2022';
    const free = freeSheetName(long.slice(0, 31), [long.slice(0, 31)]);
    expect(free.length).toBeLessThanOrEqual(31);
    expect(free.endsWith(' (2)')).toBe(true);
  });
});

describe('cells that move when the user inserts or deletes', () => {
  const map = new CellMap([
    ['BM3:3.2', "'Biểu mẫu 3'!D22"],
    ['BM3:3.2.1', "'Biểu mẫu 3'!D23"],
    ['BM3:3.2.2', "'Biểu mẫu 3'!D24"],
    ['BM1:1', "'Biểu mẫu 1'!D10"],
  ]);
  it('moves rows down when rows are inserted above, and leaves other sheets alone', () => {
    const { map: m, removed } = map.shifted('Biểu mẫu 3', 'RowInserted', '5:7', 'Down');
    expect(removed).toEqual([]);
    expect(m.cellOf('BM3:3.2.1')).toBe("'Biểu mẫu 3'!D26");
    expect(m.cellOf('BM1:1')).toBe("'Biểu mẫu 1'!D10");
  });
  it('drops the cells of deleted rows and moves the rows below up', () => {
    const { map: m, removed } = map.shifted('Biểu mẫu 3', 'RowDeleted', '23:23', 'Up');
    expect(removed).toEqual(['BM3:3.2.1']);
    expect(m.cellOf('BM3:3.2.2')).toBe("'Biểu mẫu 3'!D23");
    expect(m.cellOf('BM3:3.2')).toBe("'Biểu mẫu 3'!D22");
  });
  it('clips a pasted block to the cells that hold figures', () => {
    expect(map.clip('Biểu mẫu 3', { r0: 1, c0: 1, r1: 1_048_576, c1: 16_384 })).toEqual({
      r0: 22,
      c0: 4,
      r1: 24,
      c1: 4,
    });
    expect(map.clip('Biểu mẫu 3', { r0: 1, c0: 5, r1: 40, c1: 5 })).toBeUndefined();
  });
});
