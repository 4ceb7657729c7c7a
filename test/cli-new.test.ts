/**
 * `cchc new` end to end: for every built-in template and level, the written .xlsx read back
 * with ExcelJS shows every seed row at the cell its metadata names, with names, locks,
 * validation, print setup and title block; ratio cells evaluated by HyperFormula.
 */
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import type ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { main } from '../src/cli/main';
import { builtinTemplates } from '../src/core/template/registry';
import { loadTemplate, reportsRow, type Template } from '../src/core/template/load';
import { periodTitle } from '../src/core/template/levels';
import type { LevelId } from '../src/core/template/schema';
import {
  computedRows,
  META_SHEET,
  nameForRow,
  planWorkbook,
  type ComputedRow,
  type WorkbookMeta,
} from '../src/core/layout';
import { writeWorkbookBuffer } from '../src/io/xlsx-write';
import { alignSeed, type Shown } from './helpers/align';
import { loadSeed, SEED_OF_TEMPLATE, seedNumber, seedRows, templateFromSeed, type Seed } from './helpers/seeds';
import { FormulaSheets, loadXlsx, readMeta } from './helpers/workbook';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'cchc-new-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await main(args, (s) => lines.push(s));
  return { code, out: lines.join('\n') };
}

const UNIT = 'UBND huyện Kông Chro';
const newArgs = (id: string, level: string, out: string, extra: string[] = []) => [
  'new',
  '--template',
  id,
  '--level',
  level,
  '--period',
  '6T',
  '--year',
  '2022',
  '--unit',
  UNIT,
  '--report-no',
  '371',
  '--date',
  '10/6/2022',
  '--out',
  out,
  ...extra,
];

interface Located {
  ws: ExcelJS.Worksheet;
  cell: ExcelJS.Cell;
  r: number;
}
const locateAll = (wb: ExcelJS.Workbook, meta: WorkbookMeta) =>
  new Map<string, Located>(
    meta.rows.map((l) => {
      const ws = wb.getWorksheet(l.sheet)!;
      const cell = ws.getCell(l.address);
      return [l.rowId, { ws, cell, r: Number(cell.row) }];
    }),
  );

