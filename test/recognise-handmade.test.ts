/**
 * Hand-typed appendix workbooks, built from the seed tables in the layouts and number habits
 * officials use, read back without any remapping: every row lands on its template row, every
 * value reads as printed (or is flagged where the habit made it ambiguous), and the unit,
 * level and period come from the title lines.
 */
import { buildHandmade, seedRowIds, type HandmadeOptions, type Handmade } from './helpers/handmade';
import { loadSeed, seedNumber, SEED_OF_TEMPLATE, templateFromSeed, type Seed } from './helpers/seeds';
import { readReport } from '../src/io/read-report';
import { getTemplate } from '../src/core/template/registry';
import { loadTemplate, type Template } from '../src/core/template/load';
import { toChildReport, type ReadReport } from '../src/core/recognise';
import { consolidate } from '../src/core/consolidate/engine';
import { chainById } from '../src/core/template/levels';

type SeedId = '000' | '001' | '003' | '004';

interface Score {
  rows: number;
  right: number;
  wrong: string[];
  numbers: number;
  exact: number;
  flagged: string[];
  bad: string[];
}

/** Compares a reading with where the builder wrote each seed row and what was printed. */
function score(report: ReadReport, hm: Handmade, ids: (string | undefined)[][]): Score {
  const byRow = new Map(report.rows.map((r) => [`${r.sheet}!${r.row}`, r.rowId]));
  const s: Score = { rows: 0, right: 0, wrong: [], numbers: 0, exact: 0, flagged: [], bad: [] };
  for (const p of hm.placements) {
    const id = p.rowIndex >= 0 ? ids[p.formIndex][p.rowIndex] : undefined;
    if (!id) continue;
    s.rows++;
    const got = byRow.get(`${p.sheet}!${p.row}`);
    if (got === id) s.right++;
    else s.wrong.push(`${id} → ${got ?? 'không khớp'}`);
    const truth = seedNumber(p.printed);
    if (truth === undefined || got !== id) continue;
    s.numbers++;
    const r = report.values.get(id);
    if (r?.value === truth) s.exact++;
    else if (r && r.flags.includes('ambiguous') && r.alternatives.includes(truth))
      s.flagged.push(`${id} «${p.printed}» → ${r.value}`);
    else
      s.bad.push(`${id}: in «${p.printed}», ghi ${JSON.stringify(p.written)}, đọc ${r?.value} (${r?.flags.join(',')})`);
  }
  return s;
}

const SEEDS: Record<SeedId, Seed> = {
  '000': loadSeed('000'),
  '001': loadSeed('001'),
  '003': loadSeed('003'),
  '004': loadSeed('004'),
};
const TEMPLATE_OF: Record<SeedId, string> = Object.fromEntries(
  Object.entries(SEED_OF_TEMPLATE).map(([t, s]) => [s, t]),
) as Record<SeedId, string>;
const UNIT: Record<SeedId, string> = {
  '000': 'UBND huyện Kông Chro',
  '001': 'UBND xã Cẩm Hưng',
  '003': 'UBND huyện Quảng Điền',
  '004': 'UBND tỉnh Kiên Giang',
};
const PERIOD: Record<SeedId, [string, number]> = {
  '000': ['6T', 2022],
  '001': ['6T', 2022],
  '003': ['Q1', 2024],
  '004': ['6T', 2022],
};

/** Layout × habit × header × STT habit: each seed is read in three of these. */
const COMBOS: { name: string; o: HandmadeOptions }[] = [
  {
    name: 'một trang mỗi biểu, số gõ kiểu Việt («2.531», «99,6»)',
    o: { layout: 'sheet-per-form', habit: 'vn-text', header: 'ket-qua' },
  },
  {
    name: 'các biểu xếp chồng trên một trang, Excel tiếng Anh (2.531 → 2,531; 100% → 1)',
    o: { layout: 'stacked', habit: 'en-us', header: 'one-row', stt: 'no-dot' },
  },
  {
    name: 'một bảng dài, tiêu đề cột lặp lại sau mỗi trang in, dấu phẩy hàng nghìn («2,004»)',
    o: {
      layout: 'single-table',
      habit: 'comma-thousands',
      header: 'period',
      stt: 'padded',
      repeatHeaderEvery: 25,
      titles: 'split',
    },
  },
  {
    name: 'một trang mỗi biểu, Excel tiếng Việt (số lưu dạng số)',
    o: { layout: 'sheet-per-form', habit: 'vi-excel', header: 'period', stt: 'dot' },
  },
];

