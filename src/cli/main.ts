/**
 * `cchc`: the command-line skin of the core. Each sub-command lives in its own module;
 * this file only dispatches and prints help. Exit codes: 0 ok, 1 findings of severity
 * lỗi (check), 2 bad input or usage.
 */
// First: its clock starts as the CLI loads (the load of other processes is measured from there).
import './cpu-load';
import { parseArgs, UsageError, type Flags, type OptionSpec } from './args';
import * as templates from './cmd-templates';
import { InputError } from './inputs';
import * as cmdNew from './cmd-new';
import * as cmdCheck from './cmd-check';
import * as cmdConsolidate from './cmd-consolidate';
import * as cmdTemplateLearn from './cmd-template-learn';

export type Command = (flags: Flags, out: (s: string) => void) => Promise<number>;

/** A command: its help line, what it runs and, when it declares them, the options it understands. */
const COMMANDS: Record<string, { help: string; run: Command; options?: OptionSpec }> = {
  templates: {
    help: 'cchc templates [--json]   Liệt kê các mẫu phụ lục có sẵn',
    run: templates.run,
    options: { values: [], switches: ['json', 'help'] },
  },
  new: {
    help: 'cchc new --template MẪU|--template-file TỆP.json --level CẤP --period Q1|6T|9T|N --year NĂM --unit "TÊN ĐƠN VỊ" [--report-no SỐ] [--date DD/MM/YYYY] --out TỆP.xlsx [--force]\n      Tạo tệp phụ lục trống cho một đơn vị điền số liệu (--force: ghi đè tệp đã có)',
    run: cmdNew.run,
    options: cmdNew.OPTIONS,
  },
  check: {
    help: 'cchc check TỆP.xlsx|TỆP.docx [--template MẪU|--template-file TỆP.json] [--level CẤP] [--unit "TÊN"] [--period KỲ] [--year NĂM] [--json]\n      Đọc một phụ lục nhận được (tạo bằng cchc, gõ tay trong Excel, hoặc bảng trong báo cáo Word) và kiểm tra số liệu; báo lỗi theo từng biểu, kèm địa chỉ ô và giá trị đề nghị',
    run: cmdCheck.run,
    options: cmdCheck.OPTIONS,
  },
  consolidate: {
    help: 'cchc consolidate --template MẪU|--template-file TỆP.json --level CẤP --unit "TÊN ĐƠN VỊ" --period KỲ --year NĂM [--report-no SỐ] [--date DD/MM/YYYY] [--chain 3cap|2cap] [--own TỆP.xlsx [--accept-own]] [--roster DANHSACH.txt] --out TONGHOP.xlsx [--force] [--json] TỆP_CON.xlsx|.docx…\n      Tổng hợp báo cáo của các đơn vị cấp dưới (kể cả tệp gõ tay và báo cáo Word .docx) thành phụ lục của đơn vị, kèm «Chi tiết theo đơn vị» và «Tình hình nộp báo cáo». Báo cáo sai kỳ, sai năm, sai cấp hoặc để trống không được tổng hợp (được liệt kê kèm lý do); không ghi --period/--year thì lấy theo các báo cáo khi tất cả cùng một kỳ',
    run: cmdConsolidate.run,
    options: cmdConsolidate.OPTIONS,
  },
  template: {
    help: 'cchc template learn BIEU-MAU.xlsx --id MÃ [--out MÃ.json] [--level CẤP,CẤP] [--name "TÊN"] [--force] [--json]\n      Học một biểu mẫu mới (trống hoặc đã điền) thành tệp mẫu: các dòng, quy tắc suy ra kèm độ tin cậy, cách tổng hợp mặc định',
    run: cmdTemplateLearn.run,
    options: cmdTemplateLearn.OPTIONS,
  },
};

export const USAGE = () =>
  [
    'cchc — công cụ phụ lục thống kê báo cáo cải cách hành chính (CCHC)',
    '',
    ...Object.values(COMMANDS).map((c) => `  ${c.help}`),
    '',
    'Mã thoát: 0 thành công; 1 có lỗi trong báo cáo; 2 không đọc được tệp hoặc sai cú pháp lệnh.',
  ].join('\n');

export async function main(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s + '\n'),
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(USAGE());
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    out(`Lệnh không biết: «${name}».\n\n${USAGE()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out(`  ${cmd.help}`);
    return 0;
  }
  try {
    return await cmd.run(parseArgs(rest, cmd.options), out);
  } catch (err) {
    if (err instanceof UsageError) {
      out(`${err.message}\n\n${USAGE()}`);
      return 2;
    }
    if (err instanceof InputError) {
      out(err.message);
      return 2;
    }
    throw err;
  }
}

/**
 * Exits with `code` once everything written to stdout and stderr has been handed to the system.
 * `process.exit` right after a write drops what a pipe has not taken yet (`cchc consolidate
 * --json | …` stopped at 65,536 bytes); a write's callback runs after the writes before it.
 */
export function exitAfterOutput(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.exitCode = code;
  process.stdout.write('', done);
  process.stderr.write('', done);
}
