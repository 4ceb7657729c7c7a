/**
 * Range and what hangs off it: RangeFormat (font, fill, borders, protection), DataValidation and
 * ConditionalFormatCollection. Property and method names follow @types/office-js; semantics follow the
 * Excel JavaScript API reference (notes inline where the docs are silent and the simulator had to choose).
 */
import {
  MAX_COLS,
  MAX_ROWS,
  Rect,
  intersect,
  isEntireCols,
  isEntireRows,
  parseAddress,
  quoteSheet,
  rectA1,
  rectA1Abs,
  rectCols,
  rectRows,
} from './a1';
import {
  Exec,
  PropSpec,
  SimClientObject,
  SimCollection,
  SimRequestContext,
  checkApi,
  defineClass,
  queueResult,
} from './client';
import { normalizeColor } from './colors';
import { hostError, invalidArgument } from './errors';
import { EXCEL_ENUMS } from './generated';
import type {
  CellFormat,
  ConditionalFormatModel,
  DataValidationModel,
  RangeRef,
  SheetModel,
  WorkbookModel,
} from './model';

const M = (exec: Exec): WorkbookModel => exec.sim.model;

/** A resolver for a range derived from a parent proxy's entity. */
export function rangeFrom(
  ctx: SimRequestContext,
  parent: SimClientObject,
  derive: (parentEntity: any, exec: Exec) => { sheet: SheetModel; rect: Rect } | null,
  location: string,
): Range {
  return new Range(ctx, (exec) => {
    const p = parent._resolve(exec);
    if (p === null) return null;
    if ((p as SheetModel | RangeRef) && 'deleted' in p && (p as SheetModel).deleted)
      throw hostError('ItemNotFound', location, 'the worksheet was deleted');
    const r = derive(p, exec);
    return r && exec.sim._track(exec, r.sheet, r.rect);
  });
}

function checkRect(rect: Rect, location: string): Rect {
  if (
    rect.r0 < 0 ||
    rect.c0 < 0 ||
    rect.r1 >= MAX_ROWS ||
    rect.c1 >= MAX_COLS ||
    rect.r1 < rect.r0 ||
    rect.c1 < rect.c0
  )
    throw hostError('InvalidArgument', location, 'the range would fall outside the worksheet');
  return rect;
}

function grid2<T>(rect: Rect, f: (r: number, c: number) => T): T[][] {
  const out: T[][] = [];
  for (let r = rect.r0; r <= rect.r1; r++) {
    const row: T[] = [];
    for (let c = rect.c0; c <= rect.c1; c++) row.push(f(r, c));
    out.push(row);
  }
  return out;
}

/** A write of cell contents (values/formulas): protection, the write itself, and the onChanged event. */
export function writeContents(
  exec: Exec,
  ref: RangeRef,
  input: unknown,
  mode: 'values' | 'formulas',
  location: string,
): void {
  const m = M(exec);
  if (input === null) throw hostError('InvalidArgument', location, 'null is not a valid input for a whole property');
  m.assertAllowed(ref.sheet, 'cells', ref.rect, location);
  const single = rectRows(ref.rect) === 1 && rectCols(ref.rect) === 1;
  const before = single
    ? {
        value: m.valueAt(ref.sheet, ref.rect.r0, ref.rect.c0),
        type: m.valueTypeAt(ref.sheet, ref.rect.r0, ref.rect.c0),
      }
    : undefined;
  if (!m.write(ref.sheet, ref.rect, input, mode, location)) return;
  const after = single
    ? {
        value: m.valueAt(ref.sheet, ref.rect.r0, ref.rect.c0),
        type: m.valueTypeAt(ref.sheet, ref.rect.r0, ref.rect.c0),
      }
    : undefined;
  exec.sim._raiseChanged(
    ref.sheet,
    ref.rect,
    'RangeEdited',
    'ThisLocalAddin',
    before && after ? { before, after } : undefined,
  );
}

function patchFmt(
  exec: Exec,
  ref: RangeRef,
  location: string,
  patch: (f: CellFormat) => void,
  what: 'format' | 'formatRows' | 'formatColumns' = 'format',
): void {
  M(exec).assertAllowed(ref.sheet, what, ref.rect, location);
  M(exec).patchFormat(ref.sheet, ref.rect, patch);
}

// ==================================================================== Range

export class Range extends SimClientObject {
  declare values: any[][];
  declare formulas: any[][];
  declare formulasLocal: any[][];
  declare numberFormat: any[][];
  declare numberFormatLocal: any[][];
  declare readonly text: string[][];
  declare readonly valueTypes: string[][];
  declare readonly address: string;
  declare readonly addressLocal: string;
  declare readonly rowCount: number;
  declare readonly columnCount: number;
  declare readonly cellCount: number;
  declare readonly rowIndex: number;
  declare readonly columnIndex: number;
  declare rowHidden: boolean;
  declare columnHidden: boolean;
  declare readonly format: RangeFormat;
  declare readonly dataValidation: DataValidation;
  declare readonly conditionalFormats: ConditionalFormatCollection;
  declare readonly worksheet: any;

  private derive(
    name: string,
    f: (ref: RangeRef, exec: Exec) => Rect | null,
    sheetOf?: (ref: RangeRef) => SheetModel,
  ): Range {
    const location = `Range.${name}`;
    checkApi(this.context, location);
    return rangeFrom(
      this.context,
      this,
      (ref: RangeRef, exec) => {
        const rect = f(ref, exec);
        return rect && { sheet: sheetOf ? sheetOf(ref) : ref.sheet, rect: checkRect(rect, location) };
      },
      location,
    );
  }

  private other(arg: unknown, exec: Exec, location: string): RangeRef {
    if (arg instanceof Range) {
      if (arg.context !== this.context) throw hostError('InvalidRequestContext', location);
      const r = arg._resolve(exec);
      if (!r) throw hostError('ItemNotFound', location);
      return r;
    }
    if (typeof arg === 'string') {
      const self = this._resolve(exec) as RangeRef;
      const p = parseAddress(arg);
      if (!p) throw hostError('InvalidArgument', location, `"${arg}" is not an address`);
      const sheet = p.sheet ? M(exec).sheetByName(p.sheet) : self.sheet;
      if (!sheet) throw hostError('ItemNotFound', location, `no sheet "${p.sheet}"`);
      return { sheet, rect: p.rect };
    }
    throw invalidArgument(location);
  }

