/**
 * The one consolidation pipeline, called by the CLI (`cchc consolidate`) and the task pane's worker
 * alike: the parent's facts are settled (period and year given, or taken from the children when they
 * all agree; the government chain from the period's cut-off date), the parent's own figures are
 * checked to be the parent's, the children are consolidated (reports of another level, period or
 * year and blank reports are listed, never summed), the consolidated values are checked again as a
 * final report and the consolidated workbook is planned.
 *
 * Pure: the caller reads the files (bytes → report is io: src/io/read-report.ts) and hands over
 * the children already read, or a `read` function (consolidateWith).
 */
import { checkReport, checkVerdicts } from '../rules';
import type { Finding } from '../findings';
import type { WorkbookPlan } from '../layout/types';
import { dateProblem } from '../layout/plan';
import { periodPhrase, reportNumberProblem } from '../layout/titles';
import type { ReadReport } from '../recognise/report';
import { compactChildReport } from '../recognise/report';
import { poorMatchChildMessage } from '../recognise/poor-match';
import {
  CHAINS,
  chainById,
  chainOn,
  childLevels,
  levelInfo,
  periodRange,
  type Chain,
  type PeriodId,
} from '../template/levels';
import type { Template } from '../template/load';
import type { LevelId } from '../template/schema';
import type { NumberReading, ReportValues } from '../values';
import { consolidate, type ChildReport, type ConsolidationFinding, type ConsolidationResult } from './engine';
import { planConsolidatedWorkbook } from './output-plan';
import { unitKey } from './units';

/** What the parent asks for. */
export interface ConsolidationRequest {
  template: Template;
  level: LevelId;
  /** The parent unit as printed: "UBND huyện Kông Chro". */
  unit: string;
  /** When absent, taken from the children (and own figures) if they all say the same. */
  period?: PeriodId;
  year?: number;
  /** A chain id (`3cap`, `2cap`); default: the chain in force at the period's cut-off date. */
  chain?: string;
  /** The parent's report number and date (DD/MM/YYYY), printed in the "(Kèm theo Báo cáo số …)" line. */
  reportNo?: string;
  date?: string;
  /** Expected units, one name each. */
  roster?: string[];
  /** Use own figures that name another unit, level, period or year anyway (the user confirmed). */
  acceptOwn?: boolean;
}

/** The parent's own figures, with the facts of the report they were read from. */
export interface OwnReport {
  values: ReportValues;
  cells?: ReadonlyMap<string, string>;
  /** The file (or workbook) they were read from. */
  file?: string;
  unit?: string;
  level?: LevelId;
  period?: PeriodId;
  year?: number;
}

export interface Unreadable {
  file: string;
  message: string;
}

export type ChildOutcome = { child: ChildReport } | { unreadable: Unreadable };

export type ConsolidationErrorCode = 'own-mismatch' | 'period' | 'level' | 'chain' | 'report-no' | 'date';

