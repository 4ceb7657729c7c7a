/**
 * The .xlsx reader on what officials actually send: a realistic appendix written by
 * ExcelJS from seed 000 (checked cell by cell against what was written, and against
 * ExcelJS reading the same bytes), packages shaped like other generators' output, and
 * files that are not readable workbooks (old .xls, password-protected, random bytes,
 * empty, zip bombs, damaged).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Inflate, inflateSync, unzipSync, zipSync, strToU8 } from 'fflate';
import { describeNumFmt, readXlsx, XlsxReadError, type XlsxBook, type XlsxSheet } from '../src/io/xlsx-read';
import { clearPartMemo } from '../src/io/xlsx-read/read';
import { compileSharedFormula } from '../src/io/xlsx-read/shared-formula';
import { buildAppendixWorkbook, type AppendixWorkbook } from './fixtures/xlsx/appendix-workbook';
import {
  BOMB_MATCHES,
  BOMB_SIZE,
  FIXTURES,
  standardPackage,
  workbookXml,
  zerosDeflate,
  zipBomb,
  zipParts,
} from './fixtures/xlsx/build';

const FIXTURE_DIR = join(__dirname, 'fixtures', 'xlsx');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURE_DIR, name)));

/** The error readXlsx throws, or a failure if it returns. */
function readError(bytes: Uint8Array, opts: Parameters<typeof readXlsx>[1] = {}): XlsxReadError {
  try {
    readXlsx(bytes, opts);
  } catch (e) {
    if (e instanceof XlsxReadError) return e;
    throw e;
  }
  throw new Error('readXlsx did not throw');
}

/** address → [value, numFmt?, formula?] for compact comparisons. */
function cellsOf(sheet: XlsxSheet): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const c of sheet.cells) {
    const entry: unknown[] = [c.value];
    if (c.numFmt !== undefined || c.formula !== undefined) entry.push(c.numFmt);
    if (c.formula !== undefined) entry.push(c.formula);
    out[c.address] = entry;
  }
  return out;
}

function rezip(bytes: Uint8Array, change: (files: Record<string, Uint8Array>) => void, level: 0 | 6 = 6): Uint8Array {
  const files = unzipSync(bytes);
  change(files);
  return zipSync(files, { level });
}

