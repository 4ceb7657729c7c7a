/**
 * A small pull scanner for the XML of SpreadsheetML parts. It is not a validating
 * parser: it walks tags with indexOf and char codes in one linear pass (no regular
 * expression that can backtrack, no DOM, no DOMParser — absent in web workers), knows
 * comments, processing instructions, CDATA and a DOCTYPE (skipped, its entities never
 * expanded), and gives element names with and without their namespace prefix
 * (`x:c` → `c`), so files written with prefixes (Open XML SDK) read like Excel's own.
 */

export const EOF = 0;
export const START = 1;
export const END = 2;
export const TEXT = 3;
export type XmlToken = typeof EOF | typeof START | typeof END | typeof TEXT;

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,8})|(amp|lt|gt|quot|apos));/g;

function codePointText(cp: number): string {
  return cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0 ? '\uFFFD' : String.fromCodePoint(cp);
}

/** Decodes the five XML entities and numeric character references; leaves anything else as is. */
export function decodeEntities(s: string): string {
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  // The common case, `&apos;` in every defined name and `&quot;` in formulas: plain slices, no
  // regular expression (a province reads thousands of workbooks with ~200 names each).
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = s.indexOf(';', amp + 2);
    const len = semi - amp;
    let decoded: string | undefined;
    if (semi > 0 && len <= 5) {
      const name = s.slice(amp + 1, semi);
      if (name === 'amp' || name === 'lt' || name === 'gt' || name === 'quot' || name === 'apos')
        decoded = NAMED_ENTITIES[name];
    }
    if (decoded === undefined) return out + s.slice(from).replace(ENTITY, replaceEntity);
    out += s.slice(from, amp) + decoded;
    from = semi + 1;
    amp = s.indexOf('&', from);
  }
  return out + s.slice(from);
}

function replaceEntity(m: string, dec?: string, hex?: string, named?: string): string {
  if (named) return NAMED_ENTITIES[named];
  return codePointText(dec !== undefined ? Number(dec) : parseInt(hex as string, 16));
}

const XSTRING_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/**
 * SpreadsheetML's ST_Xstring escapes: Excel writes characters XML cannot hold (control
 * characters, a lone CR) as `_xHHHH_`, and a literal `_x` as `_x005F_x`.
 */