/** Everything a user would notice in a freshly written workbook. */
function checkWorkbook(
  wb: ExcelJS.Workbook,
  t: Template,
  level: LevelId,
  seed?: Seed,
): { meta: WorkbookMeta; at: Map<string, Located>; seedCell: Map<number, Shown> } {
  const meta = readMeta(wb);
  expect(meta).toMatchObject({
    templateId: t.id,
    templateVersion: t.version,
    level,
    period: '6T',
    year: 2022,
    unit: UNIT,
    reportNo: '371',
    date: '10/6/2022',
  });
  expect(wb.getWorksheet(META_SHEET)!.state).toBe('veryHidden');
  const rows = t.forms.flatMap((f) => f.rows);
  expect(meta.rows.map((r) => r.rowId)).toEqual(rows.map((r) => r.id));
  const at = locateAll(wb, meta);
  const computed = computedRows(t, level);

  for (const row of rows) {
    const { ws, cell, r } = at.get(row.id)!;
    // The line shows the row; its value cell carries the row's defined name.
    expect(ws.getCell(r, 1).value ?? '').toBe(row.stt);
    expect(ws.getCell(r, 2).value).toBe(row.label);
    expect(wb.definedNames.getRanges(nameForRow(row.id)).ranges).toEqual([`'${ws.name}'!$D$${r}`]);
    const reported = reportsRow(t, row, level);
    const locked = cell.protection?.locked !== false;
    if (!reported) expect(locked).toBe(true);
    if (!reported && row.kind !== 'group')
      expect((cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBe('FFD9D9D9');
    if (reported && !computed.has(row.id)) {
      expect(locked).toBe(false);
      const dv = cell.dataValidation;
      const a = cell.address;
      if (dv?.type === 'custom') {
        // A rule that fits a validation (part ≤ whole, …) is combined with the cell's kind check.
        const f = String(dv.formulae[0]);
        if (row.kind === 'count') expect(f).toContain(`AND(ISNUMBER(${a}),${a}>=0,${a}=INT(${a}))`);
        if (row.kind === 'money') expect(f).toContain(`${a}>=0`);
        if (row.kind === 'percent') expect(f).toMatch(new RegExp(`${a}>=0.*${a}<=100`));
      } else {
        if (row.kind === 'count')
          expect(dv).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] });
        if (row.kind === 'money')
          expect(dv).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] });
        if (row.kind === 'percent')
          expect(dv).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 100] });
        if (row.kind === 'code')
          expect(dv).toMatchObject({ type: 'list', formulae: [`"${row.codes!.map((c) => c.value).join(',')}"`] });
      }
      if (['count', 'money', 'percent', 'code'].includes(row.kind)) {
        expect(dv.showErrorMessage).toBe(true);
        expect(dv.error).toContain(row.stt.replace(/\.$/, ''));
      }
    }
    if (computed.has(row.id)) {
      expect(typeof cell.formula).toBe('string');
      expect(locked).toBe(true);
    }
  }

  const visible = wb.worksheets.filter((w) => w.state === 'visible');
  expect(visible).toHaveLength(t.layout === 'single-table' ? 1 : t.forms.length);
  for (const ws of visible) {
    let header = 0;
    ws.eachRow((row, r) => {
      if (!header && row.getCell(1).value === 'STT') header = r;
    });
    expect(header).toBeGreaterThan(0);
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${header}:${header + 1}`,
    });
    expect((ws as unknown as { sheetProtection: unknown }).sheetProtection).toMatchObject({ sheet: true });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: header + 1 });
    expect(ws.getColumn(2).width).toBeGreaterThan(40);
  }

  // The title block names the unit, the report and the period.
  const first = visible[0];
  const titleText: string[] = [];
  for (let r = 1; r <= 6; r++) titleText.push(String(first.getCell(r, 1).value ?? ''));
  const joined = titleText.join('\n');
  expect(joined).toContain(UNIT);
  expect(joined).toContain('371/BC-UBND ngày 10 tháng 6 năm 2022');
  expect(joined).toContain(periodTitle('6T', 2022));
  expect(joined).toContain(t.appendixLabel);
  expect(first.getCell(1, 1).font).toMatchObject({ name: 'Times New Roman', bold: true });

  // Every seed row is shown, in order, at a cell the metadata names.
  const seedCell = new Map<number, Shown>();
  if (seed) {
    const shown = meta.rows.map((l) => {
      const { ws, r } = at.get(l.rowId)!;
      return { rowId: l.rowId, stt: ws.getCell(r, 1).value ?? '', label: ws.getCell(r, 2).value };
    });
    const { match, missing, extra } = alignSeed(seedRows(seed), shown);
    expect(missing).toEqual([]);
    // Templates may add a few rows the seed does not print (2015 baselines).
    expect(extra.length).toBeLessThanOrEqual(5);
    for (const [i, s] of match) seedCell.set(i, s);
  }
  return { meta, at, seedCell };
}

/** Fills the parts of each computed row with the seed's numbers and checks HyperFormula's result. */
function checkRatios(
  wb: ExcelJS.Workbook,
  t: Template,
  level: LevelId,
  meta: WorkbookMeta,
  seed: Seed | undefined,
  seedCell: Map<number, Shown>,
): { checked: number; byId: Map<string, unknown> } {
  const hf = new FormulaSheets(wb);
  const loc = new Map(meta.rows.map((r) => [r.rowId, r]));
  const seedValue = new Map<string, number>();
  if (seed) {
    const list = seedRows(seed);
    for (const [i, shown] of seedCell) {
      const n = seedNumber(list[i].value);
      if (n !== undefined) seedValue.set(shown.rowId, n);
    }
  }
  const byId = new Map<string, unknown>();
  let checked = 0;
  const put = (id: string, v: number | null) => hf.set(loc.get(id)!.sheet, loc.get(id)!.address, v);
  const get = (id: string) => hf.value(loc.get(id)!.sheet, loc.get(id)!.address);
  for (const c of computedRows(t, level).values()) {
    const refs = c.args.map((a) => ('ref' in a ? a.ref : undefined));
    const values = expectedInputs(c, seedValue);
    refs.forEach((id, k) => id && put(id, values[k]));
    const [a, b] = c.args.map((arg, k) => ('num' in arg ? arg.num : values[k]!));
    const expected =
      c.fn === 'ratio'
        ? b === 0
          ? ''
          : Math.round((a / b) * 100 * 100) / 100
        : a === 0
          ? ''
          : Math.round(((a - b) / a) * 100 * 100) / 100;
    const got = get(c.rowId);
    expect({ row: c.rowId, got }).toEqual({ row: c.rowId, got: expected });
    byId.set(c.rowId, got);
    // With a part empty the cell is empty.
    const firstRef = refs.find(Boolean)!;
    put(firstRef, null);
    expect({ row: c.rowId, emptied: get(c.rowId) }).toEqual({ row: c.rowId, emptied: '' });
    refs.forEach((id, k) => id && put(id, values[k]));
    checked++;
  }
  return { checked, byId };
}

/** The seed's numbers for a computed row's parts when it has them, else realistic ones (55 → 50 for a 2015 baseline). */
function expectedInputs(c: ComputedRow, seedValue: Map<string, number>): number[] {
  const ids = c.args.map((a) => ('ref' in a ? a.ref : undefined));
  const fromSeed = ids.map((id) => (id ? seedValue.get(id) : undefined));
  if (fromSeed.every((v, k) => v !== undefined || ids[k] === undefined)) return fromSeed.map((v) => v ?? 0);
  return c.fn === 'ratio' ? [2521, 2531] : [55, 50];
}

describe('cchc new on every built-in template and level', () => {
  for (const t of builtinTemplates()) {
    const seedId = SEED_OF_TEMPLATE[t.id];
    const stub = t.version.includes('stub');
    for (const level of t.levels) {
      it(`${t.id} @ ${level}${stub ? ' (stub template: seed rows not compared)' : ''}`, async () => {
        const out = path.join(tmp, `${t.id}-${level}.xlsx`);
        const res = await cli(newArgs(t.id, level, out));
        expect(res.code).toBe(0);
        expect(res.out).toContain(`Đã ghi «${out}»`);
        expect(res.out).toMatch(new RegExp(`${t.layout === 'single-table' ? 1 : t.forms.length} trang tính`));
        const wb = await loadXlsx(readFileSync(out));
        const seed = !stub && seedId ? loadSeed(seedId) : undefined;
        const { meta, seedCell } = checkWorkbook(wb, t, level, seed);
        const { checked, byId } = checkRatios(wb, t, level, meta, seed, seedCell);
        if (computedRows(t, level).size) expect(checked).toBeGreaterThan(0);
        if (t.id === 'bnv2022-huyen' && level === 'huyen' && !stub) expect(byId.get('BM3:3.2')).toBe(99.6);
      });
    }
  }
});

describe('the writer on seed-shaped templates (independent of the built-ins)', () => {
  it('writes seed 000 as a district workbook: seed rows, names, HyperFormula 99.6 for BM3 3.2, rule formats', async () => {
    const seed = loadSeed('000');
    const t = loadTemplate(templateFromSeed(seed, { id: 'test-000', levels: ['huyen', 'so'] }));
    const plan = planWorkbook(t, {
      level: 'huyen',
      period: '6T',
      year: 2022,
      unit: UNIT,
      reportNo: '371',
      date: '10/6/2022',
      ruleFormulas: (ctx) => {
        const part = ctx.cellOf('BM1:2.2')!;
        const whole = ctx.addressOf('BM1:2.1', part.sheet)!;
        return {
          conditionalFormats: [
            {
              sheet: part.sheet,
              range: part.address,
              formula: `AND(ISNUMBER(${part.address}),ISNUMBER(${whole}),${part.address}>${whole})`,
              severity: 'error',
              ruleId: 'r-2.2',
            },
          ],
          validations: [],
        };
      },
    });
    const started = Date.now();
    const buf = await writeWorkbookBuffer(plan);
    const ms = Date.now() - started;
    expect(ms).toBeLessThan(3000);
    const wb = await loadXlsx(buf);
    const { meta, seedCell } = checkWorkbook(wb, t, 'huyen', seed);
    expect(seedCell.size).toBe(seedRows(seed).length);
    const { byId } = checkRatios(wb, t, 'huyen', meta, seed, seedCell);
    expect(byId.get('BM3:3.2')).toBe(99.6);
    expect(byId.get('BM1:2')).toBe(16.28); // 7 / 43
    const ws = wb.getWorksheet('Biểu mẫu 1')!;
    const cf = (
      ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; formulae: string[] }[] }[] }
    ).conditionalFormattings;
    expect(cf).toEqual([
      expect.objectContaining({
        ref: meta.rows.find((r) => r.rowId === 'BM1:2.2')!.address,
        rules: [expect.objectContaining({ type: 'expression' })],
      }),
    ]);
    // ExcelJS does not read calcPr back: look at the XML.
    const workbookXml = strFromU8(
      unzipSync(new Uint8Array(buf), { filter: (f) => f.name === 'xl/workbook.xml' })['xl/workbook.xml'],
    );
    expect(workbookXml).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  it('writes seed 001 as one 1B table and seed 004 with the period header', async () => {
    const s1 = loadSeed('001');
    const t1 = loadTemplate(templateFromSeed(s1, { id: 'test-001', layout: 'single-table', levels: ['xa', 'huyen'] }));
    const wb1 = await loadXlsx(
      await writeWorkbookBuffer(
        planWorkbook(t1, { level: 'xa', period: '6T', year: 2022, unit: UNIT, reportNo: '371', date: '10/6/2022' }),
      ),
    );
    checkWorkbook(wb1, t1, 'xa', s1);
    const s4 = loadSeed('004');
    const t4 = loadTemplate(templateFromSeed(s4, { id: 'test-004', header: 'period', levels: ['tinh', 'so'] }));
    const wb4 = await loadXlsx(
      await writeWorkbookBuffer(
        planWorkbook(t4, { level: 'tinh', period: '6T', year: 2022, unit: UNIT, reportNo: '371', date: '10/6/2022' }),
      ),
    );
    checkWorkbook(wb4, t4, 'tinh', s4);
    const ws = wb4.worksheets[0];
    let h = 0;
    ws.eachRow((row, r) => {
      if (!h && row.getCell(1).value === 'STT') h = r;
    });
    expect(ws.getCell(h, 4).value).toBe('Báo cáo cải cách hành chính 6 tháng đầu năm 2022');
    expect(ws.getCell(h + 1, 5).value).toBe('Ghi chú');
  });
});

describe('cchc new refuses bad input with a Vietnamese message and exit code 2', () => {
  const t = builtinTemplates()[0];
  const level = t.levels[0];
  const out = () => path.join(tmp, `err-${Math.random().toString(36).slice(2)}.xlsx`);
  const otherLevel = (['xa', 'huyen', 'tinh', 'so'] as const).find((l) => !t.levels.includes(l))!;

  it.each([
    [
      'an unknown template',
      ['new', '--template', 'bnv1999', '--level', level],
      /Không có mẫu «bnv1999»\. Các mẫu có sẵn: .*bnv2022/,
    ],
    [
      'an unknown level',
      ['new', '--template', t.id, '--level', 'thon'],
      /Cấp «thon» không có\. Chọn một trong: xa \(Cấp xã\)/,
    ],
    [
      'a level the template does not have',
      ['new', '--template', t.id, '--level', otherLevel],
      new RegExp(`Mẫu «${t.id}» không dành cho .*«${otherLevel}»`),
    ],
    [
      'an unknown period',
      ['new', '--template', t.id, '--level', level, '--period', 'Q5'],
      /Kỳ báo cáo «Q5» không có\. Chọn một trong: Q1/,
    ],
    ['a bad year', ['new', '--template', t.id, '--level', level, '--year', '22'], /Năm «22» không hợp lệ/],
    [
      'an impossible date',
      ['new', '--template', t.id, '--level', level, '--date', '31/02/2022'],
      /Ngày «31\/02\/2022» không có thật/,
    ],
    [
      'a date in the wrong format',
      ['new', '--template', t.id, '--level', level, '--date', '2022-06-10'],
      /không đúng dạng DD\/MM\/YYYY/,
    ],
    [
      'a bare report number for a department (no BC-UBND invented)',
      ['new', '--template', 'bnv2022-huyen', '--level', 'so', '--unit', 'Sở Nội vụ tỉnh Gia Lai', '--report-no', '45'],
      /Số báo cáo «45» chưa có ký hiệu văn bản: «Sở Nội vụ tỉnh Gia Lai» không phải Ủy ban nhân dân/,
    ],
    [
      'an output that is not .xlsx',
      ['new', '--template', t.id, '--level', level, '--out', path.join(tmp, 'x.xls')],
      /phải có đuôi \.xlsx/,
    ],
  ])('%s', async (_what, args, message) => {
    const full = [...args];
    const set = (k: string, v: string) => {
      if (!full.includes(k)) full.push(k, v);
    };
    set('--level', level);
    set('--period', '6T');
    set('--year', '2022');
    set('--unit', UNIT);
    set('--out', out());
    const res = await cli(full);
    expect(res.code).toBe(2);
    expect(res.out).toMatch(message);
  });

  it('writes the date as «ngày 05 tháng 02 năm 2023» and a department’s own document code', async () => {
    const file = out();
    const res = await cli([
      'new',
      '--template',
      'bnv2022-huyen',
      '--level',
      'so',
      '--period',
      'N',
      '--year',
      '2022',
      '--unit',
      'Sở Nội vụ tỉnh Gia Lai',
      '--report-no',
      '12/BC-SNV',
      '--date',
      '5/2/2023',
      '--out',
      file,
    ]);
    expect(res.code).toBe(0);
    const wb = await loadXlsx(readFileSync(file));
    const texts = [1, 2, 3, 4].map((r) => String(wb.worksheets[0].getCell(r, 1).value ?? ''));
    expect(texts).toContain('(Kèm theo Báo cáo số 12/BC-SNV ngày 05 tháng 02 năm 2023 của Sở Nội vụ tỉnh Gia Lai)');
  });

  it('accepts a level and period written in Vietnamese', async () => {
    const huyen = builtinTemplates().find((x) => x.levels.includes('huyen'))!;
    const file = out();
    const res = await cli([
      'new',
      '--template',
      huyen.id,
      '--level',
      'huyện',
      '--period',
      '6 tháng đầu năm',
      '--year',
      '2022',
      '--unit',
      UNIT,
      '--out',
      file,
    ]);
    expect(res.code).toBe(0);
    expect(readMeta(await loadXlsx(readFileSync(file)))).toMatchObject({ level: 'huyen', period: '6T' });
  });

  it('refuses to overwrite an existing file unless --force', async () => {
    const file = out();
    writeFileSync(file, 'bảng cũ');
    const res = await cli(newArgs(t.id, level, file));
    expect(res.code).toBe(2);
    expect(res.out).toMatch(/Tệp «.*» đã có\. Dùng --force để ghi đè/);
    expect(readFileSync(file, 'utf8')).toBe('bảng cũ');
    const forced = await cli(newArgs(t.id, level, file, ['--force']));
    expect(forced.code).toBe(0);
    expect(statSync(file).size).toBeGreaterThan(10_000);
  });

  it('with --force replaces a link at the output, never writing through it, and leaves no temporary file', async () => {
    const dir = mkdtempSync(path.join(tmp, 'lien-ket-'));
    const other = path.join(dir, 'bao-cao-khac.xlsx');
    writeFileSync(other, 'báo cáo của đơn vị khác');
    const link = path.join(dir, 'phu-luc.xlsx');
    symlinkSync(other, link);
    const res = await cli(newArgs(t.id, level, link, ['--force']));
    expect(res.code).toBe(0);
    expect(readFileSync(other, 'utf8')).toBe('báo cáo của đơn vị khác');
    expect(lstatSync(link).isSymbolicLink()).toBe(false);
    expect(readMeta(await loadXlsx(readFileSync(link)))).toMatchObject({ level });
    expect(readdirSync(dir).sort()).toEqual(['bao-cao-khac.xlsx', 'phu-luc.xlsx']);
  });

  it('says when the folder does not exist or is not a folder', async () => {
    const missing = await cli(newArgs(t.id, level, path.join(tmp, 'khong-co', 'a.xlsx')));
    expect(missing.code).toBe(2);
    expect(missing.out).toMatch(/Không ghi được «.*a\.xlsx»: thư mục «.*khong-co» không tồn tại/);
    const aFile = path.join(tmp, 'tep.txt');
    writeFileSync(aFile, 'x');
    const underFile = await cli(newArgs(t.id, level, path.join(aFile, 'a.xlsx')));
    expect(underFile.code).toBe(2);
    expect(underFile.out).toMatch(/không tồn tại/);
  });

  it('reports a missing option with the usage', async () => {
    const res = await cli(['new', '--template', t.id]);
    expect(res.code).toBe(2);
    expect(res.out).toMatch(/Thiếu tùy chọn --level/);
    expect(res.out).toMatch(/cchc new --template/);
  });
});
