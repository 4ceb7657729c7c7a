/**
 * Loading a template: zod validation, then everything zod cannot express, all problems reported
 * at once in one TemplateError naming the file, the form, the row or rule and what is wrong:
 * unique ids; every rule and consolidation reference names an existing row; every rule parses
 * and lowers (rules/lower.ts: functions allowed in checks, conditions where conditions go);
 * every recipe is type-checked (recipe.ts: its key a level of levels.json or `level@chain`, its
 * functions allowed in recipes with arguments of the right shape, `recompute` backed by a rule
 * defining the row); codes exist on code rows. Then an index for fast lookups.
 */
import { parseExpr, refsOf, ExprError, type Expr } from '../rules/expr';
import { lowerRule, RuleError } from '../rules/lower';
import { recipeProblems } from './recipe';
import { TemplateDef, type FormDef, type RowDef, type RuleDef } from './schema';
import { zodProblems } from './zod-problems';

export interface LoadedRule extends RuleDef {
  /** The form the rule is declared on; absent for cross-form rules. */
  form?: string;
  expr: Expr;
  /** Row ids the rule reads, deduplicated. */
  rowIds: string[];
}

export interface Template extends TemplateDef {
  /** Every row by id. */
  rowsById: Map<string, RowDef>;
  /** The form of each row id. */
  formOf: Map<string, FormDef>;
  /** Every rule (form rules then cross-form rules), parsed. */
  allRules: LoadedRule[];
  /** Row id → the rules that read it (for incremental checking). */
  rulesByRow: Map<string, LoadedRule[]>;
}

export class TemplateError extends Error {
  constructor(
    readonly templateId: string,
    readonly problems: string[],
    readonly file?: string,
  ) {
    const where = file ? `Tệp mẫu «${file}»` : `Mẫu «${templateId}»`;
    const id = file && templateId !== '?' ? ` (mẫu «${templateId}»)` : '';
    super(`${where}${id} không hợp lệ, ${problems.length} lỗi:\n- ${problems.join('\n- ')}`);
    this.name = 'TemplateError';
  }
}

export { rowLevels, reportsRow } from './rows';

/** The data of a loaded template, without its indexes: what loadTemplate takes back (to post to a thread). */
export function templateData(t: Template): TemplateDef {
  const def: Partial<Template> = { ...t };
  delete def.rowsById;
  delete def.formOf;
  delete def.allRules;
  delete def.rulesByRow;
  return def as TemplateDef;
}

export interface LoadOptions {
  /**
   * Row ids of the BNV 2022 reference templates: consolidation recipes and `bnv` fields may name
   * them besides this template's own rows.
   */
  knownBnvIds?: Set<string>;
  /** The file the template was read from, named in errors. */
  file?: string;
}

/** How a row is named in a template error: `Biểu BM1, chỉ tiêu «BM1:2» (STT 2.)`. */
export function rowWhere(row: Pick<RowDef, 'id' | 'stt'>, form?: Pick<FormDef, 'id'>): string {
  const stt = row.stt?.trim() ? ` (STT ${row.stt.trim()})` : '';
  return `${form ? `Biểu ${form.id}, ` : ''}chỉ tiêu «${row.id}»${stt}`;
}

