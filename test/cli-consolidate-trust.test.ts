/**
 * Outputs an official can trust, `cchc consolidate` run as a user runs it (a child process):
 * - one child that would take the reader a long time does not stall the others: after its time
 *   budget it is listed as unreadable and the rest is consolidated;
 * - `--json` piped into another program arrives whole (a 200 KB result), and two runs on the
 *   same files write the same bytes;
 * - an output that is an input through a symbolic or a hard link is refused even with --force;
 * - text a unit typed that starts like a formula keeps Excel's quote prefix.
 */
import { execFile, execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { linkSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'fs';
import os from 'os';
import path from 'path';
import { unzipSync, strFromU8 } from 'fflate';
import { planWorkbook, COLUMNS } from '../src/core/layout';
import { getTemplate } from '../src/core/template/registry';
import { columnLetters } from '../src/io/xlsx-read';
import { writeWorkbookBuffer } from '../src/io/xlsx-write';
import { standardPackage, workbookXml } from './fixtures/xlsx/build';

const ROOT = path.join(__dirname, '..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'cchc-trust-'));
const file = (name: string) => path.join(dir, name);
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const huyenT = getTemplate('bnv2022-huyen');

/** A commune's workbook as `cchc new` writes it, with figures typed in. */
async function commune(unit: string, seed: number): Promise<Buffer> {
  const plan = planWorkbook(huyenT, {
    level: 'xa',
    period: '6T',
    year: 2025,
    unit,
    reportNo: '12/BC-UBND',
    date: '10/06/2025',
  });
  let k = 0;
  for (const loc of plan.meta.rows) {
    const r = Number(/\d+$/.exec(loc.address)![0]);
    const cell = plan.sheets
      .find((s) => s.name === loc.sheet)!
      .rows.find((x) => x.r === r)
      ?.cells.find((c) => c.col === COLUMNS.value.col);
    if (cell && cell.style !== 'value-text' && !cell.formula) cell.value = ((seed * 7 + k++) % 50) + 1;
  }
  return writeWorkbookBuffer(plan);
}

/** 100,000 cells of text: far beyond an appendix, slow for the recogniser. */
function heavy(): Uint8Array {
  const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rows: string[] = [];
  for (let r = 1; r <= 1000; r++) {
    let cs = '';
    for (let c = 1; c <= 100; c++)
      cs += `<c r="${columnLetters(c)}${r}" t="inlineStr"><is><t>${r}.${c} Số hồ sơ</t></is></c>`;
    rows.push(`<row r="${r}">${cs}</row>`);
  }
  return standardPackage({
    workbook: workbookXml([{ name: 'Nặng' }]),
    sheets: [`<worksheet xmlns="${NS}"><sheetData>${rows.join('')}</sheetData></worksheet>`],
  });
}

function cchc(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'bin/cchc.js'), ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout) => resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout }),
    );
  });
}

const children: string[] = [];
const consolidateArgs = (out: string, extra: string[] = []) => [
  'consolidate',
  '--template',
  'bnv2022-huyen',
  '--level',
  'huyen',
  '--unit',
  'UBND huyện Thử Nghiệm',
  '--period',
  '6T',
  '--year',
  '2025',
  '--out',
  out,
  ...extra,
  ...children,
];

beforeAll(async () => {
  for (let i = 1; i <= 49; i++) {
    const f = file(`xa-${String(i).padStart(2, '0')}.xlsx`);
    writeFileSync(f, await commune(`UBND xã Số ${i}`, i));
    children.push(f);
  }
  writeFileSync(file('nang.xlsx'), heavy());
  children.splice(7, 0, file('nang.xlsx'));
});

let hashes: Map<string, string>;
beforeAll(() => {
  hashes = new Map(children.map((f) => [f, sha(f)]));
});
afterAll(() => {
  for (const f of children) expect(sha(f)).toBe(hashes.get(f));
});

