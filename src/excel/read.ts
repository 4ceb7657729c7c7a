/**
 * Reads the open workbook as a report: through its cchc metadata (CCHC_* names and the `_cchc` sheet)
 * when it has some, otherwise by recognising the tables on its used ranges — the same recogniser
 * that reads received .xlsx files. Reading never writes.
 *
 * Syncs: 2 through the metadata (sheets and names; then the used ranges of the sheets the names point
 * to), 3 by recognition (the used ranges' size first, so a huge sheet is read only as far as an
 * appendix can reach).
 */
import { META_SHEET, rowForName } from '../core/layout/names';
import { recogniseReport, type ReadReport, type ReadWarning, type RecogniseOptions } from '../core/recognise';
import { loadTemplate, TemplateError, type Template } from '../core/template/load';
import { builtinTemplates } from '../core/template/registry';
import { parseRect, splitSheetAddress, type Rect, rectAddress, intersectRects } from './a1';
import { gridFromBlocks, type LoadedName, type SheetBlock } from './grid';
import { hostFeatures } from './requirements';
import { TEMPLATE_NAMESPACE, templateFromXml } from './templates';

/** How far a sheet is read when recognising a table typed by hand. */
export const RECOGNITION_ROWS = 1200;
export const RECOGNITION_COLS = 15;
/** Cells loaded per request when recognising (keeps the response well under 5 MB). */
export const CELLS_PER_REQUEST = 60_000;

export interface SheetInfo {
  name: string;
  id: string;
  visibility: string;
}

export interface CurrentReport {
  report: ReadReport;
  /** Every sheet of the workbook (the change watcher needs their ids). */
  sheets: SheetInfo[];
  /** The workbook's name (file name in messages). */
  workbook: string;
}

type Loaded = { name: string; range: Excel.Range; merged?: Excel.RangeAreas };

function blockOf(info: SheetInfo, l: Loaded | undefined): SheetBlock {
  if (!l || l.range.isNullObject) return { name: info.name, visibility: info.visibility };
  return {
    name: info.name,
    visibility: info.visibility,
    address: l.range.address,
    values: l.range.values,
    numberFormat: l.range.numberFormat,
    valueTypes: l.range.valueTypes as unknown as string[][],
    formulas: l.range.formulas,
    ...(l.merged && !l.merged.isNullObject ? { merges: l.merged.address } : {}),
  };
}

/** Reads the open workbook as a report (see the file comment). Throws ReadReportError when it holds none. */
export async function readCurrentReport(opts: RecogniseOptions = {}): Promise<CurrentReport> {
  const features = hostFeatures();
  return Excel.run(async (ctx) => {
    const wb = ctx.workbook;
    wb.load('name');
    const sheetsLoaded = wb.worksheets.load('items/name,items/id,items/visibility');
    const namesLoaded = wb.names.load('items/name,items/type,items/formula');
    // Templates the workbook carries (learned in «Thêm mẫu mới» or imported): one more request only when there are some.
    const parts = wb.customXmlParts.getByNamespace(TEMPLATE_NAMESPACE).load('items/id');
    await ctx.sync();
    const xmls = parts.items.map((p) => p.getXml());
    if (xmls.length) await ctx.sync();
    const carried: Template[] = [];
    const templateWarnings: ReadWarning[] = [];
    for (const x of xmls) {
      const t = templateFromXml(x.value);
      if (!t) continue;
      try {
        carried.push(loadTemplate(t.def));
      } catch (e) {
        const why = e instanceof TemplateError ? e.problems.slice(0, 3).join('; ') : (e as Error).message;
        templateWarnings.push({ message: `Mẫu «${t.id}» lưu trong sổ tính không dùng được: ${why}.` });
      }
    }
    const recogniseOpts: RecogniseOptions = carried.length
      ? {
          ...opts,
          templates: [
            ...(opts.templates ?? builtinTemplates()).filter((b) => !carried.some((c) => c.id === b.id)),
            ...carried,
          ],
        }
      : opts;
    const sheets: SheetInfo[] = sheetsLoaded.items.map((s) => ({ name: s.name, id: s.id, visibility: s.visibility }));
    const names: LoadedName[] = namesLoaded.items
      .filter((n) => n.type === 'Range' || n.type === 'Error')
      .map((n) => ({ name: n.name, formula: String(n.formula) }));
    const metaSheets = new Set<string>();
    for (const n of names) {
      if (!rowForName(n.name)) continue;
      const { sheet } = splitSheetAddress(n.formula.replace(/^=/, ''));
      if (sheet) metaSheets.add(sheet);
    }
    const byName = new Map(sheets.map((s) => [s.name, s]));
    const meta = sheets.find((s) => s.name === META_SHEET);
    const loaded = new Map<string, Loaded>();

    if (metaSheets.size > 0) {
      for (const name of [...metaSheets, ...(meta ? [meta.name] : [])]) {
        if (!byName.has(name)) continue;
        const range = wb.worksheets
          .getItem(name)
          .getUsedRangeOrNullObject(true)
          .load('address,values,numberFormat,valueTypes,formulas');
        loaded.set(name, { name, range });
      }
      await ctx.sync();
    } else {
      const targets = sheets.filter((s) => s.visibility === 'Visible' || s.name === META_SHEET);
      const used = targets.map((s) => ({
        s,
        r: wb.worksheets.getItem(s.name).getUsedRangeOrNullObject(true).load('address'),
      }));
      await ctx.sync();
      // One request per CELLS_PER_REQUEST cells (a single one for any ordinary workbook).
      const pending: { s: SheetInfo; rect: Rect }[] = [];
      for (const { s, r } of used) {
        if (r.isNullObject) continue;
        const rect = parseRect(splitSheetAddress(r.address).address);
        const clipped = rect && intersectRects(rect, { r0: 1, c0: 1, r1: RECOGNITION_ROWS, c1: RECOGNITION_COLS });
        if (clipped) pending.push({ s, rect: clipped });
      }
      let cells = 0;
      for (const [i, p] of pending.entries()) {
        const ws = wb.worksheets.getItem(p.s.name);
        const range = ws.getRange(rectAddress(p.rect)).load('address,values,numberFormat,valueTypes,formulas');
        const merged = features.mergedAreas ? range.getMergedAreasOrNullObject().load('address') : undefined;
        loaded.set(p.s.name, { name: p.s.name, range, ...(merged ? { merged } : {}) });
        cells += (p.rect.r1 - p.rect.r0 + 1) * (p.rect.c1 - p.rect.c0 + 1);
        if (cells >= CELLS_PER_REQUEST || i === pending.length - 1) {
          await ctx.sync();
          cells = 0;
        }
      }
    }
    const grid = gridFromBlocks(
      wb.name,
      sheets.map((s) => blockOf(s, loaded.get(s.name))),
      names,
    );
    // The unit's own forms: the consolidated appendix ("TH …") is what the workbook sends up, not what is typed.
    const report = recogniseReport(grid, { ownFigures: true, ...recogniseOpts });
    report.warnings.push(...templateWarnings);
    return { report, sheets, workbook: wb.name };
  });
}
