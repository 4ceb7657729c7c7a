/**
 * The two BNV 2022 templates against the tables they were transcribed from: bnv2022-huyen
 * (seed 000, UBND huyện Kông Chro) and bnv2022-tinh (seed 004, UBND tỉnh Kiên Giang).
 * Every printed row must be in place with its STT, label and unit; every printed value must
 * fit its row's kind; every ratio has its rule, and the rules find exactly the errors the
 * seeds are known to hold; consolidation recipes name rows the child level really fills.
 */
import { readFileSync } from 'fs';
import path from 'path';
import seed000 from './fixtures/seeds/000.json';
import seed004 from './fixtures/seeds/004.json';
import { builtinTemplates, getTemplate } from '../src/core/template/registry';
import { reportsRow, type LoadedRule, type Template } from '../src/core/template/load';
import { chainById, childLevels } from '../src/core/template/levels';
import { parseExpr, refsOf, type Expr } from '../src/core/rules/expr';
import type { LevelId, RowDef } from '../src/core/template/schema';

interface SeedRow {
  stt: string;
  label: string;
  unit: string;
  value: string;
  note: string;
}
interface Seed {
  forms: { title: string; name: string; rows: SeedRow[] }[];
}

const huyen = getTemplate('bnv2022-huyen');
const tinh = getTemplate('bnv2022-tinh');

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
const rowsOf = (t: Template) => t.forms.flatMap((f) => f.rows);

/** Rows a template adds to the printed layout, with the reason. */
const TEMPLATE_ONLY: Record<string, string> = {
  'BM4:1.5.4.a': 'mốc năm 2015 của tỷ lệ ĐVSNCL cắt giảm (1.5.4)',
  'BM4:2.5.a': 'mốc năm 2015 của tỷ lệ biên chế tinh giản (2.5)',
  'BM4:3.4.a': 'mốc năm 2015 của tỷ lệ người làm việc tinh giản (3.4)',
};

/** Units that differ from the print on purpose: template id → row id → [printed, template, reason]. */
const UNIT_DIFFERENCES: Record<string, Record<string, [string, string, string]>> = {
  'bnv2022-huyen': {
    'BM1:4.1': ['%', 'Số lượng', '"Số cơ quan, đơn vị được thanh tra" is a count; 004 prints "Số lượng"'],
    'BM7:2': [
      '',
      'Đã liên thông = 1 Chưa liên thông = 2',
      'a commune answers this heading row with a code; the district answers in 2.a/2.b',
    ],
    'BM7:5.1.3': [
      '',
      'Đã kết nối = 1 Chưa kết nối = 2',
      'a commune answers with the legend of 5.1.2; the district answers in 5.1.3.a/.b',
    ],
    'BM7:5.3.3': [
      '',
      'Đã kết nối = 1 Chưa kết nối = 2',
      'a commune answers with the legend of 5.3.2; the district answers in 5.3.3.a/.b',
    ],
  },
  'bnv2022-tinh': {},
};

/** Printed values that are not a plain number: [row id, value read, reason]. */
const ANNOTATED_VALUES: Record<string, [number, string]> = {
  'BM7:7.4': [69.2, '000 writes "69.2 (72/104)": the official\'s own note after the number'],
};

const PAIRS: [string, Template, Seed][] = [
  ['bnv2022-huyen (seed 000)', huyen, seed000 as Seed],
  ['bnv2022-tinh (seed 004)', tinh, seed004 as Seed],
];

/** The STT an id stands for: `BM3:3.3.1` → "3.3.1", `BM1:I` → "I", lettered sub-rows → "". */
const sttOfId = (id: string) => {
  const p = id.split(':')[1];
  return /\.[a-z]$/.test(p) ? '' : p;
};

/** Seed rows paired with their template rows, form by form, skipping the template-only rows. */
function aligned(t: Template, seed: Seed): { form: string; row: RowDef; printed: SeedRow }[] {
  expect(t.forms.length).toBe(seed.forms.length);
  return t.forms.flatMap((form, i) => {
    const rows = form.rows.filter((r) => !(r.id in TEMPLATE_ONLY));
    const printed = seed.forms[i].rows;
    expect(rows.map((r) => r.id).length).toBe(printed.length);
    return printed.map((p, k) => ({ form: form.id, row: rows[k], printed: p }));
  });
}

