/**
 * Worksheet, WorksheetCollection, WorksheetProtection, WorksheetFreezePanes, PageLayout and event
 * registration (`onChanged`).
 */
import { MAX_COLS, MAX_ROWS, Rect, isEntireRows, parseAddress, quoteSheet } from './a1';
import { Range, installWorksheetProxyFactory, rangeFrom } from './api-range';
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
import { DEFAULT_PROTECTION_OPTIONS, RangeRef, SheetModel, WorkbookModel } from './model';

const M = (exec: Exec): WorkbookModel => exec.sim.model;

function live(sheet: SheetModel | null, location: string): SheetModel | null {
  if (sheet && sheet.deleted) throw hostError('ItemNotFound', location, `the worksheet "${sheet.name}" was deleted`);
  return sheet;
}

// ==================================================================== events

/** A registered handler; the simulator calls it for matching events. */
export interface Registration {
  context: SimRequestContext;
  /** Sheet id, or '*' for a collection-level registration. */
  target: string;
  eventType: 'WorksheetChanged';
  handler: (args: any) => unknown;
}

/** `OfficeExtension.EventHandlers`: `add` and `remove` take effect with the next sync. */
export class SimEventHandlers {
  constructor(
    private readonly owner: SimClientObject,
    private readonly member: string,
    private readonly eventType: 'WorksheetChanged',
    private readonly target: (exec: Exec) => string | null,
  ) {}

  add(handler: (args: any) => unknown): { context: SimRequestContext; remove(): void } {
    if (typeof handler !== 'function') throw invalidArgument(`${this.member}.add`, 'handler');
    const ctx = this.owner.context;
    let registration: Registration | undefined;
    this.owner._queue(`${this.member}.add`, { register: this.member }, (exec) => {
      const target = this.target(exec);
      if (target === null) return;
      registration = { context: ctx, target, eventType: this.eventType, handler };
      exec.sim._register(registration);
    });
    return {
      context: ctx,
      remove: () => {
        this.owner._queue(`${this.member}.remove`, { unregister: this.member }, (exec) => {
          if (registration) exec.sim._unregister(registration);
        });
      },
    };
  }

  remove(handler: (args: any) => unknown): void {
    this.owner._queue(`${this.member}.remove`, { unregister: this.member }, (exec) =>
      exec.sim._unregisterHandler(handler, this.eventType),
    );
  }
}

// ==================================================================== Worksheet

export class Worksheet extends SimClientObject {
  declare name: string;
  declare readonly id: string;
  declare position: number;
  declare visibility: string;
  declare tabColor: string;
  declare showGridlines: boolean;
  declare readonly standardHeight: number;
  declare readonly standardWidth: number;
  declare readonly protection: WorksheetProtection;
  declare readonly freezePanes: WorksheetFreezePanes;
  declare readonly pageLayout: PageLayout;
  declare readonly names: any;

  get onChanged(): SimEventHandlers {
    checkApi(this.context, 'Worksheet.onChanged');
    return new SimEventHandlers(
      this,
      'Worksheet.onChanged',
      'WorksheetChanged',
      (exec) => (this._resolve(exec) as SheetModel | null)?.id ?? null,
    );
  }

  activate(): void {
    this._method('Worksheet.activate', [], (s: SheetModel, exec) => M(exec).activate(s, 'Worksheet.activate'));
  }

  delete(): void {
    this._method('Worksheet.delete', [], (s: SheetModel, exec) => M(exec).deleteSheet(s, 'Worksheet.delete'));
  }

  calculate(_markAllDirty?: boolean): void {
    this._method('Worksheet.calculate', [_markAllDirty], () => undefined);
  }

