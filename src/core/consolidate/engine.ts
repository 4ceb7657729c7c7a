/**
 * Consolidation (tổng hợp): a parent's appendix from its own figures and its children's reports,
 * following each parent row's recipe (template data, `RowDef.consolidate`):
 *
 *   own                      the parent's own figure (children are shown in the breakdown, not added)
 *   sum(xa.BM3:3.3.1)        the sum over the children of a level (empty children are skipped)
 *   recompute                recomputed from the consolidated rows through the row's own rule:
 *                            a ratio of the summed parts (never an average), or a total of parts
 *   uniform(xa.BM3:1.4.3)    a catalogue count shared by every unit of a level: taken once,
 *                            children that disagree are named in a finding
 *   count(xa)                the number of units of a level (the roster's when there is one)
 *   count(xa.BM7:5.1.3 == 1) the number of children whose answer satisfies the condition
 *   share(huyen.BM4:1.2.a == 1)  that count as a percentage of the units of the level
 *   a + b − c                terms combined
 *
 * References name BNV 2022 ids; a child of another layout is translated through its rows' `bnv`.
 * Rows without a recipe for the parent level take the parent's own figure.
 * Pure: the caller reads the files and writes the result.
 */
import { applyArith, definitionOf, parseExpr, type Expr } from '../rules/expr';
import { evaluateFunction, roundResult, ruleFunction } from '../rules/functions';
import type { Chain } from '../template/levels';
import { childLevels } from '../template/levels';
import type { Template } from '../template/load';
import type { LevelId, RowDef, Severity } from '../template/schema';
import type { Finding } from '../findings';
import type { ReportValues } from '../values';
import { formatNumber } from '../number';
import { unitKey } from './units';

export interface ChildReport {
  unit: string;
  level: LevelId;
  template: Template;
  /** Values by the child template's row ids. */
  values: ReportValues;
  file?: string;
  /** Child row id → the cell it was read from ("'Biểu mẫu 3'!D27"). */
  cells?: Map<string, string>;
  /** ISO date of the report (from its title block), used to pick the newer of two reports of a unit. */
  reportDate?: string;
  /** The checker's findings on the child (counted in the status sheet; their rows flagged in the breakdown). */
  findings?: ChildFinding[];
}

/** A child's finding as consolidation uses it: the severity and rows are enough (the rest may be dropped). */
export type ChildFinding = Pick<Finding, 'severity' | 'rows'> & Partial<Omit<Finding, 'severity' | 'rows'>>;

export interface OwnFigures {
  values: ReportValues;
  file?: string;
  cells?: Map<string, string>;
}

export interface ConsolidateInput {
  template: Template;
  level: LevelId;
  chain: Chain;
  unit: string;
  own?: OwnFigures;
  /** In order of receipt: of two reports of one unit with the same date, the later one wins. */
  children: ChildReport[];
  /** Expected units, one name each; matched ignoring case, diacritics and prefixes. */
  roster?: string[];
}

export interface Provenance {
  unit: string;
  file?: string;
  cell?: string;
  /** The child's (or own) row id the value came from. */
  row: string;
  value: number | null;
}

export type How = 'own' | 'sum' | 'recompute' | 'uniform' | 'count' | 'share' | 'expr';

export interface ConsolidatedValue {
  value: number | null;
  how: How;
  /** The recipe as written in the template. */
  recipe: string;
  from: Provenance[];
}

export type UnitState = 'received' | 'replaced' | 'unknown';

export interface UnitStatus {
  unit: string;
  level: LevelId;
  file?: string;
  status: UnitState;
  errors: number;
  warnings: number;
  reportDate?: string;
  /** For a replaced report: the file that replaced it. */
  replacedBy?: string;
  /** The roster's spelling of the unit, when matched. */
  rosterName?: string;
}

export interface ConsolidationFinding {
  severity: Severity;
  rule: string;
  message: string;
  units: string[];
  row?: string;
}

export interface ConsolidationResult {
  values: Map<string, ConsolidatedValue>;
  units: UnitStatus[];
  /** Roster units with no report. */
  missing: string[];
  findings: ConsolidationFinding[];
  /** The children actually used (after replacing duplicates), in input order. */
  used: ChildReport[];
}

/** Units named in one message; the finding's `units` still lists them all. */
const MAX_NAMED = 10;

const bnvIndexCache = new WeakMap<Template, Map<string, string>>();

/** BNV 2022 id → the template's own row id. */
function bnvIndex(t: Template): Map<string, string> {
  let m = bnvIndexCache.get(t);
  if (!m) {
    m = new Map();
    for (const row of t.rowsById.values()) {
      const b = row.bnv ?? (t.bnvReference ? row.id : undefined);
      if (b && !m.has(b)) m.set(b, row.id);
    }
    bnvIndexCache.set(t, m);
  }
  return m;
}

