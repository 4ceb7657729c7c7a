/**
 * Consolidation on the built-in BNV 2022 templates, with expectations computed by hand.
 * The district's own figures are seed 000's (UBND huyện Kông Chro); the three communes are
 * made up around them, as a district of Gia Lai would receive them.
 */
import { consolidate, type ChildReport } from '../src/core/consolidate/engine';
import { chainById } from '../src/core/template/levels';
import { getTemplate } from '../src/core/template/registry';
import { exact, type ReportValues } from '../src/core/values';

const huyenT = getTemplate('bnv2022-huyen');
const tinhT = getTemplate('bnv2022-tinh');
const vals = (v: Record<string, number>): ReportValues => new Map(Object.entries(v).map(([k, n]) => [k, exact(n)]));

const commune = (unit: string, v: Record<string, number>): ChildReport => ({
  unit,
  level: 'xa',
  template: huyenT,
  values: vals(v),
  file: `${unit}.xlsx`,
});

const communes = [
  commune('UBND xã Đăk Kơ Ning', {
    'BM2:1.3': 1,
    'BM3:1.4.3': 173,
    'BM3:3.3.1': 1200,
    'BM3:3.3.2': 1200,
    'BM3:3.4.1': 2,
    'BM3:3.4.2': 2,
    'BM7:5.1.3': 1,
    'BM7:5.3.3': 1,
    'BM7:8.4.1': 1200,
    'BM7:8.4.2': 0,
    'BM7:8.5.1': 38,
    'BM7:8.5.2': 13,
  }),
  commune('UBND xã Sró', {
    'BM2:1.3': 0,
    'BM3:1.4.3': 173,
    'BM3:3.3.1': 2302,
    'BM3:3.3.2': 2300,
    'BM3:3.4.1': 1,
    'BM3:3.4.2': 0,
    'BM7:5.1.3': 1,
    'BM7:5.3.3': 2,
    'BM7:8.4.1': 2302,
    'BM7:8.4.2': 10,
    'BM7:8.5.1': 38,
    'BM7:8.5.2': 13,
  }),
  commune('UBND xã Chơ Long', {
    'BM2:1.3': 2,
    'BM3:1.4.3': 171,
    'BM3:3.3.1': 1600,
    'BM3:3.3.2': 1590,
    'BM7:5.1.3': 2,
    'BM7:5.3.3': 1,
    'BM7:8.4.1': 1600,
    'BM7:8.4.2': 4,
    'BM7:8.5.1': 38,
    'BM7:8.5.2': 12,
  }),
];
// The district's own figures (seed 000).
const own = {
  file: 'kong-chro.xlsx',
  values: vals({
    'BM1:1': 58,
    'BM1:2.1': 43,
    'BM1:2.2': 7,
    'BM2:1.2': 1,
    'BM3:1.4.2': 280,
    'BM3:3.2.1': 2531,
    'BM3:3.2.2': 2521,
    'BM3:3.4.1': 3,
    'BM3:3.4.2': 3,
    'BM4:1.2.a': 1,
    'BM6:1.1': 32780,
    'BM6:1.2': 14436,
  }),
};

describe('a district consolidates three communes (bnv2022-huyen)', () => {
  const roster = ['Xã Đăk Kơ Ning', 'Xã Sró', 'Xã Chơ Long', 'Xã Đăk Pling'];
  const r = consolidate({
    template: huyenT,
    level: 'huyen',
    chain: chainById('3cap'),
    unit: 'UBND huyện Kông Chro',
    own,
    children: communes,
    roster,
  });
  const v = (id: string) => r.values.get(id)?.value;

  it('sums the communes into the cấp xã rows', () => {
    expect(v('BM3:3.3.1')).toBe(5102);
    expect(v('BM3:3.3.2')).toBe(5090);
    expect(v('BM7:8.4.1')).toBe(5102);
    expect(v('BM7:8.4.2')).toBe(14);
    expect(v('BM2:1.3')).toBe(3);
  });
  it('recomputes ratios from the consolidated parts, never averaging', () => {
    expect(v('BM3:3.3')).toBe(99.76); // 5090/5102
    expect(v('BM7:8.4')).toBe(0.27); // 14/5102
    expect(v('BM3:3.2')).toBe(99.6); // own 2521/2531
    expect(v('BM1:2')).toBe(16.28); // own 7/43
    expect(v('BM6:1')).toBe(44.04); // own 14436/32780
  });
  it('recomputes totals from their parts: own district documents plus the communes', () => {
    expect(v('BM2:1')).toBe(4); // 1.2 own (1) + 1.3 communes (3)
  });
  it('adds the district own PAKN to its communes', () => {
    expect(v('BM3:3.4.1')).toBe(6);
    expect(v('BM3:3.4.2')).toBe(5);
    expect(v('BM3:3.4')).toBe(83.33);
  });
  it('takes the commune catalogue once and names the commune that disagrees', () => {
    expect(v('BM3:1.4.3')).toBe(173);
    expect(v('BM7:8.5.2')).toBe(13);
    const f = r.findings.filter((x) => x.rule === 'consolidate:uniform');
    expect(f.map((x) => [x.row, x.units])).toEqual([
      ['BM3:1.4.3', ['UBND xã Chơ Long']],
      ['BM7:8.5.2', ['UBND xã Chơ Long']],
    ]);
    expect(v('BM3:1.4')).toBe(453); // 280 + 173
  });
  it('turns the communes codes into counts over the roster', () => {
    expect(v('BM7:5.1.3.a')).toBe(4);
    expect(v('BM7:5.1.3.b')).toBe(2);
    expect(v('BM7:5.3.3.b')).toBe(2);
  });
  it('keeps own rows and reports the commune that did not send its report', () => {
    expect(r.values.get('BM1:1')).toMatchObject({ value: 58, how: 'own' });
    expect(r.values.get('BM4:1.2.a')).toMatchObject({ value: 1, how: 'own' });
    expect(r.missing).toEqual(['Xã Đăk Pling']);
  });
  it('gives the same result when run twice on the same inputs', () => {
    const again = consolidate({
      template: huyenT,
      level: 'huyen',
      chain: chainById('3cap'),
      unit: 'UBND huyện Kông Chro',
      own,
      children: communes,
      roster,
    });
    // The sources too (made when read: engine.ts).
    const plain = (m: typeof r.values) => [...m].map(([id, v]) => [id, { ...v, from: v.from }]);
    expect(plain(again.values)).toEqual(plain(r.values));
  });
});

