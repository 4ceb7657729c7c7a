/**
 * The rule compiler: every check the engine runs at a level (template rules and the built-in
 * checks of each row) as an Excel formula, printed from the very formula tree the TypeScript
 * engine interprets (formula.ts), so a workbook marks exactly the cells the engine reports
 * (apart from findings that need more than the cells: missing rows, ambiguous readings).
 *
 * - Conditional formats: TRUE when the check is violated; one per check, listing its rows.
 * - Validations (custom data validation, TRUE when acceptable): for rules with a single-row
 *   side (a ratio's percentage, a total, `X <= …`), on that row. They ask (warning style):
 *   when a percentage disagrees with its counts the counts may be the wrong ones.
 *
 * Formulas avoid what HyperFormula or old Excel would not read: no LET, no 1E-06 literals,
 * (1=1)/(0=1) for TRUE/FALSE. Cells read by `N()` or guarded by `ISNUMBER()` so text
 * never turns into #VALUE!. A row without an address reads as an empty cell; a rule that could
 * then never fire is left out (listed in `skipped`).
 */
import { describeCondition, describeExpr, rowName, spansForms, capitalize, VIOLATED_TEXT } from './describe';
import { TRUE_F, ifF, or, printF, type AddressOf, type F } from './formula';
import type { Check } from './lower';
import { lowerFirst, sentence } from './messages';
import { compoundStatement, conditionClause } from './sentences';
import { prepare } from './check';
import { levelInfo } from '../template/levels';
import { rowLevels, type Template } from '../template/load';
import type { LevelId, Severity } from '../template/schema';
import type { RuleFormulaContext, RuleFormulas, RuleConditionalFormat, RuleValidation } from '../layout/types';

export interface CompiledCondition {
  ruleId: string;
  /** Rows to mark (those with an address). */
  rowIds: string[];
  /** Without the leading `=`; TRUE when violated. */
  formula: string;
  severity: Severity;
  message: string;
}

export interface CompiledValidation {
  ruleId: string;
  rowId: string;
  /** Without the leading `=`; TRUE when the input is acceptable. */
  formula: string;
  message: string;
  severity: 'warning' | 'error';
}

export interface CompiledRules {
  conditionalFormats: CompiledCondition[];
  validations: CompiledValidation[];
  /** Rules left out, with why. */
  skipped: { ruleId: string; reason: string }[];
}

/** The formula (without `=`) that is TRUE when a check is violated. */
export function violatedFormula(check: Check, addressOf: AddressOf): string {
  return printF(check.violated, addressOf);
}

/** The formula (without `=`) that is TRUE when a check holds or is not evaluated. */
export function acceptedFormula(check: Check, addressOf: AddressOf): string {
  return printF(acceptedF(check), addressOf);
}

function acceptedF(check: Check): F {
  return check.guard.t === 'bool' && check.guard.v ? check.pass : ifF(check.guard, check.pass, TRUE_F);
}

/** A rule in words, without values: "Dòng 1.2 phải bằng dòng 1.2.2/dòng 1.2.1 × 100". */
export function ruleStatement(t: Template, check: Check): string {
  const rule = check.rule;
  const withForm = spansForms(t, check.cells);
  const names = (e: Parameters<typeof describeExpr>[1]) =>
    describeExpr(t, e, () => null, { withForm, emptyAsZero: false }).names;
  const shape = check.shape;
  let s: string;
  if (shape.type === 'ratio') {
    s = `${capitalize(rowName(t, shape.result, withForm))} phải bằng ${names(shape.computed)} × 100%`;
  } else if (shape.type === 'total') {
    s = `${capitalize(rowName(t, shape.total, withForm))} phải bằng ${names(shape.computed)}`;
  } else if (shape.type === 'cmp') {
    s = `${capitalize(names(shape.left))} ${VIOLATED_TEXT[shape.op].must} ${names(shape.right)}`;
  } else {
    s =
      (rule && compoundStatement(t, rule.expr, withForm)) ??
      `Phải thỏa: ${rule ? describeCondition(t, rule.expr, withForm) : ''}`;
  }
  if (shape.type !== 'logic' && shape.when)
    s = `Khi ${conditionClause(t, shape.when, withForm) ?? describeCondition(t, shape.when, withForm)}: ${lowerFirst(s)}`;
  return rule?.message ? `${s}. ${sentence(rule.message)}` : `${s}.`;
}

function rowStatement(t: Template, level: LevelId, check: Check): string {
  const id = check.row!;
  const row = t.rowsById.get(id)!;
  const name = capitalize(rowName(t, id));
  switch (check.ruleId) {
    case 'domain:number':
      return `${name} phải ghi bằng số.`;
    case 'domain:count':
      return `${name} là số lượng: số nguyên không âm.`;
    case 'domain:money':
      return `${name} là số tiền: không được âm.`;
    case 'domain:percent':
      return `${name} là tỷ lệ phần trăm: từ 0 đến 100.`;
    case 'domain:code':
      return `${name} chỉ nhận các mã ${(row.codes ?? []).map((c) => `${c.label} = ${c.value}`).join('; ')}.`;
    case 'applicability':
      return row.kind === 'group' && rowLevels(t, row).includes(level)
        ? `${name} là dòng tiêu đề nhóm, không cần số liệu.`
        : `${name} ${levelInfo(level).name.toLowerCase()} không báo cáo.`;
    default:
      return name;
  }
}

