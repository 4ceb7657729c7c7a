/**
 * `cchc template learn FORM.xlsx --id ID [--out FILE.json] [--level CẤP,CẤP] [--name "TÊN"] [--force] [--json]`:
 * reads an official's form (any layout the reader recognises, blank or filled) and writes a
 * template file: its forms and rows, the rules inferred with a confidence each, and default
 * consolidation recipes; prints a Vietnamese summary for the official to confirm.
 * Exit codes: 0 written, 2 the form could not be read or an option is wrong.
 */
import { promises as fs } from 'fs';
import path from 'path';
import { LearnError, learnTemplate, TEMPLATE_ID_RE } from '../core/learn';
import { ReadReportError } from '../core/recognise';
import { loadTemplate, TemplateError } from '../core/template/load';
import type { LevelId } from '../core/template/schema';
import { NODE_ZIP } from '../io/native-zip';
import { readGrid } from '../io/read-grid';
import { flag, opt, required, UsageError, type Flags } from './args';
import { checkOutputNotInput, findLevel, InputError, writeProblem } from './inputs';
import { readReceivedFile } from '../io/read-received-file';

async function checkJsonOutput(file: string, force: boolean, input: string): Promise<void> {
  if (!/\.json$/i.test(file)) throw new InputError(`Tệp mẫu «${file}» phải có đuôi .json.`);
  checkOutputNotInput(file, [input]);
  const stat = await fs.stat(file).catch(() => undefined);
  if (stat?.isDirectory()) throw new InputError(`«${file}» là một thư mục, không phải tệp .json.`);
  if (stat && !force) throw new InputError(`Tệp «${file}» đã có. Dùng --force để ghi đè, hoặc chọn tên khác.`);
  const dir = path.dirname(path.resolve(file));
  if (!(await fs.stat(dir).catch(() => undefined))?.isDirectory())
    throw new InputError(`Không ghi được «${file}»: thư mục «${dir}» không tồn tại.`);
}

const today = () => new Date().toISOString().slice(0, 10);

async function learn(flags: Flags, out: (s: string) => void): Promise<number> {
  const [file, ...rest] = flags.positional;
  if (!file) throw new UsageError('Thiếu tệp biểu mẫu: cchc template learn BIEU-MAU.xlsx --id MÃ');
  if (rest.length) throw new UsageError(`Mỗi lần học một tệp (thừa: ${rest.join(' ')}).`);
  const id = required(flags, 'id').trim();
  if (!TEMPLATE_ID_RE.test(id))
    throw new InputError(
      `Mã mẫu «${id}» không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ --id mau-noi-vu-2025).`,
    );
  const outFile = opt(flags, 'out') ?? `${id}.json`;
  const force = flag(flags, 'force');
  const json = flag(flags, 'json');
  const levelText = opt(flags, 'level');
  const levels: LevelId[] | undefined = levelText
    ? [...new Set(levelText.split(',').map((l) => findLevel(l)))]
    : undefined;
  const name = opt(flags, 'name')?.trim() || undefined;
  await checkJsonOutput(outFile, force, file);
  // The form is a received file like any other: only a regular file, its size checked before reading.
  const bytes = await readReceivedFile(file);
  const base = path.basename(file);
  const result = learnTemplate(readGrid(bytes, { fileName: base, ...(NODE_ZIP ? { native: NODE_ZIP } : {}) }), {
    id,
    file: base,
    date: today(),
    ...(levels ? { levels } : {}),
    ...(name ? { name } : {}),
  });
  loadTemplate(result.template); // the loader's checks, before anything is written
  const text = `${JSON.stringify(result.template, null, 2)}\n`;
  try {
    await fs.writeFile(outFile, text, { flag: force ? 'w' : 'wx' });
  } catch (err) {
    throw new InputError(writeProblem(outFile, err));
  }
  if (json) {
    out(
      JSON.stringify(
        {
          file,
          out: outFile,
          template: id,
          forms: result.forms.map((f) => ({
            id: f.id,
            title: f.title,
            name: f.name,
            sheet: f.sheet,
            rows: f.rows.length,
          })),
          rules: result.rules.map((r) => ({
            id: r.id,
            family: r.family,
            check: r.check,
            severity: r.severity,
            confidence: r.confidence,
            evidence: r.evidence,
          })),
          warnings: result.warnings,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  out(`Đã ghi mẫu «${id}» vào «${outFile}» (học từ «${file}»).`);
  out('');
  for (const l of result.summary) out(l);
  if (result.warnings.length) {
    out('\nLưu ý khi đọc biểu mẫu:');
    for (const w of result.warnings) out(`  - ${w}`);
  }
  out(
    `\nXem lại tệp «${outFile}» (bỏ quy tắc nào không đúng), rồi dùng nó để kiểm tra báo cáo nhận được và gửi cho các đơn vị cấp dưới.`,
  );
  return 0;
}

/** The options `cchc template learn` understands (anything else is refused with the closest one). */
export const OPTIONS = { values: ['id', 'out', 'level', 'name'], switches: ['force', 'json', 'help'] };

export async function run(flags: Flags, out: (s: string) => void): Promise<number> {
  const [sub, ...positional] = flags.positional;
  if (sub !== 'learn')
    throw new UsageError(
      sub
        ? `Lệnh «template ${sub}» không có; dùng «cchc template learn».`
        : 'Thiếu lệnh con: cchc template learn BIEU-MAU.xlsx --id MÃ',
    );
  try {
    return await learn({ ...flags, positional }, out);
  } catch (err) {
    if (
      err instanceof InputError ||
      err instanceof ReadReportError ||
      err instanceof TemplateError ||
      err instanceof LearnError
    ) {
      out(err.message);
      return 2;
    }
    throw err;
  }
}
