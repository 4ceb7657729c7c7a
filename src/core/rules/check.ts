/**
 * The checkers: `checkReport` (everything at once) and `createChecker` (incremental: a changed
 * cell re-evaluates the rules within reach of it, nothing else). Both run the same code per
 * rule and per row, so they agree by construction (the tests check it on random edits).
 *
 * Reach of a change (why three steps): a changed row can change which reading of an ambiguous
 * neighbour is used (rows sharing a rule: step 1); that changes the verdicts of rules reading
 * those rows (step 2); and a rule's suggestion is validated against every rule touching its
 * rows (step 3).
 */
import { computedRows } from '../layout/computed';
import { isViolated, type SheetValue } from './formula';
import { appliesAt, lowerRule, rowChecks, type Check } from './lower';
import { localizeRule, suggestForRow, violatedWith, type EvalContext } from './localize';
import { noteEvidence } from './evidence';
import { ruleFunction } from './functions';
import { alternativesOf, habitOf } from './habits';
import {
  baselineMissingMessage,
  habitMessage,
  missingMessage,
  readingMessage,
  ruleMessage,
  rowMessage,
  typedForm,
} from './messages';
import type { Finding } from '../findings';
import { reportsRow, type Template } from '../template/load';
import type { LevelId } from '../template/schema';
import type { NumberReading, ReportValues } from '../values';

export type CheckMode = 'typing' | 'final';
export interface CheckOptions {
  /** `typing` (default): no "missing" findings; `final`: finalising or consolidating. */
  mode?: CheckMode;
}

/**
 * A finding without its wording: which rule, how severe, the rows it concerns and, for a figure
 * read through a typing habit, what was read. What consolidation keeps of a child's findings.
 */
export type Verdict = Pick<Finding, 'severity' | 'rule' | 'rows' | 'habit'>;

/** The value a spreadsheet would see for a reading: a number, nothing, or the text. */
export function sheetValueOf(r: NumberReading | undefined): SheetValue {
  if (!r) return null;
  if (r.value !== null) return r.value;
  if (r.raw.trim() === '') return null;
  // Placeholders ("-", "x", "…") mean nothing to report: an empty cell.
  if (r.flags.includes('text') && !r.flags.includes('not-a-number')) return null;
  return r.raw;
}

// ---- preparation (per template and level, cached) ---------------------------------------------

export interface Prepared {
  t: Template;
  level: LevelId;
  ruleChecks: Check[];
  rowChecks: Map<string, Check[]>;
  rulesByCell: Map<string, Check[]>;
  adjacent: Map<Check, Check[]>;
  order: Map<string, number>;
  rowIds: string[];
  /**
   * Rows reported as missing when left empty in `final` mode: rows this level fills in,
   * except group and text rows and rows the rules only test for emptiness (one of a pair
   * of alternatives, details left empty when a condition says so): those may be empty.
   */
  required: Set<string>;
}

const cache = new WeakMap<Template, Map<LevelId, Prepared>>();

/** Lowers every rule applying at a level and every row's built-in checks (cached). */
export function prepare(t: Template, level: LevelId): Prepared {
  let byLevel = cache.get(t);
  if (!byLevel) cache.set(t, (byLevel = new Map()));
  const hit = byLevel.get(level);
  if (hit) return hit;
  const rowIds = t.forms.flatMap((f) => f.rows.map((r) => r.id));
  const order = new Map(rowIds.map((id, i) => [id, i]));
  const ruleChecks = t.allRules.filter((r) => appliesAt(r, level)).map((r) => lowerRule(t, r));
  const rowChecksMap = new Map(rowIds.map((id) => [id, rowChecks(t, t.rowsById.get(id)!, level)]));
  const rulesByCell = new Map<string, Check[]>();
  for (const c of ruleChecks) for (const id of c.cells) rulesByCell.set(id, [...(rulesByCell.get(id) ?? []), c]);
  const adjacent = new Map<Check, Check[]>();
  for (const c of ruleChecks) adjacent.set(c, [...new Set(c.cells.flatMap((id) => rulesByCell.get(id) ?? []))]);
  const optional = new Set(ruleChecks.flatMap((c) => c.emptyRefs));
  for (const c of ruleChecks) for (const id of c.valueRefs) optional.delete(id);
  // A ratio the workbook computes from its parts is not typed: its parts are the missing ones.
  const computed = computedRows(t, level);
  const required = new Set(
    rowIds.filter((id) => {
      const row = t.rowsById.get(id)!;
      return reportsRow(t, row, level) && row.kind !== 'text' && !optional.has(id) && !computed.has(id);
    }),
  );
  const p: Prepared = { t, level, ruleChecks, rowChecks: rowChecksMap, rulesByCell, adjacent, order, rowIds, required };
  byLevel.set(level, p);
  return p;
}

