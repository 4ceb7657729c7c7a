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
import type { Chain, PeriodId } from '../template/levels';
import { childLevels, levelInfo } from '../template/levels';
import { reportsRow, type Template } from '../template/load';
import { periodPhrase } from '../layout/titles';
import type { LevelId, RowDef, Severity } from '../template/schema';
import type { Finding } from '../findings';
import type { NumberReading, ReportValues } from '../values';
import { formatNumber } from '../number';
import { unitKey } from './units';

export interface ChildReport {
  unit: string;
  level: LevelId;
  template: Template;
  /** Values by the child template's row ids (read-only: RowValues for a child read from a file). */
  values: ReadonlyMap<string, NumberReading>;
  file?: string;
  /** Child row id → the cell it was read from ("'Biểu mẫu 3'!D27"); may be shared between children. */
  cells?: ReadonlyMap<string, string>;
  /** ISO date of the report (from its title block), used to pick the newer of two reports of a unit. */
  reportDate?: string;
  /** The period and year the report says it covers (metadata or title); undefined when it does not say. */
  period?: PeriodId;
  year?: number;
  /** The checker's findings on the child (counted in the status sheet; their rows flagged in the breakdown). */
  findings?: ChildFinding[];
}

/** A child's finding as consolidation uses it: the severity and rows are enough (the rest may be dropped). */
export type ChildFinding = Pick<Finding, 'severity' | 'rows'> & Partial<Omit<Finding, 'severity' | 'rows'>>;

export interface OwnFigures {
  values: ReportValues;
  file?: string;
  cells?: ReadonlyMap<string, string>;
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
  /** The parent's period and year: a child of another period or year is listed, not consolidated. */
  period?: PeriodId;
  year?: number;
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
  /**
   * Where the value came from: each child's (and the own) figure it was made of. Computed anew on
   * each read (see Consolidated): keep it in a variable rather than reading it again.
   */
  readonly from: Provenance[];
  /** A uniform row whose children disagree with no majority: left empty for the official to fill in. */
  undecided?: boolean;
}

/** Sources computed when asked for. */
type Sources = () => Provenance[];
const NO_SOURCES: Sources = () => [];

/**
 * A consolidated value whose sources are computed when read, not kept: a province's thousands of
 * units make one source per unit and row, some 660,000 objects (about 45 MB) for 3,321 communes,
 * while the breakdown sheet needs one row's at a time.
 */
class Consolidated implements ConsolidatedValue {
  declare readonly undecided?: boolean;
  readonly #sources: Sources;
  constructor(
    readonly value: number | null,
    readonly how: How,
    readonly recipe: string,
    sources: Sources,
    undecided?: boolean,
  ) {
    this.#sources = sources;
    // Only when true, as the plain objects had it.
    if (undecided) Object.assign(this, { undecided: true });
  }
  get from(): Provenance[] {
    return this.#sources();
  }
}

/**
 * received / unknown (not in the roster) / replaced (a newer report of the unit came) are consolidated
 * or superseded; wrong-level, wrong-period and blank reports are listed but never consolidated.
 */
export type UnitState = 'received' | 'replaced' | 'unknown' | 'wrong-level' | 'wrong-period' | 'blank';

/** States of reports that were left out of the sums (each with a reason). */
export const EXCLUDED_STATES: readonly UnitState[] = ['wrong-level', 'wrong-period', 'blank'];

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
  /** The period and year the report says it covers. */
  period?: PeriodId;
  year?: number;
  /** Why the report was left out (wrong-level, wrong-period, blank), in Vietnamese. */
  reason?: string;
}

