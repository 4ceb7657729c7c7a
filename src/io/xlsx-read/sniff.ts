/**
 * Recognising what a received file is before treating it as a zip: empty, an old .xls,
 * a password-protected workbook (Excel wraps those in an OLE compound file holding
 * `EncryptionInfo` and `EncryptedPackage` streams), HTML/XML renamed to .xlsx, or a zip.
 */
import { fileLabel, XlsxReadError, type ReadContext } from './errors';

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(d: Uint8Array, sig: number[]): boolean {
  if (d.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (d[i] !== sig[i]) return false;
  return true;
}

/** UTF-16LE bytes of `name` followed by a NUL character, as in an OLE directory entry. */
function utf16z(name: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < name.length; i++) out.push(name.charCodeAt(i), 0);
  out.push(0, 0);
  return out;
}

const ENCRYPTION_STREAMS = [utf16z('EncryptionInfo'), utf16z('EncryptedPackage')];

/**
 * Whether an OLE compound file has an `EncryptionInfo` or `EncryptedPackage` directory
 * entry. Directory entries are 128 bytes, aligned on 128 within sectors of 512 or 4096
 * bytes, the name (UTF-16LE, NUL-terminated) first and its byte length at offset 64.
 * Checking only such aligned positions keeps cell text from being mistaken for an entry.
 */
export function oleHasEncryptionStreams(d: Uint8Array): boolean {
  for (let p = 512; p + 128 <= d.length; p += 128) {
    for (const name of ENCRYPTION_STREAMS) {
      if (d[p] !== name[0] || d[p + 64] !== name.length || d[p + 65] !== 0) continue;
      let k = 1;
      while (k < name.length && d[p + k] === name[k]) k++;
      if (k === name.length) return true;
    }
  }
  return false;
}

function looksLikeMarkup(d: Uint8Array): boolean {
  let i = d.length >= 3 && d[0] === 0xef && d[1] === 0xbb && d[2] === 0xbf ? 3 : 0;
  while (i < d.length && (d[i] === 0x20 || d[i] === 0x09 || d[i] === 0x0a || d[i] === 0x0d)) i++;
  return d[i] === 0x3c; // '<'
}

/** Throws the right XlsxReadError unless the bytes start like a zip. */
export function assertZipLike(d: Uint8Array, ctx: ReadContext): void {
  const where = { fileName: ctx.fileName };
  const file = fileLabel(ctx.fileName);
  if (d.length === 0) throw new XlsxReadError('empty-file', `${file} rỗng (0 byte), không có dữ liệu.`, where);
  if (startsWith(d, OLE_SIGNATURE)) {
    if (oleHasEncryptionStreams(d)) {
      throw new XlsxReadError(
        'encrypted',
        `${file} được đặt mật khẩu nên không đọc được; hãy mở bằng Excel, gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu), lưu lại rồi gửi lại.`,
        where,
      );
    }
    throw new XlsxReadError(
      'xls',
      `${file} có định dạng .xls cũ; hãy mở bằng Excel và lưu lại thành .xlsx (Sổ làm việc Excel).`,
      where,
    );
  }
  // PK\3\4 (a local header) or PK\5\6 (an empty zip).
  if (d.length >= 4 && d[0] === 0x50 && d[1] === 0x4b && ((d[2] === 3 && d[3] === 4) || (d[2] === 5 && d[3] === 6)))
    return;
  const hint = looksLikeMarkup(d)
    ? ' (nội dung là văn bản HTML/XML đổi đuôi; hãy mở bằng Excel và lưu lại thành .xlsx)'
    : '';
  throw new XlsxReadError('not-xlsx', `${file} không phải là sổ tính Excel .xlsx${hint}.`, where);
}
