/**
 * `cchc consolidate`: the parent's appendix from its own figures and its children's workbooks
 * (made with cchc/the add-in or typed by hand), plus "Chi tiết theo đơn vị" and "Tình hình nộp
 * báo cáo". Reads each child, checks it, reduces it to its values and lets the bytes go, and streams
 * the workbook to its file row by row, so memory does not grow with the number of files beyond the
 * values kept for the breakdown. Never writes to an input file.
 *
 * Exit codes: 0 written; 1 written, but some child could not be read, was left out (another
 * period, year or level; blank) or has errors, or a uniform row is undecided (see the status
 * sheet); 2 nothing written (usage, own figures of another unit, period not given and not agreed
 * by the children, unreadable own figures, output problem).
 */
import path from 'path';
import {
  ConsolidationError,
  checkOwnEarly,
  consolidateReports,
  requestProblem,
  type ConsolidationRequest,
  type ConsolidationRun,
  type OwnReport,
} from '../core/consolidate/pipeline';
import { EXCLUDED_STATES } from '../core/consolidate/engine';
import { STATUS_LABEL, statusHeadline } from '../core/consolidate/output-plan';
import { parseRoster } from '../core/consolidate/units';
import { levelInfo, type Chain, type PeriodId } from '../core/template/levels';
import type { LevelId } from '../core/template/schema';
import type { Template } from '../core/template/load';
import { periodPhrase } from '../core/layout/titles';
import { formatNumber } from '../core/number';
import { ReadReportError } from '../core/recognise';
import { readChildren } from './read-children';
import { readReportFile } from '../io/read-report-file';
import { preloadWriter } from '../io/xlsx-write';
import { writeWorkbookFile } from '../io/xlsx-write-file';
import { flag, opt, required, type Flags } from './args';
import {
  InputError,
  checkOutput,
  findLevel,
  findPeriod,
  parseYear,
  resolveTemplate,
  readTextInput,
  writeProblem,
} from './inputs';

export type { UnreadableChild } from './read-children';

/** The options `cchc consolidate` understands (anything else is refused with the closest one). */
export const OPTIONS = {
  values: [
    'template',
    'template-file',
    'level',
    'unit',
    'period',
    'year',
    'chain',
    'own',
    'roster',
    'out',
    'report-no',
    'date',
  ],
  switches: ['json', 'force', 'accept-own', 'help'],
};

async function readRoster(file: string): Promise<string[]> {
  const text = await readTextInput(file, 'Danh sách đơn vị');
  const roster = parseRoster(text);
  if (!roster.length) throw new InputError(`Danh sách đơn vị «${file}» trống: cần mỗi dòng một tên đơn vị.`);
  return roster;
}

/** The pipeline's run, and how many threads read the children (said beside the reading time). */
export type ConsolidateRun = ConsolidationRun & { threads: number };

/** The parent's own figures from a file, with the facts the file states about itself. */
async function readOwn(file: string, template: Template): Promise<OwnReport> {
  const r = await readReportFile(file, { template: template.id });
  return {
    values: r.values,
    cells: r.cells,
    file: path.basename(file),
    ...(r.unit ? { unit: r.unit } : {}),
    // A level only guessed from the figures is no evidence against the parent's.
    ...(r.level && (r.levelSource === 'metadata' || r.levelSource === 'title') ? { level: r.level } : {}),
    ...(r.period ? { period: r.period } : {}),
    ...(r.year ? { year: r.year } : {}),
  };
}

