/**
 * The checker on a small template transcribed from seed 000: honest tolerance of typed
 * percentages, zero denominators, empty cells, built-in checks (kind, text, applicability,
 * missing rows), Vietnamese messages with the arithmetic, and the cross-period check.
 */
import { checkAcrossPeriods, checkReport } from '../src/core/rules';
import { halfWidth, typedDecimals } from '../src/core/rules/tolerance';
import { mini, on, typed } from './rules-fixtures';

const t = mini();

/** The ratio rule's verdict for a typed percentage and two counts. */
function ratioFindings(p: string, done: string, planned: string) {
  return on(checkReport(t, 'huyen', typed(t, { 'BM1:2': p, 'BM1:2.2': done, 'BM1:2.1': planned })), 'BM1.ratio.2');
}

describe('tolerance: a percentage typed with d decimals stands for ±½·10^-d', () => {
  it.each([
    ['16.3', '7', '43', true, '000: 7/43 = 16,279…'],
    ['30', '10', '32', false, '003: 10/32 = 31,25'],
    ['60', '24', '25', false, '001: 24/25 = 96'],
    ['99,6', '2.521', '2.531', true, '000: 2.521/2.531 = 99,605…'],
    ['47,27', '26', '55', true, '004: 26/55 = 47,2727…'],
    ['0,94', '1', '106', true, '004: 1/106 = 0,943…'],
    ['100', '56', '81', false, '000: 56/81 = 69,14'],
    ['99,6%', '2.521', '2.531', true, 'with a % sign'],
    ['16,28', '7', '43', true, 'two decimals'],
    ['16,27', '7', '43', false, 'two decimals, off by one in the last'],
    ['16', '7', '43', true, 'no decimals'],
    ['17', '7', '43', false, 'no decimals, off by one'],
  ])('%s%% with %s/%s passes: %s (%s)', (p, done, planned, passes) => {
    expect(ratioFindings(p, done, planned).length === 0).toBe(passes);
  });

  it('a value exactly half-way is consistent with both roundings (1/8 = 12,5)', () => {
    expect(ratioFindings('12', '1', '8')).toEqual([]);
    expect(ratioFindings('13', '1', '8')).toEqual([]);
    expect(ratioFindings('11', '1', '8')).toHaveLength(1);
  });

  it('reads the precision from the value itself', () => {
    expect(typedDecimals(16.3)).toBe(1);
    expect(typedDecimals(100)).toBe(0);
    expect(typedDecimals(47.27)).toBe(2);
    expect(typedDecimals((7 * 100) / 43)).toBeUndefined();
    expect(halfWidth(0.94)).toBeCloseTo(0.005, 12);
    expect(halfWidth((7 * 100) / 43)).toBe(0);
  });

  it('a percentage computed to full precision (a formula result) passes, one a little off does not', () => {
    expect(ratioFindings(String((7 * 100) / 43), '7', '43')).toEqual([]);
    expect(ratioFindings('16.2800', '7', '43')).toEqual([]);
    expect(ratioFindings('16.2700', '7', '43')).toHaveLength(1);
  });

  it('sums of counts are exact, sums of money keep the parts’ rounding', () => {
    const sum = (total: string) =>
      on(
        checkReport(t, 'huyen', typed(t, { 'BM3:1.4': total, 'BM3:1.4.2': '280', 'BM3:1.4.3': '173' })),
        'BM3.sum.1.4',
      );
    expect(sum('453')).toEqual([]);
    expect(sum('454')).toHaveLength(1);
    // 14.436/32.780 triệu: 44,04% typed as 44 (000 Biểu mẫu 6).
    const money = (p: string, done: string, plan: string) =>
      on(checkReport(t, 'huyen', typed(t, { 'BM6:1': p, 'BM6:1.2': done, 'BM6:1.1': plan })), 'BM6.ratio.1');
    expect(money('44', '14.436', '32.780')).toEqual([]);
    // 0,26/1,54 = 16,88% typed with rounded money 0,3 and 1,5: within their rounding.
    expect(money('16,88', '0,3', '1,5')).toEqual([]);
    expect(money('30', '0,3', '1,5')).toHaveLength(1);
  });
});

