/**
 * Inserting templates through Office.js (src/excel/render.ts) into the simulated Excel host: the
 * workbook ends up as the sheet plan says (the plan `cchc new` writes with ExcelJS), in a constant
 * number of requests, under the request-size limit, and without overwriting anything silently.
 */
import { planWorkbook } from '../src/core/layout/plan';
import { META_SHEET, parseMetaMatrix } from '../src/core/layout/names';
import type { PlanOptions, WorkbookPlan } from '../src/core/layout/types';
import { ruleFormulaHook } from '../src/core/rules';
import { getTemplate } from '../src/core/template/registry';
import { ClashError, renderPlan } from '../src/excel/render';
import { hostProblem } from '../src/excel/requirements';
import { createExcelSim, installOfficeGlobals, type ExcelSim } from './excel-sim';

const KONG_CHRO: Omit<PlanOptions, 'ruleFormulas'> = {
  level: 'huyen',
  period: '6T',
  year: 2022,
  unit: 'UBND huyện Kông Chro',
  reportNo: '371/BC-UBND',
  date: '10/06/2022',
};

function bnvPlan(): WorkbookPlan {
  const t = getTemplate('bnv2022-huyen');
  return planWorkbook(t, { ...KONG_CHRO, ruleFormulas: ruleFormulaHook(t) });
}
function pl1bPlan(): WorkbookPlan {
  const t = getTemplate('pl1b');
  return planWorkbook(t, {
    level: 'xa',
    period: '6T',
    year: 2022,
    unit: 'UBND xã Cẩm Hưng',
    ruleFormulas: ruleFormulaHook(t),
  });
}

let sim: ExcelSim;
let restore: (() => void) | undefined;
function newSim(opts: Parameters<typeof createExcelSim>[0] = {}): ExcelSim {
  restore?.();
  sim = createExcelSim({ sheets: ['Sheet1'], locale: { decimalSeparator: ',', thousandsSeparator: '.' }, ...opts });
  restore = installOfficeGlobals(sim);
  return sim;
}
afterAll(() => restore?.());

const colLetter = (c: number) => String.fromCharCode(64 + c);

/** Every cell, merge, validation, conditional format, name and protection setting of the plan, checked in the workbook. */
function expectWorkbookMatchesPlan(plan: WorkbookPlan, renamed: Record<string, string> = {}): void {
  const rename = (s: string) => renamed[s] ?? s;
  const refs = (f: string) => Object.entries(renamed).reduce((x, [a, b]) => x.split(`'${a}'!`).join(`'${b}'!`), f);
  for (const s of plan.sheets) {
    const name = rename(s.name);
    const model = sim.sheet(name);
    for (const row of s.rows) {
      for (const c of row.cells) {
        const at = `${colLetter(c.col)}${row.r}`;
        const view = sim.cell(name, at);
        if (c.formula !== undefined) expect([at, view.formula]).toEqual([at, `=${refs(c.formula)}`]);
        else
          expect([at, view.value]).toEqual([
            at,
            s.name === META_SHEET && typeof c.value === 'string' ? rename(c.value) : (c.value ?? ''),
          ]);
        const st = plan.styles[c.style];
        expect([at, view.locked]).toEqual([at, st.locked]);
        expect([at, view.format.fontName, view.format.fontSize, !!view.format.bold]).toEqual([
          at,
          st.font.name,
          st.font.size,
          !!st.font.bold,
        ]);
        if (st.numFmt) expect([at, view.format.numberFormat]).toEqual([at, st.numFmt]);
        if (st.fill) expect([at, view.format.fill]).toEqual([at, `#${st.fill}`]);
        if (st.border)
          expect([at, view.format.borders?.EdgeTop?.style, view.format.borders?.EdgeLeft?.style]).toEqual([
            at,
            'Continuous',
            'Continuous',
          ]);
      }
      if (row.height !== undefined) expect(sim.rowHeight(name, row.r)).toBe(row.height);
    }
    for (const m of s.merges) expect(sim.cell(name, m.split(':')[1]).mergedArea).toBe(m);
    for (const v of s.validations) {
      const top = v.range.split(':')[0];
      const dv = sim.cell(name, top).validation!;
      expect(dv).toBeDefined();
      expect(Object.keys(dv.rule!)[0]).toBe(
        { whole: 'wholeNumber', decimal: 'decimal', list: 'list', custom: 'custom' }[v.type],
      );
      expect(dv.errorAlert).toMatchObject({
        showAlert: true,
        title: v.errorTitle,
        message: v.error,
        style: { stop: 'Stop', warning: 'Warning', information: 'Information' }[v.errorStyle],
      });
    }
    expect(model.condFormats).toHaveLength(s.conditionalFormats.length);
    // Conditional formats keep the plan's order (the first has the highest priority).
    expect(model.condFormats.map((cf) => cf.formula)).toEqual(s.conditionalFormats.map((cf) => `=${refs(cf.formula)}`));
    expect(model.visibility).toBe(s.state === 'veryHidden' ? 'VeryHidden' : 'Visible');
    expect(model.freeze.rows).toBe(s.state === 'visible' ? s.frozenRows : 0);
    expect(model.protection.protected).toBe(!!s.protection?.enabled);
    if (s.protection?.enabled)
      expect(model.protection.options).toMatchObject({
        allowInsertRows: true,
        allowFormatColumns: true,
        allowFormatRows: true,
        allowDeleteRows: false,
      });
  }
  for (const n of plan.names)
    expect([n.name, sim.nameAddress(n.name)]).toEqual([n.name, `'${rename(n.sheet)}'!${n.address}`]);
}

