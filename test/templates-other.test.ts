/**
 * The 2024 layout (Phụ lục 2–8, seed 003) and Phụ lục 1B (seed 001) as data: they load, they
 * reproduce the printed tables row for row, their rules are well typed and catch the seeds'
 * known errors, and every BNV 2022 counterpart exists.
 */
import { loadTemplate, reportsRow, type LoadedRule, type Template } from '../src/core/template/load';
import { builtinTemplates } from '../src/core/template/registry';
import { consolidate } from '../src/core/consolidate/engine';
import { chainById } from '../src/core/template/levels';
import { exact, type ReportValues } from '../src/core/values';
import { parseExpr, printExpr, refsOf, type Expr } from '../src/core/rules/expr';
import type { RowDef, RowKind } from '../src/core/template/schema';
import pl2024Source from '../src/core/template/builtin/pl2024.json';
import pl1bSource from '../src/core/template/builtin/pl1b.json';
import bnvHuyenSource from '../src/core/template/builtin/bnv2022-huyen.json';
import bnvTinhSource from '../src/core/template/builtin/bnv2022-tinh.json';
import seed000 from './fixtures/seeds/000.json';
import seed001 from './fixtures/seeds/001.json';
import seed003 from './fixtures/seeds/003.json';
import seed004 from './fixtures/seeds/004.json';

