/**
 * What `cchc consolidate` refuses, on a district's real roster: of seven communes (Phụ lục 1B typed by
 * hand from seed 001's table), three sent this year's 6-month report, one its Quý I report, one last
 * year's, one a blank table, and one nothing; the district first gives another district's figures as
 * its own. The sums must be those of the three good communes alone, and every file left out is named
 * with why — in the CLI's text, in --json and on the status sheet. Also: the parent's report number
 * and date in the appendix, number formats, a uniform row with no majority, the period taken from the
 * children, unknown options and a level with nothing below it.
 */
import { mkdtempSync, writeFileSync, existsSync } from 'fs';
import os from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import { main } from '../src/cli/main';
import { getTemplate } from '../src/core/template/registry';
import { buildCchcMade, buildHandmade } from './helpers/handmade';
import { loadSeed, type Seed } from './helpers/seeds';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cchc-consolidate-refuse-'));
const file = (name: string) => path.join(dir, name);

/** Seed 001 (UBND xã Cẩm Hưng, Phụ lục 1B, 6 tháng đầu năm 2022) as another commune would send it. */
function commune(unit: string, changes: Record<string, string> = {}, period = '6 tháng đầu năm 2022'): Seed {
  const s = loadSeed('001');
  return {
    ...s,
    unit,
    period,
    forms: s.forms.map((f) => ({
      ...f,
      rows: f.rows.map((r) => (r.stt in changes ? { ...r, value: changes[r.stt] } : r)),
    })),
  };
}

/** Seed 001's table with every figure left out: a title and an empty table. */
function blank(unit: string): Seed {
  const s = commune(unit);
  return { ...s, forms: s.forms.map((f) => ({ ...f, rows: f.rows.map((r) => ({ ...r, value: '' })) })) };
}

async function typed(name: string, seed: Seed, titles: 'attached' | 'split' = 'attached'): Promise<string> {
  const f = file(name);
  writeFileSync(f, (await buildHandmade(seed, { layout: 'single-table', habit: 'vn-text', titles })).bytes);
  return f;
}

async function run(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await main(args, (s) => lines.push(s));
  return { code, out: lines.join('\n') };
}

const base = (out: string, extra: string[] = []) => [
  'consolidate',
  '--template',
  'bnv2022-huyen',
  '--level',
  'huyen',
  '--unit',
  'UBND huyện Cẩm Xuyên',
  '--out',
  out,
  ...extra,
];

let good: string[];
let bad: { quy1: string; lastYear: string; empty: string };
let ownRight: string;
let ownOther: string;
let roster: string;

beforeAll(async () => {
  good = [
    await typed('cam-hung.xlsx', commune('Ủy ban nhân dân xã Cẩm Hưng')),
    await typed(
      'cam-thinh.xlsx',
      commune('Ủy ban nhân dân xã Cẩm Thịnh', { '3.3.3.1': '800', '3.3.3.2': '790', '3.3.3': '98,75' }),
    ),
    await typed(
      'cam-binh.xlsx',
      commune('Ủy ban nhân dân xã Cẩm Bình', { '3.3.3.1': '2.000', '3.3.3.2': '1.990', '3.3.3': '99,5' }),
    ),
  ];
  bad = {
    quy1: await typed(
      'cam-quang-quy-1.xlsx',
      commune('Ủy ban nhân dân xã Cẩm Quang', { '3.3.3.1': '450', '3.3.3.2': '450', '3.3.3': '100' }, 'Quý I năm 2022'),
    ),
    lastYear: await typed(
      'cam-due-2021.xlsx',
      commune(
        'Ủy ban nhân dân xã Cẩm Duệ',
        { '3.3.3.1': '1.500', '3.3.3.2': '1.500', '3.3.3': '100' },
        '6 tháng đầu năm 2021',
      ),
      'split',
    ),
    empty: await typed('cam-lac-trong.xlsx', blank('Ủy ban nhân dân xã Cẩm Lạc')),
  };
  const t = getTemplate('bnv2022-huyen');
  ownRight = file('so-lieu-cam-xuyen.xlsx');
  writeFileSync(
    ownRight,
    (await buildCchcMade({ ...loadSeed('000'), unit: 'UBND huyện Cẩm Xuyên' }, t, { level: 'huyen' })).bytes,
  );
  ownOther = file('so-lieu-kong-chro.xlsx');
  writeFileSync(ownOther, (await buildCchcMade(loadSeed('000'), t, { level: 'huyen' })).bytes);
  roster = file('danh-sach-xa.txt');
  writeFileSync(
    roster,
    ['Xã Cẩm Hưng', 'Xã Cẩm Thịnh', 'Xã Cẩm Bình', 'Xã Cẩm Quang', 'Xã Cẩm Duệ', 'Xã Cẩm Lạc', 'Xã Cẩm Yên'].join('\n'),
  );
}, 60_000);

