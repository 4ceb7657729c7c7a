/**
 * What the «Thêm mẫu mới» tab decides without React or Excel: a template id from a sheet's name,
 * the rules ticked at first, the template the official confirmed (validated by the loader), and a
 * template file imported from a unit above.
 */
import { keepRules, TEMPLATE_ID_RE, type InferredRule, type LearnResult } from '../core/learn';
import { fold } from '../core/recognise/text';
import { loadTemplate, TemplateError } from '../core/template/load';
import type { TemplateInput } from '../core/template/schema';

/** Rules below this confidence start unticked. */
export const TICK_FROM = 0.5;

/** "Báo cáo Nội vụ 2025" → "mau-bao-cao-noi-vu-2025". */
export function idFromName(name: string): string {
  const slug = fold(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `mau-${slug || 'moi'}`;
}

export function initialTicks(rules: readonly InferredRule[]): Set<string> {
  return new Set(rules.filter((r) => r.confidence >= TICK_FROM).map((r) => r.id));
}

export type Confirmed = { ok: true; template: TemplateInput } | { ok: false; message: string };

/** The learned template with the ticked rules, under the id and name the official chose, checked by the loader. */
export function confirmTemplate(
  learned: LearnResult,
  ticked: ReadonlySet<string>,
  id: string,
  name?: string,
): Confirmed {
  const tid = id.trim();
  if (!TEMPLATE_ID_RE.test(tid))
    return {
      ok: false,
      message: `Mã mẫu «${tid}» không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ mau-noi-vu-2025).`,
    };
  const template: TemplateInput = {
    ...keepRules(learned.template, ticked),
    id: tid,
    ...(name?.trim() ? { name: name.trim() } : {}),
  };
  try {
    loadTemplate(template);
  } catch (e) {
    return { ok: false, message: e instanceof TemplateError ? e.message : String((e as Error).message) };
  }
  return { ok: true, template };
}

/** A template file (.json) as received: parsed and validated, or why not (Vietnamese, naming the file). */
export function importTemplate(text: string, file: string): Confirmed {
  let def: unknown;
  try {
    def = JSON.parse(text);
  } catch {
    return { ok: false, message: `Tệp «${file}» không phải tệp mẫu .json (không đọc được JSON).` };
  }
  try {
    loadTemplate(def);
    return { ok: true, template: def as TemplateInput };
  } catch (e) {
    return {
      ok: false,
      message: `Tệp «${file}» không phải mẫu hợp lệ: ${e instanceof TemplateError ? e.problems.slice(0, 5).join('; ') : (e as Error).message}`,
    };
  }
}

/** The file name a template is exported under. */
export const exportName = (id: string) => `${id}.json`;

export const templateJson = (t: unknown) => `${JSON.stringify(t, null, 2)}\n`;