/** Number reading good enough for the seeds: strip spaces and %, "2.531"/"2,004" are thousands, "99,6" a decimal. */
function naive(raw: string): { value: number; decimals: number } | null {
  const s = raw.replace(/\s+/g, '').replace(/%$/, '');
  if (s === '') return null;
  if (/^\d{1,3}([.,]\d{3})+$/.test(s)) return { value: Number(s.replace(/[.,]/g, '')), decimals: 0 };
  const m = /^\d+(?:[.,](\d+))?$/.exec(s);
  if (!m) return { value: NaN, decimals: 0 };
  return { value: Number(s.replace(',', '.')), decimals: m[1]?.length ?? 0 };
}

function fitsKind(row: RowDef, v: number): boolean {
  switch (row.kind) {
    case 'count':
      return Number.isInteger(v) && v >= 0;
    case 'money':
      return v >= 0;
    case 'percent':
      return v >= 0 && v <= 100;
    case 'code':
      return (row.codes ?? []).some((c) => c.value === v);
    case 'group':
      return false;
    case 'text':
      return true;
  }
}

/** A seed's typed values by row id, read naively. */
function seedValues(t: Template, seed: Seed): Map<string, { value: number; decimals: number }> {
  const out = new Map<string, { value: number; decimals: number }>();
  for (const { row, printed } of aligned(t, seed)) {
    const ann = ANNOTATED_VALUES[row.id];
    const r = t === huyen && ann ? { value: ann[0], decimals: 1 } : naive(printed.value);
    if (r) out.set(row.id, r);
  }
  return out;
}

/**
 * A minimal oracle for the rule shapes these templates use (not the product's engine):
 * `X == ratio(a, b)` compared at the precision typed in X, a denominator of 0 allowing only
 * 0 or empty; sums, bounds and conditions exact; `empty` treatment as in schema.ts.
 */
function holds(rule: LoadedRule, vals: Map<string, { value: number; decimals: number }>): 'pass' | 'fail' | 'skip' {
  const present = rule.rowIds.filter((id) => vals.has(id)).length;
  if (rule.empty === 'skip' && present < rule.rowIds.length) return 'skip';
  if (rule.empty === 'skip-if-all' && present === 0) return 'skip';
  const num = (e: Expr): number => {
    switch (e.type) {
      case 'num':
        return e.value;
      case 'ref':
        return vals.get(e.id)?.value ?? 0;
      case 'neg':
        return -num(e.arg);
      case 'bin': {
        const [a, b] = [num(e.left), num(e.right)];
        return e.op === '+' ? a + b : e.op === '-' ? a - b : e.op === '*' ? a * b : a / b;
      }
      case 'call': {
        const a = e.args.map(num);
        if (e.fn === 'ratio') return a[1] === 0 ? NaN : (a[0] / a[1]) * 100;
        if (e.fn === 'baseline_ratio') return a[0] === 0 ? NaN : ((a[0] - a[1]) / a[0]) * 100;
        if (e.fn === 'sum') return a.reduce((x, y) => x + y, 0);
        if (e.fn === 'max') return Math.max(...a);
        if (e.fn === 'min') return Math.min(...a);
        throw new Error(`oracle: ${e.fn}`);
      }
      default:
        throw new Error(`oracle: ${e.type}`);
    }
  };
  const truth = (e: Expr): boolean => {
    switch (e.type) {
      case 'logic':
        if (e.op === 'and') return truth(e.left) && truth(e.right);
        if (e.op === 'or') return truth(e.left) || truth(e.right);
        return !truth(e.left) || truth(e.right);
      case 'not':
        return !truth(e.arg);
      case 'call':
        if (e.fn === 'empty' || e.fn === 'filled') {
          const arg = e.args[0];
          const has = arg.type === 'ref' && vals.has(arg.id);
          return e.fn === 'filled' ? has : !has;
        }
        throw new Error(`oracle: ${e.fn}`);
      case 'cmp': {
        const l = num(e.left);
        const r = num(e.right);
        if (e.op === '==' && e.left.type === 'ref' && e.right.type === 'call') {
          if (Number.isNaN(r)) return l === 0;
          const d = vals.get(e.left.id)?.decimals ?? 0;
          return Math.abs(Number(r.toFixed(d)) - l) < 1e-9;
        }
        const ops = { '==': l === r, '!=': l !== r, '<=': l <= r, '>=': l >= r, '<': l < r, '>': l > r };
        return ops[e.op];
      }
      default:
        throw new Error(`oracle: ${e.type}`);
    }
  };
  return truth(rule.expr) ? 'pass' : 'fail';
}

