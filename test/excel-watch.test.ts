/**
 * Check as you type against the simulated Excel host: the district appendix of seed 000 (UBND huyện
 * Kông Chro, 6 tháng đầu năm 2022) inserted by the add-in, its figures typed as a vi-VN official types
 * them; a change is read in at most two requests, the handler only reads, the findings follow the
 * edits, a suggestion applied by the add-in does not come back as a user edit, and inserted rows do
 * not confuse the reading.
 */
import { planWorkbook } from '../src/core/layout/plan';
import type { WorkbookPlan } from '../src/core/layout/types';
import { ruleFormulaHook } from '../src/core/rules';
import { getTemplate } from '../src/core/template/registry';
import { renderPlan } from '../src/excel/render';
import { CheckSession, checkAll } from '../src/taskpane/session';
import { createExcelSim, installOfficeGlobals, type ExcelSim } from './excel-sim';

const t = getTemplate('bnv2022-huyen');
let sim: ExcelSim;
let restore: (() => void) | undefined;
let plan: WorkbookPlan;
let session: CheckSession | undefined;

const at = (rowId: string) => {
  const r = plan.meta.rows.find((x) => x.rowId === rowId)!;
  return { sheet: r.sheet, address: r.address };
};
const rowNumber = (address: string) => Number(/\d+$/.exec(address)![0]);

/** Commands the host ran, by kind, from the moment `start` is called. */
function recordCommands(): { kinds: () => string[]; syncs: () => number } {
  const kinds: string[] = [];
  const before = sim.stats.syncs;
  const original = sim._execute.bind(sim);
  sim._execute = (ctx, ops) => {
    for (const op of ops) {
      const p = op.payload as Record<string, unknown> | null;
      kinds.push(
        p === null
          ? 'probe'
          : 'load' in p
            ? 'load'
            : 'set' in p
              ? `set ${String(p.set)}`
              : 'method' in p
                ? `call ${String(p.method)}`
                : 'other',
      );
    }
    return original(ctx, ops);
  };
  return { kinds: () => kinds, syncs: () => sim.stats.syncs - before };
}

/** The district's own figures of seed 000, typed as the official typed them. */
const OWN: [string, string][] = [
  ['BM1:1', '58'],
  ['BM1:2.1', '43'],
  ['BM1:2.2', '7'],
  ['BM3:1.4.2', '280'],
  ['BM3:1.4.3', '173'],
  ['BM3:1.4', '453'],
  ['BM3:3.2.1', '2.531'],
  ['BM3:3.2.2', '2.521'],
  ['BM7:5.2.2', '100'],
];

beforeEach(async () => {
  restore?.();
  sim = createExcelSim({ sheets: ['Sheet1'], locale: { decimalSeparator: ',', thousandsSeparator: '.' } });
  restore = installOfficeGlobals(sim);
  plan = planWorkbook(t, {
    level: 'huyen',
    period: '6T',
    year: 2022,
    unit: 'UBND huyện Kông Chro',
    ruleFormulas: ruleFormulaHook(t),
  });
  await renderPlan(plan);
  for (const [id, v] of OWN) expect(await sim.userEdit(at(id).sheet, at(id).address, v)).toEqual({ accepted: true });
  session = await CheckSession.open();
});
afterEach(async () => {
  await session?.close();
  session = undefined;
});
afterAll(() => restore?.());

