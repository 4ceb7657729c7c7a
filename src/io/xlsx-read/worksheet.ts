/**
 * One worksheet part: cells (values, shared/inline strings, cached formula results,
 * number formats), merged ranges and the declared dimension. Addresses are recovered
 * when `r` attributes are missing (LibreOffice and WPS may omit them): a row without `r`
 * follows the previous row, a cell without `r` follows the previous cell in its row.
 * Everything else in the part (data validations, conditional formats, views, drawings,
 * extensions) is skipped without being looked at.
 */
import { cellAddress, MAX_COL, MAX_ROW, parseCellRef, parseRangeRef } from './address';
import { compileSharedFormula } from './shared-formula';
import type { StylesNumFmts } from './styles';
import { readStringItem } from './strings';
import type { XlsxCell, XlsxCellType, XlsxMerge, XlsxValue } from './types';
import { END, EOF, START, XmlScanner, XmlSyntaxError, decodeXstring } from './xml';

export interface WorksheetContext {
  sharedStrings: readonly string[];
  styles: StylesNumFmts;
  /** Stored cells this sheet may still hold before `onTooManyCells` is called. */
  maxCells: number;
  keepFormulas: boolean;
  /**
   * Read rows up to this one only: parsing stops at the first row past it (writers list rows in
   * order), so nothing after it is read, merges included.
   */
  lastRow?: number;
  /**
   * The used range kept: cells past it are ignored and merges clipped to it, so that nothing
   * downstream walks a range as large as what a hostile file declares.
   */
  maxRows?: number;
  maxCols?: number;
  /** Called when the sheet has more than `maxCells` cells; must throw. */
  onTooManyCells(): never;
  /**
   * Called for an unusable cell or row; must throw. `predicate` continues the sentence
   * "ô B6 trên trang tính «…» …" (or "trang tính «…» …" when `address` is undefined).
   */
  onBadCell(address: string | undefined, predicate: string): never;
}

export interface WorksheetData {
  cells: XlsxCell[];
  merges: XlsxMerge[];
  dimension?: string;
}

/** ECMA-376 CT_Worksheet: a worksheet's child elements, in the order the schema gives them. */
export const WORKSHEET_ELEMENTS = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetData',
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
] as const;

/**
 * Elements of a worksheet that hold nothing the reader returns: skipped whole. All but the cells,
 * the merges and the dimension, and markup-compatibility blocks.
 */
const SKIPPED = new Set<string>([
  ...WORKSHEET_ELEMENTS.filter((e) => e !== 'dimension' && e !== 'sheetData' && e !== 'mergeCells'),
  'AlternateContent',
]);

/** A number as a numeric cell stores it: optional sign, digits with one point, optional exponent. */
const XSD_DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** `B12` as Excel writes it: upper-case letters, no `$`, no leading zero. */
function isCanonicalAddress(r: string): boolean {
  let i = 0;
  for (; i < r.length; i++) {
    const c = r.charCodeAt(i);
    if (c < 65 || c > 90) break;
  }
  return i > 0 && i < r.length && r.charCodeAt(i) !== 48;
}

interface SharedMaster {
  row: number;
  col: number;
  formula: string;
  /** Compiled on the first follower. */
  move?: (dRow: number, dCol: number) => string;
}

