/**
 * Shared strings (`xl/sharedStrings.xml`) and inline strings (`<is>` in a cell): plain
 * `<t>` or rich-text runs `<r><t>`, concatenated; phonetic runs `<rPh>` are not part of
 * the text. Whitespace is kept as stored (with or without `xml:space="preserve"`).
 */
import { decodeXstring, END, EOF, START, XmlScanner, XmlSyntaxError } from './xml';

/**
 * After the START of an `<si>` or `<is>` element: its text, up to and including the
 * element's end tag.
 */
export function readStringItem(x: XmlScanner): string {
  if (x.selfClosing) return '';
  // Token kinds as locals: module-level imports may compile to property getters.
  const TOK_START = START;
  const TOK_END = END;
  const TOK_EOF = EOF;
  const name = x.name;
  let out = '';
  for (let t = x.next(); ; t = x.next()) {
    if (t === TOK_START) {
      const local = x.local;
      if (local === 't') out += x.readText();
      else if (local === 'rPh' || local === 'phoneticPr' || local === 'rPr' || local === 'extLst') x.skip();
    } else if (t === TOK_END) {
      if (x.name === name) break;
    } else if (t === TOK_EOF) {
      throw new XmlSyntaxError(`<${name}> is not closed`, x.offset);
    }
  }
  return decodeXstring(out);
}

export function parseSharedStrings(xml: string): string[] {
  const x = new XmlScanner(xml);
  const out: string[] = [];
  const TOK_START = START;
  const TOK_EOF = EOF;
  for (let t = x.next(); t !== TOK_EOF; t = x.next()) {
    if (t === TOK_START && x.local === 'si') out.push(readStringItem(x));
  }
  return out;
}
