/** readXlsx: from the bytes of a received .xlsx to its sheets' cells, merges and names. */
import { corrupt, fileLabel, tooBig, tooSlow, viBytes, viInt, XlsxReadError, type ReadContext } from './errors';
import { resolveLimits, type XlsxReadLimits } from './limits';
import { parseRelationships, partFolder, relsPartFor, workbookFromContentTypes, type Relationship } from './package';
import { makeSheet } from './sheet';
import { assertZipLike } from './sniff';
import { parseSharedStrings } from './strings';
import { NO_STYLES, parseStyles, type StylesNumFmts } from './styles';
import type { XlsxBook, XlsxDefinedName, XlsxSheet, XlsxSheetInfo, XlsxSheetKind } from './types';
import { parseWorkbook, type WorkbookXml } from './workbook';
import { PartMemo } from './part-memo';
import { parseWorksheet } from './worksheet';
import { decodeXmlBytes, withScanBudget, XmlSyntaxError } from './xml';
import { ZipReader, type NativeZip } from './zip';

export interface ReadXlsxOptions {
  /** Shown in error messages (`Tệp «BaoCao_XaA.xlsx» …`). */
  fileName?: string;
  /** Tighter or looser bounds than DEFAULT_XLSX_READ_LIMITS. */
  limits?: Partial<XlsxReadLimits>;
  /** Which worksheets to read; the others are not even inflated. Default: all. */
  sheets?: (name: string, info: XlsxSheetInfo) => boolean;
  /**
   * How many rows of a worksheet to read (undefined: all). Parsing stops at the first row past
   * it: for a sheet whose first rows are all that is needed (a metadata block).
   */
  rows?: (name: string, info: XlsxSheetInfo) => number | undefined;
  /** Keep formula text on cells (default true). Cached values are always returned. */
  formulas?: boolean;
  /** The platform's native inflate and CRC-32 (Node's zlib: see src/io/native-zip.ts); default fflate. */
  native?: NativeZip;
  /** When the file's time budget (limits.maxMillis) started, as Date.now(); default: now. */
  started?: number;
}

/** Relationship type (last URI segment, from the file: never used as a plain-object key) → sheet kind. */
const SHEET_KINDS = new Map<string, XlsxSheetKind>([
  ['worksheet', 'worksheet'],
  ['chartsheet', 'chartsheet'],
  ['dialogsheet', 'dialogsheet'],
  ['xlMacrosheet', 'macrosheet'],
  ['xlIntlMacrosheet', 'macrosheet'],
]);

class PackageReader {
  constructor(
    readonly zip: ZipReader,
    readonly ctx: ReadContext,
  ) {}

  /** Runs a parser on a part, turning XML syntax errors into a Vietnamese `corrupt` error. */
  parse<T>(part: string, parser: (xml: string) => T, where: { sheet?: string } = {}): T | undefined {
    const bytes = this.zip.read(part);
    return bytes === undefined ? undefined : this.parseBytes(part, bytes, parser, where);
  }

  /**
   * parse, for a package part read once per blank (part-memo.ts): the result is shared between
   * workbooks. `context`: what else the parser depends on.
   */
  parseOnce<T>(part: string, parser: (xml: string) => T, memo: PartMemo<T>, context = ''): T | undefined {
    return this.zip.readDerived(part, (bytes) => this.parseBytes(part, bytes, parser, {}), memo, context);
  }

  private parseBytes<T>(part: string, bytes: Uint8Array, parser: (xml: string) => T, where: { sheet?: string }): T {
    try {
      return parser(decodeXmlBytes(bytes));
    } catch (e) {
      if (e instanceof XmlSyntaxError) {
        const inSheet = where.sheet ? ` (trang tính «${where.sheet}»)` : '';
        throw corrupt(this.ctx, `phần «${part}»${inSheet} không phải XML hợp lệ (ký tự thứ ${viInt(e.offset)})`, {
          part,
          ...where,
        });
      }
      throw e;
    }
  }

