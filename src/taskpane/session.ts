/**
 * One checking session of the open workbook: the report as read, the incremental checker, and the
 * change watcher feeding it. No React and no `Excel.*` here (the Excel calls are in src/excel), so
 * the whole chain runs in jest against the simulated host.
 */
import { createChecker, checkReport, type Checker, type CheckMode } from '../core/rules';
import type { Finding, Suggestion } from '../core/findings';
import type { ReadReport } from '../core/recognise';
import type { NumberReading } from '../core/values';
import {
  applySuggestion,
  goToCell,
  readCurrentReport,
  readingOf,
  watchChanges,
  type ChangeBatch,
  type SheetInfo,
  type Watch,
} from '../excel';

export interface SessionOptions {
  mode?: CheckMode;
  /** Called with every error of the background work (a change that could not be read). */
  onError?: (e: unknown) => void;
}

export class CheckSession {
  private checker: Checker;
  private cellMap: Map<string, string>;
  private listeners = new Set<() => void>();
  /** Requests made by the last change event (tests, diagnostics). */
  lastEventSyncs = 0;

  private constructor(
    readonly report: ReadReport,
    private sheets: SheetInfo[],
    readonly mode: CheckMode,
    private watch: Watch | undefined,
    private readonly opts: SessionOptions,
  ) {
    this.checker = createChecker(report.template, report.level!, report.values, { mode });
    this.cellMap = new Map(report.cells);
  }

  /** Reads the open workbook, checks it and starts watching its appendix sheets. */
  static async open(opts: SessionOptions = {}): Promise<CheckSession> {
    const { report, sheets } = await readCurrentReport();
    const s = new CheckSession(report, sheets, opts.mode ?? 'typing', undefined, opts);
    await s.startWatch();
    return s;
  }

  private async startWatch(): Promise<void> {
    this.watch = await watchChanges(
      {
        template: this.report.template,
        level: this.report.level!,
        cells: this.cellMap,
        sheets: this.sheets,
        named: this.report.source === 'metadata',
      },
      (b) => this.onBatch(b),
      (e) => this.opts.onError?.(e),
    );
  }

  private onBatch(b: ChangeBatch): void {
    this.lastEventSyncs = b.syncs;
    if (b.cells) this.cellMap = b.cells;
    if (b.changes.size) this.checker.update(b.changes);
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get findings(): Finding[] {
    return this.checker.findings;
  }

  /** `'Biểu mẫu 3'!D12` of a row, as the workbook is now. */
  cellOf(rowId: string): string | undefined {
    return this.cellMap.get(rowId);
  }

  /** Rows this level must fill in that are still empty (counted in final mode). */
  get missingCount(): number {
    return this.findings.filter((f) => f.rule === 'missing').length;
  }

  async goTo(f: Finding): Promise<void> {
    const cell = this.cellOf(f.row) ?? f.rows.map((r) => this.cellOf(r)).find(Boolean);
    if (!cell) throw new Error(`Chỉ tiêu «${f.row}» không có ô trong sổ tính.`);
    await goToCell(cell);
  }

  /** Writes a finding's suggested fix, or one of its alternatives (`fix`), and checks again. */
  async apply(f: Finding, fix: Suggestion | undefined = f.suggestion): Promise<void> {
    const s = fix;
    if (!s) return;
    const cell = this.cellOf(s.row);
    if (!cell) throw new Error(`Chỉ tiêu «${s.row}» không có ô trong sổ tính.`);
    await this.watch?.idle();
    this.watch?.expectWrite(cell, s.value);
    await applySuggestion(cell, s.value);
    // What Excel now holds, and the ratios it recalculated from it.
    const fresh = await this.watch?.refresh([s.row]);
    const kind = this.report.template.rowsById.get(s.row)?.kind ?? 'count';
    const changes =
      fresh?.changes ?? new Map<string, NumberReading>([[s.row, readingOf(s.value, undefined, undefined, kind)]]);
    this.checker.update(changes);
    this.emit();
  }

  /** Waits for the changes received so far to be checked. */
  async idle(): Promise<void> {
    await this.watch?.idle();
  }

  async close(): Promise<void> {
    await this.watch?.stop();
    this.watch = undefined;
    this.listeners.clear();
  }
}

/** Checks the whole workbook as a final report (missing rows count): a fresh read and a new session. */
export async function checkAll(previous: CheckSession | undefined, opts: SessionOptions = {}): Promise<CheckSession> {
  await previous?.close();
  return CheckSession.open({ ...opts, mode: 'final' });
}

/** The findings of a report checked at once (no watching): for a report read from a file. */
export function checkOnce(report: ReadReport, mode: CheckMode = 'final'): Finding[] {
  return report.level ? checkReport(report.template, report.level, report.values, { mode }) : [];
}
