/**
 * The XlsxSheet object: parsed cells with lookups by position and address. Lookups live
 * on the prototype and the index in a private field, so a sheet stays structured-clone
 * safe: a web worker can post a whole XlsxBook to the task pane (the copy arrives as
 * plain data, without the lookup methods).
 */
import { parseCellRef } from './address';
import type { SheetState, XlsxCell, XlsxMerge, XlsxSheet, XlsxSheetInfo, XlsxSheetKind } from './types';

const key = (row: number, col: number): number => row * 16385 + col;

/**
 * Sheets up to this area (rows × columns) are indexed in a dense array, larger ones in a map: the
 * recogniser looks up every position of an appendix sheet (a few thousand) several times, and an
 * array index costs a fraction of a hashed lookup; 2 MB of pointers at most.
 */
const DENSE_MAX_AREA = 262_144;

class Sheet implements XlsxSheet {
  readonly name: string;
  readonly state: SheetState;
  readonly index: number;
  readonly kind: XlsxSheetKind;
  readonly cells: readonly XlsxCell[];
  readonly merges: readonly XlsxMerge[];
  readonly dimension?: string;
  readonly maxRow: number;
  readonly maxCol: number;
  #byPosition?: Map<number, XlsxCell>;
  #dense?: (XlsxCell | undefined)[];

  constructor(info: XlsxSheetInfo, cells: XlsxCell[], merges: XlsxMerge[], dimension: string | undefined) {
    this.name = info.name;
    this.state = info.state;
    this.index = info.index;
    this.kind = info.kind;
    this.cells = cells;
    this.merges = merges;
    if (dimension !== undefined) this.dimension = dimension;
    let maxRow = 0;
    let maxCol = 0;
    for (const c of cells) {
      if (c.row > maxRow) maxRow = c.row;
      if (c.col > maxCol) maxCol = c.col;
    }
    for (const m of merges) {
      if (m.bottom > maxRow) maxRow = m.bottom;
      if (m.right > maxCol) maxCol = m.right;
    }
    this.maxRow = maxRow;
    this.maxCol = maxCol;
  }

  get(row: number, col: number): XlsxCell | undefined {
    const dense = this.#dense;
    if (dense !== undefined) {
      if (row < 1 || row > this.maxRow || col < 1 || col > this.maxCol) return undefined;
      return dense[(row - 1) * this.maxCol + col - 1];
    }
    if (this.#byPosition === undefined) {
      this.#index();
      return this.get(row, col);
    }
    return this.#byPosition.get(key(row, col));
  }

  /** Indexes the cells on the first lookup (a later cell at the same position wins, as in a map). */
  #index(): void {
    if (this.maxRow * this.maxCol <= DENSE_MAX_AREA) {
      const dense = new Array<XlsxCell | undefined>(this.maxRow * this.maxCol).fill(undefined);
      for (const c of this.cells) dense[(c.row - 1) * this.maxCol + c.col - 1] = c;
      this.#dense = dense;
    } else {
      const map = new Map<number, XlsxCell>();
      for (const c of this.cells) map.set(key(c.row, c.col), c);
      this.#byPosition = map;
    }
  }

  cell(address: string): XlsxCell | undefined {
    const ref = parseCellRef(address);
    return ref ? this.get(ref.row, ref.col) : undefined;
  }

  mergeAt(row: number, col: number): XlsxMerge | undefined {
    return this.merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);
  }
}

export function makeSheet(
  info: XlsxSheetInfo,
  cells: XlsxCell[],
  merges: XlsxMerge[],
  dimension: string | undefined,
): XlsxSheet {
  return new Sheet(info, cells, merges, dimension);
}
