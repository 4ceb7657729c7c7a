/**
 * Recognising a layout once: workbooks typed from the same blank reuse the first one's fits
 * (src/core/recognise/layout-cache.ts, fit-plan.ts). On varied hand-typed workbooks (four seeds, the three
 * layouts, number habits, STT styles, renumbered and dropped rows, figures left empty), read in
 * an order that brings layouts back, every report must equal the one read with nothing
 * remembered, and the remembered layouts must actually be used.
 */
import { buildHandmade, type HandmadeOptions } from './helpers/handmade';
import { loadSeed, type SeedRow } from './helpers/seeds';
import { readReport } from '../src/io/read-report';
import { clearLayoutCache, layoutCacheStats, type ReadReport } from '../src/core/recognise';

interface Sample {
  name: string;
  bytes: Uint8Array;
  level?: 'xa' | 'huyen';
}

/** Every other figure left empty, from the k-th on: same layout, other values. */
const sparse =
  (k: number) =>
  (row: SeedRow, _fi: number, ri: number): SeedRow =>
    (ri + k) % 3 === 0 ? { ...row, value: '' } : row;

const renumbered = (row: SeedRow, fi: number): SeedRow | null => {
  if (fi === 0 && /^3\.1\.?$/.test(row.stt.trim())) return null;
  return fi === 0 ? { ...row, stt: row.stt.replace(/^3\.2/, '3.1').replace(/^3\.3/, '3.2') } : row;
};

const LAYOUTS: { seed: '000' | '001' | '003' | '004'; opts: HandmadeOptions; level?: 'xa' | 'huyen' }[] = [
  { seed: '001', opts: { layout: 'single-table', habit: 'vn-text' } },
  { seed: '001', opts: { layout: 'single-table', habit: 'en-us', stt: 'area-prefix', repeatHeaderEvery: 30 } },
  { seed: '000', opts: { layout: 'sheet-per-form', habit: 'vn-text' } },
  { seed: '000', opts: { layout: 'stacked', habit: 'vi-excel', header: 'one-row', stt: 'no-dot' } },
  { seed: '000', opts: { layout: 'sheet-per-form', habit: 'comma-thousands', transform: renumbered } },
  { seed: '003', opts: { layout: 'sheet-per-form', habit: 'vn-text', titles: 'split' } },
  {
    seed: '004',
    opts: { layout: 'stacked', habit: 'comma-thousands', columns: ['stt', 'label', 'value', 'unit', 'note'] },
  },
  // The same table under a title that names no level: the level is guessed from the values.
  { seed: '000', opts: { layout: 'single-table', habit: 'vn-text', titles: 'none' } },
];

let samples: Sample[];

beforeAll(async () => {
  samples = [];
  for (const [i, l] of LAYOUTS.entries()) {
    const seed = loadSeed(l.seed);
    for (let k = 0; k < 3; k++) {
      const base = l.opts.transform;
      const transform = (row: SeedRow, fi: number, ri: number) => {
        const r = base ? base(row, fi, ri) : row;
        if (r === null || Array.isArray(r)) return r;
        return sparse(k)(r, fi, ri);
      };
      const hm = await buildHandmade(seed, { ...l.opts, transform });
      samples.push({ name: `layout-${i}-variant-${k}.xlsx`, bytes: hm.bytes });
    }
  }
});

/** A report as the user sees it (the template object itself compared by id). */
const view = (r: ReadReport) => ({ ...r, template: r.template.id });

test('every workbook reads the same whether its layout was recognised before or not', () => {
  const alone = samples.map((s) => {
    clearLayoutCache();
    return view(readReport(s.bytes, { fileName: s.name }));
  });
  clearLayoutCache();
  // Interleaved and twice over: each layout comes back after others were read.
  const order = [...samples.keys()].sort((a, b) => (a % 3) - (b % 3) || a - b);
  for (let pass = 0; pass < 2; pass++) {
    for (const i of order) {
      const s = samples[i];
      expect(view(readReport(s.bytes, { fileName: s.name }))).toEqual(alone[i]);
    }
  }
  const { hits, misses } = layoutCacheStats();
  // Layouts 2 and 3 hold the same rows under other headers and sheets: one fingerprint.
  expect(hits + misses).toBe(2 * samples.length);
  expect(misses).toBe(LAYOUTS.length - 1);
});

test('the figures of each workbook are its own, not those of the workbook whose layout was reused', () => {
  clearLayoutCache();
  const [a, b] = [samples[0], samples[1]].map((s) => readReport(s.bytes, { fileName: s.name }));
  expect(layoutCacheStats().hits).toBe(1);
  expect(a.rows.map((r) => r.rowId)).toEqual(b.rows.map((r) => r.rowId));
  const differ = [...a.values.keys()].filter((id) => a.values.get(id)?.value !== b.values.get(id)?.value);
  expect(differ.length).toBeGreaterThan(5);
});

test('a renumbered copy of a layout is recognised anew, not mistaken for the original', () => {
  clearLayoutCache();
  const plain = readReport(samples[6].bytes, { fileName: 'ban-goc.xlsx' });
  const renum = readReport(samples[12].bytes, { fileName: 'danh-so-lai.xlsx' });
  expect(layoutCacheStats()).toEqual({ hits: 0, misses: 2 });
  expect(renum.rows.length).toBeLessThan(plain.rows.length);
});
