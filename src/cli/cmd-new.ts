/**
 * `cchc new`: writes an empty appendix workbook for a unit to fill in — the template's
 * forms laid out for one level and period, with validation, protection, print setup and
 * the metadata that lets `cchc` read it back.
 */
import { promises as fs } from 'fs';
import path from 'path';
import { builtinTemplates } from '../core/template/registry';
import { LEVELS, PERIODS, levelInfo, type PeriodId } from '../core/template/levels';
import type { LevelId } from '../core/template/schema';
import type { Template } from '../core/template/load';
import { dateProblem, LayoutError, planDataRows, planWorkbook } from '../core/layout/plan';
import { computedRows } from '../core/layout/computed';
import { periodPhrase } from '../core/layout/titles';
import { COLUMNS } from '../core/layout/measure';
import { writeWorkbookBuffer } from '../io/xlsx-write';
import { flag, opt, required, type Flags } from './args';

/** A mistake in what the user asked for: printed as is, exit code 2. */
class InputError extends Error {}

const fold = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase('vi');

function findTemplate(id: string): Template {
  const all = builtinTemplates();
  const t = all.find((x) => x.id === id.trim());
  if (!t) throw new InputError(`Không có mẫu «${id}». Các mẫu có sẵn: ${all.map((x) => x.id).join(', ')} (xem «cchc templates»).`);
  return t;
}

/** A level by id ("huyen"), name ("Cấp huyện") or alias ("huyện"). */
function findLevel(text: string): LevelId {
  const f = fold(text);
  const l = LEVELS.find((x) => x.id === f || fold(x.name) === f || x.aliases.some((a) => fold(a) === f));
  if (!l) throw new InputError(`Cấp «${text}» không có. Chọn một trong: ${LEVELS.map((x) => `${x.id} (${x.name})`).join(', ')}.`);
  return l.id;
}

function findPeriod(text: string): PeriodId {
  const f = fold(text);
  const p = PERIODS.find((x) => fold(x.id) === f || fold(x.name) === f || fold(x.title) === f);
  if (!p) throw new InputError(`Kỳ báo cáo «${text}» không có. Chọn một trong: ${PERIODS.map((x) => `${x.id} (${x.name})`).join(', ')}.`);
  return p.id;
}

function parseYear(text: string): number {
  const y = Number(text.trim());
  if (!/^\d{4}$/.test(text.trim()) || y < 2000 || y > 2100) throw new InputError(`Năm «${text}» không hợp lệ: cần năm có 4 chữ số, từ 2000 đến 2100 (ví dụ 2022).`);
  return y;
}

/** Refuses an existing file (unless forced) and a folder that does not exist or cannot be written. */
async function checkOutput(file: string, force: boolean): Promise<void> {
  if (!/\.xlsx$/i.test(file)) throw new InputError(`Tệp ra «${file}» phải có đuôi .xlsx.`);
  const stat = await fs.stat(file).catch(() => undefined);
  if (stat?.isDirectory()) throw new InputError(`«${file}» là một thư mục, không phải tệp .xlsx.`);
  if (stat && !force) throw new InputError(`Tệp «${file}» đã có. Dùng --force để ghi đè, hoặc chọn tên khác.`);
  const dir = path.dirname(path.resolve(file));
  const dstat = await fs.stat(dir).catch(() => undefined);
  if (!dstat?.isDirectory()) throw new InputError(`Không ghi được «${file}»: thư mục «${dir}» không tồn tại.`);
}

function writeProblem(file: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? 'không có quyền ghi vào đó'
      : code === 'ENOENT' || code === 'ENOTDIR'
        ? 'thư mục không tồn tại'
        : code === 'EEXIST'
          ? 'tệp đã có (dùng --force để ghi đè)'
          : code === 'EROFS'
            ? 'ổ đĩa chỉ đọc'
            : code === 'ENOSPC'
              ? 'ổ đĩa hết chỗ'
              : (err as Error).message;
  return `Không ghi được tệp «${file}»: ${why}.`;
}

export async function run(flags: Flags, out: (s: string) => void): Promise<number> {
  try {
    const t = findTemplate(required(flags, 'template'));
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
      throw new InputError(`Mẫu «${t.id}» không dành cho ${levelInfo(level).name.toLocaleLowerCase('vi')} («${level}»). Mẫu này dành cho: ${t.levels.map((l) => `${l} (${levelInfo(l).name})`).join(', ')}.`);
    }
    if (date) {
      const p = dateProblem(date);
      if (p) throw new InputError(`${p}.`);
    }
    await checkOutput(file, force);

    const plan = planWorkbook(t, { level, period, year, unit, ...(reportNo ? { reportNo } : {}), ...(date ? { date } : {}) });
    const buf = await writeWorkbookBuffer(plan);
    try {
      await fs.writeFile(file, buf, { flag: force ? 'w' : 'wx' });
    } catch (err) {
      throw new InputError(writeProblem(file, err));
    }

    const sheets = plan.sheets.filter((s) => s.state === 'visible');
    const toFill = plan.sheets
      .flatMap((s) => s.rows)
      .filter((r) => r.role === 'data' && r.cells.some((c) => c.col === COLUMNS.value.col && !plan.styles[c.style].locked)).length;
    const computed = computedRows(t, level).size;
    out(`Đã ghi «${file}» (${Math.round(buf.length / 1024)} KB).`);
    out(`Mẫu ${t.id} (phiên bản ${t.version}), ${levelInfo(level).name.toLocaleLowerCase('vi')}, kỳ ${periodPhrase(period, year)}, đơn vị: ${unit}.`);
    out(`${sheets.length} trang tính (${sheets.map((s) => s.name).join(', ')}); ${planDataRows(plan)} dòng chỉ tiêu, ${toFill} ô để điền, ${computed} tỷ lệ tự tính.`);
    return 0;
  } catch (err) {
    if (err instanceof InputError || err instanceof LayoutError) {
      out(err.message);
      return 2;
    }
    throw err;
  }
}