describe('inserting the BNV 2022 district appendix (seven forms)', () => {
  let plan: WorkbookPlan;
  /** Change events a handler listening on every sheet received while the add-in wrote. */
  const heard: string[] = [];
  let heardWhileWriting: string[] = [];
  beforeAll(async () => {
    newSim();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.onChanged.add(async (e) => void heard.push(`${e.worksheetId} ${e.address}`));
      await ctx.sync();
    });
    plan = bnvPlan();
    await renderPlan(plan);
    await sim.settle();
    heardWhileWriting = [...heard];
  });

  it('adds the seven forms and the very hidden metadata sheet after the existing sheet', () => {
    expect(sim.sheetNames).toEqual(['Sheet1', ...plan.sheets.map((s) => s.name)]);
    expect(plan.sheets.map((s) => s.name)).toEqual([
      'Biểu mẫu 1',
      'Biểu mẫu 2',
      'Biểu mẫu 3',
      'Biểu mẫu 4',
      'Biểu mẫu 5',
      'Biểu mẫu 6',
      'Biểu mẫu 7',
      META_SHEET,
    ]);
  });

  it('writes every cell, style, merge, validation, conditional format, name and protection of the plan', () => {
    expectWorkbookMatchesPlan(plan);
  });

  it('keeps texts Excel would turn into numbers or dates as text (STT "1.", the report date)', () => {
    expect(sim.cell('Biểu mẫu 1', 'A10')).toMatchObject({ value: '1.', valueType: 'String' });
    const meta = parseMetaMatrix(sim.values(META_SHEET, 'A1:G210'));
    expect(meta).toEqual(plan.meta);
    expect(meta.date).toBe('10/06/2022');
  });

  it('computes the ratio rows from their parts as the user types them (vi-VN: 2.531 and 2.521 → 99,6)', async () => {
    const at = (id: string) => plan.meta.rows.find((r) => r.rowId === id)!.address;
    expect(await sim.userEdit('Biểu mẫu 3', at('BM3:3.2.1'), '2.531')).toEqual({ accepted: true });
    await sim.userEdit('Biểu mẫu 3', at('BM3:3.2.2'), '2.521');
    expect(sim.cell('Biểu mẫu 3', at('BM3:3.2'))).toMatchObject({ value: 99.6, locked: true });
    // The percentage of a ratio row is locked: typing over it is refused.
    expect(await sim.userEdit('Biểu mẫu 3', at('BM3:3.2'), '100')).toEqual({ accepted: false, reason: 'protected' });
    // A typed percentage above 100 is refused by the native validation (Stop).
    expect(await sim.userEdit('Biểu mẫu 7', at('BM7:5.2.2'), '996')).toMatchObject({
      accepted: false,
      reason: 'validation',
    });
  });

  it('sets up printing on A4 with the header rows repeated (ExcelApi 1.9 present)', () => {
    const s = plan.sheets[2];
    const page = sim.sheet(s.name).page;
    expect(page).toMatchObject({
      paperSize: 'A4',
      orientation: 'Portrait',
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      centerHorizontally: true,
    });
    const [a, b] = s.print!.printTitlesRow!.split(':').map(Number);
    expect([page.printTitleRows!.r0 + 1, page.printTitleRows!.r1 + 1]).toEqual([a, b]);
    expect(page.leftMargin).toBeCloseTo(1.18 * 72, 1);
    expect(page.headersFooters.centerFooter).toBe('&"Times New Roman"&11&P');
  });

  it('raised no change event while writing (events are off while the add-in writes)', () => {
    expect(sim.changeLog.filter((e) => e.triggerSource === 'ThisLocalAddin').length).toBeGreaterThan(0);
    expect(heardWhileWriting).toEqual([]);
    expect(sim.warnings).toEqual([]);
  });
});

