/**
 * The built-in templates checking the seed reports they were transcribed from: every
 * inconsistency domain.md lists for seeds 000, 001 and 003 is reported on the right row with a
 * sensible suggestion, and seed 004 (the false-positive control) raises only its cross-form
 * warning.
 */
import { checkReport, createChecker } from '../src/core/rules';
import type { Finding } from '../src/core/findings';
import { reading, seedReport } from './rules-fixtures';

const ruleKind = (f: Finding) => f.rule.split('.')[1] ?? f.rule;
const ratioFindings = (fs: Finding[]) => fs.filter((f) => ['ratio', 'base'].includes(ruleKind(f)));

function expectFix(fs: Finding[], rule: string, row: string, value: number | null, message?: string) {
  const f = fs.find((x) => x.rule === rule);
  expect(f).toBeDefined();
  expect(f!.severity).toBe('error');
  expect(f!.row).toBe(row);
  expect(f!.suggestion).toMatchObject({ row, value });
  if (message) expect(f!.message).toContain(message);
  return f!;
}

describe('seed 000 (UBND huyện Kông Chro, bnv2022-huyen)', () => {
  const { t, values, level } = seedReport('bnv2022-huyen');
  const fs = checkReport(t, level, values);

  it('reports the four ratios that disagree with their counts, and no other', () => {
    expectFix(fs, 'BM2.ratio.3.2', 'BM2:3.2', 0, 'ghi 100%, nhưng dòng 3.2.2/dòng 3.2.1 = 0/1 = 0%');
    const f74 = expectFix(fs, 'BM7.ratio.7.4', 'BM7:7.4', 2.45, '72/2.934 = 2,45%');
    expect(f74.message).toContain('ghi kèm «(72/104)»');
    expectFix(fs, 'BM7.ratio.7.5', 'BM7:7.5', 69.14, 'ghi 100%, nhưng dòng 7.5.2/dòng 7.5.1 = 56/81 = 69,14%');
    expectFix(fs, 'BM7.ratio.8.5', 'BM7:8.5', 34.21, '13/38 = 34,21%');
    expect(
      ratioFindings(fs)
        .map((f) => f.rule)
        .sort(),
    ).toEqual(['BM2.ratio.3.2', 'BM7.ratio.7.4', 'BM7.ratio.7.5', 'BM7.ratio.8.5']);
  });

  it('accepts the ratios typed at their precision (16.3 for 7/43, 99,6% for 2.521/2.531, 44 for 14.436/32.780)', () => {
    for (const r of ['BM1.ratio.2', 'BM3.ratio.3.2', 'BM3.ratio.3.3', 'BM6.ratio.1', 'BM7.ratio.8.4'])
      expect(fs.filter((f) => f.rule === r)).toEqual([]);
    expect(fs.filter((f) => ruleKind(f) === 'sum')).toEqual([]);
  });

  it('warns across forms: 33 public service units in Biểu mẫu 4, 38 in Biểu mẫu 6', () => {
    const x = fs.find((f) => f.rule === 'X.dvsn')!;
    expect(x.severity).toBe('warning');
    expect(x.message).toContain('= 33 khác Biểu mẫu 6 dòng 2.1 = 38');
  });
});

describe('seed 001 (UBND xã Cẩm Hưng, pl1b)', () => {
  const { t, values, level } = seedReport('pl1b');
  const fs = checkReport(t, level, values);

  it('reports 1.2, 3.3.3, 7.4.1, 7.4.2 and 7.4.3 with the percentage their counts give', () => {
    expectFix(fs, '1B.ratio.1.2', '1B:1.2', 96, 'ghi 60%, nhưng dòng 1.2.2/dòng 1.2.1 = 24/25 = 96%');
    expectFix(fs, '1B.ratio.3.3.3', '1B:3.3.3', 100, '1.213/1.213 = 100%');
    expectFix(fs, '1B.ratio.7.4.1', '1B:7.4.1', 100, 'ghi 85%, nhưng dòng 7.4.1.2/dòng 7.4.1.1 = 55/55 = 100%');
    expectFix(fs, '1B.ratio.7.4.2', '1B:7.4.2', 100, '55/55 = 100%');
    const f = expectFix(fs, '1B.ratio.7.4.3', '1B:7.4.3', 3.64, '2/55 = 3,64%');
    expect(f.suggestion!.reason).toContain('đang ghi số lượng (55)');
    expect(
      ratioFindings(fs)
        .map((x) => x.rule)
        .sort(),
    ).toEqual(['1B.ratio.1.2', '1B.ratio.3.3.3', '1B.ratio.7.4.1', '1B.ratio.7.4.2', '1B.ratio.7.4.3']);
  });

  it('warns that a commune filled the department row 3.3.1', () => {
    const a = fs.find((x) => x.rule === 'applicability' && x.row === '1B:3.3.1')!;
    expect(a.severity).toBe('warning');
    expect(a.message).toContain('cấp xã');
    expect(a.suggestion).toMatchObject({ value: null });
  });
});

