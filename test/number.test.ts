import fc from 'fast-check';
import { formatNumber, readNumber, type NumberKind } from '../src/core/number';
import { decimalsOf } from '../src/core/number/digits';
import { excelNumber } from '../src/core/rules/formula';
import seed000 from './fixtures/seeds/000.json';
import seed001 from './fixtures/seeds/001.json';
import seed003 from './fixtures/seeds/003.json';
import seed004 from './fixtures/seeds/004.json';

describe('reading numbers typed in the seeds', () => {
  it('reads 2.531 in a count row as 2 531 (thousands dot)', () => {
    expect(readNumber('2.531', 'count')).toMatchObject({
      value: 2531,
      decimals: 0,
      alternatives: [],
      flags: ['thousands-dot'],
    });
  });

  it('reads 99,6 as 99.6 with one decimal (decimal comma)', () => {
    expect(readNumber('99,6', 'percent')).toMatchObject({
      value: 99.6,
      decimals: 1,
      alternatives: [],
      flags: ['decimal-comma'],
    });
  });

  it('reads 99,6% as 99.6 and notes the percent sign', () => {
    const r = readNumber('99,6%', 'percent');
    expect(r).toMatchObject({ value: 99.6, decimals: 1, alternatives: [] });
    expect(r.flags).toEqual(expect.arrayContaining(['percent-sign', 'decimal-comma']));
  });

  it('reads 16.3 in a percent row as 16.3 (decimal dot)', () => {
    expect(readNumber('16.3', 'percent')).toMatchObject({ value: 16.3, decimals: 1, flags: ['decimal-dot'] });
  });

  it('reads 2,004 as 2 004 in a count row but as 2.004 (with 2004 kept) in a percent row', () => {
    expect(readNumber('2,004', 'count')).toMatchObject({
      value: 2004,
      decimals: 0,
      alternatives: [],
      flags: ['thousands-comma'],
    });
    const pct = readNumber('2,004', 'percent');
    expect(pct).toMatchObject({ value: 2.004, decimals: 3, alternatives: [2004] });
    expect(pct.flags).toEqual(expect.arrayContaining(['decimal-comma', 'ambiguous']));
  });

  it('reads 01 and 00 with their leading zeros noted', () => {
    expect(readNumber('01', 'count')).toMatchObject({ value: 1, flags: ['leading-zero'] });
    expect(readNumber('00', 'count')).toMatchObject({ value: 0, flags: ['leading-zero'] });
    expect(readNumber('0', 'count').flags).toEqual([]);
  });

  it('trims the padding of "  117"', () => {
    expect(readNumber('  117', 'count')).toMatchObject({ value: 117, raw: '117', decimals: 0, flags: [] });
    expect(readNumber('\u00a01.213\u200b ', 'count')).toMatchObject({ value: 1213 });
  });

  it('reads 100% as 100', () => {
    expect(readNumber('100%', 'percent')).toMatchObject({ value: 100, decimals: 0, flags: ['percent-sign'] });
  });

  it('keeps "(72/104)" of "69.2 (72/104)" aside as an annotation', () => {
    const r = readNumber('69.2 (72/104)', 'percent');
    expect(r).toMatchObject({ value: 69.2, decimals: 1, annotation: '(72/104)' });
    expect(r.flags).toContain('annotated');
  });

  it('reads 47,27 with two decimals', () => {
    expect(readNumber('47,27', 'percent')).toMatchObject({ value: 47.27, decimals: 2 });
  });

  it('reads 19,044 in a count row as 19 044', () => {
    expect(readNumber('19,044', 'count')).toMatchObject({ value: 19044, flags: ['thousands-comma'] });
  });

  it('reads 5124419 (Triệu đồng) as it is', () => {
    expect(readNumber('5124419', 'money')).toMatchObject({ value: 5124419, decimals: 0, alternatives: [], flags: [] });
  });

  it('reads 32.780 Triệu đồng as 32 780, keeping 32.78 as the other reading', () => {
    const r = readNumber('32.780', 'money');
    expect(r).toMatchObject({ value: 32780, decimals: 0, alternatives: [32.78] });
    expect(r.flags).toEqual(expect.arrayContaining(['thousands-dot', 'ambiguous']));
    // A comma is the decimal mark in money, but 1 520 stays possible.
    expect(readNumber('1,520', 'money')).toMatchObject({ value: 1.52, alternatives: [1520] });
  });

  it('reads both 1.234,5 and 1,234.5 as 1234.5 without ambiguity', () => {
    for (const kind of ['count', 'percent', 'money', 'any'] as NumberKind[]) {
      expect(readNumber('1.234,5', kind)).toMatchObject({
        value: 1234.5,
        decimals: 1,
        alternatives: [],
        flags: ['thousands-dot', 'decimal-comma'],
      });
      expect(readNumber('1,234.5', kind)).toMatchObject({
        value: 1234.5,
        decimals: 1,
        alternatives: [],
        flags: ['thousands-comma', 'decimal-dot'],
      });
    }
  });

  it('reads an empty or blank cell as empty', () => {
    for (const cell of ['', '   ', null, undefined, { value: null }]) {
      expect(readNumber(cell, 'count')).toMatchObject({ value: null, alternatives: [], flags: [] });
    }
  });

  it('reads the placeholders -, — and x as an empty cell, not as an error', () => {
    for (const text of ['-', '—', '–', 'x', 'X', '...']) {
      const r = readNumber(text, 'count');
      expect(r).toMatchObject({ value: null, raw: text, flags: ['text'] });
      expect(r.problem).toBeUndefined();
    }
  });

  it('explains in Vietnamese why abc is not a number', () => {
    const r = readNumber('abc', 'count');
    expect(r).toMatchObject({ value: null, flags: ['not-a-number'] });
    expect(r.problem).toBe('«abc» không phải là số.');
  });

  it('explains a fraction typed in a percent row and gives the percent', () => {
    const r = readNumber('72/104', 'percent');
    expect(r.value).toBeNull();
    expect(r.problem).toMatch(/phân số.*69,23/);
  });

  it('refuses separators that fit no grouping, and a text glued to the number', () => {
    expect(readNumber('12.05.2022', 'count')).toMatchObject({ value: null, flags: ['not-a-number'] });
    expect(readNumber('12.05.2022', 'count').problem).toMatch(/dấu chấm, dấu phẩy/);
    expect(readNumber('12abc', 'count').value).toBeNull();
    expect(readNumber('1 234', 'count').value).toBeNull();
  });

  it('reads code rows as the integers typed', () => {
    expect(readNumber('1', 'code')).toMatchObject({ value: 1, flags: [] });
    expect(readNumber('01', 'code')).toMatchObject({ value: 1, flags: ['leading-zero'] });
    expect(readNumber({ value: 2 }, 'code')).toMatchObject({ value: 2, flags: [] });
    expect(readNumber('Có', 'code').problem).toMatch(/mã/);
  });
});

