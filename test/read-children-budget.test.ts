/**
 * The hard time budget of a consolidation's reading threads: a child that keeps its thread busy
 * past the budget (here 500,000 cells of text, well over 2 s of recognising, under a 2 s budget while
 * the reader's own budget is the default 10 s) has its thread stopped and is listed unreadable;
 * the files queued behind it on that thread are read by the next one, in input order.
 */
import { mkdtempSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { readChildren } from '../src/cli/read-children';
import { columnLetters } from '../src/io/xlsx-read';
import { standardPackage, workbookXml } from './fixtures/xlsx/build';
import { buildHandmade } from './helpers/handmade';
import { loadSeed, type Seed } from './helpers/seeds';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cchc-budget-'));

function heavy(): Uint8Array {
  const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rows: string[] = [];
  for (let r = 1; r <= 5000; r++) {
    let cs = '';
    for (let c = 1; c <= 100; c++)
      cs += `<c r="${columnLetters(c)}${r}" t="inlineStr"><is><t>Số hồ sơ ${r}.${c}</t></is></c>`;
    rows.push(`<row r="${r}">${cs}</row>`);
  }
  return standardPackage({
    workbook: workbookXml([{ name: 'Nặng' }]),
    sheets: [`<worksheet xmlns="${NS}"><sheetData>${rows.join('')}</sheetData></worksheet>`],
  });
}

test('a child past its budget is stopped and listed; the others are read in order', async () => {
  const commune = (unit: string): Seed => ({ ...loadSeed('001'), unit });
  const files: string[] = [];
  for (const [name, unit] of [
    ['a.xlsx', 'Ủy ban nhân dân xã A Một'],
    ['nang.xlsx', ''],
    ['b.xlsx', 'Ủy ban nhân dân xã B Hai'],
    ['c.xlsx', 'Ủy ban nhân dân xã C Ba'],
  ]) {
    const f = path.join(dir, name);
    writeFileSync(
      f,
      unit ? (await buildHandmade(commune(unit), { layout: 'single-table', habit: 'vn-text' })).bytes : heavy(),
    );
    files.push(f);
  }
  const t0 = Date.now();
  const { children, unreadable } = await readChildren(files, { workers: 1, fileMs: 2000 });
  expect(Date.now() - t0).toBeLessThan(30_000);
  expect(unreadable).toEqual([
    {
      file: 'nang.xlsx',
      message:
        'Tệp «nang.xlsx» không đọc xong trong 2 giây (giới hạn thời gian cho mỗi tệp): tệp quá lớn hoặc có cấu trúc bất thường; đã bỏ qua tệp này.',
    },
  ]);
  expect(children.map((c) => c.unit)).toEqual(['UBND xã A Một', 'UBND xã B Hai', 'UBND xã C Ba']);
});