describe('a realistic appendix written by ExcelJS (seed 000, 7 forms)', () => {
  let appendix: AppendixWorkbook;
  let book: XlsxBook;
  let original: Uint8Array;

  beforeAll(async () => {
    appendix = await buildAppendixWorkbook();
    original = appendix.bytes.slice();
    book = readXlsx(appendix.bytes, { fileName: 'PL_KongChro_6T2022.xlsx' });
  });

  test('lists the sheets in tab order with their visibility, the hidden one included', () => {
    expect(book.sheets.map((s) => [s.name, s.state])).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7].map((i) => [`Biểu mẫu ${i}`, 'visible']),
      ['Thông tin', 'hidden'],
    ]);
    expect(book.allSheets.every((s) => s.kind === 'worksheet')).toBe(true);
  });

  test('returns exactly the stored cells: values, number formats and formulas, nothing more', () => {
    for (const expected of appendix.sheets) {
      const sheet = book.sheets.find((s) => s.name === expected.name)!;
      const want: Record<string, unknown[]> = {};
      for (const [address, c] of expected.cells) {
        const entry: unknown[] = [c.value];
        if (c.numFmt !== undefined || c.formula !== undefined) entry.push(c.numFmt);
        if (c.formula !== undefined) entry.push(c.formula);
        want[address] = entry;
      }
      expect(cellsOf(sheet)).toEqual(want);
      expect(sheet.merges.map((m) => `${m.top}:${m.left}-${m.bottom}:${m.right}`)).toEqual(
        expected.merges.length ? ['1:1-1:5', '2:1-2:5', '3:1-3:5'] : [],
      );
    }
  });

  test('a percent typed in a 0.0% cell reads as Excel stores it, with a format the caller recognises', () => {
    const bm1 = book.sheets[0];
    const row2 = bm1.cells.find((c) => c.col === 1 && c.value === '2.')!;
    const rate = bm1.get(row2.row, 4)!;
    expect(bm1.get(row2.row, 2)?.value).toBe('Tỷ lệ hoàn thành Kế hoạch CCHC năm (Lũy kế đến thời điểm báo cáo)');
    expect(rate).toMatchObject({ type: 'number', value: 0.163, numFmt: '0.0%' });
    expect(describeNumFmt(rate.numFmt)).toEqual({ kind: 'percent', decimals: 1 });
    // BM3 3.3 typed 100 in a 0% cell: stored as 1.
    const bm3 = book.sheets[2];
    const row = bm3.cells.find((c) => c.col === 1 && c.value === '3.3.')!.row;
    const hundred = bm3.get(row, 4)!;
    expect(hundred).toMatchObject({ value: 1, numFmt: '0%' });
    expect(describeNumFmt(hundred.numFmt)).toEqual({ kind: 'percent', decimals: 0 });
  });

  test('numbers stored as text stay text, as typed', () => {
    const texts = book.sheets.flatMap((s) =>
      s.cells.filter((c) => c.col === 4 && c.type === 'string').map((c) => c.value),
    );
    expect(texts).toEqual(expect.arrayContaining(['07', '2.531', '99,6%', '69.2 (72/104)', 'Số liệu']));
    expect(book.sheets[0].cell('D8')).toMatchObject({ type: 'string', value: '07' });
  });

  test('merged title rows, lookups by position and address', () => {
    const bm7 = book.sheets[6];
    expect(bm7.cell('A2')?.value).toBe('XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ');
    expect(bm7.mergeAt(2, 4)).toEqual({ top: 2, left: 1, bottom: 2, right: 5 });
    expect(bm7.mergeAt(5, 4)).toBeUndefined();
    expect(bm7.get(1, 1)?.value).toBe('Biểu mẫu 7');
    expect(bm7.get(1, 2)).toBeUndefined(); // covered by the merge, nothing stored
    expect([bm7.maxRow, bm7.maxCol]).toEqual([4 + 77, 6]);
  });

  test('defined names, with print areas scoped to their sheet', () => {
    // ExcelJS writes print areas as $A1:$E32 (row not absolute); the reader returns what is stored.
    const want = appendix.definedNames.map((d) => ({
      ...d,
      ref: d.name === '_xlnm.Print_Area' ? d.ref.replace(/\$A\$1:\$E\$/, '$A1:$E') : d.ref,
    }));
    expect(book.definedNames).toEqual(expect.arrayContaining(want));
    expect(book.definedNames).toHaveLength(want.length);
  });

  test('values equal what ExcelJS reads from the same bytes', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(appendix.bytes.slice().buffer as ArrayBuffer);
    let compared = 0;
    const droppedZeroResults: string[] = [];
    wb.eachSheet((ws) => {
      const ours = book.sheets.find((s) => s.name === ws.name)!;
      const seen = new Set<string>();
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Merge) return; // ExcelJS repeats the master's value
          const mine = ours.cell(cell.address);
          seen.add(cell.address);
          const v = cell.value as unknown;
          if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) {
            const f = v as { result?: unknown };
            expect(mine?.formula).toBe(cell.formula);
            if (f.result === undefined) droppedZeroResults.push(cell.address);
            else expect(mine?.value).toBe(f.result);
          } else {
            expect(mine?.value).toBe(v);
          }
          expect(mine?.numFmt).toBe(cell.numFmt || undefined);
          compared++;
        }),
      );
      expect(ours.cells.filter((c) => !seen.has(c.address))).toEqual([]);
    });
    expect(compared).toBe(book.sheets.reduce((n, s) => n + s.cells.length, 0));
    // ExcelJS loses a shared-formula follower's cached result when it is 0; the file holds 0.
    for (const address of droppedZeroResults) {
      expect(book.sheets.some((s) => s.cell(address)?.value === 0)).toBe(true);
    }
  });

  test('a book survives a structured clone (a worker posting it to the task pane)', () => {
    const copy = structuredClone(book);
    expect(copy.sheets[0].cells).toEqual(book.sheets[0].cells);
    expect(copy.sheets[0]).toMatchObject({ name: 'Biểu mẫu 1', maxRow: book.sheets[0].maxRow });
    expect(copy.definedNames).toEqual(book.definedNames);
  });

  test('never mutates the input bytes', () => {
    readXlsx(appendix.bytes);
    expect(Buffer.compare(appendix.bytes, original)).toBe(0);
  });

  test('reads only the chosen sheets: the others are not even inflated', () => {
    const damaged = rezip(appendix.bytes, (files) => {
      files['xl/worksheets/sheet3.xml'] = strToU8('<worksheet><sheetData><row><c r="A1"><v>1</v></row>');
    });
    const two = readXlsx(damaged, { sheets: (name) => name === 'Biểu mẫu 1' || name === 'Thông tin' });
    expect(two.sheets.map((s) => s.name)).toEqual(['Biểu mẫu 1', 'Thông tin']);
    expect(two.allSheets).toHaveLength(8);
    const e = readError(damaged, { fileName: 'PL.xlsx' });
    expect(e.code).toBe('corrupt');
    expect(e.sheet).toBe('Biểu mẫu 3');
    expect(e.message).toMatch(
      /^Tệp «PL\.xlsx» bị hỏng: phần «xl\/worksheets\/sheet3\.xml» \(trang tính «Biểu mẫu 3»\) không phải XML hợp lệ/,
    );
  });

  test('a damaged byte is caught by the CRC, never read as a wrong number', () => {
    // Stored (uncompressed) parts, so one byte of a value can be changed in place.
    const stored = rezip(appendix.bytes, () => undefined, 0);
    const at = Buffer.from(stored).indexOf('<c r="D5" s="5"><v>58</v>');
    expect(at).toBeGreaterThan(0);
    const damaged = stored.slice();
    damaged[at + '<c r="D5" s="5"><v>'.length] = '6'.charCodeAt(0); // 58 → 68
    expect(readXlsx(stored).sheets[0].cell('D5')?.value).toBe(58);
    const e = readError(damaged, { fileName: 'PL.xlsx' });
    expect(e.code).toBe('corrupt');
    expect(e.message).toBe('Tệp «PL.xlsx» bị hỏng: phần «xl/worksheets/sheet1.xml» sai mã kiểm tra CRC.');
  });

  test('a truncated download is reported as damaged', () => {
    const e = readError(appendix.bytes.subarray(0, Math.floor(appendix.bytes.length * 0.6)), { fileName: 'PL.xlsx' });
    expect(e.code).toBe('corrupt');
    expect(e.message).toMatch(/^Tệp «PL\.xlsx» bị hỏng: .*chưa trọn vẹn/);
  });
});

