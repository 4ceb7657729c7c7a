/**
 * `cchc consolidate`: the parent's appendix from its own figures and its children's workbooks
 * (made with cchc/the add-in or typed by hand), plus "Chi tiết theo đơn vị" and "Tình hình nộp
 * báo cáo". Reads each child, checks it, reduces it to its values and lets the bytes go, so memory
 * does not grow with the number of files beyond the values kept for the breakdown. Never writes
 * to an input file.
 *
 * Exit codes: 0 written; 1 written, but some child could not be read or has errors (see the
 * status sheet); 2 nothing written (usage, unreadable own figures, output problem).
 */
import path from 'path';
import { consolidate, type ChildReport, type ConsolidationResult } from '../core/consolidate/engine';
import { planConsolidatedWorkbook } from '../core/consolidate/output-plan';
import { parseRoster } from '../core/consolidate/units';
import { checkReport } from '../core/rules';
import { chainById, chainOn, levelInfo, periodRange, CHAINS, type Chain } from '../core/template/levels';
import type { LevelId } from '../core/template/schema';
import type { Template } from '../core/template/load';
import { formatNumber } from '../core/number';
import type { Finding } from '../core/findings';
import { ReadReportError } from '../core/recognise';
import { readChildren, type UnreadableChild } from './read-children';
import { readReportFile } from '../io/read-report-file';
import { writeWorkbookFile } from '../io/xlsx-write';
import { flag, opt, required, type Flags } from './args';
import {
  InputError,
  checkOutput,
  findLevel,
  findPeriod,
  findTemplate,
  parseYear,
  readTextInput,
  writeProblem,
} from './inputs';

export type { UnreadableChild } from './read-children';

/** Picks the government chain: explicit, else the one in force at the period's cut-off, else by level. */
function pickChain(level: LevelId, chainId?: string, period?: string, year?: number): Chain {
  if (chainId) {
    if (!CHAINS.some((c) => c.id === chainId))
      throw new InputError(
        `Mô hình «${chainId}» không có. Chọn một trong: ${CHAINS.map((c) => `${c.id} (${c.name})`).join(', ')}.`,
      );
    return chainById(chainId);
  }
  if (period && year) return chainOn(periodRange(period, year).to);
  // Without a date: a district exists only in the 3-tier chain; otherwise the chain in force today.
  return level === 'huyen' ? chainById('3cap') : chainOn(new Date().toISOString().slice(0, 10));
}

async function readRoster(file: string): Promise<string[]> {
  const text = await readTextInput(file, 'Danh sách đơn vị');
  const roster = parseRoster(text);
  if (!roster.length) throw new InputError(`Danh sách đơn vị «${file}» trống: cần mỗi dòng một tên đơn vị.`);
  return roster;
}

export interface ConsolidateRun {
  template: Template;
  level: LevelId;
  unit: string;
  chain: Chain;
  result: ConsolidationResult;
  findings: Finding[];
  unreadable: UnreadableChild[];
}

/** Reads, checks and consolidates; pure of output so the benchmark can time it. */
export async function consolidateFiles(opts: {
  template: Template;
  level: LevelId;
  unit: string;
  chain: Chain;
  files: string[];
  own?: string;
  roster?: string[];
  onFile?: (i: number, file: string) => void;
  /** Worker threads reading the children (default: one per core for many files; 0 = this thread). */
  workers?: number;
}): Promise<ConsolidateRun> {
  // Each child is reduced to its values, their cells and its flagged rows as it is read: the
  // workbook is released, so memory grows only with the values kept for the breakdown.
  const { children, unreadable } = await readChildren(opts.files, {
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    ...(opts.onFile ? { onFile: opts.onFile } : {}),
  });
  let own: { values: ChildReport['values']; cells: Map<string, string>; file: string } | undefined;
  if (opts.own) {
    const r = await readReportFile(opts.own, { template: opts.template.id, level: opts.level });
    own = { values: r.values, cells: r.cells, file: path.basename(opts.own) };
  }
  const result = consolidate({
    template: opts.template,
    level: opts.level,
    chain: opts.chain,
    unit: opts.unit,
    children,
    ...(own ? { own } : {}),
    ...(opts.roster ? { roster: opts.roster } : {}),
  });
  const values = new Map(
    [...result.values]
      .filter(([, v]) => v.value !== null)
      .map(([k, v]) => [k, { value: v.value, raw: String(v.value), decimals: 2, alternatives: [], flags: [] }]),
  );
  const findings = checkReport(opts.template, opts.level, values, { mode: 'final' });
  return {
    template: opts.template,
    level: opts.level,
    unit: opts.unit,
    chain: opts.chain,
    result,
    findings,
    unreadable,
  };
}

