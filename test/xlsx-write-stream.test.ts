/**
 * `cchc consolidate`'s file, streamed by ExcelJS's streaming writer (writeWorkbookFile), against the
 * same plan written in memory (workbookBytes, the file tool's downloads): a consolidation of eleven
 * hand-typed communes and a district's own figures, read back by ExcelJS, is the same in every sheet
 * — each cell's value, formula, style, note and merge, column widths, row heights, views, merges,
 * validations, conditional formats, print setup, protection, state — and in its names and
 * properties. Then what ExcelJS does not read back: the quote prefix on text that starts like a
 * formula, fullCalcOnLoad, the zip's fixed times, and the order of each worksheet's parts (Excel
 * offers to repair a file whose order the schema does not allow). And the file's contract: the same
 * bytes for the same plan, no half file and no temporary file left when writing fails.
 */
import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { consolidateFiles, type ConsolidateRun } from '../src/cli/cmd-consolidate';
import { BREAKDOWN_SHEET, STATUS_SHEET } from '../src/core/consolidate/output-plan';
import type { WorkbookPlan } from '../src/core/layout/types';
import { getTemplate } from '../src/core/template/registry';
import { readReportFile } from '../src/io/read-report-file';
import { workbookBytes, workbookTimestamp } from '../src/io/xlsx-write';
import { WORKSHEET_ELEMENTS } from '../src/io/xlsx-read/worksheet';
import { writeWorkbookFile } from '../src/io/xlsx-write-file';
import { buildCchcMade, buildHandmade, type Habit, type Layout } from './helpers/handmade';
import { loadSeed, type Seed } from './helpers/seeds';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cchc-stream-'));
const file = (name: string) => path.join(dir, name);
const UNIT = 'UBND huyện Cẩm Xuyên';
const COMMUNES = [
  'Cẩm Hưng',
  'Cẩm Thịnh',
  'Cẩm Bình',
  'Cẩm Quang',
  'Cẩm Thạch',
  'Cẩm Duệ',
  'Cẩm Mỹ',
  'Cẩm Lạc',
  'Cẩm Minh',
  'Cẩm Sơn',
  'Cẩm Trung',
];

/** Seed 001 (a commune's 1B report) as another commune would send it, a few figures changed. */
function commune(name: string, k: number): Seed {
  const s = loadSeed('001');
  const changes: Record<string, string> = { '3.3.3.1': String(700 + 10 * k), '3.3.3.2': String(650 + 9 * k) };
  return {
    ...s,
    unit: `Ủy ban nhân dân xã ${name}`,
    forms: s.forms.map((f) => ({
      ...f,
      rows: f.rows.map((r) => (r.stt in changes ? { ...r, value: changes[r.stt] } : r)),
    })),
  };
}

let run: ConsolidateRun;
let plan: WorkbookPlan;
const streamed = file('tong-hop.xlsx');
const inMemory = file('tong-hop-trong-bo-nho.xlsx');

beforeAll(async () => {
  const own = file('so-lieu-rieng.xlsx');
  writeFileSync(
    own,
    (await buildCchcMade({ ...loadSeed('000'), unit: UNIT }, getTemplate('bnv2022-huyen'), { level: 'huyen' })).bytes,
  );
  const habits: Habit[] = ['vn-text', 'vi-excel', 'en-us'];
  const layouts: Layout[] = ['single-table', 'sheet-per-form', 'stacked'];
  const children: string[] = [];
  for (const [k, name] of COMMUNES.entries()) {
    // A file name that starts like a formula: written as text with Excel's quote prefix.
    const f = file(k === 2 ? '=cam-binh.xlsx' : `xa-${k + 1}.xlsx`);
    writeFileSync(f, (await buildHandmade(commune(name, k), { layout: layouts[k % 3], habit: habits[k % 3] })).bytes);
    children.push(f);
  }
  run = await consolidateFiles({
    template: getTemplate('bnv2022-huyen'),
    level: 'huyen',
    unit: UNIT,
    files: children,
    period: '6T',
    year: 2022,
    own,
    roster: [...COMMUNES.map((c) => `Xã ${c}`), 'Xã Cẩm Lĩnh'],
    reportNo: '45',
    date: '12/06/2022',
    workers: 0,
  });
  plan = run.plan;
  await writeWorkbookFile(plan, streamed);
  writeFileSync(inMemory, await workbookBytes(plan));
});

async function load(f: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(f);
  return wb;
}

/**
 * The workbook as ExcelJS reads it back: every sheet's model (rows and their cells with value,
 * formula, style and note; columns, merges, validations, conditional formats, views, page setup
 * with print options and print titles, header and footer, protection, state), the defined names and
 * the document properties. The properties the in-memory writer writes empty and the streaming one
 * leaves out (manager, keywords, category, description) read back as '' or undefined: both empty.
 */
function described(wb: ExcelJS.Workbook): unknown {
  const { worksheets, definedNames, ...rest } = wb.model as unknown as {
    worksheets: unknown[];
    definedNames: unknown;
  } & Record<string, unknown>;
  const props = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v === '' ? undefined : v]));
  return { props, definedNames, worksheets };
}

