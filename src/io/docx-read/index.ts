/**
 * The appendix tables of a received Word report (.docx), as sheets the recogniser reads like a
 * workbook's: each body table becomes a sheet «Bảng N» holding the paragraphs written since the
 * previous table (the title lines: unit, period, report number and date, the form's name) and
 * then the table's rows on the table's grid — merged cells (gridSpan, vMerge) as merges,
 * paragraphs inside a cell joined by line breaks, header rows repeated across pages kept as rows
 * (the recogniser knows a repeated header). A table nested in a cell is read as that cell's text.
 * Text boxes, deleted revisions and field codes are left out.
 *
 * Why the project's own reader and not a library (mammoth, docx4js …): a received .docx is as
 * untrusted as a received .xlsx, and this reuses the same bounded zip reader (sizes checked before
 * and while inflating, CRC-checked), the same linear, non-recursive XML scanner (no entity
 * expansion, no DOM, nesting only counted) and the same time budget. mammoth converts to HTML
 * through a DOM-like tree of the whole document and is not bounded; we need only the tables' text
 * and grid. No Node API here: the task pane's worker and the standalone page use it too.
 */
import { cellAddress } from '../xlsx-read/address';
import { corrupt, fileLabel, tooBig, viInt, XlsxReadError, type ReadContext } from '../xlsx-read/errors';
import { resolveLimits, type XlsxReadLimits } from '../xlsx-read/limits';
import { parseRelationships, resolveTarget } from '../xlsx-read/package';
import { timeBudget } from '../xlsx-read/read';
import { makeSheet } from '../xlsx-read/sheet';
import type { WordTable, XlsxBook, XlsxCell, XlsxMerge, XlsxSheet } from '../xlsx-read/types';
import { decodeXmlBytes, END, EOF, START, withScanBudget, XmlScanner, XmlSyntaxError } from '../xlsx-read/xml';
import { ZipReader, type NativeZip } from '../xlsx-read/zip';

export interface ReadDocxOptions {
  fileName?: string;
  limits?: Partial<XlsxReadLimits>;
  native?: NativeZip;
  /** When the file's time budget started (Date.now()). */
  started?: number;
}

/**
 * Table cells a document may hold: an appendix has a few thousand; a document of 100,000 cells is
 * not a report and would only cost time.
 */
const MAX_TABLE_CELLS = 100_000;

/** Title paragraphs kept above a table (the last ones written before it). */
const MAX_TITLE_LINES = 30;

const WORD_DOCUMENT_TYPE = /wordprocessingml\.document\.main\+xml$|ms-word\.document\.macroEnabled\.main\+xml$/i;

/** Whether a zip holds a Word document (its main part, by relationship or by the usual name). */
function mainDocumentPart(zip: ZipReader, ctx: ReadContext): string | undefined {
  const relsBytes = zip.read('_rels/.rels');
  if (relsBytes) {
    try {
      const rels = parseRelationships(decodeXmlBytes(relsBytes), '');
      const main = rels.find((r) => r.type === 'officeDocument' && r.part && zip.find(r.part));
      if (main?.part && /(^|\/)document[^/]*\.xml$/i.test(main.part)) return main.part;
    } catch (e) {
      if (!(e instanceof XmlSyntaxError)) throw e;
      throw corrupt(ctx, 'phần «_rels/.rels» không phải XML hợp lệ', { part: '_rels/.rels' });
    }
  }
  const types = zip.read('[Content_Types].xml');
  if (types) {
    const x = new XmlScanner(decodeXmlBytes(types));
    for (let t = x.next(); t !== EOF; t = x.next()) {
      if (t === START && x.local === 'Override' && WORD_DOCUMENT_TYPE.test(x.attr('ContentType') ?? '')) {
        const part = resolveTarget('', x.attr('PartName') ?? '');
        if (zip.find(part)) return part;
      }
    }
  }
  return zip.find('word/document.xml') ? 'word/document.xml' : undefined;
}

/** Whether the bytes are a zip holding a Word document (cheap: the central directory and .rels). */
export function isDocx(bytes: Uint8Array, opts: ReadDocxOptions = {}): boolean {
  try {
    const ctx: ReadContext = { fileName: opts.fileName };
    const zip = new ZipReader(bytes, resolveLimits(opts.limits), ctx, opts.native);
    return mainDocumentPart(zip, ctx) !== undefined;
  } catch {
    return false;
  }
}

interface TableCell {
  text: string;
  span: number;
  /** `restart` opens a vertical merge, `continue` extends the one above. */
  vMerge?: 'restart' | 'continue';
}

interface Block {
  kind: 'p' | 'tbl';
  text?: string;
  rows?: { cells: TableCell[]; gridBefore: number }[];
}

