/**
 * Writes a WorkbookPlan to a file in Node (`cchc consolidate`): the walk of xlsx-write.ts streamed
 * with ExcelJS's streaming writer (each row written out as it is committed: a breakdown of thousands
 * of units is never held whole in memory) into a temporary file, renamed into place.
 */
import fs from 'fs';
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
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
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

/** The file functions writeWorkbookFile uses on a descriptor (a stream on a FileHandle would not leave it open). */
const fd = {
  open: promisify(fs.open),
  close: promisify(fs.close),
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
  // Created here (never an existing file or link), read back to set the zip's times.
  const out = await fd.open(tmp, 'wx+');
  let open = true;
  try {
    const when = workbookTimestamp(plan, opts.timestamp);
    await streamWorkbook(plan, fs.createWriteStream(tmp, { fd: out, autoClose: false }), when);
    await setZipTimesInFile(
      {
        size: async () => (await fd.fstat(out)).size,
        read: async (buf, at) => void (await fd.read(out, buf, 0, buf.length, at)),
        write: async (buf, offset, length, at) => void (await fd.write(out, buf, offset, length, at)),
      },
      when,
    );
    const { size } = await fd.fstat(out);
    open = false;
    await fd.close(out);
    if (opts.overwrite) await fs.promises.rename(tmp, file);
    else {
      await fs.promises.link(tmp, file); // fails with EEXIST when the file is there
      await fs.promises.unlink(tmp);
    }
    return size;
  } catch (e) {
    if (open) await fd.close(out).catch(() => undefined);
    await fs.promises.unlink(tmp).catch(() => undefined);
    throw e;
  }
}
