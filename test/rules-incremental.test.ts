/**
 * The incremental checker: after any sequence of edits its findings are exactly those of a
 * full check of the same values, `added`/`removed` are the difference, and an edit re-checks
 * only the rules within reach of the edited cell.
 */
import fc from 'fast-check';
import { checkReport, checkVerdicts, createChecker, type Verdict } from '../src/core/rules';
import type { Finding } from '../src/core/findings';
import { loadTemplate } from '../src/core/template/load';
import { reading, seedReport, typed } from './rules-fixtures';

const { t, values, level } = seedReport('bnv2022-huyen');

const key = (f: Finding) => JSON.stringify(f);
const multiset = (fs: Finding[]) => fs.map(key).sort();

/** Rows in rules of every shape (ratio, sum, bound, condition, cross-form, baseline) and one in none. */
const ROWS = [
  'BM1:2',
  'BM1:2.1',
  'BM1:2.2',
  'BM1:6',
  'BM1:6.1',
  'BM3:1.4',
  'BM3:1.4.2',
  'BM3:3.2',
  'BM3:3.2.1',
  'BM3:3.2.2',
  'BM4:1.5',
  'BM4:1.5.3',
  'BM4:1.5.4',
  'BM4:1.5.4.a',
  'BM6:1',
  'BM6:1.1',
  'BM6:1.2',
  'BM6:2.1',
  'BM7:7.4',
  'BM1:1',
  'BM1:3.1',
];
/** Typed texts: numbers at several precisions, ambiguous ones, empty, text. */
const TEXTS = [
  '',
  '0',
  '1',
  '7',
  '24',
  '43',
  '99,6',
  '16.3',
  '0,996',
  '2.531',
  '2.521',
  '14,436',
  '32.780',
  '100',
  '55',
  'abc',
  '-',
];

/** A finding as a verdict, as consolidation keeps it. */
const verdictKey = (f: Verdict) => JSON.stringify([f.rule, f.severity, f.rows, f.habit ?? null]);

describe('verdicts without wording (what consolidation keeps of each child)', () => {
  it('are the findings of a full check, one for one, after any edits, in either mode', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...ROWS), fc.constantFrom(...TEXTS)), { maxLength: 8 }),
        fc.constantFrom<'typing' | 'final'>('typing', 'final'),
        (edits, mode) => {
          const current = new Map(values);
          for (const [id, text] of edits) current.set(id, reading(t, id, text));
          const full = checkReport(t, level, current, { mode });
          const verdicts = checkVerdicts(t, level, current, { mode });
          expect(verdicts.map(verdictKey).sort()).toEqual(full.map(verdictKey).sort());
          expect(verdicts.every((v) => !('message' in v))).toBe(true);
        },
      ),
      { numRuns: 80, seed: 7 },
    );
    // The seed itself breaks rules and has habits: the comparison is not between empty lists.
    expect(checkVerdicts(t, level, values, { mode: 'final' }).length).toBeGreaterThan(5);
  });
});

describe('incremental checking equals a full check', () => {
  it('after any sequence of edits, with added/removed the difference', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...ROWS), fc.constantFrom(...TEXTS)), { minLength: 1, maxLength: 8 }),
        fc.constantFrom<'typing' | 'final'>('typing', 'final'),
        (edits, mode) => {
          const checker = createChecker(t, level, values, { mode });
          const current = new Map(values);
          let before = checker.findings;
          for (const [id, text] of edits) {
            const r = reading(t, id, text);
            current.set(id, r);
            const u = checker.update(new Map([[id, r]]));
            expect(multiset(u.findings)).toEqual(multiset(checkReport(t, level, current, { mode })));
            const expected = [
              ...multiset(before).filter((k) => !u.removed.map(key).includes(k)),
              ...u.added.map(key),
            ].sort();
            expect(expected).toEqual(multiset(u.findings));
            before = u.findings;
          }
        },
      ),
      { numRuns: 60, seed: 42 },
    );
  });

  it('a batch of edits at once', () => {
    const checker = createChecker(t, level, values);
    const changes = new Map([
      ['BM7:7.5', reading(t, 'BM7:7.5', '69,14')],
      ['BM7:8.5', reading(t, 'BM7:8.5', '34,21')],
      ['BM2:3.2', reading(t, 'BM2:3.2', '0')],
    ]);
    const u = checker.update(changes);
    expect(u.removed.map((f) => f.rule).sort()).toEqual(['BM2.ratio.3.2', 'BM7.ratio.7.5', 'BM7.ratio.8.5']);
    expect(u.added).toEqual([]);
    const current = new Map([...values, ...changes]);
    expect(u.findings).toEqual(checkReport(t, level, current));
  });
});

