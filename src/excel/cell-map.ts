/**
 * Which cell holds which template row, kept current while the user works (pure: no Excel.*).
 * Built from a ReadReport's cells (`'Biểu mẫu 3'!D12`) or from the CCHC_* names; moved along when rows
 * or columns are inserted or deleted, as Excel moves the names themselves.
 */
import { rowForName } from '../core/layout/names';
import { a1 } from '../core/recognise/grid';
import { MAX_COL, MAX_ROW, intersectRects, parseRect, quoteSheet, splitSheetAddress, type Rect } from './a1';

export interface CellPos {
  sheet: string;
  row: number;
  col: number;
}

export class CellMap {
  private readonly pos = new Map<string, CellPos>();
  private readonly at = new Map<string, string>();

  constructor(cells: Iterable<[string, string]> = []) {
    for (const [rowId, ref] of cells) {
      const { sheet, address } = splitSheetAddress(ref);
      const rect = parseRect(address);
      if (sheet && rect) this.set(rowId, { sheet, row: rect.r0, col: rect.c0 });
    }
  }

  /** From the workbook's defined names (`CCHC_BM3__3_2` → `='Biểu mẫu 3'!$D$22`); names pointing nowhere are left out. */
  static fromNames(names: { name: string; formula: string }[]): CellMap {
    const m = new CellMap();
    for (const n of names) {
      const rowId = rowForName(n.name);
      if (!rowId) continue;
      const { sheet, address } = splitSheetAddress(n.formula.replace(/^=/, ''));
      const rect = parseRect(address);
      if (sheet && rect) m.set(rowId, { sheet, row: rect.r0, col: rect.c0 });
    }
    return m;
  }

  private key(sheet: string, row: number, col: number): string {
    return `${sheet}\u0000${row}\u0000${col}`;
  }

  private set(rowId: string, p: CellPos): void {
    this.pos.set(rowId, p);
    this.at.set(this.key(p.sheet, p.row, p.col), rowId);
  }

  get size(): number {
    return this.pos.size;
  }

  rowIds(): string[] {
    return [...this.pos.keys()];
  }

  position(rowId: string): CellPos | undefined {
    return this.pos.get(rowId);
  }

  /** `'Biểu mẫu 3'!D12` */
  cellOf(rowId: string): string | undefined {
    const p = this.pos.get(rowId);
    return p && `${quoteSheet(p.sheet)}!${a1(p.row, p.col)}`;
  }

  rowAt(sheet: string, row: number, col: number): string | undefined {
    return this.at.get(this.key(sheet, row, col));
  }

  /** The map as rowId → `'Sheet'!A1` (what a ReadReport's `cells` holds). */
  cells(): Map<string, string> {
    return new Map(this.rowIds().map((id) => [id, this.cellOf(id)!]));
  }

  sheets(): string[] {
    return [...new Set([...this.pos.values()].map((p) => p.sheet))];
  }

  /** The smallest rectangle holding every mapped cell of a sheet. */
  bounds(sheet: string): Rect | undefined {
    let r: Rect | undefined;
    for (const p of this.pos.values()) {
      if (p.sheet !== sheet) continue;
      r = r
        ? { r0: Math.min(r.r0, p.row), c0: Math.min(r.c0, p.col), r1: Math.max(r.r1, p.row), c1: Math.max(r.c1, p.col) }
        : { r0: p.row, c0: p.col, r1: p.row, c1: p.col };
    }
    return r;
  }

  /** The mapped cells of a sheet inside `rect`. */
  rowsIn(sheet: string, rect: Rect): { rowId: string; row: number; col: number }[] {
    const out: { rowId: string; row: number; col: number }[] = [];
    for (const [rowId, p] of this.pos)
      if (p.sheet === sheet && p.row >= rect.r0 && p.row <= rect.r1 && p.col >= rect.c0 && p.col <= rect.c1)
        out.push({ rowId, row: p.row, col: p.col });
    return out.sort((a, b) => a.row - b.row || a.col - b.col);
  }

  /** The part of `rect` that can hold mapped cells (undefined: nothing of interest was touched). */
  clip(sheet: string, rect: Rect): Rect | undefined {
    const b = this.bounds(sheet);
    return b && intersectRects(b, rect);
  }

  renameSheet(from: string, to: string): CellMap {
    const m = new CellMap();
    for (const [id, p] of this.pos) m.set(id, { ...p, sheet: p.sheet === from ? to : p.sheet });
    return m;
  }

  /**
   * The map after Excel inserted or deleted cells on `sheet` (a change event's changeType and address):
   * cells below or right of the change move, cells inside a deleted range are gone (`removed`).
   */
  shifted(sheet: string, changeType: string, address: string, direction?: string): { map: CellMap; removed: string[] } {
    const rect = parseRect(address);
    const m = new CellMap();
    const removed: string[] = [];
    if (!rect) return { map: this, removed };
    const wholeRows = rect.c0 === 1 && rect.c1 === MAX_COL;
    const wholeCols = rect.r0 === 1 && rect.r1 === MAX_ROW;
    const rows = rect.r1 - rect.r0 + 1;
    const cols = rect.c1 - rect.c0 + 1;
    const vertical =
      changeType === 'RowInserted' ||
      changeType === 'RowDeleted' ||
      (!wholeCols && (direction === 'Down' || direction === 'Up'));
    const inserted = /Inserted$/.test(changeType);
    for (const [id, p] of this.pos) {
      if (p.sheet !== sheet) {
        m.set(id, p);
        continue;
      }
      let { row, col } = p;
      if (vertical && (wholeRows || (col >= rect.c0 && col <= rect.c1))) {
        if (inserted && row >= rect.r0) row += rows;
        else if (!inserted && row > rect.r1) row -= rows;
        else if (!inserted && row >= rect.r0) {
          removed.push(id);
          continue;
        }
      } else if (!vertical && (wholeCols || (row >= rect.r0 && row <= rect.r1))) {
        if (inserted && col >= rect.c0) col += cols;
        else if (!inserted && col > rect.c1) col -= cols;
        else if (!inserted && col >= rect.c0) {
          removed.push(id);
          continue;
        }
      }
      m.set(id, { sheet, row, col });
    }
    return { map: m, removed };
  }
}
