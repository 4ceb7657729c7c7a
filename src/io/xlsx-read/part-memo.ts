/**
 * Parts read once per blank. Workbooks typed from the same blank carry the same package parts
 * (the relationships, the workbook part with its sheet list and names, the styles) byte for byte;
 * only the sheets and the shared strings differ. Inflating and parsing a part is a pure function of
 * its stored bytes, so a part whose stored bytes equal those of a part read before gives the same
 * result without being inflated or parsed again: about a tenth of reading such a workbook.
 *
 * Entries are found by what the zip directory says of a part (method, CRC-32, sizes) and then
 * compared byte for byte, so a crafted CRC collision only costs the comparison. A remembered result
 * is shared between workbooks: the parsers' results are read-only.
 */

/** Results remembered per kind of part (a run sees a handful of blanks). */
const MAX_ENTRIES = 8;
/** Parts stored in more bytes than this are read each time (a package part of a blank is ~1 KB). */
const MAX_MEMO_STORED_BYTES = 16_384;

interface Entry<T> {
  stored: Uint8Array;
  value: T;
}

export class PartMemo<T> {
  private readonly entries = new Map<string, Entry<T>>();

  /** The result for these stored bytes, under this key (what the directory says of the part). */
  get(key: string, stored: Uint8Array): T | undefined {
    const e = this.entries.get(key);
    if (!e || !sameBytes(e.stored, stored)) return undefined;
    return e.value;
  }

  /** Remembers a result; the stored bytes are copied (they are a view into a whole file). */
  set(key: string, stored: Uint8Array, value: T): void {
    if (stored.length > MAX_MEMO_STORED_BYTES) return;
    if (this.entries.size >= MAX_ENTRIES && !this.entries.has(key)) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, { stored: stored.slice(), value });
  }

  clear(): void {
    this.entries.clear();
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
