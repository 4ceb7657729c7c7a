/**
 * Learning a template from an official's form: `learnTemplate(grid, { id })` reads the form's
 * tables from the grid the recogniser reads (any layout it recognises), and returns a template in
 * the JSON shape of src/core/template/schema.ts, the rules it inferred with their confidence and
 * evidence, and a Vietnamese summary for the official to confirm. Pure: no fs, no DOM, no clock.
 */
import { PERIODS } from '../template/levels';
import { LEVEL_IDS, type TemplateInput } from '../template/schema';
import type { Grid } from '../recognise/grid';
import { formTitleOf } from '../recognise/tables';
import { clean, fold } from '../recognise/text';
import { parentKeys, recipeFor } from './recipes';
import { inferRules } from './rules';
import { readForms } from './structure';
import { summarise } from './summary';
import { LearnError, type InferredRule, type LearnOptions, type LearnResult, type LearnedForm } from './types';

export * from './types';
export { ruleText } from './summary';

export const TEMPLATE_ID_RE = /^[a-z0-9-]+$/;

const PERIOD_RES = PERIODS.map(
  (p) =>
    new RegExp(
      p.titleWithYear
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace('\\{year\\}', '\\d{4}')
        .replace(/ /g, '\\s+'),
      'iu',
    ),
);

/** The period in a title line replaced by `{period}` ("… 6 THÁNG ĐẦU NĂM 2022" → "… {period}"). */
function titleWithPeriod(line: string): string {
  for (const re of PERIOD_RES) if (re.test(line)) return line.replace(re, '{period}');
  return `${line} {period}`;
}

function headFacts(headTitles: string[]): { appendixLabel: string; title: string } {
  const label = headTitles.find((t) => formTitleOf(t) && fold(t).split(' ').length <= 4);
  const candidates = headTitles.filter((t) => !/\bkem theo\b/.test(fold(t)) && !formTitleOf(t));
  // The line naming the period is the title; else one that reads like a statistics heading.
  const title =
    candidates.find((t) => PERIOD_RES.some((re) => re.test(t))) ??
    candidates.find((t) => /\b(thong ke|bao cao|bieu mau|ket qua)\b/.test(fold(t)));
  return {
    appendixLabel: label ? clean(label) : 'Phụ lục',
    title: title ? titleWithPeriod(clean(title)) : 'BIỂU MẪU THỐNG KÊ SỐ LIỆU {period}',
  };
}

/** Ghi chú worth keeping in a template: who fills the row; the rest of a filled form's notes are the unit's remarks. */
const isFillNote = (note: string) =>
  /\b(cap (so|huyen|xa|tinh) bao|khong bao|bao cao)\b/.test(fold(note)) && note.length <= 80;

function toTemplate(
  forms: LearnedForm[],
  rules: InferredRule[],
  o: LearnOptions,
  head: ReturnType<typeof readForms>,
): TemplateInput {
  const levels = o.levels?.length ? o.levels : [...LEVEL_IDS];
  const keys = parentKeys(levels);
  const filled = forms.some((f) => f.rows.some((r) => r.value && r.value.value !== null));
  const sheets = new Set(forms.map((f) => f.sheet));
  const single = sheets.size < forms.length;
  const { appendixLabel, title } = headFacts(head.headTitles);
  const byForm = (id: string) => rules.filter((r) => r.form === id);
  return {
    id: o.id,
    version: o.date ? `hoc-${o.date}` : 'hoc',
    name:
      o.name ?? `${title.replace('{period}', '').trim() || forms[0].name} (mẫu học${o.file ? ` từ «${o.file}»` : ''})`,
    source: `Học tự động bằng cchc template learn từ ${o.file ? `tệp «${o.file}»` : 'một biểu mẫu'}${o.date ? ` ngày ${o.date}` : ''}`,
    levels,
    appendixLabel,
    title,
    ...(head.valueHeader ? { valueHeader: head.valueHeader } : {}),
    layout: single ? 'single-table' : 'sheet-per-form',
    header: 'ket-qua',
    forms: forms.map((f) => ({
      id: f.id,
      title: f.title,
      name: f.name,
      sheet: single ? forms[0].sheet : f.sheet,
      rows: f.rows.map((r) => {
        const recipe = recipeFor(r, rules, keys);
        return {
          id: r.id,
          stt: r.stt,
          label: r.label || `(dòng ${r.row} không có nội dung)`,
          unit: r.unit,
          kind: r.kind,
          ...(r.codes ? { codes: r.codes } : {}),
          ...(r.note && (!filled || isFillNote(r.note)) ? { note: r.note } : {}),
          ...(r.cumulative ? { cumulative: true } : {}),
          ...(recipe ? { consolidate: recipe } : {}),
        };
      }),
      rules: byForm(f.id).map((r) => ({ id: r.id, check: r.check, severity: r.severity, empty: r.empty })),
    })),
    rules: [],
    comment: `Mẫu học tự động: kiểu dòng theo đơn vị tính, ${rules.length} quy tắc suy ra từ cách ghi${filled ? ' và số liệu trong tệp' : ''} (độ tin cậy từng quy tắc: xem bản tóm tắt của cchc template learn); cán bộ cần xác nhận.`,
  };
}

/** Learns a template from a form. Throws an Error with a Vietnamese message when the grid holds no form. */
export function learnTemplate(grid: Grid, o: LearnOptions): LearnResult {
  if (!TEMPLATE_ID_RE.test(o.id))
    throw new LearnError(
      `Mã mẫu «${o.id}» không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ «mau-so-noi-vu-2025»).`,
    );
  const head = readForms(grid);
  const rules = head.forms.flatMap(inferRules);
  const template = toTemplate(head.forms, rules, o, head);
  return { template, forms: head.forms, rules, summary: summarise(head.forms, rules, o.id), warnings: head.warnings };
}

/** The template with only the rules the official kept (by rule id). */
export function keepRules(t: TemplateInput, keep: ReadonlySet<string>): TemplateInput {
  const kept = [...t.forms.flatMap((f) => f.rules ?? []), ...(t.rules ?? [])].filter((r) => keep.has(r.id)).length;
  return {
    ...t,
    comment: `${t.comment ?? ''} Cán bộ đã xác nhận ${kept} quy tắc.`.trim(),
    forms: t.forms.map((f) => ({ ...f, rules: (f.rules ?? []).filter((r) => keep.has(r.id)) })),
    rules: (t.rules ?? []).filter((r) => keep.has(r.id)),
  };
}