describe('reading numbers Excel stored', () => {
  it('multiplies a percent-formatted fraction by 100', () => {
    expect(readNumber({ value: 1, numFmt: '0%' }, 'percent')).toMatchObject({
      value: 100,
      decimals: 0,
      flags: ['excel-percent'],
    });
    expect(readNumber({ value: 0.996, numFmt: '0.0%' }, 'percent')).toMatchObject({
      value: 99.6,
      decimals: 1,
      flags: ['excel-percent'],
    });
    // 99,6 typed into a cell formatted 0%: Excel shows 100% but the official typed one decimal.
    expect(readNumber({ value: 0.996, numFmt: '0%' }, 'percent')).toMatchObject({ value: 99.6, decimals: 1 });
    // A formula 7/43 shown as 16.3%: the value is exact, decimals at most two beyond the format.
    const f = readNumber({ value: 7 / 43, numFmt: '0.0%' }, 'percent');
    expect(f.value).toBeCloseTo(16.279, 3);
    expect(f.decimals).toBe(3);
  });

  it('reads 2.531 stored in a count row (en-US Excel) as 2 531, keeping 2.531', () => {
    const r = readNumber(2.531, 'count');
    expect(r).toMatchObject({ value: 2531, decimals: 0, alternatives: [2.531] });
    expect(r.flags).toEqual(expect.arrayContaining(['thousands-dot', 'ambiguous']));
    expect(readNumber({ value: 2531, numFmt: '#,##0' }, 'count')).toMatchObject({
      value: 2531,
      alternatives: [],
      flags: [],
    });
  });

  it('keeps a fraction stored in a percent row but offers it ×100', () => {
    const r = readNumber(0.996, 'percent');
    expect(r).toMatchObject({ value: 0.996, alternatives: [99.6] });
    expect(r.flags).toContain('ambiguous');
  });

  it('leaves 1213 in a percent row alone (the checker flags it)', () => {
    expect(readNumber(1213, 'percent')).toMatchObject({ value: 1213, alternatives: [], flags: [] });
  });

  it('takes the decimals a number format shows', () => {
    expect(readNumber({ value: 99.6, numFmt: '0.00' }, 'percent').decimals).toBe(2);
    expect(readNumber({ value: 16.3, numFmt: 'General' }, 'percent').decimals).toBe(1);
    expect(readNumber({ value: 0.1 + 0.2 }, 'money').decimals).toBe(1);
  });

  it('reads booleans as not a number', () => {
    for (const value of [true, false]) {
      const r = readNumber({ value }, 'count');
      expect(r).toMatchObject({ value: null, flags: ['not-a-number'] });
      expect(r.problem).toMatch(/không phải là số/);
    }
  });
});