const period = ['--period', '6T', '--year', '2022'];
const all = () => [...good, bad.quy1, bad.lastYear, bad.empty];

describe('a roster with a Quý I report, last year’s report, a blank table and another district’s own figures', () => {
  it('refuses another district’s figures as the district’s own (exit 2), naming both, unless confirmed', async () => {
    const out = file('tu-choi.xlsx');
    const r = await run([...base(out, [...period, '--own', ownOther, '--roster', roster]), ...all()]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(
      /Số liệu của đơn vị \(tệp «so-lieu-kong-chro\.xlsx»\) là của «UBND huyện Kông Chro», không phải của «UBND huyện Cẩm Xuyên»/,
    );
    expect(r.out).toMatch(/--accept-own/);
    expect(existsSync(out)).toBe(false);

    const confirmed = await run([
      ...base(file('xac-nhan.xlsx'), [...period, '--own', ownOther, '--accept-own', '--json']),
      ...good,
    ]);
    const j = JSON.parse(confirmed.out);
    expect(j.findings).toContainEqual(
      expect.objectContaining({
        rule: 'consolidate:own-confirmed',
        message: expect.stringMatching(/UBND huyện Kông Chro.*theo xác nhận của người tổng hợp/),
      }),
    );
  });

  let j: {
    values: Record<string, { value: number | null }>;
    units: { file: string; unit: string; status: string; period?: string; year?: number; reason?: string }[];
    missing: string[];
    findings: { rule: string; severity: string; message: string; file?: string }[];
    summary: string;
  };
  let code: number;
  beforeAll(async () => {
    const r = await run([
      ...base(file('tong-hop.xlsx'), [...period, '--own', ownRight, '--roster', roster, '--json']),
      ...all(),
    ]);
    code = r.code;
    j = JSON.parse(r.out);
  }, 60_000);

  it('sums exactly what the three good communes alone give', async () => {
    const alone = JSON.parse(
      (
        await run([
          ...base(file('chi-ba-xa.xlsx'), [...period, '--own', ownRight, '--roster', roster, '--json']),
          ...good,
        ])
      ).out,
    );
    expect(j.values['BM3:3.3.1'].value).toBe(1213 + 800 + 2000);
    expect(j.values['BM3:3.3.2'].value).toBe(1213 + 790 + 1990);
    for (const id of Object.keys(alone.values)) expect([id, j.values[id]?.value]).toEqual([id, alone.values[id].value]);
    expect(code).toBe(1);
  });

  it('lists each file left out with its own status, its period and why', () => {
    const byFile = Object.fromEntries(j.units.map((u) => [u.file, u]));
    expect(byFile['cam-quang-quy-1.xlsx']).toMatchObject({
      status: 'wrong-period',
      period: 'Q1',
      year: 2022,
      reason: 'Báo cáo Quý I năm 2022, cần 6 tháng đầu năm 2022',
    });
    expect(byFile['cam-due-2021.xlsx']).toMatchObject({ status: 'wrong-period', period: '6T', year: 2021 });
    expect(byFile['cam-lac-trong.xlsx']).toMatchObject({ status: 'blank' });
    expect(['cam-hung.xlsx', 'cam-thinh.xlsx', 'cam-binh.xlsx'].map((f) => byFile[f].status)).toEqual([
      'received',
      'received',
      'received',
    ]);
    // Errors that name the unit, the file, what it says and what was expected.
    const errors = j.findings.filter((f) => f.severity === 'error').map((f) => f.message);
    expect(errors).toContainEqual(
      expect.stringMatching(
        /«UBND xã Cẩm Quang» \(tệp cam-quang-quy-1\.xlsx\) là báo cáo Quý I năm 2022, không phải 6 tháng đầu năm 2022: không tổng hợp/,
      ),
    );
    expect(errors).toContainEqual(
      expect.stringMatching(/«UBND xã Cẩm Duệ» \(tệp cam-due-2021\.xlsx\) là báo cáo 6 tháng đầu năm 2021, không phải/),
    );
    expect(errors).toContainEqual(
      expect.stringMatching(/«UBND xã Cẩm Lạc» \(tệp cam-lac-trong\.xlsx\) không có số liệu nào.*không tính là đã nộp/),
    );
    // Not counted as received, and not listed twice as missing: only Cẩm Yên sent nothing.
    expect(j.missing).toEqual(['Xã Cẩm Yên']);
    expect(j.summary).toBe(
      'Đã nhận 3 báo cáo được tổng hợp; 3 tệp không được tổng hợp (sai kỳ báo cáo: 2; báo cáo trống: 1); còn 1 đơn vị chưa nộp (trên 7 đơn vị).',
    );
  });

  it('says the same on the status sheet the official looks at', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('tong-hop.xlsx'));
    const ws = wb.getWorksheet('Tình hình nộp báo cáo')!;
    expect(ws.getCell('A2').value).toBe(j.summary);
    const lines: string[] = [];
    for (let r = 4; ws.getRow(r).getCell(1).value !== null; r++) {
      const row = ws.getRow(r);
      lines.push([2, 4, 5, 7, 10].map((c) => row.getCell(c).value ?? '').join(' | '));
    }
    expect(lines).toEqual([
      'UBND xã Cẩm Hưng | Đã nộp | cam-hung.xlsx | 6 tháng đầu năm 2022 | Trong danh sách: Xã Cẩm Hưng',
      'UBND xã Cẩm Thịnh | Đã nộp | cam-thinh.xlsx | 6 tháng đầu năm 2022 | Trong danh sách: Xã Cẩm Thịnh',
      'UBND xã Cẩm Bình | Đã nộp | cam-binh.xlsx | 6 tháng đầu năm 2022 | Trong danh sách: Xã Cẩm Bình',
      'UBND xã Cẩm Quang | Không tổng hợp: sai kỳ báo cáo | cam-quang-quy-1.xlsx | Quý I năm 2022 | Báo cáo Quý I năm 2022, cần 6 tháng đầu năm 2022',
      'UBND xã Cẩm Duệ | Không tổng hợp: sai kỳ báo cáo | cam-due-2021.xlsx | 6 tháng đầu năm 2021 | Báo cáo 6 tháng đầu năm 2021, cần 6 tháng đầu năm 2022',
      'UBND xã Cẩm Lạc | Không tổng hợp: báo cáo trống | cam-lac-trong.xlsx | 6 tháng đầu năm 2022 | Không có số liệu nào (chỉ có tiêu đề)',
      'Xã Cẩm Yên | Chưa nộp |  |  | ',
    ]);
  });

  it('names every file left out in the text output too', async () => {
    const r = await run([
      ...base(file('tong-hop-text.xlsx'), [...period, '--own', ownRight, '--roster', roster]),
      ...all(),
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /cam-quang-quy-1\.xlsx: Không tổng hợp: sai kỳ báo cáo — Báo cáo Quý I năm 2022, cần 6 tháng/,
    );
    expect(r.out).toMatch(/cam-due-2021\.xlsx: Không tổng hợp: sai kỳ báo cáo — Báo cáo 6 tháng đầu năm 2021/);
    expect(r.out).toMatch(/cam-lac-trong\.xlsx: Không tổng hợp: báo cáo trống/);
    expect(r.out).toMatch(/Chưa nộp: Xã Cẩm Yên\./);
  });
});

