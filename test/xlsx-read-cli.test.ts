/**
 * The reader as the CLI uses it on thousands of files. With Node's zlib as its codec
 * (src/io/native-zip.ts) it reads a received workbook exactly as with fflate and keeps every
 * safety bound: a zip bomb stops at its declared size, a damaged byte is caught by the CRC, a
 * truncated download is reported damaged. Asked for the first rows of a sheet only (the metadata
 * sheet's key block), it reads those rows as a full read does and stops there.
 */
import { unzipSync, zipSync } from 'fflate';
import { NODE_ZIP } from '../src/io/native-zip';
import { readXlsx, XlsxReadError, type ReadXlsxOptions } from '../src/io/xlsx-read';
import { buildAppendixWorkbook, type AppendixWorkbook } from './fixtures/xlsx/appendix-workbook';
import { BOMB_MATCHES, zerosDeflate, zipBomb } from './fixtures/xlsx/build';

const native = NODE_ZIP!;

function readError(bytes: Uint8Array, opts: ReadXlsxOptions = {}): XlsxReadError {
  try {
    readXlsx(bytes, opts);
  } catch (e) {
    if (e instanceof XlsxReadError) return e;
    throw e;
  }
  throw new Error('readXlsx did not throw');
}

let appendix: AppendixWorkbook;
beforeAll(async () => {
  appendix = await buildAppendixWorkbook();
});

test('Node has a native codec (zlib.crc32 since Node 20.15)', () => {
  expect(NODE_ZIP).toBeDefined();
});

test('reads the same sheets, cells, merges and names as with fflate', () => {
  const viaFflate = readXlsx(appendix.bytes, { fileName: 'PL.xlsx' });
  const viaZlib = readXlsx(appendix.bytes, { fileName: 'PL.xlsx', native });
  const plain = (b: typeof viaFflate) => ({
    sheets: b.sheets.map((s) => ({ name: s.name, cells: s.cells, merges: s.merges })),
    names: b.definedNames,
    all: b.allSheets,
  });
  expect(plain(viaZlib)).toEqual(plain(viaFflate));
  expect(viaZlib.sheets[0].cell('D5')?.value).toBe(58);
});

test('500 MB of zeros declared as 1 KB stops at the declared size, with the same message', () => {
  const bomb = zipBomb(1000, zerosDeflate(BOMB_MATCHES));
  // The work is bounded by what zlib is asked for (it stops once its output passes that), counted
  // here rather than timed: 1,001 bytes, one past the declared size, then the read stops.
  const asked: number[] = [];
  const counting = {
    ...native,
    inflateRaw: (data: Uint8Array, maxBytes: number) => {
      asked.push(maxBytes);
      return native.inflateRaw(data, maxBytes);
    },
  };
  const e = readError(bomb, { fileName: 'bom.xlsx', native: counting });
  expect(asked).toEqual([1001]);
  expect(e.code).toBe('corrupt');
  expect(e.message).toBe(readError(bomb, { fileName: 'bom.xlsx' }).message);
  expect(e.message).toContain('tệp có thể là «bom nén»');
});

test('a damaged byte is caught by the CRC; a truncated download is damaged', () => {
  const stored = zipSync(unzipSync(appendix.bytes), { level: 0 });
  const at = Buffer.from(stored).indexOf('<c r="D5" s="5"><v>58</v>');
  expect(at).toBeGreaterThan(0);
  const damaged = stored.slice();
  damaged[at + '<c r="D5" s="5"><v>'.length] = '6'.charCodeAt(0); // 58 → 68
  expect(readError(damaged, { fileName: 'PL.xlsx', native }).message).toBe(
    'Tệp «PL.xlsx» bị hỏng: phần «xl/worksheets/sheet1.xml» sai mã kiểm tra CRC.',
  );
  // A deflated part cut short: zlib reports the end of the data, fflate a short part; both say damaged.
  const deflated = zipSync(unzipSync(appendix.bytes), { level: 6 });
  const cut = deflated.slice();
  const sheet = Buffer.from(deflated).indexOf('xl/worksheets/sheet1.xml');
  cut.fill(0, sheet + 60, sheet + 400);
  expect(readError(cut, { fileName: 'PL.xlsx', native })).toMatchObject({
    code: 'corrupt',
    part: 'xl/worksheets/sheet1.xml',
  });
});

test('only the first rows asked for are read, exactly as a full read reads them', () => {
  const full = readXlsx(appendix.bytes);
  const part = readXlsx(appendix.bytes, { rows: (name) => (name === 'Biểu mẫu 3' ? 12 : undefined) });
  full.sheets.forEach((s, i) => {
    const p = part.sheets[i];
    if (s.name !== 'Biểu mẫu 3') expect(p.cells).toEqual(s.cells);
    else {
      expect(s.maxRow).toBeGreaterThan(20);
      expect(p.cells).toEqual(s.cells.filter((c) => c.row <= 12));
      expect(p.maxRow).toBeLessThanOrEqual(12);
    }
  });
});
