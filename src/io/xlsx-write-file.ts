/**
 * Writes a WorkbookPlan to a file in Node (`cchc consolidate`): the walk of xlsx-write.ts streamed
 * with ExcelJS's streaming writer (each row written out as it is committed: a breakdown of thousands
 * of units is never held whole in memory) into a temporary file, renamed into place.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Writable } from 'stream';
import { promisify } from 'util';
import ExcelJS from 'exceljs';
import type { WorkbookPlan } from '../core/layout/types';
import { quotePrefixStyles, renderPlan, workbookTimestamp, type Walked, type WriteOptions } from './xlsx-write';
import { setZipTimesInFile } from './zip-times';

/** What of the streaming workbook writer's zip (archiver) streamWorkbook uses. */
interface ZipArchive {
  append(source: unknown, data: { name: string }): unknown;
  on(event: 'error', listener: (e: Error) => void): unknown;
  unpipe(): unknown;
  abort(): unknown;
}

/**
 * Streams the plan as .xlsx into `out` with ExcelJS's streaming writer: the walk of workbookBytes,
 * each row written out as it is committed; resolves once `out` has it all. Two parts the streaming
 * writer writes differently are mended as it adds them to the zip: styles.xml gets the quote
 * prefixes (as addQuotePrefix does) and workbook.xml fullCalcOnLoad (its addWorkbook leaves the
 * workbook's calcProperties out). The zip entries' times are the clock's: the caller sets them.
 */
async function streamWorkbook(plan: WorkbookPlan, out: Writable, when: Date): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: true,
    // Compressed as the in-memory writer compresses (deflate level 6): the writer's zip otherwise
    // uses level 1, a file some 15% larger.
    zip: { zlib: { level: 6 } },
  });
  const zip = (wb as unknown as { zip: ZipArchive }).zip;
  // A failed write (a full disk) or zip ends the wait: the writer itself would wait for `out` to finish.
  const failed = new Promise<never>((_, reject) => {
    out.on('error', reject);
    zip.on('error', reject);
  });
  let walked: Walked | undefined;
  const append = zip.append.bind(zip);
  zip.append = (source, data) => {
    const name = data.name.replace(/^\//, '');
    let part = source;
    if (name === 'xl/styles.xml' && walked?.formulaLike && typeof part === 'string') part = quotePrefixStyles(part);
    if (name === 'xl/workbook.xml' && plan.fullCalcOnLoad && typeof part === 'string')
      part = part.replace(/<calcPr((?:(?!fullCalcOnLoad)[^>])*?)\s*\/>/, '<calcPr$1 fullCalcOnLoad="1"/>');
    return append(part, data);
  };
  const written = (async () => {
    walked = await renderPlan(wb, plan, when, true);
    await wb.commit();
  })();
  try {
    await Promise.race([written, failed]);
  } catch (e) {
    written.catch(() => undefined); // the walk may still be running: what it writes goes nowhere
    zip.unpipe();
    zip.abort();
    out.destroy();
    throw e;
  } finally {
    failed.catch(() => undefined);
  }
}

/** Functions on a plain descriptor, which fs.promises has not (it has FileHandles, whose stream closes them when it ends). */
const descriptor = {
  open: promisify(fs.open),
  fstat: promisify(fs.fstat),
  read: promisify(fs.read),
  write: promisify(fs.write),
};

/**
 * Writes the plan to `file` through a temporary file in the same folder, renamed into place: a
 * link at `file` is replaced, never written through, and a failed write leaves no half file.
 * `overwrite` false refuses an existing file (the caller words the message). The workbook is
 * streamed (streamWorkbook): a consolidation of thousands of units is never held whole in memory;
 * the zip entries then get the workbook's time, as workbookBytes gives them (setZipTimes).
 */
export async function writeWorkbookFile(
  plan: WorkbookPlan,
  file: string,
  opts: WriteOptions & { overwrite?: boolean } = {},
): Promise<number> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  // Stopped while writing (Ctrl-C, a shutdown): the half-written temporary file goes too, and the
  // process ends as it would have (exit code 128 + the signal's number).
  const interrupted = (signal: NodeJS.Signals) => {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // already gone
    }
    process.exit(128 + os.constants.signals[signal]);
  };
  const release = () => {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  // Created here (never an existing file or link), streamed to, then read back to set the zip's
  // times. The stream closes it (destroy), once its writes are done: closed once, never mid-write.
  const fd = await descriptor.open(tmp, 'wx+').catch((e: unknown) => {
    release();
    throw e;
  });
  const out = fs.createWriteStream(tmp, { fd, autoClose: false });
  const closed = new Promise<void>((resolve, reject) => {
    out.once('close', resolve);
    out.on('error', reject);
  });
  closed.catch(() => undefined); // awaited below
  let size: number;
  try {
    const when = workbookTimestamp(plan, opts.timestamp);
    await streamWorkbook(plan, out, when);
    await setZipTimesInFile(
      {
        size: async () => (await descriptor.fstat(fd)).size,
        read: async (buf, at) => void (await descriptor.read(fd, buf, 0, buf.length, at)),
        write: async (buf, offset, length, at) => void (await descriptor.write(fd, buf, offset, length, at)),
      },
      when,
    );
    size = (await descriptor.fstat(fd)).size;
    out.destroy();
    await closed;
    if (opts.overwrite) await fs.promises.rename(tmp, file);
    else {
      await fs.promises.link(tmp, file); // fails with EEXIST when the file is there
      await fs.promises.unlink(tmp);
    }
  } catch (e) {
    out.destroy();
    await closed.catch(() => undefined);
    await fs.promises.unlink(tmp).catch(() => undefined);
    throw e;
  } finally {
    release();
  }
  return size;
}
