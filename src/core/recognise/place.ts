/**
 * Where a cell of a received report is, as the official finds it. A workbook's cell is its address;
 * a Word report's tables are read as sheets «Bảng N» with the title lines above each table, so a
 * sheet row is no row the official can count: the place names the table, the row counted from the
 * table's first (header rows included) and the column.
 */
import { columnNumber } from '../a1';

/** A Word table read as the sheet `sheet`, its first row at sheet row `top`. */
export interface WordTablePlace {
  sheet: string;
  top: number;
}

const ADDRESS = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)$/;

/** `'Biểu mẫu 3'!D12` as it is; in a Word report «Bảng 2, hàng 9, cột 4». */
export function placeOf(report: { wordTables?: readonly WordTablePlace[] }, address: string): string {
  if (!report.wordTables) return address;
  const m = ADDRESS.exec(address);
  if (!m) return address;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  const table = report.wordTables.find((t) => t.sheet === sheet);
  if (!table) return address;
  return `${sheet}, hàng ${Number(m[4]) - table.top + 1}, cột ${columnNumber(m[3])}`;
}
