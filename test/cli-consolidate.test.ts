/**
 * `cchc consolidate` end to end: a district (own figures in a cchc-made workbook) consolidates
 * three communes whose Phụ lục 1B reports were typed by hand, one of them sent twice, against a
 * roster with one commune that did not report.
 */
import { createHash } from 'crypto';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'fs';
import os from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import { main } from '../src/cli/main';
import { getTemplate } from '../src/core/template/registry';
import { buildCchcMade, buildHandmade } from './helpers/handmade';
import { loadSeed, type Seed } from './helpers/seeds';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cchc-consolidate-'));
const file = (name: string) => path.join(dir, name);
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

/** Seed 001 (a commune's 1B report) as another commune would send it, with some figures changed. */
function commune(unit: string, changes: Record<string, string>): Seed {
  const s = loadSeed('001');
  return {
    ...s,
    unit,
    forms: s.forms.map((f) => ({
      ...f,
      rows: f.rows.map((r) => (r.stt in changes ? { ...r, value: changes[r.stt] } : r)),
    })),
  };
}

async function run(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await main(args, (s) => lines.push(s));
  return { code, out: lines.join('\n') };
}

describe('cchc consolidate', () => {
  const children: string[] = [];
  let own: string;
  let roster: string;
  beforeAll(async () => {
    own = file('huyen-so-lieu-rieng.xlsx');
    // The district's own figures: seed 000's table, as UBND huyện Cẩm Xuyên's own report.
    writeFileSync(
      own,
      (
        await buildCchcMade({ ...loadSeed('000'), unit: 'UBND huyện Cẩm Xuyên' }, getTemplate('bnv2022-huyen'), {
          level: 'huyen',
        })
      ).bytes,
    );
    const typed = async (name: string, seed: Seed) => {
      const f = file(name);
      writeFileSync(
        f,
        (await buildHandmade(seed, { layout: 'single-table', habit: 'vn-text', repeatHeaderEvery: 45 })).bytes,
      );
      children.push(f);
    };
    await typed('cam-hung.xlsx', commune('Ủy ban nhân dân xã Cẩm Hưng', {}));
    await typed(
      'cam-thinh-lan-1.xlsx',
      commune('Ủy ban nhân dân xã Cẩm Thịnh', { '3.3.3.1': '700', '3.3.3.2': '650', '3.3.3': '92,86' }),
    );
    await typed(
      'cam-thinh-lan-2.xlsx',
      commune('Ủy ban nhân dân xã Cẩm Thịnh', { '3.3.3.1': '800', '3.3.3.2': '790', '3.3.3': '98,75' }),
    );
    await typed(
      'cam-binh.xlsx',
      commune('Ủy ban nhân dân xã Cẩm Bình', {
        '3.1.4.3': '115',
        '3.3.3.1': '2.000',
        '3.3.3.2': '1.990',
        '3.3.3': '99,5',
      }),
    );
    roster = file('danh-sach.txt');
    writeFileSync(roster, 'Xã Cẩm Hưng\nXã Cẩm Thịnh\nXã Cẩm Bình\nXã Cẩm Quang\n');
  });

  const args = (out: string) => [
    'consolidate',
    '--template',
    'bnv2022-huyen',
    '--level',
    'huyen',
    '--unit',
    'UBND huyện Cẩm Xuyên',
    '--period',
    '6T',
    '--year',
    '2022',
    '--own',
    own,
    '--roster',
    roster,
    '--out',
    out,
    '--json',
    ...children,
  ];

  it('consolidates hand-typed 1B communes into the BNV 2022 district appendix, traced to files and cells', async () => {
    const before = [own, ...children].map(sha);
    const { code, out } = await run(args(file('tong-hop.xlsx')));
    const j = JSON.parse(out);
    expect(code).toBe(1); // written, but the communes' reports carry errors (seed 001's)
    expect(j.values['BM3:3.3.1'].value).toBe(1213 + 800 + 2000);
    expect(j.values['BM3:3.3.2'].value).toBe(1213 + 790 + 1990);
    expect(j.values['BM3:3.3']).toMatchObject({ value: 99.5, how: 'recompute' }); // 3993/4013 = 99,50
    expect(j.values['BM3:3.3.1'].from).toEqual([
      expect.objectContaining({
        unit: 'UBND xã Cẩm Hưng',
        file: 'cam-hung.xlsx',
        value: 1213,
        cell: expect.stringMatching(/^'.+'!D\d+$/),
      }),
      expect.objectContaining({ unit: 'UBND xã Cẩm Thịnh', file: 'cam-thinh-lan-2.xlsx', value: 800 }),
      expect.objectContaining({ unit: 'UBND xã Cẩm Bình', file: 'cam-binh.xlsx', value: 2000 }),
    ]);
    // Own figures of the district stay its own.
    expect(j.values['BM3:3.2.1']).toMatchObject({ value: 2531, how: 'own' });
    expect(j.values['BM1:1']).toMatchObject({ value: 58, how: 'own' });
    // The commune catalogue: the district's own figure (173, seed 000) wins, and the communes that
    // wrote another number (117, 117, 115 in seed 001's table) are named with their cells.
    expect(j.values['BM3:1.4.3']).toMatchObject({ value: 173, how: 'uniform' });
    const uniform = j.findings.find((f: { rule: string }) => f.rule === 'consolidate:uniform');
    expect(uniform.units).toEqual(['UBND xã Cẩm Hưng', 'UBND xã Cẩm Thịnh', 'UBND xã Cẩm Bình']);
    expect(uniform.message).toMatch(
      /lấy số của UBND huyện Cẩm Xuyên là 173 \(ô 'Biểu mẫu 3'!D\d+\), nhưng UBND xã Cẩm Hưng ghi 117 \(ô 'Phụ lục 1B'!D\d+\);.*UBND xã Cẩm Bình ghi 115/,
    );
    // The status: a unit sent twice is taken once, the commune that did not report is missing.
    expect(j.units.map((u: { file: string; status: string }) => [u.file, u.status])).toEqual([
      ['cam-hung.xlsx', 'received'],
      ['cam-thinh-lan-1.xlsx', 'replaced'],
      ['cam-thinh-lan-2.xlsx', 'received'],
      ['cam-binh.xlsx', 'received'],
    ]);
    expect(j.units[0].errors).toBeGreaterThan(0);
    expect(j.missing).toEqual(['Xã Cẩm Quang']);
    // Nothing is written into the received files.
    expect([own, ...children].map(sha)).toEqual(before);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('tong-hop.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(['Biểu mẫu 1', 'Biểu mẫu 7', 'Chi tiết theo đơn vị', 'Tình hình nộp báo cáo']),
    );
    const status: string[] = [];
    wb.getWorksheet('Tình hình nộp báo cáo')!.eachRow((r) =>
      status.push(`${r.getCell(2).value} — ${r.getCell(4).value}`),
    );
    expect(status).toContain('Xã Cẩm Quang — Chưa nộp');
  });

  it('gives the same result when run twice, and refuses to overwrite without --force', async () => {
    const a = JSON.parse((await run(args(file('lan-a.xlsx')))).out);
    const b = JSON.parse((await run(args(file('lan-b.xlsx')))).out);
    delete a.out;
    delete b.out;
    expect(b).toEqual(a);
    const again = await run(args(file('lan-a.xlsx')));
    expect(again.code).toBe(2);
    expect(again.out).toMatch(/đã có\. Dùng --force/);
  });

  it('never writes over an input, and says so in Vietnamese', async () => {
    const r = await run(args(children[0]));
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/chính là tệp đầu vào/);
  });

  it('lists a file that is not a workbook and still consolidates the others', async () => {
    const bad = file('khong-phai-excel.xlsx');
    writeFileSync(bad, 'Báo cáo gửi kèm — xem bản giấy');
    const r = await run([
      'consolidate',
      '--template',
      'bnv2022-huyen',
      '--level',
      'huyen',
      '--unit',
      'UBND huyện Cẩm Xuyên',
      '--period',
      '6T',
      '--year',
      '2022',
      '--out',
      file('co-tep-hong.xlsx'),
      '--json',
      children[0],
      bad,
    ]);
    const j = JSON.parse(r.out);
    expect(r.code).toBe(1);
    expect(j.units).toContainEqual(
      expect.objectContaining({
        file: 'khong-phai-excel.xlsx',
        status: 'unreadable',
        message: expect.stringMatching(/khong-phai-excel\.xlsx/),
      }),
    );
    expect(j.values['BM3:3.3.1'].value).toBe(1213);
    expect(existsSync(file('co-tep-hong.xlsx'))).toBe(true);
  });
});
