/**
 * The heavy half of "Tổng hợp", run in a web worker (consolidate.worker.ts) and, in tests, in-process:
 * read each child workbook (bytes → report, src/io/read-report.ts) and hand it to the core's one
 * consolidation pipeline (src/core/consolidate/pipeline.ts, the same as `cchc consolidate`), which
 * checks each child, leaves out reports of another period, year or level and blank ones, takes the
 * unit's own figures only if they are the unit's, re-checks the consolidated values and lays out the
 * workbook plan. Pure: bytes in, plain data out (posted back to the pane, which writes the plan
 * through Office.js). No Node modules, no DOM.
 */
import type { ConsolidationFinding, UnitStatus } from '../core/consolidate/engine';
import { statusHeadline } from '../core/consolidate/output-plan';
import {
  childOutcome,
  consolidateWith,
  type ChildOutcome,
  type ConsolidationErrorCode,
  type OwnReport,
} from '../core/consolidate/pipeline';
import type { Finding } from '../core/findings';
import type { WorkbookPlan } from '../core/layout/types';
import { ReadReportError } from '../core/recognise';
import { levelInfo, type PeriodId } from '../core/template/levels';
import { loadTemplate } from '../core/template/load';
import { builtinTemplates } from '../core/template/registry';
import type { PlanOptions } from '../core/layout/types';
import { readReport } from '../io/read-report';
import type { ChosenFile } from './chosen-files';

/** What to consolidate, and the parent's report facts as the appendix prints them. */
export interface ConsolidateRequest extends Omit<PlanOptions, 'ruleFormulas'> {
  /** The children as chosen (chosen-files.ts): a file too big to read comes with why, and no bytes. */
  files: ChosenFile[];
  templateId: string;
  /** Templates the open workbook carries (learned or imported), as stored: children may be of those. */
  templateDefs?: unknown[];
  /** The unit's own figures (read from the open workbook's own sheets) and the facts those sheets state. */
  own?: OwnReport;
  /** Expected units, one name each. */
  roster?: string[];
  /** The user confirmed that own figures naming another unit (or period) are the unit's. */
  acceptOwn?: boolean;
}

export interface FileProgress {
  index: number;
  file: string;
  state: 'reading' | 'done' | 'error';
  /** 0–1 */
  progress: number;
  unit?: string;
  levelName?: string;
  errors?: number;
  warnings?: number;
  /** Vietnamese: why the file could not be used. */
  message?: string;
}

export interface ConsolidateResult {
  plan: WorkbookPlan;
  units: UnitStatus[];
  missing: string[];
  findings: ConsolidationFinding[];
  /** Files that could not be read, with why. */
  problems: { file: string; message: string }[];
  /** "Đã nhận 3 báo cáo được tổng hợp; 3 tệp không được tổng hợp (…); còn 1 đơn vị chưa nộp …." */
  headline: string;
  /** Errors the checker finds in the consolidated appendix itself. */
  appendixErrors: Finding[];
  period: PeriodId;
  year: number;
}

/** A refusal of the whole consolidation (own figures of another unit, …), with its code for the pane. */
export interface JobFailure {
  message: string;
  code?: ConsolidationErrorCode;
}

/** Reads, checks and consolidates; reports each file's progress as it goes. */
export function runConsolidation(
  req: ConsolidateRequest,
  onProgress: (p: FileProgress) => void = () => undefined,
): ConsolidateResult {
  const carried = (req.templateDefs ?? []).map((d) => loadTemplate(d));
  const templates = [...builtinTemplates().filter((b) => !carried.some((c) => c.id === b.id)), ...carried];
  const template = templates.find((t) => t.id === req.templateId);
  if (!template) throw new Error(`Không có mẫu «${req.templateId}».`);
  const read = (f: ChosenFile, index: number): ChildOutcome => {
    if (f.refused) {
      onProgress({ index, file: f.name, state: 'error', progress: 1, message: f.refused });
      return { unreadable: { file: f.name, message: f.refused } };
    }
    onProgress({ index, file: f.name, state: 'reading', progress: 0.1 });
    try {
      const report = readReport(f.bytes, { fileName: f.name, ...(carried.length ? { templates } : {}) });
      onProgress({
        index,
        file: f.name,
        state: 'reading',
        progress: 0.6,
        ...(report.unit ? { unit: report.unit } : {}),
      });
      const o = childOutcome(report, f.name);
      if ('child' in o) {
        const fs = o.child.findings ?? [];
        onProgress({
          index,
          file: f.name,
          state: 'done',
          progress: 1,
          unit: o.child.unit,
          levelName: levelInfo(o.child.level).name,
          errors: fs.filter((x) => x.severity === 'error').length,
          warnings: fs.filter((x) => x.severity === 'warning').length,
        });
      } else onProgress({ index, file: f.name, state: 'error', progress: 1, message: o.unreadable.message });
      return o;
    } catch (e) {
      const message =
        e instanceof ReadReportError ? e.message : `Không đọc được tệp «${f.name}»: ${(e as Error).message}`;
      onProgress({ index, file: f.name, state: 'error', progress: 1, message });
      return { unreadable: { file: f.name, message } };
    }
  };
  const run = consolidateWith(
    {
      template,
      level: req.level,
      unit: req.unit,
      period: req.period,
      year: req.year,
      ...(req.reportNo ? { reportNo: req.reportNo } : {}),
      ...(req.date ? { date: req.date } : {}),
      ...(req.roster && req.roster.length ? { roster: req.roster } : {}),
      ...(req.acceptOwn ? { acceptOwn: true } : {}),
    },
    req.files,
    read,
    req.own,
  );
  return {
    plan: run.plan,
    units: run.result.units,
    missing: run.result.missing,
    findings: run.result.findings,
    problems: run.unreadable,
    headline: statusHeadline(run.result),
    appendixErrors: run.findings.filter((f) => f.severity === 'error'),
    period: run.period,
    year: run.year,
  };
}
