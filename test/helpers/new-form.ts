/**
 * A form none of the built-in templates describes, laid out and numbered unlike the seeds:
 * Roman section numbers, the columns "TT | Nội dung | ĐVT | Kết quả | Ghi chú", a code row, a
 * ratio whose numerator is printed first. Built with ExcelJS blank (as issued) or filled (as a
 * unit sends it back), with the cells of every row so tests can say where a finding must land.
 */
import ExcelJS from 'exceljs';

export interface NewFormRow {
  tt: string;
  label: string;
  unit: string;
  /** The right figure (undefined for headings). */
  value?: number;
}

/** The form, in print order. Figures are consistent: every rule holds on them. */
export const NEW_FORM_ROWS: NewFormRow[] = [
  { tt: 'I', label: 'CÔNG TÁC TỔ CHỨC BỘ MÁY', unit: '' },
  { tt: '1', label: 'Tổng số cơ quan chuyên môn thuộc UBND tỉnh', unit: 'Cơ quan', value: 18 },
  { tt: '1.1', label: 'Số sở và tương đương', unit: 'Cơ quan', value: 15 },
  { tt: '1.2', label: 'Số cơ quan ngang sở', unit: 'Cơ quan', value: 3 },
  { tt: '2', label: 'Tỷ lệ cơ quan đã ban hành quy chế làm việc', unit: '%', value: 95 },
  { tt: '2.1', label: 'Tổng số cơ quan phải ban hành quy chế làm việc', unit: 'Cơ quan', value: 20 },
  { tt: '2.2', label: 'Số cơ quan đã ban hành quy chế làm việc', unit: 'Cơ quan', value: 19 },
  { tt: 'II', label: 'CÔNG TÁC CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC', unit: '' },
  { tt: '1', label: 'Tỷ lệ hồ sơ nâng lương được giải quyết đúng hạn', unit: '%', value: 90 },
  { tt: '1.1', label: 'Số hồ sơ nâng lương đã giải quyết đúng hạn', unit: 'Hồ sơ', value: 45 },
  { tt: '1.2', label: 'Tổng số hồ sơ nâng lương đã tiếp nhận', unit: 'Hồ sơ', value: 50 },
  { tt: '2', label: 'Tổng số công chức được tuyển dụng trong năm', unit: 'Người', value: 42 },
  { tt: '2.1', label: 'Số công chức được tuyển dụng qua thi tuyển', unit: 'Người', value: 30 },
  { tt: '2.2', label: 'Số công chức được tuyển dụng qua xét tuyển', unit: 'Người', value: 12 },
  {
    tt: '3',
    label: 'Triển khai phần mềm quản lý hồ sơ cán bộ, công chức',
    unit: 'Đã triển khai = 1; Chưa triển khai = 0',
    value: 1,
  },
  { tt: 'III', label: 'CÔNG TÁC VĂN THƯ, LƯU TRỮ', unit: '' },
  { tt: '1', label: 'Tỷ lệ văn bản đi được ký số', unit: '%', value: 75 },
  { tt: '1.1', label: 'Tổng số văn bản đi', unit: 'Văn bản', value: 200 },
  { tt: '1.2', label: 'Số văn bản đi đã được ký số', unit: 'Văn bản', value: 150 },
  { tt: '2', label: 'Kinh phí chỉnh lý tài liệu lưu trữ', unit: 'Triệu đồng', value: 350.5 },
];

export const FIRST_ROW = 6;
export const SHEET = 'Báo cáo';

/** Sheet row of the form row with this Roman section and TT. */
export function rowOf(section: string, tt: string): number {
  let current = '';
  for (let i = 0; i < NEW_FORM_ROWS.length; i++) {
    const r = NEW_FORM_ROWS[i];
    if (/^[IVX]+$/.test(r.tt)) current = r.tt;
    else if (current === section && r.tt === tt) return FIRST_ROW + i;
  }
  throw new Error(`no row ${section} ${tt}`);
}

/** What a filled cell holds: a number (with a % format for percentages typed as such), or text. */
export type Typed = { value: number | string; numFmt?: string };

/**
 * The workbook: blank, or filled with the right figures except `override` (sheet row → what was typed).
 */
export async function buildNewForm(o: {
  filled: boolean;
  override?: Map<number, Typed>;
  /** The reporting unit named in the title lines. */
  unit?: string;
}): Promise<Buffer> {
  const unit = o.unit ?? 'Sở Nội vụ tỉnh An Giang';
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.columns = [{ width: 6 }, { width: 60 }, { width: 18 }, { width: 12 }, { width: 20 }];
  const line = (r: number, text: string, bold = true) => {
    const c = ws.getCell(r, 1);
    c.value = text;
    c.font = { bold, name: 'Times New Roman' };
    ws.mergeCells(r, 1, r, 5);
  };
  line(1, unit.toLocaleUpperCase('vi'));
  line(2, 'PHỤ LỤC');
  line(3, 'KẾT QUẢ THỰC HIỆN CÔNG TÁC NỘI VỤ NĂM 2025');
  line(4, `(Kèm theo Báo cáo số 120/BC-SNV ngày 15/12/2025 của ${unit})`, false);
  ['TT', 'Nội dung', 'ĐVT', 'Kết quả', 'Ghi chú'].forEach((h, i) => {
    const c = ws.getCell(5, i + 1);
    c.value = h;
    c.font = { bold: true };
  });
  NEW_FORM_ROWS.forEach((row, i) => {
    const r = FIRST_ROW + i;
    ws.getCell(r, 1).value = row.tt;
    ws.getCell(r, 2).value = row.label;
    if (row.unit) ws.getCell(r, 3).value = row.unit;
    if (/^[IVX]+$/.test(row.tt)) ws.getRow(r).font = { bold: true };
    if (!o.filled || row.value === undefined) return;
    const typed = o.override?.get(r) ?? { value: row.value };
    const cell = ws.getCell(r, 4);
    cell.value = typed.value;
    if (typed.numFmt) cell.numFmt = typed.numFmt;
  });
  line(FIRST_ROW + NEW_FORM_ROWS.length + 2, 'GIÁM ĐỐC', true);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