describe('package parts shared by workbooks typed from one blank', () => {
  let stored: Uint8Array;
  beforeAll(async () => {
    // Stored (uncompressed) parts, so one byte of a part can be changed in place.
    stored = rezip((await buildAppendixWorkbook()).bytes, () => undefined, 0);
  });
  beforeEach(() => clearPartMemo());

  test('a second workbook from the same blank reads exactly as it does alone', () => {
    const other = rezip(
      stored,
      (files) => {
        const sheet = new TextDecoder().decode(files['xl/worksheets/sheet1.xml']);
        files['xl/worksheets/sheet1.xml'] = strToU8(
          sheet.replace('<c r="D5" s="5"><v>58</v>', '<c r="D5" s="5"><v>71</v>'),
        );
      },
      0,
    );
    const alone = readXlsx(other);
    clearPartMemo();
    readXlsx(stored);
    const second = readXlsx(other);
    expect(second).toEqual(alone);
    expect(second.sheets[0].cell('D5')?.value).toBe(71);
  });

  test('a workbook part that differs is read for itself, not remembered from the blank', () => {
    readXlsx(stored);
    const renamed = rezip(
      stored,
      (files) => {
        const wb = new TextDecoder().decode(files['xl/workbook.xml']);
        files['xl/workbook.xml'] = strToU8(wb.replace('name="Biểu mẫu 1"', 'name="Biểu mẫu 9"'));
      },
      0,
    );
    expect(readXlsx(renamed).sheets.map((s) => s.name)).toContain('Biểu mẫu 9');
  });

  test('different bytes under the same CRC and sizes are checked, never taken for the remembered part', () => {
    readXlsx(stored);
    const at = Buffer.from(stored).indexOf('name="Biểu mẫu 1"');
    expect(at).toBeGreaterThan(0);
    const forged = stored.slice();
    forged[at + Buffer.byteLength('name="Biểu mẫu ')] = '9'.charCodeAt(0); // the directory still says the old CRC
    const e = readError(forged, { fileName: 'PL.xlsx' });
    expect(e.message).toBe('Tệp «PL.xlsx» bị hỏng: phần «xl/workbook.xml» sai mã kiểm tra CRC.');
  });
});

