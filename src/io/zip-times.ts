/**
 * Fixed times in a zip (an .xlsx): every entry's modification time, in its local header and in the
 * central directory, set to the workbook's time, so that the same inputs give the same bytes. No
 * Node API: on bytes (workbookBytes) or on a file through positioned reads and writes (the CLI's
 * streamed file, xlsx-write-file.ts).
 */

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;

/** `when` as a zip entry's DOS time and date (its UTC fields). */
function dosStamp(when: Date): { time: number; date: number } {
  const year = Math.min(Math.max(when.getUTCFullYear(), 1980), 2107);
  return {
    time: (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | (when.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((when.getUTCMonth() + 1) << 5) | when.getUTCDate(),
  };
}

/** Where the end-of-central-directory record is in `tail` (the last bytes of a zip); -1 when absent. */
function findEnd(tail: DataView): number {
  for (let p = tail.byteLength - 22; p >= Math.max(0, tail.byteLength - 22 - 65535); p--)
    if (tail.getUint32(p, true) === SIG_END) return p;
  return -1;
}

/** Stamps each of the `count` entries of a central directory (`cd`); returns where their local headers are. */
function stampCentralDirectory(cd: DataView, count: number, stamp: { time: number; date: number }): number[] {
  const locals: number[] = [];
  let p = 0;
  for (let k = 0; k < count; k++) {
    if (cd.getUint32(p, true) !== SIG_CENTRAL) throw new Error('Mục lục zip của tệp .xlsx vừa tạo bị hỏng');
    cd.setUint16(p + 12, stamp.time, true);
    cd.setUint16(p + 14, stamp.date, true);
    locals.push(cd.getUint32(p + 42, true));
    p += 46 + cd.getUint16(p + 28, true) + cd.getUint16(p + 30, true) + cd.getUint16(p + 32, true);
  }
  return locals;
}

const NO_DIRECTORY = 'Tệp .xlsx vừa tạo không có mục lục zip';

/** Sets every entry's modification time in a zip (local headers and central directory) in place. */
export function setZipTimes(zip: Uint8Array, when: Date): void {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = findEnd(v);
  if (end < 0) throw new Error(NO_DIRECTORY);
  const stamp = dosStamp(when);
  const at = v.getUint32(end + 16, true);
  const cd = new DataView(zip.buffer, zip.byteOffset + at, zip.byteLength - at);
  for (const local of stampCentralDirectory(cd, v.getUint16(end + 10, true), stamp))
    if (v.getUint32(local, true) === SIG_LOCAL) {
      v.setUint16(local + 10, stamp.time, true);
      v.setUint16(local + 12, stamp.date, true);
    }
}

/** Positioned reads and writes on an open file. */
export interface PositionedFile {
  size(): Promise<number>;
  read(buf: Uint8Array, at: number): Promise<void>;
  write(buf: Uint8Array, offset: number, length: number, at: number): Promise<void>;
}

/** setZipTimes on a zip in a file, in place: only its directory and local headers are read and written. */
export async function setZipTimesInFile(file: PositionedFile, when: Date): Promise<void> {
  const size = await file.size();
  const tail = new Uint8Array(Math.min(size, 22 + 65535));
  await file.read(tail, size - tail.length);
  const v = new DataView(tail.buffer);
  const end = findEnd(v);
  if (end < 0) throw new Error(NO_DIRECTORY);
  const stamp = dosStamp(when);
  const at = v.getUint32(end + 16, true);
  const cd = new Uint8Array(v.getUint32(end + 12, true));
  await file.read(cd, at);
  const locals = stampCentralDirectory(new DataView(cd.buffer), v.getUint16(end + 10, true), stamp);
  await file.write(cd, 0, cd.length, at);
  const header = new Uint8Array(14);
  const h = new DataView(header.buffer);
  for (const local of locals) {
    await file.read(header, local);
    if (h.getUint32(0, true) !== SIG_LOCAL) continue;
    h.setUint16(10, stamp.time, true);
    h.setUint16(12, stamp.date, true);
    await file.write(header, 10, 4, local + 10);
  }
}
