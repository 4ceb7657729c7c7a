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
  const name = x.name;
  let out = '';
  for (let t = x.next(); ; t = x.next()) {
    if (t === START) {
      const local = x.local;
      if (local === 't') out += x.readText();
      else if (local === 'rPh' || local === 'phoneticPr' || local === 'rPr' || local === 'extLst') x.skip();
    } else if (t === END) {
      if (x.name === name) break;
    } else if (t === EOF) {
      throw new XmlSyntaxError(`<${name}> is not closed`, x.offset);
    }
  }
  return decodeXstring(out);
}

export function parseSharedStrings(xml: string): string[] {
  const x = new XmlScanner(xml);
  const out: string[] = [];
  for (let t = x.next(); t !== EOF; t = x.next()) {
    if (t === START && x.local === 'si') out.push(readStringItem(x));
  }
  return out;
}
