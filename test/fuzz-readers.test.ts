/**
 * Fuzzing what reads received files: the number reader on any text (never throws, never gives a
 * value that is not finite, linear in the length), the number-format reader on adversarial codes,
 * the recogniser on a real appendix mutated cell by cell (a report or a Vietnamese ReadReportError,
 * nothing else), and the whole reader on a real .xlsx and .docx with bytes damaged (the same).
 */
import fc from 'fast-check';
import { zipSync, unzipSync } from 'fflate';
import { readNumber } from '../src/core/number';
import { describeNumFmt } from '../src/core/number/numfmt';
import { gridFromMatrices, recogniseReport, ReadReportError, type GridValue } from '../src/core/recognise';
import { readReport } from '../src/io/read-report';
import { describeNumFmt as describeXlsxNumFmt } from '../src/io/xlsx-read';
import { buildDocx } from './fixtures/docx/build';
import { buildHandmade, vietnameseText } from './helpers/handmade';
import { loadSeed } from './helpers/seeds';

const KINDS = ['count', 'percent', 'money', 'code'] as const;
const NUMBERISH = fc.string({ unit: fc.constantFrom(...'0123456789.,%-+ eE()/xX\u00a0'.split('')), maxLength: 40 });

test('the number reader takes any text: no exception, a finite value or none', () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 30 }), NUMBERISH),
      fc.constantFrom(...KINDS),
      (text, kind) => {
        const r = readNumber({ value: text }, kind);
        if (r.value !== null) expect(Number.isFinite(r.value)).toBe(true);
        for (const a of r.alternatives) expect(Number.isFinite(a)).toBe(true);
      },
    ),
    { numRuns: 3000 },
  );
});

test('the number reader takes any stored number and format', () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.double(), fc.integer(), fc.constantFrom(Infinity, -Infinity, NaN, 1e308, 5e-324)),
      fc.option(fc.string({ unit: fc.constantFrom(...'0#?.,%;"[]\\_*@dmyhsE+- $'.split('')), maxLength: 30 })),
      fc.constantFrom(...KINDS),
      (n, fmt, kind) => {
        const r = readNumber(fmt ? { value: n, numFmt: fmt as string } : { value: n }, kind);
        if (r.value !== null) expect(Number.isFinite(r.value)).toBe(true);
      },
    ),
    { numRuns: 3000 },
  );
});

test('long adversarial texts and number formats are read in linear time', () => {
  const texts = [
    '1.'.repeat(50_000),
    '9'.repeat(100_000),
    ','.repeat(100_000) + 'x',
    '1,2'.repeat(30_000) + '%',
    '('.repeat(50_000),
    ' '.repeat(100_000) + '5',
  ];
  for (const t of texts) {
    const t0 = performance.now();
    for (const kind of KINDS) readNumber({ value: t }, kind);
    expect(performance.now() - t0).toBeLessThan(1000);
  }
  const formats = [
    '['.repeat(100_000),
    '"'.repeat(100_000),
    '\\'.repeat(100_001),
    '[h'.repeat(50_000),
    '0.'.repeat(50_000) + '%',
  ];
  for (const f of formats) {
    const t0 = performance.now();
    describeNumFmt(f);
    describeXlsxNumFmt(f);
    readNumber({ value: 0.5, numFmt: f }, 'percent');
    expect(performance.now() - t0).toBeLessThan(500);
  }
});

describe('the recogniser on a real appendix, mutated', () => {
  const seed = loadSeed('001');
  const header = ['STT', 'Chỉ tiêu thống kê', 'Đơn vị tính', 'Số liệu', 'Ghi chú'];
  const base: GridValue[][] = [
    ['UBND xã Cẩm Hưng'],
    ['BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH 6 THÁNG ĐẦU NĂM 2022'],
    header,
    ...seed.forms.flatMap((f) => f.rows.map((r) => [r.stt, r.label, r.unit, vietnameseText(r.value), r.note])),
  ];
  const mutation = fc.oneof(
    fc.record({
      op: fc.constant('set' as const),
      r: fc.nat(),
      c: fc.nat(6),
      v: fc.oneof(fc.string({ maxLength: 20 }), fc.double(), fc.constant(null), NUMBERISH),
    }),
    fc.record({ op: fc.constant('delete-row' as const), r: fc.nat() }),
    fc.record({ op: fc.constant('duplicate-row' as const), r: fc.nat() }),
    fc.record({ op: fc.constant('swap-cols' as const), a: fc.nat(5), b: fc.nat(5) }),
  );

  test('gives a report or a Vietnamese ReadReportError naming the file', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 12 }), (ops) => {
        const rows = base.map((r) => [...r]);
        for (const m of ops) {
          if (m.op === 'set') {
            const row = rows[m.r % rows.length];
            row[m.c] = m.v;
          } else if (m.op === 'delete-row') rows.splice(m.r % rows.length, 1);
          else if (m.op === 'duplicate-row') rows.splice(m.r % rows.length, 0, [...rows[m.r % rows.length]]);
          else for (const row of rows) [row[m.a], row[m.b]] = [row[m.b], row[m.a]];
        }
        const grid = gridFromMatrices([{ name: 'Phụ lục 1B', rows }], { file: 'dot-bien.xlsx' });
        const t0 = performance.now();
        try {
          const r = recogniseReport(grid);
          for (const v of r.values.values()) if (v.value !== null) expect(Number.isFinite(v.value)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(ReadReportError);
          expect((e as Error).message).toContain('«dot-bien.xlsx»');
        }
        expect(performance.now() - t0).toBeLessThan(3000);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the reader on real files with damaged bytes', () => {
  let xlsx: Uint8Array;
  let docx: Uint8Array;
  beforeAll(async () => {
    const made = new Uint8Array(
      (await buildHandmade(loadSeed('001'), { layout: 'single-table', habit: 'vn-text' })).bytes,
    );
    xlsx = zipSync(unzipSync(made), { level: 0 }); // stored: damaged bytes land in the XML itself
    docx = zipSync(unzipSync(buildDocx(loadSeed('001'))), { level: 0 });
  });
  const damage = fc.array(fc.record({ at: fc.nat(), byte: fc.nat(255) }), { minLength: 1, maxLength: 8 });

  test.each(['xlsx', 'docx'] as const)('.%s: a report or a Vietnamese ReadReportError naming the file', (kind) => {
    fc.assert(
      fc.property(damage, (hits) => {
        const b = new Uint8Array(kind === 'xlsx' ? xlsx : docx);
        for (const h of hits) b[h.at % b.length] = h.byte;
        try {
          readReport(b, { fileName: `hong.${kind}` });
        } catch (e) {
          expect(e).toBeInstanceOf(ReadReportError);
          expect((e as Error).message).toContain(`«hong.${kind}»`);
        }
      }),
      { numRuns: 150 },
    );
  });
});