  /** An A1 address on this sheet, or a defined name that refers to a range on it; no argument = the whole sheet. */
  getRange(address?: string): Range {
    checkApi(this.context, 'Worksheet.getRange');
    return rangeFrom(
      this.context,
      this,
      (sheet: SheetModel, exec) => {
        if (address === undefined || address === '')
          return { sheet, rect: { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 } };
        const p = parseAddress(address);
        if (p) {
          if (p.sheet !== undefined && p.sheet.toLowerCase() !== sheet.name.toLowerCase())
            throw hostError('InvalidArgument', 'Worksheet.getRange', `"${address}" names another sheet`);
          return { sheet, rect: p.rect };
        }
        const m = M(exec);
        const n = m.findName(address, sheet.id) ?? m.findName(address);
        const ref = n && m.nameRange(n);
        if (ref && ref.sheet === sheet) return { sheet, rect: ref.rect };
        throw hostError(
          'InvalidArgument',
          'Worksheet.getRange',
          `"${address}" is neither an address nor a name of a range on ${quoteSheet(sheet.name)}`,
        );
      },
      'Worksheet.getRange',
    );
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    checkApi(this.context, 'Worksheet.getRangeByIndexes');
    return rangeFrom(
      this.context,
      this,
      (sheet: SheetModel) => {
        const rect = { r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 };
        if (rowCount < 1 || columnCount < 1 || rect.r0 < 0 || rect.c0 < 0 || rect.r1 >= MAX_ROWS || rect.c1 >= MAX_COLS)
          throw hostError(
            'InvalidArgument',
            'Worksheet.getRangeByIndexes',
            `(${startRow}, ${startColumn}, ${rowCount}, ${columnCount}) is outside the sheet`,
          );
        return { sheet, rect };
      },
      'Worksheet.getRangeByIndexes',
    );
  }

  getCell(row: number, column: number): Range {
    checkApi(this.context, 'Worksheet.getCell');
    return rangeFrom(
      this.context,
      this,
      (sheet: SheetModel) => {
        if (row < 0 || column < 0 || row >= MAX_ROWS || column >= MAX_COLS)
          throw hostError('InvalidArgument', 'Worksheet.getCell');
        return { sheet, rect: { r0: row, c0: column, r1: row, c1: column } };
      },
      'Worksheet.getCell',
    );
  }

  /** Office docs: on a blank sheet this returns the top-left cell. */
  getUsedRange(valuesOnly = false): Range {
    checkApi(this.context, 'Worksheet.getUsedRange');
    return rangeFrom(
      this.context,
      this,
      (sheet: SheetModel, exec) => ({
        sheet,
        rect: M(exec).usedRect(sheet, valuesOnly) ?? { r0: 0, c0: 0, r1: 0, c1: 0 },
      }),
      'Worksheet.getUsedRange',
    );
  }

  getUsedRangeOrNullObject(valuesOnly = false): Range {
    checkApi(this.context, 'Worksheet.getUsedRangeOrNullObject');
    return rangeFrom(
      this.context,
      this,
      (sheet: SheetModel, exec) => {
        const r = M(exec).usedRect(sheet, valuesOnly);
        return r ? { sheet, rect: r } : null;
      },
      'Worksheet.getUsedRangeOrNullObject',
    )._probeNull();
  }

  private neighbour(member: string, step: 1 | -1, visibleOnly: boolean, orNull: boolean): Worksheet {
    checkApi(this.context, member);
    const w = new Worksheet(this.context, (exec) => {
      const s = this._resolve(exec) as SheetModel | null;
      if (!s) return null;
      const list = visibleOnly ? M(exec).visibleSheets() : M(exec).sheets;
      const next = list[list.indexOf(s) + step];
      if (!next && !orNull) throw hostError('ItemNotFound', member);
      return next ?? null;
    });
    return orNull ? w._probeNull() : w;
  }

  getNext(visibleOnly = false): Worksheet {
    return this.neighbour('Worksheet.getNext', 1, visibleOnly, false);
  }
  getNextOrNullObject(visibleOnly = false): Worksheet {
    return this.neighbour('Worksheet.getNextOrNullObject', 1, visibleOnly, true);
  }
  getPrevious(visibleOnly = false): Worksheet {
    return this.neighbour('Worksheet.getPrevious', -1, visibleOnly, false);
  }
  getPreviousOrNullObject(visibleOnly = false): Worksheet {
    return this.neighbour('Worksheet.getPreviousOrNullObject', -1, visibleOnly, true);
  }

  override _resolve(exec: Exec): any {
    return live(super._resolve(exec), 'Worksheet');
  }
}