  relationships(part: string): Relationship[] {
    const folder = partFolder(part);
    return this.parseOnce(relsPartFor(part), (xml) => parseRelationships(xml, folder), MEMO.rels, folder) ?? [];
  }
}

/** The package parts read once per blank (see part-memo.ts), per parser. */
const MEMO = {
  rels: new PartMemo<Relationship[]>(),
  contentTypes: new PartMemo<string | undefined>(),
  workbook: new PartMemo<WorkbookXml>(),
  styles: new PartMemo<StylesNumFmts>(),
};

/** Forgets the remembered package parts (tests compare reading with and without them). */
export function clearPartMemo(): void {
  for (const m of Object.values(MEMO)) m.clear();
}

function notXlsx(zip: ZipReader, ctx: ReadContext): XlsxReadError {
  let hint = '';
  if (zip.find('xl/workbook.bin')) hint = ' (đây là sổ tính nhị phân .xlsb; hãy mở bằng Excel và lưu lại thành .xlsx)';
  else if (zip.find('content.xml') && zip.find('mimetype'))
    hint = ' (đây là bảng tính OpenDocument .ods; hãy lưu lại thành .xlsx)';
  else if (zip.find('word/document.xml')) hint = ' (đây là văn bản Word)';
  return new XlsxReadError('not-xlsx', `${fileLabel(ctx.fileName)} không phải là sổ tính Excel .xlsx${hint}.`, {
    fileName: ctx.fileName,
  });
}

