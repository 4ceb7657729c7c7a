/**
 * Templates kept in the workbook itself, so the file carries them: one custom XML part per
 * template (namespace TEMPLATE_NAMESPACE), its JSON as the root element's text. Custom XML parts
 * (ExcelApi 1.5) are invisible to the user, survive saving as .xlsx and copying the file, and leave
 * the sheets alone. Also: the active sheet read as a grid, to learn a template from it.
 */
import type { Grid } from '../core/recognise/grid';
import { parseRect, splitSheetAddress, type Rect, rectAddress, intersectRects } from './a1';
import { gridFromBlocks } from './grid';
import { RECOGNITION_COLS, RECOGNITION_ROWS } from './read';
import { hostFeatures } from './requirements';

export const TEMPLATE_NAMESPACE = 'urn:cchc:template:1';

export interface StoredTemplate {
  /** The template's id (from its JSON). */
  id: string;
  /** The template as stored (validate with loadTemplate before use). */
  def: unknown;
  /** The custom XML part holding it. */
  partId: string;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');

/** The XML of a custom part holding a template. */
export function templateXml(def: { id: string }): string {
  const id = escapeXml(def.id).replace(/"/g, '&quot;');
  return `<?xml version="1.0" encoding="UTF-8"?><cchcTemplate xmlns="${TEMPLATE_NAMESPACE}" id="${id}">${escapeXml(JSON.stringify(def))}</cchcTemplate>`;
}

/** The template JSON of a part's XML; undefined when the part is not one of ours or is damaged. */
export function templateFromXml(xml: string): { id: string; def: unknown } | undefined {
  const m = /<cchcTemplate\b[^>]*>([\s\S]*)<\/cchcTemplate>/.exec(xml);
  if (!m) return undefined;
  try {
    const def = JSON.parse(unescapeXml(m[1])) as { id?: unknown };
    return typeof def.id === 'string' ? { id: def.id, def } : undefined;
  } catch {
    return undefined;
  }
}

async function loadParts(ctx: Excel.RequestContext): Promise<{ part: Excel.CustomXmlPart; xml: string }[]> {
  const parts = ctx.workbook.customXmlParts.getByNamespace(TEMPLATE_NAMESPACE).load('items/id');
  await ctx.sync();
  const xmls = parts.items.map((p) => p.getXml());
  await ctx.sync();
  return parts.items.map((part, i) => ({ part, xml: xmls[i].value }));
}

/** The templates kept in the open workbook (2 requests). Damaged parts are skipped. */
export async function readStoredTemplates(): Promise<StoredTemplate[]> {
  return Excel.run(async (ctx) => {
    const out: StoredTemplate[] = [];
    for (const { part, xml } of await loadParts(ctx)) {
      const t = templateFromXml(xml);
      if (t) out.push({ ...t, partId: part.id });
    }
    return out;
  });
}

/** Keeps a template in the open workbook, replacing the one with the same id (3 requests). */
export async function storeTemplate(def: { id: string }): Promise<void> {
  await Excel.run(async (ctx) => {
    const same = (await loadParts(ctx)).filter(({ xml }) => templateFromXml(xml)?.id === def.id);
    const xml = templateXml(def);
    if (same.length) {
      same[0].part.setXml(xml);
      for (const s of same.slice(1)) s.part.delete();
    } else ctx.workbook.customXmlParts.add(xml);
    await ctx.sync();
  });
}

/** Removes a template kept in the open workbook. */
export async function removeStoredTemplate(id: string): Promise<void> {
  await Excel.run(async (ctx) => {
    for (const { part, xml } of await loadParts(ctx)) if (templateFromXml(xml)?.id === id) part.delete();
    await ctx.sync();
  });
}

/** The active sheet as a grid (values, number formats, merged cells), for learning a form from it (2 requests). */
export async function readActiveSheetGrid(): Promise<Grid> {
  const features = hostFeatures();
  return Excel.run(async (ctx) => {
    const wb = ctx.workbook;
    wb.load('name');
    const ws = wb.worksheets.getActiveWorksheet().load('name,visibility');
    const used = ws.getUsedRangeOrNullObject(true).load('address');
    await ctx.sync();
    const block = { name: ws.name, visibility: 'Visible' };
    if (used.isNullObject) return gridFromBlocks(wb.name, [block], []);
    const rect: Rect | undefined = parseRect(splitSheetAddress(used.address).address);
    const clipped = rect && intersectRects(rect, { r0: 1, c0: 1, r1: RECOGNITION_ROWS, c1: RECOGNITION_COLS });
    if (!clipped) return gridFromBlocks(wb.name, [block], []);
    const range = ws.getRange(rectAddress(clipped)).load('address,values,numberFormat,valueTypes');
    const merged = features.mergedAreas ? range.getMergedAreasOrNullObject().load('address') : undefined;
    await ctx.sync();
    return gridFromBlocks(
      wb.name,
      [
        {
          ...block,
          address: range.address,
          values: range.values,
          numberFormat: range.numberFormat,
          valueTypes: range.valueTypes as unknown as string[][],
          ...(merged && !merged.isNullObject ? { merges: merged.address } : {}),
        },
      ],
      [],
    );
  });
}