describe('zero denominators and empty cells', () => {
  it('0% over 0/0 is right; 100% over 0 handled of 1 needing handling is wrong (000 BM2 3.2)', () => {
    const f = (p: string, done: string, need: string) =>
      on(checkReport(t, 'huyen', typed(t, { 'BM2:3.2': p, 'BM2:3.2.2': done, 'BM2:3.2.1': need })), 'BM2.ratio.3.2');
    expect(f('0', '0', '0')).toEqual([]);
    expect(f('100', '0', '1')).toHaveLength(1);
    const zeroDen = f('100', '0', '0');
    expect(zeroDen).toHaveLength(1);
    expect(zeroDen[0].message).toContain('bằng 0');
    expect(zeroDen[0].suggestion).toMatchObject({ row: 'BM2:3.2', value: 0 });
  });

  it('an empty percentage over a zero denominator raises nothing', () => {
    expect(checkReport(t, 'huyen', typed(t, { 'BM2:3.2.2': '0', 'BM2:3.2.1': '0' }))).toEqual([]);
  });

  it('skip: a half-typed ratio raises nothing; skip-if-all: empty cells count as 0 once one is typed', () => {
    expect(checkReport(t, 'huyen', typed(t, { 'BM1:2': '60', 'BM1:2.1': '25' }))).toEqual([]);
    expect(on(checkReport(t, 'huyen', typed(t, {})), 'BM3.sum.1.4')).toEqual([]);
    expect(on(checkReport(t, 'huyen', typed(t, { 'BM3:1.4': '453' })), 'BM3.sum.1.4')[0].message).toContain(
      '0 + 0 + 0 = 0',
    );
    const f = on(checkReport(t, 'huyen', typed(t, { 'BM3:1.4': '453', 'BM3:1.4.2': '280' })), 'BM3.sum.1.4');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('0 + 280 + 0 = 280');
  });

  it('a condition: no survey (6 = 0) means no ballots and no survey form', () => {
    const f = on(checkReport(t, 'huyen', typed(t, { 'BM1:6': '0', 'BM1:6.1': '450' })), 'BM1.if.6');
    expect(f).toHaveLength(1);
    expect(f[0].rows).toEqual(['BM1:6', 'BM1:6.1', 'BM1:6.2']);
    // 450 ballots say the survey took place: the code is the cheaper fix.
    expect(f[0].suggestion).toMatchObject({ row: 'BM1:6', value: 1 });
    expect(checkReport(t, 'huyen', typed(t, { 'BM1:6': '1', 'BM1:6.1': '450', 'BM1:6.2': '1' }))).toEqual([]);
    expect(checkReport(t, 'huyen', typed(t, { 'BM1:6': '0' }))).toEqual([]);
  });
});

describe('built-in checks of each row', () => {
  it('kinds: count ≥ 0 integer, money ≥ 0, percent 0–100, code in its legend, text named', () => {
    const fs = checkReport(
      t,
      'huyen',
      typed(t, { 'BM1:2.1': '2,5', 'BM6:1.1': -5, 'BM2:3.2': '120', 'BM1:6': '3', 'BM3:3.2.1': 'hai trăm' }),
    );
    expect(on(fs, 'domain:count', 'BM1:2.1')[0].severity).toBe('error');
    expect(on(fs, 'domain:money', 'BM6:1.1')).toHaveLength(1);
    expect(on(fs, 'domain:percent', 'BM2:3.2')[0].message).toContain('từ 0 đến 100');
    expect(on(fs, 'domain:code', 'BM1:6')[0].message).toContain('Có = 1; Không = 0');
    const text = on(fs, 'domain:number', 'BM3:3.2.1');
    expect(text).toHaveLength(1);
    expect(text[0].message).toContain('«hai trăm»');
  });

  it('a value in a row this level does not report is a warning (a 0 only a note); a heading with a value is a note', () => {
    const zero = checkReport(t, 'huyen', typed(t, { 'BM3:1.4.1': '0' }));
    expect(on(zero, 'applicability', 'BM3:1.4.1')[0].severity).toBe('info');
    const fs = checkReport(t, 'huyen', typed(t, { 'BM3:1.4.1': '12', 'BM2:3': '11' }));
    const a = on(fs, 'applicability', 'BM3:1.4.1');
    expect(a).toHaveLength(1);
    expect(a[0].severity).toBe('warning');
    expect(a[0].message).toMatch(/sở, ban, ngành báo cáo.*cấp huyện không báo/);
    expect(a[0].suggestion).toMatchObject({ value: null });
    expect(on(fs, 'applicability', 'BM2:3')[0].severity).toBe('info');
    // The department fills it in: no warning.
    expect(on(checkReport(t, 'so', typed(t, { 'BM3:1.4.1': '0' })), 'applicability')).toEqual([]);
  });

  it('missing rows only when finalising', () => {
    const values = typed(t, { 'BM1:2': '16.3', 'BM1:2.1': '43', 'BM1:2.2': '07' });
    expect(on(checkReport(t, 'huyen', values), 'missing')).toEqual([]);
    const final = on(checkReport(t, 'huyen', values, { mode: 'final' }), 'missing');
    expect(final.map((f) => f.row)).toContain('BM3:1.4.2');
    expect(final.map((f) => f.row)).not.toContain('BM3:1.4.1'); // a department row
    expect(final.map((f) => f.row)).not.toContain('BM1:2'); // filled
    expect(final.map((f) => f.row)).not.toContain('BM1:6.1'); // only tested for emptiness
  });

  it('a 2015-based ratio without its baseline cannot be checked: said so when finalising', () => {
    const values = typed(t, { 'BM4:1.5': '50', 'BM4:1.5.4': '10' });
    expect(checkReport(t, 'huyen', values).filter((f) => f.rule === 'BM4.base.1.5.4')).toEqual([]);
    const f = on(checkReport(t, 'huyen', values, { mode: 'final' }), 'BM4.base.1.5.4');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('info');
    expect(f[0].message).toContain('Chưa kiểm tra được');
  });
});