/** The single row a validation of this rule belongs to, if the rule has one. */
function validationRow(check: Check): string | undefined {
  const s = check.shape;
  if (s.type === 'ratio') return s.result;
  if (s.type === 'total') return s.total;
  if (s.type === 'cmp') return s.left.type === 'ref' ? s.left.id : s.right.type === 'ref' ? s.right.id : undefined;
  return undefined;
}

/** Compiles every check at a level; `addressOf` gives a row's cell as the formula must write it. */
export function compileRules(t: Template, level: LevelId, addressOf: AddressOf): CompiledRules {
  const p = prepare(t, level);
  const out: CompiledRules = { conditionalFormats: [], validations: [], skipped: [] };
  for (const check of p.ruleChecks) {
    const placed = check.cells.filter((id) => addressOf(id) !== undefined);
    const unplaced = check.valueRefs.filter((id) => addressOf(id) === undefined);
    if (placed.length === 0 || (check.rule!.empty === 'skip' && unplaced.length > 0)) {
      out.skipped.push({
        ruleId: check.ruleId,
        reason: `Quy tắc «${check.ruleId}»: ${unplaced.length ? unplaced.map((id) => rowName(t, id, true)).join(', ') : 'các chỉ tiêu'} không có ô trong bảng ở cấp này`,
      });
      continue;
    }
    const message = ruleStatement(t, check);
    out.conditionalFormats.push({
      ruleId: check.ruleId,
      rowIds: placed,
      formula: violatedFormula(check, addressOf),
      severity: check.severity,
      message,
    });
    const vr = validationRow(check);
    if (vr && addressOf(vr) !== undefined) {
      out.validations.push({
        ruleId: check.ruleId,
        rowId: vr,
        formula: acceptedFormula(check, addressOf),
        message,
        severity: 'warning',
      });
    }
  }
  for (const id of p.rowIds) {
    if (addressOf(id) === undefined) continue;
    for (const check of p.rowChecks.get(id) ?? []) {
      out.conditionalFormats.push({
        ruleId: check.ruleId,
        rowIds: [id],
        formula: violatedFormula(check, addressOf),
        severity: check.severity,
        message: rowStatement(t, level, check),
      });
    }
  }
  return out;
}

/** `D9` → `$D$9`, `'Biểu mẫu 1'!D9` → `'Biểu mẫu 1'!$D$9`. */
export function absolute(address: string): string {
  const m = /^(.*!)?\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address);
  return m ? `${m[1] ?? ''}$${m[2].toUpperCase()}$${m[3]}` : address;
}

/**
 * The layout's hook (src/core/layout: PlanOptions.ruleFormulas): conditional formats of every
 * check, one per marked cell, and the rules' validations, in the plan's terms.
 */
export function ruleFormulaHook(t: Template): (ctx: RuleFormulaContext) => RuleFormulas {
  return (ctx) => {
    const p = prepare(t, ctx.level);
    const conditionalFormats: RuleConditionalFormat[] = [];
    const validations: RuleValidation[] = [];
    const from =
      (sheet: string): AddressOf =>
      (id) => {
        const a = ctx.addressOf(id, sheet);
        return a === undefined ? undefined : absolute(a);
      };
    const emit = (check: Check, rows: string[], message: string) => {
      for (const id of rows) {
        const cell = ctx.cellOf(id);
        if (!cell) continue;
        conditionalFormats.push({
          sheet: cell.sheet,
          range: cell.address,
          formula: violatedFormula(check, from(cell.sheet)),
          severity: check.severity,
          note: message,
          ruleId: check.ruleId,
        });
      }
    };
    for (const check of p.ruleChecks) {
      const unplaced = check.valueRefs.filter((id) => !ctx.cellOf(id));
      if (check.rule!.empty === 'skip' && unplaced.length > 0) continue;
      const message = ruleStatement(t, check);
      emit(check, check.cells, message);
      const vr = validationRow(check);
      const cell = vr ? ctx.cellOf(vr) : undefined;
      if (vr && cell && !ctx.isComputed(vr)) {
        validations.push({
          sheet: cell.sheet,
          range: cell.address,
          formula: acceptedFormula(check, from(cell.sheet)),
          message,
          title: 'Số liệu chưa khớp',
          severity: 'warning',
          ruleId: check.ruleId,
        });
      }
    }
    // A row's built-in checks of one severity share one format (fewer rules for Excel to run).
    for (const id of p.rowIds) {
      const cell = ctx.cellOf(id);
      if (!cell) continue;
      const bySeverity = new Map<Severity, Check[]>();
      for (const check of p.rowChecks.get(id) ?? [])
        bySeverity.set(check.severity, [...(bySeverity.get(check.severity) ?? []), check]);
      for (const [severity, checks] of bySeverity) {
        const main = checks.find((c) => c.kind === 'domain') ?? checks[0];
        const formula = printF(or(...checks.map((c) => c.violated)), from(cell.sheet));
        conditionalFormats.push({
          sheet: cell.sheet,
          range: cell.address,
          formula,
          severity,
          note: rowStatement(t, ctx.level, main),
          ruleId: main.ruleId,
        });
      }
    }
    return { conditionalFormats, validations };
  };
}
