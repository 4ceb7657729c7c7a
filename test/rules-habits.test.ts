/**
 * Habit fixes are findings on their cells (issue 9, point 6): a figure read through a typing habit
 * is used as meant *and* reported on its cell with the value to write, so «Sửa thành» repairs the
 * stored value and a person reading the file is not misled.
 */
import { readReport } from '../src/io/read-report';
import { checkReport, createChecker } from '../src/core/rules';
import { habitOf } from '../src/core/rules/habits';
import { readNumber } from '../src/core/number';
import type { Finding } from '../src/core/findings';
import { buildHandmade } from './helpers/handmade';
import { loadSeed } from './helpers/seeds';
import { reading, seedReport } from './rules-fixtures';

const habits = (fs: Finding[]) => fs.filter((f) => f.rule.startsWith('habit:'));

describe('seed 000 saved by an en-US Excel (typed «2.531» stored as the number 2,531)', () => {
  let fs: Finding[];
  let cells: ReadonlyMap<string, string>;
  beforeAll(async () => {
    const hm = await buildHandmade(loadSeed('000'), { layout: 'sheet-per-form', habit: 'en-us' });
    const r = readReport(hm.bytes, { fileName: 'kong-chro-en-us.xlsx', level: 'huyen' });
    expect(r.template.id).toBe('bnv2022-huyen');
    cells = r.cells;
    fs = checkReport(r.template, 'huyen', r.values);
  });

  it('reads 2.531 and 2.521 as counts, so 99,6% for 2.521/2.531 passes', () => {
    expect(fs.filter((f) => f.rule === 'BM3.ratio.3.2')).toEqual([]);
  });

  it('reports each count stored as a decimal on its cell, with the count to write', () => {
    const h = habits(fs);
    const f = h.find((x) => x.row === 'BM3:3.2.1')!;
    expect(f).toMatchObject({
      severity: 'warning',
      rule: 'habit:thousands',
      suggestion: { row: 'BM3:3.2.1', value: 2531, reason: 'ghi 2531' },
      habit: { kind: 'thousands', held: 2.531, value: 2531 },
    });
    expect(f.message).toContain('ô lưu số thập phân 2,531');
    expect(f.message).toContain('Ghi lại 2531');
    expect(cells.get('BM3:3.2.1')).toMatch(/^'Biểu mẫu 3'!D\d+$/);
    expect(h.find((x) => x.row === 'BM3:3.2.2')?.suggestion?.value).toBe(2521);
    // Every habit finding is a count (or money) whose stored decimal ×1000 is the figure read.
    for (const x of h) expect(x.habit!.value).toBe(Math.round((x.habit!.held as number) * 1000));
  });

  it('keeps reporting the seed inconsistencies (BM2 3.2, BM7 7.4, 7.5, 8.5)', () => {
    const ratios = fs.filter((f) => /\.ratio\./.test(f.rule)).map((f) => f.rule);
    expect(ratios.sort()).toEqual(['BM2.ratio.3.2', 'BM7.ratio.7.4', 'BM7.ratio.7.5', 'BM7.ratio.8.5']);
  });
});

describe('0,996 typed in a % row', () => {
  const { t, values, level } = seedReport('bnv2022-huyen');
  const v = new Map(values);
  v.set('BM3:3.2', reading(t, 'BM3:3.2', '0,996'));

  it('is read as 99,6 because 2.521/2.531 = 99,6%, and reported on its cell with «ghi 99,6»', () => {
    const fs = checkReport(t, level, v);
    expect(fs.filter((f) => f.rule === 'BM3.ratio.3.2')).toEqual([]);
    expect(habits(fs)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        rule: 'habit:fraction',
        row: 'BM3:3.2',
        suggestion: { row: 'BM3:3.2', value: 99.6, reason: 'ghi 99,6' },
      }),
    ]);
    expect(habits(fs)[0].message).toContain('0,996 là dạng phân số của 99,6%');
  });

  it('the incremental checker reports it and drops it once 99,6 is written', () => {
    const c = createChecker(t, level, values);
    expect(habits(c.update(new Map([['BM3:3.2', reading(t, 'BM3:3.2', '0,996')]])).added)).toHaveLength(1);
    const u = c.update(new Map([['BM3:3.2', reading(t, 'BM3:3.2', '99,6')]]));
    expect(habits(u.removed)).toHaveLength(1);
    expect(habits(u.findings)).toEqual([]);
  });

  it('a fraction that the rules do not support stays as typed (0,5% may be meant)', () => {
    const w = new Map(values);
    w.set('BM3:3.2', reading(t, 'BM3:3.2', '0,5'));
    const fs = checkReport(t, level, w);
    expect(habits(fs)).toEqual([]);
    expect(fs.find((f) => f.rule === 'BM3.ratio.3.2')?.suggestion?.value).toBe(99.6);
  });
});

describe('habitOf, for the breakdown sheet', () => {
  it('says which readings went through a habit and which did not', () => {
    const { t } = seedReport('bnv2022-huyen');
    const row = t.rowsById.get('BM3:3.2.1')!;
    expect(habitOf(row, readNumber({ value: 2.531 }, 'count'))).toEqual({
      kind: 'thousands',
      held: 2.531,
      value: 2531,
    });
    expect(habitOf(row, readNumber('2.531', 'count'))).toBeUndefined(); // typed text: a person reads 2.531 right
    expect(habitOf(row, readNumber({ value: 2531 }, 'count'))).toBeUndefined();
  });
});
