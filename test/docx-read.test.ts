/**
 * Word reports (.docx): the appendix read straight from the tables of the document, as from the
 * same tables typed into Excel. Built from the seeds: 000's district report, 001's Phụ lục 1B
 * inside a commune's report (the report's text first), 004's province tables with the
 * comma-thousands habit; one re-saved by LibreOffice Writer (committed). Every row maps as from
 * the .xlsx, the findings are those `cchc check` gives on the .xlsx, a consolidation mixes .docx
 * and .xlsx children, and a hostile .docx is bounded like a workbook.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { consolidateFiles } from '../src/cli/cmd-consolidate';
import { main } from '../src/cli/main';
import { ReadReportError, type ReadReport } from '../src/core/recognise';
import { checkReport } from '../src/core/rules';
import { chainById } from '../src/core/template/levels';
import { getTemplate } from '../src/core/template/registry';
import { readReport } from '../src/io/read-report';
import { buildDocx, docxPackage, documentXml } from './fixtures/docx/build';
import { buildHandmade } from './helpers/handmade';
import { loadSeed, type Seed } from './helpers/seeds';
import type { Habit } from './helpers/handmade';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cchc-docx-'));

const COMMUNE_PREAMBLE = [
  'ỦY BAN NHÂN DÂN XÃ CẨM HƯNG',
  'Số: 371/BC-UBND',
  'BÁO CÁO',
  'Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2022',
  'I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH',
  'Trong 6 tháng đầu năm, UBND xã đã ban hành kế hoạch và triển khai các nhiệm vụ theo đúng tiến độ.',
];

const CASES: { name: string; seed: '000' | '001' | '004'; habit: Habit; preamble?: string[]; repeat?: number }[] = [
  { name: "000's district report", seed: '000', habit: 'vn-text' },
  {
    name: "001's Phụ lục 1B inside a commune's report",
    seed: '001',
    habit: 'vn-text',
    preamble: COMMUNE_PREAMBLE,
    repeat: 45,
  },
  { name: "004's province tables, comma thousands", seed: '004', habit: 'comma-thousands' },
];

const valuesOf = (r: ReadReport) =>
  Object.fromEntries([...r.values].map(([id, v]) => [id, { value: v.value, raw: v.raw }]));
const findingsOf = (r: ReadReport) =>
  checkReport(r.template, r.level!, r.values, { mode: 'final' })
    .map(
      (f) =>
        `${f.severity} ${f.rule} ${f.rows.join(',')} ${f.suggestion ? `→ ${f.suggestion.row}=${f.suggestion.value}` : ''}`,
    )
    .sort();

describe.each(CASES)('$name', ({ seed: id, habit, preamble, repeat }) => {
  let seed: Seed;
  let fromDocx: ReadReport;
  let fromXlsx: ReadReport;
  beforeAll(async () => {
    seed = loadSeed(id);
    const docx = buildDocx(seed, {
      habit,
      ...(preamble ? { preamble } : {}),
      ...(repeat ? { repeatHeaderEvery: repeat } : {}),
    });
    fromDocx = readReport(docx, { fileName: `${id}.docx` });
    const layout = seed.forms.every((f) => f.title === seed.forms[0].title) ? 'single-table' : 'sheet-per-form';
    const xlsx = await buildHandmade(seed, { layout, habit, ...(repeat ? { repeatHeaderEvery: repeat } : {}) });
    fromXlsx = readReport(new Uint8Array(xlsx.bytes), { fileName: `${id}.xlsx` });
  });

  test('the same template, unit, level, period and report facts as the .xlsx', () => {
    const facts = (r: ReadReport) => [r.template.id, r.level, r.unit, r.period, r.year, r.reportNo, r.date];
    expect(facts(fromDocx)).toEqual(facts(fromXlsx));
    expect(fromDocx.unit).toBe(seed.unit.replace(/^Ủy ban nhân dân /i, 'UBND '));
  });

  test('every row mapped as from the .xlsx, with the same values', () => {
    expect(fromDocx.values.size).toBeGreaterThan(80);
    expect(valuesOf(fromDocx)).toEqual(valuesOf(fromXlsx));
  });

  test('the same findings as on the .xlsx', () => {
    expect(findingsOf(fromDocx)).toEqual(findingsOf(fromXlsx));
  });
});

test('a .docx re-saved by LibreOffice Writer reads as ours', () => {
  const lo = readReport(
    new Uint8Array(readFileSync(path.join(__dirname, 'fixtures/docx/kong-chro-libreoffice.docx'))),
    {
      fileName: 'kong-chro-libreoffice.docx',
    },
  );
  const ours = readReport(buildDocx(loadSeed('000')), { fileName: 'kong-chro.docx' });
  expect(lo.template.id).toBe('bnv2022-huyen');
  expect(valuesOf(lo)).toEqual(valuesOf(ours));
  expect(findingsOf(lo)).toEqual(findingsOf(ours));
});

test('merged cells, paragraphs in cells and text boxes', () => {
  // One table: a vertical merge over two rows, a span over two columns, a cell of two paragraphs,
  // a text box in a paragraph (left out) and a deleted revision (left out).
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const tc = (inner: string, pr = '') => `<w:tc><w:tcPr>${pr}</w:tcPr>${inner}</w:tc>`;
  const p = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
  const doc =
    `<w:document xmlns:w="${W}"><w:body>` +
    `<w:p><w:r><w:t>Trên bảng</w:t></w:r><w:r><w:txbxContent>${p('Hộp văn bản')}</w:txbxContent></w:r><w:del><w:r><w:delText>đã xóa</w:delText></w:r></w:del></w:p>` +
    '<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>' +
    `<w:tr>${tc(p('A'), '<w:vMerge w:val="restart"/>')}${tc(p('B'), '<w:gridSpan w:val="2"/>')}</w:tr>` +
    `<w:tr>${tc('<w:p/>', '<w:vMerge/>')}${tc(p('Dòng một') + p('dòng hai'))}${tc(p('2.531'))}</w:tr>` +
    '</w:tbl></w:body></w:document>';
  const bytes = docxPackage(doc);
  // Read through the recogniser's grid: no appendix here, but the sheet is what it sees.
  const { readDocx } = jest.requireActual('../src/io/docx-read') as typeof import('../src/io/docx-read');
  const book = readDocx(bytes, { fileName: 'bang.docx' });
  const s = book.sheets[0];
  expect(s.name).toBe('Bảng 1');
  expect(s.cells.map((c) => [c.address, c.value])).toEqual([
    ['A1', 'Trên bảng'],
    ['A2', 'A'],
    ['B2', 'B'],
    ['B3', 'Dòng một\ndòng hai'],
    ['C3', '2.531'],
  ]);
  expect(s.merges).toEqual([
    { top: 2, left: 1, bottom: 3, right: 1 },
    { top: 2, left: 2, bottom: 2, right: 3 },
  ]);
});

test('cchc check reads a .docx and gives the findings it gives on the .xlsx', async () => {
  const seed = loadSeed('001');
  const docx = path.join(dir, 'cam-hung.docx');
  const xlsx = path.join(dir, 'cam-hung.xlsx');
  writeFileSync(docx, buildDocx(seed, { preamble: COMMUNE_PREAMBLE }));
  writeFileSync(xlsx, (await buildHandmade(seed, { layout: 'single-table', habit: 'vn-text' })).bytes);
  const run = async (f: string) => {
    const lines: string[] = [];
    const code = await main(['check', f, '--json'], (s) => lines.push(s));
    return { code, json: JSON.parse(lines.join('\n')) as { findings: { severity: string; rule: string }[] } };
  };
  const a = await run(docx);
  const b = await run(xlsx);
  expect(a.code).toBe(b.code);
  const key = (j: typeof a.json) => j.findings.map((f) => `${f.severity} ${f.rule}`).sort();
  expect(key(a.json)).toEqual(key(b.json));
  expect(a.json.findings.length).toBeGreaterThan(3);
});

test('a consolidation mixes .docx and .xlsx children', async () => {
  const commune = (unit: string): Seed => ({ ...loadSeed('001'), unit });
  const files: string[] = [];
  const add = async (name: string, unit: string, kind: 'docx' | 'xlsx') => {
    const f = path.join(dir, name);
    writeFileSync(
      f,
      kind === 'docx'
        ? buildDocx(commune(unit), { preamble: COMMUNE_PREAMBLE })
        : (await buildHandmade(commune(unit), { layout: 'single-table', habit: 'vn-text' })).bytes,
    );
    files.push(f);
  };
  await add('cam-hung.docx', 'Ủy ban nhân dân xã Cẩm Hưng', 'docx');
  await add('cam-thinh.xlsx', 'Ủy ban nhân dân xã Cẩm Thịnh', 'xlsx');
  await add('cam-duong.docx', 'Ủy ban nhân dân xã Cẩm Dương', 'docx');
  const run = await consolidateFiles({
    template: getTemplate('bnv2022-huyen'),
    level: 'huyen',
    unit: 'UBND huyện Cẩm Xuyên',
    chain: chainById('3cap'),
    files,
    workers: 0,
  });
  expect(run.unreadable).toEqual([]);
  expect(run.result.units.map((u) => [u.file, u.unit]).sort()).toEqual([
    ['cam-duong.docx', 'UBND xã Cẩm Dương'],
    ['cam-hung.docx', 'UBND xã Cẩm Hưng'],
    ['cam-thinh.xlsx', 'UBND xã Cẩm Thịnh'],
  ]);
  // A summed row: three times the commune's figure, from the three files.
  const summed = [...run.result.values.values()].find(
    (v) => v.how.startsWith('sum') && v.from.filter((p) => p.value !== null).length === 3,
  );
  expect(summed).toBeDefined();
  expect(new Set(summed!.from.map((p) => path.extname(p.file ?? '')))).toEqual(new Set(['.docx', '.xlsx']));
  // Where each figure was read, as the official finds it: a Word table's row and column, a workbook's cell.
  for (const p of summed!.from)
    expect(p.cell).toMatch(p.file!.endsWith('.docx') ? /^Bảng \d+, hàng \d+, cột 4$/ : /^'[^']+'!D\d+$/);
});

describe('a hostile .docx is bounded like a workbook', () => {
  const read = (bytes: Uint8Array, name: string): string => {
    try {
      readReport(bytes, { fileName: name });
    } catch (e) {
      if (e instanceof ReadReportError) return e.message;
      throw e;
    }
    return 'read';
  };
  test('no table', () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    expect(
      read(
        docxPackage(
          `<w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>Báo cáo</w:t></w:r></w:p></w:body></w:document>`,
        ),
        'bc.docx',
      ),
    ).toMatch(/^Tệp «bc\.docx» là văn bản Word nhưng không có bảng nào/);
  });
  test('broken XML', () => {
    expect(read(docxPackage('<w:document><w:body><w:tbl>'), 'hong.docx')).toMatch(
      /«hong\.docx» bị hỏng: văn bản bị cắt cụt/,
    );
  });
  test('a million nested tables and a huge table stop quickly', () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const deep = `<w:document xmlns:w="${W}"><w:body>${'<w:tbl><w:tr><w:tc>'.repeat(200_000)}${'</w:tc></w:tr></w:tbl>'.repeat(200_000)}</w:body></w:document>`;
    const t0 = Date.now();
    expect(read(docxPackage(deep), 'sau.docx')).toMatch(/«sau\.docx»/);
    const wide = documentXml(loadSeed('001')).replace(
      '</w:body>',
      `<w:tbl>${`<w:tr>${'<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>'.repeat(300)}</w:tr>`.repeat(400)}</w:tbl></w:body>`,
    );
    expect(read(docxPackage(wide), 'rong.docx')).toMatch(
      /«rong\.docx» vượt giới hạn đọc an toàn: văn bản có hơn 100\.000 ô bảng/,
    );
    expect(Date.now() - t0).toBeLessThan(15_000); // ≈ 0.7 s here; a quadratic reader takes minutes
  });
});

test('cchc check places a Word cell as the official finds it: the table, its row and its column', async () => {
  const seed = loadSeed('000');
  const file = path.join(dir, 'kong-chro-bang.docx');
  writeFileSync(file, buildDocx(seed));
  const lines: string[] = [];
  await main(['check', file], (s) => lines.push(s));
  const text = lines.join('\n');
  // The seed's 3.2 of Biểu mẫu 2 (100% where 0/1 = 0%): the row holding STT 3.2 in the document's
  // second table, counted from that table's first row.
  const second = documentXml(seed).split('<w:tbl>')[2];
  const rows = second.split('<w:tr>').slice(1);
  const at = rows.findIndex((r) => />3\.2\.?</.test(r)) + 1;
  expect(at).toBeGreaterThan(1);
  expect(text).toContain(`Lỗi      Bảng 2, hàng ${at}, cột 4: Dòng 3.2 ghi 100%`);
  expect(text).toContain(`Đề nghị: ghi 0 vào ô Bảng 2, hàng ${at}, cột 4`);
  expect(text).not.toMatch(/'Bảng \d+'!/);
  // --json keeps the address a program can use, and says the place beside it.
  const json: string[] = [];
  await main(['check', file, '--json'], (s) => json.push(s));
  const out = JSON.parse(json.join('\n')) as {
    findings: { message: string; cell: string; place?: string; suggestion?: { place?: string } }[];
    values: Record<string, { cell: string; place?: string }>;
  };
  const f = out.findings.find((x) => x.message.startsWith('Dòng 3.2 ghi 100%'))!;
  expect(f.place).toBe(`Bảng 2, hàng ${at}, cột 4`);
  expect(f.cell).toMatch(/^'Bảng 2'!D\d+$/);
  expect(f.suggestion?.place).toBe(`Bảng 2, hàng ${at}, cột 4`);
  expect(Object.values(out.values).every((v) => v.place && /^Bảng \d+, hàng \d+, cột \d+$/.test(v.place))).toBe(true);
});