interface SeedRow {
  stt: string;
  label: string;
  unit: string;
  value: string;
  note: string;
}
interface Seed {
  level: string;
  forms: { title: string; name: string; rows: SeedRow[] }[];
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
const sttId = (stt: string) => stt.trim().replace(/\.$/, '');

/**
 * BNV 2022 ids as the seeds number them: BM{n}:{stt}; an unnumbered row takes a letter after its
 * parent: the last numbered heading for an unnumbered heading (000's two headings under BM1 5 are
 * 5.a and 5.b), else the last numbered row (BM4:1.1.a, BM7:5.1.3.b).
 */
function bnvIdsFromSeeds(): Set<string> {
  const ids = new Set<string>();
  for (const seed of [seed000, seed004] as Seed[]) {
    seed.forms.forEach((form, i) => {
      let last = '';
      let lastHeading = '';
      const letters = new Map<string, number>();
      for (const r of form.rows) {
        const s = sttId(r.stt);
        if (s) {
          last = s;
          if (r.unit === '') lastHeading = s;
          ids.add(`BM${i + 1}:${s}`);
        } else {
          const parent = r.unit === '' ? lastHeading : last;
          const n = letters.get(parent) ?? 0;
          letters.set(parent, n + 1);
          ids.add(`BM${i + 1}:${parent}.${'abcdefgh'[n]}`);
        }
      }
    });
  }
  return ids;
}

/** The BNV template files once they are real (not the stubs of the project skeleton). */
const bnvSources = [bnvHuyenSource, bnvTinhSource] as {
  version: string;
  forms: { id: string; rows: { id: string }[] }[];
}[];
const bnvFilesReal = bnvSources.every((s) => !s.version.includes('stub'));
const BNV_IDS: Set<string> = bnvFilesReal
  ? new Set(bnvSources.flatMap((s) => s.forms.flatMap((f) => f.rows.map((r) => r.id))))
  : bnvIdsFromSeeds();

const pl2024 = loadTemplate(pl2024Source, { knownBnvIds: BNV_IDS });
const pl1b = loadTemplate(pl1bSource, { knownBnvIds: BNV_IDS });
const rowsOf = (t: Template) => t.forms.flatMap((f) => f.rows);

/** Rows the templates add to the printed tables: a cell for each 2015 baseline ("Năm 2015: 55" in 003's Ghi chú). */
const ADDED_ROWS = ['PL5:1.5.4.a', 'PL5:2.5.a', 'PL5:3.4.a', '1B:4.1.5.4.a', '1B:4.2.5.a', '1B:4.3.4.a'];

/** Where the template deliberately differs from the printed text, and why. */
const DIFFERENCES: Record<string, { label?: string; unit?: string; why: string }> = {
  'PL6:4': {
    unit: 'Người',
    why: 'total of people disciplined printed without a unit (a count, compared with 4.1–4.4)',
  },
  'PL8:2': {
    label:
      'Xây dựng và vận hành Hệ thống họp trực tuyến Liên thông 2 cấp: Từ UBND tỉnh - 100% UBND các huyện Liên thông 3 cấp: Từ UBND tỉnh - 100% UBND cấp huyện, cấp xã',
    why: 'typo "hợp trực tuyến" corrected to "họp" (as in 001)',
  },
  '1B:1': { unit: '', why: 'area heading printed with the unit "Văn bản" and no value' },
  '1B:2': { unit: '', why: 'area heading printed with the unit "Văn bản" and no value' },
  '1B:1.4.1': { unit: 'Số lượng', why: 'printed "%" for a count of bodies inspected' },
  '1B:1.5': {
    label:
      'Thực hiện nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh giao (Đối với cấp xã thực hiện nhiệm vụ UBND huyện, Chủ tịch UBND huyện giao)',
    why: 'typo "hực hiện" corrected',
  },
  '1B:5.4': {
    unit: 'Người',
    why: 'total of people disciplined printed without a unit (a count, compared with 5.4.1–5.4.4)',
  },
};

/** Heading rows on which a seed printed a value anyway. */
const VALUES_ON_HEADINGS = ['PL3:2', 'PL3:3', '1B:7.5.2', '1B:7.5.5', '1B:7.7.9'];

/** Percent rows that are neither a ratio of two child rows nor a 2015 baseline ratio: no arithmetic rule. */
const STANDALONE_PERCENT = [
  'PL5:1.1',
  'PL5:1.2',
  'PL8:3',
  'PL8:5.1.1',
  'PL8:5.1.2',
  'PL8:5.1.3',
  'PL8:5.2',
  'PL8:5.2.1',
  'PL8:5.2.2',
  'PL8:5.2.3',
  'PL8:5.3.1',
  'PL8:5.3.2',
  'PL8:5.3.3',
  '1B:1.4.2',
  '1B:4.1.1',
  '1B:4.1.2',
  '1B:7.2',
  '1B:7.3.1',
  '1B:7.3.1.1',
  '1B:7.3.1.2',
  '1B:7.3.1.3',
  '1B:7.3.2.1',
  '1B:7.3.2.2',
  '1B:7.3.2.3',
  '1B:7.5.5.3',
  '1B:7.5.5.4',
  '1B:7.5.8',
];

/** Pairs each printed row of a seed with the template row at the same place (forms in order). */
function pairUp(t: Template, seed: Seed, formOfSeedForm: (i: number) => string): { row: RowDef; printed: SeedRow }[] {
  const pairs: { row: RowDef; printed: SeedRow }[] = [];
  const byForm = new Map<string, SeedRow[]>();
  seed.forms.forEach((f, i) => byForm.set(formOfSeedForm(i), [...(byForm.get(formOfSeedForm(i)) ?? []), ...f.rows]));
  for (const form of t.forms) {
    const printed = byForm.get(form.id) ?? [];
    const rows = form.rows.filter((r) => !ADDED_ROWS.includes(r.id));
    expect(rows.map((r) => r.stt)).toEqual(printed.map((p) => p.stt));
    rows.forEach((row, i) => pairs.push({ row, printed: printed[i] }));
  }
  return pairs;
}
const pairs2024 = () => pairUp(pl2024, seed003 as Seed, (i) => `PL${i + 2}`);
const pairs1b = () => pairUp(pl1b, seed001 as Seed, () => '1B');

/** The reading the brief asks for: "1.213" → 1213, "99,6" → 99.6, "100%" → 100, "01" → 1. */
function naive(raw: string): { value: number; decimals: number } | null {
  const s = raw.trim().replace(/%$/, '');
  if (s === '') return null;
  if (/^\d{1,3}(\.\d{3})+$/.test(s)) return { value: Number(s.replace(/\./g, '')), decimals: 0 };
  const d = s.replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(d)) throw new Error(`not a number: ${raw}`);
  return { value: Number(d), decimals: d.includes('.') ? d.split('.')[1].length : 0 };
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
    default:
      return false;
  }
}

/** Parses a printed legend: "Chưa có = 0 2 cấp = 1 3 cấp = 2" → [{0,"Chưa có"}, {1,"2 cấp"}, {2,"3 cấp"}]. */
function legend(unit: string): { value: number; label: string }[] {
  return [...unit.matchAll(/\s*([^=;]+?)\s*=\s*(\d+)\s*;?/g)].map((m) => ({ value: Number(m[2]), label: m[1].trim() }));
}