defineClass(
  Worksheet,
  'Worksheet',
  [
    { name: 'id', get: (s: SheetModel) => s.id },
    {
      name: 'name',
      get: (s: SheetModel) => s.name,
      set: (s: SheetModel, v, exec) => M(exec).renameSheet(s, v, 'Worksheet.name'),
    },
    {
      name: 'position',
      get: (s: SheetModel, exec) => M(exec).sheets.indexOf(s),
      set: (s: SheetModel, v, exec) => M(exec).moveSheet(s, v, 'Worksheet.position'),
    },
    {
      name: 'visibility',
      get: (s: SheetModel) => s.visibility,
      set: (s: SheetModel, v, exec) => M(exec).setVisibility(s, v, 'Worksheet.visibility'),
    },
    {
      name: 'tabColor',
      get: (s: SheetModel) => s.tabColor,
      set: (s: SheetModel, v) => (s.tabColor = v === '' ? '' : normalizeColor(v, 'Worksheet.tabColor')),
    },
    {
      name: 'showGridlines',
      get: (s: SheetModel) => s.showGridlines,
      set: (s: SheetModel, v) => (s.showGridlines = !!v),
    },
    { name: 'standardHeight', get: (_s: SheetModel, exec) => M(exec).standardHeight() },
    { name: 'standardWidth', get: () => 8.43 },
  ],
  {
    protection: (p) => new WorksheetProtection(p.context, (exec) => p._resolve(exec), false),
    freezePanes: (p) => new WorksheetFreezePanes(p.context, (exec) => p._resolve(exec), false),
    pageLayout: (p) => new PageLayout(p.context, (exec) => p._resolve(exec), false),
    names: (p) =>
      p.context._sim._makeNames(p.context, (exec: Exec) => (p._resolve(exec) as SheetModel | null)?.id ?? null),
  },
);

installWorksheetProxyFactory((ctx, resolver) => new Worksheet(ctx, resolver));

// ==================================================================== WorksheetCollection

export class WorksheetCollection extends SimCollection<Worksheet> {
  get onChanged(): SimEventHandlers {
    checkApi(this.context, 'WorksheetCollection.onChanged');
    return new SimEventHandlers(this, 'WorksheetCollection.onChanged', 'WorksheetChanged', () => '*');
  }

  /** By name (case-insensitive, as Excel) or by id; a missing sheet fails at sync with ItemNotFound. */
  getItem(key: string): Worksheet {
    checkApi(this.context, 'WorksheetCollection.getItem');
    return new Worksheet(this.context, (exec) => {
      const s = M(exec).sheetByName(key) ?? M(exec).sheetById(key);
      if (!s) throw hostError('ItemNotFound', 'WorksheetCollection.getItem', `no worksheet "${key}"`);
      return s;
    });
  }

  getItemOrNullObject(key: string): Worksheet {
    checkApi(this.context, 'WorksheetCollection.getItemOrNullObject');
    return new Worksheet(
      this.context,
      (exec) => M(exec).sheetByName(key) ?? M(exec).sheetById(key) ?? null,
    )._probeNull();
  }

  /** Added at the end, not activated (Office docs). */
  add(name?: string): Worksheet {
    checkApi(this.context, 'WorksheetCollection.add');
    const w = new Worksheet(this.context, () => null);
    this._queue('WorksheetCollection.add', { method: 'add', args: [name] }, (exec) => {
      w._cache = { entity: M(exec).addSheet(name, 'WorksheetCollection.add') };
    });
    return w;
  }

  getActiveWorksheet(): Worksheet {
    checkApi(this.context, 'WorksheetCollection.getActiveWorksheet');
    return new Worksheet(this.context, (exec) => M(exec).activeSheet ?? null);
  }

  getCount(visibleOnly = false) {
    return queueResult(
      this,
      'WorksheetCollection.getCount',
      [visibleOnly],
      (_e, exec) => (visibleOnly ? M(exec).visibleSheets() : M(exec).sheets).length,
    );
  }

  getFirst(visibleOnly = false): Worksheet {
    checkApi(this.context, 'WorksheetCollection.getFirst');
    return new Worksheet(this.context, (exec) => (visibleOnly ? M(exec).visibleSheets() : M(exec).sheets)[0] ?? null);
  }

  getLast(visibleOnly = false): Worksheet {
    checkApi(this.context, 'WorksheetCollection.getLast');
    return new Worksheet(
      this.context,
      (exec) => (visibleOnly ? M(exec).visibleSheets() : M(exec).sheets).slice(-1)[0] ?? null,
    );
  }

  _entities(_e: unknown, exec: Exec): unknown[] {
    return [...M(exec).sheets];
  }

  _itemProxy(): Worksheet {
    return new Worksheet(this.context, () => null);
  }
}
defineClass(WorksheetCollection, 'WorksheetCollection', [], {}, true);

// ==================================================================== protection

export class WorksheetProtection extends SimClientObject {
  declare readonly protected: boolean;
  declare readonly options: Record<string, unknown>;