describe('a province of the 2-tier government consolidates communes and departments directly (bnv2022-tinh, tinh@2cap)', () => {
  const dept: ChildReport = {
    unit: 'Sở Tư pháp',
    level: 'so',
    template: huyenT,
    values: vals({
      'BM3:1.2': 12,
      'BM3:3.1.1': 900,
      'BM3:3.1.2': 880,
      'BM4:1.1.a': 1,
      'BM7:5.1.1': 1,
      'BM7:6.4.1': 900,
      'BM7:6.4.2': 450,
    }),
    file: 'so-tu-phap.xlsx',
  };
  const r = consolidate({
    template: tinhT,
    level: 'tinh',
    chain: chainById('2cap'),
    unit: 'UBND tỉnh Gia Lai',
    children: [...communes, dept],
  });
  const v = (id: string) => r.values.get(id)?.value;

  it('sums the communes straight into the province', () => {
    expect(v('BM3:3.3.1')).toBe(5102);
    expect(v('BM3:3.3')).toBe(99.76);
    expect(v('BM3:3.1.1')).toBe(900);
    expect(v('BM3:3.1')).toBe(97.78); // 880/900
  });
  it('turns codes into shares of units', () => {
    expect(v('BM7:5.1.3')).toBe(66.67); // 2 of 3 communes connected
    expect(v('BM4:1.1')).toBe(100); // the one department finished
  });
  it('adds department and commune online dossiers', () => {
    expect(v('BM7:6.4.1')).toBe(6002);
    expect(v('BM7:6.4.2')).toBe(464);
    expect(v('BM7:6.4')).toBe(7.73);
  });
  it('does not take a district report in the 2-tier chain', () => {
    const huyen: ChildReport = {
      unit: 'UBND huyện Kông Chro',
      level: 'huyen',
      template: huyenT,
      values: vals({ 'BM3:3.2.1': 2531 }),
    };
    const r2 = consolidate({
      template: tinhT,
      level: 'tinh',
      chain: chainById('2cap'),
      unit: 'UBND tỉnh Gia Lai',
      children: [huyen],
    });
    expect(r2.findings).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        rule: 'consolidate:wrong-level',
        message: expect.stringMatching(
          /«UBND huyện Kông Chro» là báo cáo cấp huyện; cấp tỉnh tổng hợp báo cáo cấp xã, sở, ban, ngành/,
        ),
      }),
    );
    expect(r2.units).toEqual([expect.objectContaining({ unit: 'UBND huyện Kông Chro', status: 'wrong-level' })]);
    expect(r2.values.get('BM3:3.2.1')?.value ?? null).toBeNull();
  });
});

describe('communes sending Phụ lục 1B consolidate into the BNV 2022 district report', () => {
  const pl1b = getTemplate('pl1b');
  const oneB = (unit: string, v: Record<string, number>): ChildReport => ({
    unit,
    level: 'xa',
    template: pl1b,
    values: vals(v),
    file: `${unit}.xlsx`,
  });
  const r = consolidate({
    template: huyenT,
    level: 'huyen',
    chain: chainById('3cap'),
    unit: 'UBND huyện Cẩm Xuyên',
    children: [
      oneB('UBND xã Cẩm Hưng', {
        '1B:3.1.4.3': 117,
        '1B:3.3.3.1': 1213,
        '1B:3.3.3.2': 1213,
        '1B:7.1': 2,
        '1B:7.3.2.3': 100,
        '1B:7.4.4.1': 1241,
        '1B:7.4.4.2': 2,
      }),
      oneB('UBND xã Cẩm Thịnh', {
        '1B:3.1.4.3': 117,
        '1B:3.3.3.1': 800,
        '1B:3.3.3.2': 790,
        '1B:7.1': 0,
        '1B:7.3.2.3': 0,
        '1B:7.4.4.1': 800,
        '1B:7.4.4.2': 40,
      }),
    ],
  });
  const v = (id: string) => r.values.get(id)?.value;

  it('translates the 1B rows to their BNV counterparts and sums them', () => {
    expect(v('BM3:3.3.1')).toBe(2013);
    expect(v('BM3:3.3.2')).toBe(2003);
    expect(v('BM3:3.3')).toBe(99.5);
    expect(v('BM3:1.4.3')).toBe(117);
    expect(v('BM7:8.4.1')).toBe(2041);
    expect(v('BM7:8.4.2')).toBe(42);
  });
  it('translates answers of another legend: "3 cấp" and 100 % connected count as connected', () => {
    expect(v('BM7:2.a')).toBe(2);
    expect(v('BM7:2.b')).toBe(1);
    expect(v('BM7:5.3.3.b')).toBe(1);
  });
});