function childValue(c: ChildReport, bnvId: string): Provenance {
  const rowId = bnvIndex(c.template).get(bnvId);
  const typed = rowId ? (c.values.get(rowId)?.value ?? null) : null;
  // A counterpart of another kind or legend: translate the answer (1B 7.1 "3 cấp" → BM7:2 "Đã liên thông").
  const map = rowId ? c.template.rowsById.get(rowId)?.bnvValues : undefined;
  const v = typed !== null && map ? (map[String(typed)] ?? null) : typed;
  const cell = rowId ? c.cells?.get(rowId) : undefined;
  return {
    unit: c.unit,
    row: rowId ?? bnvId,
    value: v,
    ...(c.file ? { file: c.file } : {}),
    ...(cell ? { cell } : {}),
  };
}

/** The recipe of a row for a parent level in a chain: `level@chain` first, then `level`. */
export function recipeOf(row: RowDef, level: LevelId, chain: Chain): string | undefined {
  return row.consolidate?.[`${level}@${chain.id}`] ?? row.consolidate?.[level];
}

/** Keeps the newest report of each unit; the others are marked replaced. */
function dedupe(children: ChildReport[]): { used: ChildReport[]; replaced: Map<ChildReport, ChildReport> } {
  const byUnit = new Map<string, ChildReport>();
  const replaced = new Map<ChildReport, ChildReport>();
  children.forEach((c) => {
    const k = `${c.level}|${unitKey(c.unit).key}`;
    const prev = byUnit.get(k);
    if (prev && (prev.reportDate ?? '') > (c.reportDate ?? '')) {
      replaced.set(c, prev);
      return;
    }
    if (prev) replaced.set(prev, c);
    byUnit.set(k, c);
  });
  return { used: children.filter((c) => !replaced.has(c)), replaced };
}

interface RosterEntry {
  name: string;
  key: string;
  level?: LevelId;
}

function severityCounts(fs: ChildReport['findings']): { errors: number; warnings: number } {
  return {
    errors: fs?.filter((f) => f.severity === 'error').length ?? 0,
    warnings: fs?.filter((f) => f.severity === 'warning').length ?? 0,
  };
}