// ---- the state of one report ------------------------------------------------------------------

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;
const NO_CHECKS: Check[] = [];

class ReportState implements EvalContext {
  readonly t: Template;
  /** Rows read with another of their readings (an ambiguous cell that fits only that way). */
  readonly chosen = new Map<string, number>();
  readonly byRule = new Map<Check, Finding[]>();
  readonly byCell = new Map<string, Finding[]>();

  /**
   * @param readings the report's readings, not copied: a checker that changes them (createChecker)
   *   passes its own copy.
   * @param worded false: verdicts only (checkVerdicts): the same findings with no message, no
   *   suggested fix and no localisation of the probably wrong cell (most of a check's cost).
   */
  constructor(
    readonly p: Prepared,
    readonly readings: ReadonlyMap<string, NumberReading>,
    readonly mode: CheckMode,
    readonly worded = true,
  ) {
    this.t = p.t;
  }

  reading(id: string): NumberReading | undefined {
    return this.readings.get(id);
  }
  primary(id: string): SheetValue {
    return sheetValueOf(this.readings.get(id));
  }
  value(id: string): SheetValue {
    const c = this.chosen.get(id);
    return c !== undefined ? c : this.primary(id);
  }
  rulesOf(id: string): Check[] {
    return this.p.rulesByCell.get(id) ?? NO_CHECKS;
  }
  rowChecksOf(id: string): Check[] {
    return this.p.rowChecks.get(id) ?? NO_CHECKS;
  }
  order(id: string): number {
    return this.p.order.get(id) ?? Number.MAX_SAFE_INTEGER;
  }

  /**
   * Picks another reading of an ambiguous cell when the first one breaks a rule or the row's
   * kind and another one fits them all — unless another ambiguous cell of a broken rule could
   * equally repair it by its own other reading (then the checker cannot tell which one and
   * leaves both as read; the rule's finding suggests the readings).
   */
  resolve(id: string): void {
    this.chosen.delete(id);
    const r = this.readings.get(id);
    if (!r || r.value === null) return;
    const alternatives = alternativesOf(this.t.rowsById.get(id), r);
    if (alternatives.length === 0) return;
    const rules = this.rulesOf(id);
    const checks = [...rules, ...this.rowChecksOf(id).filter((c) => c.kind !== 'applicability')];
    const primaryLookup = (x: string) => this.primary(x);
    if (!checks.some((c) => isViolated(c.violated, primaryLookup))) return;
    const alt = alternatives.find((a) => {
      const lookup = (x: string) => (x === id ? a : this.primary(x));
      return !checks.some((c) => isViolated(c.violated, lookup));
    });
    if (alt === undefined) return;
    for (const rule of rules) {
      if (!isViolated(rule.violated, primaryLookup)) continue;
      for (const x of rule.cells) {
        if (x === id) continue;
        const other = this.readings.get(x);
        if (!other || other.value === null) continue;
        for (const a of alternativesOf(this.t.rowsById.get(x), other)) {
          const lookup = (y: string) => (y === x ? a : this.primary(y));
          if (!isViolated(rule.violated, lookup)) return;
        }
      }
    }
    this.chosen.set(id, alt);
  }

