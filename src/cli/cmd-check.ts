/**
 * `cchc check FILE.xlsx [--template ID] [--level CẤP] [--json]`: reads a received appendix
 * (made by cchc, or typed by hand), checks it as a final report and prints the findings in
 * Vietnamese, grouped by form, with cell addresses and suggested values.
 * Exit codes: 0 no error, 1 at least one finding of severity lỗi, 2 the file could not be read.
 */
import { readReportFile } from '../io/read-report-file';
import { placeOf, poorMatchFacts, ReadReportError, tableRows, type ReadReport } from '../core/recognise';
import { LOW_CONFIDENCE } from '../core/recognise/match';
import { SEVERITY_LABEL, type Finding } from '../core/findings';
import { checkReceived, suggestionText } from '../core/check-received';
import { percentText } from '../core/number';
import { LEVELS, PERIODS, levelInfo, periodInfo, type PeriodId } from '../core/template/levels';
import type { LevelId } from '../core/template/schema';
import { flag, opt, UsageError, type Flags } from './args';
import { templateFileOption } from './inputs';

const fold = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase('vi');

function parseLevel(text: string): LevelId {
  const f = fold(text);
  const l = LEVELS.find((x) => x.id === f || fold(x.name) === f || x.aliases.some((a) => fold(a) === f));
  if (!l)
    throw new UsageError(
      `Cấp «${text}» không có. Chọn một trong: ${LEVELS.map((x) => `${x.id} (${x.name})`).join(', ')}.`,
    );
  return l.id;
}

function parsePeriod(text: string): PeriodId {
  const f = fold(text);
  const p = PERIODS.find((x) => fold(x.id) === f || fold(x.name) === f || fold(x.title) === f);
  if (!p)
    throw new UsageError(
      `Kỳ báo cáo «${text}» không có. Chọn một trong: ${PERIODS.map((x) => `${x.id} (${x.name})`).join(', ')}.`,
    );
  return p.id;
}

function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text.trim()))
    throw new UsageError(`Năm «${text}» không hợp lệ: cần năm có 4 chữ số (ví dụ 2022).`);
  return Number(text.trim());
}

/** "6 tháng đầu năm 2022", "Quý I năm 2024". */
function periodText(period: PeriodId, year: number | undefined): string {
  const name = periodInfo(period).name;
  if (!year) return name;
  return /năm$/i.test(name) ? `${name} ${year}` : `${name} năm ${year}`;
}

const viDate = (iso: string) => iso.split('-').reverse().join('/');

function findingCells(report: ReadReport, f: Finding): string[] {
  return f.rows.map((id) => report.cells.get(id)).filter((c): c is string => !!c);
}

/** What `cchc check` says when no known template fits: plainly, with the way out (learning the form). */
export function poorMatchText(report: ReadReport): string[] {
  const file = report.file;
  return [
    `KHÔNG KHỚP MẪU NÀO: tệp «${file}» không giống mẫu phụ lục nào có sẵn. ${poorMatchFacts(report)}; số liệu và lỗi dưới đây đọc theo mẫu đó nên có thể sai hoàn toàn.`,
    `Nếu đây là một biểu mẫu mới, hãy học mẫu từ chính biểu mẫu này: cchc template learn "${file}" --id MÃ-MẪU --out MÃ-MẪU.json, xem lại các quy tắc, rồi kiểm tra với mẫu vừa học (--template-file MÃ-MẪU.json).`,
  ];
}