describe('an edit re-checks only what it can reach', () => {
  it('a row no rule reads re-checks no rule; a ratio cell a handful', () => {
    const checker = createChecker(t, level, values);
    expect(checker.update(new Map([['BM1:1', reading(t, 'BM1:1', '59')]])).rechecked).toEqual({ rules: 0, rows: 1 });
    const u = checker.update(new Map([['BM3:3.2.2', reading(t, 'BM3:3.2.2', '2.520')]]));
    expect(u.rechecked.rules).toBeGreaterThan(0);
    expect(u.rechecked.rules).toBeLessThan(t.allRules.length / 5);
    expect(u.added).toEqual([]);
    expect(u.removed).toEqual([]);
  });

  it('typing the suggested value removes the finding, typing a wrong one adds it', () => {
    const checker = createChecker(t, level, values);
    const fix = checker.update(new Map([['BM7:7.4', reading(t, 'BM7:7.4', '2,45')]]));
    expect(fix.removed.map((f) => f.rule)).toEqual(['BM7.ratio.7.4']);
    const breakIt = checker.update(new Map([['BM1:2', reading(t, 'BM1:2', '17')]]));
    expect(breakIt.added.map((f) => [f.rule, f.row, f.suggestion?.value])).toEqual([['BM1.ratio.2', 'BM1:2', 16.28]]);
    expect(breakIt.added[0].message).toContain('7/43 = 16,28%');
  });

  it('ignores rows the template does not have', () => {
    const checker = createChecker(t, level, values);
    const u = checker.update(new Map([['BM9:1', reading(t, 'BM1:1', '1')]]));
    expect(u).toMatchObject({ added: [], removed: [], rechecked: { rules: 0, rows: 0 } });
  });
});

describe('reach: three rules away', () => {
  // x decides how the ambiguous y is read (rule A); y's reading decides whether rule B holds
  // when z changes; and that decides which cell rule C (z = w, violated) blames.
  const chain = loadTemplate({
    id: 'chain',
    version: 'test',
    name: 'Chuỗi',
    levels: ['huyen'],
    appendixLabel: 'Phụ lục',
    title: 'T',
    forms: [
      {
        id: 'T',
        title: 'Biểu 1',
        name: 'Thử',
        sheet: 'Biểu 1',
        rows: [
          { id: 'T:x', stt: '1', label: 'Số tiền theo sổ', unit: 'Đồng', kind: 'count' },
          { id: 'T:y', stt: '2', label: 'Số tiền', unit: 'Triệu đồng', kind: 'money' },
          { id: 'T:z', stt: '3', label: 'Trần', unit: 'Đồng', kind: 'count' },
          { id: 'T:w', stt: '4', label: 'Trần theo kế hoạch', unit: 'Đồng', kind: 'count' },
        ],
        rules: [
          { id: 'A', check: 'T:y == T:x' },
          { id: 'B', check: 'T:y <= T:z' },
          { id: 'C', check: 'T:z == T:w' },
        ],
      },
    ],
  });

  it('a change reaches the suggestion of a rule three steps away', () => {
    const checker = createChecker(
      chain,
      'huyen',
      typed(chain, { 'T:x': '2', 'T:y': '1,500', 'T:z': '5000', 'T:w': '1000' }),
    );
    expect(checker.findings.find((f) => f.rule === 'C')!.suggestion).toMatchObject({ row: 'T:z', value: 1000 });
    const u = checker.update(new Map([['T:x', reading(chain, 'T:x', '1500')]]));
    // y is now read 1500 (it matches x): z = 1000 would break B, so C blames w.
    expect(u.findings.find((f) => f.rule === 'C')!.suggestion).toMatchObject({ row: 'T:w', value: 5000 });
    expect(u.findings).toEqual(
      checkReport(chain, 'huyen', typed(chain, { 'T:x': '1500', 'T:y': '1,500', 'T:z': '5000', 'T:w': '1000' })),
    );
  });
});
