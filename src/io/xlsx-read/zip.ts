/**
 * A bounded zip reader for .xlsx packages. It parses the central directory itself (so
 * that every declared size is known and checked before anything is inflated) and
 * inflates one entry at a time with fflate's streaming `Inflate`, fed in small chunks,
 * stopping as soon as the output passes the entry's declared size. A lying or huge entry
 * therefore costs at most one chunk's worth of inflation (≤ ~16 MB), not its full size.
 * CRC-32 is verified, so a damaged entry never yields silently wrong cell values.
 *
 * Works on a Uint8Array only (no Node Buffer, no fs): usable in a browser or web worker.
 */
import { Inflate, inflateSync } from 'fflate';
import { corrupt, tooBig, viBytes, viInt, XlsxReadError, fileLabel, type ReadContext } from './errors';
import type { XlsxReadLimits } from './limits';
import type { PartMemo } from './part-memo';

export interface ZipEntry {
  /** The name as stored, with `\` turned into `/` and no leading `/`. */
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  /** Declared uncompressed size. */
  size: number;
  localHeaderOffset: number;
}

/**
 * Compressed bytes fed to the streaming inflater per step. Deflate expands at most
 * ~1032:1, so this bounds the work and memory spent past a lying declared size (≤ ~17 MB).
 */
const INFLATE_CHUNK = 16 * 1024;

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;

function u16(d: Uint8Array, o: number): number {
  return d[o] | (d[o + 1] << 8);
}
function u32(d: Uint8Array, o: number): number {
  return (d[o] | (d[o + 1] << 8) | (d[o + 2] << 16)) + d[o + 3] * 0x1000000;
}
function u64(d: Uint8Array, o: number): number {
  return u32(d, o) + u32(d, o + 4) * 0x100000000;
}

/** Lower-cased lookup key: OPC part names are case-insensitive. */
export function partKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

/** CRC-32 (IEEE), slicing-by-8 tables. */
let crcTables: Int32Array | undefined;
function makeCrcTables(): Int32Array {
  const t = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n];
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff] ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
}

