/**
 * The agreement fixture: a template with rows of every kind and rules of every shape, and a
 * generator of reports around them (valid, off by rounding at every precision, ties, broken,
 * empty, text, zero denominators), reproducible from a seed.
 */
import type { TemplateInput } from '../src/core/template/schema';
import type { SheetValue } from '../src/core/rules/formula';
import { exact, type ReportValues } from '../src/core/values';

/** Rows of every kind and rules of every shape the engine knows. */
export const AGREE: TemplateInput = {
  id: 'agree',
  version: 'test',
  name: 'Mẫu thử so khớp',
  levels: ['huyen', 'so'],
  appendixLabel: 'Phụ lục',
  title: 'T {period}',
  forms: [
    {
      id: 'F',
      title: 'Biểu mẫu 1',
      name: 'Thử',
      sheet: 'Biểu mẫu 1',
      rows: [
        { id: 'F:p1', stt: '1', label: 'Tỷ lệ 1', unit: '%', kind: 'percent' },
        { id: 'F:a1', stt: '1.1', label: 'Tử số', unit: 'Hồ sơ', kind: 'count' },
        { id: 'F:b1', stt: '1.2', label: 'Mẫu số', unit: 'Hồ sơ', kind: 'count' },
        { id: 'F:p2', stt: '2', label: 'Tỷ lệ giải ngân', unit: '%', kind: 'percent' },
        { id: 'F:m1', stt: '2.1', label: 'Đã thực hiện', unit: 'Triệu đồng', kind: 'money' },
        { id: 'F:m2', stt: '2.2', label: 'Kế hoạch', unit: 'Triệu đồng', kind: 'money' },
        { id: 'F:bp', stt: '3', label: 'Tỷ lệ cắt giảm so với năm 2015', unit: '%', kind: 'percent' },
        { id: 'F:base', stt: '3.1', label: 'Năm 2015', unit: 'Đơn vị', kind: 'count' },
        { id: 'F:now', stt: '3.2', label: 'Hiện nay', unit: 'Đơn vị', kind: 'count' },
        { id: 'F:t', stt: '4', label: 'Tổng', unit: 'Thủ tục', kind: 'count' },
        { id: 'F:c1', stt: '4.1', label: 'Phần 1', unit: 'Thủ tục', kind: 'count' },
        { id: 'F:c2', stt: '4.2', label: 'Phần 2', unit: 'Thủ tục', kind: 'count' },
        { id: 'F:c3', stt: '4.3', label: 'Phần 3', unit: 'Thủ tục', kind: 'count' },
        { id: 'F:mt', stt: '5', label: 'Tổng tiền', unit: 'Triệu đồng', kind: 'money' },
        { id: 'F:mc1', stt: '5.1', label: 'Tiền 1', unit: 'Triệu đồng', kind: 'money' },
        { id: 'F:mc2', stt: '5.2', label: 'Tiền 2', unit: 'Triệu đồng', kind: 'money' },
        {
          id: 'F:k',
          stt: '6',
          label: 'Mã',
          unit: 'Chưa = 0 Đang làm = 1 Hoàn thành = 2',
          kind: 'code',
          codes: [
            { value: 0, label: 'Chưa' },
            { value: 1, label: 'Đang làm' },
            { value: 2, label: 'Hoàn thành' },
          ],
        },
        { id: 'F:g', stt: '7', label: 'Nhóm', kind: 'group' },
        { id: 'F:ns', stt: '8', label: 'Cấp sở báo', unit: 'Văn bản', kind: 'count', levels: ['so'] },
      ],
      rules: [
        { id: 'R1', check: 'F:p1 == ratio(F:a1, F:b1)' },
        { id: 'R2', check: 'F:p2 == ratio(F:m1, F:m2)' },
        { id: 'R3', check: 'F:bp == baseline_ratio(F:base, F:now)' },
        { id: 'R4', check: 'F:t == F:c1 + F:c2 + F:c3', empty: 'skip-if-all' },
        { id: 'R5', check: 'F:mt == F:mc1 + F:mc2', empty: 'zero' },
        { id: 'R6', check: 'F:c1 <= F:t' },
        { id: 'R7', check: 'F:t >= F:c1 + F:c2', empty: 'skip-if-all' },
        { id: 'R8', check: 'F:a1 == F:c1', severity: 'warning' },
        { id: 'R9', check: 'filled(F:k) and F:k == 0 => empty(F:c3) and empty(F:m1)', empty: 'zero' },
        { id: 'R10', check: 'not (filled(F:c2) and filled(F:mc2))' },
        { id: 'R11', check: 'F:a1 < F:b1' },
        { id: 'R12', check: 'F:p1 > F:p2' },
        { id: 'R13', check: 'F:c2 != F:c3' },
        { id: 'R14', check: 'F:c1 == 0 or F:c2 <= F:c3' },
        { id: 'R15', check: 'abs(F:c1 - F:c2) <= F:t' },
        { id: 'R16', check: 'max(F:m1, F:m2) <= F:mt' },
        { id: 'R17', check: 'min(F:p1, F:p2) >= 1' },
        { id: 'R18', check: 'F:p1 * 2 <= 150' },
        { id: 'R19', check: 'F:m1 / 2 <= F:mt' },
        { id: 'R20', check: 'F:p1 + F:p2 <= 150', empty: 'zero' },
        { id: 'R21', check: 'F:p1 * F:m1 >= 10' },
        { id: 'R22', check: 'F:m1 / F:m2 <= 3' },
        { id: 'R23', check: 'F:bp == baseline_ratio(F:mt, F:mc1)' },
        { id: 'R24', check: 'F:p2 != F:p1 and -F:c1 + F:t >= 0' },
        { id: 'R25', check: 'F:k == 1 => F:p1 >= 50' },
        { id: 'R26', check: 'F:p2 == ratio(F:mc1, F:c2)', empty: 'skip-if-all' },
      ],
    },
  ],
};

