/**
 * The OPC package around the workbook: relationships (`*.rels`), `[Content_Types].xml`,
 * and resolving relationship targets to zip part names. No file name is assumed: the
 * workbook part is found from the package relationships, then the content types.
 */
import { EOF, START, XmlScanner } from './xml';

export interface Relationship {
  id: string;
  /** The type URI's last segment: `worksheet`, `sharedStrings`, `styles`, `officeDocument` … */
  type: string;
  /** Zip part name the target resolves to (no leading `/`); undefined for external targets. */
  part?: string;
}

/** Last path segment of a relationship type URI (transitional and strict OOXML alike). */
function typeName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

/** The folder of a part, with a trailing `/` (or '' at the root). */
export function partFolder(part: string): string {
  const slash = part.lastIndexOf('/');
  return slash < 0 ? '' : part.slice(0, slash + 1);
}

/** `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export function relsPartFor(part: string): string {
  const folder = partFolder(part);
  return `${folder}_rels/${part.slice(folder.length)}.rels`;
}

/** Resolves a relationship target (relative to `baseFolder`, or absolute from the root). */
export function resolveTarget(baseFolder: string, target: string): string {
  let t = target.replace(/\\/g, '/');
  const hash = t.indexOf('#');
  if (hash >= 0) t = t.slice(0, hash);
  if (t.includes('%')) {
    try {
      t = decodeURIComponent(t);
    } catch {
      /* keep as written */
    }
  }
  const segments = (t.startsWith('/') ? t.slice(1) : baseFolder + t).split('/');
  const out: string[] = [];
  for (const seg of segments) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

export function parseRelationships(xml: string, baseFolder: string): Relationship[] {
  const x = new XmlScanner(xml);
  const rels: Relationship[] = [];
  for (let t = x.next(); t !== EOF; t = x.next()) {
    if (t !== START || x.local !== 'Relationship') continue;
    const id = x.attr('Id') ?? '';
    const type = typeName(x.attr('Type') ?? '');
    const target = x.attr('Target') ?? '';
    const external = (x.attr('TargetMode') ?? '').toLowerCase() === 'external';
    rels.push({ id, type, part: external || !target ? undefined : resolveTarget(baseFolder, target) });
  }
  return rels;
}

const WORKBOOK_CONTENT_TYPE =
  /^application\/vnd\.(ms-excel\.(sheet|template)\.macroEnabled\.main|openxmlformats-officedocument\.spreadsheetml\.(sheet|template)\.main)\+xml$/i;

/** The part `[Content_Types].xml` declares as the SpreadsheetML workbook, if any. */
export function workbookFromContentTypes(xml: string): string | undefined {
  const x = new XmlScanner(xml);
  for (let t = x.next(); t !== EOF; t = x.next()) {
    if (t === START && x.local === 'Override' && WORKBOOK_CONTENT_TYPE.test(x.attr('ContentType') ?? '')) {
      return resolveTarget('', x.attr('PartName') ?? '');
    }
  }
  return undefined;
}
