/**
 * Which cell is wrong and what it should hold: Fellegi–Holt weights, typo repairs that satisfy
 * every rule touching the cell, the slips officials actually make, and ambiguous readings.
 */
import { checkReport } from '../src/core/rules';
import { typoVariants } from '../src/core/rules/localize';
import { exact, type NumberReading } from '../src/core/values';
import { mini, on, reading, typed } from './rules-fixtures';

const t = mini();

describe('weights: the cheapest change that satisfies every rule touching it', () => {
  it('a typed percentage is changed before either count (001 1.2: 60% with 24/25)', () => {
    const [f] = on(
      checkReport(t, 'huyen', typed(t, { 'BM1:2': '60', 'BM1:2.1': '25', 'BM1:2.2': '24' })),
      'BM1.ratio.2',
    );
    expect(f.row).toBe('BM1:2');
    expect(f.rows).toEqual(['BM1:2', 'BM1:2.2', 'BM1:2.1']);
    expect(f.suggestion).toEqual({ row: 'BM1:2', value: 96, reason: '24/25 = 96%' });
  });

  it('a total is changed before a part when nothing points at the part', () => {
    const [f] = on(
      checkReport(t, 'huyen', typed(t, { 'BM3:1.4': '450', 'BM3:1.4.2': '280', 'BM3:1.4.3': '173' })),
      'BM3.sum.1.4',
    );
    expect(f.suggestion).toEqual({ row: 'BM3:1.4', value: 453, reason: '0 + 280 + 173 = 453' });
  });

  it('one cell that explains two violated rules is blamed by both (5.221 typed for 2.521)', () => {
    const fs = checkReport(t, 'huyen', typed(t, { 'BM3:3.2': '99,6', 'BM3:3.2.1': '2.531', 'BM3:3.2.2': '5.221' }));
    const ratio = on(fs, 'BM3.ratio.3.2')[0];
    const bound = on(fs, 'BM3.le.3.2.2')[0];
    // 5221/2531 = 206% cannot be a percentage: the count is the one to fix.
    expect(ratio.suggestion).toMatchObject({ row: 'BM3:3.2.2', value: 2521 });
    expect(bound.suggestion).toMatchObject({ row: 'BM3:3.2.2', value: 2521 });
    expect(ratio.suggestion!.reason).toBe('có thể gõ đảo hai chữ số (5.221 → 2.521)');
  });

  it('without a unique typo, a count is solved for when the percentage cannot move', () => {
    // 2.621 for 2.521 — but 2.531 → 2.631 would fit too: no typo evidence, the rule is solved.
    const fs = checkReport(t, 'huyen', typed(t, { 'BM3:3.2': '99,6', 'BM3:3.2.1': '2.531', 'BM3:3.2.2': '2.621' }));
    const ratio = on(fs, 'BM3.ratio.3.2')[0];
    expect(ratio.row).not.toBe('BM3:3.2');
    expect(ratio.suggestion!.reason).not.toMatch(/gõ/);
  });
});

describe('typos (deductive::correct_typos): one digit inserted, deleted, replaced, or two swapped', () => {
  it('lists the variants of a number', () => {
    const v = new Map(typoVariants(820).map((x) => [x.value, x.evidence]));
    expect(v.get(280)).toBe('typo-swap');
    expect(v.get(802)).toBe('typo-swap');
    expect(v.get(82)).toBe('typo-delete');
    expect(v.get(8200)).toBe('typo-insert');
    expect(v.get(120)).toBe('typo-replace');
    expect(v.has(821)).toBe(false); // the last digit: one edit reaches every neighbour
    expect(typoVariants(55).map((x) => x.value)).toEqual([]); // 2 equal digits: nothing
    expect(typoVariants(25).map((x) => x.value)).toEqual([52]);
  });

  it('a part with swapped digits is fixed rather than the total (280 typed as 820)', () => {
    const [f] = on(
      checkReport(t, 'huyen', typed(t, { 'BM3:1.4': '453', 'BM3:1.4.2': '820', 'BM3:1.4.3': '173' })),
      'BM3.sum.1.4',
    );
    expect(f.row).toBe('BM3:1.4.2');
    expect(f.suggestion).toEqual({ row: 'BM3:1.4.2', value: 280, reason: 'có thể gõ đảo hai chữ số (820 → 280)' });
  });

  it('two typos that would each do count for nothing', () => {
    // 2.531 > 2.521: 2.511 and 2.541 are both one replaced digit away; neither is evidence.
    const [f] = on(checkReport(t, 'huyen', typed(t, { 'BM3:3.2.1': '2.521', 'BM3:3.2.2': '2.531' })), 'BM3.le.3.2.2');
    expect(f.suggestion!.reason).not.toMatch(/gõ nhầm/);
  });

  it('a percentage is never "typo-fixed": the counts decide it (003 PL2 2: 30 → 31,25, not 31)', () => {
    const [f] = on(
      checkReport(t, 'huyen', typed(t, { 'BM1:2': '30', 'BM1:2.1': '32', 'BM1:2.2': '10' })),
      'BM1.ratio.2',
    );
    expect(f.suggestion).toMatchObject({ row: 'BM1:2', value: 31.25 });
  });
});