export function crc32(data: Uint8Array): number {
  const t = (crcTables ??= makeCrcTables());
  let c = -1;
  let i = 0;
  const n8 = data.length - 8;
  for (; i <= n8; i += 8) {
    const a = c ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
    const b = data[i + 4] | (data[i + 5] << 8) | (data[i + 6] << 16) | (data[i + 7] << 24);
    c =
      t[1792 + (a & 0xff)] ^
      t[1536 + ((a >>> 8) & 0xff)] ^
      t[1280 + ((a >>> 16) & 0xff)] ^
      t[1024 + (a >>> 24)] ^
      t[768 + (b & 0xff)] ^
      t[512 + ((b >>> 8) & 0xff)] ^
      t[256 + ((b >>> 16) & 0xff)] ^
      t[b >>> 24];
  }
  for (; i < data.length; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

/**
 * A platform's native codec, when the caller has one (Node's zlib): raw-deflate inflation that
 * stops once the output would pass `maxBytes` (returning 'too-big', so a bomb costs no more than
 * with fflate) and throws on damaged data; and CRC-32. Both are ~2× faster than their JavaScript
 * versions, which counts on a province's thousands of files.
 */
export interface NativeZip {
  inflateRaw(data: Uint8Array, maxBytes: number): Uint8Array | 'too-big';
  crc32(data: Uint8Array): number;
}

export class ZipReader {
  private readonly byKey = new Map<string, ZipEntry>();
  private inflatedTotal = 0;

  constructor(
    private readonly data: Uint8Array,
    private readonly limits: XlsxReadLimits,
    private readonly ctx: ReadContext,
    private readonly native?: NativeZip,
  ) {
    this.readCentralDirectory();
  }

  get entries(): IterableIterator<ZipEntry> {
    return this.byKey.values();
  }

  find(name: string): ZipEntry | undefined {
    return this.byKey.get(partKey(name));
  }

  /** The uncompressed bytes of an entry, or undefined when the package has no such entry. */
  read(name: string): Uint8Array | undefined {
    const e = this.find(name);
    return e ? this.readEntry(e) : undefined;
  }

  /**
   * derive(bytes of the entry), or the result remembered in `memo` for an entry stored in the same
   * bytes (checked and counted like read; `context`: whatever else derive depends on).
   */
  readDerived<T>(name: string, derive: (bytes: Uint8Array) => T, memo: PartMemo<T>, context = ''): T | undefined {
    const e = this.find(name);
    if (!e) return undefined;
    const src = this.storedBytes(e);
    const key = `${context}\u0001${e.method}:${e.crc}:${e.size}:${e.compressedSize}`;
    const known = memo.get(key, src);
    if (known !== undefined) {
      this.inflatedTotal += e.size;
      return known;
    }
    const value = derive(this.decompress(e, src));
    memo.set(key, src, value);
    return value;
  }

  private bad(detail: string, part?: string): XlsxReadError {
    return corrupt(this.ctx, detail, part ? { part } : {});
  }

  private readCentralDirectory(): void {
    const d = this.data;
    const notZip = (): XlsxReadError =>
      new XlsxReadError(
        'corrupt',
        `${fileLabel(this.ctx.fileName)} bị hỏng: không tìm thấy mục lục của tệp nén (zip), có thể tệp tải về chưa trọn vẹn.`,
        {
          fileName: this.ctx.fileName,
        },
      );
    // End of central directory: 22 bytes + a comment of up to 65,535 bytes.
    let eocd = -1;
    for (let p = d.length - 22, stop = Math.max(0, d.length - 22 - 65535); p >= stop; p--) {
      if (d[p] === 0x50 && u32(d, p) === SIG_EOCD) {
        eocd = p;
        break;
      }
    }
    if (eocd < 0) throw notZip();
    let count = u16(d, eocd + 10);
    let cdSize = u32(d, eocd + 12);
    let cdOffset = u32(d, eocd + 16);
    if (
      (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) &&
      eocd >= 20 &&
      u32(d, eocd - 20) === SIG_ZIP64_LOCATOR
    ) {
      const z = u64(d, eocd - 12);
      if (z + 56 > d.length || u32(d, z) !== SIG_ZIP64_EOCD) throw notZip();
      count = u64(d, z + 32);
      cdSize = u64(d, z + 40);
      cdOffset = u64(d, z + 48);
    }
    if (count > this.limits.maxEntries) {
      throw tooBig(this.ctx, `có ${viInt(count)} mục nén, nhiều hơn giới hạn ${viInt(this.limits.maxEntries)}`);
    }
    if (cdOffset + cdSize > d.length) throw notZip();

    let declaredTotal = 0;
    let p = cdOffset;
    for (let i = 0; i < count; i++) {
      if (p + 46 > d.length || u32(d, p) !== SIG_CENTRAL) throw this.bad('mục lục của tệp nén (zip) không hợp lệ');
      const flags = u16(d, p + 8);
      const method = u16(d, p + 10);
      const crc = u32(d, p + 16);
      let compressedSize = u32(d, p + 20);
      let size = u32(d, p + 24);
      const nameLen = u16(d, p + 28);
      const extraLen = u16(d, p + 30);
      const commentLen = u16(d, p + 32);
      let localHeaderOffset = u32(d, p + 42);
      const nameStart = p + 46;
      const extraStart = nameStart + nameLen;
      const next = extraStart + extraLen + commentLen;
      if (next > d.length) throw this.bad('mục lục của tệp nén (zip) không hợp lệ');
      const rawName = d.subarray(nameStart, extraStart);
      const name = (flags & 0x800 ? utf8 : latin1).decode(rawName).replace(/\\/g, '/').replace(/^\/+/, '');
      if (size === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
        // Zip64 extended information: the 8-byte values present are those whose 4-byte field is all ones.
        for (let x = extraStart; x + 4 <= extraStart + extraLen;) {
          const id = u16(d, x);
          const len = u16(d, x + 2);
          if (id === 0x0001) {
            let f = x + 4;
            if (size === 0xffffffff && f + 8 <= x + 4 + len) {
              size = u64(d, f);
              f += 8;
            }
            if (compressedSize === 0xffffffff && f + 8 <= x + 4 + len) {
              compressedSize = u64(d, f);
              f += 8;
            }
            if (localHeaderOffset === 0xffffffff && f + 8 <= x + 4 + len) localHeaderOffset = u64(d, f);
            break;
          }
          x += 4 + len;
        }
      }
      p = next;
      declaredTotal += size;
      if (declaredTotal > this.limits.maxTotalUncompressedBytes) {
        throw tooBig(
          this.ctx,
          `tổng dung lượng khi giải nén (khai báo) vượt ${viBytes(this.limits.maxTotalUncompressedBytes)}`,
        );
      }
      if (name.endsWith('/')) continue; // folder entry
      const key = partKey(name);
      if (this.byKey.has(key)) throw this.bad(`phần «${name}» xuất hiện hai lần trong tệp nén`, name);
      this.byKey.set(key, { name, method, flags, crc, compressedSize, size, localHeaderOffset });
    }
  }

  private readEntry(e: ZipEntry): Uint8Array {
    return this.decompress(e, this.storedBytes(e));
  }

  /** An entry's stored bytes, once its flags and declared sizes are checked against the limits. */
  private storedBytes(e: ZipEntry): Uint8Array {
    this.ctx.checkTime?.();
    const d = this.data;
    const part = e.name;
    if (e.flags & 1) {
      throw new XlsxReadError(
        'encrypted',
        `${fileLabel(this.ctx.fileName)} được đặt mật khẩu (phần «${part}» bị mã hóa); hãy gỡ mật khẩu, lưu lại rồi gửi lại.`,
        { fileName: this.ctx.fileName, part },
      );
    }
    if (e.size > this.limits.maxPartBytes) {
      throw tooBig(
        this.ctx,
        `phần «${part}» có ${viBytes(e.size)} khi giải nén, vượt giới hạn ${viBytes(this.limits.maxPartBytes)}`,
        { part },
      );
    }
    if (this.inflatedTotal + e.size > this.limits.maxTotalUncompressedBytes) {
      throw tooBig(this.ctx, `tổng dung lượng đã giải nén vượt ${viBytes(this.limits.maxTotalUncompressedBytes)}`, {
        part,
      });
    }
    const h = e.localHeaderOffset;
    if (h + 30 > d.length || u32(d, h) !== SIG_LOCAL)
      throw this.bad(`không tìm thấy phần «${part}» trong tệp nén`, part);
    const start = h + 30 + u16(d, h + 26) + u16(d, h + 28);
    const end = start + e.compressedSize;
    if (end > d.length) throw this.bad(`phần «${part}» bị cắt cụt (tệp tải về chưa trọn vẹn?)`, part);
    return d.subarray(start, end);
  }

  /** An entry's bytes from its stored bytes: inflated within its declared size, CRC-32 checked. */
  private decompress(e: ZipEntry, src: Uint8Array): Uint8Array {
    const part = e.name;
    let out: Uint8Array;
    if (e.method === 0) {
      if (e.compressedSize !== e.size) throw this.bad(`kích thước phần «${part}» không khớp`, part);
      out = src;
    } else if (e.method === 8) {
      out = this.inflateBounded(src, e);
    } else {
      throw this.bad(`phần «${part}» dùng phương thức nén ${e.method} không được hỗ trợ`, part);
    }
    this.inflatedTotal += out.length;
    if ((this.native ? this.native.crc32(out) >>> 0 : crc32(out)) !== e.crc)
      throw this.bad(`phần «${part}» sai mã kiểm tra CRC`, part);
    return out;
  }

  private inflateBounded(src: Uint8Array, e: ZipEntry): Uint8Array {
    const part = e.name;
    const overflowError = (): XlsxReadError =>
      this.bad(
        `phần «${part}» giải nén ra nhiều hơn kích thước khai báo (${viBytes(e.size)}); tệp có thể là «bom nén»`,
        part,
      );
    if (src.length === 0) {
      if (e.size !== 0) throw this.bad(`phần «${part}» rỗng`, part);
      return new Uint8Array(0);
    }
    if (this.native) {
      let out: Uint8Array | 'too-big';
      try {
        out = this.native.inflateRaw(src, e.size + 1);
      } catch {
        throw this.bad(`không giải nén được phần «${part}»`, part);
      }
      if (out === 'too-big' || out.length > e.size) throw overflowError();
      if (out.length !== e.size)
        throw this.bad(`phần «${part}» giải nén ra ${viInt(out.length)} byte thay vì ${viInt(e.size)} byte`, part);
      return out;
    }
    if (src.length <= INFLATE_CHUNK) {
      // Small input: one-shot inflate into a fixed buffer one byte longer than declared.
      // fflate never grows a caller's buffer (writes past its end are dropped), so memory
      // stays at the declared size and the work at most ~1032 × 16 KB; a full buffer means
      // the data inflates past its declared size.
      let out: Uint8Array;
      try {
        out = inflateSync(src, { out: new Uint8Array(e.size + 1) });
      } catch {
        throw this.bad(`không giải nén được phần «${part}»`, part);
      }
      if (out.length > e.size) throw overflowError();
      if (out.length !== e.size)
        throw this.bad(`phần «${part}» giải nén ra ${viInt(out.length)} byte thay vì ${viInt(e.size)} byte`, part);
      return out;
    }
    const out = new Uint8Array(e.size);
    let n = 0;
    let overflow = false;
    const inflater = new Inflate((chunk) => {
      if (n + chunk.length > out.length) {
        overflow = true;
        throw new RangeError('inflated past declared size');
      }
      out.set(chunk, n);
      n += chunk.length;
    });
    try {
      for (let i = 0; i < src.length; i += INFLATE_CHUNK) {
        const j = Math.min(src.length, i + INFLATE_CHUNK);
        inflater.push(src.subarray(i, j), j === src.length);
      }
    } catch {
      if (overflow) throw overflowError();
      throw this.bad(`không giải nén được phần «${part}»`, part);
    }
    if (n !== e.size) throw this.bad(`phần «${part}» giải nén ra ${viInt(n)} byte thay vì ${viInt(e.size)} byte`, part);
    return out;
  }
}