describe('check as you type', () => {
  it('reads the report through its metadata and finds nothing wrong in the seed figures', () => {
    expect(session!.report.source).toBe('metadata');
    expect(session!.report.values.get('BM3:3.2.1')?.value).toBe(2531);
    expect(session!.report.values.get('BM3:3.2')?.value).toBe(99.6);
    expect(session!.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('a wrong percentage pasted into 5.2.2 → a finding with its suggestion, read in one request that only reads', async () => {
    const { sheet, address } = at('BM7:5.2.2');
    const rec = recordCommands();
    // Typed, Excel's own validation refuses it; pasted, it gets in — the add-in catches it.
    expect(await sim.userEdit(sheet, address, '150')).toMatchObject({ accepted: false, reason: 'validation' });
    expect(rec.syncs()).toBe(0);
    expect(await sim.userEdit(sheet, address, '150', { paste: true })).toEqual({ accepted: true });
    await session!.idle();
    expect(rec.syncs()).toBe(1);
    expect(session!.lastEventSyncs).toBe(1);
    expect(new Set(rec.kinds())).toEqual(new Set(['load']));
    const f = session!.findings.find((x) => x.row === 'BM7:5.2.2')!;
    expect(f).toMatchObject({
      severity: 'error',
      rule: 'domain:percent',
      suggestion: { row: 'BM7:5.2.2', value: 1.5 },
    });
    expect(f.message).toMatch(/5\.2\.2.*150/);
    expect(session!.cellOf('BM7:5.2.2')).toBe(`'${sheet}'!${address}`);
  });

  it('applying the suggestion fixes the cell, clears the finding, and does not come back as a user edit', async () => {
    const { sheet, address } = at('BM7:5.2.2');
    await sim.userEdit(sheet, address, '150', { paste: true });
    await session!.idle();
    const f = session!.findings.find((x) => x.row === 'BM7:5.2.2')!;
    let updates = 0;
    session!.subscribe(() => updates++);
    const rec = recordCommands();
    await session!.apply(f);
    await sim.settle();
    await session!.idle();
    expect(sim.cell(sheet, address).value).toBe(1.5);
    expect(session!.findings.find((x) => x.row === 'BM7:5.2.2')).toBeUndefined();
    // The write and a fresh read of the cell; no change event reached the checker.
    expect(rec.syncs()).toBe(2);
    expect(updates).toBe(1);
    expect(rec.kinds().filter((k) => k.startsWith('set'))).toEqual([
      'set enableEvents',
      'set values',
      'set enableEvents',
    ]);
  });

  it('a pasted block (no details) is read in one request, and the recalculated ratio with it', async () => {
    const a = at('BM3:3.2.1');
    const b = at('BM3:3.2.2');
    expect(rowNumber(b.address)).toBe(rowNumber(a.address) + 1);
    const rec = recordCommands();
    // 2.621 on time out of 2.531 resolved: a typo (should be 2.521).
    await sim.userEdit(a.sheet, `${a.address}:${b.address}`, [['2.531'], ['2.621']], { paste: true });
    await session!.idle();
    expect(rec.syncs()).toBe(1);
    expect(sim.cell(a.sheet, at('BM3:3.2').address).value).toBe(103.56);
    expect(session!.findings.find((x) => x.rule === 'BM3.le.3.2.2')).toMatchObject({
      severity: 'error',
      rows: ['BM3:3.2.2', 'BM3:3.2.1'],
    });
    expect(session!.findings.find((x) => x.rule === 'BM3.le.3.2.2')!.message).toMatch(/2\.621.*2\.531/);
    // The ratio the checker sees is Excel's recalculated one.
    expect(session!.findings.some((x) => x.rows.includes('BM3:3.2') && /103,56/.test(x.message))).toBe(true);
    await sim.userEdit(b.sheet, b.address, '2.521');
    await session!.idle();
    expect(session!.findings.filter((x) => x.rows.includes('BM3:3.2.2') && x.severity !== 'info')).toEqual([]);
  });

  it('a total typed as a formula is fixed through its parts, never overwritten with a figure', async () => {
    // The add-in's own ratios are formulas, and the checker knows it from the first read.
    expect(session!.report.values.get('BM3:3.2')).toMatchObject({
      value: 99.6,
      formula: expect.stringMatching(/^IF\(/),
    });
    // 1.4 typed as the sum of 1.4.2 and 1.4.3 plus a stray 10: 463, not 453.
    const total = at('BM3:1.4');
    const parts = [at('BM3:1.4.2').address, at('BM3:1.4.3').address];
    await sim.userEdit(total.sheet, total.address, `=${parts[0]}+${parts[1]}+10`);
    await session!.idle();
    expect(sim.cell(total.sheet, total.address).value).toBe(463);
    const broken = session!.findings.filter((f) => f.rows.includes('BM3:1.4') && f.severity !== 'info');
    expect(broken.length).toBeGreaterThan(0);
    // No finding offers to type a figure over the formula: «Sửa thành 453» would erase it.
    for (const f of session!.findings) expect(f.suggestion?.row).not.toBe('BM3:1.4');
  });

  it('still reads the right rows after the user inserts rows above the table', async () => {
    const { sheet, address } = at('BM7:5.2.2');
    const rec = recordCommands();
    await sim.userInsertRows(sheet, '5:7');
    await session!.idle();
    expect(rec.syncs()).toBe(1);
    const moved = `D${rowNumber(address) + 3}`;
    expect(session!.cellOf('BM7:5.2.2')).toBe(`'${sheet}'!${moved}`);
    await sim.userEdit(sheet, moved, '150', { paste: true });
    await session!.idle();
    expect(rec.syncs()).toBe(2);
    expect(session!.findings.find((x) => x.row === 'BM7:5.2.2')).toMatchObject({ suggestion: { value: 1.5 } });
    // The cell that moved into the old address is no longer 5.2.2's.
    await sim.userEdit(sheet, address, '7', { paste: true });
    await session!.idle();
    expect(session!.findings.find((x) => x.row === 'BM7:5.2.2')).toBeDefined();
  });

  it('costs nothing for an edit outside the figures (a note)', async () => {
    const { sheet, address } = at('BM3:3.2.1');
    const rec = recordCommands();
    await sim.userEdit(sheet, address.replace('D', 'E'), 'Số liệu từ phần mềm một cửa');
    await session!.idle();
    expect(rec.syncs()).toBe(0);
  });

  it('ignores a change the add-in itself made even with events on (triggerSource, ExcelApi 1.14)', async () => {
    const { sheet, address } = at('BM7:5.2.2');
    let updates = 0;
    session!.subscribe(() => updates++);
    const rec = recordCommands();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(sheet).getRange(address).values = [[150]];
      await ctx.sync();
    });
    await sim.settle();
    await session!.idle();
    expect(sim.changeLog.at(-1)).toMatchObject({ address, triggerSource: 'ThisLocalAddin' });
    expect(rec.syncs()).toBe(1);
    expect(updates).toBe(0);
  });

  it('checking everything (final) counts the rows this level must fill in that are still empty', async () => {
    session = await checkAll(session);
    expect(session.mode).toBe('final');
    const missing = session.findings.filter((f) => f.rule === 'missing');
    expect(missing.length).toBeGreaterThan(20);
    expect(session.missingCount).toBe(missing.length);
    expect(missing.some((f) => f.row === 'BM3:3.2.1')).toBe(false);
    const { sheet, address } = at('BM3:2.1');
    expect(missing.some((f) => f.row === 'BM3:2.1')).toBe(true);
    await sim.userEdit(sheet, address, '150');
    await session.idle();
    expect(session.findings.some((f) => f.rule === 'missing' && f.row === 'BM3:2.1')).toBe(false);
    expect(session.missingCount).toBe(missing.length - 1);
  });
});

describe('a workbook typed by hand (no cchc metadata)', () => {
  /** A fresh workbook holding one form typed by hand (no names, no metadata) on a sheet named by its id, open in the pane. */
  async function handTyped(formId: string): Promise<CheckSession> {
    await session?.close();
    session = undefined;
    restore?.();
    sim = createExcelSim({ sheets: [formId], locale: { decimalSeparator: ',', thousandsSeparator: '.' } });
    restore = installOfficeGlobals(sim);
    const form = t.forms.find((f) => f.id === formId)!;
    const rows = [
      [form.title, '', '', '', ''],
      ['STT', 'Chỉ tiêu thống kê', 'Đơn vị tính', 'Số liệu', 'Ghi chú'],
      ...form.rows.map((r) => [r.stt, r.label, r.unit, '', r.note ?? '']),
    ];
    sim.seed(formId, `A1:E${rows.length}`, rows);
    return CheckSession.open();
  }

  it('a ratio noted «(72/104)» offers its second reading, and applying it fixes the other cell', async () => {
    session = await handTyped('BM7');
    const addr = (id: string) => session!.cellOf(id)!.split('!')[1];
    // Seed 000's 7.4: 69,2 % typed with «(72/104)» beside it, while 7.4.1 says 2.934.
    await sim.userEdit('BM7', addr('BM7:7.4.1'), '2.934');
    await sim.userEdit('BM7', addr('BM7:7.4.2'), '72');
    await sim.userEdit('BM7', addr('BM7:7.4'), '69,2 (72/104)');
    await session.idle();
    const f = session.findings.find((x) => x.rule === 'BM7.ratio.7.4')!;
    expect(f.suggestion).toMatchObject({ row: 'BM7:7.4', value: 2.45 });
    expect(f.alternatives).toEqual([expect.objectContaining({ row: 'BM7:7.4.1', value: 104 })]);
    await session.apply(f, f.alternatives![0]);
    await sim.settle();
    await session.idle();
    expect(sim.cell('BM7', addr('BM7:7.4.1')).value).toBe(104);
    expect(sim.cell('BM7', addr('BM7:7.4')).value).toBe('69,2 (72/104)');
    expect(session.findings.find((x) => x.rule === 'BM7.ratio.7.4')).toBeUndefined();
  });

  it('is recognised from its used range, and edits are read at the recognised cells', async () => {
    session = await handTyped('BM3');
    expect(session.report.source).toBe('recognised');
    const cell = session.cellOf('BM3:3.2.1')!;
    expect(cell).toMatch(/^'BM3'!D\d+$/);
    const address = cell.split('!')[1];
    const next = `D${rowNumber(address) + 1}`;
    await sim.userEdit('BM3', address, '2.531');
    await sim.userEdit('BM3', next, '2.621');
    await session.idle();
    expect(session.findings.some((f) => f.rows.includes('BM3:3.2.2') && f.severity === 'error')).toBe(true);
    // Rows inserted: the map follows without asking Excel.
    const rec = recordCommands();
    await sim.userInsertRows('BM3', '1:2');
    await session.idle();
    expect(rec.syncs()).toBe(0);
    expect(session.cellOf('BM3:3.2.2')).toBe(`'BM3'!D${rowNumber(next) + 2}`);
  });
});