export function decodeXstring(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(XSTRING_ESCAPE, (m: string, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * Called every few thousand tokens by every scanner while set: the reader's time budget (see
 * withScanBudget). Reading is synchronous, so one module-level hook cannot mix two files.
 */
let scanHook: (() => void) | undefined;
const TOKENS_PER_CHECK = 8192;

/** Runs `fn` with `check` called every few thousand XML tokens (it throws to stop reading). */
export function withScanBudget<T>(check: (() => void) | undefined, fn: () => T): T {
  const outer = scanHook;
  scanHook = check;
  try {
    return fn();
  } finally {
    scanHook = outer;
  }
}

export class XmlScanner {
  private pos: number;
  private tokens = 0;
  /** Qualified name of the current START or END tag (`x:c`). */
  name = '';
  /** Local name of the current START or END tag (`c`). */
  local = '';
  /** Whether the current START tag is self-closing (`<c r="A1"/>`). */
  selfClosing = false;

  private attrsFrom = 0;
  private attrsTo = 0;
  private attrsParsed = false;
  /** Per attribute of the current tag: name start, name end, value start, value end. */
  private attrSpans: number[] = [];
  private attrCount = 0;

  private textFrom = 0;
  private textTo = 0;
  private textIsCdata = false;

  constructor(readonly src: string) {
    this.pos = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  private fail(message: string, at: number): never {
    throw new XmlSyntaxError(message, at);
  }

  next(): XmlToken {
    if (++this.tokens === TOKENS_PER_CHECK) {
      this.tokens = 0;
      scanHook?.();
    }
    const s = this.src;
    const len = s.length;
    for (;;) {
      const p = this.pos;
      if (p >= len) return EOF;
      if (s.charCodeAt(p) !== 60 /* < */) {
        let q = s.indexOf('<', p);
        if (q < 0) q = len;
        this.textFrom = p;
        this.textTo = q;
        this.textIsCdata = false;
        this.pos = q;
        return TEXT;
      }
      const c1 = s.charCodeAt(p + 1);
      if (c1 === 47 /* / */) {
        const q = s.indexOf('>', p + 2);
        if (q < 0) this.fail('unterminated end tag', p);
        let e = q;
        while (e > p + 2 && isSpace(s.charCodeAt(e - 1))) e--;
        this.setName(s.slice(p + 2, e));
        this.pos = q + 1;
        return END;
      }
      if (c1 === 63 /* ? */) {
        const q = s.indexOf('?>', p + 2);
        if (q < 0) this.fail('unterminated processing instruction', p);
        this.pos = q + 2;
        continue;
      }
      if (c1 === 33 /* ! */) {
        if (s.startsWith('<!--', p)) {
          const q = s.indexOf('-->', p + 4);
          if (q < 0) this.fail('unterminated comment', p);
          this.pos = q + 3;
          continue;
        }
        if (s.startsWith('<![CDATA[', p)) {
          const q = s.indexOf(']]>', p + 9);
          if (q < 0) this.fail('unterminated CDATA section', p);
          this.textFrom = p + 9;
          this.textTo = q;
          this.textIsCdata = true;
          this.pos = q + 3;
          return TEXT;
        }
        this.pos = this.skipDeclaration(p);
        continue;
      }
      // Start tag: the name, then attributes up to '>' (quotes may hold '>' and '/').
      let q = p + 1;
      while (q < len) {
        const c = s.charCodeAt(q);
        if (c === 62 || c === 47 || isSpace(c)) break;
        q++;
      }
      if (q === p + 1) this.fail('malformed tag', p);
      this.setName(s.slice(p + 1, q));
      const attrsFrom = q;
      while (q < len) {
        const c = s.charCodeAt(q);
        if (c === 62) break;
        if (c === 34 || c === 39) {
          const e = s.indexOf(c === 34 ? '"' : "'", q + 1);
          if (e < 0) this.fail('unterminated attribute value', q);
          q = e + 1;
        } else if (c === 60) {
          this.fail('"<" inside a tag', q);
        } else q++;
      }
      if (q >= len) this.fail('unterminated start tag', p);
      this.selfClosing = s.charCodeAt(q - 1) === 47 && q - 1 >= attrsFrom;
      this.attrsFrom = attrsFrom;
      this.attrsTo = this.selfClosing ? q - 1 : q;
      this.attrsParsed = false;
      this.pos = q + 1;
      return START;
    }
  }

  /** `<!DOCTYPE …>` possibly with an internal subset `[ … ]`: skipped, never interpreted. */
  private skipDeclaration(p: number): number {
    const s = this.src;
    let depth = 0;
    for (let q = p + 2; q < s.length; q++) {
      const c = s.charCodeAt(q);
      if (c === 34 || c === 39) {
        const e = s.indexOf(c === 34 ? '"' : "'", q + 1);
        if (e < 0) break;
        q = e;
      } else if (c === 91) depth++;
      else if (c === 93) depth--;
      else if (c === 62 && depth <= 0) return q + 1;
    }
    return this.fail('unterminated declaration', p);
  }

  private setName(name: string): void {
    this.name = name;
    const colon = name.indexOf(':');
    this.local = colon < 0 ? name : name.slice(colon + 1);
  }

  /** Finds the attributes' spans (no strings are made until a value is asked for). */
  private parseAttrs(): void {
    this.attrsParsed = true;
    const s = this.src;
    const end = this.attrsTo;
    const spans = this.attrSpans;
    let n = 0;
    let i = this.attrsFrom;
    while (i < end) {
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      if (i >= end) break;
      const nameFrom = i;
      while (i < end) {
        const c = s.charCodeAt(i);
        if (c === 61 /* = */ || isSpace(c)) break;
        i++;
      }
      const nameTo = i;
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      if (s.charCodeAt(i) !== 61) continue; // a name without a value: not XML, ignored
      i++;
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      const quote = s.charCodeAt(i);
      let valueFrom: number;
      let valueTo: number;
      if (quote === 34 || quote === 39) {
        valueFrom = i + 1;
        valueTo = s.indexOf(quote === 34 ? '"' : "'", valueFrom);
        i = valueTo + 1;
      } else {
        valueFrom = i;
        while (i < end && !isSpace(s.charCodeAt(i))) i++;
        valueTo = i;
      }
      spans[n * 4] = nameFrom;
      spans[n * 4 + 1] = nameTo;
      spans[n * 4 + 2] = valueFrom;
      spans[n * 4 + 3] = valueTo;
      n++;
    }
    this.attrCount = n;
  }

  private attrValue(k: number): string {
    const from = this.attrSpans[k * 4 + 2];
    const to = this.attrSpans[k * 4 + 3];
    let value = this.src.slice(from, to);
    // Attribute-value normalisation: literal tabs and line breaks read as spaces.
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c === 9 || c === 10 || c === 13) {
        value = value.replace(/\r\n|[\t\n\r]/g, ' ');
        break;
      }
    }
    return decodeEntities(value);
  }

  /** Value of the unprefixed attribute `name` of the current START tag. */
  attr(name: string): string | undefined {
    if (!this.attrsParsed) this.parseAttrs();
    const s = this.src;
    const spans = this.attrSpans;
    const first = name.charCodeAt(0);
    for (let k = 0; k < this.attrCount; k++) {
      const from = spans[k * 4];
      if (s.charCodeAt(from) === first && spans[k * 4 + 1] - from === name.length && s.startsWith(name, from))
        return this.attrValue(k);
    }
    return undefined;
  }

  /** Value of the first attribute with a namespace prefix and local name `local` (`r:id`), xmlns excluded. */
  prefixedAttr(local: string): string | undefined {
    if (!this.attrsParsed) this.parseAttrs();
    const s = this.src;
    const spans = this.attrSpans;
    for (let k = 0; k < this.attrCount; k++) {
      const from = spans[k * 4];
      const to = spans[k * 4 + 1];
      const localFrom = to - local.length;
      if (
        localFrom - 1 > from &&
        s.charCodeAt(localFrom - 1) === 58 /* : */ &&
        s.startsWith(local, localFrom) &&
        !s.startsWith('xmlns', from)
      ) {
        return this.attrValue(k);
      }
    }
    return undefined;
  }

  /** The current TEXT token, entities decoded (CDATA as is). */
  text(): string {
    const raw = this.src.slice(this.textFrom, this.textTo);
    return this.textIsCdata ? raw : decodeEntities(raw);
  }

  /**
   * After a START token: the text of the element up to its end tag, child tags ignored.
   * Returns '' for a self-closing element.
   */
  readText(): string {
    if (this.selfClosing) return '';
    const name = this.name;
    // Fast path: plain text followed directly by this element's end tag (`<v>58</v>`).
    const src = this.src;
    const from = this.pos;
    const lt = src.indexOf('<', from);
    if (
      lt >= 0 &&
      src.charCodeAt(lt + 1) === 47 /* / */ &&
      src.startsWith(name, lt + 2) &&
      src.charCodeAt(lt + 2 + name.length) === 62 /* > */
    ) {
      this.pos = lt + 3 + name.length; // name and local stay those of this element
      return decodeEntities(src.slice(from, lt));
    }
    let out = '';
    let depth = 0;
    for (;;) {
      const t = this.next();
      if (t === TEXT) out += this.text();
      else if (t === START) {
        if (!this.selfClosing) depth++;
      } else if (t === END) {
        if (depth === 0) {
          if (this.name !== name) this.fail(`</${this.name}> closes <${name}>`, this.pos);
          return out;
        }
        depth--;
      } else this.fail(`<${name}> is not closed`, this.pos);
    }
  }

  /** After a START token: moves past the element's end tag without looking inside. */
  skip(): void {
    if (this.selfClosing) return;
    const name = this.name;
    let depth = 0;
    for (;;) {
      const t = this.next();
      if (t === START) {
        if (!this.selfClosing) depth++;
      } else if (t === END) {
        if (depth === 0) {
          if (this.name !== name) this.fail(`</${this.name}> closes <${name}>`, this.pos);
          return;
        }
        depth--;
      } else if (t === EOF) this.fail(`<${name}> is not closed`, this.pos);
    }
  }

  get offset(): number {
    return this.pos;
  }
}

/** Decodes an XML part to a string: UTF-8, or UTF-16 when it starts with a byte-order mark. */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes.length >= 2) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  }
  return utf8Decoder.decode(bytes);
}

const utf8Decoder = new TextDecoder('utf-8');
