/**
 * `--template-file FILE.json`: a learned template (here seed 003's Phụ lục 2–8 under a new id, as
 * `cchc template learn` would write it) works for `new`, `check` and `consolidate` as a built-in
 * one does; a broken file stops the command with every problem listed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { main } from '../src/cli/main';
import { buildHandmade } from './helpers/handmade';
import { loadSeed } from './helpers/seeds';
import { buildNewForm } from './helpers/new-form';
import pl2024 from '../src/core/template/builtin/pl2024.json';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cchc-template-file-'));
const file = (name: string) => path.join(dir, name);

async function run(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await main(args, (s) => lines.push(s));
  return { code, out: lines.join('\n') };
}

const learned = file('quang-dien.json');
writeFileSync(
  learned,
  JSON.stringify(
    { ...pl2024, id: 'hoc-quang-dien', name: 'Phụ lục 2–8 học từ báo cáo của UBND huyện Quảng Điền' },
    null,
    2,
  ),
);

describe('--template-file', () => {
  it('cchc new writes the learned template for a district', async () => {
    const out = file('moi.xlsx');
    const res = await run([
      'new',
      '--template-file',
      learned,
      '--level',
      'huyen',
      '--period',
      '6T',
      '--year',
      '2022',
      '--unit',
      'UBND huyện Quảng Điền',
      '--out',
      out,
    ]);
    expect(res.code).toBe(0);
    expect(res.out).toContain(`Đã ghi «${out}»`);
    // The workbook names its template: reading it back finds the learned one by id.
    const back = await run(['check', out, '--template-file', learned, '--json']);
    expect(JSON.parse(back.out)).toMatchObject({ template: 'hoc-quang-dien' });
  });

  it('cchc check reads seed 003 typed by hand with the learned template and finds its errors', async () => {
    const typed = file('quang-dien-q1-2024.xlsx');
    writeFileSync(typed, (await buildHandmade(loadSeed('003'), { layout: 'sheet-per-form', habit: 'vn-text' })).bytes);
    const res = await run(['check', typed, '--template-file', learned, '--level', 'huyen', '--json']);
    const j = JSON.parse(res.out);
    expect(res.code).toBe(1);
    expect(j.template).toBe('hoc-quang-dien');
    const rules = j.findings.map((f: { rule: string }) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['PL2.ratio.2', 'PL8.ratio.6.4']));
  });

  it('cchc consolidate builds the district appendix of the learned template from commune reports', async () => {
    const child = file('cam-hung.xlsx');
    writeFileSync(child, (await buildHandmade(loadSeed('001'), { layout: 'single-table', habit: 'vn-text' })).bytes);
    const out = file('tong-hop.xlsx');
    const res = await run([
      'consolidate',
      '--template-file',
      learned,
      '--level',
      'huyen',
      '--unit',
      'UBND huyện Quảng Điền',
      '--period',
      '6T',
      '--year',
      '2022', // the commune's report is of the first half of 2022
      '--out',
      out,
      '--json',
      child,
    ]);
    expect([0, 1]).toContain(res.code);
    const j = JSON.parse(res.out);
    expect(j.template).toBe('hoc-quang-dien');
    // PL4 3.3.1 sums the communes' resolved dossiers (BM3:3.3.1): Cẩm Hưng's 1.213.
    expect(j.values['PL4:3.3.1']).toMatchObject({ value: 1213, how: 'sum' });
    expect(readFileSync(out).length).toBeGreaterThan(0);
  });

  it('cchc consolidate reads children typed in a learned form none of the built-in templates describes, in its reading threads too', async () => {
    // Learned from the blank form, as a province would before handing it to its departments.
    const blank = file('bieu-mau.xlsx');
    writeFileSync(blank, await buildNewForm({ filled: false }));
    const json = file('noi-vu.json');
    const learnt = await run(['template', 'learn', blank, '--id', 'noi-vu', '--level', 'so,tinh', '--out', json]);
    expect(learnt.code).toBe(0);
    const a = file('so-tu-phap.xlsx');
    const b = file('so-y-te.xlsx');
    writeFileSync(a, await buildNewForm({ filled: true, unit: 'Sở Tư pháp tỉnh An Giang' }));
    writeFileSync(b, await buildNewForm({ filled: true, unit: 'Sở Y tế tỉnh An Giang' }));
    const consolidated = async (workers: string) => {
      process.env.CCHC_WORKERS = workers;
      try {
        const res = await run([
          'consolidate',
          ...['--template-file', json, '--level', 'tinh', '--unit', 'UBND tỉnh An Giang'],
          ...['--period', 'N', '--year', '2025', '--out', file(`tong-hop-${workers}.xlsx`), '--json', a, b],
        ]);
        if (!res.out.startsWith('{')) throw new Error(res.out);
        return JSON.parse(res.out);
      } finally {
        delete process.env.CCHC_WORKERS;
      }
    };
    for (const workers of ['0', '1']) {
      const j = await consolidated(workers);
      expect(j.units.map((u: { file: string; status: string }) => [u.file, u.status])).toEqual([
        ['so-tu-phap.xlsx', 'received'],
        ['so-y-te.xlsx', 'received'],
      ]);
      // "Kinh phí chỉnh lý tài liệu lưu trữ" (money) sums the two departments' 200 each.
      const money = Object.values(j.values as Record<string, { value: number | null; how: string }>).filter(
        (v) => v.how === 'sum' && v.value === 400,
      );
      expect(money.length).toBeGreaterThan(0);
    }
  });

  it('stops with exit 2 and lists every problem of a broken template file', async () => {
    const broken = JSON.parse(readFileSync(learned, 'utf8'));
    const pl8 = broken.forms.find((f: { id: string }) => f.id === 'PL8');
    pl8.rows.find((r: { id: string }) => r.id === 'PL8:6.3.1').consolidate = { huyện: 'own' };
    pl8.rules.find((r: { id: string }) => r.id === 'PL8.ratio.6.4').check = 'PL8:6.4 == ratio(PL8:6.4.2, PL8:6.4.9)';
    const bad = file('hong.json');
    writeFileSync(bad, JSON.stringify(broken));
    const res = await run(['check', file('quang-dien-q1-2024.xlsx'), '--template-file', bad]);
    expect(res.code).toBe(2);
    expect(res.out).toMatch(/^Tệp mẫu «hong\.json» \(mẫu «hoc-quang-dien»\) không hợp lệ, 2 lỗi:/);
    expect(res.out).toContain('quy tắc «PL8.ratio.6.4»: chỉ tiêu «PL8:6.4.9» không có trong mẫu');
    expect(res.out).toContain(
      'chỉ tiêu «PL8:6.3.1» (STT 6.3.1.), cách tổng hợp «huyện»: khóa «huyện» không phải là cấp',
    );
    const missing = await run(['check', file('quang-dien-q1-2024.xlsx'), '--template-file', file('khong-co.json')]);
    expect(missing).toEqual({ code: 2, out: `Không đọc được tệp mẫu «${file('khong-co.json')}»: không có tệp này.` });
  });
});
