import { consolidate, type ChildReport } from '../src/core/consolidate/engine';
import { unitKey, sameUnit, parseRoster } from '../src/core/consolidate/units';
import { chainById } from '../src/core/template/levels';
import { loadTemplate } from '../src/core/template/load';
import { exact } from '../src/core/values';

// A slice of BNV 2022 (seed 000's rows) with the recipes a district uses for its communes.
const district = loadTemplate({
  id: 'bnv2022-mini',
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
          id: 'BM3:1.4.2',
          stt: '1.4.2.',
          label: 'Số TTHC cấp huyện',
          unit: 'Thủ tục',
          kind: 'count',
          consolidate: { huyen: 'own' },
        },
        {
          id: 'BM3:1.4.3',
          stt: '1.4.3.',
          label: 'Số TTHC cấp xã',
          unit: 'Thủ tục',
          kind: 'count',
          consolidate: { huyen: 'uniform(xa.BM3:1.4.3)' },
        },
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
      rules: [{ id: 'r33', check: 'BM3:3.3 == ratio(BM3:3.3.2, BM3:3.3.1)' }],
    },
    {
      id: 'BM7',
      title: 'Biểu mẫu 7',
      name: 'Chính quyền điện tử',
      sheet: 'Biểu mẫu 7',
      rows: [
        {
          id: 'BM7:5.1.3',
          stt: '5.1.3.',
          label: 'UBND cấp xã đã kết nối, liên thông với UBND huyện',
          unit: 'Đã kết nối = 1 Chưa kết nối = 2',
          kind: 'code',
          codes: [
            { value: 1, label: 'Đã kết nối' },
            { value: 2, label: 'Chưa kết nối' },
          ],
        },
        {
          id: 'BM7:5.1.3.a',
          stt: '',
          label: 'Tổng số UBND cấp xã',
          unit: 'Đơn vị',
          kind: 'count',
          consolidate: { huyen: 'count(xa)' },
        },
        {
          id: 'BM7:5.1.3.b',
          stt: '',
          label: 'Số xã đã kết nối',
          unit: 'Đơn vị',
          kind: 'count',
          consolidate: { huyen: 'count(xa.BM7:5.1.3 == 1)' },
        },
      ],
    },
  ],
});

const commune = (unit: string, v: Record<string, number>, extra: Partial<ChildReport> = {}): ChildReport => ({
  unit,
  level: 'xa',
  template: district,
  values: new Map(Object.entries(v).map(([k, n]) => [k, exact(n)])),
  file: `${unit}.xlsx`,
  cells: new Map(Object.keys(v).map((k, i) => [k, `'Biểu mẫu 3'!D${10 + i}`])),
  ...extra,
});

const chain3 = chainById('3cap');