/**
 * The body's blocks in order: paragraphs (their text) and top-level tables (rows of cells).
 * One pass over the scanner's tokens with explicit state, no recursion.
 */
function parseBody(xml: string, limits: XlsxReadLimits, ctx: ReadContext): Block[] {
  const x = new XmlScanner(xml);
  const blocks: Block[] = [];
  let tableDepth = 0; // nesting of w:tbl
  let table: Block | undefined;
  let row: { cells: TableCell[]; gridBefore: number } | undefined;
  let cell: TableCell | undefined;
  let cellParas: string[] = [];
  let para: string | undefined; // text of the paragraph being read
  let skipDepth = 0; // inside an element whose text is not the document's (text boxes, deletions)
  let cellsSeen = 0;

  const endParagraph = () => {
    if (para === undefined) return;
    const text = para.replace(/[ \t\u00a0]+/g, ' ').trim();
    if (cell) cellParas.push(text);
    else if (tableDepth === 0) blocks.push({ kind: 'p', text });
    para = undefined;
  };

  for (let t = x.next(); t !== EOF; t = x.next()) {
    if (t === START) {
      const l = x.local;
      if (skipDepth > 0) {
        if (!x.selfClosing) skipDepth++;
        continue;
      }
      switch (l) {
        case 'txbxContent': // text boxes: not the body's flow (and duplicated in mc:Fallback)
        case 'Fallback':
        case 'del':
        case 'moveFrom':
        case 'instrText':
        case 'delText':
        case 'footnoteReference':
        case 'rPr':
        case 'pPr':
          if (!x.selfClosing) skipDepth = 1;
          break;
        case 'tbl':
          if (x.selfClosing) break;
          tableDepth++;
          if (tableDepth === 1) {
            table = { kind: 'tbl', rows: [] };
          }
          break;
        case 'tr':
          if (tableDepth === 1 && !x.selfClosing) {
            row = { cells: [], gridBefore: 0 };
            if (table!.rows!.length >= limits.maxRows) {
              x.skip(); // past what an appendix can hold
              row = undefined;
            }
          }
          break;
        case 'gridBefore':
          if (tableDepth === 1 && row && !cell)
            row.gridBefore = Math.max(0, Math.min(Number(x.prefixedAttr('val') ?? x.attr('val')) || 0, limits.maxCols));
          break;
        case 'tc':
          if (tableDepth === 1 && row && !x.selfClosing) {
            cell = { text: '', span: 1 };
            cellParas = [];
            const maxCells = Math.min(MAX_TABLE_CELLS, limits.maxCellsTotal);
            if (++cellsSeen > maxCells) throw tooBig(ctx, `văn bản có hơn ${viInt(maxCells)} ô bảng`);
          }
          break;
        case 'gridSpan':
          if (tableDepth === 1 && cell) {
            const n = Number(x.prefixedAttr('val') ?? x.attr('val'));
            cell.span = Number.isInteger(n) && n > 1 ? Math.min(n, limits.maxCols) : 1;
          }
          break;
        case 'vMerge':
          if (tableDepth === 1 && cell) {
            const v = x.prefixedAttr('val') ?? x.attr('val');
            cell.vMerge = v === 'restart' ? 'restart' : 'continue';
          }
          break;
        case 'p':
          if (!x.selfClosing) {
            endParagraph();
            para = '';
          } else if (tableDepth === 0 && !cell) blocks.push({ kind: 'p', text: '' });
          break;
        case 't':
          if (para !== undefined && !x.selfClosing) para += x.readText();
          break;
        case 'tab':
          if (para !== undefined) para += ' ';
          break;
        case 'br':
        case 'cr':
          if (para !== undefined) para += '\n';
          break;
        case 'noBreakHyphen':
          if (para !== undefined) para += '-';
          break;
        default:
          break;
      }
      continue;
    }
    if (t === END) {
      if (skipDepth > 0) {
        skipDepth--;
        continue;
      }
      const l = x.local;
      if (l === 'p') endParagraph();
      else if (l === 'tc' && tableDepth === 1 && cell && row) {
        endParagraph();
        cell.text = cellParas.join('\n').trim();
        row.cells.push(cell);
        cell = undefined;
      } else if (l === 'tr' && tableDepth === 1 && row) {
        table!.rows!.push(row);
        row = undefined;
      } else if (l === 'tbl') {
        tableDepth--;
        if (tableDepth === 0 && table) {
          blocks.push(table);
          table = undefined;
        }
      }
      continue;
    }
  }
  if (tableDepth > 0 || cell || skipDepth > 0)
    throw corrupt(ctx, 'văn bản bị cắt cụt: một bảng không được đóng (tệp tải về chưa trọn vẹn?)');
  endParagraph();
  return blocks;
}