describe('seed 003 (UBND huyện Quảng Điền, pl2024)', () => {
  const { t, values, level } = seedReport('pl2024');

  it('reports PL2 2 (30 for 10/32) and PL8 6.4 (46,4 for 732/1.558), the latter with the swapped-digit reading', () => {
    const fs = checkReport(t, level, values);
    expectFix(fs, 'PL2.ratio.2', 'PL2:2', 31.25, '10/32 = 31,25%');
    const f = expectFix(fs, 'PL8.ratio.6.4', 'PL8:6.4', 46.98, '732/1.558 = 46,98%');
    expect(f.message).toContain('dòng 6.4.2 là 723');
    expect(
      ratioFindings(fs)
        .map((x) => x.rule)
        .sort(),
    ).toEqual(['PL2.ratio.2', 'PL8.ratio.6.4']);
  });

  it('with the 2015 baselines of Ghi chú typed in, PL5 1.5.4 is wrong (10 for (55 − 50)/55) and 2.5, 3.4 are right', () => {
    const withBase = new Map(values);
    withBase.set('PL5:1.5.4.a', reading(t, 'PL5:1.5.4.a', '55'));
    withBase.set('PL5:2.5.a', reading(t, 'PL5:2.5.a', '86'));
    withBase.set('PL5:3.4.a', reading(t, 'PL5:3.4.a', '1568'));
    const fs = checkReport(t, level, withBase);
    expectFix(fs, 'PL5.base.1.5.4', 'PL5:1.5.4', 9.09, '(55 − 50)/55 = 9,09%');
    expect(fs.filter((x) => x.rule === 'PL5.base.2.5' || x.rule === 'PL5.base.3.4')).toEqual([]);
  });

  it('without the baseline the 2015 ratio is not guessed: finalising says it could not be checked', () => {
    const fs = checkReport(t, level, values, { mode: 'final' });
    const info = fs.find((x) => x.rule === 'PL5.base.1.5.4')!;
    expect(info.severity).toBe('info');
    expect(info.suggestion).toBeUndefined();
  });
});

describe('seed 004 (UBND tỉnh Kiên Giang, bnv2022-tinh): the false-positive control', () => {
  const { t, values, level } = seedReport('bnv2022-tinh');

  it('raises no ratio, sum or bound finding; only the 911 vs 811 cross-form warning', () => {
    const fs = checkReport(t, level, values);
    expect(fs.map((f) => `${f.severity} ${f.rule}`)).toEqual(['warning X.dvsn']);
    expect(fs[0].message).toContain('= 911 khác Biểu mẫu 6 dòng 2.1 = 811');
  });

  it('the incremental checker starts from the same findings', () => {
    expect(createChecker(t, level, values).findings).toEqual(checkReport(t, level, values));
  });
});

describe('TTHC offered at levels 3 and 4: both ways of counting are honest (issue 9, point 11)', () => {
  const levels34 = (fs: Finding[]) =>
    fs.filter((f) => /^(PL8|1B|BM7)\.(ge|le|sum)\.(6\.3\.1|7\.3\.1|8\.3\.1|7\.4\.3\.1)$/.test(f.rule));

  it('raises nothing on 001 (55 + 55 against 55, level 4 counted within level 3) nor on 003 (376 + 295 against 516)', () => {
    for (const id of ['pl1b', 'pl2024']) {
      const { t, values, level } = seedReport(id);
      expect(levels34(checkReport(t, level, values))).toEqual([]);
    }
  });

  it('raises nothing on 000 and 004, which count the two levels apart', () => {
    for (const id of ['bnv2022-huyen', 'bnv2022-tinh']) {
      const { t, values, level } = seedReport(id);
      expect(levels34(checkReport(t, level, values))).toEqual([]);
    }
  });

  it('warns when the total is below either level or above their sum, on the total with the bound as the fix', () => {
    const { t, values, level } = seedReport('pl2024');
    const below = new Map(values);
    below.set('PL8:6.3.1', reading(t, 'PL8:6.3.1', '300'));
    const fs = levels34(checkReport(t, level, below));
    expect(fs.map((f) => `${f.severity} ${f.rule} ${f.row}`)).toEqual(['warning PL8.ge.6.3.1 PL8:6.3.1']);
    expect(fs[0].message).toContain('376');
    expect(fs[0].suggestion).toMatchObject({ row: 'PL8:6.3.1', value: 376 });
    const above = new Map(values);
    above.set('PL8:6.3.1', reading(t, 'PL8:6.3.1', '700'));
    const fa = levels34(checkReport(t, level, above));
    expect(fa.map((f) => `${f.severity} ${f.rule} ${f.row}`)).toEqual(['warning PL8.le.6.3.1 PL8:6.3.1']);
    expect(fa[0].message).toContain('376 + 295 = 671');
    expect(fa[0].suggestion).toMatchObject({ row: 'PL8:6.3.1', value: 671 });
  });
});
