/**
 * Files the user chose in the pane (the add-in's or the file tool's): a browser holds a file whole in
 * memory, so its size is checked before a byte is read, against the reader's own limit. A file over
 * it is not read; it comes back with the reason, to be listed like any unreadable child.
 */
import { ReadReportError } from '../core/recognise';
import { viBytes } from '../io/xlsx-read/errors';
import { DEFAULT_XLSX_READ_LIMITS } from '../io/xlsx-read/limits';

/** A chosen file: its bytes, or why it was not read. */
export interface ChosenFile {
  name: string;
  bytes: Uint8Array;
  /** Vietnamese: why the file was not read (then `bytes` is empty). */
  refused?: string;
}

function tooBigMessage(f: File): string | undefined {
  const max = DEFAULT_XLSX_READ_LIMITS.maxFileBytes;
  return f.size > max
    ? `Không đọc tệp «${f.name}»: tệp có ${viBytes(f.size)}, lớn hơn giới hạn ${viBytes(max)} của một báo cáo.`
    : undefined;
}

/** The bytes of one chosen file; a ReadReportError naming the file when it is too big to read. */
export async function chosenFileBytes(f: File): Promise<Uint8Array> {
  const refused = tooBigMessage(f);
  if (refused) throw new ReadReportError('too-big', refused, f.name);
  return new Uint8Array(await f.arrayBuffer());
}

/** Many chosen files, each read only when its size allows (one too big does not stop the others). */
export function chosenFiles(files: readonly File[]): Promise<ChosenFile[]> {
  return Promise.all(
    files.map(async (f) => {
      const refused = tooBigMessage(f);
      return refused
        ? { name: f.name, bytes: new Uint8Array(0), refused }
        : { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
    }),
  );
}

/** What a file picker for received reports accepts: workbooks and Word reports with the appendix inside. */
export const RECEIVED_FILE_TYPES =
  '.xlsx,.docx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.openxmlformats-officedocument.wordprocessingml.document';
