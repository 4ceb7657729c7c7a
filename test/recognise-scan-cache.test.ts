/**
 * Scanning a sheet once per layout (src/core/recognise/scan-cache.ts): a sheet typed from the same
 * blank as one scanned before gets that scan's tables without being scanned. Whatever a sheet
 * holds, remembering must give exactly what scanning it gives: checked on hand-typed appendices
 * (five layouts) changed cell by cell the way received files differ (figures typed, left empty or
 * as text, another unit's name, an error, spaces) and the ways that must not be mistaken for the
 * same layout (a header renamed, a form title or a column name typed where a figure goes, a label
 * or STT changed, a merge added).
 */
import fc from 'fast-check';
import { readXlsx } from '../src/io/xlsx-read';
import { gridFromBook } from '../src/io/read-report';
import { clearLayoutCache, gridFromMatrices, type GridCell, type GridSheet } from '../src/core/recognise';
import { scanCacheStats, scanSheetOnce } from '../src/core/recognise/scan-cache';
import { scanSheet } from '../src/core/recognise/tables';
import { buildHandmade, type HandmadeOptions } from './helpers/handmade';
import { loadSeed } from './helpers/seeds';

type Cell = GridCell | undefined;
interface Sheet {
  name: string;
  rows: Cell[][];
  merges: { top: number; left: number; bottom: number; right: number }[];
}

const LAYOUTS: { seed: '000' | '001' | '004'; opts: HandmadeOptions }[] = [
  { seed: '001', opts: { layout: 'single-table', habit: 'vn-text', repeatHeaderEvery: 30 } },
  { seed: '000', opts: { layout: 'stacked', habit: 'vi-excel', header: 'one-row', stt: 'no-dot' } },
  { seed: '000', opts: { layout: 'sheet-per-form', habit: 'en-us', titles: 'split' } },
  { seed: '004', opts: { layout: 'stacked', habit: 'comma-thousands', header: 'period', stt: 'number' } },
  {
    seed: '001',
    opts: { layout: 'single-table', habit: 'vn-text', columns: ['stt', 'label', 'value', 'unit', 'note'] },
  },
  // No STT column: headings and labels share the first column.
  { seed: '000', opts: { layout: 'stacked', habit: 'vn-text', columns: ['label', 'unit', 'value', 'note'] } },
];

let sheets: Sheet[];

/** A sheet of a grid as plain rows of cells, to change and rebuild. */
function asRows(s: GridSheet): Sheet {
  const rows: Cell[][] = [];
  for (let r = 1; r <= s.maxRow; r++) {
    const row: Cell[] = [];
    for (let c = 1; c <= s.maxCol; c++) {
      const cell = s.cell(r, c);
      row.push(cell ? { ...cell } : undefined);
    }
    rows.push(row);
  }
  return { name: s.name, rows, merges: s.merges.map((m) => ({ ...m })) };
}

const gridSheet = (s: Sheet): GridSheet => gridFromMatrices([s]).sheets[0];

beforeAll(async () => {
  sheets = [];
  for (const l of LAYOUTS) {
    const hm = await buildHandmade(loadSeed(l.seed), l.opts);
    for (const s of gridFromBook(readXlsx(new Uint8Array(hm.bytes))).sheets) sheets.push(asRows(s));
  }
});

/** The value column of a sheet's first table, and the rows of its tables. */
function tableCells(s: Sheet): { valueCol: number; dataRows: number[]; titleRows: number[] } {
  const scan = scanSheet(gridSheet(s));
  const valueCol = scan.tables[0].columns.value!;
  const top = scan.tables[0].headers[0]?.[0] ?? scan.tables[0].rows[0].row;
  const rows = scan.tables.flatMap((t) => t.rows.map((r) => r.row));
  const bottom = Math.max(...rows);
  return {
    valueCol,
    dataRows: rows,
    // The title block above the tables and the signature under them (a unit's name, a date).
    titleRows: scan.titles.filter((t) => t.col > 0 && (t.row < top || t.row > bottom)).map((t) => t.row),
  };
}

/** What scanning the changed sheet gives, and what the cache gives once the original was scanned. */
function bothWays(original: Sheet, changed: Sheet) {
  clearLayoutCache();
  scanSheetOnce(gridSheet(original));
  const remembered = scanSheetOnce(gridSheet(changed));
  return { remembered, scanned: scanSheet(gridSheet(changed)), hit: scanCacheStats().hits === 1 };
}

const copy = (s: Sheet): Sheet => ({ ...s, rows: s.rows.map((r) => [...r]), merges: s.merges.map((m) => ({ ...m })) });
const set = (s: Sheet, row: number, col: number, cell: Cell) => {
  while (s.rows[row - 1].length < col) s.rows[row - 1].push(undefined);
  s.rows[row - 1][col - 1] = cell;
};

test('another unit typed in the same blank: its figures, empty cells, name and date are its own', () => {
  let hits = 0;
  for (const original of sheets) {
    const { valueCol, dataRows, titleRows } = tableCells(original);
    const other = copy(original);
    dataRows.forEach((r, i) => {
      if (i % 3 === 0) set(other, r, valueCol, undefined);
      else if (i % 3 === 1) set(other, r, valueCol, { value: (i * 37) % 1000 });
      else set(other, r, valueCol, { value: `${i},5` });
    });
    for (const r of titleRows) {
      const row = other.rows[r - 1];
      const c = row.findIndex((x) => typeof x?.value === 'string');
      if (c >= 0 && !/^(biểu|phụ lục)/i.test(String(row[c]!.value)))
        row[c] = { value: `${String(row[c]!.value)} — UBND xã Ia Pnôn, ngày 15/6/2025` };
    }
    const { remembered, scanned, hit } = bothWays(original, other);
    expect(remembered).toEqual(scanned);
    if (hit) hits++;
  }
  // Every layout is found again (the changes are those two units of one blank differ by).
  expect(hits).toBe(sheets.length);
});