const failing = (t: Template, level: LevelId, vals: Map<string, { value: number; decimals: number }>) =>
  t.allRules
    .filter((r) => (!r.levels || r.levels.includes(level)) && holds(r, vals) === 'fail')
    .map((r) => r.id)
    .sort();

describe('BNV 2022 templates: loading', () => {
  it('registers both layouts with their titles, headers, levels and one sheet per form', () => {
    expect(builtinTemplates().map((t) => t.id)).toEqual(expect.arrayContaining(['bnv2022-huyen', 'bnv2022-tinh']));
    expect(huyen).toMatchObject({
      version: '2022.1',
      levels: ['huyen', 'so', 'xa'],
      appendixLabel: 'Phụ lục 1',
      header: 'ket-qua',
      layout: 'sheet-per-form',
    });
    expect(tinh).toMatchObject({ version: '2022.1', levels: ['tinh'], header: 'period', layout: 'sheet-per-form' });
    expect(huyen.title.replace('{period}', '6 THÁNG ĐẦU NĂM 2022')).toBe(
      'BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH 6 THÁNG ĐẦU NĂM 2022',
    );
    expect(tinh.title.replace('{period}', '6 THÁNG ĐẦU NĂM 2022')).toBe(
      'THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH 6 THÁNG ĐẦU NĂM 2022',
    );
    for (const t of [huyen, tinh]) {
      expect(t.forms.map((f) => f.id)).toEqual(['BM1', 'BM2', 'BM3', 'BM4', 'BM5', 'BM6', 'BM7']);
      expect(t.forms.map((f) => f.sheet)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `Biểu mẫu ${n}`));
      expect(t.forms.map((f) => f.title)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `Biểu mẫu ${n}`));
    }
  });
});

describe.each(PAIRS)('%s', (_name, t, seed) => {
  const pairs = aligned(t, seed);

  it('has every printed row in order, with its STT, label and unit', () => {
    const differences = UNIT_DIFFERENCES[t.id];
    for (const { row, printed } of pairs) {
      expect([row.id, row.stt]).toEqual([row.id, printed.stt]);
      expect([row.id, sttOfId(row.id)]).toEqual([row.id, printed.stt.replace(/\.$/, '')]);
      expect([row.id, collapse(row.label)]).toEqual([row.id, collapse(printed.label)]);
      const diff = differences[row.id];
      if (diff) {
        expect([row.id, printed.unit, row.unit]).toEqual([row.id, diff[0], diff[1]]);
        expect(row.comment).toBeTruthy();
      } else {
        expect([row.id, collapse(row.unit)]).toEqual([row.id, collapse(printed.unit)]);
      }
    }
    expect(pairs.length).toBe(t === huyen ? 200 : 153);
  });

  it('adds only the documented template rows, right after the ratio they serve', () => {
    const extra = rowsOf(t).filter((r) => !pairs.some((p) => p.row === r));
    expect(extra.map((r) => r.id).sort()).toEqual(Object.keys(TEMPLATE_ONLY).sort());
    for (const r of extra) {
      const rows = rowsOf(t);
      const before = rows[rows.indexOf(r) - 1];
      expect(before.baseline).toBeDefined();
      expect(r.id).toBe(`${before.id}.a`);
    }
  });

  it('gives every printed value a kind it fits (the kinds are right)', () => {
    const misfits: string[] = [];
    for (const { row, printed } of pairs) {
      const raw = printed.value.trim();
      if (row.kind === 'group') {
        if (raw) misfits.push(`${row.id}: group row with value ${raw}`);
        continue;
      }
      const ann = ANNOTATED_VALUES[row.id];
      const v = t === huyen && ann ? ann[0] : naive(raw)?.value;
      if (v === undefined) continue;
      if (!fitsKind(row, v)) misfits.push(`${row.id} (${row.kind}): ${raw}`);
    }
    expect(misfits).toEqual([]);
  });

  it('keeps the Roman-numeral area rows of 004 as group rows', () => {
    const roman = pairs.filter((p) => /^[IVX]+\.$/.test(p.printed.stt));
    expect(roman.map((p) => p.row.id)).toEqual(
      t === tinh ? ['BM1:I', 'BM2:II', 'BM3:III', 'BM4:IV', 'BM5:V', 'BM6:VI', 'BM7:VII'] : [],
    );
    for (const p of roman) expect(p.row.kind).toBe('group');
  });

  it('names every row as its own BNV 2022 counterpart', () => {
    for (const r of rowsOf(t)) expect([r.id, r.bnv]).toEqual([r.id, r.id]);
  });
});

