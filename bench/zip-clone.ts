/**
 * Cloning received workbooks for the benchmarks: a zip's entries read and written back with the
 * untouched entries' compressed bytes kept, the unit name patched in the shared strings (the title
 * line and the metadata sheet hold it), and a cchc workbook stripped of its names and metadata sheet
 * (as if retyped by hand).
 */
import zlib from 'zlib';
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

/** The unit name every base workbook carries, replaced in each clone (same length, so nothing else moves). */
export const PLACEHOLDER = 'UBND xã Mẫu 000000';
export const unitName = (i: number) => `UBND xã Mẫu ${String(i + 1).padStart(6, '0')}`;

export interface ZipEntryRaw {
  name: string;
  nameBytes: Uint8Array;
  method: number;
  time: number;
  date: number;
  crc: number;
  size: number;
  data: Uint8Array;
}

export function readZipEntries(zip: Uint8Array): ZipEntryRaw[] {
  const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && dv.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  const out: ZipEntryRaw[] = [];
  for (let k = 0; k < count; k++) {
    const method = dv.getUint16(p + 10, true);
    const csize = dv.getUint32(p + 20, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const local = dv.getUint32(p + 42, true);
    const nameBytes = zip.subarray(p + 46, p + 46 + nameLen);
    const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
    out.push({
      name: strFromU8(nameBytes),
      nameBytes,
      method,
      time: dv.getUint16(p + 12, true),
      date: dv.getUint16(p + 14, true),
      crc: dv.getUint32(p + 16, true),
      size: dv.getUint32(p + 24, true),
      data: zip.subarray(start, start + csize),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

export function entryText(e: ZipEntryRaw): string {
  return strFromU8(e.method === 0 ? e.data : inflateSync(e.data, { out: new Uint8Array(e.size) }));
}

export function withText(e: ZipEntryRaw, text: string): ZipEntryRaw {
  const raw = strToU8(text);
  return { ...e, method: 8, crc: zlib.crc32(raw), size: raw.length, data: deflateSync(raw, { level: 6 }) };
}

/** A zip from entries (no data descriptors; the untouched entries keep their compressed bytes). */
export function writeZip(entries: ZipEntryRaw[]): Uint8Array {
  const total = entries.reduce((n, e) => n + 30 + e.nameBytes.length + e.data.length + 46 + e.nameBytes.length, 22);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  let p = 0;
  const offsets: number[] = [];
  for (const e of entries) {
    offsets.push(p);
    dv.setUint32(p, 0x04034b50, true);
    dv.setUint16(p + 4, 20, true);
    dv.setUint16(p + 6, 0x800, true);
    dv.setUint16(p + 8, e.method, true);
    dv.setUint16(p + 10, e.time, true);
    dv.setUint16(p + 12, e.date, true);
    dv.setUint32(p + 14, e.crc, true);
    dv.setUint32(p + 18, e.data.length, true);
    dv.setUint32(p + 22, e.size, true);
    dv.setUint16(p + 26, e.nameBytes.length, true);
    dv.setUint16(p + 28, 0, true);
    out.set(e.nameBytes, p + 30);
    out.set(e.data, p + 30 + e.nameBytes.length);
    p += 30 + e.nameBytes.length + e.data.length;
  }
  const cd = p;
  entries.forEach((e, k) => {
    dv.setUint32(p, 0x02014b50, true);
    dv.setUint16(p + 4, 20, true);
    dv.setUint16(p + 6, 20, true);
    dv.setUint16(p + 8, 0x800, true);
    dv.setUint16(p + 10, e.method, true);
    dv.setUint16(p + 12, e.time, true);
    dv.setUint16(p + 14, e.date, true);
    dv.setUint32(p + 16, e.crc, true);
    dv.setUint32(p + 20, e.data.length, true);
    dv.setUint32(p + 24, e.size, true);
    dv.setUint16(p + 28, e.nameBytes.length, true);
    dv.setUint32(p + 42, offsets[k], true);
    out.set(e.nameBytes, p + 46);
    p += 46 + e.nameBytes.length;
  });
  dv.setUint32(p, 0x06054b50, true);
  dv.setUint16(p + 8, entries.length, true);
  dv.setUint16(p + 10, entries.length, true);
  dv.setUint32(p + 12, p - cd, true);
  dv.setUint32(p + 16, cd, true);
  return out;
}

/** A base workbook prepared for cloning: its entries, and the shared strings to patch. */
export interface Base {
  entries: ZipEntryRaw[];
  sst: number;
  sstText: string;
  hand: boolean;
}

export function prepareBase(bytes: Uint8Array, hand: boolean, unitInFile = PLACEHOLDER): Base {
  const entries = readZipEntries(bytes);
  const sst = entries.findIndex((e) => e.name === 'xl/sharedStrings.xml');
  const sstText = entryText(entries[sst]).split(unitInFile).join(PLACEHOLDER);
  if (!sstText.includes(PLACEHOLDER)) throw new Error('the unit name is not in the shared strings');
  return { entries, sst, sstText, hand };
}

export function cloneBase(b: Base, unit: string): Uint8Array {
  const entries = [...b.entries];
  entries[b.sst] = withText(entries[b.sst], b.sstText.split(PLACEHOLDER).join(unit));
  return writeZip(entries);
}

/** The same workbook without its cchc defined names and metadata sheet, as if retyped by hand. */
export function stripCchc(bytes: Uint8Array): Uint8Array {
  let entries = readZipEntries(bytes);
  const text = (name: string) => entryText(entries.find((e) => e.name === name)!);
  const set = (name: string, t: string) => (entries = entries.map((e) => (e.name === name ? withText(e, t) : e)));
  const wb = text('xl/workbook.xml');
  const meta = /<sheet [^>]*name="_cchc"[^>]*\/>/.exec(wb)![0];
  const relId = /r:id="([^"]+)"/.exec(meta)![1];
  set('xl/workbook.xml', wb.replace(meta, '').replace(/<definedNames>[\s\S]*?<\/definedNames>/, ''));
  const rels = text('xl/_rels/workbook.xml.rels');
  const rel = new RegExp(`<Relationship [^>]*Id="${relId}"[^>]*/>`).exec(rels)![0];
  const part = `xl/${/Target="([^"]+)"/.exec(rel)![1].replace(/^\/?xl\//, '')}`;
  set('xl/_rels/workbook.xml.rels', rels.replace(rel, ''));
  set(
    '[Content_Types].xml',
    text('[Content_Types].xml').replace(new RegExp(`<Override PartName="/${part}"[^>]*/>`), ''),
  );
  return writeZip(entries.filter((e) => e.name !== part));
}
