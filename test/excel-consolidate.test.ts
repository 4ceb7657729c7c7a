/**
 * "Tổng hợp" against the simulated host: the district's own appendix is in the open workbook, three
 * communes' .xlsx files are read (the worker's job, run in-process here), and the consolidated
 * appendix, the per-unit breakdown and the submission status are written into the workbook in a
 * constant number of requests.
 */
import { BREAKDOWN_SHEET, STATUS_SHEET, planConsolidatedWorkbook } from '../src/core/consolidate/output-plan';
import { consolidate, type ChildReport } from '../src/core/consolidate/engine';
import { chainById } from '../src/core/template/levels';
import { exact } from '../src/core/values';
import { planWorkbook } from '../src/core/layout/plan';
import type { WorkbookPlan } from '../src/core/layout/types';
import { getTemplate } from '../src/core/template/registry';
import { ClashError, readCurrentReport, renderPlan, writeConsolidation } from '../src/excel';
import { runConsolidation, type ConsolidateRequest, type FileProgress } from '../src/taskpane/consolidate-job';
import { ConsolidationError } from '../src/core/consolidate/pipeline';
import { readReport } from '../src/io/read-report';
import { COMMUNES, EXCLUDED, FULL_ROSTER, MISSING_UNIT, ROSTER, communeWorkbook } from './e2e/fixtures';
import { createExcelSim, installOfficeGlobals, type ExcelSim } from './excel-sim';
import { saveSimWorkbook } from './helpers/sim-save';

const t = getTemplate('bnv2022-huyen');
let sim: ExcelSim;
let restore: (() => void) | undefined;
let own: WorkbookPlan;
let files: { name: string; bytes: Uint8Array }[];

beforeAll(async () => {
  files = await Promise.all(
    COMMUNES.map(async (c) => ({ name: c.file, bytes: new Uint8Array(await communeWorkbook(c)) })),
  );
});
afterAll(() => restore?.());

async function districtWorkbook(): Promise<void> {
  restore?.();
  sim = createExcelSim({ sheets: ['Sheet1'], locale: { decimalSeparator: ',', thousandsSeparator: '.' } });
  restore = installOfficeGlobals(sim);
  own = planWorkbook(t, { level: 'huyen', period: '6T', year: 2022, unit: 'UBND huyện Kông Chro' });
  await renderPlan(own);
  const cell = (id: string) => own.meta.rows.find((r) => r.rowId === id)!;
  for (const [id, v] of [
    ['BM1:1', '58'],
    ['BM3:1.4.2', '280'],
    ['BM3:3.2.1', '2.531'],
    ['BM3:3.2.2', '2.521'],
    ['BM3:3.4.1', '3'],
    ['BM3:3.4.2', '3'],
  ]) {
    await sim.userEdit(cell(id).sheet, cell(id).address, v);
  }
}

async function request(children: typeof files, roster = ROSTER): Promise<ConsolidateRequest> {
  const { report } = await readCurrentReport();
  return {
    files: children,
    templateId: report.template.id,
    level: report.level!,
    period: report.period!,
    year: report.year!,
    unit: report.unit!,
    own: {
      values: report.values,
      cells: report.cells,
      file: 'Book1.xlsx',
      unit: report.unit!,
      level: report.level!,
      period: report.period!,
      year: report.year!,
    },
    roster,
  };
}

