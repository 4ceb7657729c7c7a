/**
 * Files that are not an appendix get a clear Vietnamese message naming the file (and the sheet
 * where it applies), and reading never changes the file.
 */
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import { zipSync, strToU8 } from 'fflate';
import { readReport } from '../src/io/read-report';
import { readReportFile } from '../src/io/read-report-file';
import { ReadReportError } from '../src/core/recognise';
import { buildHandmade } from './helpers/handmade';
import { loadSeed } from './helpers/seeds';

function failure(fn: () => unknown): ReadReportError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReadReportError) return e;
    throw e;
  }
  throw new Error('không có lỗi');
}

async function workbook(sheets: { name: string; rows: (string | number | null)[][] }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((r, i) => r.forEach((v, j) => v !== null && (ws.getCell(i + 1, j + 1).value = v)));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An OLE compound file header, with an `EncryptionInfo` directory entry when asked. */
function ole(encrypted: boolean): Uint8Array {
  const d = new Uint8Array(2048);
  d.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  if (encrypted) {
    const name = 'EncryptionInfo';
    for (let i = 0; i < name.length; i++) d[1024 + 2 * i] = name.charCodeAt(i);
    d[1024 + 64] = (name.length + 1) * 2;
  }
  return d;
}

describe('files that are not an appendix', () => {
  test('an empty file', () => {
    const e = failure(() => readReport(new Uint8Array(), { fileName: 'XaA.xlsx' }));
    expect(e.code).toBe('empty');
    expect(e.message).toContain('«XaA.xlsx»');
  });

  test('a CSV renamed .xlsx, a Word document, an old .xls, a password-protected workbook', () => {
    const csv = failure(() =>
      readReport(strToU8('STT,Chỉ tiêu,Số liệu\n1,Số văn bản,5\n'), { fileName: 'bao-cao.xlsx' }),
    );
    expect(csv.code).toBe('not-xlsx');
    expect(csv.message).toMatch(/«bao-cao\.xlsx» không phải là sổ tính Excel/);
    const docx = failure(() =>
      readReport(
        zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') }),
        { fileName: 'phu-luc.xlsx' },
      ),
    );
    expect(docx.message).toMatch(/«phu-luc\.xlsx».*văn bản Word/);
    const xls = failure(() => readReport(ole(false), { fileName: 'cu.xlsx' }));
    expect(xls.code).toBe('xls');
    expect(xls.message).toMatch(/«cu\.xlsx».*\.xls cũ/);
    const enc = failure(() => readReport(ole(true), { fileName: 'mat-khau.xlsx' }));
    expect(enc.code).toBe('encrypted');
    expect(enc.message).toMatch(/«mat-khau\.xlsx» được đặt mật khẩu/);
  });

  test('a workbook whose sheets are all empty', async () => {
    const bytes = await workbook([
      { name: 'Sheet1', rows: [] },
      { name: 'Sheet2', rows: [] },
    ]);
    const e2 = failure(() => readReport(bytes, { fileName: 'trong.xlsx' }));
    expect(e2.code).toBe('empty');
    expect(e2.message).toBe('Tệp «trong.xlsx» trống: không trang tính nào có dữ liệu.');
  });

  test('a workbook without an appendix table names the sheets it looked at', async () => {
    const bytes = await workbook([
      {
        name: 'Danh sách',
        rows: [
          ['Họ và tên', 'Chức vụ'],
          ['Nguyễn Văn A', 'Chủ tịch'],
        ],
      },
      {
        name: 'Thu chi',
        rows: [
          ['Khoản', 'Số tiền'],
          ['Văn phòng phẩm', 1200000],
        ],
      },
    ]);
    const e = failure(() => readReport(bytes, { fileName: 'khac.xlsx' }));
    expect(e.code).toBe('no-appendix');
    expect(e.message).toMatch(/«khac\.xlsx» không có bảng phụ lục nào.*«Danh sách», «Thu chi»/);
  });

  test('a table with the appendix header but none of its indicators', async () => {
    const bytes = await workbook([
      {
        name: 'Mua sắm',
        rows: [
          ['STT', 'Chỉ tiêu thống kê', 'Đơn vị tính', 'Số liệu', 'Ghi chú'],
          [1, 'Mua sắm bàn ghế hội trường', 'Bộ', 12, null],
          [2, 'Sửa chữa mái tôn nhà kho', 'Hạng mục', 1, null],
          [3, 'Trồng cây xanh khuôn viên trụ sở', 'Cây', 40, null],
        ],
      },
    ]);
    const e = failure(() => readReport(bytes, { fileName: 'mua-sam.xlsx' }));
    expect(e.code).toBe('no-appendix');
    expect(e.message).toMatch(/«mua-sam\.xlsx» có bảng trên trang tính «Mua sắm» nhưng không dòng nào khớp/);
  });

  test('a workbook over the size limits', async () => {
    const { bytes } = await buildHandmade(loadSeed('000'), { layout: 'sheet-per-form', habit: 'vn-text' });
    const e = failure(() => readReport(bytes, { fileName: 'lon.xlsx', limits: { maxCellsPerSheet: 50 } }));
    expect(e.code).toBe('too-big');
    expect(e.message).toMatch(/«lon\.xlsx» vượt giới hạn.*trang tính «Biểu mẫu \d»/);
  });
});

describe('files on disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cchc-read-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('a missing file and a folder', async () => {
    await expect(readReportFile(path.join(dir, 'khong-co.xlsx'))).rejects.toThrow(
      /Không đọc được tệp «.*khong-co\.xlsx»: không có tệp này/,
    );
    await expect(readReportFile(dir)).rejects.toThrow(/là một thư mục/);
  });

  test('reading leaves the file exactly as it was', async () => {
    const { bytes } = await buildHandmade(loadSeed('001'), {
      layout: 'single-table',
      habit: 'en-us',
      repeatHeaderEvery: 30,
    });
    const file = path.join(dir, 'cam-hung.xlsx');
    await fs.writeFile(file, bytes);
    const before = await fs.stat(file);
    const hash = createHash('sha256')
      .update(await fs.readFile(file))
      .digest('hex');
    const r = await readReportFile(file);
    expect(r.file).toBe(file);
    expect(r.template.id).toBe('pl1b');
    const after = await fs.stat(file);
    expect(
      createHash('sha256')
        .update(await fs.readFile(file))
        .digest('hex'),
    ).toBe(hash);
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });
});