export function parseWorksheet(xml: string, ctx: WorksheetContext): WorksheetData {
  // Token kinds as locals: module-level imports may compile to property getters.
  const TOK_START = START;
  const TOK_END = END;
  const TOK_EOF = EOF;
  const x = new XmlScanner(xml);
  const cells: XlsxCell[] = [];
  const merges: XlsxMerge[] = [];
  const shared = new Map<string, SharedMaster>();
  let dimension: string | undefined;
  let row = 0;
  let col = 0;
  let sorted = true;
  let lastKey = 0;
  const keepRows = Math.min(ctx.maxRows ?? MAX_ROW, MAX_ROW);
  const keepCols = Math.min(ctx.maxCols ?? MAX_COL, MAX_COL);

  for (let t = x.next(); t !== TOK_EOF; t = x.next()) {
    if (t !== TOK_START) continue;
    const local = x.local;
    if (local === 'c') {
      // Address.
      const r = x.attr('r');
      let address: string | undefined;
      if (r !== undefined) {
        const ref = parseCellRef(r);
        if (!ref) ctx.onBadCell(undefined, `có ô mang địa chỉ không hợp lệ «${r}»`);
        row = ref.row;
        col = ref.col;
        if (isCanonicalAddress(r)) address = r;
      } else {
        if (row === 0) row = 1;
        col++;
        if (col > MAX_COL) ctx.onBadCell(undefined, `có hàng ${row} nhiều hơn ${MAX_COL} ô`);
      }
      if (x.selfClosing) continue; // a style-only cell
      if (row > keepRows || col > keepCols) {
        x.skip(); // outside what an appendix can hold
        continue;
      }
      const type = x.attr('t');
      const style = x.attr('s');
      const cellName = x.name;

      let v: string | undefined;
      let inline: string | undefined;
      let formula: string | undefined;
      let fType: string | undefined;
      let fSi: string | undefined;
      let hasFormula = false;
      for (let u = x.next(); ; u = x.next()) {
        if (u === TOK_START) {
          const l = x.local;
          if (l === 'v') v = x.readText();
          else if (l === 'f') {
            hasFormula = true;
            fType = x.attr('t');
            fSi = x.attr('si');
            formula = x.readText();
          } else if (l === 'is') inline = readStringItem(x);
          else x.skip();
        } else if (u === TOK_END) {
          if (x.name === cellName) break;
        } else if (u === TOK_EOF) throw new XmlSyntaxError(`<${cellName}> is not closed`, x.offset);
      }

      // Shared formulas: the master carries the text, followers only `si`.
      if (fType === 'shared' && fSi !== undefined) {
        if (formula) {
          shared.set(fSi, { row, col, formula });
        } else {
          const m = shared.get(fSi);
          if (m && ctx.keepFormulas) {
            m.move ??= compileSharedFormula(m.formula);
            formula = m.move(row - m.row, col - m.col);
          } else formula = undefined;
        }
      }
      if (formula === '') formula = undefined;

      let cellType: XlsxCellType;
      let value: XlsxValue = null;
      let error: string | undefined;
      switch (type) {
        case 's': {
          if (v === undefined || v.trim() === '') {
            cellType = 'empty';
            break;
          }
          const idx = Number(v);
          const s = Number.isInteger(idx) ? ctx.sharedStrings[idx] : undefined;
          if (s === undefined)
            ctx.onBadCell(cellAddress(row, col), `trỏ tới chuỗi dùng chung số ${v.trim()} không tồn tại`);
          cellType = 'string';
          value = s;
          break;
        }
        case 'inlineStr':
          if (inline === undefined && v === undefined) cellType = 'empty';
          else {
            cellType = 'string';
            value = inline ?? decodeXstring(v as string);
          }
          break;
        case 'str':
          if (v === undefined) cellType = 'empty';
          else {
            cellType = 'string';
            value = decodeXstring(v);
          }
          break;
        case 'b':
          if (v === undefined) cellType = 'empty';
          else {
            cellType = 'boolean';
            const b = v.trim();
            value = b === '1' || b.toLowerCase() === 'true';
          }
          break;
        case 'e':
          if (v === undefined) cellType = 'empty';
          else {
            cellType = 'error';
            error = v.trim();
          }
          break;
        case 'd':
          if (v === undefined) cellType = 'empty';
          else {
            cellType = 'date';
            value = v.trim();
          }
          break;
        default: {
          // 'n' or absent.
          const trimmed = v === undefined ? '' : v.trim();
          if (trimmed === '') {
            if (inline !== undefined) {
              cellType = 'string';
              value = inline;
            } else cellType = 'empty';
          } else {
            // Only the decimal form a numeric cell may hold (xsd:double): `0x10`, `0b11`, `Infinity`
            // and numbers past 1.8e308 stay text (Number() would read 0x10 as 16).
            const n = XSD_DECIMAL.test(trimmed) ? Number(trimmed) : NaN;
            if (Number.isFinite(n)) {
              cellType = 'number';
              value = n;
            } else {
              cellType = 'string';
              value = trimmed;
            }
          }
        }
      }
      if (cellType === 'empty' && !hasFormula) continue;

      const cell: XlsxCell = { row, col, address: address ?? cellAddress(row, col), type: cellType, value };
      if (style !== undefined) {
        const numFmt = ctx.styles.numFmtOf(Number(style));
        if (numFmt !== undefined) cell.numFmt = numFmt;
      }
      if (formula !== undefined && ctx.keepFormulas) cell.formula = formula;
      if (error !== undefined) cell.error = error;
      const key = row * 16384 + col;
      if (key <= lastKey) sorted = false;
      lastKey = key;
      if (cells.length >= ctx.maxCells) ctx.onTooManyCells();
      cells.push(cell);
    } else if (local === 'row') {
      const r = x.attr('r');
      const n = r === undefined ? row + 1 : Number(r);
      if (!Number.isInteger(n) || n < 1 || n > MAX_ROW) ctx.onBadCell(undefined, `có số hàng không hợp lệ «${r ?? n}»`);
      if (ctx.lastRow !== undefined && n > ctx.lastRow) break;
      row = n;
      col = 0;
      if (n > keepRows) x.skip();
    } else if (local === 'mergeCell') {
      const ref = x.attr('ref');
      const range = ref ? parseRangeRef(ref) : undefined;
      if (range && range.top <= keepRows && range.left <= keepCols)
        merges.push({
          top: range.top,
          left: range.left,
          bottom: Math.min(range.bottom, keepRows),
          right: Math.min(range.right, keepCols),
        });
    } else if (local === 'dimension') {
      dimension = x.attr('ref');
    } else if (SKIPPED.has(local)) {
      x.skip();
    }
  }
  if (!sorted) {
    cells.sort((a, b) => a.row - b.row || a.col - b.col);
  }
  return { cells, merges, dimension };
}