describe('messages show the arithmetic, numbers written the Vietnamese way', () => {
  it('ratio, sum, bound and cross-form', () => {
    const fs = checkReport(
      t,
      'huyen',
      typed(t, {
        'BM1:2': '60',
        'BM1:2.1': '25',
        'BM1:2.2': '24',
        'BM3:1.4': '450',
        'BM3:1.4.2': '280',
        'BM3:1.4.3': '173',
        'BM3:3.2': '99,6',
        'BM3:3.2.1': '2.521',
        'BM3:3.2.2': '2.531',
        'BM4:1.5': '33',
        'BM6:2.1': '38',
      }),
    );
    expect(on(fs, 'BM1.ratio.2')[0].message).toBe('Dòng 2 ghi 60%, nhưng dòng 2.2/dòng 2.1 = 24/25 = 96%.');
    expect(on(fs, 'BM3.sum.1.4')[0].message).toBe(
      'Dòng 1.4 ghi 450, nhưng dòng 1.4.1 + dòng 1.4.2 + dòng 1.4.3 = 0 + 280 + 173 = 453.',
    );
    expect(on(fs, 'BM3.le.3.2.2')[0].message).toBe(
      'Dòng 3.2.2 = 2.531 lớn hơn dòng 3.2.1 = 2.521, nhưng phải nhỏ hơn hoặc bằng.',
    );
    const x = on(fs, 'X.dvsn')[0];
    expect(x.severity).toBe('warning');
    expect(x.message).toContain('Biểu mẫu 4 dòng 1.5 = 33 khác Biểu mẫu 6 dòng 2.1 = 38');
    expect(x.rows).toEqual(['BM4:1.5', 'BM6:2.1']);
  });

  it('the baseline ratio (003 PL5 1.5.4: 10% with 55 in 2015 and 50 now)', () => {
    const f = on(
      checkReport(t, 'huyen', typed(t, { 'BM4:1.5': '50', 'BM4:1.5.4': '10', 'BM4:1.5.4.a': '55' })),
      'BM4.base.1.5.4',
    );
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('(55 − 50)/55 = 9,09%');
    expect(f[0].suggestion).toMatchObject({ row: 'BM4:1.5.4', value: 9.09 });
  });
});

describe('cross-period: cumulative rows do not fall within a year', () => {
  it('flags a cumulative count that falls, not one that grows, and allows a % within rounding', () => {
    const q1 = typed(t, { 'BM1:2.2': '7', 'BM1:2': '16,3', 'BM1:2.1': '43' });
    const h1 = typed(t, { 'BM1:2.2': '5', 'BM1:2': '16', 'BM1:2.1': '43' });
    const fs = checkAcrossPeriods(t, q1, h1, { earlier: 'Quý I năm 2024', later: '6 tháng năm 2024' });
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ rule: 'period:cumulative', row: 'BM1:2.2', severity: 'error' });
    expect(fs[0].message).toContain('Quý I năm 2024 ghi 7, 6 tháng năm 2024 ghi 5');
    expect(checkAcrossPeriods(t, h1, q1)).toEqual([]);
    const pct = checkAcrossPeriods(t, typed(t, { 'BM1:2': '20' }), typed(t, { 'BM1:2': '15' }));
    expect(pct).toMatchObject([{ row: 'BM1:2', severity: 'warning' }]);
  });
});
