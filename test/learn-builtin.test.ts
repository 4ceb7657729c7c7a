/**
 * Learning each built-in form from its printed table (a workbook built from the seed the
 * template was transcribed from) recovers the hand-written templates' ratio and sum rules:
 * at least 90% of them, and no wrong one, from the filled table and from a blank copy. The table
 * (expected, recovered, wrong, missed and why) is printed and asserted. Checking the seed with the
 * learned template then finds exactly what the hand-written one finds with its ratio, sum and ≤ rules.
 */
import { buildHandmade, seedRowIds, type HandmadeOptions } from './helpers/handmade';
import { loadSeed, SEED_OF_TEMPLATE } from './helpers/seeds';
import { ruleKey } from './helpers/rule-keys';
import { getTemplate } from '../src/core/template/registry';
import { loadTemplate } from '../src/core/template/load';
import { learnTemplate, ruleText, type LearnResult } from '../src/core/learn';
import { readGrid } from '../src/io/read-grid';
import { readReport } from '../src/io/read-report';
import { checkReport } from '../src/core/rules';
import type { Template } from '../src/core/template/load';
import type { LevelId } from '../src/core/template/schema';

interface Row {
  template: string;
  expected: number;
  recovered: number;
  wrong: string[];
  missed: string[];
  extra: string[];
}

const LAYOUT: Record<string, Partial<HandmadeOptions>> = {
  'bnv2022-huyen': { layout: 'sheet-per-form', habit: 'vi-excel', header: 'ket-qua' },
  'bnv2022-tinh': { layout: 'sheet-per-form', habit: 'comma-thousands', header: 'period' },
  pl2024: { layout: 'sheet-per-form', habit: 'vn-text', header: 'one-row' },
  pl1b: { layout: 'single-table', habit: 'en-us', header: 'ket-qua', repeatHeaderEvery: 40 },
};

async function learnFromSeed(
  templateId: string,
  blank = false,
  levels?: LevelId[],
): Promise<{ row: Row; learned: LearnResult; bytes: Uint8Array }> {
  const seed = loadSeed(SEED_OF_TEMPLATE[templateId]);
  const builtin = getTemplate(templateId);
  const hm = await buildHandmade(seed, {
    layout: 'sheet-per-form',
    habit: 'vi-excel',
    ...LAYOUT[templateId],
    ...(blank ? { transform: (r) => ({ ...r, value: '' }) } : {}),
  });
  const learned = learnTemplate(readGrid(hm.bytes, { fileName: `${templateId}.xlsx` }), {
    id: `hoc-${templateId}`,
    ...(levels ? { levels } : {}),
  });
  loadTemplate(learned.template); // the existing loader accepts it
  // Learned row → built-in row, through where each seed row was written.
  const ids = seedRowIds(seed, builtin);
  const at = new Map(
    hm.placements.filter((p) => p.rowIndex >= 0).map((p) => [`${p.sheet}!${p.row}`, ids[p.formIndex][p.rowIndex]]),
  );
  const toBuiltin = new Map<string, string>();
  for (const f of learned.forms)
    for (const r of f.rows) {
      const b = at.get(`${r.sheet}!${r.row}`);
      if (b) toBuiltin.set(r.id, b);
    }
  const family = (id: string) => /\.(ratio|sum)\./.test(id);
  const expected = new Map(builtin.allRules.filter((r) => family(r.id)).map((r) => [ruleKey(r.check)!, r] as const));
  const learnedKeys = new Map<string, string>();
  const rowsById = new Map(learned.forms.flatMap((f) => f.rows.map((r) => [r.id, r] as const)));
  const row: Row = {
    template: `${templateId}${blank ? ' (blank)' : ''}`,
    expected: expected.size,
    recovered: 0,
    wrong: [],
    missed: [],
    extra: [],
  };
  for (const r of learned.rules) {
    if (r.family === 'le') continue;
    const key = ruleKey(r.check, (x) => toBuiltin.get(x));
    const text = `${ruleText(r, rowsById)} (${Math.round(r.confidence * 100)}%)`;
    if (key && expected.has(key)) {
      row.recovered++;
      learnedKeys.set(key, r.id);
    } else {
      // A rule on a row the hand-written template states nothing of the same kind about is extra, else wrong.
      const target = toBuiltin.get(r.target);
      const sameTarget = [...expected.keys()].some((k) => k.split(' ')[1] === target);
      (sameTarget ? row.wrong : row.extra).push(`${r.id}: ${text}`);
    }
  }
  for (const [key, r] of expected) {
    if (learnedKeys.has(key)) continue;
    const target = key.split(' ')[1];
    const learnedTarget = [...toBuiltin].find(([, b]) => b === target)?.[0];
    const other = learned.rules.find((x) => x.target === learnedTarget);
    const why = !learnedTarget
      ? 'dòng không có trong bảng in'
      : other
        ? `học thành «${ruleText(other, rowsById)}»`
        : 'không suy ra quy tắc';
    row.missed.push(`${r.id} (${r.check}): ${why}`);
  }
  return { row, learned, bytes: hm.bytes };
}