describe('the number of requests does not grow with rows or sheets', () => {
  it('inserts one sheet (1B) and seven sheets (BNV 2022) in the same two requests', async () => {
    newSim();
    const one = await renderPlan(pl1bPlan());
    const oneStats = { ...sim.stats };
    newSim();
    const seven = await renderPlan(bnvPlan());
    expect(oneStats.syncs).toBe(2);
    expect(sim.stats.syncs).toBe(2);
    expect([one.syncs, seven.syncs]).toEqual([2, 2]);
    expect(sim.stats.runs).toBe(1);
    // One look at the workbook (2 loads), then everything in one request well under 5 MB.
    expect(sim.stats.opsPerSync[0]).toBe(2);
    expect(sim.stats.requestBytes[1]).toBeLessThan(2 * 1024 * 1024);
  });
});

describe('Excel on the web request limit', () => {
  it('splits the writes into requests under a small limit when told the budget, with the same result', async () => {
    const plan = bnvPlan();
    newSim({ requestLimitBytes: 200_000 });
    const r = await renderPlan(plan, { requestBudgetBytes: 200_000 });
    expect(r.batches).toBeGreaterThan(3);
    expect(sim.stats.syncs).toBe(1 + r.batches);
    expect(Math.max(...sim.stats.requestBytes)).toBeLessThanOrEqual(200_000);
    expectWorkbookMatchesPlan(plan);
  });

  it('splits a request Excel refuses as too large and sends it again (nothing of it was applied)', async () => {
    const plan = bnvPlan();
    newSim({ requestLimitBytes: 300_000 });
    const r = await renderPlan(plan);
    expect(r.batches).toBe(1);
    const refused = sim.stats.requestBytes.filter((b) => b > 300_000);
    expect(refused.length).toBeGreaterThan(0);
    expect(sim.stats.syncs).toBeGreaterThan(2);
    expectWorkbookMatchesPlan(plan);
  });

  it('splits one sheet whose contents alone exceed the budget into row blocks', async () => {
    const plan = pl1bPlan();
    newSim({ requestLimitBytes: 40_000 });
    await renderPlan(plan, { requestBudgetBytes: 40_000 });
    expect(Math.max(...sim.stats.requestBytes)).toBeLessThanOrEqual(40_000);
    expectWorkbookMatchesPlan(plan);
  });
});