describe('the slips officials actually make', () => {
  it('a thousands dot read as a decimal point in a count (2.531 → 2531)', () => {
    const dotted: NumberReading = { value: 2.531, raw: '2.531', decimals: 3, alternatives: [], flags: ['decimal-dot'] };
    const values = typed(t, { 'BM3:3.2': '99,6', 'BM3:3.2.2': '2.521' });
    values.set('BM3:3.2.1', dotted);
    const fs = checkReport(t, 'huyen', values);
    const count = on(fs, 'domain:count', 'BM3:3.2.1')[0];
    expect(count.suggestion).toMatchObject({ row: 'BM3:3.2.1', value: 2531 });
    expect(count.suggestion!.reason).toContain('phân cách hàng nghìn');
    const ratio = on(fs, 'BM3.ratio.3.2')[0];
    expect(ratio.suggestion).toMatchObject({ row: 'BM3:3.2.1', value: 2531 });
  });

  it('a percentage typed as a fraction (0,996 → 99,6): read as 99,6 and reported on its cell', () => {
    const values = typed(t, { 'BM3:3.2.1': '2.531', 'BM3:3.2.2': '2.521' });
    values.set('BM3:3.2', exact(0.996, 3));
    const fs = checkReport(t, 'huyen', values);
    expect(on(fs, 'BM3.ratio.3.2')).toEqual([]);
    expect(on(fs, 'habit:fraction', 'BM3:3.2')[0].suggestion).toMatchObject({ row: 'BM3:3.2', value: 99.6 });
  });

  it('a percentage typed as a fraction that the counts do not support: the ratio finding says so', () => {
    const values = typed(t, { 'BM3:3.2.1': '2.531', 'BM3:3.2.2': '2.000' });
    values.set('BM3:3.2', exact(0.996, 3));
    const [f] = on(checkReport(t, 'huyen', values), 'BM3.ratio.3.2');
    expect(f.suggestion).toMatchObject({ row: 'BM3:3.2', value: 79.02 });
  });

  it('a count typed into the % row (001 7.4.3: 55 with 2/55 → 3,64)', () => {
    const [f] = on(
      checkReport(t, 'huyen', typed(t, { 'BM1:2': '55', 'BM1:2.1': '55', 'BM1:2.2': '2' })),
      'BM1.ratio.2',
    );
    expect(f.suggestion).toMatchObject({ row: 'BM1:2', value: 3.64 });
    expect(f.suggestion!.reason).toBe('ô tỷ lệ đang ghi số lượng (55) thay vì tỷ lệ; 2/55 = 3,64%');
  });

  it('a % cell Excel stored ×100 (9960 for 99,6)', () => {
    const values = typed(t, { 'BM3:3.2.1': '2.531', 'BM3:3.2.2': '2.521' });
    values.set('BM3:3.2', { value: 9960, raw: '9960', decimals: 0, alternatives: [], flags: ['excel-percent'] });
    const fs = checkReport(t, 'huyen', values);
    expect(on(fs, 'domain:percent', 'BM3:3.2')[0].suggestion).toMatchObject({ value: 99.6 });
    expect(on(fs, 'BM3.ratio.3.2')[0].suggestion).toMatchObject({ row: 'BM3:3.2', value: 99.6 });
  });
});

describe('ambiguous readings: the one that fits is used, and said so', () => {
  it('a stored 0,996 in a % row without % format: read as 99,6 because that fits 2.521/2.531', () => {
    const values = typed(t, { 'BM3:3.2': 0.996, 'BM3:3.2.1': '2.531', 'BM3:3.2.2': '2.521' });
    expect(values.get('BM3:3.2')!.alternatives).toContain(99.6);
    const fs = checkReport(t, 'huyen', values);
    expect(on(fs, 'BM3.ratio.3.2')).toEqual([]);
    const [info] = on(fs, 'habit:fraction', 'BM3:3.2');
    expect(info.severity).toBe('warning');
    expect(info.suggestion).toMatchObject({ row: 'BM3:3.2', value: 99.6, reason: 'ghi 99,6' });
    expect(info.message).toContain('ô ghi 0,996 ở dòng tỷ lệ phần trăm');
  });

  it('money with a comma: 14,436 read as 14436 because 14436/32780 = 44%', () => {
    const values = typed(t, { 'BM6:1': '44', 'BM6:1.1': '32780', 'BM6:1.2': '14,436' });
    const fs = checkReport(t, 'huyen', values);
    expect(on(fs, 'BM6.ratio.1')).toEqual([]);
    const [h] = on(fs, 'habit:thousands', 'BM6:1.2');
    expect(h.suggestion).toMatchObject({ value: 14436, reason: 'ghi 14436' });
    expect(h.message).toContain('ô ghi «14,436»; đọc dấu «,» là dấu phân cách hàng nghìn thì được 14.436');
  });

  it('two ambiguous cells that could each be the other reading: neither is switched, the rule says which', () => {
    // 32.780 (32780 or 32,78) and 14,436 (14,436 or 14436): either pair of readings fits.
    const fs = checkReport(t, 'huyen', typed(t, { 'BM6:1': '44', 'BM6:1.1': '32.780', 'BM6:1.2': '14,436' }));
    expect(on(fs, 'reading')).toEqual([]);
    const [f] = on(fs, 'BM6.ratio.1');
    expect(f.suggestion!.reason).toMatch(/^đọc «(32\.780|14,436)» là/);
  });

  it('keeps the first reading when it fits, and when no reading fits reports the rule', () => {
    expect(checkReport(t, 'huyen', typed(t, { 'BM6:1': '44', 'BM6:1.1': '32.780', 'BM6:1.2': '14.436' }))).toEqual([]);
    const fs = checkReport(t, 'huyen', typed(t, { 'BM6:1': '90', 'BM6:1.1': '32.780', 'BM6:1.2': '14,436' }));
    expect(on(fs, 'reading')).toEqual([]);
    expect(on(fs, 'BM6.ratio.1')).toHaveLength(1);
  });

  it('reading helper reads like the add-in', () => {
    expect(reading(t, 'BM3:3.2.1', '2.531').value).toBe(2531);
  });
});