test('a slow child is listed unreadable after its budget; --json through a pipe is whole; two runs give the same bytes', async () => {
  const env = { CCHC_FILE_SECONDS: '1' };
  const t0 = Date.now();
  // Through a real pipe into another program, as `cchc consolidate --json | node -e …`.
  const script = `let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const j=JSON.parse(s);console.log(JSON.stringify({bytes:Buffer.byteLength(s),units:j.units.length,unreadable:j.units.filter(u=>u.status==='unreadable')}))})`;
  const piped = execFileSync(
    '/bin/sh',
    [
      '-c',
      `"${process.execPath}" bin/cchc.js "$@" --json | "${process.execPath}" -e "${script.replace(/"/g, '\\"')}"`,
      'sh',
      ...consolidateArgs(file('tong-hop-1.xlsx')),
    ],
    { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
  ).toString();
  const summary = JSON.parse(piped) as {
    bytes: number;
    units: number;
    unreadable: { file: string; message: string }[];
  };
  expect(Date.now() - t0).toBeLessThan(60_000);
  expect(summary.bytes).toBeGreaterThan(200 * 1024);
  expect(summary.units).toBe(50);
  expect(summary.unreadable).toEqual([
    {
      file: 'nang.xlsx',
      unit: null,
      status: 'unreadable',
      errors: 0,
      warnings: 0,
      message: expect.stringMatching(/^Tệp «nang\.xlsx» không đọc xong trong 1 giây/),
    },
  ]);
  expect(existsSync(file('tong-hop-1.xlsx'))).toBe(true);

  const second = await cchc(consolidateArgs(file('tong-hop-2.xlsx')), env);
  expect(second.code).toBe(1); // written, one child unreadable
  expect(second.stdout).toMatch(/1 tệp không đọc được/);
  expect(readFileSync(file('tong-hop-2.xlsx')).equals(readFileSync(file('tong-hop-1.xlsx')))).toBe(true);
});

test('an output that is an input through a symbolic or a hard link is refused, even with --force', async () => {
  symlinkSync(children[0], file('lien-ket-mem.xlsx'));
  linkSync(children[1], file('lien-ket-cung.xlsx'));
  for (const out of ['lien-ket-mem.xlsx', 'lien-ket-cung.xlsx']) {
    const r = await cchc(consolidateArgs(file(out), ['--force']));
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(
      /chính là tệp đầu vào .*\(qua liên kết\): không ghi đè báo cáo nhận được, kể cả khi dùng --force/,
    );
  }
});

test('a roster that is a link to /dev/zero gets a message, not a hang', async () => {
  symlinkSync('/dev/zero', file('danh-sach.txt'));
  const r = await cchc(consolidateArgs(file('tong-hop-3.xlsx'), ['--roster', file('danh-sach.txt')]));
  expect(r.code).toBe(2);
  expect(r.stdout).toMatch(/^Danh sách đơn vị: Không đọc được tệp «[^»]*danh-sach\.txt»: đây là một thiết bị/);
  expect(existsSync(file('tong-hop-3.xlsx'))).toBe(false);
});

test('text starting like a formula is written with the quote prefix', async () => {
  const plan = planWorkbook(huyenT, {
    level: 'xa',
    period: '6T',
    year: 2025,
    unit: '=HYPERLINK("http://x","UBND xã")',
  });
  const bytes = await writeWorkbookBuffer(plan);
  const parts = unzipSync(new Uint8Array(bytes));
  const styles = strFromU8(parts['xl/styles.xml']);
  expect(styles).toMatch(/<xf [^>]*numFmtId="49"[^>]*quotePrefix="1"/);
  // The cell holding the text uses such a style, and the text is a string, not a formula.
  const sheets = Object.keys(parts).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  const sst = strFromU8(parts['xl/sharedStrings.xml']);
  expect(sst).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;UBND xã&quot;)');
  expect(sheets.some((n) => /<f>HYPERLINK/.test(strFromU8(parts[n])))).toBe(false);
});
