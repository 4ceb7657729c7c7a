/**
 * The XlsxSheet object: parsed cells with lookups by position and address. Lookups live
 * on the prototype and the index in a private field, so a sheet stays structured-clone
 * safe: a web worker can post a whole XlsxBook to the task pane (the copy arrives as
 * plain data, without the lookup methods).
 */
import { parseCellRef } from './address';
import type { SheetState, XlsxCell, XlsxMerge, XlsxSheet, XlsxSheetInfo, XlsxSheetKind } from './types';

const key = (row: number, col: number): number => row * 16385 + col;

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
    if (!this.#byPosition) {
      this.#byPosition = new Map();
      for (const c of this.cells) this.#byPosition.set(key(c.row, c.col), c);
    }
    return this.#byPosition.get(key(row, col));
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
