/**
 * Loading a template: zod validation, then the checks zod cannot express — unique ids,
 * every rule and consolidation reference names an existing row, rules parse, codes
 * exist on code rows — and an index for fast lookups.
 */
import { parseExpr, refsOf, ExprError, type Expr } from '../rules/expr';
import { TemplateDef, type FormDef, type RowDef, type RuleDef } from './schema';

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
  ) {
    super(`Mẫu «${templateId}» không hợp lệ:\n- ${problems.join('\n- ')}`);
    this.name = 'TemplateError';
  }
}

export { rowLevels, reportsRow } from './rows';

/**
 * Validates and indexes a template. `resolveExternal` tells whether a consolidation
 * reference to another template's row (a child of another layout) exists; by default
 * consolidation references must name rows of this template or a BNV 2022 id.
 */
export function loadTemplate(input: unknown, opts: { knownBnvIds?: Set<string> } = {}): Template {
  const parsed = TemplateDef.safeParse(input);
  const id = typeof input === 'object' && input && 'id' in input ? String((input as { id: unknown }).id) : '?';
  if (!parsed.success) {
    throw new TemplateError(
      id,
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  }
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
      problems.push(`Tên trang tính «${form.sheet}» trùng`);
    sheets.add(form.sheet);
    for (const row of form.rows) {
      if (rowsById.has(row.id)) problems.push(`Chỉ tiêu «${row.id}» trùng`);
      rowsById.set(row.id, row);
      formOf.set(row.id, form);
      if (!row.id.startsWith(`${form.id}:`)) problems.push(`Chỉ tiêu «${row.id}» không thuộc biểu «${form.id}»`);
      if (row.kind === 'code' && !(row.codes && row.codes.length > 0))
        problems.push(`Chỉ tiêu «${row.id}» loại mã nhưng không có bảng mã`);
      if (row.kind !== 'code' && row.codes) problems.push(`Chỉ tiêu «${row.id}» có bảng mã nhưng không phải loại mã`);
      for (const l of row.levels ?? []) {
        if (!def.levels.includes(l)) problems.push(`Chỉ tiêu «${row.id}» ghi cấp «${l}» mà mẫu không có`);
      }
    }
  }

  const bnvOk = (ref: string) => rowsById.has(ref) || (opts.knownBnvIds?.has(ref) ?? false);
  for (const row of def.forms.flatMap((f) => f.rows)) {
    if (row.baseline && !rowsById.has(row.baseline.current))
      problems.push(`Chỉ tiêu «${row.id}»: mốc so sánh trỏ tới «${row.baseline.current}» không có`);
    for (const [key, src] of Object.entries(row.consolidate ?? {})) {
      try {
        const e = parseExpr(src);
        for (const r of refsOf(e)) {
          if (!r.level)
            problems.push(`Chỉ tiêu «${row.id}» (tổng hợp ${key}): «${r.id}» phải ghi cấp, ví dụ xa.${r.id}`);
          else if (!bnvOk(r.id)) problems.push(`Chỉ tiêu «${row.id}» (tổng hợp ${key}): «${r.id}» không có`);
        }
      } catch (err) {
        problems.push(`Chỉ tiêu «${row.id}» (tổng hợp ${key}): ${(err as Error).message}`);
      }
    }
  }

  const allRules: LoadedRule[] = [];
  const ruleIds = new Set<string>();
  const addRule = (r: RuleDef, form?: string) => {
    if (ruleIds.has(r.id)) problems.push(`Quy tắc «${r.id}» trùng`);
    ruleIds.add(r.id);
    let expr: Expr;
    try {
      expr = parseExpr(r.check);
    } catch (err) {
      problems.push(`Quy tắc «${r.id}»: ${err instanceof ExprError ? err.message : String(err)}`);
      return;
    }
    const rowIds = [...new Set(refsOf(expr).map((x) => x.id))];
    for (const rid of rowIds)
      if (!rowsById.has(rid)) problems.push(`Quy tắc «${r.id}» trỏ tới chỉ tiêu «${rid}» không có`);
    for (const l of r.levels ?? [])
      if (!def.levels.includes(l)) problems.push(`Quy tắc «${r.id}» ghi cấp «${l}» mà mẫu không có`);
    allRules.push({ ...r, ...(form ? { form } : {}), expr, rowIds });
  };
  for (const form of def.forms) for (const r of form.rules) addRule(r, form.id);
  for (const r of def.rules) addRule(r);

  if (problems.length) throw new TemplateError(def.id, problems);

  const rulesByRow = new Map<string, LoadedRule[]>();
  for (const r of allRules) {
    for (const rid of r.rowIds) {
      const list = rulesByRow.get(rid) ?? [];
      list.push(r);
      rulesByRow.set(rid, list);
    }
  }
  return { ...def, rowsById, formOf, allRules, rulesByRow };
}

export function getRow(t: Template, id: string): RowDef {
  const r = t.rowsById.get(id);
  if (!r) throw new Error(`Mẫu «${t.id}» không có chỉ tiêu «${id}»`);
  return r;
}