describe('sheets that already exist are never overwritten silently', () => {
  const userSheet = 'Biểu mẫu 3';
  beforeEach(() => {
    newSim({ sheets: ['Sheet1', userSheet] });
    sim.seed(userSheet, 'A1:B2', [
      ['Bảng của tôi', 'x'],
      ['Số hồ sơ', 2531],
    ]);
  });

  it('detects the clash and writes nothing (one request: the look at the workbook)', async () => {
    const err = await renderPlan(bnvPlan()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClashError);
    expect((err as ClashError).clash).toEqual({ sheets: [userSheet], hasReport: false });
    expect((err as ClashError).message).toMatch(/Sổ tính đã có trang tính «Biểu mẫu 3»/);
    expect(sim.sheetNames).toEqual(['Sheet1', userSheet]);
    expect(sim.values(userSheet, 'A1:B2')).toEqual([
      ['Bảng của tôi', 'x'],
      ['Số hồ sơ', 2531],
    ]);
    expect(sim.stats.syncs).toBe(1);
  });

  it('gives the new sheet a free name when asked, leaving the user’s sheet as it was', async () => {
    const plan = bnvPlan();
    const r = await renderPlan(plan, { onClash: 'rename' });
    expect(r.sheets).toContain('Biểu mẫu 3 (2)');
    expect(sim.values(userSheet, 'A1:B2')).toEqual([
      ['Bảng của tôi', 'x'],
      ['Số hồ sơ', 2531],
    ]);
    expectWorkbookMatchesPlan(plan, { [userSheet]: 'Biểu mẫu 3 (2)' });
    expect(parseMetaMatrix(sim.values(META_SHEET, 'A1:G210')).rows.find((x) => x.rowId === 'BM3:3.2')!.sheet).toBe(
      'Biểu mẫu 3 (2)',
    );
    expect(r.syncs).toBe(2);
  });

  it('replaces the user’s sheet when asked', async () => {
    const plan = bnvPlan();
    const r = await renderPlan(plan, { onClash: 'replace' });
    expect(r.removed).toEqual([userSheet]);
    expect(sim.sheetNames).toEqual(['Sheet1', ...plan.sheets.map((s) => s.name)]);
    expect(sim.cell(userSheet, 'A1').value).not.toBe('Bảng của tôi');
    expectWorkbookMatchesPlan(plan);
  });

  it('says so when the workbook already holds a report, and moves the metadata to the new forms', async () => {
    newSim();
    await renderPlan(pl1bPlan());
    const err = (await renderPlan(bnvPlan()).catch((e: unknown) => e)) as ClashError;
    expect(err.clash).toEqual({ sheets: [], hasReport: true });
    await renderPlan(bnvPlan(), { onClash: 'rename' });
    expect(sim.sheetNames.filter((s) => s === META_SHEET)).toHaveLength(1);
    expect(parseMetaMatrix(sim.values(META_SHEET, 'A1:G210')).templateId).toBe('bnv2022-huyen');
    expect(sim.nameAddress('CCHC_1B__1_2')).toBeUndefined();
    expect(sim.nameAddress('CCHC_BM3__3_2')).toMatch(/^'Biểu mẫu 3'!\$D\$\d+$/);
    expect(sim.sheetNames).toContain('Phụ lục 1B');
  });
});

describe('an older Excel (ExcelApi 1.8, the manifest minimum)', () => {
  it('inserts everything but page setup, and says what was left out', async () => {
    newSim({ maxApi: '1.8' });
    const plan = bnvPlan();
    const r = await renderPlan(plan);
    expect(r.leftOut).toEqual([expect.stringMatching(/thiết lập trang in .* ExcelApi 1\.9/)]);
    expect(sim.sheet('Biểu mẫu 1').page.paperSize).toBe('Letter');
    expect(r.syncs).toBe(2);
    expect(sim.cell('Biểu mẫu 3', 'A10').value).toBe(plan.sheets[2].rows.find((x) => x.r === 10)!.cells[0].value);
  });
});

describe('a host older than the manifest minimum', () => {
  it('is told apart (ExcelApi 1.7 lacks data validation and enableEvents) with a Vietnamese message', async () => {
    newSim({ maxApi: '1.7' });
    expect(hostProblem()).toMatch(/cần ExcelApi 1\.8 trở lên/);
    await expect(renderPlan(pl1bPlan())).rejects.toMatchObject({ code: 'ApiNotFound' });
    newSim({ maxApi: '1.8' });
    expect(hostProblem()).toBeUndefined();
  });
});

describe('text a unit sent, written by the add-in', () => {
  it('stays text when it starts like a formula (=, +, -, @), as in the workbook cchc writes', async () => {
    newSim();
    const p = bnvPlan();
    const sheet = p.sheets.find((s) => s.name === 'Biểu mẫu 1')!;
    // Text cells of the general format (labels): put there what a hostile or careless file could bring
    // (the consolidated workbook writes units' names, file names and notes in such cells).
    const texts = ['=1+1', '+2+3', '- Số văn bản', '@tên'];
    const cells = sheet.rows.flatMap((r) =>
      r.cells.filter((c) => typeof c.value === 'string' && !p.styles[c.style].numFmt).map((c) => ({ r: r.r, c })),
    );
    expect(cells.length).toBeGreaterThanOrEqual(texts.length);
    texts.forEach((t, i) => (cells[i].c.value = t));
    await renderPlan(p);
    texts.forEach((t, i) => {
      const view = sim.cell('Biểu mẫu 1', `${colLetter(cells[i].c.col)}${cells[i].r}`);
      // As formulas, the first two would hold 2 and 5.
      expect([view.value, view.valueType, view.format.numberFormat]).toEqual([t, 'String', '@']);
    });
  });
});
