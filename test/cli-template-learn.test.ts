/** `cchc template learn` end to end: the template file written, loadable, its summary; mistakes exit 2 with a Vietnamese message. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { main } from '../src/cli/main';
import { loadTemplate } from '../src/core/template/load';
import { buildNewForm } from './helpers/new-form';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'cchc-learn-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await main(args, (s) => lines.push(s));
  return { code, out: lines.join('\n') };
}

let form: string;
beforeAll(async () => {
  form = path.join(tmp, 'bieu-mau-noi-vu.xlsx');
  writeFileSync(form, await buildNewForm({ filled: false }));
});

test('learns the form, writes a template the loader accepts and prints what it inferred', async () => {
  const out = path.join(tmp, 'noi-vu.json');
  const before = readFileSync(form);
  const r = await cli(['template', 'learn', form, '--id', 'noi-vu', '--out', out, '--level', 'tinh,sở']);
  expect(r.code).toBe(0);
  expect(readFileSync(form).equals(before)).toBe(true); // the form is not modified
  const t = loadTemplate(JSON.parse(readFileSync(out, 'utf8')));
  expect(t.id).toBe('noi-vu');
  expect(t.levels).toEqual(['tinh', 'so']);
  expect(t.forms).toHaveLength(3);
  expect(t.allRules.map((x) => x.id)).toContain('M2.ratio.1');
  expect(r.out).toMatch(/Đã ghi mẫu «noi-vu»/);
  expect(r.out).toMatch(/\[\d+%\] M2\.ratio\.1: dòng 1 = dòng 1\.1 \/ dòng 1\.2 × 100/);
  expect(r.out).toMatch(/dòng 1\.2 là mẫu số \(ghi «Tổng số», «đã tiếp nhận»\)/);
});

test('--json lists every rule with its confidence and evidence', async () => {
  const out = path.join(tmp, 'noi-vu-json.json');
  const r = await cli(['template', 'learn', form, '--id', 'noi-vu', '--out', out, '--json']);
  expect(r.code).toBe(0);
  const j = JSON.parse(r.out);
  expect(j.forms.map((f: { id: string }) => f.id)).toEqual(['M1', 'M2', 'M3']);
  const ratio = j.rules.find((x: { id: string }) => x.id === 'M3.ratio.1');
  expect(ratio).toMatchObject({ family: 'ratio', check: 'M3:1 == ratio(M3:1.2, M3:1.1)', severity: 'error' });
  expect(ratio.confidence).toBeGreaterThan(0.5);
  expect(ratio.evidence.length).toBeGreaterThan(0);
});

test('mistakes: an existing output, a bad id, a missing file, a file that is not a workbook', async () => {
  const out = path.join(tmp, 'exists.json');
  writeFileSync(out, '{}');
  let r = await cli(['template', 'learn', form, '--id', 'noi-vu', '--out', out]);
  expect(r).toEqual({ code: 2, out: expect.stringMatching(/đã có\. Dùng --force/) });
  expect(readFileSync(out, 'utf8')).toBe('{}');
  expect((await cli(['template', 'learn', form, '--id', 'noi-vu', '--out', out, '--force'])).code).toBe(0);
  r = await cli(['template', 'learn', form, '--id', 'Nội Vụ', '--out', path.join(tmp, 'a.json')]);
  expect(r).toEqual({ code: 2, out: expect.stringMatching(/Mã mẫu «Nội Vụ» không hợp lệ/) });
  r = await cli(['template', 'learn', path.join(tmp, 'none.xlsx'), '--id', 'x', '--out', path.join(tmp, 'b.json')]);
  expect(r).toEqual({ code: 2, out: expect.stringMatching(/không có tệp này/) });
  const notXlsx = path.join(tmp, 'note.xlsx');
  writeFileSync(notXlsx, 'không phải sổ tính');
  r = await cli(['template', 'learn', notXlsx, '--id', 'x', '--out', path.join(tmp, 'c.json')]);
  expect(r.code).toBe(2);
  expect(r.out).toMatch(/note\.xlsx/);
  r = await cli(['template', 'forget', form]);
  expect(r.code).toBe(2);
  expect(r.out).toMatch(/cchc template learn/);
});

test('a workbook without any table says so', async () => {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Ghi chép').getCell('A1').value = 'Danh sách cán bộ dự họp';
  const file = path.join(tmp, 'khong-bang.xlsx');
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  const r = await cli(['template', 'learn', file, '--id', 'x', '--out', path.join(tmp, 'd.json')]);
  expect(r.code).toBe(2);
  expect(r.out).toMatch(/không có bảng biểu mẫu nào.*«Ghi chép»/);
});