/** What a unit may type where a figure goes: the layout stays. */
const FIGURES = [
  { value: null, error: '#DIV/0!' },
  { value: ' ' },
  { value: '\u200b' },
  { value: 0 },
  { value: 1234.5 },
  { value: '97,74' },
  { value: '1' },
  { value: 'x' },
  undefined,
] satisfies Cell[];

/** Texts that name a column, a form, a unit: anywhere, they may change the layout. */
const TEXTS = [
  { value: 'Số liệu' },
  { value: 'Đơn vị tính' },
  { value: 'STT' },
  { value: 'Chỉ tiêu' },
  { value: 'Biểu mẫu 2' },
  { value: 'PHỤ LỤC 3' },
  { value: 'Ghi chú' },
  { value: '(4)' },
  { value: '(Sử dụng trong kỳ báo cáo)' },
  { value: 'UBND xã Ia Pnôn' },
  // Other names of the same columns: a header that reads the same roles differently.
  { value: 'Số liệu kỳ trước' },
  { value: 'Nội dung' },
  { value: 'TT' },
  { value: 'ĐVT' },
] satisfies Cell[];

test('any change to any cell: remembering gives what scanning gives', () => {
  let hits = 0;
  let runs = 0;
  const ALL = [...FIGURES, ...TEXTS];
  fc.assert(
    fc.property(
      fc.nat(sheets.length - 1),
      fc.array(
        fc.oneof(
          // A figure in the value column, where units differ most…
          {
            weight: 3,
            arbitrary: fc.record({ r: fc.nat(400), c: fc.constant(-1), change: fc.nat(FIGURES.length - 1) }),
          },
          // …or anything anywhere.
          { weight: 1, arbitrary: fc.record({ r: fc.nat(400), c: fc.nat(8), change: fc.nat(ALL.length - 1) }) },
        ),
        { minLength: 1, maxLength: 4 },
      ),
      fc.option(fc.record({ r: fc.nat(400), c: fc.nat(6), down: fc.nat(3), right: fc.nat(3) }), { freq: 5 }),
      (si, edits, merge) => {
        const original = sheets[si];
        const { valueCol } = tableCells(original);
        const changed = copy(original);
        const height = original.rows.length;
        for (const e of edits) set(changed, 1 + (e.r % height), e.c < 0 ? valueCol : 1 + e.c, ALL[e.change]);
        if (merge) {
          const top = 1 + (merge.r % height);
          changed.merges.push({
            top,
            left: 1 + merge.c,
            bottom: Math.min(height, top + merge.down),
            right: 1 + merge.c + merge.right,
          });
        }
        const { remembered, scanned, hit } = bothWays(original, changed);
        expect(remembered).toEqual(scanned);
        runs++;
        if (hit) hits++;
      },
    ),
    { numRuns: 500, seed: 20261204 },
  );
  // Some changes keep the layout (a figure), others do not (a header): both kinds were tried.
  expect(hits).toBeGreaterThan(runs / 20);
  expect(hits).toBeLessThan(runs);
});

test('a header renamed, a label or an STT changed: not the same layout', () => {
  const original = sheets[0];
  const scan = scanSheet(gridSheet(original));
  const t = scan.tables[0];
  const header = t.headers[0][0];
  const first = t.rows[0];
  for (const [row, col, value] of [
    [header, t.columns.value!, 'Số liệu kỳ trước'],
    [header, t.columns.label, 'Nội dung'],
    [first.row, t.columns.label, `${first.label} (sửa)`],
    [first.row, t.columns.stt!, '9.9'],
  ] as const) {
    const changed = copy(original);
    set(changed, row, col, { value });
    const { remembered, scanned, hit } = bothWays(original, changed);
    expect(hit).toBe(false);
    expect(remembered).toEqual(scanned);
  }
});

test('a heading right under the header is what ended the header: changed, it is not the same layout', () => {
  // No STT column: the heading "Cải cách thể chế" (merged across, a title line in the label column)
  // is the row readHeader looked at after the header. In parentheses it would continue the header.
  const rows = (heading: string): Cell[][] => [
    [{ value: 'Chỉ tiêu' }, { value: 'Đơn vị tính' }, { value: 'Số liệu' }],
    [{ value: heading }, undefined, undefined],
    [{ value: 'Số văn bản được ban hành' }, { value: 'Văn bản' }, { value: 5 }],
    [{ value: 'Số thủ tục hành chính' }, { value: 'Thủ tục' }, { value: 7 }],
  ];
  const merges = [{ top: 2, left: 1, bottom: 2, right: 3 }];
  const original: Sheet = { name: 'Biểu 1', rows: rows('Cải cách thể chế'), merges };
  const changed: Sheet = { name: 'Biểu 1', rows: rows('(Cải cách thể chế)'), merges };
  const { remembered, scanned, hit } = bothWays(original, changed);
  expect(scanned.tables[0].headers).toEqual([[1, 2]]);
  expect(hit).toBe(false);
  expect(remembered).toEqual(scanned);
  // Where the header could have gone on, the heading is compared exactly: reworded, it is scanned again.
  const reworded: Sheet = { name: 'Biểu 1', rows: rows('Cải cách thủ tục hành chính'), merges };
  const again = bothWays(original, reworded);
  expect(again.hit).toBe(false);
  expect(again.remembered).toEqual(again.scanned);
});