describe('consolidating three communes into the district workbook', () => {
  const progress: FileProgress[] = [];
  let syncs = 0;
  beforeAll(async () => {
    await districtWorkbook();
    const job = runConsolidation(await request(files), (p) => progress.push(p));
    sim.resetStats();
    const r = await writeConsolidation(job.plan);
    syncs = sim.stats.syncs;
    expect(r.syncs).toBe(syncs);
  });

  it('reports progress for each file and reads each commune with its level and error count', () => {
    const done = progress.filter((p) => p.state === 'done');
    expect(done.map((p) => [p.file, p.unit, p.levelName, p.progress])).toEqual(
      COMMUNES.map((c) => [c.file, c.unit, 'Cấp xã', 1]),
    );
    expect(progress.filter((p) => p.state === 'reading').length).toBeGreaterThanOrEqual(3);
  });

  it('writes the consolidated appendix next to the district’s own forms, which stay as they were', () => {
    expect(sim.sheetNames).toEqual([
      'Sheet1',
      ...own.sheets.map((s) => s.name),
      ...own.sheets.filter((s) => s.state === 'visible').map((s) => `TH ${s.name}`),
      BREAKDOWN_SHEET,
      STATUS_SHEET,
    ]);
    const loc = (id: string) => own.meta.rows.find((r) => r.rowId === id)!;
    // Communes' dossiers summed; the district's own 3.2 ratio recomputed from its own counts.
    expect(sim.cell(`TH ${loc('BM3:3.3.1').sheet}`, loc('BM3:3.3.1').address).value).toBe(5102);
    expect(sim.cell(`TH ${loc('BM3:3.3.2').sheet}`, loc('BM3:3.3.2').address).value).toBe(5090);
    expect(sim.cell(`TH ${loc('BM3:3.3').sheet}`, loc('BM3:3.3').address).value).toBe(99.76);
    expect(sim.cell(`TH ${loc('BM3:3.2').sheet}`, loc('BM3:3.2').address).value).toBe(99.6);
    // PAKN: the district's own 3 plus the communes' 3.
    expect(sim.cell(`TH ${loc('BM3:3.4.1').sheet}`, loc('BM3:3.4.1').address).value).toBe(6);
    // The own appendix keeps its figures and its metadata.
    expect(sim.cell(loc('BM3:3.3.1').sheet, loc('BM3:3.3.1').address).value).toBe('');
    expect(sim.nameAddress('CCHC_BM3__3_3_1')).toBe(
      `'${loc('BM3:3.3.1').sheet}'!$D$${/\d+$/.exec(loc('BM3:3.3.1').address)![0]}`,
    );
  });

  it('lists who reported and the unit that did not', () => {
    const rows = sim.values(STATUS_SHEET, 'A4:I7');
    expect(rows.map((r) => [r[1], r[3]])).toEqual([
      ['UBND xã Đăk Kơ Ning', 'Đã nộp'],
      ['UBND xã Sró', 'Đã nộp'],
      ['UBND xã Chơ Long', 'Đã nộp'],
      [MISSING_UNIT, 'Chưa nộp'],
    ]);
    expect(sim.values(STATUS_SHEET, 'A2:A2')[0][0]).toBe(
      'Đã nhận 3 báo cáo được tổng hợp; còn 1 đơn vị chưa nộp (trên 4 đơn vị).',
    );
  });

  it('traces each figure per commune in the breakdown sheet', () => {
    const [header, files] = sim.values(BREAKDOWN_SHEET, 'A3:K4');
    expect(header).toEqual([
      'Biểu',
      'STT',
      'Chỉ tiêu',
      'Đơn vị tính',
      'Cách tổng hợp',
      'Ô đọc trong báo cáo',
      'Của đơn vị',
      ...COMMUNES.map((c) => c.unit),
      'Tổng hợp',
    ]);
    // Under each commune, the file its figures were read from.
    expect(files.slice(7, 10)).toEqual(COMMUNES.map((c) => c.file));
  });

  it('used a constant number of requests: one look at the workbook, one write', () => {
    expect(syncs).toBe(2);
  });

  it('asks before writing a second consolidation over the first, and replaces it when told', async () => {
    const job = runConsolidation(await request(files.slice(0, 2)));
    const err = await writeConsolidation(job.plan).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClashError);
    expect((err as ClashError).clash.sheets).toEqual(
      expect.arrayContaining([STATUS_SHEET, BREAKDOWN_SHEET, 'TH Biểu mẫu 1']),
    );
    expect(sim.values(STATUS_SHEET, 'B7:D7')[0]).toEqual([MISSING_UNIT, '', 'Chưa nộp']);
    sim.resetStats();
    await writeConsolidation(job.plan, { onClash: 'replace' });
    expect(sim.stats.syncs).toBe(2);
    expect(sim.sheetNames.filter((s) => s === STATUS_SHEET)).toHaveLength(1);
    expect(sim.values(STATUS_SHEET, 'B6:D7')).toEqual([
      ['Xã Chơ Long', '', 'Chưa nộp'],
      [MISSING_UNIT, '', 'Chưa nộp'],
    ]);
  });
});