describe('who fills which row (Ghi chú)', () => {
  const FILL: Record<string, LevelId[]> = { 'Cấp sở báo': ['so'], 'Cấp huyện báo': ['huyen'], 'Không báo': [] };
  /** Heading rows whose "Cấp huyện báo" the district meets in its sub-rows, while a commune answers the row itself. */
  const COMMUNE_ANSWERS = ['BM7:2', 'BM7:5.1.3', 'BM7:5.3.3'];

  it('turns each printed fill instruction into the row note and its levels', () => {
    for (const { row, printed } of aligned(huyen, seed000 as Seed)) {
      const lv = FILL[printed.note];
      if (!lv) {
        expect([row.id, row.note]).toEqual([row.id, undefined]);
        continue;
      }
      expect([row.id, row.note]).toEqual([row.id, printed.note]);
      if (printed.note === 'Cấp huyện báo' && COMMUNE_ANSWERS.includes(row.id)) {
        expect(row.levels).toEqual(['xa']);
        expect(huyen.rowsById.get(`${row.id}.a`)?.levels).toEqual(['huyen']);
      } else if (printed.note === 'Cấp huyện báo') {
        expect(row.levels?.filter((l) => l !== 'xa')).toEqual(['huyen']);
      } else {
        expect([row.id, row.levels]).toEqual([row.id, lv]);
      }
    }
  });

  it('lets a commune type its own figures in the cấp xã rows and nowhere reserved for others', () => {
    const xa = rowsOf(huyen)
      .filter((r) => reportsRow(huyen, r, 'xa'))
      .map((r) => r.id);
    for (const id of ['BM2:1.3', 'BM3:1.4.3', 'BM3:3.3.1', 'BM3:3.3.2', 'BM7:5.2.3', 'BM7:8.4.1', 'BM7:5.1.3'])
      expect(xa).toContain(id);
    for (const id of [
      'BM2:1.1',
      'BM2:1.2',
      'BM3:3.2.1',
      'BM3:1.4.2',
      'BM7:7.4.1',
      'BM7:6.4.1',
      'BM4:1.5.3',
      'BM7:5.1.3.a',
    ])
      expect(xa).not.toContain(id);
  });

  it('puts no fill instruction on the province template (004 notes are the unit’s own remarks)', () => {
    for (const r of rowsOf(tinh)) {
      expect(r.note).toBeUndefined();
      expect(r.levels).toBeUndefined();
    }
  });

  it('marks as cumulative the rows whose label says lũy kế, and the parts of BM1 2', () => {
    for (const t of [huyen, tinh]) {
      const lk = rowsOf(t)
        .filter((r) => r.kind !== 'group' && /lũy kế/i.test(r.label))
        .map((r) => r.id);
      const cumulative = rowsOf(t)
        .filter((r) => r.cumulative)
        .map((r) => r.id);
      expect(cumulative.sort()).toEqual([...lk, 'BM1:2.1', 'BM1:2.2'].sort());
    }
  });
});