/** Lays the blocks out as sheets: «Bảng N» = title lines since the previous table, then the table. */
function sheetsFromBlocks(blocks: Block[], limits: XlsxReadLimits): { sheets: XlsxSheet[]; tables: WordTable[] } {
  const sheets: XlsxSheet[] = [];
  const tables: WordTable[] = [];
  let titles: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'p') {
      if (b.text) titles.push(...b.text.split('\n').filter((s) => s.trim()));
      if (titles.length > MAX_TITLE_LINES) titles = titles.slice(-MAX_TITLE_LINES);
      continue;
    }
    const cells: XlsxCell[] = [];
    const merges: XlsxMerge[] = [];
    const put = (row: number, col: number, text: string) => {
      if (!text || row > limits.maxRows || col > limits.maxCols) return;
      cells.push({ row, col, address: cellAddress(row, col), type: 'string', value: text });
    };
    let r = 0;
    for (const line of titles) put(++r, 1, line);
    titles = [];
    const top = r + 1;
    /** Column → the merge open above it (vMerge restart … continue). */
    const open = new Map<number, XlsxMerge>();
    for (const tr of b.rows!) {
      r++;
      if (r > limits.maxRows) break;
      let col = 1 + tr.gridBefore;
      const seen = new Set<number>();
      for (const tc of tr.cells) {
        const right = col + tc.span - 1;
        if (tc.vMerge === 'continue' && open.has(col)) {
          const m = open.get(col)!;
          m.bottom = r;
          seen.add(col);
        } else {
          put(r, col, tc.text);
          if (tc.vMerge === 'restart' || tc.span > 1) {
            const m: XlsxMerge = { top: r, left: col, bottom: r, right: Math.min(right, limits.maxCols) };
            if (col <= limits.maxCols) merges.push(m);
            if (tc.vMerge === 'restart') {
              open.set(col, m);
              seen.add(col);
            }
          }
        }
        col = right + 1;
      }
      for (const c of [...open.keys()]) if (!seen.has(c)) open.delete(c);
    }
    const realMerges = merges.filter((m) => m.bottom > m.top || m.right > m.left);
    const info = {
      name: `Bảng ${sheets.length + 1}`,
      state: 'visible' as const,
      index: sheets.length,
      kind: 'worksheet' as const,
    };
    sheets.push(makeSheet(info, cells, realMerges, undefined));
    tables.push({ sheet: info.name, top });
  }
  return { sheets, tables };
}

/**
 * Reads the tables of a .docx as an XlsxBook (one sheet per body table). Throws XlsxReadError
 * with a Vietnamese message naming the file; `not-xlsx` when the zip holds no Word document.
 */
export function readDocx(input: Uint8Array, opts: ReadDocxOptions = {}): XlsxBook {
  const limits = resolveLimits(opts.limits);
  const ctx: ReadContext = { fileName: opts.fileName };
  ctx.checkTime = timeBudget(ctx, limits.maxMillis, opts.started);
  return withScanBudget(ctx.checkTime, () => {
    if (input.length > limits.maxFileBytes)
      throw tooBig(ctx, `tệp có ${viInt(input.length)} byte, lớn hơn giới hạn đọc an toàn`);
    const zip = new ZipReader(input, limits, ctx, opts.native);
    const part = mainDocumentPart(zip, ctx);
    if (!part)
      throw new XlsxReadError('not-xlsx', `${fileLabel(ctx.fileName)} không phải văn bản Word .docx.`, {
        fileName: ctx.fileName,
      });
    let blocks: Block[];
    try {
      blocks = parseBody(decodeXmlBytes(zip.read(part)!), limits, ctx);
    } catch (e) {
      if (e instanceof XmlSyntaxError)
        throw corrupt(ctx, `phần «${part}» không phải XML hợp lệ (ký tự thứ ${viInt(e.offset)})`, { part });
      throw e;
    }
    const { sheets, tables } = sheetsFromBlocks(blocks, limits);
    if (sheets.length === 0)
      throw new XlsxReadError(
        'no-worksheets',
        `${fileLabel(ctx.fileName)} là văn bản Word nhưng không có bảng nào: phụ lục cần được trình bày thành bảng (STT | Chỉ tiêu | Đơn vị tính | Số liệu).`,
        { fileName: ctx.fileName },
      );
    let area = 0;
    for (const s of sheets) {
      area += s.maxRow * s.maxCol;
      if (area > limits.maxAreaTotal)
        throw tooBig(ctx, `các bảng cộng lại vượt ${viInt(limits.maxAreaTotal)} ô (đến «${s.name}»)`);
    }
    return {
      sheets,
      allSheets: sheets.map(({ name, state, index, kind }) => ({ name, state, index, kind })),
      definedNames: [],
      date1904: false,
      wordTables: tables,
    };
  });
}