describe('the number of requests does not grow with the number of files', () => {
  it('writes the consolidation of one commune and of three in the same two requests', async () => {
    const counts: number[] = [];
    for (const children of [files.slice(0, 1), files]) {
      await districtWorkbook();
      const job = runConsolidation(await request(children));
      sim.resetStats();
      await writeConsolidation(job.plan);
      counts.push(sim.stats.syncs);
    }
    expect(counts).toEqual([2, 2]);
  });

  it('says which file could not be read and consolidates the others', async () => {
    await districtWorkbook();
    const job = runConsolidation(
      await request([
        ...files.slice(0, 2),
        { name: 'bao-cao-hong.xlsx', bytes: new Uint8Array([80, 75, 3, 4, 1, 2, 3]) },
      ]),
    );
    expect(job.problems).toEqual([{ file: 'bao-cao-hong.xlsx', message: expect.stringMatching(/bao-cao-hong\.xlsx/) }]);
    expect(job.units.map((u) => u.unit)).toEqual(COMMUNES.slice(0, 2).map((c) => c.unit));
  });
});

describe('reports the district must not sum in, through the task pane’s job', () => {
  let bad: { name: string; bytes: Uint8Array }[];
  beforeAll(async () => {
    bad = await Promise.all(
      EXCLUDED.map(async (c) => ({ name: c.file, bytes: new Uint8Array(await communeWorkbook(c)) })),
    );
  });

  it('lists a Quý I report, last year’s report and a blank table, each with why, and sums the others alone', async () => {
    await districtWorkbook();
    const job = runConsolidation(await request([...files, ...bad], FULL_ROSTER));
    const alone = runConsolidation(await request(files, FULL_ROSTER));
    expect(job.units.map((u) => [u.file, u.status])).toEqual([
      ...COMMUNES.map((c) => [c.file, 'received']),
      ...EXCLUDED.map((c) => [c.file, c.status]),
    ]);
    expect(job.units.find((u) => u.file === 'xa-yang-trung-quy-1.xlsx')?.reason).toBe(
      'Báo cáo Quý I năm 2022, cần 6 tháng đầu năm 2022',
    );
    expect(job.units.find((u) => u.file === 'xa-kong-yang-2021.xlsx')?.reason).toBe(
      'Báo cáo 6 tháng đầu năm 2021, cần 6 tháng đầu năm 2022',
    );
    expect(job.missing).toEqual([MISSING_UNIT]);
    expect(job.headline).toBe(
      'Đã nhận 3 báo cáo được tổng hợp; 3 tệp không được tổng hợp (sai kỳ báo cáo: 2; báo cáo trống: 1); còn 1 đơn vị chưa nộp (trên 7 đơn vị).',
    );
    // The appendix is the good communes' alone: the same plan cell by cell.
    const valuesOf = (plan: typeof job.plan) =>
      plan.sheets
        .filter((x) => x.state === 'visible' && x.name.startsWith('Biểu'))
        .map((x) => x.rows.map((r) => r.cells.map((c) => c.value)));
    expect(valuesOf(job.plan)).toEqual(valuesOf(alone.plan));
    await writeConsolidation(job.plan);
    const rows = sim.values(STATUS_SHEET, 'B4:J9');
    expect(rows.map((r) => [r[0], r[2], r[5]])).toEqual([
      ['UBND xã Đăk Kơ Ning', 'Đã nộp', '6 tháng đầu năm 2022'],
      ['UBND xã Sró', 'Đã nộp', '6 tháng đầu năm 2022'],
      ['UBND xã Chơ Long', 'Đã nộp', '6 tháng đầu năm 2022'],
      ['UBND xã Yang Trung', 'Không tổng hợp: sai kỳ báo cáo', 'Quý I năm 2022'],
      ['UBND xã Kông Yang', 'Không tổng hợp: sai kỳ báo cáo', '6 tháng đầu năm 2021'],
      ['UBND xã Ya Ma', 'Không tổng hợp: báo cáo trống', '6 tháng đầu năm 2022'],
    ]);
  });

  it('refuses the open workbook’s figures as another unit’s own, unless confirmed', async () => {
    await districtWorkbook();
    const req = { ...(await request(files)), unit: 'UBND huyện Đak Pơ' };
    let err: unknown;
    try {
      runConsolidation(req);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConsolidationError);
    expect((err as ConsolidationError).code).toBe('own-mismatch');
    expect((err as Error).message).toMatch(
      /Số liệu của đơn vị \(tệp «Book1\.xlsx»\) là của «UBND huyện Kông Chro», không phải của «UBND huyện Đak Pơ»/,
    );
    const confirmed = runConsolidation({ ...req, acceptOwn: true });
    expect(confirmed.findings.map((f) => f.rule)).toContain('consolidate:own-confirmed');
  });
});

