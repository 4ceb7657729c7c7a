/**
 * How `cchc consolidate` reads its children: each reduced to what consolidation keeps (its values,
 * the cells they came from, the rows its findings flag), in worker threads when there are many
 * files. The reduced children must consolidate exactly as the full reports do, and the workers
 * must give what reading in one thread gives, in input order, unreadable files included.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { consolidateFiles } from '../src/cli/cmd-consolidate';
import { readChild, readChildren } from '../src/cli/read-children';
import { consolidate, type ConsolidationResult } from '../src/core/consolidate/engine';
import { COLUMNS, planWorkbook } from '../src/core/layout';
import { childFromWire, childToWire, toChildReport } from '../src/core/recognise';
import { checkReport } from '../src/core/rules';
import { chainById } from '../src/core/template/levels';
import { builtinTemplates, getTemplate } from '../src/core/template/registry';
import { readReportFile } from '../src/io/read-report-file';
import { writeWorkbookBuffer } from '../src/io/xlsx-write';
import { buildHandmade } from './helpers/handmade';
import { loadSeed } from './helpers/seeds';

const huyenT = getTemplate('bnv2022-huyen');
const tinhT = getTemplate('bnv2022-tinh');
const chain = chainById('2cap');

/** A commune's workbook made by the writer (as `cchc new`), its figures typed in. */
async function commune(unit: string, figures: Record<string, number>): Promise<Buffer> {
  const plan = planWorkbook(huyenT, {
    level: 'xa',
    period: '6T',
    year: 2025,
    unit,
    reportNo: '12/BC-UBND',
    date: '10/06/2025',
  });
  for (const loc of plan.meta.rows) {
    if (!(loc.rowId in figures)) continue;
    const r = Number(/\d+$/.exec(loc.address)![0]);
    const cell = plan.sheets
      .find((s) => s.name === loc.sheet)!
      .rows.find((x) => x.r === r)!
      .cells.find((c) => c.col === COLUMNS.value.col)!;
    cell.value = figures[loc.rowId];
  }
  return writeWorkbookBuffer(plan);
}

let dir: string;
let files: string[];
const roster = ['UBND xã Ia Ka', 'UBND xã Ia Pết', 'UBND xã Cẩm Hưng', 'UBND xã Ia Nan', 'UBND xã Chưa Nộp'];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cchc-read-children-'));
  // Phụ lục 1B of UBND xã Cẩm Hưng, for the same period as the others.
  const typed = await buildHandmade(
    { ...loadSeed('001'), period: '6 tháng đầu năm 2025' },
    { layout: 'single-table', habit: 'vn-text', titles: 'split' },
  );
  const parts: [string, Uint8Array][] = [
    [
      'ia-ka.xlsx',
      await commune('UBND xã Ia Ka', { 'BM3:3.3.1': 1200, 'BM3:3.3.2': 1190, 'BM2:1.3': 1, 'BM7:5.1.3': 1 }),
    ],
    ['hong.xlsx', new Uint8Array(Buffer.from('không phải tệp Excel'))],
    [
      'ia-pet.xlsx',
      await commune('UBND xã Ia Pết', { 'BM3:3.3.1': 800, 'BM3:3.3.2': 750, 'BM2:1.3': 0, 'BM7:5.1.3': 2 }),
    ],
    ['cam-hung.xlsx', typed.bytes],
    // Sent twice: the later file replaces the first.
    ['ia-nan.xlsx', await commune('UBND xã Ia Nan', { 'BM3:3.3.1': 10, 'BM3:3.3.2': 9 })],
    [
      'ia-nan-lan-2.xlsx',
      await commune('UBND xã Ia Nan', { 'BM3:3.3.1': 500, 'BM3:3.3.2': 480, 'BM3:3.4.1': 5, 'BM3:3.4.2': 9 }),
    ],
  ];
  files = parts.map(([name, bytes]) => {
    const f = path.join(dir, name);
    writeFileSync(f, bytes);
    return f;
  });
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (workers: number) =>
  consolidateFiles({
    template: tinhT,
    level: 'tinh',
    unit: 'UBND tỉnh Gia Lai',
    period: '6T',
    year: 2025,
    chain,
    files,
    roster,
    workers,
  });

/** What the output shows of a consolidation: figures with their provenance, and the status sheet. */
function shown(r: ConsolidationResult) {
  return {
    values: [...r.values].map(([id, v]) => [
      id,
      v.value,
      v.how,
      v.from.filter((p) => p.value !== null).map((p) => [p.unit, p.file, p.cell, p.value]),
    ]),
    units: r.units,
    missing: r.missing,
    findings: r.findings,
    flagged: r.used.map((c) => [
      c.unit,
      (c.findings ?? [])
        .filter((f) => f.severity !== 'info')
        .flatMap((f) => f.rows)
        .sort(),
    ]),
  };
}