// ---------------------------------------------------------------------------------------------
// A deliberately small oracle for this test only: it evaluates the templates' rules on the seeds'
// naive numbers so the test can show which findings the data produces. It is not the rule engine.
type Vals = Map<string, { value: number; decimals: number }>;
function evaluate(rule: LoadedRule, vals: Vals): boolean | 'skipped' {
  // cells read for their value; a cell only tested with empty()/filled() never makes a rule skip
  const valued = new Set<string>();
  const collect = (e: Expr): void => {
    if (e.type === 'ref') valued.add(e.id);
    if (e.type === 'call' && e.fn !== 'empty' && e.fn !== 'filled') e.args.forEach(collect);
    if (e.type === 'bin' || e.type === 'cmp' || e.type === 'logic') [e.left, e.right].forEach(collect);
    if (e.type === 'neg' || e.type === 'not') collect(e.arg);
  };
  collect(rule.expr);
  const missing = [...valued].filter((id) => !vals.has(id));
  if (rule.empty === 'skip' && missing.length > 0) return 'skipped';
  if (rule.empty === 'skip-if-all' && missing.length === valued.size) return 'skipped';
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
      case 'call':
        if (e.fn === 'ratio') return (num(e.args[0]) / num(e.args[1])) * 100;
        if (e.fn === 'baseline_ratio') return ((num(e.args[0]) - num(e.args[1])) / num(e.args[0])) * 100;
        if (e.fn === 'max') return Math.max(...e.args.map(num));
        if (e.fn === 'min') return Math.min(...e.args.map(num));
        throw new Error(`oracle: ${e.fn}`);
      default:
        throw new Error(`oracle: ${e.type}`);
    }
  };
  const truth = (e: Expr): boolean => {
    switch (e.type) {
      case 'logic':
        return e.op === 'and'
          ? truth(e.left) && truth(e.right)
          : e.op === 'or'
            ? truth(e.left) || truth(e.right)
            : !truth(e.left) || truth(e.right);
      case 'not':
        return !truth(e.arg);
      case 'call':
        if (e.fn === 'empty' || e.fn === 'filled')
          return vals.has((e.args[0] as { id: string }).id) === (e.fn === 'filled');
        throw new Error(`oracle: ${e.fn}`);
      case 'cmp': {
        const left = num(e.left);
        const right = num(e.right);
        if (e.op === '==' && e.right.type === 'call' && e.left.type === 'ref') {
          // a typed percentage against its computed value, at the precision typed; denominator 0 → 0
          if (!Number.isFinite(right)) return left === 0;
          const d = vals.get(e.left.id)?.decimals ?? 0;
          return Math.abs(left - right) <= 0.5 * 10 ** -d + 1e-9;
        }
        const ops = {
          '==': left === right,
          '!=': left !== right,
          '<=': left <= right,
          '>=': left >= right,
          '<': left < right,
          '>': left > right,
        };
        return ops[e.op];
      }
      default:
        throw new Error(`oracle: ${e.type}`);
    }
  };
  return truth(rule.expr);
}

/** Seed values by row id, with 003's Ghi chú baselines ("Năm 2015: 55") put into the added baseline rows. */
function seedValues(pairs: { row: RowDef; printed: SeedRow }[]): Vals {
  const vals: Vals = new Map();
  for (const { row, printed } of pairs) {
    const v = row.kind === 'group' ? null : naive(printed.value);
    if (v) vals.set(row.id, v);
    const base = /Năm 2015:\s*([\d.,]+)/.exec(printed.note);
    if (base && row.baseline) vals.set(`${row.id}.a`, naive(base[1])!);
  }
  return vals;
}

function failing(t: Template, vals: Vals, level: 'xa' | 'huyen') {
  return t.allRules
    .filter((r) => !r.levels || r.levels.includes(level))
    .filter((r) => evaluate(r, vals) === false)
    .map((r) => `${r.severity} ${r.id}`)
    .sort();
}

// ---------------------------------------------------------------------------------------------