describe('the district’s workbook, saved and sent up, is read by the province through its metadata', () => {
  it('consolidates communes in Excel, saves, and consolidates that workbook as a district', async () => {
    await districtWorkbook();
    await writeConsolidation(runConsolidation(await request(files)).plan);
    // The district's own forms are still what the task pane reads and checks.
    const mine = await readCurrentReport();
    expect(mine.report.values.get('BM3:3.3.1')).toBeUndefined();
    expect(mine.report.values.get('BM3:3.4.1')?.value).toBe(3);

    const saved = await saveSimWorkbook(sim);
    const sent = readReport(saved, { fileName: 'kong-chro-6t-2022.xlsx' });
    expect(sent).toMatchObject({
      source: 'metadata',
      unit: 'UBND huyện Kông Chro',
      level: 'huyen',
      period: '6T',
      year: 2022,
    });
    expect(sent.values.get('BM3:3.3.1')?.value).toBe(5102);
    expect(sent.values.get('BM3:3.4.1')?.value).toBe(6); // own 3 + the communes' 3
    expect(sent.cells.get('BM3:3.3.1')).toMatch(/^'TH Biểu mẫu 3'!D\d+$/);
    expect(sent.warnings[0].message).toMatch(
      /^Sổ tính có phụ lục tổng hợp \(trang «TH Biểu mẫu 1», «TH Biểu mẫu 2», «TH Biểu mẫu 3», …\): đọc phụ lục tổng hợp/,
    );

    const province = runConsolidation({
      files: [{ name: 'kong-chro-6t-2022.xlsx', bytes: saved }],
      templateId: 'bnv2022-tinh',
      level: 'tinh',
      period: '6T',
      year: 2022,
      unit: 'UBND tỉnh Gia Lai',
    });
    expect(province.units).toEqual([
      expect.objectContaining({ unit: 'UBND huyện Kông Chro', level: 'huyen', status: 'received' }),
    ]);
    expect(province.problems).toEqual([]);
    const loc = province.plan.meta.rows.find((r) => r.rowId === 'BM3:3.3.1')!;
    const row = province.plan.sheets
      .find((x) => x.name === loc.sheet)!
      .rows.find((x) => x.r === Number(/\d+$/.exec(loc.address)![0]))!;
    expect(row.cells.find((c) => c.col === 4)?.value).toBe(5102);
  });
});

describe('the breakdown of many units, written by the add-in', () => {
  it('shows and prints the grid, several pages across with form, STT and indicator repeated', async () => {
    restore?.();
    sim = createExcelSim({ sheets: ['Sheet1'] });
    restore = installOfficeGlobals(sim);
    const values = (k: number) =>
      new Map([
        ['BM3:3.3.1', exact(100 + k)],
        ['BM3:3.3.2', exact(90 + k)],
      ]);
    const children: ChildReport[] = Array.from({ length: 20 }, (_, k) => ({
      unit: `UBND xã Số ${k + 1}`,
      level: 'xa',
      template: t,
      values: values(k),
      file: `xa-${k + 1}.xlsx`,
      cells: new Map([
        ['BM3:3.3.1', "'Biểu mẫu 3'!D28"],
        ['BM3:3.3.2', "'Biểu mẫu 3'!D29"],
      ]),
      period: '6T',
      year: 2022,
    }));
    const plan = { level: 'huyen' as const, period: '6T' as const, year: 2022, unit: 'UBND huyện Kông Chro' };
    const result = consolidate({ template: t, level: 'huyen', chain: chainById('3cap'), unit: plan.unit, children });
    await writeConsolidation(planConsolidatedWorkbook({ template: t, plan, result }));
    const s = sim.sheet(BREAKDOWN_SHEET);
    expect(s.showGridlines).toBe(true);
    expect(s.page).toMatchObject({ printGridlines: true, zoom: { horizontalFitToPages: 3, verticalFitToPages: 0 } });
    expect(s.page.printTitleColumns).toMatchObject({ c0: 0, c1: 2 });
    expect(s.page.printTitleRows).toMatchObject({ r0: 2, r1: 3 });
  });
});
