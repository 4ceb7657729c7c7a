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
