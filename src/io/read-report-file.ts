/** Reading a received appendix from disk (Node only: the CLI). Opens the file read-only. */
import path from 'path';
import type { ReadReport } from '../core/recognise';
import { NODE_ZIP } from './native-zip';
import { fileBudgetMs, readReceivedFile } from './read-received-file';
import { readReport, type ReadReportOptions } from './read-report';

/**
 * Reads an appendix file from disk (read-only): only a regular file, its size checked before
 * reading (see readReceivedFile), then read like any received bytes.
 */
export async function readReportFile(
  filePath: string,
  opts: Omit<ReadReportOptions, 'fileName'> = {},
): Promise<ReadReport> {
  const name = path.basename(filePath);
  const bytes = await readReceivedFile(filePath, {
    ...(opts.limits?.maxFileBytes !== undefined ? { maxBytes: opts.limits.maxFileBytes } : {}),
  });
  const report = readReport(bytes, {
    ...opts,
    limits: { maxMillis: fileBudgetMs(), ...opts.limits },
    fileName: name,
    ...(NODE_ZIP ? { native: NODE_ZIP } : {}),
  });
  return { ...report, file: filePath };
}
