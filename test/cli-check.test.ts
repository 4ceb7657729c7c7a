/**
 * `cchc check` on hand-typed received appendices, in-process through main(): findings grouped
 * by form with cell addresses and suggestions, exit codes, and the single JSON object of --json.
 */
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { main } from '../src/cli/main';
import { buildCchcMade, buildHandmade } from './helpers/handmade';
import { getTemplate } from '../src/core/template/registry';
import { loadSeed, type SeedRow } from './helpers/seeds';

async function run(args: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await main(args, (s) => lines.push(s));
  return { code, text: lines.join('\n') };
}

let dir: string;
let camHung: string;
let camHungRowOf: (stt: string) => number;
let kienGiang: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cchc-check-'));
  // Seed 001 (commune, Phụ lục 1B) typed by hand in one long table, plus a row of the commune's own.
  const transform = (row: SeedRow, fi: number, ri: number) =>
    fi === 0 && ri === 1
      ? [
          row,
          {
            stt: '1.1a',
            label: 'Số buổi tuyên truyền CCHC trên loa truyền thanh',
            unit: 'Buổi',
            value: '12',
            note: '',
          },
        ]
      : row;
  const hm = await buildHandmade(loadSeed('001'), {
    layout: 'single-table',
    habit: 'vn-text',
    repeatHeaderEvery: 40,
    titles: 'split',
    transform,
  });
  camHung = path.join(dir, 'Cam Hung.xlsx');
  await fs.writeFile(camHung, hm.bytes);
  const seed = loadSeed('001');
  camHungRowOf = (stt) => {
    const p = hm.placements.find((x) => x.rowIndex >= 0 && seed.forms[x.formIndex].rows[x.rowIndex].stt.trim() === stt);
    return p!.row;
  };
  const k = await buildHandmade(loadSeed('004'), { layout: 'stacked', habit: 'comma-thousands', header: 'period' });
  kienGiang = path.join(dir, 'kien-giang.xlsx');
  await fs.writeFile(kienGiang, k.bytes);
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('cchc check', () => {
  test('a commune report with ratio errors: exit 1, findings under their form with the cell and the value to write', async () => {
    const { code, text } = await run(['check', camHung]);
    expect(code).toBe(1);
    expect(text).toContain('Mẫu: pl1b');
    expect(text).toMatch(/Đơn vị: UBND xã Cẩm Hưng · Cấp: Cấp xã · Kỳ: 6 tháng đầu năm 2022/);
    expect(text).toMatch(/\nPhụ lục 1B — /);
    const d = `'Phụ lục 1B'!D${camHungRowOf('1.2')}`;
    expect(text).toContain(`Lỗi      ${d}: Dòng 1.2 ghi 60%, nhưng dòng 1.2.2/dòng 1.2.1 = 24/25 = 96%.`);
    expect(text).toContain(`Đề nghị: ghi 96 vào ô ${d}`);
    // Vietnamese numbers in messages.
    expect(text).toMatch(/= 1\.213\/1\.213 = 100%/);
    // The commune's own row is listed with its cell and its value.
    expect(text).toMatch(
      /Dòng không khớp với chỉ tiêu nào của mẫu \(1\):\n {2}'Phụ lục 1B'!A\d+ {2}STT 1\.1a {2}«Số buổi tuyên truyền CCHC trên loa truyền thanh» {2}— có số liệu «12», chưa được đọc/,
    );
    expect(text).toMatch(/Kết quả: [1-9]\d* lỗi, \d+ cảnh báo, \d+ lưu ý\./);
  });

  test('--json prints exactly one JSON object with rows, values and findings located by cell', async () => {
    const { code, text } = await run(['check', camHung, '--json']);
    expect(code).toBe(1);
    const j = JSON.parse(text);
    expect(j).toMatchObject({
      file: camHung,
      template: 'pl1b',
      level: 'xa',
      unit: 'UBND xã Cẩm Hưng',
      period: '6T',
      year: 2022,
    });
    expect(j.rows.mapped).toBe(164);
    expect(j.rows.unmapped).toEqual([
      {
        cell: expect.stringMatching(/^'Phụ lục 1B'!A\d+$/),
        stt: '1.1a',
        label: 'Số buổi tuyên truyền CCHC trên loa truyền thanh',
        value: '12',
      },
    ]);
    expect(j.values['1B:3.3.3.1']).toEqual({
      value: 1213,
      cell: `'Phụ lục 1B'!D${camHungRowOf('3.3.3.1')}`,
      raw: '1.213',
    });
    const ratio = j.findings.find(
      (f: { cell: string; severity: string }) =>
        f.cell === `'Phụ lục 1B'!D${camHungRowOf('1.2')}` && f.severity === 'error',
    );
    expect(ratio).toMatchObject({
      rule: expect.any(String),
      message: expect.stringContaining('24/25 = 96%'),
      suggestion: { cell: `'Phụ lục 1B'!D${camHungRowOf('1.2')}`, value: 96 },
    });
    expect(ratio.cells).toEqual(
      expect.arrayContaining([`'Phụ lục 1B'!D${camHungRowOf('1.2.1')}`, `'Phụ lục 1B'!D${camHungRowOf('1.2.2')}`]),
    );
    for (const f of j.findings) expect(['error', 'warning', 'info']).toContain(f.severity);
  });

  test('a consistent province report (seed 004, comma thousands, forms stacked): exit 0', async () => {
    const { code, text } = await run(['check', kienGiang]);
    expect(code).toBe(0);
    expect(text).toContain('Mẫu: bnv2022-tinh');
    expect(text).toMatch(/Kết quả: 0 lỗi/);
    // The cross-form warning of the domain notes: ĐVSNCL 911 vs ĐVSN 811.
    expect(text).toMatch(/Cảnh báo .*911.*811/);
  });

  test('--template and --level are applied', async () => {
    const { code, text } = await run(['check', kienGiang, '--template', 'bnv2022-huyen', '--level', 'huyện', '--json']);
    expect([0, 1]).toContain(code);
    expect(JSON.parse(text)).toMatchObject({ template: 'bnv2022-huyen', level: 'huyen' });
  });

  test('a file that cannot be read: exit 2 and why, in text and in JSON', async () => {
    const bad = path.join(dir, 'ghi-chu.xlsx');
    await fs.writeFile(bad, 'không phải sổ tính');
    const t = await run(['check', bad]);
    expect(t.code).toBe(2);
    expect(t.text).toBe('Tệp «ghi-chu.xlsx» không phải là sổ tính Excel .xlsx.');
    const j = await run(['check', bad, '--json']);
    expect(j.code).toBe(2);
    expect(JSON.parse(j.text)).toEqual({
      file: bad,
      error: { code: 'not-xlsx', message: 'Tệp «ghi-chu.xlsx» không phải là sổ tính Excel .xlsx.' },
    });
    const missing = await run(['check', path.join(dir, 'khong-co.xlsx')]);
    expect(missing.code).toBe(2);
    expect(missing.text).toMatch(/không có tệp này/);
  });

  test('a workbook made by cchc new, filled in and with rows inserted: read through its metadata', async () => {
    const made = await buildCchcMade(loadSeed('000'), getTemplate('bnv2022-huyen'), {
      level: 'huyen',
      insert: [{ sheet: 0, at: 2, count: 1 }],
    });
    const file = path.join(dir, 'kong-chro-cchc.xlsx');
    await fs.writeFile(file, made.bytes);
    const { code, text } = await run(['check', file, '--json']);
    expect([0, 1]).toContain(code);
    const j = JSON.parse(text);
    expect(j).toMatchObject({
      source: 'metadata',
      template: 'bnv2022-huyen',
      level: 'huyen',
      unit: 'UBND huyện Kông Chro',
      period: '6T',
      year: 2022,
    });
    expect(j.values['BM3:3.2.1']).toMatchObject({ value: 2531 });
    expect(code).toBe(j.findings.some((f: { severity: string }) => f.severity === 'error') ? 1 : 0);
  });

  test('usage mistakes: exit 2 with the reason', async () => {
    expect((await run(['check'])).text).toMatch(/^Thiếu tên tệp cần kiểm tra/);
    const unknown = await run(['check', camHung, '--template', 'bm2099']);
    expect(unknown.code).toBe(2);
    expect(unknown.text).toMatch(/Không có mẫu «bm2099»/);
    const level = await run(['check', camHung, '--level', 'thôn']);
    expect(level.code).toBe(2);
    expect(level.text).toMatch(/Cấp «thôn» không có/);
    expect((await run(['--help'])).text).toContain('cchc check TỆP.xlsx');
  });
});