/** Reads the children and the own figures, then runs the one consolidation pipeline; pure of output (the benchmark times it). */
export async function consolidateFiles(opts: {
  template: Template;
  level: LevelId;
  unit: string;
  files: string[];
  period?: PeriodId;
  year?: number;
  /** A chain or its id; default: the chain in force at the period's cut-off date. */
  chain?: Chain | string;
  own?: string;
  acceptOwn?: boolean;
  roster?: string[];
  reportNo?: string;
  date?: string;
  onFile?: (i: number, file: string) => void;
  /** Worker threads reading the children (default: one per core for many files; 0 = this thread). */
  workers?: number;
}): Promise<ConsolidateRun> {
  const req: ConsolidationRequest = {
    template: opts.template,
    level: opts.level,
    unit: opts.unit,
    ...(opts.period ? { period: opts.period } : {}),
    ...(opts.year ? { year: opts.year } : {}),
    ...(opts.chain ? { chain: typeof opts.chain === 'string' ? opts.chain : opts.chain.id } : {}),
    ...(opts.reportNo ? { reportNo: opts.reportNo } : {}),
    ...(opts.date ? { date: opts.date } : {}),
    ...(opts.roster ? { roster: opts.roster } : {}),
    ...(opts.acceptOwn ? { acceptOwn: true } : {}),
  };
  // Refused before reading a thousand files.
  const early = requestProblem(req);
  if (early) throw early;
  const own = opts.own ? await readOwn(opts.own, opts.template) : undefined;
  checkOwnEarly(req, own);
  // Each child is reduced to its values, their cells and its flagged rows as it is read: the
  // workbook is released, so memory grows only with the values kept for the breakdown.
  const { children, unreadable, threads } = await readChildren(opts.files, {
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    ...(opts.onFile ? { onFile: opts.onFile } : {}),
    // The workbook writer, needed at the end, is loaded while the reading threads start.
    meanwhile: preloadWriter,
  });
  return { ...consolidateReports(req, { children, unreadable, ...(own ? { own } : {}) }), threads };
}

function toJson(run: ConsolidateRun, files: { out: string }): unknown {
  const { result } = run;
  return {
    template: run.template.id,
    level: run.level,
    unit: run.unit,
    period: run.period,
    year: run.year,
    periodFrom: run.periodFrom,
    chain: run.chain.id,
    out: files.out,
    summary: statusHeadline(result),
    values: Object.fromEntries(
      [...result.values].map(([id, v]) => [
        id,
        {
          value: v.value,
          how: v.how,
          ...(v.undecided ? { undecided: true } : {}),
          from: v.from
            .filter((p) => p.value !== null && v.how !== 'recompute')
            .map((p) => ({
              unit: p.unit,
              ...(p.file ? { file: p.file } : {}),
              ...(p.cell ? { cell: p.cell } : {}),
              value: p.value,
            })),
        },
      ]),
    ),
    units: [
      ...result.units.map((u) => ({
        unit: u.unit,
        level: u.level,
        file: u.file,
        status: u.status,
        errors: u.errors,
        warnings: u.warnings,
        ...(u.period ? { period: u.period } : {}),
        ...(u.year ? { year: u.year } : {}),
        ...(u.reportDate ? { date: u.reportDate } : {}),
        ...(u.reason ? { reason: u.reason } : {}),
      })),
      ...run.unreadable.map((u) => ({
        unit: null,
        file: u.file,
        status: 'unreadable',
        errors: 0,
        warnings: 0,
        message: u.message,
      })),
    ],
    missing: result.missing,
    findings: [
      ...result.findings.map((f) => ({
        severity: f.severity,
        rule: f.rule,
        message: f.message,
        units: f.units,
        ...(f.row ? { row: f.row } : {}),
        ...(f.file ? { file: f.file } : {}),
      })),
      ...run.findings.map((f) => ({
        severity: f.severity,
        rule: f.rule,
        message: f.message,
        units: [run.unit],
        row: f.row,
      })),
    ],
  };
}

/** What the CLI adds to a pipeline refusal: the option that settles it. */
const HINT: Partial<Record<ConsolidationError['code'], string>> = {
  'own-mismatch': ' (thêm --accept-own nếu đúng là số liệu của đơn vị)',
  period: ' (--period Q1|6T|9T|N --year NĂM)',
};