// ---- report generator ---------------------------------------------------------------------------

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Cells = Record<string, SheetValue>;

export function generator(seed: number) {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: T[]): T => xs[int(xs.length)];
  const round = (x: number, k: number) => Math.round(x * 10 ** k) / 10 ** k;
  const count = () => (rnd() < 0.15 ? 0 : rnd() < 0.3 ? int(60) : int(6000));
  const money = () => round(rnd() * pick([10, 1000, 100000]), int(4));
  /** A value typed for a computed x: right at some precision, off by one unit, a tie, a slip. */
  const typedFor = (x: number, others: number[]): number => {
    const k = int(5);
    const u = 10 ** -k;
    return pick([
      round(x, k),
      round(x, k),
      round(x, k) + u,
      round(x, k) - u,
      Math.floor(x * 10 ** k) / 10 ** k,
      (Math.floor(x * 10 ** k) + 0.5) / 10 ** k,
      x,
      round(x / 100, 3),
      round(rnd() * 100, k),
      others.length ? pick(others) : x,
      0,
      100,
    ]);
  };
  return (): Cells => {
    const c: Cells = {};
    c['F:a1'] = count();
    c['F:b1'] = rnd() < 0.5 ? (c['F:a1'] as number) + count() : count();
    const a = c['F:a1'] as number;
    const b = c['F:b1'] as number;
    c['F:p1'] = typedFor(b === 0 ? 0 : (a * 100) / b, [a, b]);
    c['F:m1'] = money();
    c['F:m2'] = rnd() < 0.1 ? 0 : money();
    const m1 = c['F:m1'] as number;
    const m2 = c['F:m2'] as number;
    c['F:p2'] = typedFor(m2 === 0 ? 0 : (m1 * 100) / m2, []);
    c['F:base'] = count();
    c['F:now'] = rnd() < 0.7 ? Math.max(0, (c['F:base'] as number) - int(40)) : count();
    const base = c['F:base'] as number;
    c['F:bp'] = typedFor(base === 0 ? 0 : ((base - (c['F:now'] as number)) * 100) / base, []);
    c['F:c1'] = count();
    c['F:c2'] = count();
    c['F:c3'] = count();
    const s = (c['F:c1'] as number) + (c['F:c2'] as number) + (c['F:c3'] as number);
    c['F:t'] = pick([s, s, s + 1, s - 1, count()]);
    c['F:mc1'] = money();
    c['F:mc2'] = money();
    const ms = (c['F:mc1'] as number) + (c['F:mc2'] as number);
    const dk = int(4);
    c['F:mt'] = pick([ms, round(ms, dk), round(ms, dk) + 10 ** -dk, round(ms, dk) - 2 * 10 ** -dk, money()]);
    c['F:k'] = pick([0, 1, 2, 3, 1.5]);
    c['F:g'] = rnd() < 0.1 ? 5 : null;
    c['F:ns'] = rnd() < 0.1 ? 3 : null;
    // Noise: empty cells, text, negative and fractional numbers.
    for (const id of Object.keys(c)) {
      const r = rnd();
      if (r < 0.08) c[id] = null;
      else if (r < 0.1) c[id] = pick(['abc', 'không có', ' ']);
      else if (r < 0.11 && typeof c[id] === 'number') c[id] = -(c[id] as number) - 1;
      else if (r < 0.12 && typeof c[id] === 'number') c[id] = (c[id] as number) + 0.25;
    }
    return c;
  };
}

export function toValues(c: Cells): ReportValues {
  const v: ReportValues = new Map();
  for (const [id, x] of Object.entries(c)) {
    if (x === null) continue;
    if (typeof x === 'number') v.set(id, exact(x));
    else v.set(id, { value: null, raw: x, decimals: 0, alternatives: [], flags: ['not-a-number'] });
  }
  return v;
}