describe('a whole-column data validation (D5:D1048576 on every form)', () => {
  test('costs nothing: same cells as without it, read in well under a second', async () => {
    const plain = await buildAppendixWorkbook();
    const validated = await buildAppendixWorkbook({ wholeColumnValidation: true });
    expect(Buffer.from(unzipSync(validated.bytes)['xl/worksheets/sheet1.xml']).toString()).toContain(
      'sqref="D5:D1048576"',
    );
    readXlsx(validated.bytes); // warm-up
    const t0 = performance.now();
    const book = readXlsx(validated.bytes);
    const ms = performance.now() - t0;
    expect(book.sheets.map(cellsOf)).toEqual(readXlsx(plain.bytes).sheets.map(cellsOf));
    expect(ms).toBeLessThan(500); // ExcelJS spends seconds and ~1 GB here
  });
});

describe('lookups by position', () => {
  const sheetXml = (cells: string) =>
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${cells}</sheetData></worksheet>`;
  const book = (cells: string) =>
    readXlsx(standardPackage({ workbook: workbookXml([{ name: 'Sheet1' }]), sheets: [sheetXml(cells)] }));

  test.each([
    ['an appendix-sized sheet', 'D40'],
    ['a sheet with a stray cell far away (over 262,144 positions)', 'IV9000'],
  ])('%s: each cell at its place, nothing outside, a repeated cell as written last', (_, far) => {
    const s = book(
      `<row r="2"><c r="B2"><v>7</v></c><c r="B2"><v>8</v></c><c r="C2"><v>9</v></c></row>` +
        `<row r="${far.replace(/^[A-Z]+/, '')}"><c r="${far}"><v>1</v></c></row>`,
    ).sheets[0];
    expect(s.get(2, 2)?.value).toBe(8);
    expect(s.get(2, 3)?.value).toBe(9);
    expect(s.cell(far)?.value).toBe(1);
    for (const [r, c] of [
      [2, 1],
      [1, 2],
      [0, 2],
      [2, 0],
      [s.maxRow + 1, 1],
      [1, s.maxCol + 1],
      [-1, -1],
    ])
      expect(s.get(r, c)).toBeUndefined();
  });
});

describe('packages shaped like other generators’ output', () => {
  test('rows and cells without r attributes (WPS, streaming writers) get their addresses by position', () => {
    const book = readXlsx(fixture('no-r-attributes.xlsx'));
    expect(book.sheets[0].cells.map((c) => [c.address, c.value])).toEqual([
      ['A1', 'Biểu mẫu 1'],
      ['B1', 'Công tác chỉ đạo'],
      ['C1', 'điều hành'],
      ['A2', 1],
      ['B2', 'Số văn bản chỉ đạo CCHC'],
      ['D2', 58],
      ['A5', 2.1],
      ['D5', 43],
      ['E5', 7],
      ['A6', true],
      ['B6', 'Có'],
    ]);
  });

  test('x:-prefixed XML (Open XML SDK), unusual part names, a chart sheet before the data sheets', () => {
    const book = readXlsx(fixture('x-prefixed.xlsx'));
    expect(book.allSheets.map((s) => [s.name, s.kind, s.state])).toEqual([
      ['Biểu đồ', 'chartsheet', 'visible'],
      ['Biểu mẫu 3', 'worksheet', 'visible'],
      ['Danh mục', 'worksheet', 'veryHidden'],
    ]);
    expect(book.sheets.map((s) => s.name)).toEqual(['Biểu mẫu 3', 'Danh mục']);
    expect(book.date1904).toBe(true);
    const [bm3, list] = book.sheets;
    expect(cellsOf(bm3)).toEqual({
      A1: ['Tỷ lệ hồ sơ đúng hạn'],
      D1: [0.96, '0%'],
      A2: ['Số hồ sơ'],
      D2: [0.996, '0.0%'],
      D3: [1635, undefined, 'SUM(D4:D4)'],
      D4: [45382, 'mm-dd-yy'],
    });
    expect(describeNumFmt(bm3.cell('D4')?.numFmt).kind).toBe('date');
    expect(bm3.merges).toEqual([{ top: 3, left: 1, bottom: 4, right: 3 }]);
    expect(bm3.dimension).toBe('A1:D4');
    expect(cellsOf(list)).toEqual({ A1: ['Mã'], B1: [1] });
    expect(book.definedNames).toEqual([
      { name: 'TongHoSo', sheet: 'Biểu mẫu 3', ref: "'Biểu mẫu 3'!$D$3" },
      { name: '_xlnm.Print_Area', sheet: 'Danh mục', ref: "'Danh mục'!$A$1:$B$2", hidden: true },
      { name: 'MaDonVi', ref: '"X&Y"' },
    ]);
  });

  test('rich text, phonetic runs, entities, preserved spaces, escapes, CDATA, inline and formula strings', () => {
    const sheet = readXlsx(fixture('strings.xlsx')).sheets[0];
    expect(
      sheet.cells.map((c) => [c.address, c.type, c.value, c.formula, c.error].filter((x) => x !== undefined)),
    ).toEqual([
      ['A1', 'string', 'Chỉ tiêu nội dòng'],
      ['B1', 'string', 'Phần in đậm'],
      ['C1', 'string', 'Chỉ tiêu nội dòng!', 'A1&"!"'],
      ['D1', 'error', null, '1/0', '#DIV/0!'],
      ['E1', 'date', '2024-03-31T00:00:00'],
      ['A2', 'string', 'Số văn bản & quyết định <QPPL>'],
      ['B2', 'string', 'Tỷ lệ hoàn thành (%)'],
      ['C2', 'string', 'Số liệu'],
      ['D2', 'string', '  Ghi chú  '],
      ['E2', 'string', 'Dòng 1\r\nDòng 2 _x0041_'],
      ['F2', 'string', 'a < b & c'],
      ['G2', 'string', ''],
      ['A3', 'boolean', false],
      ['B3', 'empty', null, 'B4'],
      ['C3', 'number', -0.0015],
    ]);
  });

  test('a DOCTYPE with entity declarations is skipped, never expanded (no "billion laughs")', () => {
    const doctype =
      '<!DOCTYPE sst [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>';
    const bytes = rezip(fixture('strings.xlsx'), (files) => {
      const xml = Buffer.from(files['xl/sharedStrings.xml']).toString();
      files['xl/sharedStrings.xml'] = strToU8(
        xml.replace('?>', `?>${doctype}`).replace('<t>S&#7889;', '<t>&lol2;S&#7889;'),
      );
    });
    expect(readXlsx(bytes).sheets[0].cell('C2')?.value).toBe('&lol2;Số liệu');
  });

  test('the committed fixture files are what build.ts makes', () => {
    const onDisk = readdirSync(FIXTURE_DIR)
      .filter((f) => /\.xlsx?$/.test(f))
      .sort();
    expect(onDisk).toEqual(Object.keys(FIXTURES).sort());
    for (const [name, build] of Object.entries(FIXTURES)) {
      const built = build();
      const disk = fixture(name);
      const isZip = built[0] === 0x50 && name !== 'bomb-declared-large.xlsx';
      if (isZip) expect(unzipSync(disk)).toEqual(unzipSync(built));
      else expect(Buffer.compare(disk, built)).toBe(0);
      expect(disk.length).toBeLessThan(8 * 1024);
    }
  });
});

describe('files that are not readable workbooks get a Vietnamese message naming the file', () => {
  test.each([
    [
      'legacy.xls',
      'xls',
      'Tệp «legacy.xls» có định dạng .xls cũ; hãy mở bằng Excel và lưu lại thành .xlsx (Sổ làm việc Excel).',
    ],
    [
      'encrypted.xlsx',
      'encrypted',
      /^Tệp «encrypted\.xlsx» được đặt mật khẩu nên không đọc được; hãy mở bằng Excel, gỡ mật khẩu/,
    ],
    ['random-bytes.xlsx', 'not-xlsx', 'Tệp «random-bytes.xlsx» không phải là sổ tính Excel .xlsx.'],
    ['empty.xlsx', 'empty-file', 'Tệp «empty.xlsx» rỗng (0 byte), không có dữ liệu.'],
    ['no-sheets.xlsx', 'no-worksheets', 'Tệp «no-sheets.xlsx» không có trang tính nào.'],
  ])('%s → %s', (name, code, message) => {
    const e = readError(fixture(name), { fileName: name });
    expect(e.code).toBe(code);
    expect(e.fileName).toBe(name);
    if (typeof message === 'string') expect(e.message).toBe(message);
    else expect(e.message).toMatch(message);
  });

  test('without a file name the message still reads naturally', () => {
    expect(readError(fixture('legacy.xls')).message).toMatch(/^Tệp có định dạng \.xls cũ/);
  });

  test('HTML saved as .xlsx, an OpenDocument spreadsheet and a binary .xlsb are told apart', () => {
    const html = strToU8('\ufeff<html><body><table><tr><td>58</td></tr></table></body></html>');
    expect(readError(html, { fileName: 'a.xlsx' }).message).toMatch(
      /không phải là sổ tính Excel \.xlsx \(nội dung là văn bản HTML\/XML đổi đuôi/,
    );
    const ods = zipParts({
      mimetype: 'application/vnd.oasis.opendocument.spreadsheet',
      'content.xml': '<office:document-content/>',
    });
    expect(readError(ods, { fileName: 'b.xlsx' })).toMatchObject({
      code: 'not-xlsx',
      message: expect.stringContaining('OpenDocument .ods'),
    });
    const xlsb = zipParts({ '_rels/.rels': '<Relationships/>', 'xl/workbook.bin': new Uint8Array(8) });
    expect(readError(xlsb, { fileName: 'c.xlsx' }).message).toContain('.xlsb');
  });

  test('a shared-string index that does not exist names the sheet and the cell', () => {
    const bad = rezip(fixture('no-r-attributes.xlsx'), (files) => {
      const xml = Buffer.from(files['xl/worksheets/sheet1.xml']).toString();
      files['xl/worksheets/sheet1.xml'] = strToU8(xml.replace('<c t="s"><v>4</v></c>', '<c t="s"><v>40</v></c>'));
    });
    const e = readError(bad, { fileName: 'x.xlsx' });
    expect(e).toMatchObject({ code: 'corrupt', sheet: 'Sheet1', cell: 'B6' });
    expect(e.message).toBe(
      'Tệp «x.xlsx» bị hỏng: ô B6 trên trang tính «Sheet1» trỏ tới chuỗi dùng chung số 40 không tồn tại.',
    );
  });
});

describe('limits stop oversized and malicious files before they cost memory', () => {
  test('the bomb fixture really is 500 MB of zeros (checked on a small slice of the same construction)', () => {
    const small = inflateSync(zerosDeflate(1000));
    expect(small.length).toBe(1 + 258 * 1000);
    expect(small.every((b) => b === 0)).toBe(true);
    expect(BOMB_SIZE).toBeGreaterThan(500 * 1024 * 1024 - 1024 * 1024);
  });

  test('an entry declared as 500 MB is refused from its declared size, before inflating anything', () => {
    // The fixture holds only the first 4 KB of the deflate data: inflating it would fail as
    // "damaged", so "too big" proves the refusal came from the declared size alone.
    const e = readError(fixture('bomb-declared-large.xlsx'), { fileName: 'bom.xlsx' });
    expect(e.code).toBe('too-big');
    expect(e.message).toBe(
      'Tệp «bom.xlsx» vượt giới hạn đọc an toàn: tổng dung lượng khi giải nén (khai báo) vượt 200 MB.',
    );
    const perPart = readError(fixture('bomb-declared-large.xlsx'), {
      fileName: 'bom.xlsx',
      limits: { maxTotalUncompressedBytes: 2 ** 31 },
    });
    expect(perPart.code).toBe('too-big');
    expect(perPart.message).toContain('phần «xl/worksheets/sheet1.xml» có 500 MB khi giải nén, vượt giới hạn 64 MB');
  });

  test('500 MB of zeros declared as 1 KB stops after one small chunk', () => {
    const bomb = zipBomb(1000, zerosDeflate(BOMB_MATCHES)); // ≈ 0.5 MB in memory
    // The work done is counted, not timed (a busy machine must not fail this): the streaming
    // inflater is fed one 16 KB chunk of the ≈ 0.5 MB, and what it gives back is dropped there.
    const push = jest.spyOn(Inflate.prototype, 'push');
    let e: XlsxReadError;
    let fed: number[];
    try {
      e = readError(bomb, { fileName: 'bom.xlsx' });
      fed = push.mock.calls.map(([chunk]) => chunk.length);
    } finally {
      push.mockRestore();
    }
    expect(e.code).toBe('corrupt');
    expect(e.message).toBe(
      'Tệp «bom.xlsx» bị hỏng: phần «xl/worksheets/sheet1.xml» giải nén ra nhiều hơn kích thước khai báo (1.000 byte); tệp có thể là «bom nén».',
    );
    expect(bomb.length).toBeGreaterThan(400 * 1024);
    expect(fed).toEqual([16 * 1024]); // of ≈ 500 KB: inflating it all takes seconds of CPU and 500 MB
    // A small one (15 MB from 15 KB, inflated in one step) is caught the same way.
    const small = zipBomb(1000, zerosDeflate(60_000));
    expect(small.length).toBeLessThan(16 * 1024 + 2048);
    expect(readError(small, { fileName: 'bom.xlsx' }).message).toBe(e.message);
  });

  test('entry count, part size and cells per sheet', async () => {
    const { bytes } = await buildAppendixWorkbook();
    expect(readError(bytes, { fileName: 'a.xlsx', limits: { maxEntries: 10 } }).message).toMatch(
      /có \d+ mục nén, nhiều hơn giới hạn 10$|giới hạn 10\.$/,
    );
    const part = readError(bytes, { limits: { maxPartBytes: 20_000 } });
    expect(part).toMatchObject({ code: 'too-big', part: 'xl/worksheets/sheet7.xml' });
    const cells = readError(bytes, { fileName: 'a.xlsx', limits: { maxCellsPerSheet: 100 } });
    expect(cells).toMatchObject({ code: 'too-big', sheet: 'Biểu mẫu 1' });
    expect(cells.message).toBe('Tệp «a.xlsx» vượt giới hạn đọc an toàn: trang tính «Biểu mẫu 1» có hơn 100 ô dữ liệu.');
    expect(readError(bytes, { limits: { maxCellsTotal: 500 } }).message).toContain('sổ tính có hơn 500 ô dữ liệu');
  });
});

describe('shared formulas and number formats', () => {
  test.each([
    ['N(D5)', 3, 0, 'N(D8)'],
    ['SUM(A1:B2)*$C$1+Sheet2!D4-C$3', 1, 1, 'SUM(B2:C3)*$C$1+Sheet2!E5-D$3'],
    ['\'Biểu 1\'!A1&"A1"&LOG10(B2)', 1, 0, '\'Biểu 1\'!A2&"A1"&LOG10(B3)'],
    ['SUM(A:A)+SUM(2:3)+SUM($B:$B)', 2, 1, 'SUM(B:B)+SUM(4:5)+SUM($B:$B)'],
    ['A1+TRUE+Tax_2019', 0, 1, 'B1+TRUE+Tax_2019'],
    ['A2-1', -1, 0, 'A1-1'],
    ['A1', -1, 0, '#REF!'],
  ])('%s moved by (%i, %i) → %s', (master, dRow, dCol, want) => {
    expect(compileSharedFormula(master)(dRow, dCol)).toBe(want);
  });

  test.each([
    ['0%', 'percent', 0],
    ['0.0%', 'percent', 1],
    ['#,##0.00" %"', 'number', 2],
    ['#,##0', 'number', 0],
    ['[$-42A]dd/mm/yyyy', 'date', 0],
    ['[h]:mm:ss', 'date', 0],
    ['@', 'text', 0],
    ['General', 'general', 0],
    ['0.00E+00', 'number', 2],
    ['#,##0 [$₫-42A];[Red]-#,##0 [$₫-42A]', 'number', 0],
  ])('%s is a %s format with %i decimals', (code, kind, decimals) => {
    expect(describeNumFmt(code)).toEqual({ kind, decimals });
  });
});

test('the reader runs in a browser or web worker: no fs, no Buffer, no DOMParser in its source', () => {
  const dir = join(__dirname, '..', 'src', 'io', 'xlsx-read');
  for (const file of readdirSync(dir)) {
    const src = readFileSync(join(dir, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect([file, /from ['"](node:|fs|path)|require\(|\bBuffer\b|DOMParser|process\./.test(src)]).toEqual([
      file,
      false,
    ]);
  }
});