  /** "Fails if the worksheet has already been protected" (docs); current Excel builds answer AccessDenied. */
  protect(options?: Record<string, unknown> | null, password?: string): void {
    this._method(
      'WorksheetProtection.protect',
      [options, password === undefined ? undefined : '***'],
      (s: SheetModel) => {
        if (s.protection.protected)
          throw hostError('AccessDenied', 'WorksheetProtection.protect', `${quoteSheet(s.name)} is already protected`);
        const opts = { ...DEFAULT_PROTECTION_OPTIONS };
        for (const [k, v] of Object.entries(options ?? {})) {
          if (!(k in opts)) throw hostError('InvalidArgument', 'WorksheetProtection.protect', `unknown option "${k}"`);
          (opts as Record<string, unknown>)[k] = v;
        }
        s.protection = { protected: true, options: opts, password: password || undefined };
      },
    );
  }

  /** A wrong password fails (BadPassword); unprotecting an unprotected sheet does nothing (judgement). */
  unprotect(password?: string): void {
    this._method('WorksheetProtection.unprotect', [password === undefined ? undefined : '***'], (s: SheetModel) => {
      if (!s.protection.protected) return;
      if (s.protection.password && s.protection.password !== password)
        throw hostError('BadPassword', 'WorksheetProtection.unprotect', 'the password you supplied is incorrect');
      s.protection = { protected: false, options: { ...DEFAULT_PROTECTION_OPTIONS } };
    });
  }
}
defineClass(WorksheetProtection, 'WorksheetProtection', [
  { name: 'protected', get: (s: SheetModel) => s.protection.protected },
  { name: 'options', get: (s: SheetModel) => ({ ...s.protection.options }) },
]);

// ==================================================================== freeze panes

export class WorksheetFreezePanes extends SimClientObject {
  freezeRows(count = 1): void {
    this._method('WorksheetFreezePanes.freezeRows', [count], (s: SheetModel) => {
      if (!Number.isInteger(count) || count < 0 || count >= MAX_ROWS)
        throw hostError('InvalidArgument', 'WorksheetFreezePanes.freezeRows');
      s.freeze = { rows: count, cols: 0 };
    });
  }

  freezeColumns(count = 1): void {
    this._method('WorksheetFreezePanes.freezeColumns', [count], (s: SheetModel) => {
      if (!Number.isInteger(count) || count < 0 || count >= MAX_COLS)
        throw hostError('InvalidArgument', 'WorksheetFreezePanes.freezeColumns');
      s.freeze = { rows: 0, cols: count };
    });
  }

  /** Freezes the rows and columns the range covers, counted from A1 (entire rows: rows only; entire columns: columns only). */
  freezeAt(frozenRange: Range | string): void {
    this._method(
      'WorksheetFreezePanes.freezeAt',
      [typeof frozenRange === 'string' ? frozenRange : 'Range'],
      (s: SheetModel, exec) => {
        let rect: Rect;
        if (typeof frozenRange === 'string') {
          const p = parseAddress(frozenRange);
          if (!p) throw hostError('InvalidArgument', 'WorksheetFreezePanes.freezeAt', `"${frozenRange}"`);
          rect = p.rect;
        } else rect = (frozenRange._resolve(exec) as RangeRef).rect;
        s.freeze = {
          rows: isEntireRowsOrNot(rect, 'cols') ? 0 : rect.r1 + 1,
          cols: isEntireRowsOrNot(rect, 'rows') ? 0 : rect.c1 + 1,
        };
      },
    );
  }

  unfreeze(): void {
    this._method('WorksheetFreezePanes.unfreeze', [], (s: SheetModel) => (s.freeze = { rows: 0, cols: 0 }));
  }

  getLocationOrNullObject(): Range {
    checkApi(this.context, 'WorksheetFreezePanes.getLocationOrNullObject');
    return rangeFrom(
      this.context,
      this,
      (s: SheetModel) => frozenRect(s),
      'WorksheetFreezePanes.getLocationOrNullObject',
    )._probeNull();
  }

  getLocation(): Range {
    checkApi(this.context, 'WorksheetFreezePanes.getLocation');
    return rangeFrom(
      this.context,
      this,
      (s: SheetModel) => {
        const r = frozenRect(s);
        if (!r) throw hostError('ItemNotFound', 'WorksheetFreezePanes.getLocation', 'no frozen panes');
        return r;
      },
      'WorksheetFreezePanes.getLocation',
    );
  }
}
defineClass(WorksheetFreezePanes, 'WorksheetFreezePanes', []);