  ruleFindings(check: Check): Finding[] {
    const face = (id: string) => this.value(id);
    if (!violatedWith(check, this)) {
      if (
        this.mode === 'final' &&
        check.shape.type === 'ratio' &&
        ruleFunction(check.shape.fn)?.baseline &&
        typeof this.value(check.shape.result) === 'number'
      ) {
        const emptyIds = check.valueRefs.filter((id) => this.value(id) === null);
        if (emptyIds.length) {
          return [
            {
              severity: 'info',
              rule: check.ruleId,
              message: this.worded ? baselineMissingMessage(this.t, check, emptyIds) : '',
              rows: check.cells,
              row: check.shape.result,
            },
          ];
        }
      }
      return [];
    }
    if (!this.worded)
      return [{ severity: check.severity, rule: check.ruleId, message: '', rows: check.cells, row: '' }];
    const loc = localizeRule(this, check);
    const note = noteEvidence(this.t, check, face, (id) => this.reading(id));
    const message = ruleMessage(this.t, check, face, (id) => this.reading(id), loc.alternative, note, loc.suggestion);
    const alternatives = note?.fixes.filter((f) => f.row !== loc.suggestion?.row || f.value !== loc.suggestion?.value);
    return [
      {
        severity: check.severity,
        rule: check.ruleId,
        message,
        rows: check.cells,
        row: loc.row,
        ...(loc.suggestion ? { suggestion: loc.suggestion } : {}),
        ...(alternatives?.length ? { alternatives } : {}),
      },
    ];
  }

  cellFindings(id: string): Finding[] {
    const out: Finding[] = [];
    const reading = this.readings.get(id);
    const face = (x: string) => this.value(x);
    const chosen = this.chosen.get(id);
    const habit = habitOf(this.t.rowsById.get(id), reading, chosen);
    if (habit && reading) {
      out.push({
        severity: 'warning',
        rule: `habit:${habit.kind}`,
        message: this.worded ? habitMessage(this.t, id, reading, habit) : '',
        rows: [id],
        row: id,
        suggestion: { row: id, value: habit.value, reason: `ghi ${typedForm(habit.value)}` },
        habit,
      });
    } else if (chosen !== undefined && reading) {
      out.push({
        severity: 'info',
        rule: 'reading',
        message: this.worded ? readingMessage(this.t, id, reading, chosen) : '',
        rows: [id],
        row: id,
        suggestion: { row: id, value: chosen, reason: `cách đọc khác của «${reading.raw}»` },
      });
    }
    for (const c of this.rowChecksOf(id)) {
      if (!violatedWith(c, this)) continue;
      const suggestion = !this.worded
        ? undefined
        : c.kind === 'domain'
          ? suggestForRow(this, c)
          : c.kind === 'applicability'
            ? { row: id, value: null, reason: 'để trống' }
            : undefined;
      // A 0 typed in a row this level does not report (officials fill every row) is worth a note, not a warning.
      const severity =
        c.kind === 'applicability' && c.severity === 'warning' && reading?.value === 0 ? 'info' : c.severity;
      out.push({
        severity,
        rule: c.ruleId,
        message: this.worded ? rowMessage(this.t, this.p.level, c, face, reading) : '',
        rows: [id],
        row: id,
        ...(suggestion ? { suggestion } : {}),
      });
    }
    if (this.mode === 'final') {
      if (this.p.required.has(id) && (reading?.raw ?? '').trim() === '' && reading?.value == null) {
        out.push({
          severity: 'warning',
          rule: 'missing',
          message: this.worded ? missingMessage(this.t, this.p.level, id) : '',
          rows: [id],
          row: id,
        });
      }
    }
    return out;
  }

  full(): void {
    for (const id of this.p.rowIds) this.resolve(id);
    for (const c of this.p.ruleChecks) this.setRule(c, this.ruleFindings(c));
    for (const id of this.p.rowIds) this.setCell(id, this.cellFindings(id));
  }

  setRule(c: Check, f: Finding[]): void {
    if (f.length) this.byRule.set(c, f);
    else this.byRule.delete(c);
  }
  setCell(id: string, f: Finding[]): void {
    if (f.length) this.byCell.set(id, f);
    else this.byCell.delete(id);
  }

  all(): Finding[] {
    const out = [...[...this.byRule.values()].flat(), ...[...this.byCell.values()].flat()];
    return sortFindings(out, (id) => this.order(id));
  }
}

export function sortFindings(fs: Finding[], order: (id: string) => number): Finding[] {
  return fs.sort(
    (a, b) =>
      order(a.row) - order(b.row) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.rule.localeCompare(b.rule) ||
      a.message.localeCompare(b.message),
  );
}