describe('the streamed workbook is the in-memory one', () => {
  it('consolidated eleven communes into a breakdown wider than a printed page', () => {
    expect(run.result.used).toHaveLength(COMMUNES.length);
    const breakdown = plan.sheets.find((s) => s.name === BREAKDOWN_SHEET)!;
    expect(breakdown.print?.printTitlesColumns).toBe('A:C');
    expect(plan.sheets.some((s) => s.protection?.enabled)).toBe(true);
    expect(plan.sheets.some((s) => s.state === 'veryHidden')).toBe(true);
    expect(plan.fullCalcOnLoad).toBe(true);
  });

  it('reads back the same, sheet by sheet and cell by cell', async () => {
    const [a, b] = await Promise.all([load(streamed), load(inMemory)]);
    expect(a.worksheets.map((ws) => [ws.name, ws.state])).toEqual(b.worksheets.map((ws) => [ws.name, ws.state]));
    // Sheet by sheet first: a difference is reported in its sheet.
    for (const ws of b.worksheets) expect([ws.name, a.getWorksheet(ws.name)!.model]).toEqual([ws.name, ws.model]);
    expect(described(a)).toEqual(described(b));
    // What the comparison covers, on the sheets the plan gives them.
    const sheet = a.getWorksheet('Biểu mẫu 1')!;
    const model = sheet.model as ExcelJS.WorksheetModel & {
      dataValidations: Record<string, unknown>;
      sheetProtection: unknown;
    };
    expect(model.merges.length).toBeGreaterThan(0);
    expect(Object.keys(model.dataValidations).length).toBeGreaterThan(0);
    expect(model.sheetProtection).toMatchObject({ sheet: true });
    expect(sheet.pageSetup).toMatchObject({ fitToPage: true, horizontalCentered: true, printTitlesRow: '8:9' });
    const breakdown = a.getWorksheet(BREAKDOWN_SHEET)!;
    expect(breakdown.pageSetup).toMatchObject({ showGridLines: true, printTitlesColumn: 'A:C' });
    expect(breakdown.views[0]).toMatchObject({ state: 'frozen', ySplit: 4, showGridLines: true });
    expect(breakdown.getCell('E6').note).toBeTruthy();
    expect(a.getWorksheet(STATUS_SHEET)!.headerFooter.oddFooter).toBe('Trang &P/&N');
    expect(
      a.worksheets.reduce(
        (n, ws) => n + (ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings.length,
        0,
      ),
    ).toBeGreaterThan(0);
    expect(a.definedNames.model.some((n) => n.name.startsWith('CCHC_'))).toBe(true);
  });

  it('keeps the quote prefix and fullCalcOnLoad, which ExcelJS does not read back', () => {
    const parts = [streamed, inMemory].map((f) => unzipSync(readFileSync(f)));
    const [a, b] = parts.map((p) => quotePrefixed(p));
    expect(a).toEqual(b);
    expect(a).toContainEqual([BREAKDOWN_SHEET, expect.stringMatching(/^[A-Z]+4$/)]);
    for (const p of parts) expect(strFromU8(p['xl/workbook.xml'])).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
  });

  it('writes each worksheet part in the order the schema gives (CT_Worksheet)', () => {
    const parts = unzipSync(readFileSync(streamed));
    const sheets = Object.keys(parts).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    expect(sheets).toHaveLength(plan.sheets.length);
    for (const n of sheets) {
      const order = topLevelElements(strFromU8(parts[n])).map((e) =>
        (WORKSHEET_ELEMENTS as readonly string[]).indexOf(e),
      );
      expect([n, order.includes(-1), order]).toEqual([n, false, [...order].sort((x, y) => x - y)]);
    }
  });

  it('gives every zip entry the workbook time, as the in-memory writer does', () => {
    const want = dosStamp(workbookTimestamp(plan));
    for (const f of [streamed, inMemory]) {
      const times = entryTimes(readFileSync(f));
      expect(times.length).toBeGreaterThan(10);
      expect(new Set(times.map((t) => `${t.time}/${t.date}`))).toEqual(new Set([`${want.time}/${want.date}`]));
    }
  });

  it('is read by cchc itself as the district’s consolidated appendix, as the in-memory one', async () => {
    const [a, b] = await Promise.all([readReportFile(streamed), readReportFile(inMemory)]);
    expect(a.template.id).toBe('bnv2022-huyen');
    expect(a.unit).toBe(UNIT);
    expect([...a.values]).toEqual([...b.values]);
    expect(a.values.size).toBeGreaterThan(30);
  });
});

describe('the streamed file', () => {
  it('is the same bytes for the same plan', async () => {
    const again = file('lan-2.xlsx');
    await writeWorkbookFile(plan, again);
    expect(Buffer.compare(readFileSync(again), readFileSync(streamed))).toBe(0);
  });

  it('leaves no file, half or temporary, when writing fails in the last row', async () => {
    const broken = structuredClone(plan);
    const last = broken.sheets.find((s) => s.name === BREAKDOWN_SHEET)!.rows.at(-1)!;
    last.cells[0].style = 'không-có';
    const before = readdirSync(dir).sort();
    await expect(writeWorkbookFile(broken, file('hong.xlsx'))).rejects.toThrow(
      `Kế hoạch trang tính «${BREAKDOWN_SHEET}» dùng kiểu «không-có» không có`,
    );
    expect(existsSync(file('hong.xlsx'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('stopped by Ctrl-C while writing, removes its temporary file and ends with code 130', async () => {
    const target = file('dung-giua-chung.xlsx');
    const before = readdirSync(dir).sort();
    const listeners = process.listeners('SIGINT');
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as () => never);
    try {
      const writing = writeWorkbookFile(plan, target);
      const added = process.listeners('SIGINT').filter((l) => !listeners.includes(l));
      expect(added).toHaveLength(1);
      // Once the temporary file is there, the user presses Ctrl-C.
      while (!readdirSync(dir).some((f) => f.endsWith('.tmp'))) await new Promise((r) => setImmediate(r));
      (added[0] as (s: NodeJS.Signals) => void)('SIGINT');
      expect(exit).toHaveBeenCalledWith(130);
      expect(readdirSync(dir).sort()).toEqual(before);
      // (process.exit is a stub here, so the write goes on and fails for want of its file.)
      await writing.catch(() => undefined);
      expect(existsSync(target)).toBe(false);
      expect(readdirSync(dir).sort()).toEqual(before);
      expect(process.listeners('SIGINT')).toEqual(listeners);
    } finally {
      exit.mockRestore();
    }
  });

  it('refuses an existing file unless told to overwrite, and replaces a link instead of writing through it', async () => {
    const target = file('co-san.xlsx');
    writeFileSync(target, 'của người khác');
    const before = readdirSync(dir).sort();
    await expect(writeWorkbookFile(plan, target)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(target, 'utf8')).toBe('của người khác');
    expect(readdirSync(dir).sort()).toEqual(before);
    await writeWorkbookFile(plan, target, { overwrite: true });
    expect(Buffer.compare(readFileSync(target), readFileSync(streamed))).toBe(0);
    // A link at the output is replaced by the file; what it pointed to is left alone.
    const other = file('cua-nguoi-khac.txt');
    writeFileSync(other, 'của người khác');
    const link = file('lien-ket.xlsx');
    symlinkSync(other, link);
    await writeWorkbookFile(plan, link, { overwrite: true });
    expect(lstatSync(link).isSymbolicLink()).toBe(false);
    expect(readFileSync(other, 'utf8')).toBe('của người khác');
  });
});

/** The cells whose style carries quotePrefix="1", as [sheet name, address]. */
function quotePrefixed(parts: Record<string, Uint8Array>): [string, string][] {
  const styles = strFromU8(parts['xl/styles.xml']);
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1].match(/<xf [^>]*>/g)!;
  const prefixed = new Set(xfs.flatMap((xf, i) => (/quotePrefix="1"/.test(xf) ? [i] : [])));
  const workbook = strFromU8(parts['xl/workbook.xml']);
  const rels = strFromU8(parts['xl/_rels/workbook.xml.rels']);
  const out: [string, string][] = [];
  for (const m of workbook.matchAll(/<sheet [^>]*name="([^"]*)"[^>]*r:id="([^"]*)"/g)) {
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]*)"`).exec(rels)![1];
    const xml = strFromU8(parts[`xl/${target}`]);
    for (const c of xml.matchAll(/<c r="([A-Z]+\d+)"[^>]* s="(\d+)"/g))
      if (prefixed.has(Number(c[2]))) out.push([m[1], c[1]]);
  }
  return out;
}

/** The names of the worksheet element's children, in order. */
function topLevelElements(xml: string): string[] {
  const names: string[] = [];
  let depth = 0;
  for (const m of xml.matchAll(/<(\/?)([A-Za-z][\w:]*)[^>]*?(\/?)>/g)) {
    const [, close, name, selfClosing] = m;
    if (close) depth--;
    else {
      if (depth === 1) names.push(name);
      if (!selfClosing) depth++;
    }
  }
  return names.filter((n, i) => n !== names[i - 1]); // conditionalFormatting repeats
}

function dosStamp(when: Date): { time: number; date: number } {
  return {
    time: (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | (when.getUTCSeconds() >> 1),
    date: ((when.getUTCFullYear() - 1980) << 9) | ((when.getUTCMonth() + 1) << 5) | when.getUTCDate(),
  };
}

/** Each entry's time and date, from the central directory and from the local header it points to. */
function entryTimes(zip: Buffer): { time: number; date: number }[] {
  let end = zip.length - 22;
  while (zip.readUInt32LE(end) !== 0x06054b50) end--;
  const out: { time: number; date: number }[] = [];
  let p = zip.readUInt32LE(end + 16);
  for (let k = 0; k < zip.readUInt16LE(end + 10); k++) {
    out.push({ time: zip.readUInt16LE(p + 12), date: zip.readUInt16LE(p + 14) });
    const local = zip.readUInt32LE(p + 42);
    out.push({ time: zip.readUInt16LE(local + 10), date: zip.readUInt16LE(local + 12) });
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}