export async function run(flags: Flags, out: (s: string) => void): Promise<number> {
  try {
    const template = await resolveTemplate(flags);
    const level = findLevel(required(flags, 'level'));
    const unit = required(flags, 'unit').trim();
    if (!unit) throw new InputError('Tên đơn vị (--unit) không được để trống, ví dụ --unit "UBND huyện Kông Chro".');
    const outFile = required(flags, 'out');
    const periodText = opt(flags, 'period');
    const yearText = opt(flags, 'year');
    const period = periodText ? findPeriod(periodText) : undefined;
    const year = yearText ? parseYear(yearText) : undefined;
    const reportNo = opt(flags, 'report-no')?.trim() || undefined;
    const date = opt(flags, 'date')?.trim() || undefined;
    const chain = opt(flags, 'chain');
    const files = flags.positional;
    if (!files.length)
      throw new InputError('Chưa có tệp báo cáo nào của đơn vị cấp dưới: ghi tên các tệp .xlsx sau các tùy chọn.');
    const ownFile = opt(flags, 'own');
    await checkOutput(outFile, flag(flags, 'force'), [...files, ...(ownFile ? [ownFile] : [])]);
    const rosterFile = opt(flags, 'roster');
    const roster = rosterFile ? await readRoster(rosterFile) : undefined;

    const json = flag(flags, 'json');
    const started = Date.now();
    const runResult = await consolidateFiles({
      template,
      level,
      unit,
      files,
      ...(period ? { period } : {}),
      ...(year ? { year } : {}),
      ...(chain ? { chain } : {}),
      ...(reportNo ? { reportNo } : {}),
      ...(date ? { date } : {}),
      ...(ownFile ? { own: ownFile } : {}),
      ...(flag(flags, 'accept-own') ? { acceptOwn: true } : {}),
      ...(roster ? { roster } : {}),
      ...(json
        ? {}
        : {
            onFile: (i: number, f: string) => {
              if (files.length > 20 && i % 100 === 0) out(`Đang đọc ${i + 1}/${files.length}: ${path.basename(f)}`);
            },
          }),
    });
    try {
      await writeWorkbookFile(runResult.plan, outFile, { overwrite: flag(flags, 'force') });
    } catch (e) {
      throw new InputError(writeProblem(outFile, e));
    }
    const { result } = runResult;
    const excluded = result.units.filter((u) => EXCLUDED_STATES.includes(u.status));
    const childErrors = result.units.filter(
      (u) => (u.status === 'received' || u.status === 'unknown') && u.errors > 0,
    ).length;
    if (json) {
      out(JSON.stringify(toJson(runResult, { out: outFile }), null, 2));
    } else {
      out(
        `Đã ghi «${outFile}»: phụ lục tổng hợp của ${unit} (${template.id}, ${levelInfo(level).name}, ${periodPhrase(runResult.period, runResult.year)}${runResult.periodFrom === 'children' ? ' — lấy theo các báo cáo nhận được' : ''}, ${runResult.chain.name}).`,
      );
      out(
        `${statusHeadline(result).replace(/\.$/, '')} — đọc trong ${formatNumber((Date.now() - started) / 1000, { decimals: 1 })} giây${runResult.threads > 1 ? ` (${runResult.threads} luồng đọc song song)` : ''}${runResult.unreadable.length ? `; ${runResult.unreadable.length} tệp không đọc được` : ''}.`,
      );
      if (result.missing.length) out(`Chưa nộp: ${result.missing.join(', ')}.`);
      for (const u of excluded) out(`  ✗ ${u.file ?? u.unit}: ${STATUS_LABEL[u.status]} — ${u.reason ?? ''}`);
      for (const u of runResult.unreadable) out(`  ✗ ${u.message}`);
      if (childErrors)
        out(`${childErrors} báo cáo có lỗi (xem trang «Tình hình nộp báo cáo» và «Chi tiết theo đơn vị»).`);
      for (const f of result.findings.filter(
        (x) => x.severity !== 'info' && !x.rule.startsWith('consolidate:wrong') && x.rule !== 'consolidate:blank',
      ))
        out(`  ! ${f.message}`);
      const errs = runResult.findings.filter((f) => f.severity === 'error');
      if (errs.length)
        out(
          `Phụ lục tổng hợp còn ${errs.length} lỗi: ${errs
            .slice(0, 5)
            .map((f) => f.message)
            .join(' | ')}`,
        );
    }
    return runResult.unreadable.length || childErrors || result.findings.some((f) => f.severity === 'error') ? 1 : 0;
  } catch (e) {
    if (e instanceof ConsolidationError) {
      out(`${e.message}${HINT[e.code] ?? ''}`);
      return 2;
    }
    if (e instanceof InputError || e instanceof ReadReportError) {
      out(e.message);
      return 2;
    }
    throw e;
  }
}