/** A consolidation that cannot be done as asked; the message (Vietnamese) says why and what to do. */
export class ConsolidationError extends Error {
  override name = 'ConsolidationError';
  constructor(
    readonly code: ConsolidationErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ConsolidationRun {
  template: Template;
  level: LevelId;
  unit: string;
  period: PeriodId;
  year: number;
  /** `request` when the period and year were given, `children` when taken from the reports. */
  periodFrom: 'request' | 'children';
  chain: Chain;
  result: ConsolidationResult;
  /** The checker's findings on the consolidated appendix (final mode). */
  findings: Finding[];
  /** Files that could not be read, with why. */
  unreadable: Unreadable[];
  plan: WorkbookPlan;
}

/** A level that has children in some chain (the early check, before any file is read). */
export function levelProblem(template: Template, level: LevelId, chainId?: string): string | undefined {
  const chains = chainId ? CHAINS.filter((c) => c.id === chainId) : CHAINS;
  const name = levelInfo(level).name.toLocaleLowerCase('vi');
  if (!chains.some((c) => childLevels(c, level).length > 0)) {
    const parents = [...new Set(CHAINS.flatMap((c) => c.edges.map((e) => e.parent)))];
    return `Không có đơn vị nào báo cáo lên ${name}${chainId ? ` trong mô hình «${chains[0]?.name ?? chainId}»` : ''}: không có gì để tổng hợp. Tổng hợp được ở: ${parents.map((l) => levelInfo(l).name.toLocaleLowerCase('vi')).join(', ')}.`;
  }
  const hasRecipe = template.forms.some((f) =>
    f.rows.some(
      (r) => r.consolidate?.[level] || Object.keys(r.consolidate ?? {}).some((k) => k.startsWith(`${level}@`)),
    ),
  );
  if (!hasRecipe)
    return `Mẫu «${template.id}» không có cách tổng hợp cho ${name}: chọn mẫu của ${name} (xem «cchc templates»).`;
  return undefined;
}

/** The chain: explicit, else the one in force at the period's cut-off date. */
export function pickChain(chainId: string | undefined, period: PeriodId, year: number): Chain {
  if (chainId) {
    if (!CHAINS.some((c) => c.id === chainId))
      throw new ConsolidationError(
        'chain',
        `Mô hình «${chainId}» không có. Chọn một trong: ${CHAINS.map((c) => `${c.id} (${c.name})`).join(', ')}.`,
      );
    return chainById(chainId);
  }
  return chainOn(periodRange(period, year).to);
}

/** Problems with the request that are known before any file is read (report number, date, level). */
export function requestProblem(req: ConsolidationRequest): ConsolidationError | undefined {
  const level = levelProblem(req.template, req.level, req.chain);
  if (level) return new ConsolidationError('level', level);
  if (req.chain && !CHAINS.some((c) => c.id === req.chain))
    return new ConsolidationError(
      'chain',
      `Mô hình «${req.chain}» không có. Chọn một trong: ${CHAINS.map((c) => `${c.id} (${c.name})`).join(', ')}.`,
    );
  if (req.reportNo !== undefined) {
    const p = reportNumberProblem(req.reportNo, req.unit);
    if (p) return new ConsolidationError('report-no', `${p}.`);
  }
  if (req.date !== undefined) {
    const p = dateProblem(req.date);
    if (p) return new ConsolidationError('date', `${p}.`);
  }
  return undefined;
}

const phrase = (period: PeriodId | undefined, year: number | undefined) =>
  period && year ? periodPhrase(period, year) : period ? periodPhrase(period, 0).replace(/ năm 0$/, '') : `năm ${year}`;

/** The period and year: the request's, else the one every report that says one agrees on. */
function settlePeriod(
  req: ConsolidationRequest,
  children: ChildReport[],
  own: OwnReport | undefined,
): { period: PeriodId; year: number; from: 'request' | 'children' } {
  if (req.period && req.year) return { period: req.period, year: req.year, from: 'request' };
  const said = [...children, ...(own ? [own] : [])];
  // Reports that do not say their period are not counted either way.
  const periods = new Map<string, number>();
  for (const c of said) {
    const p = req.period ?? c.period;
    const y = req.year ?? c.year;
    if (p && y) periods.set(`${p}|${y}`, (periods.get(`${p}|${y}`) ?? 0) + 1);
  }
  if (periods.size === 1) {
    const [p, y] = [...periods.keys()][0].split('|');
    return { period: p as PeriodId, year: Number(y), from: 'children' };
  }
  const what = [req.period ? '' : 'kỳ báo cáo', req.year ? '' : 'năm'].filter(Boolean).join(' và ');
  const seen = [...periods.entries()]
    .map(([k, n]) => {
      const [p, y] = k.split('|');
      return `${periodPhrase(p, Number(y))} (${n} báo cáo)`;
    })
    .join(', ');
  throw new ConsolidationError(
    'period',
    periods.size
      ? `Chưa cho biết ${what} đang tổng hợp, và các báo cáo nhận được không cùng một kỳ: ${seen}. Hãy chọn rõ kỳ báo cáo và năm.`
      : `Chưa cho biết ${what} đang tổng hợp, và không có báo cáo nào đọc được để lấy theo. Hãy chọn rõ kỳ báo cáo và năm.`,
  );
}

/** Own figures of another unit, level, period or year: why, or undefined when they are the parent's. */
function ownProblems(req: ConsolidationRequest & { period: PeriodId; year: number }, own: OwnReport): string[] {
  const out: string[] = [];
  if (own.unit && unitKey(own.unit).key !== unitKey(req.unit).key)
    out.push(`là của «${own.unit}», không phải của «${req.unit}»`);
  if (own.level && own.level !== req.level)
    out.push(
      `là báo cáo ${levelInfo(own.level).name.toLocaleLowerCase('vi')}, không phải ${levelInfo(req.level).name.toLocaleLowerCase('vi')}`,
    );
  if ((own.period && own.period !== req.period) || (own.year && own.year !== req.year))
    out.push(
      `là báo cáo ${phrase(own.period, own.year ?? req.year)}, không phải ${periodPhrase(req.period, req.year)}`,
    );
  return out;
}

/**
 * Own figures of another unit, level, period or year: refused (ConsolidationError `own-mismatch`)
 * unless the user confirmed, then a warning finding saying they were used anyway.
 */
export function ownCheck(
  req: ConsolidationRequest & { period: PeriodId; year: number },
  own: OwnReport,
): ConsolidationFinding | undefined {
  const problems = ownProblems(req, own);
  if (!problems.length) return undefined;
  const text = `Số liệu của đơn vị${own.file ? ` (tệp «${own.file}»)` : ''} ${problems.join('; ')}`;
  if (!req.acceptOwn)
    throw new ConsolidationError(
      'own-mismatch',
      `${text}. Không dùng số liệu này làm số liệu của ${req.unit}: chọn đúng tệp số liệu của đơn vị, hoặc xác nhận nếu đúng là số liệu của đơn vị.`,
    );
  return {
    severity: 'warning',
    rule: 'consolidate:own-confirmed',
    message: `${text}; vẫn dùng làm số liệu của ${req.unit} theo xác nhận của người tổng hợp.`,
    units: [req.unit],
    ...(own.file ? { file: own.file } : {}),
  };
}

/** Refuses own figures of another unit before any child is read, when the period is already known. */
export function checkOwnEarly(req: ConsolidationRequest, own: OwnReport | undefined): void {
  if (own && req.period && req.year) ownCheck({ ...req, period: req.period, year: req.year }, own);
}

/** A report read from a file, checked as a final report and reduced to what consolidation keeps. */
export function childOutcome(report: ReadReport, fileName: string = report.file): ChildOutcome {
  // Figures read through a template the file does not fit are not summed silently.
  if (report.poorMatch) return { unreadable: { file: fileName, message: poorMatchChildMessage(report, fileName) } };
  if (!report.level)
    return {
      unreadable: {
        file: fileName,
        message: `Tệp «${fileName}»: không xác định được cấp báo cáo (ghi rõ «UBND xã …» ở tiêu đề).`,
      },
    };
  // Verdicts only: consolidation keeps a child's flagged rows and habits, never the wording.
  const verdicts = checkVerdicts(report.template, report.level, report.values, { mode: 'final' });
  return { child: compactChildReport({ ...report, file: fileName }, verdicts) };
}

/** Consolidates children already read; `unreadable` are listed in the result as they are. */
export function consolidateReports(
  req: ConsolidationRequest,
  input: { children: ChildReport[]; unreadable?: Unreadable[]; own?: OwnReport },
): ConsolidationRun {
  const early = requestProblem(req);
  if (early) throw early;
  const { period, year, from } = settlePeriod(req, input.children, input.own);
  const chain = pickChain(req.chain, period, year);
  if (!childLevels(chain, req.level).length)
    throw new ConsolidationError(
      'level',
      `Trong mô hình «${chain.name}», không có đơn vị nào báo cáo lên ${levelInfo(req.level).name.toLocaleLowerCase('vi')}: không có gì để tổng hợp cho ${phrase(period, year)}.`,
    );
  const extra: ConsolidationFinding[] = [];
  const confirmed = input.own ? ownCheck({ ...req, period, year }, input.own) : undefined;
  if (confirmed) extra.push(confirmed);
  if (input.own && (!input.own.period || !input.own.year))
    extra.push({
      severity: 'warning',
      rule: 'consolidate:own-period-unknown',
      message: `Không đọc được kỳ báo cáo${input.own.year ? '' : ' và năm'} của số liệu của đơn vị${input.own.file ? ` (tệp «${input.own.file}»)` : ''}: tiêu đề không ghi rõ; vẫn dùng, coi như báo cáo ${periodPhrase(period, year)}. Hãy kiểm tra lại tệp này.`,
      units: [req.unit],
      ...(input.own.file ? { file: input.own.file } : {}),
    });
  const result = consolidate({
    template: req.template,
    level: req.level,
    chain,
    unit: req.unit,
    period,
    year,
    children: input.children,
    ...(input.own ? { own: input.own } : {}),
    ...(req.roster && req.roster.length ? { roster: req.roster } : {}),
  });
  result.findings.unshift(...extra);
  if (from === 'children')
    result.findings.unshift({
      severity: 'info',
      rule: 'consolidate:period-from-children',
      message: `Kỳ báo cáo chưa được chọn: lấy theo các báo cáo nhận được, ${periodPhrase(period, year)}.`,
      units: [],
    });
  // The consolidated appendix is checked like any final report.
  const values = new Map<string, NumberReading>();
  for (const [k, v] of result.values)
    if (v.value !== null)
      values.set(k, { value: v.value, raw: String(v.value), decimals: 2, alternatives: [], flags: [] });
  const findings = checkReport(req.template, req.level, values, { mode: 'final' });
  const plan = planConsolidatedWorkbook({
    template: req.template,
    plan: {
      level: req.level,
      period,
      year,
      unit: req.unit,
      ...(req.reportNo ? { reportNo: req.reportNo } : {}),
      ...(req.date ? { date: req.date } : {}),
    },
    result,
    findings,
  });
  return {
    template: req.template,
    level: req.level,
    unit: req.unit,
    period,
    year,
    periodFrom: from,
    chain,
    result,
    findings,
    unreadable: input.unreadable ?? [],
    plan,
  };
}

/** Reads each file with `read` (which never throws for a bad file: it returns `unreadable`), then consolidates. */
export function consolidateWith<F>(
  req: ConsolidationRequest,
  files: readonly F[],
  read: (file: F, index: number) => ChildOutcome,
  own?: OwnReport,
): ConsolidationRun {
  const early = requestProblem(req);
  if (early) throw early;
  checkOwnEarly(req, own);
  const children: ChildReport[] = [];
  const unreadable: Unreadable[] = [];
  files.forEach((f, i) => {
    const o = read(f, i);
    if ('child' in o) children.push(o.child);
    else unreadable.push(o.unreadable);
  });
  return consolidateReports(req, { children, unreadable, ...(own ? { own } : {}) });
}
