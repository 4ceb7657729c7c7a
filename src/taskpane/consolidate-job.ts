/**
 * The heavy half of "Tổng hợp", run in a web worker (consolidate.worker.ts) and, in tests, in-process:
 * read each child workbook, check it as a final report, consolidate with the unit's own figures and
 * lay out the consolidated workbook plan. Pure: bytes in, plain data out (posted back to the pane,
 * which writes the plan through Office.js). No Node modules, no DOM.
 */
import { consolidate, type ChildReport, type ConsolidationFinding, type UnitStatus } from '../core/consolidate/engine';
import { planConsolidatedWorkbook } from '../core/consolidate/output-plan';
import type { WorkbookPlan } from '../core/layout/types';
import { poorMatchChildMessage, ReadReportError, toChildReport } from '../core/recognise';
import { loadTemplate } from '../core/template/load';
import { builtinTemplates } from '../core/template/registry';
import { checkReport } from '../core/rules';
import { chainOn, levelInfo, periodRange } from '../core/template/levels';
import type { ReportValues } from '../core/values';
import type { PlanOptions } from '../core/layout/types';
import { readReport } from '../io/read-report';

/** What to consolidate, and the parent's report facts as the appendix prints them. */
export interface ConsolidateRequest extends Omit<PlanOptions, 'ruleFormulas'> {
  files: { name: string; bytes: Uint8Array }[];
  templateId: string;
  /** Templates the open workbook carries (learned or imported), as stored: children may be of those. */
  templateDefs?: unknown[];
  /** The unit's own figures (read from the open workbook). */
  own?: { values: ReportValues; cells?: Map<string, string>; file?: string };
  /** Expected units, one name each. */
  roster?: string[];
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
  const chain = chainOn(periodRange(req.period, req.year).to);
  const children: ChildReport[] = [];
  const problems: { file: string; message: string }[] = [];
  req.files.forEach((f, index) => {
    onProgress({ index, file: f.name, state: 'reading', progress: 0.1 });
    try {
      const report = readReport(f.bytes, { fileName: f.name, ...(carried.length ? { templates } : {}) });
      if (report.poorMatch) throw new ReadReportError('no-appendix', poorMatchChildMessage(report, f.name), f.name);
      onProgress({
        index,
        file: f.name,
        state: 'reading',
        progress: 0.6,
        ...(report.unit ? { unit: report.unit } : {}),
      });
      const findings = report.level ? checkReport(report.template, report.level, report.values, { mode: 'final' }) : [];
      const child = toChildReport(report, findings);
      children.push(child);
      onProgress({
        index,
        file: f.name,
        state: 'done',
        progress: 1,
        unit: child.unit,
        levelName: levelInfo(child.level).name,
        errors: findings.filter((x) => x.severity === 'error').length,
        warnings: findings.filter((x) => x.severity === 'warning').length,
      });
    } catch (e) {
      const message =
        e instanceof ReadReportError ? e.message : `Không đọc được tệp «${f.name}»: ${(e as Error).message}`;
      problems.push({ file: f.name, message });
      onProgress({ index, file: f.name, state: 'error', progress: 1, message });
    }
  });
  const result = consolidate({
    template,
    level: req.level,
    chain,
    unit: req.unit,
    ...(req.own ? { own: req.own } : {}),
    children,
    ...(req.roster && req.roster.length ? { roster: req.roster } : {}),
  });
  const plan = planConsolidatedWorkbook({
    template,
    plan: {
      level: req.level,
      period: req.period,
      year: req.year,
      unit: req.unit,
      ...(req.reportNo ? { reportNo: req.reportNo } : {}),
      ...(req.date ? { date: req.date } : {}),
    },
    result,
  });
  return { plan, units: result.units, missing: result.missing, findings: result.findings, problems };
}