describe('writing numbers the Vietnamese way', () => {
  it('uses a dot for thousands and a comma for decimals', () => {
    expect(formatNumber(2531)).toBe('2.531');
    expect(formatNumber(99.6)).toBe('99,6');
    expect(formatNumber(1234567.5)).toBe('1.234.567,5');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-1234.25)).toBe('-1.234,25');
  });

  it('writes as many decimals as needed, at most 2 for a percent, or as asked', () => {
    expect(formatNumber((7 / 43) * 100, { kind: 'percent' })).toBe('16,28');
    expect(formatNumber(0.1 + 0.2)).toBe('0,3');
    expect(formatNumber(100, { decimals: 2 })).toBe('100,00');
    expect(formatNumber(9.09090909, { decimals: 1 })).toBe('9,1');
    expect(formatNumber(-0.001, { decimals: 1 })).toBe('0,0');
  });

  it('rounds as Intl.NumberFormat does (the digits that read back as the number, half away from zero)', () => {
    expect(formatNumber(1.005, { decimals: 2 })).toBe('1,01');
    expect(formatNumber(2.675, { decimals: 2 })).toBe('2,68');
    expect(formatNumber(999.995, { decimals: 2 })).toBe('1.000,00');
    expect(formatNumber(-2.5, { decimals: 0 })).toBe('-3');
    expect(formatNumber(123456789012345680000)).toBe('123.456.789.012.345.680.000');
    // The reference: Intl's own formatting, its separators swapped.
    const intl = (value: number, min: number, max: number) => {
      const us = new Intl.NumberFormat('en-US', {
        useGrouping: true,
        minimumFractionDigits: min,
        maximumFractionDigits: max,
      }).format(value);
      const vi = us.replace(/[.,]/g, (c) => (c === '.' ? ',' : '.'));
      return /^-0(?:,0*)?$/.test(vi) ? vi.slice(1) : vi;
    };
    const value = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e22, max: 1e22 }),
      fc.integer({ min: -10_000_000, max: 10_000_000 }).map((n) => n / 1000),
      fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 8),
      fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 200 + 0.005),
    );
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 20 }), (v, d) => {
        expect(formatNumber(v, { decimals: d })).toBe(intl(v, d, d));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(value, fc.boolean(), (v, percent) => {
        const got = formatNumber(v, percent ? { kind: 'percent' } : {});
        const max = Math.min(decimalsOf(v), percent ? 2 : 10);
        expect(got).toBe(intl(v, 0, max));
      }),
      { numRuns: 3000 },
    );
  });

  it('writes Excel literals as plain decimals, as toLocaleString does, never 1E-06', () => {
    expect(excelNumber(0.000001)).toBe('0.000001');
    expect(excelNumber(-1234.5)).toBe('-1234.5');
    const value = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }),
      fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => n / 1e7),
    );
    fc.assert(
      fc.property(value, (v) => {
        const ref = v.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
        expect(excelNumber(v)).toBe(ref === '-0' ? '0' : ref);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the seed appendices', () => {
  type Seed = { forms: { title: string; rows: { stt: string; unit: string; value: string }[] }[] };
  const seeds: Record<string, Seed> = { '000': seed000, '001': seed001, '003': seed003, '004': seed004 };
  const kindOf = (unit: string): NumberKind =>
    unit === ''
      ? 'group'
      : unit === '%'
        ? 'percent'
        : unit === 'Triệu đồng'
          ? 'money'
          : unit.includes('=')
            ? 'code'
            : 'count';
  const row = (seed: string, stt: string) => {
    for (const form of seeds[seed]!.forms)
      for (const r of form.rows) if (r.stt === stt) return readNumber(r.value, kindOf(r.unit));
    throw new Error(`no row ${stt} in ${seed}`);
  };

  it('reads every value of the four appendices: counts as integers, percents within 0–100', () => {
    let read = 0;
    for (const [seed, { forms }] of Object.entries(seeds)) {
      for (const form of forms) {
        for (const r of form.rows) {
          const kind = kindOf(r.unit);
          const reading = readNumber(r.value, kind);
          const where = `${seed} ${form.title} ${r.stt} «${r.value}»`;
          expect([where, reading.flags.includes('not-a-number')]).toEqual([where, false]);
          if (reading.value === null) continue;
          read++;
          if (kind === 'count') expect([where, Number.isInteger(reading.value)]).toEqual([where, true]);
          if (kind === 'percent') expect([where, reading.value >= 0 && reading.value <= 100]).toEqual([where, true]);
        }
      }
    }
    expect(read).toBeGreaterThan(150);
  });

  it('lets 001 3.3.3 be checked: 97,74 % against 1.213 / 1.213 hồ sơ', () => {
    const pct = row('001', '3.3.3');
    const [done, onTime] = [row('001', '3.3.3.1').value!, row('001', '3.3.3.2').value!];
    expect([done, onTime]).toEqual([1213, 1213]);
    expect(pct.value).not.toBe(Number(((onTime / done) * 100).toFixed(pct.decimals)));
  });

  it('lets 000 BM1 2 be checked at the precision typed: 16.3 % = 07 / 43', () => {
    const pct = readNumber('16.3', 'percent');
    const ratio = (readNumber('07', 'count').value! / readNumber('43', 'count').value!) * 100;
    expect(Number(ratio.toFixed(pct.decimals))).toBe(pct.value);
  });
});

describe('round trip: what formatNumber writes (or an en-US official types) reads back the same', () => {
  const enUS = new Intl.NumberFormat('en-US', { useGrouping: true, maximumFractionDigits: 0 });

  it('holds for counts, percents and money', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (n) => {
        expect(readNumber(formatNumber(n, { kind: 'count' }), 'count').value).toBe(n);
        expect(readNumber(enUS.format(n), 'count').value).toBe(n);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 2 }), fc.boolean(), (k, d, sign) => {
        const p = Number((k / 100).toFixed(d));
        const text = formatNumber(p, { kind: 'percent' }) + (sign ? '%' : '');
        const r = readNumber(text, 'percent');
        expect(r.value).toBe(p);
        expect(r.alternatives).toEqual([]);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), fc.integer({ min: 0, max: 3 }), (k, d) => {
        const m = Number((k / 1000).toFixed(d));
        expect(readNumber(formatNumber(m, { kind: 'money' }), 'money').value).toBe(m);
      }),
      { numRuns: 2000 },
    );
  });
});
