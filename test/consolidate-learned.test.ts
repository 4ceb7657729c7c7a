/**
 * The add-in's consolidation (consolidate-job, run in its web worker) with templates the workbook
 * carries: children of a learned template are read through it and consolidated with its default
 * recipes; a child that fits no template is left out with the reason.
 */
import { learnTemplate } from '../src/core/learn';
import { readGrid } from '../src/io/read-grid';
import { runConsolidation } from '../src/taskpane/consolidate-job';
import { buildHandmade } from './helpers/handmade';
import { buildNewForm, rowOf } from './helpers/new-form';
import { loadSeed } from './helpers/seeds';

test('children of a learned template are read through it and consolidated with its default recipes', async () => {
  const def = learnTemplate(readGrid(await buildNewForm({ filled: false })), {
    id: 'noi-vu',
    levels: ['so', 'tinh'],
  }).template;
  const a = await buildNewForm({ filled: true, unit: 'Sở Tư pháp tỉnh An Giang' });
  const b = await buildNewForm({
    filled: true,
    unit: 'Sở Y tế tỉnh An Giang',
    override: new Map([[rowOf('III', '2'), { value: 49.5 }]]),
  });
  const stranger = (await buildHandmade(loadSeed('001'), { layout: 'single-table', habit: 'vn-text' })).bytes;
  const progress: string[] = [];
  const r = runConsolidation(
    {
      files: [
        { name: 'so-tu-phap.xlsx', bytes: a },
        { name: 'so-y-te.xlsx', bytes: b },
        { name: 'khac.xlsx', bytes: new Uint8Array(stranger) },
      ],
      templateId: 'noi-vu',
      templateDefs: [JSON.parse(JSON.stringify(def))],
      level: 'tinh',
      period: 'N',
      year: 2025,
      unit: 'UBND tỉnh An Giang',
    },
    (p) => progress.push(`${p.file} ${p.state}`),
  );
  // The 1B commune report fits pl1b well: it is read rather than refused as unreadable, then left out
  // because it is the 6-month report of 2022, not the 2025 annual one.
  expect(r.problems).toEqual([]);
  expect(r.units.map((u) => [u.file, u.level, u.status])).toEqual([
    ['so-tu-phap.xlsx', 'so', 'received'],
    ['so-y-te.xlsx', 'so', 'received'],
    ['khac.xlsx', 'xa', 'wrong-period'],
  ]);
  const th = r.plan.sheets.find((s) => s.state === 'visible')!;
  const cellsWith = (label: string) =>
    th.rows.find((row) => row.cells.some((c) => c.value === label))!.cells.map((c) => c.value);
  expect(cellsWith('Kinh phí chỉnh lý tài liệu lưu trữ')).toContain(400);
  expect(cellsWith('Tổng số cơ quan chuyên môn thuộc UBND tỉnh')).toContain(36);
});

test('a child that fits no known template is left out with the reason', async () => {
  const r = runConsolidation({
    files: [{ name: 'la.xlsx', bytes: await buildNewForm({ filled: true }) }],
    templateId: 'pl2024',
    level: 'huyen',
    period: 'Q1',
    year: 2024,
    unit: 'UBND huyện Quảng Điền',
  });
  expect(r.problems).toEqual([
    {
      file: 'la.xlsx',
      message: expect.stringMatching(/^Tệp «la\.xlsx» không khớp mẫu phụ lục nào có sẵn .*không đưa vào tổng hợp/),
    },
  ]);
});
