/**
 * Reading what the user typed on the command line: templates, levels and periods by id or by
 * their Vietnamese names, years, output files. Mistakes become InputError (printed, exit 2).
 */
import { promises as fs, statSync, type Stats } from 'fs';
import path from 'path';
import { addTemplate, bnvIds, builtinTemplates } from '../core/template/registry';
import { loadTemplateText, TemplateError } from '../core/template/load';
import { opt, UsageError, type Flags } from './args';
import { LEVELS, PERIODS, type PeriodId } from '../core/template/levels';
import type { LevelId } from '../core/template/schema';
import type { Template } from '../core/template/load';
import { readReceivedFile } from '../io/read-received-file';

/** A mistake in what the user asked for: printed as is, exit code 2. */
export class InputError extends Error {}

const fold = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase('vi');

export function findTemplate(id: string): Template {
  const all = builtinTemplates();
  const t = all.find((x) => x.id === id.trim());
  if (!t)
    throw new InputError(
      `Không có mẫu «${id}». Các mẫu có sẵn: ${all.map((x) => x.id).join(', ')} (xem «cchc templates»).`,
    );
  return t;
}

/**
 * A template from a JSON file (a learned one): read, fully validated (every problem listed, in
 * Vietnamese, naming the file and the rows), and made usable by id for the rest of the command.
 */
export async function loadTemplateFile(file: string): Promise<Template> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'không có tệp này'
        : code === 'EISDIR'
          ? 'đây là một thư mục'
          : code === 'EACCES' || code === 'EPERM'
            ? 'không có quyền đọc'
            : (e as Error).message;
    throw new InputError(`Không đọc được tệp mẫu «${file}»: ${why}.`);
  }
  try {
    const t = loadTemplateText(text, path.basename(file), { knownBnvIds: bnvIds() });
    addTemplate(t);
    return t;
  } catch (e) {
    if (e instanceof TemplateError) throw new InputError(e.message);
    throw new InputError(`Tệp mẫu «${file}»: ${(e as Error).message}`);
  }
}

/** The template of `--template-file FILE.json`, if given (then `--template` must not be). */
export async function templateFileOption(flags: Flags): Promise<Template | undefined> {
  const file = opt(flags, 'template-file');
  if (file === undefined) return undefined;
  if (opt(flags, 'template') !== undefined)
    throw new UsageError('Chỉ dùng một trong hai tùy chọn --template MẪU và --template-file TỆP.json.');
  return loadTemplateFile(file);
}

/** The template a command works with: `--template ID` (built-in) or `--template-file FILE.json`. */
export async function resolveTemplate(flags: Flags): Promise<Template> {
  const fromFile = await templateFileOption(flags);
  if (fromFile) return fromFile;
  const id = opt(flags, 'template');
  if (id === undefined) throw new UsageError('Thiếu tùy chọn --template MẪU (hoặc --template-file TỆP.json)');
  return findTemplate(id);
}

/** A level by id ("huyen"), name ("Cấp huyện") or alias ("huyện"). */
export function findLevel(text: string): LevelId {
  const f = fold(text);
  const l = LEVELS.find((x) => x.id === f || fold(x.name) === f || x.aliases.some((a) => fold(a) === f));
  if (!l)
    throw new InputError(
      `Cấp «${text}» không có. Chọn một trong: ${LEVELS.map((x) => `${x.id} (${x.name})`).join(', ')}.`,
    );
  return l.id;
}

export function findPeriod(text: string): PeriodId {
  const f = fold(text);
  const p = PERIODS.find((x) => fold(x.id) === f || fold(x.name) === f || fold(x.title) === f);
  if (!p)
    throw new InputError(
      `Kỳ báo cáo «${text}» không có. Chọn một trong: ${PERIODS.map((x) => `${x.id} (${x.name})`).join(', ')}.`,
    );
  return p.id;
}

export function parseYear(text: string): number {
  const y = Number(text.trim());
  if (!/^\d{4}$/.test(text.trim()) || y < 2000 || y > 2100)
    throw new InputError(`Năm «${text}» không hợp lệ: cần năm có 4 chữ số, từ 2000 đến 2100 (ví dụ 2022).`);
  return y;
}

/**
 * A small text file the user named (a roster): only a regular file, at most `maxBytes`, checked
 * before reading (a link to /dev/zero or a pipe gets a message, not a hang). UTF-8, BOM dropped.
 */
export async function readTextInput(file: string, what: string, maxBytes = 1024 * 1024): Promise<string> {
  try {
    const bytes = await readReceivedFile(file, { maxBytes });
    return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  } catch (e) {
    throw new InputError(`${what}: ${(e as Error).message}`);
  }
}

/** A file's status through links, or undefined when it cannot be looked at (reading it will say why). */
function statOrNothing(file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * Refuses an output that is one of the inputs, whatever the path says: the same path, a symbolic
 * link to an input, a hard link (same device and inode), or a path through linked folders —
 * even with --force, a received report is never overwritten.
 *
 * An output that does not exist yet can only be an input by its path (a link to it would dangle);
 * one that exists is an input when both are the same file: same device and inode, whatever the
 * links between them. One stat per input, synchronous: thousands of inputs are checked in
 * milliseconds, not one round trip through the thread pool each.
 */
export function checkOutputNotInput(file: string, inputs: string[]): void {
  const target = path.resolve(file);
  const out = statOrNothing(file);
  for (const input of inputs) {
    const samePath = path.resolve(input) === target;
    let same = samePath;
    if (!same && out) {
      const st = statOrNothing(input);
      same = !!st && st.dev === out.dev && st.ino === out.ino;
    }
    if (same)
      throw new InputError(
        `Tệp ra «${file}» chính là tệp đầu vào «${input}»${samePath ? '' : ' (qua liên kết)'}: không ghi đè báo cáo nhận được, kể cả khi dùng --force. Hãy chọn tên khác.`,
      );
  }
}

/**
 * Refuses an existing file (unless forced), an output that is one of `inputs` (through links too,
 * even forced), and a folder that does not exist or cannot be written.
 */
export async function checkOutput(file: string, force: boolean, inputs: string[] = []): Promise<void> {
  if (!/\.xlsx$/i.test(file)) throw new InputError(`Tệp ra «${file}» phải có đuôi .xlsx.`);
  checkOutputNotInput(file, inputs);
  const stat = await fs.stat(file).catch(() => undefined);
  if (stat?.isDirectory()) throw new InputError(`«${file}» là một thư mục, không phải tệp .xlsx.`);
  if (stat && !force) throw new InputError(`Tệp «${file}» đã có. Dùng --force để ghi đè, hoặc chọn tên khác.`);
  const dir = path.dirname(path.resolve(file));
  const dstat = await fs.stat(dir).catch(() => undefined);
  if (!dstat?.isDirectory()) throw new InputError(`Không ghi được «${file}»: thư mục «${dir}» không tồn tại.`);
}

export function writeProblem(file: string, err: unknown): string {
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