describe('the 2024 layout and Phụ lục 1B as data', () => {
  it('load with their rules and consolidation references checked against the BNV 2022 ids', () => {
    expect(pl2024.forms.map((f) => [f.id, f.title, f.sheet])).toEqual(
      [2, 3, 4, 5, 6, 7, 8].map((n) => [`PL${n}`, `Phụ lục ${n}`, `Phụ lục ${n}`]),
    );
    expect(pl2024.forms[0].heading).toBe(
      'BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH',
    );
    expect(pl2024.forms.every((f) => f.heading?.startsWith('BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO '))).toBe(true);
    expect([pl2024.version, pl2024.levels, pl2024.layout, pl2024.header]).toEqual([
      '2024.1',
      ['huyen', 'xa'],
      'sheet-per-form',
      'ket-qua',
    ]);
    expect(pl1b.forms.map((f) => [f.id, f.sheet])).toEqual([['1B', 'Phụ lục 1B']]);
    expect([pl1b.version, pl1b.levels, pl1b.layout, pl1b.appendixLabel]).toEqual([
      '2022.1',
      ['xa', 'huyen'],
      'single-table',
      'Phụ lục 1B',
    ]);
    expect(pl1b.title).toContain('{period}');
    // a consolidation reference to a BNV id that does not exist is refused
    const broken = JSON.parse(JSON.stringify(pl2024Source));
    broken.forms[2].rows.find((r: RowDef) => r.id === 'PL4:3.3.1').consolidate.huyen = 'sum(xa.BM3:3.3.9)';
    expect(() => loadTemplate(broken, { knownBnvIds: BNV_IDS })).toThrow(/BM3:3\.3\.9/);
  });

  (bnvFilesReal ? it : it.skip)('load through the registry with the real BNV 2022 files', () => {
    expect(builtinTemplates().map((t) => t.id)).toEqual(expect.arrayContaining(['pl2024', 'pl1b']));
  });

  it.each([
    ['003 / pl2024', pairs2024],
    ['001 / pl1b', pairs1b],
  ])('reproduce every printed row of %s in order, with its STT, label and unit', (_name, pairs) => {
    const seen = new Set<string>();
    for (const { row, printed } of pairs()) {
      expect(row.id).toBe(`${row.id.split(':')[0]}:${sttId(printed.stt)}`);
      const diff = DIFFERENCES[row.id];
      const label = diff?.label ?? collapse(printed.label);
      const unit = diff?.unit ?? collapse(printed.unit);
      expect([row.id, collapse(row.label), collapse(row.unit)]).toEqual([row.id, label, unit]);
      if (diff) {
        // the documented difference is real, and says why
        expect(
          diff.label !== undefined ? collapse(printed.label) !== diff.label : collapse(printed.unit) !== diff.unit,
        ).toBe(true);
        expect(row.comment).toBeTruthy();
        seen.add(row.id);
      }
    }
    const mine = Object.keys(DIFFERENCES).filter((id) => id.startsWith(pairs === pairs2024 ? 'PL' : '1B'));
    expect([...seen].sort()).toEqual(mine.sort());
  });

  it('keep the irregular STT of 1B as printed and drop only the trailing dot in ids', () => {
    for (const [stt, id] of [
      ['1.3.', '1B:1.3'],
      ['2.1.2.', '1B:2.1.2'],
      ['7.4.4.2.', '1B:7.4.4.2'],
      ['7.5.8', '1B:7.5.8'],
      ['7.7.9', '1B:7.7.9'],
    ]) {
      expect(pl1b.rowsById.get(id)?.stt).toBe(stt);
    }
    expect(pl1b.rowsById.get('1B:1.4')?.label).toMatch(/^Kiểm tra việc thực hiện/);
    expect(
      rowsOf(pl1b)
        .filter((r) => r.id.startsWith('1B:7.5') || r.id.startsWith('1B:7.7'))
        .every((r) => !r.bnv),
    ).toBe(true);
  });

  it('derive each kind from the printed unit and each code list from its legend', () => {
    for (const { row } of [...pairs2024(), ...pairs1b()]) {
      const unit = row.unit.toLowerCase();
      const expected: RowKind =
        unit === ''
          ? 'group'
          : unit === '%'
            ? 'percent'
            : unit === 'triệu đồng'
              ? 'money'
              : unit.includes('=')
                ? 'code'
                : 'count';
      expect([row.id, row.kind]).toEqual([row.id, expected]);
      if (row.kind === 'code') expect(row.codes).toEqual(legend(row.unit));
    }
    expect(pl2024.rowsById.get('PL8:2')?.codes).toEqual([
      { value: 0, label: 'Chưa có' },
      { value: 1, label: '2 cấp' },
      { value: 2, label: '3 cấp' },
    ]);
  });

  it('accept every value the seeds typed, read naively, in its row (headings excepted where a seed put a value)', () => {
    for (const { row, printed } of [...pairs2024(), ...pairs1b()]) {
      const v = naive(printed.value);
      if (v === null) continue;
      if (row.kind === 'group') {
        expect(VALUES_ON_HEADINGS).toContain(row.id);
        continue;
      }
      expect([row.id, printed.value, fitsKind(row, v.value)]).toEqual([row.id, printed.value, true]);
    }
  });

  it('have a ratio rule for every percentage over two child rows, and a baseline rule for every "so với năm 2015"', () => {
    for (const t of [pl2024, pl1b]) {
      const checks = new Set(t.allRules.map((r) => printExpr(r.expr)));
      for (const row of rowsOf(t).filter((r) => r.kind === 'percent')) {
        const [whole, part] = [t.rowsById.get(`${row.id}.1`), t.rowsById.get(`${row.id}.2`)];
        if (whole && part && [whole.kind, part.kind].every((k) => k === 'count' || k === 'money')) {
          expect(checks).toContain(`${row.id} == ratio(${part.id}, ${whole.id})`);
          expect(checks).toContain(`${part.id} <= ${whole.id}`);
        } else if (/so với năm 2015/.test(row.label)) {
          expect(row.baseline).toEqual({ year: 2015, current: expect.any(String) });
          expect(checks).toContain(`${row.id} == baseline_ratio(${row.id}.a, ${row.baseline!.current})`);
        } else {
          expect(STANDALONE_PERCENT).toContain(row.id);
        }
      }
    }
    expect(
      STANDALONE_PERCENT.every((id) => (pl2024.rowsById.get(id) ?? pl1b.rowsById.get(id))?.kind === 'percent'),
    ).toBe(true);
  });

  it('write rules over rows of the right kinds', () => {
    for (const t of [pl2024, pl1b]) {
      for (const rule of t.allRules) {
        const kind = (e: Expr) => (e.type === 'ref' ? t.rowsById.get(e.id)!.kind : undefined);
        const problems: string[] = [];
        const walk = (e: Expr): void => {
          if (e.type === 'ref' && kind(e) === 'group') problems.push(`${e.id} is a heading`);
          if (e.type === 'call' && (e.fn === 'ratio' || e.fn === 'baseline_ratio')) {
            const ks = e.args.map(kind);
            if (!ks.every((k) => k === 'count' || k === 'money') || ks[0] !== ks[1])
              problems.push(`${e.fn} over ${ks}`);
          }
          if (e.type === 'cmp') {
            const call = [e.left, e.right].find(
              (x) => x.type === 'call' && (x.fn === 'ratio' || x.fn === 'baseline_ratio'),
            );
            const other = [e.left, e.right].find((x) => x !== call);
            if (call && other && kind(other) !== 'percent')
              problems.push(`${printExpr(other)} compared with a ratio is not a percentage`);
            if (!call) {
              const refs = refsOf(e).map((r) => t.rowsById.get(r.id)!);
              const lit = [e.left, e.right].find((x) => x.type === 'num') as { value: number } | undefined;
              if (
                refs.length === 1 &&
                refs[0].kind === 'code' &&
                lit &&
                !refs[0].codes!.some((c) => c.value === lit.value)
              ) {
                problems.push(`${refs[0].id} has no code ${lit.value}`);
              }
              if (refs.length > 1 && new Set(refs.map((r) => r.kind)).size !== 1)
                problems.push(`mixed kinds ${refs.map((r) => r.kind)}`);
              if (refs.length > 1 && !['count', 'money'].includes(refs[0].kind))
                problems.push(`arithmetic over ${refs[0].kind}`);
            }
          }
          if (e.type === 'call') e.args.forEach(walk);
          if (e.type === 'bin' || e.type === 'cmp' || e.type === 'logic') [e.left, e.right].forEach(walk);
          if (e.type === 'neg' || e.type === 'not') walk(e.arg);
        };
        walk(rule.expr);
        expect([rule.id, problems]).toEqual([rule.id, []]);
      }
    }
  });

  it("catch 003's known errors (PL2 2: 30 for 10/32; PL5 1.5.4: 10 for 55 → 50; PL8 6.4: 46,4 for 732/1558) and nothing else", () => {
    const vals = seedValues(pairs2024());
    expect(vals.get('PL5:1.5.4.a')).toEqual({ value: 55, decimals: 0 });
    expect(failing(pl2024, vals, 'huyen')).toEqual([
      'error PL2.ratio.2',
      'error PL5.base.1.5.4',
      'error PL8.ratio.6.4',
      // 003 counts level-3 TTHC as including level 4 (376 + 295 ≠ 516), 000 and 004 count them apart:
      // max(376, 295) ≤ 516 ≤ 376 + 295 holds for both ways of counting, so no warning
    ]);
    // 2.5 and 3.4 agree with their baselines (86 → 77: 10,5; 1568 → 1494: 4,72): the baseline rule is not a blanket error
    const base = pl2024.allRules.find((r) => r.id === 'PL5.base.2.5')!;
    expect(evaluate(base, vals)).toBe(true);
    // without the baseline the ratio cannot be checked
    vals.delete('PL5:1.5.4.a');
    expect(
      evaluate(
        pl2024.allRules.find((r) => r.id === 'PL5.base.1.5.4')!,
        vals,
      ),
    ).toBe('skipped');
  });

  it("catch 001's known errors (1.2, 3.3.3, 7.4.1, 7.4.2, 7.4.3) and flag the department row 3.3.1 a commune filled", () => {
    const pairs = pairs1b();
    const vals = seedValues(pairs);
    expect(failing(pl1b, vals, 'xa')).toEqual([
      'error 1B.ratio.1.2',
      'error 1B.ratio.3.3.3',
      'error 1B.ratio.7.4.1',
      'error 1B.ratio.7.4.2',
      'error 1B.ratio.7.4.3',
      // 55 + 55 ≠ 55 (001 counts level-3 TTHC as including level 4) is no warning: max(55, 55) ≤ 55 ≤ 110
    ]);
    // applicability: non-zero values a commune typed in rows communes do not report
    const misplaced = pairs
      .filter(
        ({ row, printed }) =>
          row.kind !== 'group' && !reportsRow(pl1b, row, 'xa') && (naive(printed.value)?.value ?? 0) !== 0,
      )
      .map(({ row }) => row.id);
    expect(misplaced).toEqual(['1B:3.3.1', '1B:3.3.1.1', '1B:3.3.1.2', '1B:7.3.1.2']);
    expect(pl1b.rowsById.get('1B:3.3.1')?.levels).toEqual([]);
  });

  it('stay quiet on consistent figures: a corrected 001 raises no error', () => {
    const vals = seedValues(pairs1b());
    vals.set('1B:1.2', { value: 96, decimals: 0 });
    vals.set('1B:3.3.3', { value: 100, decimals: 0 });
    vals.set('1B:7.4.1', { value: 100, decimals: 0 });
    vals.set('1B:7.4.2', { value: 100, decimals: 0 });
    vals.set('1B:7.4.3', { value: 3.6, decimals: 1 });
    expect(failing(pl1b, vals, 'xa').filter((f) => f.startsWith('error'))).toEqual([]);
  });

  it('give each row the levels its printed note names', () => {
    for (const { row, printed } of pairs1b()) {
      if (/UBND cấp huyện báo cáo/.test(printed.note)) expect([row.id, row.levels]).toEqual([row.id, ['huyen']]);
    }
    // department and province rows are reported by no level of these templates
    for (const id of ['1B:3.3.1', '1B:3.3.1.1', '1B:2.1.1', '1B:4.1.1', '1B:4.1.3', 'PL4:3.1', 'PL5:1.1', 'PL5:1.3']) {
      expect([id, (pl1b.rowsById.get(id) ?? pl2024.rowsById.get(id))?.levels]).toEqual([id, []]);
    }
    // tasks from the province are the district's, tasks from the district the communes'
    expect(['PL2:4.1', 'PL2:5.1'].map((id) => pl2024.rowsById.get(id)?.levels)).toEqual([['huyen'], ['xa']]);
  });

  it('name a BNV 2022 counterpart that exists for every row that has one', () => {
    const derived = bnvIdsFromSeeds();
    for (const t of [pl2024, pl1b]) {
      for (const row of rowsOf(t)) {
        if (!row.bnv) continue;
        expect([row.id, BNV_IDS.has(row.bnv)]).toEqual([row.id, true]);
        // the seeds' numbering has it too (the added 2015 baseline rows excepted)
        if (!ADDED_ROWS.includes(row.id)) expect([row.id, derived.has(row.bnv)]).toEqual([row.id, true]);
      }
    }
    const bnv = (t: Template, id: string) => t.rowsById.get(id)?.bnv;
    expect(bnv(pl1b, '1B:3.3.3.1')).toBe('BM3:3.3.1');
    expect(bnv(pl1b, '1B:1.2')).toBe('BM1:2');
    expect(bnv(pl1b, '1B:7.4.1.1')).toBe('BM7:8.1.1');
    expect(bnv(pl2024, 'PL4:3.2.1')).toBe('BM3:3.2.1');
    expect(bnv(pl2024, 'PL2:4.1')).toBe('BM1:5.5');
    expect(bnv(pl2024, 'PL8:6.4.2')).toBe('BM7:7.4.2');
    expect(['PL2:5.1', '1B:7.5.1', '1B:1.5.1'].map((id) => bnv(pl2024, id) ?? bnv(pl1b, id))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('tell a district how to consolidate every pl2024 row it reports, and 1B carries no recipe', () => {
    for (const row of rowsOf(pl2024)) {
      const reported = reportsRow(pl2024, row, 'huyen');
      expect([row.id, reported, Object.keys(row.consolidate ?? {})]).toEqual([
        row.id,
        reported,
        reported ? ['huyen'] : [],
      ]);
      if (!reported) continue;
      const recipe = row.consolidate!.huyen;
      const e = parseExpr(recipe);
      for (const ref of refsOf(e)) {
        expect([row.id, ref.level, BNV_IDS.has(ref.id)]).toEqual([row.id, 'xa', true]);
      }
      if (row.kind === 'percent' && pl2024.allRules.some((r) => r.rowIds[0] === row.id && /ratio\(/.test(r.check))) {
        expect([row.id, recipe]).toEqual([row.id, 'recompute']);
      }
    }
    const recipe = (id: string) => pl2024.rowsById.get(id)?.consolidate?.huyen;
    expect(recipe('PL4:3.3.1')).toBe('sum(xa.BM3:3.3.1)');
    expect(recipe('PL4:1.4.3')).toBe('uniform(xa.BM3:1.4.3)');
    expect(recipe('PL4:3.2.1')).toBe('own');
    expect(recipe('PL8:5.1.3')).toBe('share(xa.BM7:5.1.3 == 1)');
    expect(rowsOf(pl1b).some((r) => r.consolidate)).toBe(false);
  });

  it("let a pl2024 district consolidate communes that filled Phụ lục 1B, through the rows' BNV counterparts", () => {
    const asReport = (v: Vals): ReportValues => new Map([...v].map(([id, x]) => [id, exact(x.value, x.decimals)]));
    const district = seedValues(pairs2024());
    const commune = seedValues(pairs1b()); // 001: 1.213 dossiers resolved, all on time; 117 TTHC cấp xã
    const other = new Map(commune);
    other.set('1B:3.3.3.1', { value: 800, decimals: 0 });
    other.set('1B:3.3.3.2', { value: 790, decimals: 0 });
    other.set('1B:5.4', { value: 2, decimals: 0 });
    const res = consolidate({
      template: pl2024,
      level: 'huyen',
      chain: chainById('3cap'),
      unit: 'UBND huyện Quảng Điền',
      own: { values: asReport(district) },
      children: [
        { unit: 'UBND xã Cẩm Hưng', level: 'xa', template: pl1b, values: asReport(commune) },
        { unit: 'UBND xã Cẩm Thịnh', level: 'xa', template: pl1b, values: asReport(other) },
      ],
    });
    const v = (id: string) => res.values.get(id)?.value;
    expect([v('PL4:3.3.1'), v('PL4:3.3.2')]).toEqual([1213 + 800, 1213 + 790]);
    expect(v('PL4:3.3')).toBeCloseTo(((1213 + 790) / (1213 + 800)) * 100, 1); // 99,5
    expect(res.values.get('PL4:3.3.1')?.from.map((p) => p.row)).toEqual(['1B:3.3.3.1', '1B:3.3.3.1']);
    expect(v('PL4:3.2.1')).toBe(1353); // the district's own dossiers
    // The commune catalogue: the district's own figure (003 prints 140) wins over the communes' 117,
    // which are named for the official to check.
    expect(v('PL4:1.4.3')).toBe(140);
    expect(res.findings.find((f) => f.row === 'PL4:1.4.3')?.units).toEqual(['UBND xã Cẩm Hưng', 'UBND xã Cẩm Thịnh']);
    expect(v('PL6:4')).toBe(0 + 2); // own 00 + the communes' disciplined
    expect(v('PL2:1')).toBe(3); // own documents only
  });
});