  getCell(row: number, column: number): Range {
    return this.derive('getCell', (ref) => ({
      r0: ref.rect.r0 + row,
      c0: ref.rect.c0 + column,
      r1: ref.rect.r0 + row,
      c1: ref.rect.c0 + column,
    }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this.derive('getOffsetRange', (ref) => ({
      r0: ref.rect.r0 + rowOffset,
      r1: ref.rect.r1 + rowOffset,
      c0: ref.rect.c0 + columnOffset,
      c1: ref.rect.c1 + columnOffset,
    }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this.derive('getResizedRange', (ref) => ({
      ...ref.rect,
      r1: ref.rect.r1 + deltaRows,
      c1: ref.rect.c1 + deltaColumns,
    }));
  }

  getAbsoluteResizedRange(numRows: number, numColumns: number): Range {
    return this.derive('getAbsoluteResizedRange', (ref) => ({
      ...ref.rect,
      r1: ref.rect.r0 + numRows - 1,
      c1: ref.rect.c0 + numColumns - 1,
    }));
  }

  getEntireRow(): Range {
    return this.derive('getEntireRow', (ref) => ({ r0: ref.rect.r0, r1: ref.rect.r1, c0: 0, c1: MAX_COLS - 1 }));
  }

  getEntireColumn(): Range {
    return this.derive('getEntireColumn', (ref) => ({ r0: 0, r1: MAX_ROWS - 1, c0: ref.rect.c0, c1: ref.rect.c1 }));
  }

  getRow(row: number): Range {
    return this.derive('getRow', (ref) => ({ ...ref.rect, r0: ref.rect.r0 + row, r1: ref.rect.r0 + row }));
  }

  getColumn(column: number): Range {
    return this.derive('getColumn', (ref) => ({ ...ref.rect, c0: ref.rect.c0 + column, c1: ref.rect.c0 + column }));
  }

  getLastCell(): Range {
    return this.derive('getLastCell', (ref) => ({
      r0: ref.rect.r1,
      r1: ref.rect.r1,
      c0: ref.rect.c1,
      c1: ref.rect.c1,
    }));
  }

  getLastRow(): Range {
    return this.derive('getLastRow', (ref) => ({ ...ref.rect, r0: ref.rect.r1 }));
  }

  getLastColumn(): Range {
    return this.derive('getLastColumn', (ref) => ({ ...ref.rect, c0: ref.rect.c1 }));
  }

  getRowsAbove(count = 1): Range {
    return this.derive('getRowsAbove', (ref) => ({ ...ref.rect, r0: ref.rect.r0 - count, r1: ref.rect.r0 - 1 }));
  }

  getRowsBelow(count = 1): Range {
    return this.derive('getRowsBelow', (ref) => ({ ...ref.rect, r0: ref.rect.r1 + 1, r1: ref.rect.r1 + count }));
  }

  getColumnsBefore(count = 1): Range {
    return this.derive('getColumnsBefore', (ref) => ({ ...ref.rect, c0: ref.rect.c0 - count, c1: ref.rect.c0 - 1 }));
  }

  getColumnsAfter(count = 1): Range {
    return this.derive('getColumnsAfter', (ref) => ({ ...ref.rect, c0: ref.rect.c1 + 1, c1: ref.rect.c1 + count }));
  }

  getBoundingRect(anotherRange: Range | string): Range {
    return this.derive('getBoundingRect', (ref, exec) => {
      const o = this.other(anotherRange, exec, 'Range.getBoundingRect');
      if (o.sheet !== ref.sheet)
        throw hostError('InvalidArgument', 'Range.getBoundingRect', 'ranges on different sheets');
      return {
        r0: Math.min(ref.rect.r0, o.rect.r0),
        c0: Math.min(ref.rect.c0, o.rect.c0),
        r1: Math.max(ref.rect.r1, o.rect.r1),
        c1: Math.max(ref.rect.c1, o.rect.c1),
      };
    });
  }

  getIntersection(anotherRange: Range | string): Range {
    return this.derive('getIntersection', (ref, exec) => {
      const o = this.other(anotherRange, exec, 'Range.getIntersection');
      const i = o.sheet === ref.sheet ? intersect(ref.rect, o.rect) : undefined;
      if (!i) throw hostError('ItemNotFound', 'Range.getIntersection', 'the ranges do not intersect');
      return i;
    });
  }

  getIntersectionOrNullObject(anotherRange: Range | string): Range {
    return this.derive('getIntersectionOrNullObject', (ref, exec) => {
      const o = this.other(anotherRange, exec, 'Range.getIntersectionOrNullObject');
      return (o.sheet === ref.sheet ? intersect(ref.rect, o.rect) : undefined) ?? null;
    })._probeNull();
  }

  getUsedRange(valuesOnly = false): Range {
    return this.derive('getUsedRange', (ref, exec) => {
      const used = M(exec).usedRect(ref.sheet, valuesOnly);
      const i = used && intersect(used, ref.rect);
      if (!i) throw hostError('ItemNotFound', 'Range.getUsedRange', 'the range is empty');
      return i;
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): Range {
    return this.derive('getUsedRangeOrNullObject', (ref, exec) => {
      const used = M(exec).usedRect(ref.sheet, valuesOnly);
      return (used && intersect(used, ref.rect)) ?? null;
    })._probeNull();
  }

  /** Inserts cells here and returns the new (blank) range; existing cells shift down or right. */
  insert(shift: string): Range {
    checkApi(this.context, 'Range.insert');
    const location = 'Range.insert';
    const result = new Range(this.context, () => null);
    this._queue(location, { method: location, args: [shift] }, (exec) => {
      const ref = this._resolve(exec) as RangeRef | null;
      if (!ref) return;
      const rect = { ...ref.rect };
      const sheet = ref.sheet;
      const m = M(exec);
      let changeType: string;
      if (shift === 'Down') {
        const entire = isEntireRows(rect);
        m.assertAllowed(sheet, entire ? 'insertRows' : 'structure', rect, location);
        m.shiftRows(sheet, rect.r0, rectRows(rect), entire ? undefined : [rect.c0, rect.c1], location);
        changeType = entire ? 'RowInserted' : 'CellInserted';
      } else if (shift === 'Right') {
        const entire = isEntireCols(rect);
        m.assertAllowed(sheet, entire ? 'insertColumns' : 'structure', rect, location);
        m.shiftCols(sheet, rect.c0, rectCols(rect), entire ? undefined : [rect.r0, rect.r1], location);
        changeType = entire ? 'ColumnInserted' : 'CellInserted';
      } else throw hostError('InvalidArgument', location, `shift "${shift}" (use "Down" or "Right")`);
      result._cache = { entity: exec.sim._track(exec, sheet, rect) };
      exec.sim._raiseChanged(sheet, rect, changeType, 'ThisLocalAddin', undefined, shift);
    });
    return result;
  }

  delete(shift: string): void {
    const location = 'Range.delete';
    this._method(location, [shift], (ref: RangeRef, exec) => {
      const rect = { ...ref.rect };
      const m = M(exec);
      let changeType: string;
      if (shift === 'Up') {
        const entire = isEntireRows(rect);
        m.assertAllowed(ref.sheet, entire ? 'deleteRows' : 'structure', rect, location);
        m.shiftRows(ref.sheet, rect.r0, -rectRows(rect), entire ? undefined : [rect.c0, rect.c1], location);
        changeType = entire ? 'RowDeleted' : 'CellDeleted';
      } else if (shift === 'Left') {
        const entire = isEntireCols(rect);
        m.assertAllowed(ref.sheet, entire ? 'deleteColumns' : 'structure', rect, location);
        m.shiftCols(ref.sheet, rect.c0, -rectCols(rect), entire ? undefined : [rect.r0, rect.r1], location);
        changeType = entire ? 'ColumnDeleted' : 'CellDeleted';
      } else throw hostError('InvalidArgument', location, `shift "${shift}" (use "Up" or "Left")`);
      exec.sim._raiseChanged(ref.sheet, rect, changeType, 'ThisLocalAddin', undefined, shift);
    });
  }

  /**
   * applyTo: "All" (default), "Contents", "Formats". Judgement: clearing formats also unmerges (as
   * Excel's Clear Formats does) and leaves data validation and conditional formats alone.
   */
  clear(applyTo = 'All'): void {
    const location = 'Range.clear';
    this._method(location, [applyTo], (ref: RangeRef, exec) => {
      const m = M(exec);
      if (applyTo === 'All' || applyTo === 'Contents') {
        m.assertAllowed(ref.sheet, 'cells', ref.rect, location);
        m.clearContents(ref.sheet, ref.rect);
        exec.sim._raiseChanged(ref.sheet, ref.rect, 'RangeEdited', 'ThisLocalAddin');
      }
      if (applyTo === 'All' || applyTo === 'Formats') {
        m.assertAllowed(ref.sheet, 'format', ref.rect, location);
        for (const k of [...ref.sheet.cellFmt.keys()]) {
          const r = Math.floor(k / MAX_COLS);
          const c = k % MAX_COLS;
          if (r >= ref.rect.r0 && r <= ref.rect.r1 && c >= ref.rect.c0 && c <= ref.rect.c1) ref.sheet.cellFmt.delete(k);
        }
        m.unmerge(ref.sheet, ref.rect);
      }
    });
  }

  merge(across = false): void {
    this._method('Range.merge', [across], (ref: RangeRef, exec) => {
      M(exec).assertAllowed(ref.sheet, 'format', ref.rect, 'Range.merge');
      M(exec).merge(ref.sheet, ref.rect, across);
    });
  }

  unmerge(): void {
    this._method('Range.unmerge', [], (ref: RangeRef, exec) => {
      M(exec).assertAllowed(ref.sheet, 'format', ref.rect, 'Range.unmerge');
      M(exec).unmerge(ref.sheet, ref.rect);
    });
  }

  select(): void {
    this._method('Range.select', [], (ref: RangeRef, exec) => {
      const m = M(exec);
      m.activate(ref.sheet, 'Range.select');
      m.selection = { sheet: ref.sheet, rect: { ...ref.rect } };
    });
  }

  calculate(): void {
    this._method('Range.calculate', [], () => undefined);
  }

  /** The merged areas inside this range, as an address list ("Sheet1!A1:B1, Sheet1!A3:C3"), or null. Simulator helper shape: a ClientResult. */
  getMergedAreasOrNullObject(): MergedAreas {
    checkApi(this.context, 'Range.getMergedAreasOrNullObject');
    return new MergedAreas(this.context, (exec) => {
      const ref = this._resolve(exec) as RangeRef | null;
      if (!ref) return null;
      const areas = ref.sheet.merges.filter((m) => intersect(m, ref.rect));
      return areas.length ? { sheet: ref.sheet, areas } : null;
    })._probeNull();
  }
}

const cellProp = (
  name: string,
  read: (m: WorkbookModel, ref: RangeRef) => unknown,
  write?: (exec: Exec, ref: RangeRef, v: any) => void,
  explicitOnly = false,
): PropSpec => ({
  name,
  get: (ref: RangeRef, exec) => read(M(exec), ref),
  set: write && ((ref: RangeRef, v, exec) => write(exec, ref, v)),
  explicitOnly,
});

function readNumberFormats(m: WorkbookModel, ref: RangeRef): string[][] {
  return grid2(ref.rect, (r, c) => m.formatAt(ref.sheet, r, c).numberFormat ?? 'General');
}

function writeNumberFormats(exec: Exec, ref: RangeRef, input: unknown, location: string): void {
  const m = M(exec);
  if (input === null) throw hostError('InvalidArgument', location, 'null is not a valid input for a whole property');
  m.assertAllowed(ref.sheet, 'format', ref.rect, location);
  const at = m.shapeInput(input, rectRows(ref.rect), rectCols(ref.rect), location);
  if (!Array.isArray(input)) {
    const v = input === '' ? undefined : String(input);
    m.patchFormat(ref.sheet, ref.rect, (f) => {
      if (v === undefined || v === 'General') delete f.numberFormat;
      else f.numberFormat = v;
    });
    return;
  }
  m.patchFormat(ref.sheet, ref.rect, (f, r, c) => {
    const v = at(r - ref.rect.r0, c - ref.rect.c0);
    if (v === null || v === undefined) return;
    if (v === '' || v === 'General') delete f.numberFormat;
    else f.numberFormat = String(v);
  });
}

function lineFlag(set: Set<number>, lo: number, hi: number): boolean | null {
  let any = false;
  let all = true;
  for (let i = lo; i <= hi; i++) {
    if (set.has(i)) any = true;
    else all = false;
    if (any && !all) return null;
  }
  return all;
}

defineClass(
  Range,
  'Range',
  [
    cellProp('address', (_m, ref) => `${quoteSheet(ref.sheet.name)}!${rectA1(ref.rect)}`),
    cellProp('addressLocal', (_m, ref) => `${quoteSheet(ref.sheet.name)}!${rectA1(ref.rect)}`),
    cellProp('rowCount', (_m, ref) => rectRows(ref.rect)),
    cellProp('columnCount', (_m, ref) => rectCols(ref.rect)),
    cellProp('cellCount', (_m, ref) => rectRows(ref.rect) * rectCols(ref.rect)),
    cellProp('rowIndex', (_m, ref) => ref.rect.r0),
    cellProp('columnIndex', (_m, ref) => ref.rect.c0),
    cellProp('isEntireRow', (_m, ref) => isEntireRows(ref.rect)),
    cellProp('isEntireColumn', (_m, ref) => isEntireCols(ref.rect)),
    cellProp(
      'values',
      (m, ref) => m.values(ref.sheet, ref.rect),
      (exec, ref, v) => writeContents(exec, ref, v, 'values', 'Range.values'),
    ),
    cellProp(
      'formulas',
      (m, ref) => m.formulas(ref.sheet, ref.rect),
      (exec, ref, v) => writeContents(exec, ref, v, 'formulas', 'Range.formulas'),
    ),
    cellProp(
      'formulasLocal',
      (m, ref) => m.formulas(ref.sheet, ref.rect),
      (exec, ref, v) => writeContents(exec, ref, v, 'formulas', 'Range.formulasLocal'),
    ),
    cellProp('numberFormat', readNumberFormats, (exec, ref, v) =>
      writeNumberFormats(exec, ref, v, 'Range.numberFormat'),
    ),
    cellProp('numberFormatLocal', readNumberFormats, (exec, ref, v) =>
      writeNumberFormats(exec, ref, v, 'Range.numberFormatLocal'),
    ),
    cellProp('text', (m, ref) => grid2(ref.rect, (r, c) => m.textAt(ref.sheet, r, c))),
    cellProp('valueTypes', (m, ref) => grid2(ref.rect, (r, c) => m.valueTypeAt(ref.sheet, r, c))),
    cellProp(
      'rowHidden',
      (_m, ref) => lineFlag(ref.sheet.hiddenRows, ref.rect.r0, ref.rect.r1),
      (exec, ref, v: boolean) => {
        M(exec).assertAllowed(ref.sheet, 'formatRows', ref.rect, 'Range.rowHidden');
        for (let r = ref.rect.r0; r <= ref.rect.r1; r++)
          if (v) ref.sheet.hiddenRows.add(r);
          else ref.sheet.hiddenRows.delete(r);
      },
    ),
    cellProp(
      'columnHidden',
      (_m, ref) => lineFlag(ref.sheet.hiddenCols, ref.rect.c0, ref.rect.c1),
      (exec, ref, v: boolean) => {
        M(exec).assertAllowed(ref.sheet, 'formatColumns', ref.rect, 'Range.columnHidden');
        for (let c = ref.rect.c0; c <= ref.rect.c1; c++)
          if (v) ref.sheet.hiddenCols.add(c);
          else ref.sheet.hiddenCols.delete(c);
      },
    ),
    cellProp('hidden', (_m, ref) => {
      const rows = lineFlag(ref.sheet.hiddenRows, ref.rect.r0, ref.rect.r1);
      const cols = lineFlag(ref.sheet.hiddenCols, ref.rect.c0, ref.rect.c1);
      return rows === true || cols === true ? true : rows === false && cols === false ? false : null;
    }),
    cellProp('height', (m, ref) => sumLines(ref.rect.r0, ref.rect.r1, (r) => m.rowHeight(ref.sheet, r))),
    cellProp('width', (m, ref) => sumLines(ref.rect.c0, ref.rect.c1, (c) => m.colWidth(ref.sheet, c))),
    cellProp('top', (m, ref) => sumLines(0, ref.rect.r0 - 1, (r) => m.rowHeight(ref.sheet, r))),
    cellProp('left', (m, ref) => sumLines(0, ref.rect.c0 - 1, (c) => m.colWidth(ref.sheet, c))),
  ],
  {
    format: (p) => new RangeFormat(p.context, (exec) => p._resolve(exec), false),
    dataValidation: (p) => new DataValidation(p.context, (exec) => p._resolve(exec), false),
    conditionalFormats: (p) => new ConditionalFormatCollection(p.context, (exec) => p._resolve(exec), false),
    worksheet: (p) => makeWorksheetProxy(p.context, (exec) => (p._resolve(exec) as RangeRef | null)?.sheet ?? null),
  },
);

function sumLines(lo: number, hi: number, f: (i: number) => number): number {
  let s = 0;
  for (let i = lo; i <= hi; i++) s += f(i);
  return Math.round(s * 100) / 100;
}

/** Set by api-sheet (avoids a circular import at module load). */
export let makeWorksheetProxy: (
  ctx: SimRequestContext,
  resolver: (exec: Exec) => SheetModel | null,
) => SimClientObject = () => {
  throw new Error('simulator bug: worksheet proxy factory not installed');
};
export function installWorksheetProxyFactory(f: typeof makeWorksheetProxy): void {
  makeWorksheetProxy = f;
}

/** `Range.getMergedAreasOrNullObject()` result: a RangeAreas with `address`, `areaCount`, `cellCount`. */
export class MergedAreas extends SimClientObject {
  declare readonly address: string;
  declare readonly areaCount: number;
}
defineClass(MergedAreas, 'RangeAreas', [
  {
    name: 'address',
    get: (e: { sheet: SheetModel; areas: Rect[] }) =>
      e.areas.map((a) => `${quoteSheet(e.sheet.name)}!${rectA1(a)}`).join(', '),
  },
  { name: 'areaCount', get: (e: { areas: Rect[] }) => e.areas.length },
  { name: 'cellCount', get: (e: { areas: Rect[] }) => e.areas.reduce((n, a) => n + rectRows(a) * rectCols(a), 0) },
]);

// ==================================================================== RangeFormat and children

export class RangeFormat extends SimClientObject {
  declare columnWidth: number;
  declare rowHeight: number;
  declare horizontalAlignment: string;
  declare verticalAlignment: string;
  declare wrapText: boolean;
  declare indentLevel: number;
  declare readonly font: RangeFont;
  declare readonly fill: RangeFill;
  declare readonly borders: RangeBorderCollection;
  declare readonly protection: FormatProtection;

  autofitRows(): void {
    this._method('RangeFormat.autofitRows', [], (ref: RangeRef, exec) => {
      M(exec).assertAllowed(ref.sheet, 'formatRows', ref.rect, 'RangeFormat.autofitRows');
      // The row goes back to Excel's automatic height (see WorkbookModel.autoRowHeight: an estimate).
      for (let r = ref.rect.r0; r <= Math.min(ref.rect.r1, ref.rect.r0 + 100_000); r++) ref.sheet.rowHeights.delete(r);
    });
  }

  autofitColumns(): void {
    this._method('RangeFormat.autofitColumns', [], (ref: RangeRef, exec) => {
      const m = M(exec);
      m.assertAllowed(ref.sheet, 'formatColumns', ref.rect, 'RangeFormat.autofitColumns');
      const used = m.usedRect(ref.sheet, true);
      for (let c = ref.rect.c0; c <= Math.min(ref.rect.c1, ref.rect.c0 + 1000); c++) {
        let w = 0;
        if (used)
          for (let r = Math.max(used.r0, ref.rect.r0); r <= Math.min(used.r1, ref.rect.r1); r++) {
            if (
              ref.sheet.merges.some(
                (mg) => r >= mg.r0 && r <= mg.r1 && c >= mg.c0 && c <= mg.c1 && (mg.c0 !== mg.c1 || mg.r0 !== mg.r1),
              )
            )
              continue;
            const f = m.formatAt(ref.sheet, r, c);
            const size = f.fontSize ?? m.opts.defaultFont.size;
            const longest = Math.max(
              0,
              ...m
                .textAt(ref.sheet, r, c)
                .split('\n')
                .map((l) => l.length),
            );
            w = Math.max(w, longest * size * (f.bold ? 0.55 : 0.5) + 5.25);
          }
        if (w > 0) ref.sheet.colWidths.set(c, Math.min(409.5, Math.round(w / 0.75) * 0.75));
      }
    });
  }
}

function commonLine(lo: number, hi: number, f: (i: number) => number): number | null {
  const first = f(lo);
  for (let i = lo + 1; i <= Math.min(hi, lo + 20000); i++) if (f(i) !== first) return null;
  return first;
}

const fmtProp = (
  name: string,
  read: (f: CellFormat, m: WorkbookModel) => unknown,
  write: (f: CellFormat, v: any) => void,
  check?: (v: any, location: string) => void,
): PropSpec => ({
  name,
  get: (ref: RangeRef, exec) => M(exec).commonFormat(ref.sheet, ref.rect, (f) => read(f, M(exec))),
  set: (ref: RangeRef, v, exec) => {
    check?.(v, `${name}`);
    patchFmt(exec, ref, name, (f) => write(f, v));
  },
});

const enumCheck = (values: Record<string, string>, what: string) => (v: any, location: string) => {
  if (!Object.values(values).includes(v))
    throw hostError('InvalidArgument', location, `${what} "${v}" (one of ${Object.values(values).join(', ')})`);
};

defineClass(
  RangeFormat,
  'RangeFormat',
  [
    {
      name: 'columnWidth',
      get: (ref: RangeRef, exec) => commonLine(ref.rect.c0, ref.rect.c1, (c) => M(exec).colWidth(ref.sheet, c)),
      set: (ref: RangeRef, v: number, exec) => {
        if (typeof v !== 'number' || v < 0 || v > 409.5 * 4)
          throw hostError('InvalidArgument', 'RangeFormat.columnWidth', `width ${v}`);
        M(exec).assertAllowed(ref.sheet, 'formatColumns', ref.rect, 'RangeFormat.columnWidth');
        for (let c = ref.rect.c0; c <= ref.rect.c1; c++) ref.sheet.colWidths.set(c, v);
      },
    },
    {
      name: 'rowHeight',
      get: (ref: RangeRef, exec) => commonLine(ref.rect.r0, ref.rect.r1, (r) => M(exec).rowHeight(ref.sheet, r)),
      set: (ref: RangeRef, v: number, exec) => {
        if (typeof v !== 'number' || v < 0 || v > 409.5)
          throw hostError('InvalidArgument', 'RangeFormat.rowHeight', `height ${v} (0–409.5 points)`);
        M(exec).assertAllowed(ref.sheet, 'formatRows', ref.rect, 'RangeFormat.rowHeight');
        for (let r = ref.rect.r0; r <= Math.min(ref.rect.r1, ref.rect.r0 + 100_000); r++)
          ref.sheet.rowHeights.set(r, v);
      },
    },
    {
      name: 'useStandardHeight',
      get: (ref: RangeRef, exec) => {
        const h = commonLine(ref.rect.r0, ref.rect.r1, (r) => M(exec).rowHeight(ref.sheet, r));
        return h === null ? null : h === M(exec).standardHeight();
      },
      set: (ref: RangeRef, v: boolean, exec) => {
        if (!v) return;
        for (let r = ref.rect.r0; r <= ref.rect.r1; r++) ref.sheet.rowHeights.set(r, M(exec).standardHeight());
      },
    },
    {
      name: 'useStandardWidth',
      get: (ref: RangeRef, exec) => {
        const w = commonLine(ref.rect.c0, ref.rect.c1, (c) => M(exec).colWidth(ref.sheet, c));
        return w === null ? null : w === M(exec).standardWidth();
      },
      set: (ref: RangeRef, v: boolean) => {
        if (v) for (let c = ref.rect.c0; c <= ref.rect.c1; c++) ref.sheet.colWidths.delete(c);
      },
    },
    fmtProp(
      'horizontalAlignment',
      (f) => f.hAlign ?? 'General',
      (f, v) => (f.hAlign = v),
      enumCheck(EXCEL_ENUMS.HorizontalAlignment, 'horizontal alignment'),
    ),
    fmtProp(
      'verticalAlignment',
      (f) => f.vAlign ?? 'Bottom',
      (f, v) => (f.vAlign = v),
      enumCheck(EXCEL_ENUMS.VerticalAlignment, 'vertical alignment'),
    ),
    fmtProp(
      'wrapText',
      (f) => f.wrapText ?? false,
      (f, v) => (f.wrapText = !!v),
    ),
    fmtProp(
      'indentLevel',
      (f) => f.indentLevel ?? 0,
      (f, v) => (f.indentLevel = Number(v)),
    ),
    fmtProp(
      'shrinkToFit',
      () => false,
      () => undefined,
    ),
    fmtProp(
      'textOrientation',
      () => 0,
      () => undefined,
    ),
  ],
  {
    font: (p) => new RangeFont(p.context, (exec) => p._resolve(exec), false),
    fill: (p) => new RangeFill(p.context, (exec) => p._resolve(exec), false),
    borders: (p) => new RangeBorderCollection(p.context, (exec) => p._resolve(exec), false),
    protection: (p) => new FormatProtection(p.context, (exec) => p._resolve(exec), false),
  },
);

export class RangeFont extends SimClientObject {
  declare name: string;
  declare size: number;
  declare bold: boolean;
  declare italic: boolean;
  declare color: string;
  declare underline: string;
  declare strikethrough: boolean;
}
defineClass(RangeFont, 'RangeFont', [
  fmtProp(
    'name',
    (f, m) => f.fontName ?? m.opts.defaultFont.name,
    (f, v) => (f.fontName = String(v)),
  ),
  fmtProp(
    'size',
    (f, m) => f.fontSize ?? m.opts.defaultFont.size,
    (f, v) => (f.fontSize = Number(v)),
    (v, l) => {
      if (typeof v !== 'number' || v < 1 || v > 409) throw hostError('InvalidArgument', l, `font size ${v}`);
    },
  ),
  fmtProp(
    'bold',
    (f) => f.bold ?? false,
    (f, v) => (f.bold = !!v),
  ),
  fmtProp(
    'italic',
    (f) => f.italic ?? false,
    (f, v) => (f.italic = !!v),
  ),
  fmtProp(
    'strikethrough',
    (f) => f.strikethrough ?? false,
    (f, v) => (f.strikethrough = !!v),
  ),
  fmtProp(
    'underline',
    (f) => f.underline ?? 'None',
    (f, v) => (f.underline = v),
    enumCheck(EXCEL_ENUMS.RangeUnderlineStyle, 'underline'),
  ),
  {
    name: 'color',
    get: (ref: RangeRef, exec) => M(exec).commonFormat(ref.sheet, ref.rect, (f) => f.fontColor ?? '#000000'),
    set: (ref: RangeRef, v, exec) => {
      const c = normalizeColor(v, 'RangeFont.color');
      patchFmt(exec, ref, 'RangeFont.color', (f) => (f.fontColor = c));
    },
  },
]);

export class RangeFill extends SimClientObject {
  declare color: string;
  clear(): void {
    this._method('RangeFill.clear', [], (ref: RangeRef, exec) =>
      patchFmt(exec, ref, 'RangeFill.clear', (f) => delete f.fill),
    );
  }
}
defineClass(RangeFill, 'RangeFill', [
  {
    name: 'color',
    // Office.js reports "#FFFFFF" for a range without fill.
    get: (ref: RangeRef, exec) => M(exec).commonFormat(ref.sheet, ref.rect, (f) => f.fill ?? '#FFFFFF'),
    set: (ref: RangeRef, v, exec) => {
      const c = normalizeColor(v, 'RangeFill.color');
      patchFmt(exec, ref, 'RangeFill.color', (f) => (f.fill = c));
    },
  },
]);

const BORDER_ORDER = [
  'EdgeTop',
  'EdgeBottom',
  'EdgeLeft',
  'EdgeRight',
  'InsideVertical',
  'InsideHorizontal',
  'DiagonalDown',
  'DiagonalUp',
];

export class RangeBorderCollection extends SimCollection<RangeBorder> {
  declare readonly count: number;
  getItem(index: string): RangeBorder {
    checkApi(this.context, 'RangeBorderCollection.getItem');
    if (!BORDER_ORDER.includes(index))
      throw invalidArgument('RangeBorderCollection.getItem', `border index "${index}"`);
    return new RangeBorder(
      this.context,
      (exec) => {
        const ref = this._resolve(exec);
        return ref && { ref, side: index };
      },
      false,
    );
  }
  getItemAt(index: number): RangeBorder {
    return this.getItem(BORDER_ORDER[index]);
  }
  _entities(ref: RangeRef): unknown[] {
    return BORDER_ORDER.map((side) => ({ ref, side }));
  }
  _itemProxy(): RangeBorder {
    return new RangeBorder(this.context, () => null);
  }
}
defineClass(
  RangeBorderCollection,
  'RangeBorderCollection',
  [{ name: 'count', get: () => BORDER_ORDER.length }],
  {},
  true,
);

interface BorderEntity {
  ref: RangeRef;
  side: string;
}
const borderProp = (name: 'style' | 'weight' | 'color', check: (v: any) => any): PropSpec => ({
  name,
  get: (e: BorderEntity, exec) => M(exec).readBorder(e.ref.sheet, e.ref.rect, e.side)?.[name] ?? null,
  set: (e: BorderEntity, v, exec) => {
    const value = check(v);
    M(exec).assertAllowed(e.ref.sheet, 'format', e.ref.rect, `RangeBorder.${name}`);
    M(exec).setBorder(e.ref.sheet, e.ref.rect, e.side, { [name]: value });
  },
});
export class RangeBorder extends SimClientObject {
  declare style: string;
  declare weight: string;
  declare color: string;
  declare readonly sideIndex: string;
}
defineClass(RangeBorder, 'RangeBorder', [
  { name: 'sideIndex', get: (e: BorderEntity) => e.side },
  borderProp('style', (v) => {
    enumCheck(EXCEL_ENUMS.BorderLineStyle, 'border style')(v, 'RangeBorder.style');
    return v;
  }),
  borderProp('weight', (v) => {
    enumCheck(EXCEL_ENUMS.BorderWeight, 'border weight')(v, 'RangeBorder.weight');
    return v;
  }),
  borderProp('color', (v) => normalizeColor(v, 'RangeBorder.color')),
]);

export class FormatProtection extends SimClientObject {
  declare locked: boolean;
  declare formulaHidden: boolean;
}
const protProp = (name: 'locked' | 'formulaHidden', dflt: boolean): PropSpec => ({
  name,
  get: (ref: RangeRef, exec) => M(exec).commonFormat(ref.sheet, ref.rect, (f) => f[name] ?? dflt),
  set: (ref: RangeRef, v, exec) => {
    // Excel does not let the lock state change while the sheet is protected.
    M(exec).assertAllowed(ref.sheet, 'structure', ref.rect, `FormatProtection.${name}`);
    M(exec).patchFormat(ref.sheet, ref.rect, (f) => (f[name] = !!v));
  },
});
defineClass(FormatProtection, 'FormatProtection', [protProp('locked', true), protProp('formulaHidden', false)]);

// ==================================================================== DataValidation

const RULE_TYPES: Record<string, string> = {
  wholeNumber: 'WholeNumber',
  decimal: 'Decimal',
  list: 'List',
  date: 'Date',
  time: 'Time',
  textLength: 'TextLength',
  custom: 'Custom',
};

function validationsOf(m: WorkbookModel, ref: RangeRef): { entries: DataValidationModel[]; uncovered: boolean } {
  const entries = new Set<DataValidationModel>();
  let uncovered = false;
  for (const [r, c] of m.sampleCells(ref.sheet, ref.rect)) {
    const v = m.validationAt(ref.sheet, r, c);
    if (v) entries.add(v);
    else uncovered = true;
    if (entries.size > 1 && uncovered) break;
  }
  return { entries: [...entries], uncovered };
}

function sameRule(a: DataValidationModel, b: DataValidationModel): boolean {
  return (
    JSON.stringify(a.rule) === JSON.stringify(b.rule) &&
    JSON.stringify(a.errorAlert) === JSON.stringify(b.errorAlert) &&
    a.ignoreBlanks === b.ignoreBlanks
  );
}

/** The validation if all cells share one (same settings), undefined if none, null if inconsistent. */
function consistent(m: WorkbookModel, ref: RangeRef): DataValidationModel | undefined | null {
  const { entries, uncovered } = validationsOf(m, ref);
  if (entries.length === 0) return undefined;
  if (uncovered || entries.some((e) => !sameRule(e, entries[0]))) return null;
  return entries[0];
}

function normalizeRule(rule: any, exec: Exec, location: string): Record<string, any> {
  if (!rule || typeof rule !== 'object') throw hostError('InvalidArgument', location, 'the rule must be an object');
  const keys = Object.keys(rule).filter((k) => rule[k] !== undefined && rule[k] !== null);
  if (keys.length !== 1 || !RULE_TYPES[keys[0]])
    throw hostError(
      'InvalidArgument',
      location,
      `a DataValidationRule holds exactly one of ${Object.keys(RULE_TYPES).join(', ')} (got ${keys.join(', ') || 'none'})`,
    );
  const type = keys[0];
  const spec = { ...rule[type] };
  if (type === 'list') {
    if (spec.source instanceof Range) {
      const ref = spec.source._resolve(exec) as RangeRef;
      spec.source = `=${quoteSheet(ref.sheet.name)}!${rectA1Abs(ref.rect)}`;
    }
    if (typeof spec.source !== 'string' || spec.source === '')
      throw hostError('InvalidArgument', location, 'a list rule needs a source');
    spec.inCellDropDown = spec.inCellDropDown ?? true;
  } else if (type === 'custom') {
    if (typeof spec.formula !== 'string' || !spec.formula)
      throw hostError('InvalidArgument', location, 'a custom rule needs a formula');
  } else {
    if (spec.formula1 === undefined || spec.formula1 === null || spec.formula1 === '')
      throw hostError('InvalidArgument', location, `${type} needs formula1`);
    if (!Object.values(EXCEL_ENUMS.DataValidationOperator).includes(spec.operator))
      throw hostError('InvalidArgument', location, `operator "${spec.operator}"`);
    if (
      (spec.operator === 'Between' || spec.operator === 'NotBetween') &&
      (spec.formula2 === undefined || spec.formula2 === null)
    )
      throw hostError('InvalidArgument', location, `${spec.operator} needs formula2`);
  }
  return { [type]: spec };
}

export class DataValidation extends SimClientObject {
  declare rule: any;
  declare errorAlert: any;
  declare prompt: any;
  declare ignoreBlanks: boolean;
  declare readonly type: string;
  declare readonly valid: boolean | null;

  clear(): void {
    this._method('DataValidation.clear', [], (ref: RangeRef, exec) => {
      M(exec).assertAllowed(ref.sheet, 'structure', ref.rect, 'DataValidation.clear');
      M(exec).clearValidation(ref.sheet, ref.rect);
    });
  }
}

const dvSet =
  (name: string, apply: (v: DataValidationModel, value: any, exec: Exec) => void) =>
  (ref: RangeRef, value: any, exec: Exec) => {
    M(exec).assertAllowed(ref.sheet, 'structure', ref.rect, `DataValidation.${name}`);
    M(exec).patchValidation(ref.sheet, ref.rect, (v) => apply(v, value, exec));
  };

defineClass(DataValidation, 'DataValidation', [
  {
    name: 'type',
    get: (ref: RangeRef, exec) => {
      const v = consistent(M(exec), ref);
      if (v === undefined) return 'None';
      if (v === null) return 'Inconsistent';
      return v.rule ? RULE_TYPES[Object.keys(v.rule)[0]] : 'None';
    },
  },
  {
    name: 'rule',
    get: (ref: RangeRef, exec) => {
      const v = consistent(M(exec), ref);
      return v === null ? null : (v?.rule ?? {});
    },
    set: (ref: RangeRef, value, exec) => {
      const location = 'DataValidation.rule';
      M(exec).assertAllowed(ref.sheet, 'structure', ref.rect, location);
      M(exec).setValidationRule(ref.sheet, ref.rect, normalizeRule(value, exec, location));
    },
  },
  {
    name: 'errorAlert',
    get: (ref: RangeRef, exec) =>
      consistent(M(exec), ref)?.errorAlert ?? { showAlert: true, style: 'Stop', title: '', message: '' },
    set: dvSet('errorAlert', (v, value) => {
      if (value.style !== undefined && !Object.values(EXCEL_ENUMS.DataValidationAlertStyle).includes(value.style))
        throw hostError('InvalidArgument', 'DataValidation.errorAlert', `style "${value.style}"`);
      Object.assign(v.errorAlert, value);
    }),
  },
  {
    name: 'prompt',
    get: (ref: RangeRef, exec) => consistent(M(exec), ref)?.prompt ?? { showPrompt: false, title: '', message: '' },
    set: dvSet('prompt', (v, value) => Object.assign(v.prompt, value)),
  },
  {
    name: 'ignoreBlanks',
    get: (ref: RangeRef, exec) => consistent(M(exec), ref)?.ignoreBlanks ?? true,
    set: dvSet('ignoreBlanks', (v, value) => (v.ignoreBlanks = !!value)),
  },
  {
    name: 'valid',
    get: (ref: RangeRef, exec) => {
      const m = M(exec);
      let anyValid = false;
      let anyInvalid = false;
      for (const [r, c] of m.sampleCells(ref.sheet, ref.rect)) {
        const v = m.validationAt(ref.sheet, r, c);
        const ok = !v || m.isValid(ref.sheet, v, r, c, m.valueAt(ref.sheet, r, c));
        if (ok) anyValid = true;
        else anyInvalid = true;
      }
      return anyValid && anyInvalid ? null : !anyInvalid;
    },
  },
]);

// ==================================================================== Conditional formats (custom rules)

export class ConditionalFormatCollection extends SimCollection<ConditionalFormat> {
  /** Only `Excel.ConditionalFormatType.custom` is simulated; other types fail with NotImplemented at sync. */
  add(type: string): ConditionalFormat {
    checkApi(this.context, 'ConditionalFormatCollection.add');
    const cf = new ConditionalFormat(this.context, () => null);
    this._queue('ConditionalFormatCollection.add', { method: 'add', args: [type] }, (exec) => {
      const ref = this._resolve(exec) as RangeRef | null;
      if (!ref) return;
      if (type !== 'Custom')
        throw hostError(
          'NotImplemented',
          'ConditionalFormatCollection.add',
          `conditional format type "${type}" is not simulated (only Custom)`,
        );
      M(exec).assertAllowed(ref.sheet, 'structure', ref.rect, 'ConditionalFormatCollection.add');
      const model: ConditionalFormatModel = {
        id: M(exec).newId('CF000000'),
        rect: { ...ref.rect },
        type,
        formula: null,
        format: { borders: {} },
        stopIfTrue: false,
      };
      // Judgement: a new rule goes on top (priority 0), as in Excel's rule manager.
      ref.sheet.condFormats.unshift(model);
      cf._cache = { entity: model };
    });
    return cf;
  }

  getCount() {
    return queueResult(this, 'ConditionalFormatCollection.getCount', [], (ref: RangeRef) => cfsOn(ref).length);
  }

  getItemAt(index: number): ConditionalFormat {
    checkApi(this.context, 'ConditionalFormatCollection.getItemAt');
    return new ConditionalFormat(this.context, (exec) => {
      const ref = this._resolve(exec) as RangeRef | null;
      const cf = ref && cfsOn(ref)[index];
      if (!cf) throw hostError('ItemNotFound', 'ConditionalFormatCollection.getItemAt');
      return cf;
    });
  }

  getItem(id: string): ConditionalFormat {
    checkApi(this.context, 'ConditionalFormatCollection.getItem');
    return new ConditionalFormat(this.context, (exec) => {
      const ref = this._resolve(exec) as RangeRef | null;
      const cf = ref && ref.sheet.condFormats.find((c) => c.id === id);
      if (!cf) throw hostError('ItemNotFound', 'ConditionalFormatCollection.getItem');
      return cf;
    });
  }

  clearAll(): void {
    this._method('ConditionalFormatCollection.clearAll', [], (ref: RangeRef, exec) => {
      M(exec).assertAllowed(ref.sheet, 'structure', ref.rect, 'ConditionalFormatCollection.clearAll');
      ref.sheet.condFormats = ref.sheet.condFormats.filter((c) => !intersect(c.rect, ref.rect));
    });
  }

  _entities(ref: RangeRef): unknown[] {
    return cfsOn(ref);
  }

  _itemProxy(): ConditionalFormat {
    return new ConditionalFormat(this.context, () => null);
  }
}
defineClass(ConditionalFormatCollection, 'ConditionalFormatCollection', [], {}, true);

function cfsOn(ref: RangeRef): ConditionalFormatModel[] {
  return ref.sheet.condFormats.filter((c) => intersect(c.rect, ref.rect));
}

function sheetOfCf(exec: Exec, cf: ConditionalFormatModel): SheetModel {
  const s = M(exec).sheets.find((sh) => sh.condFormats.includes(cf));
  if (!s) throw hostError('ItemNotFound', 'ConditionalFormat', 'the conditional format was deleted');
  return s;
}

export class ConditionalFormat extends SimClientObject {
  declare readonly id: string;
  declare readonly type: string;
  declare priority: number;
  declare stopIfTrue: boolean;
  declare readonly custom: CustomConditionalFormat;

  getRange(): Range {
    checkApi(this.context, 'ConditionalFormat.getRange');
    return rangeFrom(
      this.context,
      this,
      (cf: ConditionalFormatModel, exec) => ({ sheet: sheetOfCf(exec, cf), rect: cf.rect }),
      'ConditionalFormat.getRange',
    );
  }

  delete(): void {
    this._method('ConditionalFormat.delete', [], (cf: ConditionalFormatModel, exec) => {
      const s = sheetOfCf(exec, cf);
      s.condFormats = s.condFormats.filter((c) => c !== cf);
    });
  }
}
defineClass(
  ConditionalFormat,
  'ConditionalFormat',
  [
    { name: 'id', get: (cf: ConditionalFormatModel) => cf.id },
    { name: 'type', get: (cf: ConditionalFormatModel) => cf.type },
    {
      name: 'stopIfTrue',
      get: (cf: ConditionalFormatModel) => cf.stopIfTrue,
      set: (cf: ConditionalFormatModel, v) => (cf.stopIfTrue = !!v),
    },
    {
      name: 'priority',
      get: (cf: ConditionalFormatModel, exec) => sheetOfCf(exec, cf).condFormats.indexOf(cf),
      set: (cf: ConditionalFormatModel, v: number, exec) => {
        const s = sheetOfCf(exec, cf);
        const list = s.condFormats.filter((c) => c !== cf);
        list.splice(Math.max(0, Math.min(list.length, v)), 0, cf);
        s.condFormats = list;
      },
    },
  ],
  {
    custom: (p) =>
      new CustomConditionalFormat(
        p.context,
        (exec) => {
          const cf = p._resolve(exec) as ConditionalFormatModel | null;
          if (cf && cf.type !== 'Custom')
            throw hostError(
              'InvalidOperation',
              'ConditionalFormat.custom',
              `the conditional format is of type ${cf.type}`,
            );
          return cf;
        },
        false,
      ),
  },
);

export class CustomConditionalFormat extends SimClientObject {
  declare readonly rule: ConditionalFormatRule;
  declare readonly format: ConditionalRangeFormat;
}
defineClass(CustomConditionalFormat, 'CustomConditionalFormat', [], {
  rule: (p) => new ConditionalFormatRule(p.context, (exec) => p._resolve(exec), false),
  format: (p) => new ConditionalRangeFormat(p.context, (exec) => p._resolve(exec), false),
});

export class ConditionalFormatRule extends SimClientObject {
  declare formula: string;
  declare formulaLocal: string;
}
const ruleFormula = (name: string): PropSpec => ({
  name,
  get: (cf: ConditionalFormatModel) => cf.formula ?? '',
  set: (cf: ConditionalFormatModel, v: string, exec) => {
    const f = String(v).startsWith('=') ? String(v) : `=${v}`;
    const sheet = sheetOfCf(exec, cf);
    const probe = M(exec).evaluateRuleFormula(sheet, f, cf.rect, cf.rect.r0, cf.rect.c0);
    if (probe === '#ERROR!')
      throw hostError('InvalidArgument', `ConditionalFormatRule.${name}`, `"${v}" is not a formula Excel accepts`);
    cf.formula = f;
  },
});
defineClass(ConditionalFormatRule, 'ConditionalFormatRule', [ruleFormula('formula'), ruleFormula('formulaLocal')]);

export class ConditionalRangeFormat extends SimClientObject {
  declare numberFormat: any;
  declare readonly fill: ConditionalRangeFill;
  declare readonly font: ConditionalRangeFont;
  declare readonly borders: ConditionalRangeBorderCollection;
}
defineClass(
  ConditionalRangeFormat,
  'ConditionalRangeFormat',
  [
    {
      name: 'numberFormat',
      get: (cf: ConditionalFormatModel) => cf.format.numberFormat ?? null,
      set: (cf: ConditionalFormatModel, v) => (cf.format.numberFormat = String(v)),
    },
  ],
  {
    fill: (p) => new ConditionalRangeFill(p.context, (exec) => p._resolve(exec), false),
    font: (p) => new ConditionalRangeFont(p.context, (exec) => p._resolve(exec), false),
    borders: (p) => new ConditionalRangeBorderCollection(p.context, (exec) => p._resolve(exec), false),
  },
);

export class ConditionalRangeFill extends SimClientObject {
  declare color: string;
  clear(): void {
    this._method('ConditionalRangeFill.clear', [], (cf: ConditionalFormatModel) => delete cf.format.fill);
  }
}
defineClass(ConditionalRangeFill, 'ConditionalRangeFill', [
  {
    name: 'color',
    get: (cf: ConditionalFormatModel) => cf.format.fill ?? null,
    set: (cf: ConditionalFormatModel, v) => (cf.format.fill = normalizeColor(v, 'ConditionalRangeFill.color')),
  },
]);

export class ConditionalRangeFont extends SimClientObject {
  declare color: string;
  declare bold: boolean;
  declare italic: boolean;
  declare strikethrough: boolean;
  declare underline: string;
  clear(): void {
    this._method('ConditionalRangeFont.clear', [], (cf: ConditionalFormatModel) => {
      delete cf.format.fontColor;
      delete cf.format.bold;
      delete cf.format.italic;
    });
  }
}
defineClass(ConditionalRangeFont, 'ConditionalRangeFont', [
  {
    name: 'color',
    get: (cf: ConditionalFormatModel) => cf.format.fontColor ?? null,
    set: (cf: ConditionalFormatModel, v) => (cf.format.fontColor = normalizeColor(v, 'ConditionalRangeFont.color')),
  },
  {
    name: 'bold',
    get: (cf: ConditionalFormatModel) => cf.format.bold ?? null,
    set: (cf: ConditionalFormatModel, v) => (cf.format.bold = !!v),
  },
  {
    name: 'italic',
    get: (cf: ConditionalFormatModel) => cf.format.italic ?? null,
    set: (cf: ConditionalFormatModel, v) => (cf.format.italic = !!v),
  },
  {
    name: 'strikethrough',
    get: (cf: ConditionalFormatModel) => cf.format.strikethrough ?? null,
    set: (cf: ConditionalFormatModel, v) => (cf.format.strikethrough = !!v),
  },
  {
    name: 'underline',
    get: (cf: ConditionalFormatModel) => cf.format.underline ?? null,
    set: (cf: ConditionalFormatModel, v) => (cf.format.underline = String(v)),
  },
]);

const CF_BORDERS = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
export class ConditionalRangeBorderCollection extends SimCollection<ConditionalRangeBorder> {
  getItem(index: string): ConditionalRangeBorder {
    checkApi(this.context, 'ConditionalRangeBorderCollection.getItem');
    if (!CF_BORDERS.includes(index))
      throw invalidArgument('ConditionalRangeBorderCollection.getItem', `border index "${index}"`);
    return new ConditionalRangeBorder(
      this.context,
      (exec) => {
        const cf = this._resolve(exec);
        return cf && { cf, side: index };
      },
      false,
    );
  }
  get top(): ConditionalRangeBorder {
    return this.getItem('EdgeTop');
  }
  get bottom(): ConditionalRangeBorder {
    return this.getItem('EdgeBottom');
  }
  get left(): ConditionalRangeBorder {
    return this.getItem('EdgeLeft');
  }
  get right(): ConditionalRangeBorder {
    return this.getItem('EdgeRight');
  }
  _entities(cf: ConditionalFormatModel): unknown[] {
    return CF_BORDERS.map((side) => ({ cf, side }));
  }
  _itemProxy(): ConditionalRangeBorder {
    return new ConditionalRangeBorder(this.context, () => null);
  }
}
defineClass(
  ConditionalRangeBorderCollection,
  'ConditionalRangeBorderCollection',
  [{ name: 'count', get: () => CF_BORDERS.length }],
  {},
  true,
);

export class ConditionalRangeBorder extends SimClientObject {
  declare style: string;
  declare color: string;
  declare readonly sideIndex: string;
}
interface CfBorderEntity {
  cf: ConditionalFormatModel;
  side: string;
}
defineClass(ConditionalRangeBorder, 'ConditionalRangeBorder', [
  { name: 'sideIndex', get: (e: CfBorderEntity) => e.side },
  {
    name: 'style',
    get: (e: CfBorderEntity) => e.cf.format.borders[e.side]?.style ?? 'None',
    set: (e: CfBorderEntity, v) => {
      enumCheck(EXCEL_ENUMS.ConditionalRangeBorderLineStyle, 'border style')(v, 'ConditionalRangeBorder.style');
      e.cf.format.borders[e.side] = { color: e.cf.format.borders[e.side]?.color ?? '#000000', style: v };
    },
  },
  {
    name: 'color',
    get: (e: CfBorderEntity) => e.cf.format.borders[e.side]?.color ?? null,
    set: (e: CfBorderEntity, v) => {
      const color = normalizeColor(v, 'ConditionalRangeBorder.color');
      e.cf.format.borders[e.side] = { style: e.cf.format.borders[e.side]?.style ?? 'Continuous', color };
    },
  },
]);