describe('consolidating communes into a district', () => {
  const children = [
    commune('UBND xã Đăk Kơ Ning', { 'BM3:1.4.3': 173, 'BM3:3.3.1': 398, 'BM3:3.3.2': 398, 'BM7:5.1.3': 1 }),
    commune('UBND xã Sró', { 'BM3:1.4.3': 173, 'BM3:3.3.1': 420, 'BM3:3.3.2': 415, 'BM7:5.1.3': 1 }),
    commune('Ủy ban nhân dân xã Chơ Long', { 'BM3:1.4.3': 170, 'BM3:3.3.1': 220, 'BM3:3.3.2': 219, 'BM7:5.1.3': 2 }),
  ];
  const own = { values: new Map([['BM3:1.4.2', exact(280)]]), file: 'huyen.xlsx' };
  const res = consolidate({
    template: district,
    level: 'huyen',
    chain: chain3,
    unit: 'UBND huyện Kông Chro',
    own,
    children,
    roster: ['Xã Đăk Kơ Ning', 'Xã Sró', 'Xã Chơ Long', 'Xã Yang Nam'],
  });

  it('sums additive rows and recomputes the ratio from the sums', () => {
    expect(res.values.get('BM3:3.3.1')?.value).toBe(1038);
    expect(res.values.get('BM3:3.3.2')?.value).toBe(1032);
    expect(res.values.get('BM3:3.3')?.value).toBe(99.42); // 1032/1038, not the mean of 100, 98.81, 99.55
    expect(res.values.get('BM3:3.3')?.how).toBe('recompute');
  });
  it('traces a sum to each commune, file and cell', () => {
    expect(res.values.get('BM3:3.3.1')?.from).toEqual([
      {
        unit: 'UBND xã Đăk Kơ Ning',
        file: 'UBND xã Đăk Kơ Ning.xlsx',
        cell: "'Biểu mẫu 3'!D11",
        row: 'BM3:3.3.1',
        value: 398,
      },
      { unit: 'UBND xã Sró', file: 'UBND xã Sró.xlsx', cell: "'Biểu mẫu 3'!D11", row: 'BM3:3.3.1', value: 420 },
      {
        unit: 'Ủy ban nhân dân xã Chơ Long',
        file: 'Ủy ban nhân dân xã Chơ Long.xlsx',
        cell: "'Biểu mẫu 3'!D11",
        row: 'BM3:3.3.1',
        value: 220,
      },
    ]);
  });
  it('takes a catalogue count once and names the commune that disagrees', () => {
    expect(res.values.get('BM3:1.4.3')?.value).toBe(173);
    const f = res.findings.find((x) => x.rule === 'consolidate:uniform');
    expect(f?.units).toEqual(['Ủy ban nhân dân xã Chơ Long']);
    expect(f?.message).toMatch(/Chơ Long ghi 170/);
  });
  it('counts communes from the roster and the connected ones from their codes', () => {
    expect(res.values.get('BM7:5.1.3.a')?.value).toBe(4);
    expect(res.values.get('BM7:5.1.3.b')?.value).toBe(2);
  });
  it('keeps the district own figures and lists the commune that did not report', () => {
    expect(res.values.get('BM3:1.4.2')).toMatchObject({ value: 280, how: 'own' });
    expect(res.missing).toEqual(['Xã Yang Nam']);
    expect(res.units.map((u) => u.status)).toEqual(['received', 'received', 'received']);
  });
  it('takes a unit sent twice once: the newer report wins', () => {
    const again = commune(
      'UBND xã Sró',
      { 'BM3:3.3.1': 430, 'BM3:3.3.2': 430 },
      { file: 'sro-lan2.xlsx', reportDate: '2022-06-12' },
    );
    const first = commune('UBND xã Sró', { 'BM3:3.3.1': 420, 'BM3:3.3.2': 415 }, { reportDate: '2022-06-10' });
    const r = consolidate({
      template: district,
      level: 'huyen',
      chain: chain3,
      unit: 'UBND huyện Kông Chro',
      children: [again, first],
    });
    expect(r.values.get('BM3:3.3.1')?.value).toBe(430);
    expect(r.units.find((u) => u.file === 'UBND xã Sró.xlsx')?.status).toBe('replaced');
    const twice = consolidate({
      template: district,
      level: 'huyen',
      chain: chain3,
      unit: 'x',
      children: [first, again],
    });
    expect(twice.values.get('BM3:3.3.1')?.value).toBe(430);
  });
});

describe('a province-sized disagreement', () => {
  it('names ten units in the message and counts the rest, while listing all of them', () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      commune(`UBND xã Số ${i + 1}`, { 'BM3:1.4.3': i < 13 ? 173 : 170 + (i % 3) }),
    );
    const r = consolidate({ template: district, level: 'huyen', chain: chain3, unit: 'UBND huyện X', children: many });
    const f = r.findings.find((x) => x.rule === 'consolidate:uniform')!;
    expect(r.values.get('BM3:1.4.3')?.value).toBe(173);
    expect(f.units).toHaveLength(12);
    expect(f.message).toMatch(/lấy 173 \(13\/25 đơn vị ghi\)/);
    expect(f.message).toMatch(/và 2 đơn vị khác \(xem «Chi tiết theo đơn vị»\)\. Đề nghị/);
  });
});

describe('unit names', () => {
  it('match ignoring case, diacritics and administrative prefixes', () => {
    expect(unitKey('Ủy ban nhân dân xã Đắk Kơ Ning')).toEqual({ key: 'dak ko ning', level: 'xa' });
    expect(sameUnit('UBND xã Đăk Kơ Ning', 'ĐĂK KƠ NING')).toBe(true);
    expect(unitKey('Sở Nội vụ')).toEqual({ key: 'noi vu', level: 'so' });
    expect(unitKey('UBND thị trấn Kông Chro')).toEqual({ key: 'kong chro', level: 'xa' });
    expect(unitKey('Xã Bản Lầu').key).toBe('ban lau');
    expect(sameUnit('Xã Sró', 'Xã Sơn')).toBe(false);
  });
  it('reads a roster one unit a line', () => {
    expect(parseRoster('\uFEFFXã A\r\n\n# ghi chú\nXã B  \n')).toEqual(['Xã A', 'Xã B']);
  });
});

