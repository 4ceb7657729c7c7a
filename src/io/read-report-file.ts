/** Reading a received appendix from disk (Node only: the CLI). Opens the file read-only. */
import { promises as fs } from 'fs';
import path from 'path';
import { ReadReportError, type ReadReport } from '../core/recognise';
import { NODE_ZIP } from './native-zip';
import { readReport, type ReadReportOptions } from './read-report';

/** Reads an appendix file from disk (read-only). */
export async function readReportFile(
  filePath: string,
  opts: Omit<ReadReportOptions, 'fileName'> = {},
): Promise<ReadReport> {
  const name = path.basename(filePath);
  let bytes: Uint8Array;
  try {
    const stat = await fs.stat(filePath);
    if (stat.isDirectory())
      throw new ReadReportError('unreadable', `«${filePath}» là một thư mục, không phải tệp .xlsx.`, name);
    bytes = await fs.readFile(filePath);
  } catch (e) {
    if (e instanceof ReadReportError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'không có tệp này'
        : code === 'EACCES' || code === 'EPERM'
          ? 'không có quyền đọc'
          : (e as Error).message;
    throw new ReadReportError('unreadable', `Không đọc được tệp «${filePath}»: ${why}.`, name);
  }
  const report = readReport(bytes, { ...opts, fileName: name, ...(NODE_ZIP ? { native: NODE_ZIP } : {}) });
  return { ...report, file: filePath };
}