describe('own figures whose period cannot be read', () => {
  it('are used with a warning saying so', async () => {
    const own = file('so-lieu-khong-tieu-de.xlsx');
    writeFileSync(
      own,
      (
        await buildHandmade(
          // A title that names no period, and no unit.
          { ...loadSeed('000'), unit: 'UBND huyện Cẩm Xuyên', period: '' },
          { layout: 'sheet-per-form', habit: 'vn-text', titles: 'none', header: 'one-row' },
        )
      ).bytes,
    );
    const r = await run([...base(file('own-khong-ky.xlsx'), [...period, '--own', own, '--json']), ...good]);
    const j = JSON.parse(r.out);
    expect(j.findings).toContainEqual(
      expect.objectContaining({
        rule: 'consolidate:own-period-unknown',
        message: expect.stringMatching(
          /Không đọc được kỳ báo cáo và năm của số liệu của đơn vị \(tệp «so-lieu-khong-tieu-de\.xlsx»\).*coi như báo cáo 6 tháng đầu năm 2022/,
        ),
      }),
    );
    expect(j.values['BM1:1']).toMatchObject({ value: 58, how: 'own' });
  });
});

describe('the consolidated appendix, ready to sign', () => {
  it('carries the parent’s report number and date, and the template’s number formats', async () => {
    const out = file('ky.xlsx');
    const r = await run([
      ...base(out, [...period, '--own', ownRight, '--report-no', '45', '--date', '12/06/2022']),
      ...good,
    ]);
    expect(r.code).toBe(1); // seed 001's own errors
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const first = wb.getWorksheet('Biểu mẫu 1')!;
    const titles = [1, 2, 3, 4].map((n) => String(first.getCell(n, 1).value ?? ''));
    expect(titles).toContain('(Kèm theo Báo cáo số 45/BC-UBND ngày 12 tháng 6 năm 2022 của UBND huyện Cẩm Xuyên)');
    const ref = wb.definedNames.getRanges('CCHC_BM3__3_3_1').ranges[0];
    const m = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(ref)!;
    const cell = wb.getWorksheet(m[1])!.getCell(`${m[2]}${m[3]}`);
    expect(cell.value).toBe(4013);
    expect(cell.numFmt).toBe('#,##0'); // 4.013 in a Vietnamese Excel
  });

  it('refuses a bare number for a department instead of inventing BC-UBND', async () => {
    const r = await run([
      'consolidate',
      '--template',
      'bnv2022-tinh',
      '--level',
      'tinh',
      '--unit',
      'Sở Nội vụ tỉnh Hà Tĩnh',
      ...period,
      '--report-no',
      '45',
      '--out',
      file('so.xlsx'),
      ...good,
    ]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/Số báo cáo «45» chưa có ký hiệu văn bản.*ví dụ «45\/BC-SNV»/);
  });

  it('leaves a uniform row with no majority empty and says what to fill in', async () => {
    const values = ['31', '18', '38', '19', '117'];
    const files = await Promise.all(
      ['Cẩm Hà', 'Cẩm Lộc', 'Cẩm Sơn', 'Cẩm Trung', 'Cẩm Vịnh'].map((n, i) =>
        typed(`khong-thong-nhat-${i}.xlsx`, commune(`Ủy ban nhân dân xã ${n}`, { '3.1.4.3': values[i] })),
      ),
    );
    const r = await run([...base(file('khong-thong-nhat.xlsx'), [...period, '--json']), ...files]);
    const j = JSON.parse(r.out);
    expect(r.code).toBe(1);
    expect(j.values['BM3:1.4.3']).toMatchObject({ value: null, undecided: true });
    const f = j.findings.find((x: { rule: string }) => x.rule === 'consolidate:uniform-none');
    expect(f.severity).toBe('error');
    expect(f.message).toMatch(/không có số nào được quá nửa số đơn vị ghi/);
    for (const [i, n] of ['Cẩm Hà', 'Cẩm Lộc', 'Cẩm Sơn', 'Cẩm Trung', 'Cẩm Vịnh'].entries())
      expect(f.message).toMatch(new RegExp(`UBND xã ${n} ghi ${values[i]} \\(ô 'Phụ lục 1B'!D\\d+\\)`));
    expect(f.message).toMatch(/hãy ghi số đúng theo danh mục đã công bố vào dòng 1\.4\.3 Biểu mẫu 3/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('khong-thong-nhat.xlsx'));
    const ref = wb.definedNames.getRanges('CCHC_BM3__1_4_3').ranges[0];
    const m = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(ref)!;
    const cell = wb.getWorksheet(m[1])!.getCell(`${m[2]}${m[3]}`);
    expect(cell.value).toBeNull();
    expect(String(cell.note ?? JSON.stringify(cell.note))).toMatch(/ghi số đúng vào ô này/);
  });
});