describe('hand-typed appendices read against the built-in templates', () => {
  const cases: [SeedId, number][] = [
    ['000', 0],
    ['000', 1],
    ['000', 2],
    ['001', 2],
    ['001', 1],
    ['001', 3],
    ['003', 0],
    ['003', 1],
    ['003', 2],
    ['004', 2],
    ['004', 3],
    ['004', 1],
  ];
  const totals = { rows: 0, right: 0 };
  afterAll(() => {
    // At least 99 % of all rows on the right template row (measured: 100 %).
    if (totals.rows > 0) expect(totals.right / totals.rows).toBeGreaterThanOrEqual(0.99);
  });

  test.each(cases)('seed %s, cách trình bày %i', async (seedId, combo) => {
    const seed = SEEDS[seedId];
    const t = getTemplate(TEMPLATE_OF[seedId]);
    const ids = seedRowIds(seed, t);
    const { o } = COMBOS[combo];
    const hm = await buildHandmade(seed, o);
    const report = readReport(hm.bytes, { fileName: `${seedId}.xlsx` });

    expect(report.source).toBe('recognised');
    expect(report.template.id).toBe(t.id);
    expect(report.runnerUp).toBeDefined();
    expect(report.confidence).toBeGreaterThan(report.runnerUp!.confidence);
    expect(report.level).toBe(seed.level);
    expect(report.unit).toBe(UNIT[seedId]);
    expect([report.period, report.year]).toEqual(PERIOD[seedId]);

    const s = score(report, hm, ids);
    totals.rows += s.rows;
    totals.right += s.right;
    expect(s.wrong).toEqual([]);
    expect(report.unmapped).toEqual([]);
    expect(s.bad).toEqual([]);
    // Typed as text the Vietnamese way, or stored as numbers by a Vietnamese Excel: nothing to guess.
    if (o.habit === 'vn-text' || o.habit === 'vi-excel') expect(s.flagged).toEqual([]);
    expect(s.exact).toBeGreaterThan(0.95 * s.numbers);
  });
});

describe('the number habits, value by value', () => {
  const seed = SEEDS['000'];

  test('en-US Excel: counts typed 2.531 read as 2531, 100% stored as 1 read as 100, a money cell that lost its trailing zero is flagged', async () => {
    const hm = await buildHandmade(seed, { layout: 'sheet-per-form', habit: 'en-us' });
    const r = readReport(hm.bytes, { fileName: 'kong-chro.xlsx' });
    expect(r.values.get('BM3:3.2.1')).toMatchObject({
      value: 2531,
      flags: expect.arrayContaining(['thousands-dot', 'ambiguous']),
    });
    expect(r.values.get('BM2:3.2')).toMatchObject({ value: 100, flags: ['excel-percent'] });
    expect(r.values.get('BM3:3.2')).toMatchObject({ value: 99.6, raw: '99,6%' }); // text: en-US Excel does not parse a decimal comma
    const money = r.values.get('BM6:1.1')!; // typed 32.780, stored 32.78
    expect(money.value).toBe(32.78);
    expect(money.alternatives).toContain(32780);
    expect(money.flags).toContain('ambiguous');
    expect(
      r.warnings.some(
        (w) =>
          w.kind === 'habit' &&
          w.rowId === 'BM6:1.1' &&
          w.message.includes('chứa số 32,78') &&
          w.message.includes('đã gõ 32.780'),
      ),
    ).toBe(true);
    expect(r.cells.get('BM6:1.1')).toMatch(/^'Biểu mẫu 6'!D\d+$/);
  });

  test('text values keep what was typed: raw text, decimals, annotation', async () => {
    const hm = await buildHandmade(seed, { layout: 'stacked', habit: 'vn-text' });
    const r = readReport(hm.bytes, { fileName: 'kong-chro.xlsx' });
    expect(r.values.get('BM1:2')).toMatchObject({ value: 16.3, raw: '16,3', decimals: 1 });
    expect(r.values.get('BM1:2.2')).toMatchObject({ value: 7, raw: '07' });
    expect(r.values.get('BM7:7.4')).toMatchObject({ value: 69.2, annotation: '(72/104)' });
    // Every address names the sheet (quoted) and the value column.
    for (const cell of r.cells.values()) expect(cell).toMatch(/^'Phụ lục'!D\d+$/);
  });

  test('comma thousands as in seed 004: counts 19,044 read as 19044, decimals 90,55 as 90.55', async () => {
    const hm = await buildHandmade(SEEDS['004'], { layout: 'sheet-per-form', habit: 'comma-thousands' });
    const r = readReport(hm.bytes, { fileName: 'kien-giang.xlsx' });
    expect(r.template.id).toBe('bnv2022-tinh');
    expect(r.values.get('BM3:3.1.1')).toMatchObject({ value: 19044, raw: '19,044' });
    expect(r.values.get('BM6:1.1')).toMatchObject({ value: 5124419 });
    expect(r.values.get('BM3:3.1')).toMatchObject({ value: 90.55, raw: '90,55', decimals: 2 });
  });
});