export function toJson(report: ReadReport, findings: Finding[]): object {
  // A Word report's cells are addresses of the sheets its tables were read as; `place` says where
  // the official finds them («Bảng 2, hàng 9, cột 4»).
  const place = (cell: string | null | undefined) =>
    report.wordTables && cell ? { place: placeOf(report, cell) } : {};
  const values: Record<string, { value: number | null; cell: string | null; place?: string; raw: string }> = {};
  for (const [id, r] of report.values) {
    const cell = report.cells.get(id) ?? null;
    values[id] = { value: r.value, cell, ...place(cell), raw: r.raw };
  }
  return {
    file: report.file,
    template: report.template.id,
    templateConfidence: Number(report.confidence.toFixed(3)),
    ...(report.runnerUp
      ? { runnerUp: { template: report.runnerUp.id, confidence: Number(report.runnerUp.confidence.toFixed(3)) } }
      : {}),
    source: report.source,
    ...(report.poorMatch
      ? {
          poorMatch: {
            message: poorMatchText(report).join(' '),
            mapped: report.rows.length,
            tableRows: tableRows(report),
            learn: `cchc template learn "${report.file}" --id MÃ-MẪU --out MÃ-MẪU.json`,
          },
        }
      : {}),
    level: report.level ?? null,
    unit: report.unit ?? null,
    period: report.period ?? null,
    year: report.year ?? null,
    ...(report.reportNo ? { reportNo: report.reportNo } : {}),
    ...(report.date ? { date: report.date } : {}),
    rows: {
      mapped: report.rows.length,
      unmapped: report.unmapped.map((u) => ({
        cell: u.cell,
        ...place(u.cell),
        stt: u.stt,
        label: u.label,
        ...(u.value ? { value: u.value } : {}),
      })),
      lowConfidence: report.lowConfidence.map((u) => ({
        cell: u.cell,
        ...place(u.cell),
        stt: u.stt,
        label: u.label,
        row: u.rowId,
        confidence: Number(u.confidence.toFixed(2)),
      })),
    },
    values,
    findings: findings.map((f) => {
      const cells = findingCells(report, f);
      const cell = report.cells.get(f.row) ?? null;
      return {
        severity: f.severity,
        rule: f.rule,
        message: f.message,
        row: f.row,
        cells,
        cell,
        ...place(cell),
        ...(f.suggestion
          ? {
              suggestion: {
                cell: report.cells.get(f.suggestion.row) ?? null,
                ...place(report.cells.get(f.suggestion.row)),
                row: f.suggestion.row,
                value: f.suggestion.value,
                ...(f.suggestion.reason ? { reason: f.suggestion.reason } : {}),
              },
            }
          : {}),
      };
    }),
    warnings: report.warnings.filter((w) => w.kind !== 'value').map((w) => w.message),
  };
}

