/**
 * No silent poor match: a received workbook that fits no known template well is flagged on the
 * reading (`poorMatch`) and `cchc check` says so plainly, offers to learn the form and exits 2;
 * the seeds' workbooks read with their own template are not flagged.
 */
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { main } from '../src/cli/main';
import { readReport } from '../src/io/read-report';
import { POOR_MATCH } from '../src/core/recognise/match';
import { buildHandmade } from './helpers/handmade';
import { buildNewForm } from './helpers/new-form';
import { loadSeed } from './helpers/seeds';

async function run(args: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await main(args, (s) => lines.push(s));
  return { code, text: lines.join('\n') };
}

let dir: string;
let unknown: string;
let known: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cchc-poor-'));
  unknown = path.join(dir, 'noi-vu-an-giang.xlsx');
  await fs.writeFile(unknown, await buildNewForm({ filled: true }));
  known = path.join(dir, 'kien-giang.xlsx');
  await fs.writeFile(
    known,
    (await buildHandmade(loadSeed('004'), { layout: 'sheet-per-form', habit: 'vn-text' })).bytes,
  );
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

test('the reading of a form no template describes is flagged; the seeds read with their template are not', async () => {
  const r = readReport(await fs.readFile(unknown), { fileName: 'x.xlsx' });
  expect(r.confidence).toBeLessThan(POOR_MATCH);
  expect(r.poorMatch).toBe(true);
  for (const seed of ['000', '001', '003', '004'] as const) {
    const hm = await buildHandmade(loadSeed(seed), { layout: 'single-table', habit: 'en-us' });
    expect(readReport(hm.bytes).poorMatch).toBeUndefined();
  }
});

test('cchc check says it plainly, before and after the reading, offers to learn the form, and exits 2', async () => {
  const { code, text } = await run(['check', unknown]);
  expect(code).toBe(2);
  const lines = text.split('\n');
  expect(lines[2]).toMatch(
    /^KHÔNG KHỚP MẪU NÀO: tệp «.*noi-vu-an-giang\.xlsx» không giống mẫu phụ lục nào có sẵn\. Mẫu gần nhất là «bnv2022-\w+» nhưng chỉ khớp \d+% \(\d+ trong 20 dòng của bảng\)/,
  );
  expect(text).toMatch(/cchc template learn ".*noi-vu-an-giang\.xlsx" --id MÃ-MẪU/);
  expect(lines[lines.length - 1]).toMatch(/^Kết quả trên KHÔNG đáng tin: tệp không khớp mẫu nào/);
});

test('--json carries the flag, the message and the command to learn the form', async () => {
  const { code, text } = await run(['check', unknown, '--json']);
  expect(code).toBe(2);
  const j = JSON.parse(text);
  expect(j.poorMatch).toMatchObject({ tableRows: 20, learn: expect.stringMatching(/^cchc template learn /) });
  expect(j.poorMatch.mapped).toBeLessThan(10);
  expect(j.poorMatch.message).toMatch(/KHÔNG KHỚP MẪU NÀO/);
});

test('a template asked for with --template is still said to fit poorly, and the exit code is the findings’', async () => {
  const { code, text } = await run(['check', unknown, '--template', 'pl2024']);
  expect(text).toMatch(/KHÔNG KHỚP MẪU NÀO/);
  expect(code).not.toBe(2);
});

test('a workbook that fits its template shows no such notice', async () => {
  const { code, text } = await run(['check', known]);
  expect(code).toBe(0);
  expect(text).not.toMatch(/KHÔNG KHỚP|không đáng tin/i);
  expect(JSON.parse((await run(['check', known, '--json'])).text).poorMatch).toBeUndefined();
});

test('cchc consolidate leaves a child that fits no template out, saying why', async () => {
  const out = path.join(dir, 'tong-hop.xlsx');
  const { code, text } = await run([
    'consolidate',
    '--template',
    'bnv2022-huyen',
    '--level',
    'huyen',
    '--unit',
    'UBND huyện Kông Chro',
    '--period',
    '6T',
    '--year',
    '2022',
    '--out',
    out,
    unknown,
  ]);
  expect(code).toBe(1);
  expect(text).toMatch(
    /Tệp «noi-vu-an-giang\.xlsx» không khớp mẫu phụ lục nào có sẵn \(mẫu gần nhất «bnv2022-\w+» chỉ khớp \d+% \(\d+ trong 20 dòng của bảng\)\): không đưa vào tổng hợp/,
  );
});