describe('rules', () => {
  const ratioRule = (t: Template, pct: string) =>
    t.allRules.find((r) => {
      const e = r.expr;
      return (
        e.type === 'cmp' &&
        e.op === '==' &&
        e.left.type === 'ref' &&
        e.left.id === pct &&
        e.right.type === 'call' &&
        e.right.fn === 'ratio'
      );
    });

  it('has a rule for every ratio of domain.md, numerator over denominator', () => {
    const list = (sections: string[]) => [
      'BM1:2',
      'BM2:2.2',
      'BM2:3.2',
      'BM3:3.1',
      'BM3:3.2',
      'BM3:3.3',
      'BM3:3.4',
      'BM6:1',
      ...sections.flatMap((s) => [1, 2, 3, 4, 5].map((k) => `BM7:${s}.${k}`)),
    ];
    for (const [t, ids] of [
      [huyen, list(['6', '7', '8'])],
      [tinh, list(['6'])],
    ] as const) {
      for (const id of ids) {
        const r = ratioRule(t, id);
        expect([id, r?.check]).toEqual([id, `${id} == ratio(${id}.2, ${id}.1)`]);
        expect(r?.severity).toBe('error');
      }
    }
  });

  it('has a ratio rule for every percent row whose .1 and .2 are counts or money', () => {
    for (const t of [huyen, tinh]) {
      for (const r of rowsOf(t).filter((x) => x.kind === 'percent')) {
        const parts = [t.rowsById.get(`${r.id}.1`), t.rowsById.get(`${r.id}.2`)];
        if (parts.every((p) => p && (p.kind === 'count' || p.kind === 'money')))
          expect([r.id, !!ratioRule(t, r.id)]).toEqual([r.id, true]);
      }
    }
  });

  it('reads rows of the right kinds: percent = ratio(count, count), sums and bounds over counts or money', () => {
    const quantity = (k: string) => k === 'count' || k === 'money';
    for (const t of [huyen, tinh]) {
      for (const rule of t.allRules) {
        const kinds = rule.rowIds.map((id) => t.rowsById.get(id)!.kind);
        expect([rule.id, kinds.includes('group')]).toEqual([rule.id, false]);
        const e = rule.expr;
        const isCall = e.type === 'cmp' && e.right.type === 'call' && ['ratio', 'baseline_ratio'].includes(e.right.fn);
        if (/\.(ratio|base)\./.test(rule.id)) {
          expect(isCall).toBe(true);
          expect([rule.id, kinds[0]]).toEqual([rule.id, 'percent']);
          expect([rule.id, kinds.slice(1).every(quantity)]).toEqual([rule.id, true]);
        } else if (/\.(sum|le|ge)\.|^X\.(tthc|fee|dvsn)$/.test(rule.id)) {
          expect([rule.id, kinds.every(quantity)]).toEqual([rule.id, true]);
        }
        // a code row is only compared with one of its codes
        const walk = (x: Expr): void => {
          if (x.type === 'cmp' && x.left.type === 'ref' && x.right.type === 'num') {
            const row = t.rowsById.get(x.left.id)!;
            if (row.kind === 'code')
              expect([rule.id, row.codes!.some((c) => c.value === (x.right as { value: number }).value)]).toEqual([
                rule.id,
                true,
              ]);
          }
          if (x.type === 'logic' || x.type === 'cmp' || x.type === 'bin') [x.left, x.right].forEach(walk);
          if (x.type === 'not') walk(x.arg);
        };
        walk(e);
      }
    }
  });

  it('never writes a rule that no level could run (all cells of a skip rule are filled by some level)', () => {
    for (const t of [huyen, tinh]) {
      for (const rule of t.allRules.filter((r) => r.empty === 'skip')) {
        const ok = (rule.levels ?? t.levels).some((l) =>
          rule.rowIds.every((id) => reportsRow(t, t.rowsById.get(id)!, l)),
        );
        expect([rule.id, ok]).toEqual([rule.id, true]);
      }
    }
  });

  it('finds exactly the known errors of seed 000 (ratios, ĐVSNCL 33 vs 38) and nothing more', () => {
    expect(failing(huyen, 'huyen', seedValues(huyen, seed000 as Seed))).toEqual(
      ['BM2.ratio.3.2', 'BM7.ratio.7.4', 'BM7.ratio.7.5', 'BM7.ratio.8.5', 'X.dvsn'].sort(),
    );
  });

  it('finds nothing in seed 004 but the cross-form ĐVSNCL 911 vs 811 (a false-positive control)', () => {
    expect(failing(tinh, 'tinh', seedValues(tinh, seed004 as Seed))).toEqual(['X.dvsn']);
  });

  it('runs the 2015 baselines once they are typed (003 writes them in Ghi chú)', () => {
    // 003 (Quảng Điền, Quý I/2024): ĐVSNCL 50 now, "Năm 2015: 55" → 9,09 (003 typed 10);
    // biên chế 77 now, "Năm 2015: 86" → 10,5; người làm việc 1494 now, "Năm 2015: 1568" → 4,72.
    const vals = new Map(
      Object.entries({
        'BM4:1.5': 50,
        'BM4:1.5.3': 50,
        'BM4:1.5.4': 10,
        'BM4:1.5.4.a': 55,
        'BM4:2.1': 77,
        'BM4:2.2': 75,
        'BM4:2.5': 10.5,
        'BM4:2.5.a': 86,
        'BM4:3.1': 1494,
        'BM4:3.2': 1431,
        'BM4:3.4': 4.72,
        'BM4:3.4.a': 1568,
      }).map(([k, v]) => [k, { value: v, decimals: String(v).split('.')[1]?.length ?? 0 }]),
    );
    for (const t of [huyen, tinh]) {
      expect(failing(t, t.levels[0], vals)).toEqual(['BM4.base.1.5.4']);
      vals.set('BM4:1.5.4', { value: 9.09, decimals: 2 });
      expect(failing(t, t.levels[0], vals)).toEqual([]);
      vals.set('BM4:1.5.4', { value: 10, decimals: 0 });
      // without the baseline the rule cannot run: it is skipped, never guessed
      const noBase = new Map(vals);
      noBase.delete('BM4:1.5.4.a');
      expect(
        holds(
          t.allRules.find((r) => r.id === 'BM4.base.1.5.4')!,
          noBase,
        ),
      ).toBe('skip');
    }
    for (const r of rowsOf(huyen).filter((x) => x.baseline)) expect([r.id, r.baseline!.year]).toEqual([r.id, 2015]);
  });

  it('checks the sum of 2.4.1–2.4.3 only once they are typed (004 leaves them empty with a note)', () => {
    const rule = tinh.allRules.find((r) => r.id === 'BM6.sum.2.4')!;
    const v = (o: Record<string, number>) => new Map(Object.entries(o).map(([k, n]) => [k, { value: n, decimals: 0 }]));
    expect(holds(rule, v({ 'BM6:2.4': 132 }))).toBe('pass');
    expect(holds(rule, v({ 'BM6:2.4': 132, 'BM6:2.4.1': 100 }))).toBe('fail');
    expect(holds(rule, v({ 'BM6:2.4': 132, 'BM6:2.4.1': 100, 'BM6:2.4.2': 32 }))).toBe('pass');
  });

  it('keeps survey details empty when there was no survey', () => {
    const rule = huyen.allRules.find((r) => r.id === 'BM1.if.6')!;
    const v = (o: Record<string, number>) => new Map(Object.entries(o).map(([k, n]) => [k, { value: n, decimals: 0 }]));
    expect(holds(rule, v({ 'BM1:6': 1, 'BM1:6.1': 450, 'BM1:6.2': 1 }))).toBe('pass');
    expect(holds(rule, v({ 'BM1:6': 0, 'BM1:6.1': 450 }))).toBe('fail');
    expect(holds(rule, v({ 'BM1:6': 0 }))).toBe('pass');
    expect(holds(rule, v({ 'BM1:6.1': 450 }))).toBe('pass');
  });
});