export function toText(report: ReadReport, findings: Finding[]): string[] {
  const t = report.template;
  const lines: string[] = [];
  lines.push(`Tệp: ${report.file}`);
  const how =
    report.source === 'metadata'
      ? 'theo siêu dữ liệu của tệp'
      : `nhận dạng theo nội dung, độ tin cậy ${percentText(report.confidence)}`;
  const runner = report.runnerUp
    ? `; mẫu gần nhất tiếp theo: ${report.runnerUp.id} (${percentText(report.runnerUp.confidence)})`
    : '';
  if (report.poorMatch) lines.push('', ...poorMatchText(report), '');
  lines.push(`Mẫu: ${t.id} — ${t.name} (${how}${runner})`);
  const facts = [
    `Đơn vị: ${report.unit ?? '(không rõ)'}`,
    `Cấp: ${report.level ? levelInfo(report.level).name : '(không rõ)'}`,
    `Kỳ: ${report.period ? periodText(report.period, report.year) : '(không rõ)'}`,
  ];
  if (report.reportNo || report.date)
    facts.push(
      `Báo cáo${report.reportNo ? ` số ${report.reportNo}` : ''}${report.date ? ` ngày ${viDate(report.date)}` : ''}`,
    );
  lines.push(facts.join(' · '));
  const filled = [...report.values.values()].filter((r) => r.value !== null || r.raw).length;
  lines.push(
    `Đã đọc ${report.rows.length} dòng chỉ tiêu (${filled} ô có số liệu) từ ${report.tables.length} bảng: ${report.tables.map((x) => (report.wordTables ? x.sheet : `'${x.sheet}'!${x.range}`)).join(', ')}.`,
  );
  if (report.unmapped.length) {
    lines.push('', `Dòng không khớp với chỉ tiêu nào của mẫu (${report.unmapped.length}):`);
    for (const u of report.unmapped)
      lines.push(
        `  ${placeOf(report, u.cell)}  ${u.stt ? `STT ${u.stt}  ` : ''}«${u.label}»${u.value ? `  — có số liệu «${u.value}», chưa được đọc` : ''}`,
      );
  }
  if (report.lowConfidence.length) {
    lines.push(
      '',
      `Dòng khớp chưa chắc chắn (độ tin cậy dưới ${percentText(LOW_CONFIDENCE)}), nên xem lại (${report.lowConfidence.length}):`,
    );
    for (const u of report.lowConfidence) {
      lines.push(
        `  ${placeOf(report, u.cell)}  ${u.stt ? `STT ${u.stt} ` : ''}«${u.label}» → chỉ tiêu ${u.templateStt.trim() || u.rowId} «${u.templateLabel}» (${percentText(u.confidence)})`,
      );
    }
  }
  const notes = report.warnings.filter((w) => w.kind !== 'value');
  if (notes.length) {
    lines.push('', 'Lưu ý khi đọc tệp:');
    for (const w of notes) lines.push(`  - ${w.message}`);
  }
  const byForm = new Map<string, Finding[]>();
  for (const f of findings) {
    const form = t.formOf.get(f.row)?.id ?? '';
    byForm.set(form, [...(byForm.get(form) ?? []), f]);
  }
  const order = [...t.forms.map((f) => f.id), ''];
  for (const formId of order) {
    const list = byForm.get(formId);
    if (!list?.length) continue;
    const form = t.forms.find((f) => f.id === formId);
    lines.push('', form ? `${form.title} — ${form.name}` : 'Kiểm tra chung');
    for (const f of list) {
      const cell = report.cells.get(f.row);
      const label = SEVERITY_LABEL[f.severity].padEnd(8);
      lines.push(`  ${label} ${cell ? `${placeOf(report, cell)}: ` : ''}${f.message}`);
      const others = findingCells(report, f).filter((c) => c !== cell);
      if (others.length) lines.push(`           Ô liên quan: ${others.map((c) => placeOf(report, c)).join('; ')}`);
      const s = suggestionText(report, f);
      if (s) lines.push(`           ${s}`);
    }
  }
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  lines.push(
    '',
    findings.length === 0
      ? 'Kết quả: không phát hiện lỗi nào.'
      : `Kết quả: ${count('error')} lỗi, ${count('warning')} cảnh báo, ${count('info')} lưu ý.`,
  );
  if (report.poorMatch)
    lines.push(
      `Kết quả trên KHÔNG đáng tin: tệp không khớp mẫu nào (gần nhất «${t.id}», ${percentText(report.confidence)}).`,
    );
  return lines;
}

/** The options this command understands (anything else is refused with the closest one). */
export const OPTIONS = {
  values: ['template', 'template-file', 'level', 'unit', 'period', 'year'],
  switches: ['json', 'help'],
};

export async function run(flags: Flags, out: (s: string) => void): Promise<number> {
  const [file, ...rest] = flags.positional;
  if (!file) throw new UsageError('Thiếu tên tệp cần kiểm tra: cchc check TỆP.xlsx');
  if (rest.length) throw new UsageError(`Mỗi lần chỉ kiểm tra một tệp (thừa: ${rest.join(' ')}).`);
  const json = flag(flags, 'json');
  const template = (await templateFileOption(flags))?.id ?? opt(flags, 'template');
  const level = opt(flags, 'level');
  const unit = opt(flags, 'unit');
  const period = opt(flags, 'period');
  const year = opt(flags, 'year');
  let report: ReadReport;
  try {
    report = await readReportFile(file, {
      ...(template ? { template } : {}),
      ...(level ? { level: parseLevel(level) } : {}),
      ...(unit ? { unit } : {}),
      ...(period ? { period: parsePeriod(period) } : {}),
      ...(year ? { year: parseYear(year) } : {}),
    });
  } catch (e) {
    if (!(e instanceof ReadReportError)) throw e;
    out(json ? JSON.stringify({ file, error: { code: e.code, message: e.message } }, null, 2) : e.message);
    return 2;
  }
  const findings = checkReceived(report);
  if (json) out(JSON.stringify(toJson(report, findings), null, 2));
  else out(toText(report, findings).join('\n'));
  // A reading through a template the file does not fit is no verdict: exit 2, unless the template was asked for.
  if (report.poorMatch && !template) return 2;
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