describe('what a district does not sum in', () => {
  const at = (extra: Partial<ChildReport>) => ({ period: '6T' as const, year: 2022, ...extra });
  const run = (children: ChildReport[], own?: Record<string, number>) =>
    consolidate({
      template: district,
      level: 'huyen',
      chain: chain3,
      unit: 'UBND huyện Kông Chro',
      period: '6T',
      year: 2022,
      children,
      ...(own ? { own: { values: new Map(Object.entries(own).map(([k, n]) => [k, exact(n)])) } } : {}),
      roster: ['Xã Đăk Kơ Ning', 'Xã Sró', 'Xã Chơ Long', 'Xã Yang Trung'],
    });

  it('keeps a report whose period cannot be read, with a warning that says so', () => {
    const r = run([
      commune('UBND xã Sró', { 'BM3:3.3.1': 420, 'BM3:3.3.2': 415 }, at({})),
      commune('UBND xã Chơ Long', { 'BM3:3.3.1': 220, 'BM3:3.3.2': 219 }),
    ]);
    expect(r.values.get('BM3:3.3.1')?.value).toBe(640);
    expect(r.units.map((u) => u.status)).toEqual(['received', 'received']);
    expect(r.findings).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        rule: 'consolidate:period-unknown',
        message: expect.stringMatching(
          /^Không đọc được kỳ báo cáo và năm báo cáo của «UBND xã Chơ Long» \(tệp UBND xã Chơ Long\.xlsx\): tiêu đề không ghi rõ; vẫn tổng hợp, coi như báo cáo 6 tháng đầu năm 2022/,
        ),
      }),
    );
  });

  it('never lets a report of another period replace the unit’s good one', () => {
    const good = commune('UBND xã Sró', { 'BM3:3.3.1': 420, 'BM3:3.3.2': 415 }, at({ reportDate: '2022-06-10' }));
    const q1later = commune(
      'UBND xã Sró',
      { 'BM3:3.3.1': 999, 'BM3:3.3.2': 999 },
      { period: 'Q1', year: 2022, reportDate: '2022-06-20', file: 'sro-q1.xlsx' },
    );
    const r = run([good, q1later]);
    expect(r.values.get('BM3:3.3.1')?.value).toBe(420);
    expect(r.units.map((u) => [u.file, u.status])).toEqual([
      ['UBND xã Sró.xlsx', 'received'],
      ['sro-q1.xlsx', 'wrong-period'],
    ]);
    expect(r.missing).toEqual(['Xã Đăk Kơ Ning', 'Xã Chơ Long', 'Xã Yang Trung']);
  });

  it('leaves a uniform row empty with no strict majority (31, 18, 38, 19, 117), naming each value', () => {
    const r = run(
      [31, 18, 38, 19, 117].map((n, i) => commune(`UBND xã Số ${i + 1}`, { 'BM3:1.4.3': n, 'BM3:3.3.1': 1 }, at({}))),
    );
    expect(r.values.get('BM3:1.4.3')).toMatchObject({ value: null, undecided: true });
    const f = r.findings.find((x) => x.rule === 'consolidate:uniform-none')!;
    expect(f.severity).toBe('error');
    expect(f.units).toHaveLength(5);
    expect(f.message).toMatch(/UBND xã Số 2 ghi 18 \(ô 'Biểu mẫu 3'!D10\)/);
    // Two against two with one more: 2/5 is no majority either; 3/5 is.
    const tie = run([173, 173, 170, 170, 171].map((n, i) => commune(`UBND xã T${i}`, { 'BM3:1.4.3': n }, at({}))));
    expect(tie.values.get('BM3:1.4.3')?.value ?? null).toBeNull();
    const three = run([173, 173, 173, 170, 171].map((n, i) => commune(`UBND xã M${i}`, { 'BM3:1.4.3': n }, at({}))));
    expect(three.values.get('BM3:1.4.3')?.value).toBe(173);
  });

  it('takes the district’s own catalogue figure and names the communes that differ', () => {
    const r = run(
      [173, 170].map((n, i) => commune(`UBND xã O${i}`, { 'BM3:1.4.3': n }, at({}))),
      { 'BM3:1.4.3': 173 },
    );
    expect(r.values.get('BM3:1.4.3')?.value).toBe(173);
    const f = r.findings.find((x) => x.rule === 'consolidate:uniform')!;
    expect(f.units).toEqual(['UBND xã O1']);
    expect(f.message).toMatch(/lấy số của UBND huyện Kông Chro là 173, nhưng UBND xã O1 ghi 170/);
  });
});