describe('choosing among similar templates', () => {
  // Four templates built from the four seeds: two BNV 2022 wordings, the 2024 layout and 1B.
  const levels = ['xa', 'huyen', 'tinh', 'so'] as const;
  const fromSeed: Record<SeedId, Template> = Object.fromEntries(
    (['000', '001', '003', '004'] as SeedId[]).map((id) => [
      id,
      loadTemplate(
        templateFromSeed(SEEDS[id], {
          id: `seed-${id}`,
          layout: id === '001' ? 'single-table' : 'sheet-per-form',
          levels: [...levels],
        }),
      ),
    ]),
  ) as Record<SeedId, Template>;
  const all = Object.values(fromSeed);

  test.each(['000', '001', '003', '004'] as SeedId[])(
    'seed %s picks its own template, every row on its own id',
    async (id) => {
      const seed = SEEDS[id];
      const t = fromSeed[id];
      const hm = await buildHandmade(seed, {
        layout: id === '001' ? 'single-table' : 'stacked',
        habit: 'vn-text',
        titles: 'none',
      });
      const r = readReport(hm.bytes, { fileName: `${id}.xlsx`, templates: all });
      expect(r.template.id).toBe(t.id);
      // Without a title block there is nothing to say who sent it: said, not guessed.
      expect(r.unit).toBeUndefined();
      expect(r.warnings.some((w) => w.message.includes('tên đơn vị'))).toBe(true);
      const ids = t.forms.map((f) => f.rows.map((row) => row.id));
      const s = score(r, hm, ids);
      expect(s.wrong).toEqual([]);
      expect(s.bad).toEqual([]);
    },
  );
});

describe('what consolidation takes from the reader', () => {
  test('two communes typed by hand (1B) consolidate into the district rows, traced to the cells read', async () => {
    const camHung = SEEDS['001'];
    // A second commune: another name, 3.3.3.1 and 3.3.3.2 typed differently.
    const camBinh: Seed = {
      ...camHung,
      unit: 'Ủy ban nhân dân xã Cẩm Bình',
      forms: camHung.forms.map((f) => ({
        ...f,
        rows: f.rows.map((r) =>
          r.stt === '3.3.3.1' ? { ...r, value: '800' } : r.stt === '3.3.3.2' ? { ...r, value: '790' } : r,
        ),
      })),
    };
    const a = readReport((await buildHandmade(camHung, { layout: 'single-table', habit: 'vn-text' })).bytes, {
      fileName: 'cam-hung.xlsx',
    });
    const b = readReport(
      (await buildHandmade(camBinh, { layout: 'sheet-per-form', habit: 'en-us', titles: 'split' })).bytes,
      { fileName: 'cam-binh.xlsx' },
    );
    expect([a.unit, b.unit]).toEqual(['UBND xã Cẩm Hưng', 'UBND xã Cẩm Bình']);
    expect(a.date).toBe('2022-06-10');
    const r = consolidate({
      template: getTemplate('bnv2022-huyen'),
      level: 'huyen',
      chain: chainById('3cap'),
      unit: 'UBND huyện Cẩm Xuyên',
      children: [toChildReport(a), toChildReport(b)],
    });
    const v = r.values.get('BM3:3.3.1')!;
    expect(v.value).toBe(1213 + 800);
    expect(v.from.map((p) => [p.unit, p.file, p.cell])).toEqual([
      ['UBND xã Cẩm Hưng', 'cam-hung.xlsx', a.cells.get('1B:3.3.3.1')],
      ['UBND xã Cẩm Bình', 'cam-binh.xlsx', b.cells.get('1B:3.3.3.1')],
    ]);
    expect(r.values.get('BM3:3.3')!.value).toBeCloseTo(((1213 + 790) / 2013) * 100, 2);
  });
});