/** Validates and indexes a template; throws TemplateError listing every problem. */
export function loadTemplate(input: unknown, opts: LoadOptions = {}): Template {
  const parsed = TemplateDef.safeParse(input);
  const id = typeof input === 'object' && input && 'id' in input ? String((input as { id: unknown }).id) : '?';
  if (!parsed.success) throw new TemplateError(id, zodProblems(input, parsed.error.issues), opts.file);
  const def = parsed.data;
  const problems: string[] = [];
  const rowsById = new Map<string, RowDef>();
  const formOf = new Map<string, FormDef>();
  const formIds = new Set<string>();
  const sheets = new Set<string>();

  for (const form of def.forms) {
    if (formIds.has(form.id)) problems.push(`Biểu «${form.id}» trùng`);
    formIds.add(form.id);
    if (def.layout === 'sheet-per-form' && sheets.has(form.sheet))
      problems.push(`Biểu ${form.id}: tên trang tính «${form.sheet}» trùng`);
    sheets.add(form.sheet);
    for (const row of form.rows) {
      const where = rowWhere(row, form);
      if (rowsById.has(row.id)) problems.push(`${where}: mã chỉ tiêu trùng`);
      rowsById.set(row.id, row);
      formOf.set(row.id, form);
      if (!row.id.startsWith(`${form.id}:`))
        problems.push(`${where}: mã chỉ tiêu phải bắt đầu bằng «${form.id}:» (mã của biểu)`);
      if (row.kind === 'code' && !(row.codes && row.codes.length > 0))
        problems.push(`${where}: loại mã (code) nhưng không có bảng mã (codes)`);
      if (row.kind !== 'code' && row.codes) problems.push(`${where}: có bảng mã (codes) nhưng không phải loại mã`);
      for (const l of row.levels ?? []) {
        if (!def.levels.includes(l))
          problems.push(`${where}: ghi cấp «${l}» mà mẫu không có (mẫu: ${def.levels.join(', ')})`);
      }
    }
  }

  const bnvOk = (ref: string) => rowsById.has(ref) || (opts.knownBnvIds?.has(ref) ?? false);
  const allRules: LoadedRule[] = [];
  const ruleIds = new Set<string>();
  const addRule = (r: RuleDef, form?: string) => {
    const where = `${form ? `Biểu ${form}, q` : 'Q'}uy tắc «${r.id}»`;
    if (ruleIds.has(r.id)) problems.push(`${where}: mã quy tắc trùng`);
    ruleIds.add(r.id);
    let expr: Expr;
    try {
      expr = parseExpr(r.check);
    } catch (err) {
      problems.push(`${where}: ${err instanceof ExprError ? err.message : String(err)}`);
      return;
    }
    const rowIds = [...new Set(refsOf(expr).map((x) => x.id))];
    const missing = rowIds.filter((rid) => !rowsById.has(rid));
    for (const rid of missing) problems.push(`${where}: chỉ tiêu «${rid}» không có trong mẫu`);
    for (const l of r.levels ?? [])
      if (!def.levels.includes(l))
        problems.push(`${where}: ghi cấp «${l}» mà mẫu không có (mẫu: ${def.levels.join(', ')})`);
    allRules.push({ ...r, ...(form ? { form } : {}), expr, rowIds });
  };
  for (const form of def.forms) for (const r of form.rules) addRule(r, form.id);
  for (const r of def.rules) addRule(r);

  const t: Template = { ...def, rowsById, formOf, allRules, rulesByRow: new Map() };
  // Every rule lowered as the checker will (its lowering is the same at every level it applies to).
  for (const rule of allRules) {
    if (rule.rowIds.some((rid) => !rowsById.has(rid))) continue;
    try {
      lowerRule(t, rule);
    } catch (err) {
      const msg = err instanceof RuleError ? err.message.replace(/^Quy tắc «[^»]*»: /, '') : String(err);
      problems.push(`${rule.form ? `Biểu ${rule.form}, q` : 'Q'}uy tắc «${rule.id}»: ${msg}`);
    }
  }

  for (const form of def.forms) {
    for (const row of form.rows) {
      const where = rowWhere(row, form);
      if (row.baseline && !rowsById.has(row.baseline.current))
        problems.push(`${where}: mốc so sánh (baseline.current) trỏ tới «${row.baseline.current}» không có trong mẫu`);
      if (row.bnv && !def.bnvReference && opts.knownBnvIds && !opts.knownBnvIds.has(row.bnv))
        problems.push(`${where}: chỉ tiêu tương ứng BNV 2022 (bnv) «${row.bnv}» không có`);
      for (const [key, src] of Object.entries(row.consolidate ?? {})) {
        for (const p of recipeProblems(t, row, key, src, bnvOk))
          problems.push(`${where}, cách tổng hợp «${key}»: ${p}`);
      }
    }
  }

  if (problems.length) throw new TemplateError(def.id, problems, opts.file);

  for (const r of allRules) {
    for (const rid of r.rowIds) {
      const list = t.rulesByRow.get(rid) ?? [];
      list.push(r);
      t.rulesByRow.set(rid, list);
    }
  }
  return t;
}

/**
 * A template from the text of a JSON file (`cchc template learn`, `--template-file`): JSON syntax
 * errors and every template problem reported in one TemplateError naming the file.
 */
export function loadTemplateText(text: string, file: string, opts: Omit<LoadOptions, 'file'> = {}): Template {
  let input: unknown;
  try {
    input = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    const at = m ? Number(m[1]) : undefined;
    const line = at === undefined ? undefined : text.slice(0, at).split('\n').length;
    throw new TemplateError(
      '?',
      [`không đọc được JSON${line ? ` (dòng ${line})` : ''}: ${(err as Error).message}`],
      file,
    );
  }
  return loadTemplate(input, { ...opts, file });
}

export function getRow(t: Template, id: string): RowDef {
  const r = t.rowsById.get(id);
  if (!r) throw new Error(`Mẫu «${t.id}» không có chỉ tiêu «${id}»`);
  return r;
}