function isEntireRowsOrNot(rect: Rect, axis: 'rows' | 'cols'): boolean {
  return axis === 'rows' ? isEntireRows(rect) : rect.r0 === 0 && rect.r1 === MAX_ROWS - 1;
}

function frozenRect(s: SheetModel): { sheet: SheetModel; rect: Rect } | null {
  const { rows, cols } = s.freeze;
  if (!rows && !cols) return null;
  const rect =
    rows && !cols
      ? { r0: 0, r1: rows - 1, c0: 0, c1: MAX_COLS - 1 }
      : !rows
        ? { r0: 0, r1: MAX_ROWS - 1, c0: 0, c1: cols - 1 }
        : { r0: 0, r1: rows - 1, c0: 0, c1: cols - 1 };
  return { sheet: s, rect };
}

// ==================================================================== page layout

function rectArg(arg: Range | string, exec: Exec, sheet: SheetModel, location: string): Rect {
  if (typeof arg === 'string') {
    const p = parseAddress(arg);
    if (!p || (p.sheet && p.sheet.toLowerCase() !== sheet.name.toLowerCase()))
      throw hostError('InvalidArgument', location, `"${arg}"`);
    return p.rect;
  }
  const ref = arg._resolve(exec) as RangeRef;
  if (ref.sheet !== sheet) throw hostError('InvalidArgument', location, 'the range is on another sheet');
  return ref.rect;
}

const pageProp = (name: keyof SheetModel['page'], check?: (v: any, location: string) => void): PropSpec => ({
  name,
  get: (s: SheetModel) => s.page[name],
  set: (s: SheetModel, v) => {
    check?.(v, `PageLayout.${name}`);
    (s.page as unknown as Record<string, unknown>)[name] = v;
  },
});

const margin = (v: any, location: string) => {
  if (typeof v !== 'number' || v < 0) throw hostError('InvalidArgument', location, `margin ${v} (points, ≥ 0)`);
};

const POINTS_PER: Record<string, number> = { Points: 1, Inches: 72, Centimeters: 72 / 2.54 };

export class PageLayout extends SimClientObject {
  declare orientation: string;
  declare paperSize: string;
  declare zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  declare leftMargin: number;
  declare rightMargin: number;
  declare topMargin: number;
  declare bottomMargin: number;
  declare headerMargin: number;
  declare footerMargin: number;
  declare centerHorizontally: boolean;
  declare centerVertically: boolean;
  declare printGridlines: boolean;
  declare readonly headersFooters: HeaderFooterGroup;

  /** Rows repeated at the top of each printed page ("$7:$8", "7:8" or a Range; widened to entire rows). */
  setPrintTitleRows(titleRows: Range | string): void {
    this._method(
      'PageLayout.setPrintTitleRows',
      [typeof titleRows === 'string' ? titleRows : 'Range'],
      (s: SheetModel, exec) => {
        const r = rectArg(titleRows, exec, s, 'PageLayout.setPrintTitleRows');
        s.page.printTitleRows = { r0: r.r0, r1: r.r1, c0: 0, c1: MAX_COLS - 1 };
      },
    );
  }

  setPrintTitleColumns(titleColumns: Range | string): void {
    this._method(
      'PageLayout.setPrintTitleColumns',
      [typeof titleColumns === 'string' ? titleColumns : 'Range'],
      (s: SheetModel, exec) => {
        const r = rectArg(titleColumns, exec, s, 'PageLayout.setPrintTitleColumns');
        s.page.printTitleColumns = { r0: 0, r1: MAX_ROWS - 1, c0: r.c0, c1: r.c1 };
      },
    );
  }

  setPrintArea(printArea: Range | string): void {
    this._method(
      'PageLayout.setPrintArea',
      [typeof printArea === 'string' ? printArea : 'Range'],
      (s: SheetModel, exec) => {
        s.page.printArea = rectArg(printArea, exec, s, 'PageLayout.setPrintArea');
      },
    );
  }

  setPrintMargins(unit: string, marginOptions: Record<string, number>): void {
    this._method('PageLayout.setPrintMargins', [unit, marginOptions], (s: SheetModel) => {
      const k = POINTS_PER[unit];
      if (!k) throw hostError('InvalidArgument', 'PageLayout.setPrintMargins', `unit "${unit}"`);
      const names: Record<string, keyof SheetModel['page']> = {
        left: 'leftMargin',
        right: 'rightMargin',
        top: 'topMargin',
        bottom: 'bottomMargin',
        header: 'headerMargin',
        footer: 'footerMargin',
      };
      for (const [key, v] of Object.entries(marginOptions)) {
        if (!names[key]) throw hostError('InvalidArgument', 'PageLayout.setPrintMargins', `margin "${key}"`);
        (s.page as unknown as Record<string, number>)[names[key]] = Math.round(v * k * 100) / 100;
      }
    });
  }