/** The workbook part: from the package relationships, else the content types, else the usual name. */
function findWorkbookPart(pkg: PackageReader): string | undefined {
  // A Word document's main part (word/document.xml) is an officeDocument too: not a workbook.
  const viaRels = pkg
    .relationships('')
    .find((r) => r.type === 'officeDocument' && r.part && !/^word\//i.test(r.part) && pkg.zip.find(r.part));
  if (viaRels?.part) return viaRels.part;
  const viaTypes = pkg.parseOnce('[Content_Types].xml', workbookFromContentTypes, MEMO.contentTypes);
  if (viaTypes && pkg.zip.find(viaTypes)) return viaTypes;
  return pkg.zip.find('xl/workbook.xml') ? 'xl/workbook.xml' : undefined;
}

/**
 * Reads the values of a received .xlsx. Never mutates `bytes`. Throws XlsxReadError
 * (Vietnamese message, machine `code`) for anything that is not a readable workbook.
 */
export function readXlsx(input: Uint8Array | ArrayBuffer, opts: ReadXlsxOptions = {}): XlsxBook {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const limits = resolveLimits(opts.limits);
  const ctx: ReadContext = { fileName: opts.fileName };
  ctx.checkTime = timeBudget(ctx, limits.maxMillis, opts.started);
  return withScanBudget(ctx.checkTime, () => readBook(bytes, opts, limits, ctx));
}

/** A check that throws `too-slow` once `millis` have passed since `started` (Date.now()). */
export function timeBudget(ctx: ReadContext, millis: number, started = Date.now()): (() => void) | undefined {
  if (!(millis > 0)) return undefined;
  return () => {
    if (Date.now() - started > millis) throw tooSlow(ctx, millis);
  };
}

function readBook(bytes: Uint8Array, opts: ReadXlsxOptions, limits: XlsxReadLimits, ctx: ReadContext): XlsxBook {
  const keepFormulas = opts.formulas !== false;

  assertZipLike(bytes, ctx);
  if (bytes.length > limits.maxFileBytes) {
    throw tooBig(ctx, `tệp có ${viBytes(bytes.length)}, lớn hơn giới hạn ${viBytes(limits.maxFileBytes)}`);
  }
  const zip = new ZipReader(bytes, limits, ctx, opts.native);
  const pkg = new PackageReader(zip, ctx);

  const workbookPart = findWorkbookPart(pkg);
  if (!workbookPart) throw notXlsx(zip, ctx);
  const wb = pkg.parseOnce(workbookPart, parseWorkbook, MEMO.workbook);
  if (!wb) throw notXlsx(zip, ctx);
  if (wb.sheets.length > limits.maxSheets) {
    throw tooBig(
      ctx,
      `sổ tính có ${viInt(wb.sheets.length)} trang tính, nhiều hơn giới hạn ${viInt(limits.maxSheets)}`,
    );
  }
  const rels = pkg.relationships(workbookPart);
  const relById = new Map(rels.map((r) => [r.id, r]));

  const allSheets: XlsxSheetInfo[] = wb.sheets.map((s, index) => {
    const rel = relById.get(s.relId);
    const kind = (rel ? SHEET_KINDS.get(rel.type) : undefined) ?? 'other';
    return { name: s.name, state: s.state, index, kind };
  });
  const worksheetInfos = allSheets.filter((s) => s.kind === 'worksheet' && relById.get(wb.sheets[s.index].relId)?.part);
  if (worksheetInfos.length === 0) {
    throw new XlsxReadError('no-worksheets', `${fileLabel(ctx.fileName)} không có trang tính nào.`, {
      fileName: ctx.fileName,
    });
  }
  const chosen = opts.sheets ? worksheetInfos.filter((s) => opts.sheets!(s.name, s)) : worksheetInfos;

  let sharedStrings: string[] = [];
  let styles: StylesNumFmts = NO_STYLES;
  if (chosen.length > 0) {
    const sstPart = rels.find((r) => r.type === 'sharedStrings')?.part;
    if (sstPart) sharedStrings = pkg.parse(sstPart, parseSharedStrings) ?? [];
    const stylesPart = rels.find((r) => r.type === 'styles')?.part;
    if (stylesPart) styles = pkg.parseOnce(stylesPart, parseStyles, MEMO.styles) ?? NO_STYLES;
  }

  const sheets: XlsxSheet[] = [];
  let cellsLeft = limits.maxCellsTotal;
  let areaLeft = limits.maxAreaTotal;
  for (const info of chosen) {
    const part = relById.get(wb.sheets[info.index].relId)!.part!;
    const where = { sheet: info.name };
    const maxCells = Math.min(limits.maxCellsPerSheet, cellsLeft);
    const lastRow = opts.rows?.(info.name, info);
    const data = pkg.parse(
      part,
      (xml) =>
        parseWorksheet(xml, {
          sharedStrings,
          styles,
          maxCells,
          keepFormulas,
          maxRows: limits.maxRows,
          maxCols: limits.maxCols,
          ...(lastRow !== undefined ? { lastRow } : {}),
          onTooManyCells: () => {
            throw tooBig(
              ctx,
              maxCells === limits.maxCellsPerSheet
                ? `trang tính «${info.name}» có hơn ${viInt(maxCells)} ô dữ liệu`
                : `sổ tính có hơn ${viInt(limits.maxCellsTotal)} ô dữ liệu`,
              { ...where, part },
            );
          },
          onBadCell: (cell, predicate) => {
            const subject = cell ? `ô ${cell} trên trang tính «${info.name}»` : `trang tính «${info.name}»`;
            throw corrupt(ctx, `${subject} ${predicate}`, cell ? { ...where, cell, part } : { ...where, part });
          },
        }),
      where,
    );
    if (!data) throw corrupt(ctx, `thiếu phần «${part}» của trang tính «${info.name}»`, { ...where, part });
    cellsLeft -= data.cells.length;
    const sheet = makeSheet(info, data.cells, data.merges, data.dimension);
    areaLeft -= sheet.maxRow * sheet.maxCol;
    if (areaLeft < 0)
      throw tooBig(
        ctx,
        `vùng dữ liệu của các trang tính cộng lại vượt ${viInt(limits.maxAreaTotal)} ô (đến trang tính «${info.name}»)`,
        where,
      );
    sheets.push(sheet);
  }

  const definedNames: XlsxDefinedName[] = wb.definedNames.map((d) => {
    const out: XlsxDefinedName = { name: d.name, ref: d.ref };
    if (d.localSheetId !== undefined && allSheets[d.localSheetId]) out.sheet = allSheets[d.localSheetId].name;
    if (d.hidden) out.hidden = true;
    return out;
  });

  return { sheets, allSheets, definedNames, date1904: wb.date1904 };
}