/** Checks a whole report: template rules, kinds, applicability (and missing rows in `final` mode). */
export function checkReport(t: Template, level: LevelId, values: ReportValues, opts: CheckOptions = {}): Finding[] {
  const s = new ReportState(prepare(t, level), values, opts.mode ?? 'typing');
  s.full();
  return s.all();
}

/**
 * checkReport's findings as verdicts (the same rules, severities and rows) without wording them:
 * no messages, no suggested fixes. Consolidating thousands of children needs no more.
 */
export function checkVerdicts(t: Template, level: LevelId, values: ReportValues, opts: CheckOptions = {}): Verdict[] {
  const s = new ReportState(prepare(t, level), values, opts.mode ?? 'typing', false);
  s.full();
  return s
    .all()
    .map((f) => ({ severity: f.severity, rule: f.rule, rows: f.rows, ...(f.habit ? { habit: f.habit } : {}) }));
}

export interface CheckUpdate {
  findings: Finding[];
  added: Finding[];
  removed: Finding[];
  /** How much was re-evaluated: template rules and rows (built-in checks). */
  rechecked: { rules: number; rows: number };
}

export interface Checker {
  readonly findings: Finding[];
  /** Applies changed readings (an empty reading clears a cell) and re-checks what they reach. */
  update(changes: Map<string, NumberReading>): CheckUpdate;
  /** The value a row is checked with (the chosen reading for an ambiguous cell). */
  valueOf(rowId: string): SheetValue;
}

const keyOf = (f: Finding) => JSON.stringify([f.rule, f.row, f.severity, f.message, f.rows, f.suggestion ?? null]);

/** An incremental checker: full check once, then only what each change can reach. */
export function createChecker(t: Template, level: LevelId, values: ReportValues, opts: CheckOptions = {}): Checker {
  const p = prepare(t, level);
  const readings = new Map(values);
  const s = new ReportState(p, readings, opts.mode ?? 'typing');
  s.full();
  let findings = s.all();
  return {
    get findings() {
      return findings;
    },
    valueOf: (id) => s.value(id),
    update(changes) {
      const changed = [...changes.keys()].filter((id) => t.rowsById.has(id));
      for (const id of changed) readings.set(id, changes.get(id)!);
      const s1 = new Set(changed.flatMap((id) => s.rulesOf(id)));
      const v = new Set([...s1].flatMap((c) => p.adjacent.get(c)!));
      const w = new Set([...v].flatMap((c) => p.adjacent.get(c)!));
      const resolveCells = new Set([...changed, ...[...s1].flatMap((c) => c.cells)]);
      const cells = new Set([...changed, ...[...v].flatMap((c) => c.cells)]);

      const before: Finding[] = [
        ...[...w].flatMap((c) => s.byRule.get(c) ?? []),
        ...[...cells].flatMap((id) => s.byCell.get(id) ?? []),
      ];
      for (const id of resolveCells) s.resolve(id);
      for (const c of w) s.setRule(c, s.ruleFindings(c));
      for (const id of cells) s.setCell(id, s.cellFindings(id));
      const after: Finding[] = [
        ...[...w].flatMap((c) => s.byRule.get(c) ?? []),
        ...[...cells].flatMap((id) => s.byCell.get(id) ?? []),
      ];

      const count = new Map<string, number>();
      for (const f of before) count.set(keyOf(f), (count.get(keyOf(f)) ?? 0) + 1);
      const added: Finding[] = [];
      for (const f of after) {
        const k = keyOf(f);
        const n = count.get(k) ?? 0;
        if (n > 0) count.set(k, n - 1);
        else added.push(f);
      }
      const afterKeys = new Map<string, number>();
      for (const f of after) afterKeys.set(keyOf(f), (afterKeys.get(keyOf(f)) ?? 0) + 1);
      const removed: Finding[] = [];
      for (const f of before) {
        const k = keyOf(f);
        const n = afterKeys.get(k) ?? 0;
        if (n > 0) afterKeys.set(k, n - 1);
        else removed.push(f);
      }
      findings = s.all();
      return { findings, added, removed, rechecked: { rules: w.size, rows: cells.size } };
    },
  };
}