  private titleRange(
    member: string,
    key: 'printTitleRows' | 'printTitleColumns' | 'printArea',
    orNull: boolean,
  ): Range {
    checkApi(this.context, member);
    const r = rangeFrom(
      this.context,
      this,
      (s: SheetModel) => {
        const rect = s.page[key];
        if (!rect && !orNull) throw hostError('ItemNotFound', member);
        return rect ? { sheet: s, rect } : null;
      },
      member,
    );
    return orNull ? r._probeNull() : r;
  }

  getPrintTitleRowsOrNullObject(): Range {
    return this.titleRange('PageLayout.getPrintTitleRowsOrNullObject', 'printTitleRows', true);
  }
  getPrintTitleRows(): Range {
    return this.titleRange('PageLayout.getPrintTitleRows', 'printTitleRows', false);
  }
  getPrintTitleColumnsOrNullObject(): Range {
    return this.titleRange('PageLayout.getPrintTitleColumnsOrNullObject', 'printTitleColumns', true);
  }
  getPrintAreaOrNullObject(): Range {
    return this.titleRange('PageLayout.getPrintAreaOrNullObject', 'printArea', true);
  }
  getPrintArea(): Range {
    return this.titleRange('PageLayout.getPrintArea', 'printArea', false);
  }
}
defineClass(
  PageLayout,
  'PageLayout',
  [
    pageProp('orientation', (v, l) => {
      if (!Object.values(EXCEL_ENUMS.PageOrientation).includes(v))
        throw hostError('InvalidArgument', l, `orientation "${v}"`);
    }),
    pageProp('paperSize', (v, l) => {
      if (!Object.values(EXCEL_ENUMS.PaperType).includes(v)) throw hostError('InvalidArgument', l, `paper size "${v}"`);
    }),
    {
      // Office docs: zoom is set as a whole PageLayoutZoomOptions object; scale and fit-to-pages exclude each other.
      name: 'zoom',
      get: (s: SheetModel) => ({ ...s.page.zoom }),
      set: (s: SheetModel, v) => {
        if (!v || typeof v !== 'object') throw hostError('InvalidArgument', 'PageLayout.zoom');
        if (v.scale !== undefined && (v.scale < 10 || v.scale > 400))
          throw hostError('InvalidArgument', 'PageLayout.zoom', 'scale 10–400');
        if (v.scale !== undefined && (v.horizontalFitToPages !== undefined || v.verticalFitToPages !== undefined))
          throw hostError('InvalidArgument', 'PageLayout.zoom', 'scale cannot be combined with fit-to-pages');
        s.page.zoom = { ...v };
      },
    },
    pageProp('leftMargin', margin),
    pageProp('rightMargin', margin),
    pageProp('topMargin', margin),
    pageProp('bottomMargin', margin),
    pageProp('headerMargin', margin),
    pageProp('footerMargin', margin),
    pageProp('centerHorizontally'),
    pageProp('centerVertically'),
    pageProp('printGridlines'),
  ],
  {
    headersFooters: (p) => new HeaderFooterGroup(p.context, (exec) => p._resolve(exec), false),
  },
);

export class HeaderFooterGroup extends SimClientObject {
  declare readonly defaultForAllPages: HeaderFooter;
}
defineClass(HeaderFooterGroup, 'HeaderFooterGroup', [{ name: 'state', get: () => 'Default' }], {
  defaultForAllPages: (p) => new HeaderFooter(p.context, (exec) => p._resolve(exec), false),
});

export class HeaderFooter extends SimClientObject {
  declare centerFooter: string;
  declare leftFooter: string;
  declare rightFooter: string;
  declare centerHeader: string;
  declare leftHeader: string;
  declare rightHeader: string;
}
defineClass(
  HeaderFooter,
  'HeaderFooter',
  ['leftHeader', 'centerHeader', 'rightHeader', 'leftFooter', 'centerFooter', 'rightFooter'].map((name) => ({
    name,
    get: (s: SheetModel) => s.page.headersFooters[name] ?? '',
    set: (s: SheetModel, v: string) => (s.page.headersFooters[name] = String(v)),
  })),
);
