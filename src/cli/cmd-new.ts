/**
 * `cchc new`: writes an empty appendix workbook for a unit to fill in — the template's
 * forms laid out for one level and period, with validation, protection, print setup and
 * the metadata that lets `cchc` read it back.
 */
import { levelInfo } from '../core/template/levels';
import { dateProblem, LayoutError, planDataRows } from '../core/layout/plan';
import { planReport } from '../core/plan-report';
import { computedRows } from '../core/layout/computed';
import { periodPhrase } from '../core/layout/titles';
import { COLUMNS } from '../core/layout/measure';
import { writeWorkbookFile } from '../io/xlsx-write-file';
import { flag, opt, required, type Flags } from './args';
import { InputError, checkOutput, findLevel, findPeriod, parseYear, resolveTemplate, writeProblem } from './inputs';

/** The options this command understands (anything else is refused with the closest one). */
export const OPTIONS = {
  values: ['template', 'template-file', 'level', 'period', 'year', 'unit', 'report-no', 'date', 'out'],
  switches: ['force', 'help'],
};

export async function run(flags: Flags, out: (s: string) => void): Promise<number> {
  try {
    const t = await resolveTemplate(flags);
    const level = findLevel(required(flags, 'level'));
    const period = findPeriod(required(flags, 'period'));
    const year = parseYear(required(flags, 'year'));
    const unit = required(flags, 'unit').trim();
    if (!unit) throw new InputError('Tên đơn vị (--unit) không được để trống, ví dụ --unit "UBND huyện Kông Chro".');
    const reportNo = opt(flags, 'report-no')?.trim() || undefined;
    const date = opt(flags, 'date')?.trim() || undefined;
    const file = required(flags, 'out');
    const force = flag(flags, 'force');
    if (!t.levels.includes(level)) {
      throw new InputError(
        `Mẫu «${t.id}» không dành cho ${levelInfo(level).name.toLocaleLowerCase('vi')} («${level}»). Mẫu này dành cho: ${t.levels.map((l) => `${l} (${levelInfo(l).name})`).join(', ')}.`,
      );
    }
    if (date) {
      const p = dateProblem(date);
      if (p) throw new InputError(`${p}.`);
    }
    await checkOutput(file, force);

    const plan = planReport(t, {
      level,
      period,
      year,
      unit,
      ...(reportNo ? { reportNo } : {}),
      ...(date ? { date } : {}),
    });
    // Through a temporary file renamed into place, as `cchc consolidate` writes: a link at the
    // output is replaced, never written through, and a failed write leaves no half file.
    let size: number;
    try {
      size = await writeWorkbookFile(plan, file, { overwrite: force });
    } catch (err) {
      throw new InputError(writeProblem(file, err));
    }

    const sheets = plan.sheets.filter((s) => s.state === 'visible');
    const toFill = plan.sheets
      .flatMap((s) => s.rows)
      .filter(
        (r) => r.role === 'data' && r.cells.some((c) => c.col === COLUMNS.value.col && !plan.styles[c.style].locked),
      ).length;
    const computed = computedRows(t, level).size;
    out(`Đã ghi «${file}» (${Math.round(size / 1024)} KB).`);
    out(
      `Mẫu ${t.id} (phiên bản ${t.version}), ${levelInfo(level).name.toLocaleLowerCase('vi')}, kỳ ${periodPhrase(period, year)}, đơn vị: ${unit}.`,
    );
    out(
      `${sheets.length} trang tính (${sheets.map((s) => s.name).join(', ')}); ${planDataRows(plan)} dòng chỉ tiêu, ${toFill} ô để điền, ${computed} tỷ lệ tự tính.`,
    );
    return 0;
  } catch (err) {
    if (err instanceof InputError || err instanceof LayoutError) {
      out(err.message);
      return 2;
    }
    throw err;
  }
}
