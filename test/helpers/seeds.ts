/**
 * Seed tables (test/fixtures/seeds) for tests: loading, the seed that goes with each
 * built-in template, and a template built from a seed table so layout tests run on
 * realistic rows whatever state the built-in templates are in.
 */
import { readFileSync } from 'fs';
import path from 'path';
import type { TemplateInput, LevelId } from '../../src/core/template/schema';

export interface SeedRow {
  stt: string;
  label: string;
  unit: string;
  value: string;
  note: string;
}
export interface SeedForm {
  title: string;
  name: string;
  rows: SeedRow[];
}
export interface Seed {
  seed: string;
  unit: string;
  level: LevelId;
  period: string;
  forms: SeedForm[];
}

export const SEED_DIR = path.join(__dirname, '..', 'fixtures', 'seeds');

export function loadSeed(id: '000' | '001' | '003' | '004'): Seed {
  return JSON.parse(readFileSync(path.join(SEED_DIR, `${id}.json`), 'utf8')) as Seed;
}

/** The seed each built-in template was transcribed from. */
export const SEED_OF_TEMPLATE: Record<string, '000' | '001' | '003' | '004'> = {
  'bnv2022-huyen': '000',
  'bnv2022-tinh': '004',
  pl2024: '003',
  pl1b: '001',
};

/** Seed rows in order, across forms. */
export const seedRows = (s: Seed): SeedRow[] => s.forms.flatMap((f) => f.rows);

/** Comparable text: whitespace collapsed, trimmed, NFC. */
export const norm = (s: unknown): string =>
  String(s ?? '')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
/** STT with its trailing dot dropped ("2.1." ≡ "2.1"). */
export const normStt = (s: unknown): string => norm(s).replace(/\.$/, '');

/** Seed numbers as officials wrote them: "2.531" and "2,004" (thousands), "99,6", "16.3", "01", "99,6%". */
export function seedNumber(raw: string): number | undefined {
  const s = raw.trim().replace(/%$/, '').trim();
  if (!/^\d[\d.,]*$/.test(s)) return undefined;
  if (/^\d{1,3}([.,]\d{3})+$/.test(s)) return Number(s.replace(/[.,]/g, ''));
  return Number(s.replace(',', '.'));
}

function kindOf(r: SeedRow): 'group' | 'percent' | 'code' | 'money' | 'count' {
  const u = r.unit.trim();
  if (!u) return r.value.trim() ? 'count' : 'group';
  if (u === '%') return 'percent';
  if (u.includes('=')) return 'code';
  if (/triệu đồng/i.test(u)) return 'money';
  return 'count';
}

function codesOf(unit: string): { value: number; label: string }[] {
  const out: { value: number; label: string }[] = [];
  for (const m of unit.matchAll(/([^=;,\n]+?)\s*=\s*(\d+)/gu)) out.push({ label: m[1].trim(), value: Number(m[2]) });
  return out;
}

/**
 * A template built from a seed table: form ids `BM1…` (or `S1…` for a single table),
 * row ids from STT, kinds from units, levels from Ghi chú ("Cấp sở báo" → so,
 * "Cấp huyện báo" → huyen, "Không báo" → not the seed's level), ratio rules for every
 * % row followed by its `.1`/`.2` children, and a sum rule where one is obvious.
 */
export function templateFromSeed(
  seed: Seed,
  opts: { id: string; layout?: 'sheet-per-form' | 'single-table'; header?: 'ket-qua' | 'period'; levels: LevelId[] },
): TemplateInput {
  const single = opts.layout === 'single-table';
  const other = opts.levels.find((l) => l !== seed.level) ?? seed.level;
  let ruleNo = 0;
  const forms = seed.forms.map((f, fi) => {
    const formId = single ? `S${fi + 1}` : `BM${fi + 1}`;
    const used = new Set<string>();
    let last = '0';
    const rows = f.rows.map((r) => {
      let p = normStt(r.stt);
      if (!/^[A-Za-z0-9.]+$/.test(p)) p = `${last}.u`;
      let id = p;
      for (let k = 1; used.has(id); k++) id = `${p}${String.fromCharCode(96 + k)}`;
      used.add(id);
      if (normStt(r.stt)) last = id;
      const kind = kindOf(r);
      const levels: LevelId[] | undefined = /cấp sở báo/i.test(r.note)
        ? ['so']
        : /cấp huyện báo|UBND cấp huyện báo/i.test(r.note)
          ? ['huyen']
          : /không báo/i.test(r.note)
            ? [other]
            : undefined;
      const codes = kind === 'code' ? codesOf(r.unit) : [];
      return {
        id: `${formId}:${id}`,
        stt: r.stt,
        label: r.label,
        unit: r.unit,
        kind: kind === 'code' && codes.length === 0 ? ('count' as const) : kind,
        ...(kind === 'code' && codes.length ? { codes } : {}),
        ...(levels && levels.every((l) => opts.levels.includes(l)) ? { levels } : {}),
        ...(r.note ? { note: r.note } : {}),
      };
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const rules = rows.flatMap((r) => {
      if (r.kind !== 'percent') return [];
      const part = byId.get(`${r.id}.2`);
      const whole = byId.get(`${r.id}.1`);
      if (!part || !whole || part.kind !== 'count' || whole.kind !== 'count') return [];
      return [{ id: `r${++ruleNo}`, check: `${r.id} == ratio(${part.id}, ${whole.id})` }];
    });
    return { id: formId, title: f.title, name: f.name, sheet: single ? 'Phụ lục' : f.title.slice(0, 31), rows, rules };
  });
  return {
    id: opts.id,
    version: 'test',
    name: `Mẫu thử từ ${seed.seed}`,
    levels: opts.levels,
    appendixLabel: single ? seed.forms[0].title : 'Phụ lục 1',
    title: 'BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH {period}',
    layout: opts.layout ?? 'sheet-per-form',
    header: opts.header ?? 'ket-qua',
    forms,
  };
}
