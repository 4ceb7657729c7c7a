/**
 * The fast scoring of table rows against templates (prepared templates, inverted indexes,
 * caches, and only the templates that can still place first or second aligned) must give what
 * the pair-by-pair definition gives: the same score for every pair, and the same best template
 * and runner-up with the same rows mapped. Tables built from the four seeds, as typed and as
 * officials change them (capitals, no diacritics, shortened labels, renumbered rows, units
 * written differently, rows of their own).
 */
import { gridFromMatrices, type GridValue } from '../src/core/recognise';
import { fitBest, fitTemplate, flattenTables, type FlatRow, type TemplateFit } from '../src/core/recognise/match';
import { indexTemplate, pairScore, scoreRows } from '../src/core/recognise/score';
import { scanSheet, type Table } from '../src/core/recognise/tables';
import { builtinTemplates } from '../src/core/template/registry';
import { vietnameseText } from './helpers/handmade';
import { loadSeed, SEED_OF_TEMPLATE, type Seed } from './helpers/seeds';

const templates = builtinTemplates();
const HEADER = ['STT', 'Chỉ tiêu thống kê', 'Đơn vị tính', 'Số liệu', 'Ghi chú'];

type Change = (row: GridValue[], i: number) => GridValue[] | null;

const asTyped: Change = (r) => r;
const asChanged: Change = ([stt, label, unit, value, note], i) => {
  const l = String(label);
  if (i % 9 === 4) return null; // a row deleted
  if (i % 7 === 1) return [stt, l.toLocaleUpperCase('vi'), unit, value, note];
  if (i % 7 === 2) return [stt, l.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd'), unit, value, note];
  if (i % 7 === 3) return [stt, l.replace(/\s*\(.*\)\s*$/, ''), `${unit} `.toLowerCase(), value, note];
  if (i % 7 === 5)
    return [String(stt).replace(/\d+\.?$/, (d) => `${Number.parseInt(d, 10) + 1}.`), l, unit, value, note];
  if (i % 11 === 6) return [String(i), `Chỉ tiêu riêng của đơn vị số ${i}`, 'Cái', '3', ''];
  return [stt, l, unit, value, note];
};

/** The seed's forms as tables on one sheet each, read back by the table scanner. */
function tablesOf(seed: Seed, change: Change): Table[] {
  const grid = gridFromMatrices(
    seed.forms.map((f, fi) => ({
      name: `Biểu ${fi + 1}`,
      rows: [
        [f.title],
        [f.name],
        HEADER,
        ...f.rows.flatMap((r, i) => {
          const row = change([r.stt, r.label, r.unit, vietnameseText(r.value), r.note], i);
          return row ? [row] : [];
        }),
      ],
    })),
  );
  return grid.sheets.flatMap((s) => scanSheet(s).tables);
}

const templateOfSeed = (id: string) => Object.entries(SEED_OF_TEMPLATE).find(([, s]) => s === id)![0];
const cases: [string, FlatRow[], number, string][] = [];
for (const id of ['000', '001', '003', '004'] as const) {
  for (const [name, change] of [
    ['as typed', asTyped],
    ['changed', asChanged],
  ] as const) {
    const tables = tablesOf(loadSeed(id), change);
    cases.push([`seed ${id}, ${name}`, flattenTables(tables), tables.length, templateOfSeed(id)]);
  }
}

describe.each(cases)('%s', (_name, flat, tableCount, expected) => {
  test('every (table row, template row) pair scores exactly as the pair-by-pair definition', () => {
    expect(flat.length).toBeGreaterThan(40);
    for (const t of templates) {
      const ix = indexTemplate(t);
      const s = scoreRows(flat, ix);
      let mismatches = 0;
      let rowBound = 0;
      const colBest = ix.rows.map(() => 0);
      flat.forEach((fr, i) => {
        let best = 0;
        ix.rows.forEach((tr, j) => {
          const p = pairScore(fr, tr, ix.weights);
          if (s.score[i * s.m + j] !== p.score || s.labels[i][j] !== p.label || s.stts[i][j] !== p.stt) mismatches++;
          best = Math.max(best, p.score);
          colBest[j] = Math.max(colBest[j], p.score);
        });
        rowBound += best;
      });
      expect(mismatches).toBe(0);
      expect(s.bound).toBeCloseTo(
        Math.min(
          rowBound,
          colBest.reduce((a, b) => a + b, 0),
        ),
        9,
      );
      // The bound holds: no alignment of these rows with this template scores more.
      expect(fitTemplate(flat, tableCount, t).score).toBeLessThanOrEqual(s.bound + 1e-9);
    }
  });

  test('the best template and the runner-up are those of aligning every template', () => {
    const all = templates.map((t) => fitTemplate(flat, tableCount, t)).sort((a, b) => b.score - a.score);
    const fast = fitBest(flat, tableCount, templates, () => 1);
    const summary = (f: TemplateFit) => ({
      id: f.template.id,
      score: f.score,
      confidence: f.confidence,
      rows: f.matches.map((m) => [m.index, m.row.id]),
    });
    expect(fast[0].template.id).toBe(expected);
    expect(fast.slice(0, 2).map(summary)).toEqual(all.slice(0, 2).map(summary));
  });
});