export interface ConsolidationFinding {
  severity: Severity;
  rule: string;
  message: string;
  units: string[];
  row?: string;
  /** The file the finding is about (a report left out). */
  file?: string;
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

/**
 * A recipe's reference → the template's own row id: through the rows' BNV 2022 counterparts first,
 * then by the row's own id, so that a template whose recipes name its own rows (a learned one)
 * reads children of the same form without declaring counterparts.
 */
function bnvIndex(t: Template): Map<string, string> {
  let m = bnvIndexCache.get(t);
  if (!m) {
    m = new Map();
    for (const row of t.rowsById.values()) {
      const b = row.bnv ?? (t.bnvReference ? row.id : undefined);
      if (b && !m.has(b)) m.set(b, row.id);
    }
    for (const row of t.rowsById.values()) if (!m.has(row.id)) m.set(row.id, row.id);
    bnvIndexCache.set(t, m);
  }
  return m;
}

/** A child's figure for a recipe's reference, in the parent's terms. */
function childNumber(
  c: ChildReport,
  bnvId: string,
  rowId: string | undefined = bnvIndex(c.template).get(bnvId),
): number | null {
  const typed = rowId ? (c.values.get(rowId)?.value ?? null) : null;
  // A counterpart of another kind or legend: translate the answer (1B 7.1 "3 cấp" → BM7:2 "Đã liên thông").
  const map = rowId ? c.template.rowsById.get(rowId)?.bnvValues : undefined;
  return typed !== null && map ? (map[String(typed)] ?? null) : typed;
}

/** childNumber with where it came from. */
function childValue(c: ChildReport, bnvId: string): Provenance {
  const rowId = bnvIndex(c.template).get(bnvId);
  const cell = rowId ? c.cells?.get(rowId) : undefined;
  return {
    unit: c.unit,
    row: rowId ?? bnvId,
    value: childNumber(c, bnvId, rowId),
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

/** "UBND xã Sró (tệp sro.xlsx)" */
const named = (c: ChildReport) => `«${c.unit}»${c.file ? ` (tệp ${c.file})` : ''}`;

/** Whether a child reported no figure in any row its level reports (a title and an empty table). */
export function isBlankReport(c: Pick<ChildReport, 'template' | 'level' | 'values'>): boolean {
  for (const [rowId, reading] of c.values) {
    if (reading.value === null) continue;
    const row = c.template.rowsById.get(rowId);
    if (row && reportsRow(c.template, row, c.level)) return false;
  }
  return true;
}

/** Why a child cannot be consolidated into this parent, or undefined when it can. */
function exclusion(
  c: ChildReport,
  input: ConsolidateInput,
  levels: LevelId[],
): { status: UnitState; reason: string; message: string } | undefined {
  const { level, chain } = input;
  if (!levels.includes(c.level)) {
    const below = levels.map((l) => levelInfo(l).name.toLocaleLowerCase('vi')).join(', ');
    const reason = `Báo cáo ${levelInfo(c.level).name.toLocaleLowerCase('vi')}, không phải của đơn vị cấp dưới`;
    return {
      status: 'wrong-level',
      reason,
      message: `${named(c)} là báo cáo ${levelInfo(c.level).name.toLocaleLowerCase('vi')}; ${levelInfo(level).name.toLocaleLowerCase('vi')} tổng hợp báo cáo ${below || 'của không cấp nào'} (${chain.name}): không tổng hợp báo cáo này.`,
    };
  }
  const otherPeriod = input.period && c.period && c.period !== input.period;
  const otherYear = input.year && c.year && c.year !== input.year;
  if (otherPeriod || otherYear) {
    const says = c.period ? periodPhrase(c.period, c.year ?? input.year!) : `năm ${c.year}`;
    const expected = input.period ? periodPhrase(input.period, input.year ?? c.year!) : `năm ${input.year}`;
    return {
      status: 'wrong-period',
      reason: `Báo cáo ${says}, cần ${expected}`,
      message: `${named(c)} là báo cáo ${says}, không phải ${expected}: không tổng hợp báo cáo này. Đề nghị đơn vị gửi lại báo cáo ${expected}.`,
    };
  }
  if (isBlankReport(c)) {
    return {
      status: 'blank',
      reason: 'Không có số liệu nào (chỉ có tiêu đề)',
      message: `${named(c)} không có số liệu nào ở các chỉ tiêu ${levelInfo(c.level).name.toLocaleLowerCase('vi')} phải báo cáo (chỉ có tiêu đề): không tính là đã nộp. Đề nghị đơn vị gửi lại báo cáo có số liệu.`,
    };
  }
  return undefined;
}

export function consolidate(input: ConsolidateInput): ConsolidationResult {
  const { template, level, chain } = input;
  const levels = childLevels(chain, level);
  const findings: ConsolidationFinding[] = [];
  // Children of another level, period or year, and blank reports, are listed but never consolidated.
  const excluded = new Map<ChildReport, { status: UnitState; reason: string }>();
  for (const c of input.children) {
    const why = exclusion(c, input, levels);
    if (why) {
      excluded.set(c, why);
      findings.push({
        severity: 'error',
        rule: `consolidate:${why.status}`,
        message: why.message,
        units: [c.unit],
        ...(c.file ? { file: c.file } : {}),
      });
      continue;
    }
    const unread = [!c.period && input.period ? 'kỳ báo cáo' : '', !c.year && input.year ? 'năm báo cáo' : ''].filter(
      Boolean,
    );
    if (unread.length)
      findings.push({
        severity: 'warning',
        rule: 'consolidate:period-unknown',
        message: `Không đọc được ${unread.join(' và ')} của ${named(c)}: tiêu đề không ghi rõ; vẫn tổng hợp, coi như báo cáo ${periodPhrase(input.period ?? '6T', input.year ?? c.year ?? 0)}. Hãy kiểm tra lại tệp này.`,
        units: [c.unit],
        ...(c.file ? { file: c.file } : {}),
      });
  }
  const candidates = input.children.filter((c) => !excluded.has(c));
  const { used, replaced } = dedupe(candidates);
  const roster: RosterEntry[] = (input.roster ?? []).map((name) => ({ name, ...unitKey(name) }));
  // Keys computed once and indexed: a province matches thousands of children against thousands of names.
  const childKeys = new Map(input.children.map((c) => [c, unitKey(c.unit).key]));
  const rosterByKey = new Map<string, RosterEntry[]>();
  for (const r of roster) rosterByKey.set(r.key, [...(rosterByKey.get(r.key) ?? []), r]);
  const rosterMatch = (c: ChildReport) =>
    rosterByKey.get(childKeys.get(c)!)?.find((r) => !r.level || r.level === c.level);

  const units: UnitStatus[] = input.children.map((c) => {
    const r = rosterMatch(c);
    const by = replaced.get(c);
    const out = excluded.get(c);
    const status: UnitState = out ? out.status : by ? 'replaced' : roster.length && !r ? 'unknown' : 'received';
    return {
      unit: c.unit,
      level: c.level,
      status,
      ...severityCounts(c.findings),
      ...(c.file ? { file: c.file } : {}),
      ...(c.reportDate ? { reportDate: c.reportDate } : {}),
      ...(by?.file ? { replacedBy: by.file } : {}),
      ...(r ? { rosterName: r.name } : {}),
      ...(c.period ? { period: c.period } : {}),
      ...(c.year ? { year: c.year } : {}),
      ...(out ? { reason: out.reason } : {}),
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
  // A roster unit whose only report was left out is listed once, with that report's status.
  const listed = new Set(
    units.filter((u) => u.rosterName && EXCLUDED_STATES.includes(u.status)).map((u) => u.rosterName),
  );
  const missing = roster
    .filter((r) => !(r.level ? usedLevels.get(r.key)?.has(r.level) : usedLevels.has(r.key)))
    .filter((r) => !listed.has(r.name))
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

  type Out = { value: number | null; from: Sources; how: How; undecided?: boolean };
  /** The sources of a reference to the children of a level. */
  const childSources =
    (level: LevelId, id: string): Sources =>
    () =>
      ofLevel(level).map((c) => childValue(c, id));
  const evalTerm = (e: Expr, row: RowDef): Out => {
    switch (e.type) {
      case 'num':
        return { value: e.value, from: NO_SOURCES, how: 'expr' };
      case 'bin': {
        const a = evalTerm(e.left, row);
        const b = evalTerm(e.right, row);
        const value = a.value === null && b.value === null ? null : applyArith(e.op, a.value ?? 0, b.value ?? 0);
        return { value, from: () => [...a.from(), ...b.from()], how: 'expr' };
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
  /** "31 (UBND xã A, ô 'Biểu mẫu 3'!D12)" */
  const said = (p: Provenance) => `${p.unit} ghi ${formatNumber(p.value as number)}${p.cell ? ` (ô ${p.cell})` : ''}`;
  const listSaid = (ps: Provenance[]) =>
    `${ps.slice(0, MAX_NAMED).map(said).join('; ')}${ps.length > MAX_NAMED ? ` và ${ps.length - MAX_NAMED} đơn vị khác (xem «Chi tiết theo đơn vị»)` : ''}`;
  const where = (row: RowDef) => {
    const form = template.formOf.get(row.id);
    const stt = row.stt.trim().replace(/\.$/, '');
    return `${stt ? `dòng ${stt}` : `dòng «${row.label}»`}${form ? ` ${form.title}` : ''}`;
  };
  /**
   * A catalogue count every unit of a level shares. The parent's own figure, when it gave one for
   * this very row (a recipe that is the uniform term alone), wins and the children are compared
   * with it; otherwise the value a strict majority of the children report; with no majority the
   * cell stays empty, with a finding saying what to fill in.
   */
  const uniform = (e: Extract<Expr, { type: 'call' }>, row: RowDef, top: boolean): Out => {
    const a = e.args[0];
    if (a.type !== 'ref' || !a.level) throw new Error(`uniform() của «${row.id}» cần một chỉ tiêu có cấp`);
    const sources = childSources(a.level, a.id);
    const from = sources();
    const present = from.filter((p) => p.value !== null);
    const own = top ? ownProv(row.id) : undefined;
    if (own && own.value !== null) {
      const odd = present.filter((p) => p.value !== own.value);
      if (odd.length)
        findings.push({
          severity: 'warning',
          rule: 'consolidate:uniform',
          row: row.id,
          units: odd.map((p) => p.unit),
          message: `«${row.label}» (${where(row)}) phải giống nhau ở mọi đơn vị: lấy số của ${input.unit} là ${formatNumber(own.value)}${own.cell ? ` (ô ${own.cell})` : ''}, nhưng ${listSaid(odd)}. Đề nghị các đơn vị này kiểm tra lại.`,
        });
      return { value: own.value, from: () => [own, ...sources()], how: 'uniform' };
    }
    if (!present.length) return { value: null, from: sources, how: 'uniform' };
    const tally = new Map<number, number>();
    for (const p of present) tally.set(p.value as number, (tally.get(p.value as number) ?? 0) + 1);
    const [mode, n] = [...tally.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0];
    if (n * 2 <= present.length) {
      const groups = [...tally.keys()]
        .sort((x, y) => tally.get(y)! - tally.get(x)! || x - y)
        .map((v) => present.filter((p) => p.value === v));
      findings.push({
        severity: 'error',
        rule: 'consolidate:uniform-none',
        row: row.id,
        units: present.map((p) => p.unit),
        message: `«${row.label}» (${where(row)}) phải giống nhau ở mọi đơn vị, nhưng không có số nào được quá nửa số đơn vị ghi: ${listSaid(
          groups.flat(),
        )}. Ô tổng hợp để trống: hãy ghi số đúng theo danh mục đã công bố vào ${where(row)} của phụ lục tổng hợp (hoặc ghi số đó vào biểu mẫu của đơn vị rồi tổng hợp lại), và đề nghị các đơn vị ghi sai sửa lại.`,
      });
      return { value: null, from: sources, how: 'uniform', undecided: true };
    }
    const odd = present.filter((p) => p.value !== mode);
    if (odd.length) {
      findings.push({
        severity: 'warning',
        rule: 'consolidate:uniform',
        row: row.id,
        units: odd.map((p) => p.unit),
        message: `«${row.label}» (${where(row)}) phải giống nhau ở mọi đơn vị: lấy ${formatNumber(mode)} (${n}/${present.length} đơn vị ghi), nhưng ${listSaid(odd)}. Đề nghị các đơn vị này kiểm tra lại.`,
      });
    }
    return { value: mode, from: sources, how: 'uniform' };
  };
  const evalCall = (e: Extract<Expr, { type: 'call' }>, row: RowDef, top = false): Out => {
    switch (e.fn) {
      case 'own': {
        const p = ownProv(row.id);
        return { value: p.value, from: input.own ? () => [p] : NO_SOURCES, how: 'own' };
      }
      case 'sum': {
        const parts = e.args.map((a): Out => {
          if (a.type !== 'ref' || !a.level) return evalTerm(a, row);
          // The children's figures summed in their order, as they are listed.
          let total = 0;
          let any = false;
          for (const c of ofLevel(a.level)) {
            const v = childNumber(c, a.id);
            if (v === null) continue;
            total += v;
            any = true;
          }
          return { value: any ? total : null, from: childSources(a.level, a.id), how: 'sum' };
        });
        const present = parts.filter((p) => p.value !== null);
        return {
          value: present.length ? present.reduce((s, p) => s + (p.value as number), 0) : null,
          from: () => parts.flatMap((p) => p.from()),
          how: 'sum',
        };
      }
      case 'uniform':
        return uniform(e, row, top);
      case 'count':
      case 'share': {
        const a = e.args[0];
        if (a.type === 'level') {
          const n = unitCount(a.level);
          return { value: e.fn === 'share' ? 100 : n, from: NO_SOURCES, how: 'count' };
        }
        const cond = condition(a, row);
        const from = childSources(cond.level, cond.id);
        let n = 0;
        for (const c of ofLevel(cond.level)) {
          const v = childNumber(c, cond.id);
          if (v !== null && cond.test(v)) n++;
        }
        if (e.fn === 'count') return { value: n, from, how: 'count' };
        const total = unitCount(cond.level);
        return { value: total ? round2((n / total) * 100) : null, from, how: 'share' };
      }
      default: {
        // A function of terms (ratio, baseline_ratio): its value from the function table.
        if (ruleFunction(e.fn)?.recipe === 'terms') {
          const args = e.args.map((x) => evalTerm(x, row));
          const from = () => args.flatMap((x) => x.from());
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
      const out = e.type === 'call' ? evalCall(e, row, true) : evalTerm(e, row);
      if (out.value === null && out.how === 'own' && !input.own) continue;
      values.set(row.id, new Consolidated(out.value, out.how, recipe, out.from, out.undecided));
    }
  }
  // Two passes: a ratio may read a total that is itself recomputed from its parts.
  for (let pass = 0; pass < 2; pass++) {
    for (const row of recomputeLater) {
      const recipe = recipeOf(row, level, chain) ?? 'recompute';
      const r = recompute(template, row, values, input.unit);
      values.set(row.id, new Consolidated(r.value, 'recompute', recipe, () => r.from));
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