describe('consolidation recipes', () => {
  const chain3 = chainById('3cap');
  const chain2 = chainById('2cap');

  /** [template, key, the child levels of that key's chain] */
  const KEYS: [Template, string, LevelId[]][] = [
    [huyen, 'huyen', childLevels(chain3, 'huyen')],
    [tinh, 'tinh', childLevels(chain3, 'tinh')],
    [tinh, 'tinh@2cap', childLevels(chain2, 'tinh')],
  ];

  it('says how every row the parent fills is consolidated', () => {
    for (const r of rowsOf(huyen)) {
      if (reportsRow(huyen, r, 'huyen')) expect([r.id, typeof r.consolidate?.huyen]).toEqual([r.id, 'string']);
      else expect([r.id, r.consolidate]).toEqual([r.id, undefined]);
    }
    for (const r of rowsOf(tinh)) {
      if (r.kind !== 'group') expect([r.id, typeof r.consolidate?.tinh]).toEqual([r.id, 'string']);
      for (const k of Object.keys(r.consolidate ?? {})) expect(['tinh', 'tinh@2cap']).toContain(k);
    }
  });

  it('reads, in the children’s template (bnv2022-huyen), rows the child level really fills', () => {
    for (const [t, key, children] of KEYS) {
      for (const r of rowsOf(t)) {
        const src = r.consolidate?.[key] ?? (key === 'tinh@2cap' ? r.consolidate?.tinh : undefined);
        if (!src) continue;
        if (key === 'tinh@2cap' && !r.consolidate?.[key]) {
          // falls back to the 3-tier recipe: it must then name no district row
          expect([r.id, refsOf(parseExpr(src)).filter((x) => x.level === 'huyen')]).toEqual([r.id, []]);
        }
        for (const ref of refsOf(parseExpr(src))) {
          expect([r.id, key, ref.level && children.includes(ref.level)]).toEqual([r.id, key, true]);
          const child = huyen.rowsById.get(ref.id);
          expect([r.id, ref.id, !!child && reportsRow(huyen, child, ref.level!)]).toEqual([r.id, ref.id, true]);
        }
      }
    }
  });

  it('uses each term on rows of a matching kind', () => {
    const quantity = (k?: string) => k === 'count' || k === 'money';
    for (const [t, key] of KEYS) {
      for (const r of rowsOf(t)) {
        const src = r.consolidate?.[key];
        if (!src) continue;
        const e = parseExpr(src);
        if (src === 'recompute') {
          const rule = t.allRules.find(
            (x) =>
              x.expr.type === 'cmp' &&
              x.expr.op === '==' &&
              x.expr.left.type === 'ref' &&
              x.expr.left.id === r.id &&
              /\.(ratio|base|sum)\./.test(x.id),
          );
          expect([r.id, rule?.id !== undefined]).toEqual([r.id, true]);
          continue;
        }
        const calls: Expr[] = [];
        const walk = (x: Expr): void => {
          if (x.type === 'call') {
            calls.push(x);
            x.args.forEach(walk);
          }
          if (x.type === 'bin') [x.left, x.right].forEach(walk);
        };
        walk(e);
        for (const c of calls) {
          if (c.type !== 'call') continue;
          if (c.fn === 'sum' || c.fn === 'uniform') {
            const arg = c.args[0];
            expect(arg.type).toBe('ref');
            if (arg.type === 'ref') expect([r.id, quantity(huyen.rowsById.get(arg.id)?.kind)]).toEqual([r.id, true]);
            if (!['ratio'].includes(e.type === 'call' ? e.fn : ''))
              expect([r.id, quantity(r.kind)]).toEqual([r.id, true]);
          }
          if (c.fn === 'share' || c.fn === 'count') {
            const arg = c.args[0];
            if (arg.type === 'level') {
              expect([r.id, r.kind]).toEqual([r.id, 'count']);
              continue;
            }
            expect(arg.type).toBe('cmp');
            if (arg.type === 'cmp' && arg.left.type === 'ref' && arg.right.type === 'num') {
              const child = huyen.rowsById.get(arg.left.id)!;
              const value = arg.right.value;
              expect([r.id, child.kind, child.codes?.some((x) => x.value === value)]).toEqual([r.id, 'code', true]);
            }
            expect([r.id, r.kind]).toEqual([r.id, c.fn === 'share' ? 'percent' : 'count']);
          }
          if (c.fn === 'ratio') expect([r.id, r.kind]).toEqual([r.id, 'percent']);
        }
      }
    }
  });

  it('follows the domain: communes’ dossiers summed, catalogues taken once, ratios recomputed, codes counted', () => {
    const c = (t: Template, id: string, key: string) => t.rowsById.get(id)?.consolidate?.[key];
    expect(c(huyen, 'BM3:3.3.1', 'huyen')).toBe('sum(xa.BM3:3.3.1)');
    expect(c(huyen, 'BM2:1.3', 'huyen')).toBe('sum(xa.BM2:1.3)');
    expect(c(huyen, 'BM3:1.4.3', 'huyen')).toBe('uniform(xa.BM3:1.4.3)');
    expect(c(huyen, 'BM3:3.3', 'huyen')).toBe('recompute');
    expect(c(huyen, 'BM7:5.1.3.a', 'huyen')).toBe('count(xa)');
    expect(c(huyen, 'BM7:5.1.3.b', 'huyen')).toBe('count(xa.BM7:5.1.3 == 1)');
    expect(c(huyen, 'BM1:1', 'huyen')).toBe('own');
    expect(c(tinh, 'BM4:1.2', 'tinh')).toBe('share(huyen.BM4:1.2.a == 1)');
    expect(c(tinh, 'BM3:3.3.1', 'tinh')).toBe('sum(huyen.BM3:3.3.1)');
    expect(c(tinh, 'BM3:3.3.1', 'tinh@2cap')).toBe('sum(xa.BM3:3.3.1)');
    expect(c(tinh, 'BM7:6.3.1', 'tinh')).toBe(
      'sum(so.BM7:6.3.1) + uniform(huyen.BM7:7.3.1) + uniform(huyen.BM7:8.3.1)',
    );
    // no ratio is ever averaged or summed
    for (const t of [huyen, tinh]) {
      for (const r of rowsOf(t).filter((x) => x.kind === 'percent')) {
        for (const src of Object.values(r.consolidate ?? {}))
          expect([r.id, /^(sum|uniform)\(|\+/.test(src)]).toEqual([r.id, false]);
      }
    }
  });
});

describe('ids shared by the two layouts', () => {
  /** Same id, different kind on purpose: the province reports a percentage over units, the others a code or sub-rows. */
  const KIND_DIFFERENCES = [
    'BM4:1.1',
    'BM4:1.2',
    'BM7:5.1.1',
    'BM7:5.1.2',
    'BM7:5.1.3',
    'BM7:5.3.1',
    'BM7:5.3.2',
    'BM7:5.3.3',
  ];

  it('gives an id the same kind in both templates, except where the province reports a percentage', () => {
    const diffs = rowsOf(tinh)
      .filter((r) => huyen.rowsById.has(r.id) && huyen.rowsById.get(r.id)!.kind !== r.kind)
      .map((r) => r.id);
    expect(diffs).toEqual(KIND_DIFFERENCES);
    for (const id of KIND_DIFFERENCES) expect(tinh.rowsById.get(id)!.kind).toBe('percent');
  });

  it('shares the ids of the numbered rows both prints have', () => {
    const numbered = (t: Template) =>
      new Set(
        rowsOf(t)
          .filter((r) => /^\d/.test(r.stt))
          .map((r) => r.id),
      );
    const h = numbered(huyen);
    const onlyTinh = [...numbered(tinh)].filter((id) => !h.has(id));
    expect(onlyTinh).toEqual([]);
    const onlyHuyen = [...h].filter((id) => !tinh.rowsById.has(id));
    expect(onlyHuyen).toEqual([
      'BM1:5.5',
      'BM1:5.6',
      'BM1:5.7',
      'BM1:5.8',
      ...rowsOf(huyen)
        .filter((r) => /^BM7:[78](\.|$)/.test(r.id))
        .map((r) => r.id),
    ]);
  });

  it('documents every lettered id in docs/templates.md', () => {
    const doc = readFileSync(path.join(__dirname, '..', 'docs', 'templates.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## bnv2022-huyen and bnv2022-tinh'));
    expect(section.length).toBeGreaterThan(0);
    for (const t of [huyen, tinh]) {
      for (const r of rowsOf(t).filter((x) => /\.[a-z]$/.test(x.id)))
        expect([r.id, section.includes(r.id)]).toEqual([r.id, true]);
    }
  });
});