describe('the period, the options and the level', () => {
  it('takes the period from the children when they all agree, and says so', async () => {
    const r = await run([...base(file('ky-tu-bao-cao.xlsx')), ...good]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/6 tháng đầu năm 2022 — lấy theo các báo cáo nhận được/);
  });

  it('refuses to guess when the children disagree on the period', async () => {
    const r = await run([...base(file('ky-khac-nhau.xlsx')), ...good, bad.quy1]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(
      /không cùng một kỳ: 6 tháng đầu năm 2022 \(3 báo cáo\), Quý I năm 2022 \(1 báo cáo\).*--period Q1\|6T\|9T\|N --year NĂM/,
    );
    expect(existsSync(file('ky-khac-nhau.xlsx'))).toBe(false);
  });

  it('refuses an unknown option with the closest known one', async () => {
    const r = await run([...base(file('sai-tuy-chon.xlsx'), [...period, '--reportno', '45']), ...good]);
    expect(r.code).toBe(2);
    expect(r.out.split('\n')[0]).toBe('Không có tùy chọn --reportno; có phải ý bạn là --report-no?');
    const help = await run(['consolidate', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--report-no SỐ\] \[--date DD\/MM\/YYYY\]/);
    const n = await run(['new', '--templat', 'pl1b']);
    expect(n.code).toBe(2);
    expect(n.out.split('\n')[0]).toBe('Không có tùy chọn --templat; có phải ý bạn là --template?');
  });

  it('says in words that a commune has nothing below it to consolidate', async () => {
    const r = await run([
      'consolidate',
      '--template',
      'bnv2022-huyen',
      '--level',
      'xa',
      '--unit',
      'UBND xã Cẩm Hưng',
      ...period,
      '--out',
      file('xa.xlsx'),
      ...good,
    ]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(
      /^Không có đơn vị nào báo cáo lên cấp xã: không có gì để tổng hợp\. Tổng hợp được ở: cấp huyện, cấp tỉnh\.$/,
    );
    expect(r.out).not.toMatch(/\bxa\b|huyen/);
  });
});

describe('the district’s consolidated appendix, sent up, is read by the province', () => {
  it('reads the CLI’s output through its metadata as a district report', async () => {
    const district = file('huyen-gui-tinh.xlsx');
    await run([...base(district, [...period, '--own', ownRight]), ...good]);
    const r = await run([
      'consolidate',
      '--template',
      'bnv2022-tinh',
      '--level',
      'tinh',
      '--unit',
      'UBND tỉnh Hà Tĩnh',
      ...period,
      '--chain',
      '3cap',
      '--out',
      file('tinh.xlsx'),
      '--json',
      district,
    ]);
    const j = JSON.parse(r.out);
    expect(j.units).toEqual([
      expect.objectContaining({ unit: 'UBND huyện Cẩm Xuyên', level: 'huyen', status: 'received', period: '6T' }),
    ]);
    expect(j.values['BM3:3.3.1'].value).toBe(1213 + 800 + 2000);
  });
});