export function consolidate(input: ConsolidateInput): ConsolidationResult {
  const { template, level, chain } = input;
  const levels = childLevels(chain, level);
  const findings: ConsolidationFinding[] = [];
  const wrongLevel = input.children.filter((c) => !levels.includes(c.level));
  for (const c of wrongLevel) {
    findings.push({
      severity: 'warning',
      rule: 'consolidate:level',
      message: `Báo cáo của «${c.unit}» (cấp ${c.level}) không thuộc cấp dưới của cấp ${level} trong mô hình «${chain.name}»: không tổng hợp.`,
      units: [c.unit],
    });
  }
  const { used, replaced } = dedupe(input.children.filter((c) => levels.includes(c.level)));
  const roster: RosterEntry[] = (input.roster ?? []).map((name) => ({ name, ...unitKey(name) }));
  // Keys computed once and indexed: a province matches thousands of children against thousands of names.
  const childKeys = new Map(input.children.map((c) => [c, unitKey(c.unit).key]));
  const rosterByKey = new Map<string, RosterEntry[]>();
  for (const r of roster) rosterByKey.set(r.key, [...(rosterByKey.get(r.key) ?? []), r]);
  const rosterMatch = (c: ChildReport) =>
    rosterByKey.get(childKeys.get(c)!)?.find((r) => !r.level || r.level === c.level);

  const units: UnitStatus[] = input.children
    .filter((c) => levels.includes(c.level))
    .map((c) => {
      const r = rosterMatch(c);
      const by = replaced.get(c);
      const status: UnitState = by ? 'replaced' : roster.length && !r ? 'unknown' : 'received';
      return {
        unit: c.unit,
        level: c.level,
        status,
        ...severityCounts(c.findings),
        ...(c.file ? { file: c.file } : {}),
        ...(c.reportDate ? { reportDate: c.reportDate } : {}),
        ...(by?.file ? { replacedBy: by.file } : {}),
        ...(r ? { rosterName: r.name } : {}),
      };
    });
  for (const u of units.filter((x) => x.status === 'replaced')) {
    findings.push({
      severity: 'info',
      rule: 'consolidate:duplicate',
      message: `«${u.unit}» gửi nhiều báo cáo: dùng báo cáo mới nhất${u.replacedBy ? ` (${u.replacedBy})` : ''}, bỏ ${u.file ?? 'báo cáo cũ'}.`,
      units: [u.unit],
    });
  }
  for (const u of units.filter((x) => x.status === 'unknown')) {
    findings.push({
      severity: 'warning',
      rule: 'consolidate:unknown-unit',
      message: `«${u.unit}» không có trong danh sách đơn vị (${u.file ?? ''}); vẫn được tổng hợp.`,
      units: [u.unit],
    });
  }
  const usedLevels = new Map<string, Set<LevelId>>();
  for (const c of used) {
    const k = childKeys.get(c)!;
    usedLevels.set(k, (usedLevels.get(k) ?? new Set()).add(c.level));
  }
  const missing = roster
    .filter((r) => !(r.level ? usedLevels.get(r.key)?.has(r.level) : usedLevels.has(r.key)))
    .map((r) => r.name);

  const byLevel = new Map<LevelId, ChildReport[]>();
  const ofLevel = (l: LevelId) => {
    let list = byLevel.get(l);
    if (!list) byLevel.set(l, (list = used.filter((c) => c.level === l)));
    return list;
  };
  const unitCount = (l: LevelId): number => {
    if (!roster.length) return ofLevel(l).length;
    const n = roster.filter((r) => r.level === l || (!r.level && levels.length === 1)).length;
    return n || ofLevel(l).length;
  };

  const values = new Map<string, ConsolidatedValue>();
  const ownProv = (rowId: string): Provenance => {
    const cell = input.own?.cells?.get(rowId);
    return {
      unit: input.unit,
      row: rowId,
      value: input.own?.values.get(rowId)?.value ?? null,
      ...(input.own?.file ? { file: input.own.file } : {}),
      ...(cell ? { cell } : {}),
    };
  };

  type Out = { value: number | null; from: Provenance[]; how: How };
  const evalTerm = (e: Expr, row: RowDef): Out => {
    switch (e.type) {
      case 'num':
        return { value: e.value, from: [], how: 'expr' };
      case 'bin': {
        const a = evalTerm(e.left, row);
        const b = evalTerm(e.right, row);
        const value = a.value === null && b.value === null ? null : applyArith(e.op, a.value ?? 0, b.value ?? 0);
        return { value, from: [...a.from, ...b.from], how: 'expr' };
      }
      case 'neg': {
        const a = evalTerm(e.arg, row);
        return { value: a.value === null ? null : -a.value, from: a.from, how: 'expr' };
      }
      case 'call':
        return evalCall(e, row);
      default:
        throw new Error(`Công thức tổng hợp của «${row.id}» không dùng được ở đây`);
    }
  };
  const evalCall = (e: Extract<Expr, { type: 'call' }>, row: RowDef): Out => {
    switch (e.fn) {
      case 'own': {
        const p = ownProv(row.id);
        return { value: p.value, from: input.own ? [p] : [], how: 'own' };
      }
      case 'sum': {
        const parts = e.args.map((a) => {
          if (a.type !== 'ref' || !a.level) return evalTerm(a, row);
          const from = ofLevel(a.level).map((c) => childValue(c, a.id));
          const present = from.filter((p) => p.value !== null);
          return {
            value: present.length ? present.reduce((s, p) => s + (p.value as number), 0) : null,
            from,
            how: 'sum' as How,
          };
        });
        const present = parts.filter((p) => p.value !== null);
        return {
          value: present.length ? present.reduce((s, p) => s + (p.value as number), 0) : null,
          from: parts.flatMap((p) => p.from),
          how: 'sum',
        };
      }
      case 'uniform': {
        const a = e.args[0];
        if (a.type !== 'ref' || !a.level) throw new Error(`uniform() của «${row.id}» cần một chỉ tiêu có cấp`);
        const from = ofLevel(a.level).map((c) => childValue(c, a.id));
        const present = from.filter((p) => p.value !== null);
        if (!present.length) return { value: null, from, how: 'uniform' };
        const tally = new Map<number, number>();
        for (const p of present) tally.set(p.value as number, (tally.get(p.value as number) ?? 0) + 1);
        const [mode] = [...tally.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0];
        const odd = present.filter((p) => p.value !== mode);
        if (odd.length) {
          findings.push({
            severity: 'warning',
            rule: 'consolidate:uniform',
            row: row.id,
            units: odd.map((p) => p.unit),
            message: `«${row.label}» phải giống nhau ở mọi đơn vị (${formatNumber(mode)} ở ${present.length - odd.length}/${present.length} đơn vị), nhưng ${odd
              .slice(0, MAX_NAMED)
              .map((p) => `${p.unit} ghi ${formatNumber(p.value as number)}${p.cell ? ` (${p.cell})` : ''}`)
              .join(
                '; ',
              )}${odd.length > MAX_NAMED ? ` và ${odd.length - MAX_NAMED} đơn vị khác (xem «Chi tiết theo đơn vị»)` : ''}.`,
          });
        }
        return { value: mode, from, how: 'uniform' };
      }
      case 'count':
      case 'share': {
        const a = e.args[0];
        if (a.type === 'level') {
          const n = unitCount(a.level);
          return { value: e.fn === 'share' ? 100 : n, from: [], how: 'count' };
        }
        const cond = condition(a, row);
        const from = ofLevel(cond.level).map((c) => childValue(c, cond.id));
        const n = from.filter((p) => p.value !== null && cond.test(p.value)).length;
        if (e.fn === 'count') return { value: n, from, how: 'count' };
        const total = unitCount(cond.level);
        return { value: total ? round2((n / total) * 100) : null, from, how: 'share' };
      }
      default: {
        // A function of terms (ratio, baseline_ratio): its value from the function table.
        if (ruleFunction(e.fn)?.recipe === 'terms') {
          const args = e.args.map((x) => evalTerm(x, row));
          const from = args.flatMap((x) => x.from);
          if (args.some((x) => x.value === null)) return { value: null, from, how: 'expr' };
          const xs = args.map((x) => x.value as number);
          return { value: roundResult(e.fn, evaluateFunction(e.fn, xs)), from, how: 'expr' };
        }
        throw new Error(`Hàm «${e.fn}» không dùng trong công thức tổng hợp của «${row.id}»`);
      }
    }
  };

  const recomputeLater: RowDef[] = [];
  for (const form of template.forms) {
    for (const row of form.rows) {
      if (row.kind === 'group' || row.kind === 'text') continue;
      const recipe = recipeOf(row, level, chain) ?? 'own';
      const e = parseExpr(recipe);
      if (e.type === 'call' && e.fn === 'recompute') {
        recomputeLater.push(row);
        continue;
      }
      const out = evalTerm(e, row);
      if (out.value === null && out.how === 'own' && !input.own) continue;
      values.set(row.id, { value: out.value, how: out.how, recipe, from: out.from });
    }
  }
  // Two passes: a ratio may read a total that is itself recomputed from its parts.
  for (let pass = 0; pass < 2; pass++) {
    for (const row of recomputeLater) {
      const recipe = recipeOf(row, level, chain) ?? 'recompute';
      const r = recompute(template, row, values, input.unit);
      values.set(row.id, { value: r.value, how: 'recompute', recipe, from: r.from });
    }
  }
  return { values, units, missing, findings, used };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function condition(e: Expr, row: RowDef): { level: LevelId; id: string; test: (v: number) => boolean } {
  if (e.type === 'cmp' && e.left.type === 'ref' && e.left.level && e.right.type === 'num') {
    const k = e.right.value;
    const test: Record<typeof e.op, (v: number) => boolean> = {
      '==': (v) => v === k,
      '!=': (v) => v !== k,
      '<=': (v) => v <= k,
      '>=': (v) => v >= k,
      '<': (v) => v < k,
      '>': (v) => v > k,
    };
    return { level: e.left.level, id: e.left.id, test: test[e.op] };
  }
  if (e.type === 'call' && e.fn === 'filled' && e.args[0]?.type === 'ref' && e.args[0].level) {
    return { level: e.args[0].level, id: e.args[0].id, test: () => true };
  }
  throw new Error(`Điều kiện đếm của «${row.id}» phải có dạng xa.BM7:5.1.2 == 1`);
}

/**
 * A row recomputed from consolidated rows through the template's rule defining it,
 * `X == <value>` either way round (definitionOf): a ratio, a baseline ratio, or a total of parts.
 */
function recompute(
  t: Template,
  row: RowDef,
  values: Map<string, ConsolidatedValue>,
  unit: string,
): { value: number | null; from: Provenance[] } {
  for (const rule of t.allRules) {
    const def = definitionOf(rule.expr);
    if (!def || def.row !== row.id) continue;
    const from: Provenance[] = [];
    const val = (x: Expr): number | null => {
      switch (x.type) {
        case 'num':
          return x.value;
        case 'ref': {
          const v = values.get(x.id)?.value ?? null;
          from.push({ unit, row: x.id, value: v });
          return v;
        }
        case 'neg': {
          const v = val(x.arg);
          return v === null ? null : -v;
        }
        case 'bin': {
          const a = val(x.left);
          const b = val(x.right);
          return a === null && b === null ? null : applyArith(x.op, a ?? 0, b ?? 0);
        }
        case 'call': {
          const args = x.args.map(val);
          if (x.fn === 'sum')
            return args.every((v) => v === null) ? null : args.reduce<number>((s, v) => s + (v ?? 0), 0);
          if (args.some((v) => v === null)) return null;
          return roundResult(x.fn, evaluateFunction(x.fn, args as number[]));
        }
        default:
          return null;
      }
    };
    const value = val(def.value);
    return { value, from };
  }
  return { value: null, from: [] };
}