test('reduced children consolidate exactly as the full reports', async () => {
  const reduced = await run(0);
  expect(reduced.unreadable).toEqual([{ file: 'hong.xlsx', message: expect.stringContaining('hong.xlsx') }]);
  const full = [];
  for (const f of files.filter((x) => !x.endsWith('hong.xlsx'))) {
    const r = await readReportFile(f);
    full.push(
      toChildReport({ ...r, file: path.basename(f) }, checkReport(r.template, r.level!, r.values, { mode: 'final' })),
    );
  }
  const direct = consolidate({
    template: tinhT,
    level: 'tinh',
    chain,
    unit: 'UBND tỉnh Gia Lai',
    period: '6T',
    year: 2025,
    children: full,
    roster,
  });
  expect(shown(reduced.result)).toEqual(shown(direct));
  // The figures themselves: communes summed (Ia Nan's second report), the 1B commune translated.
  expect(reduced.result.values.get('BM3:3.3.1')?.value).toBe(
    1200 + 800 + 500 + (direct.values.get('BM3:3.3.1')!.from.find((p) => p.unit === 'UBND xã Cẩm Hưng')?.value ?? 0),
  );
  expect(reduced.result.missing).toEqual(['UBND xã Chưa Nộp']);
  expect(reduced.result.units.find((u) => u.file === 'ia-nan.xlsx')?.status).toBe('replaced');
  // Nothing but numbers is kept of a reading, and only the cells of rows that hold one.
  const child = reduced.result.used.find((c) => c.unit === 'UBND xã Ia Pết')!;
  expect([...child.cells!.keys()].sort()).toEqual([...child.values.keys()].sort());
  expect(child.values.get('BM3:3.3.2')).toMatchObject({ value: 750, raw: '', alternatives: [], flags: [] });
});

test('worker threads read the same children, in input order', async () => {
  const one = await run(0);
  const two = await run(2);
  expect(shown(two.result)).toEqual(shown(one.result));
  expect(two.unreadable).toEqual(one.unreadable);
  expect(two.result.used.map((c) => c.file)).toEqual([
    'ia-ka.xlsx',
    'ia-pet.xlsx',
    'cam-hung.xlsx',
    'ia-nan-lan-2.xlsx',
  ]);
}, 60_000);

test('threads added once the first has taken its first file up read the same children', async () => {
  const one = await readChildren(files, { workers: 0 });
  const staged = await readChildren(files, { plan: { now: 1, more: () => 1 } });
  expect(staged.threads).toBe(2);
  const kept = (r: typeof one) => r.children.map((c) => [c.file, c.unit, [...c.values]]);
  expect(kept(staged)).toEqual(kept(one));
  expect(staged.unreadable).toEqual(one.unreadable);
}, 60_000);

test('a child read in a thread arrives as it was read, its values in the template order', () => {
  const children = files.flatMap((f) => {
    const o = readChild(f);
    return 'child' in o ? [o.child] : [];
  });
  expect(children).toHaveLength(5);
  // A figure read through a habit, and a finding naming a row the template does not have.
  const typed = children[2];
  typed.findings = [
    ...(typed.findings ?? []),
    { severity: 'warning', rows: ['BM3:3.3.1'], habit: { kind: 'thousands', held: '2,531', value: 2531 } },
    { severity: 'error', rows: ['BM3:3.3.2', 'không-có'] },
  ];
  // A sheet name with a line feed and quotes (a crafted file) comes back as it was.
  const odd = children[3];
  odd.cells = new Map([...odd.cells!].map(([id, cell], i) => [id, i === 0 ? `'Tờ\n"lạ"'!D5` : cell]));
  for (const c of children) {
    const back = childFromWire(structuredClone(childToWire(c)), builtinTemplates());
    expect(back).toEqual(c);
    expect([...back.values.keys()]).toEqual([...c.values.keys()]);
    expect([...back.cells!.keys()]).toEqual([...c.cells!.keys()]);
  }
  // Two communes typed from one blank, the same rows filled: one map of their cells, kept once.
  expect(children[1].cells).toBe(children[0].cells);
  const order = [...children[0].template.rowsById.keys()];
  const ids = [...children[0].values.keys()];
  expect(ids).toEqual(order.filter((id) => ids.includes(id)));
});