const TEMPLATES = ['bnv2022-huyen', 'bnv2022-tinh', 'pl2024', 'pl1b'];

describe('learning the built-in forms from their printed tables', () => {
  const rows: Row[] = [];
  afterAll(() => {
    const lines = [
      '| template | expected | recovered | wrong | missed | extra |',
      '|---|---|---|---|---|---|',
      ...rows.map(
        (r) =>
          `| ${r.template} | ${r.expected} | ${r.recovered} (${Math.round((100 * r.recovered) / r.expected)}%) | ${r.wrong.length} | ${r.missed.length} | ${r.extra.length} |`,
      ),
      ...rows.flatMap((r) => [
        ...r.missed.map((m) => `${r.template} missed ${m}`),
        ...r.wrong.map((m) => `${r.template} WRONG ${m}`),
        ...r.extra.map((m) => `${r.template} extra ${m}`),
      ]),
    ];
    process.stdout.write(`\n${lines.join('\n')}\n`);
  });

  test.each(TEMPLATES)('%s: ≥ 90%% of the ratio and sum rules recovered, none wrong', async (id) => {
    const { row } = await learnFromSeed(id);
    rows.push(row);
    expect(row.wrong).toEqual([]);
    expect(row.recovered / row.expected).toBeGreaterThanOrEqual(0.9);
  });

  test.each(TEMPLATES)('%s from its blank table (no figures to confirm the wording): the same', async (id) => {
    const { row } = await learnFromSeed(id, true);
    rows.push(row);
    expect(row.wrong).toEqual([]);
    expect(row.recovered / row.expected).toBeGreaterThanOrEqual(0.9);
  });

  test.each(TEMPLATES)(
    '%s: checking its seed, the learned template finds what the hand-written one finds with its ratio, sum and ≤ rules',
    async (id) => {
      const seed = loadSeed(SEED_OF_TEMPLATE[id]);
      // Learned for the seed's level alone, as its unit would learn it.
      const { learned, bytes } = await learnFromSeed(id, false, [seed.level]);
      const mine = loadTemplate(learned.template);
      const found = (templates: Template[] | undefined, template: string | undefined, families: RegExp) => {
        const r = readReport(bytes, { ...(templates ? { templates } : {}), ...(template ? { template } : {}) });
        return checkReport(r.template, r.level!, r.values, { mode: 'typing' })
          .filter((f) => f.severity !== 'info' && families.test(f.rule))
          .map((f) => `${f.severity} ${r.cells.get(f.row)} → ${f.suggestion?.value ?? '-'}`)
          .sort();
      };
      const theirs = found(undefined, id, /\.(ratio|sum|le|ge)\./);
      // Typing-habit findings (habit:…) come from the reader, the same under either template: left out of both.
      expect(found([mine], undefined, /^(?!habit:)/)).toEqual(theirs);
      if (id !== 'bnv2022-tinh') expect(theirs.length).toBeGreaterThan(0); // 004 is the seeds' false-positive control
    },
  );
});
