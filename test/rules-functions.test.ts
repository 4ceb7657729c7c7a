/**
 * One definition per rule function (functions.ts): a ratio written either way round, and a ratio
 * over a zero denominator, mean the same thing to the checker, the workbook's formula and
 * consolidation.
 */
import { HyperFormula } from 'hyperformula';
import { consolidate, type ChildReport } from '../src/core/consolidate/engine';
import { computedFormula, computedRows } from '../src/core/layout/computed';
import { checkReport } from '../src/core/rules';
import { FUNCTIONS } from '../src/core/rules/functions';
import { chainById } from '../src/core/template/levels';
import { loadTemplate } from '../src/core/template/load';
import type { TemplateInput } from '../src/core/template/schema';
import { exact } from '../src/core/values';
import { readNumber } from '../src/core/number';

/** Seed 000's Biểu mẫu 3 row 3.3 (communes' dossiers on time), its ratio written `ratio(…) == X` or `X == ratio(…)`. */
function template(check: string): TemplateInput {
  return {
    id: 'bnv-slice',
    bnvReference: true,
    version: 't',
    name: 'BNV 2022 (phần)',
    levels: ['huyen', 'xa'],
    appendixLabel: 'Phụ lục 1',
    title: 'BIỂU MẪU {period}',
    forms: [
      {
        id: 'BM3',
        title: 'Biểu mẫu 3',
        name: 'Cải cách thủ tục hành chính',
        sheet: 'Biểu mẫu 3',
        rows: [
          {
            id: 'BM3:3.3',
            stt: '3.3.',
            label: 'Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hạn',
            unit: '%',
            kind: 'percent',
            consolidate: { huyen: 'recompute' },
          },
          {
            id: 'BM3:3.3.1',
            stt: '3.3.1.',
            label: 'Tổng số hồ sơ TTHC đã giải quyết xong',
            unit: 'Hồ sơ',
            kind: 'count',
            consolidate: { huyen: 'sum(xa.BM3:3.3.1)' },
          },
          {
            id: 'BM3:3.3.2',
            stt: '3.3.2.',
            label: 'Số hồ sơ TTHC giải quyết đúng hạn',
            unit: 'Hồ sơ',
            kind: 'count',
            consolidate: { huyen: 'sum(xa.BM3:3.3.2)' },
          },
        ],
        rules: [{ id: 'BM3.ratio.3.3', check }],
      },
    ],
  };
}

const WAYS = ['BM3:3.3 == ratio(BM3:3.3.2, BM3:3.3.1)', 'ratio(BM3:3.3.2, BM3:3.3.1) == BM3:3.3'];

const report = (t: ReturnType<typeof loadTemplate>, v: Record<string, string>) =>
  new Map(Object.entries(v).map(([id, s]) => [id, readNumber(s, t.rowsById.get(id)!.kind)]));

function consolidated(t: ReturnType<typeof loadTemplate>, communes: [number, number][]) {
  const children: ChildReport[] = communes.map(([done, onTime], i) => ({
    unit: `UBND xã ${i + 1}`,
    level: 'xa',
    template: t,
    values: new Map([
      ['BM3:3.3.1', exact(done)],
      ['BM3:3.3.2', exact(onTime)],
    ]),
  }));
  return consolidate({ template: t, level: 'huyen', chain: chainById('3cap'), unit: 'UBND huyện', children });
}

/** What the workbook's formula computes, evaluated by HyperFormula. */
function sheetValue(t: ReturnType<typeof loadTemplate>, done: number | null, onTime: number | null) {
  const c = computedRows(t, 'huyen').get('BM3:3.3')!;
  const addr: Record<string, string> = { 'BM3:3.3.1': 'A1', 'BM3:3.3.2': 'A2' };
  const hf = HyperFormula.buildFromArray(
    [[done ?? null], [onTime ?? null], [`=${computedFormula(c, (id) => addr[id])}`]],
    {
      licenseKey: 'gpl-v3',
    },
  );
  const v = hf.getCellValue({ sheet: 0, row: 2, col: 0 });
  hf.destroy();
  return v;
}

describe.each(WAYS)('a ratio written «%s»', (check) => {
  const t = loadTemplate(template(check));

  it('is checked: 97,74 for 1.213/1.213 is wrong, with 100 as the fix (seed 001)', () => {
    const fs = checkReport(t, 'huyen', report(t, { 'BM3:3.3': '97,74', 'BM3:3.3.1': '1.213', 'BM3:3.3.2': '1.213' }));
    expect(fs.map((f) => [f.rule, f.row, f.suggestion?.value])).toEqual([['BM3.ratio.3.3', 'BM3:3.3', 100]]);
    expect(fs[0].message).toContain('1.213/1.213 = 100%');
  });

  it('is computed by the workbook and recomputed by consolidation from the summed parts (1032/1038 = 99,42)', () => {
    expect(sheetValue(t, 1038, 1032)).toBe(99.42);
    expect(
      consolidated(t, [
        [398, 398],
        [420, 415],
        [220, 219],
      ]).values.get('BM3:3.3'),
    ).toMatchObject({
      value: 99.42,
      how: 'recompute',
    });
  });

  it('over a zero denominator has no value: the workbook and consolidation leave it empty, a typed 0 or blank passes, 5 fails', () => {
    expect(sheetValue(t, 0, 0)).toBe('');
    expect(
      consolidated(t, [
        [0, 0],
        [0, 0],
      ]).values.get('BM3:3.3')?.value,
    ).toBeNull();
    const zero = { 'BM3:3.3.1': '0', 'BM3:3.3.2': '0' };
    expect(checkReport(t, 'huyen', report(t, { ...zero, 'BM3:3.3': '0' }))).toEqual([]);
    expect(checkReport(t, 'huyen', report(t, zero))).toEqual([]);
    const fs = checkReport(t, 'huyen', report(t, { ...zero, 'BM3:3.3': '5' }));
    expect(fs.map((f) => [f.rule, f.suggestion?.value])).toEqual([['BM3.ratio.3.3', 0]]);
    expect(fs[0].message).toContain('mẫu số (dòng 3.3.1) bằng 0');
  });
});

describe('the function table', () => {
  it('gives every function allowed in checks as a number its value, interval form and wording', () => {
    for (const [name, f] of Object.entries(FUNCTIONS)) {
      if (f.check !== 'value') continue;
      expect([name, typeof f.evaluate, typeof f.interval, typeof f.words]).toEqual([
        name,
        'function',
        'function',
        'function',
      ]);
    }
  });

  it('inverts ratio, baseline_ratio, sum and max for localisation', () => {
    expect(FUNCTIONS.ratio.solve!(0, 96, [0, 25])).toBe(24);
    expect(FUNCTIONS.ratio.solve!(1, 50, [24, 0])).toBe(48);
    expect(FUNCTIONS.baseline_ratio.solve!(1, 10, [55, 0])).toBe(49.5);
    expect(FUNCTIONS.sum.solve!(0, 10, [0, 3, 4])).toBe(3);
    expect(FUNCTIONS.max.solve!(0, 376, [0, 295])).toBe(376);
    expect(FUNCTIONS.max.solve!(0, 200, [0, 295])).toBeUndefined();
  });
});