function toJson(run: ConsolidateRun, files: { out: string }): unknown {
  const { result } = run;
  return {
    template: run.template.id,
    level: run.level,
    unit: run.unit,
    chain: run.chain.id,
    out: files.out,
    values: Object.fromEntries(
      [...result.values].map(([id, v]) => [
        id,
        {
          value: v.value,
          how: v.how,
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
        file: u.file,
        status: u.status,
        errors: u.errors,
        warnings: u.warnings,
        ...(u.reportDate ? { date: u.reportDate } : {}),
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

export async function run(flags: Flags, out: (s: string) => void): Promise<number> {
  try {
    const template = findTemplate(required(flags, 'template'));
    const level = findLevel(required(flags, 'level'));
    if (
      !template.levels.includes(level) &&
      !template.forms.some((f) =>
        f.rows.some(
          (r) => r.consolidate?.[level] || Object.keys(r.consolidate ?? {}).some((k) => k.startsWith(`${level}@`)),
        ),
      )
    ) {
      throw new InputError(`Mẫu «${template.id}» không có cách tổng hợp cho cấp «${levelInfo(level).name}».`);
    }
    const unit = required(flags, 'unit');
    const outFile = required(flags, 'out');
    const periodText = opt(flags, 'period');
    const yearText = opt(flags, 'year');
    const period = periodText ? findPeriod(periodText) : undefined;
    const year = yearText ? parseYear(yearText) : undefined;
    const chain = pickChain(level, opt(flags, 'chain'), period, year);
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
      chain,
      files,
      ...(ownFile ? { own: ownFile } : {}),
      ...(roster ? { roster } : {}),
      ...(json
        ? {}
        : {
            onFile: (i: number, f: string) => {
              if (files.length > 20 && i % 100 === 0) out(`Đang đọc ${i + 1}/${files.length}: ${path.basename(f)}`);
            },
          }),
    });
    const plan = planConsolidatedWorkbook({
      template,
      plan: { level, unit, period: period ?? '6T', year: year ?? new Date().getFullYear() },
      result: runResult.result,
      findings: runResult.findings,
    });
    try {
      await writeWorkbookFile(plan, outFile, { overwrite: flag(flags, 'force') });
    } catch (e) {
      throw new InputError(writeProblem(outFile, e));
    }
    const { result } = runResult;
    const childErrors = result.units.filter((u) => u.status !== 'replaced' && u.errors > 0).length;
    if (json) {
      out(JSON.stringify(toJson(runResult, { out: outFile }), null, 2));
    } else {
      const received = result.units.filter((u) => u.status !== 'replaced').length;
      out(
        `Đã ghi «${outFile}»: phụ lục tổng hợp của ${unit} (${template.id}, ${levelInfo(level).name}, ${chain.name}).`,
      );
      out(
        `Đã đọc ${received} báo cáo trong ${formatNumber((Date.now() - started) / 1000, { decimals: 1 })} giây${runResult.unreadable.length ? `; ${runResult.unreadable.length} tệp không đọc được` : ''}${result.missing.length ? `; ${result.missing.length} đơn vị chưa nộp: ${result.missing.join(', ')}` : ''}.`,
      );
      for (const u of runResult.unreadable) out(`  - ${u.message}`);
      if (childErrors)
        out(`${childErrors} báo cáo có lỗi (xem trang «Tình hình nộp báo cáo» và «Chi tiết theo đơn vị»).`);
      for (const f of result.findings.filter((x) => x.severity !== 'info')) out(`  ! ${f.message}`);
      const errs = runResult.findings.filter((f) => f.severity === 'error');
      if (errs.length)
        out(
          `Phụ lục tổng hợp còn ${errs.length} lỗi: ${errs
            .slice(0, 5)
            .map((f) => f.message)
            .join(' | ')}`,
        );
    }
    return runResult.unreadable.length || childErrors ? 1 : 0;
  } catch (e) {
    if (e instanceof InputError || e instanceof ReadReportError) {
      out(e.message);
      return 2;
    }
    throw e;
  }
}
