/**
 * ExcelSim: the simulated Excel host. Runs batches (`run` = `Excel.run`), executes synced requests
 * against the workbook model, counts syncs and commands, enforces the request-size limit of Excel on the
 * web, raises `onChanged` events, and lets a test act as the user (`userEdit`, `userInsertRows`…) or
 * look at the workbook directly (`cell`, `sheet`, `nameAddress`…).
 *
 * Fidelity. Taken from the Office.js runtime itself or stated in the Office docs: PropertyNotLoaded and
 * its message, set-then-read returning the local copy, load option forms, ordered execution, the final
 * sync of Excel.run, ItemNotFound at sync, *OrNullObject + isNullObject without load, ApiNotFound for
 * members newer than the host, null = "leave the cell" and "" = "clear" in 2-D input, single value spread
 * over a range, values starting with "=" as formulas, WorksheetChangedEventArgs fields (details only for a
 * single cell; triggerSource from 1.14), add-in writes raising onChanged, runtime.enableEvents, the 5 MB
 * request/response limit of Excel on the web, RichApi.Error shape and codes.
 * Judgement calls that only real Excel can confirm (each marked where it is made):
 * - request size is an estimate (JSON of each command's arguments + ~60 bytes per command), not the real
 *   body; the response limit is checked after the commands ran; the 5 MB limit is taken as 5 × 1024².
 * - one onChanged event per write command (Excel may merge or split them); the address reported for
 *   inserted entire rows ("3:4"); events not raised for recalculated formula cells or format changes.
 * - error codes: AccessDenied for writes to locked cells of a protected sheet and for protect() on a
 *   protected sheet (a 2026 Excel regression report says so; the docs only say "fails"); BadPassword for
 *   a wrong unprotect password; InvalidOperation for hiding/deleting the last visible sheet, activating a
 *   hidden one, or getRange() on a name that is not a range.
 * - a string starting with "+"/"-" that is not a valid formula ("- Số văn bản") is stored as text with a
 *   warning; real Excel may refuse it or store something else.
 * - a 1×1 array written to a bigger range is refused like any shape mismatch (a scalar is spread).
 * - inserted rows take the format of the row above; row heights: an estimate of Excel's autofit (font
 *   size × 1.3 per line, ½ font size per character), never exact.
 * - string parsing of API values is locale-neutral (plain decimal numbers only; no dates, currencies or
 *   percentages); typing (`userEdit`) uses the simulated locale and also reads "12%".
 * - data validation: setting `rule` replaces the validation of those cells and keeps the alert settings
 *   already there; clear('All'/'Formats') leaves validation and conditional formats alone.
 * - only Custom conditional formats; a new one takes priority 0 (top).
 * - proxies keep the cells they first resolved to and follow inserted/deleted rows until their run ends
 *   (like tracked ranges); using them after the run does not raise InvalidObjectPath as Office.js may.
 * - commands queued on a null object are ignored.
 * - `text` knows General, 0/#/, grouping, decimals, %, literals and sections, not dates or fractions.
 * - HyperFormula computes the formulas: functions it lacks give #NAME?, and its results can differ from
 *   Excel in edge cases; names with letters outside ASCII live outside HyperFormula (formulas using them
 *   give #NAME?, with a warning).
 */
import { MAX_COLS, Rect, parseAddress, quoteSheet, rectA1, rectA1Abs, rectCols, rectRows } from './a1';
import { Range } from './api-range';
import { Registration } from './api-sheet';
import { makeRuntime, makeSheetNames, makeWorkbook } from './api-workbook';
import { Exec, Op, SimClientObject, SimRequestContext, checkApi, compareVersions, utf8Length } from './client';
import { SimOfficeError, hostError } from './errors';
import {
  CellFormat,
  CellValue,
  ConditionalFormatModel,
  DataValidationModel,
  RangeRef,
  SheetModel,
  WorkbookModel,
} from './model';
import { EN_US, NumberLocale } from './numfmt';

export interface ExcelSimOptions {
  /** Highest ExcelApi requirement set the simulated host supports (default "1.17"). */
  maxApi?: string;
  /** Other requirement sets `Office.context.requirements.isSetSupported` should answer true for. */
  requirementSets?: Record<string, string>;
  /** Request payload limit in bytes (Excel on the web: 5 MB). `Infinity` simulates desktop Excel. */
  requestLimitBytes?: number;
  /** Response payload limit in bytes (Excel on the web: 5 MB). */
  responseLimitBytes?: number;
  /** Sheets the workbook starts with (default ["Sheet1"]). */
  sheets?: string[];
  /** Separators for `text`, `Application.decimalSeparator` and the user's typing (default en-US). */
  locale?: Partial<NumberLocale>;
  defaultFont?: { name: string; size: number };
  workbookName?: string;
  /** What `Office.context.platform` reports. */
  platform?: string;
}

export interface SimStats {
  /** `Excel.run` batches started. */
  runs: number;
  /** Every `context.sync()` call, including the one `Excel.run` makes at the end. */
  syncCalls: number;
  /** Requests that reached the host (syncs with at least one queued command). */
  syncs: number;
  /** Commands (loads, property writes, method calls) per request, in order. */
  opsPerSync: number[];
  /** Estimated request payload per request, in bytes. */
  requestBytes: number[];
}

export interface ChangedEventRecord {
  sheetId: string;
  sheetName: string;
  address: string;
  changeType: string;
  triggerSource: 'ThisLocalAddin' | 'Unknown';
  details?: { valueBefore: CellValue; valueAfter: CellValue; valueTypeBefore: string; valueTypeAfter: string };
  shift?: string;
  rect: Rect;
}

export interface UserEditResult {
  /** False when Excel would have refused the entry (locked cell, or a Stop validation alert). */
  accepted: boolean;
  reason?: 'protected' | 'validation';
  /** The validation alert Excel showed (Stop: entry refused; Warning/Information: the user chose to keep it). */
  alert?: DataValidationModel['errorAlert'];
}

/** A single cell as the tests see it. */
export interface CellView {
  value: CellValue;
  formula: CellValue;
  text: string;
  valueType: string;
  format: CellFormat;
  locked: boolean;
  mergedArea?: string;
  validation?: DataValidationModel;
  /** Conditional formats whose rule is true for this cell now. */
  conditionalFormats: ConditionalFormatModel[];
}

/** Estimated bytes one command adds to the request besides its arguments (ids, action type, names). */
const ACTION_OVERHEAD_BYTES = 60;

export class ExcelSim {
  readonly model: WorkbookModel;
  readonly options: Required<Omit<ExcelSimOptions, 'locale' | 'defaultFont'>> & {
    locale: NumberLocale;
    defaultFont: { name: string; size: number };
  };
  readonly stats: SimStats = { runs: 0, syncCalls: 0, syncs: 0, opsPerSync: [], requestBytes: [] };
  /** Things the simulator had to guess at, or behaviour real Excel may treat differently. */
  readonly warnings: string[] = [];
  /** Every onChanged-type change raised (also those no handler listened to, and while events were off). */
  readonly changeLog: ChangedEventRecord[] = [];
  enableEvents = true;
  calculationMode = 'Automatic';
  readonly createdAt = new Date();

  private registrations: Registration[] = [];
  /** Raised events with the handlers registered at that moment (a handler added later does not see them). */
  private queued: { ev: ChangedEventRecord; regs: Registration[] }[] = [];
  private dispatchScheduled = false;
  private inflight = new Set<Promise<unknown>>();
  /** Errors thrown by event handlers (Excel swallows them; tests can look). */
  readonly handlerErrors: unknown[] = [];

  constructor(opts: ExcelSimOptions = {}) {
    this.options = {
      maxApi: opts.maxApi ?? '1.17',
      requirementSets: opts.requirementSets ?? {},
      requestLimitBytes: opts.requestLimitBytes ?? 5 * 1024 * 1024,
      responseLimitBytes: opts.responseLimitBytes ?? 5 * 1024 * 1024,
      sheets: opts.sheets ?? ['Sheet1'],
      locale: { ...EN_US, ...(opts.locale ?? {}) },
      defaultFont: opts.defaultFont ?? { name: 'Calibri', size: 11 },
      workbookName: opts.workbookName ?? 'Book1.xlsx',
      platform: opts.platform ?? 'OfficeOnline',
    };
    this.model = new WorkbookModel({
      locale: this.options.locale,
      defaultFont: this.options.defaultFont,
      warn: (m) => this.warn(m),
    });
    for (const name of this.options.sheets) this.model.addSheet(name, 'ExcelSim');
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  setMaxApi(version: string): void {
    (this.options as { maxApi: string }).maxApi = version;
  }

  isSetSupported(name: string, version = '1.1'): boolean {
    const max = name === 'ExcelApi' ? this.options.maxApi : this.options.requirementSets[name];
    return max !== undefined && compareVersions(String(version), max) <= 0;
  }

  resetStats(): void {
    Object.assign(this.stats, { runs: 0, syncCalls: 0, syncs: 0, opsPerSync: [], requestBytes: [] });
  }

  // ---------------------------------------------------------------- Excel.run

  /**
   * `Excel.run(batch)`, `Excel.run(object, batch)`, `Excel.run(context, batch)`, `Excel.run(options, batch)`.
   * Like Office.js: the batch must return a promise; pending commands are synced after it resolves.
   */
  async run<T>(...args: unknown[]): Promise<T> {
    const batch = args[args.length - 1] as (ctx: SimRequestContext) => Promise<T>;
    const first = args.length > 1 ? args[0] : undefined;
    let ctx: SimRequestContext | undefined;
    if (first instanceof SimRequestContext) ctx = first;
    else if (first instanceof SimClientObject) ctx = first.context;
    else if (Array.isArray(first) && first[0] instanceof SimClientObject) ctx = first[0].context;
    else if (
      first &&
      typeof first === 'object' &&
      Array.isArray((first as { previousObjects?: unknown[] }).previousObjects)
    )
      ctx = ((first as { previousObjects: SimClientObject[] }).previousObjects[0] ?? undefined)?.context;
    const context = ctx ?? new SimRequestContext(this);
    this.stats.runs++;
    await Promise.resolve();
    try {
      if (typeof batch !== 'function') throw new SimOfficeError('InvalidArgument', { location: 'Excel.run' });
      const result = batch(context);
      if (!result || typeof (result as Promise<T>).then !== 'function')
        throw new SimOfficeError('RunMustReturnPromise');
      const value = await result;
      await context.sync();
      return value;
    } finally {
      context._pending = [];
      // Objects of a finished run stop following inserted rows (Office.js releases its tracked objects).
      for (const ref of context._refs) this.model.tracked.delete(ref);
      context._refs.clear();
    }
  }

  /** @internal Runs one request: payload check, commands in order, results onto proxies, events. */
  _execute(ctx: SimRequestContext, ops: Op[]): void {
    this.stats.syncCalls++;
    if (ops.length === 0) return;
    let bytes = 2;
    for (const op of ops) bytes += ACTION_OVERHEAD_BYTES + utf8Length(JSON.stringify(op.payload) ?? '');
    this.stats.syncs++;
    this.stats.opsPerSync.push(ops.filter((o) => o.counted).length);
    this.stats.requestBytes.push(bytes);
    if (bytes > this.options.requestLimitBytes)
      throw hostError(
        'RequestPayloadSizeLimitExceeded',
        'RequestContext.sync',
        `request ≈ ${bytes} bytes, limit ${this.options.requestLimitBytes}`,
      );
    const exec: Exec = { sim: this, context: ctx, results: [], responseBytes: 0 };
    try {
      for (const op of ops) {
        try {
          op.run(exec);
        } catch (e) {
          if (e instanceof SimOfficeError && !e.debugInfo.errorLocation) e.debugInfo.errorLocation = op.location;
          throw e;
        }
      }
    } finally {
      this.scheduleDispatch();
    }
    // Judgement: the commands ran (Excel applies them in order), only the answer is refused.
    if (exec.responseBytes > this.options.responseLimitBytes)
      throw hostError(
        'ResponsePayloadSizeLimitExceeded',
        'RequestContext.sync',
        `response ≈ ${exec.responseBytes} bytes, limit ${this.options.responseLimitBytes}`,
      );
    for (const apply of exec.results) apply();
  }

  /** @internal A range a proxy resolved to, kept current through row/column inserts until its run ends. */
  _track(exec: Exec, sheet: SheetModel, rect: Rect): RangeRef {
    const ref: RangeRef = { sheet, rect: { ...rect } };
    this.model.tracked.add(ref);
    exec.context._refs.add(ref);
    return ref;
  }

  /** @internal */
  _makeWorkbook(ctx: SimRequestContext) {
    return makeWorkbook(ctx);
  }

  /** @internal */
  _makeRuntime(ctx: SimRequestContext) {
    return makeRuntime(ctx);
  }

  /** @internal */
  _makeNames(ctx: SimRequestContext, scope: (exec: Exec) => string | null) {
    return makeSheetNames(ctx, scope);
  }

  // ---------------------------------------------------------------- events

  /** @internal */
  _register(r: Registration): void {
    this.registrations.push(r);
  }

  /** @internal */
  _unregister(r: Registration): void {
    this.registrations = this.registrations.filter((x) => x !== r);
  }

  /** @internal */
  _unregisterHandler(handler: unknown, eventType: string): void {
    this.registrations = this.registrations.filter((x) => !(x.handler === handler && x.eventType === eventType));
  }

  get handlerCount(): number {
    return this.registrations.length;
  }

  /**
   * @internal Records a data change. Excel raises onChanged for the add-in's own writes too (source
   * "Local"; with ExcelApi 1.14 `triggerSource` tells "ThisLocalAddin" from "Unknown"), and gives
   * `details` only when a single cell changed.
   */
  _raiseChanged(
    sheet: SheetModel,
    rect: Rect,
    changeType: string,
    triggerSource: 'ThisLocalAddin' | 'Unknown',
    change?: { before: { value: CellValue; type: string }; after: { value: CellValue; type: string } },
    shift?: string,
  ): void {
    const record: ChangedEventRecord = {
      sheetId: sheet.id,
      sheetName: sheet.name,
      address: rectA1(rect),
      changeType,
      triggerSource,
      rect: { ...rect },
      ...(change
        ? {
            details: {
              valueBefore: change.before.value,
              valueAfter: change.after.value,
              valueTypeBefore: change.before.type,
              valueTypeAfter: change.after.type,
            },
          }
        : {}),
      ...(shift ? { shift } : {}),
    };
    this.changeLog.push(record);
    if (!this.enableEvents) return;
    const regs = this.registrations.filter((r) => r.target === '*' || r.target === sheet.id);
    if (regs.length) this.queued.push({ ev: record, regs });
  }

  private scheduleDispatch(): void {
    if (this.dispatchScheduled || this.queued.length === 0) return;
    this.dispatchScheduled = true;
    const p = new Promise<void>((resolve) =>
      setTimeout(() => {
        this.dispatchScheduled = false;
        const events = this.queued;
        this.queued = [];
        const calls: Promise<unknown>[] = [];
        for (const { ev, regs } of events)
          for (const reg of regs) {
            if (!this.registrations.includes(reg)) continue; // removed meanwhile
            try {
              const r = reg.handler(this.eventArgs(ev));
              if (r && typeof (r as Promise<unknown>).then === 'function')
                calls.push((r as Promise<unknown>).catch((e) => void this.handlerErrors.push(e)));
            } catch (e) {
              this.handlerErrors.push(e);
            }
          }
        Promise.all(calls).then(() => resolve());
      }, 0),
    );
    this.inflight.add(p);
    void p.then(() => this.inflight.delete(p));
  }

  private eventArgs(ev: ChangedEventRecord): Record<string, unknown> {
    const at = (v: string) => this.isSetSupported('ExcelApi', v);
    const rangeFor = (ctx: SimRequestContext, orNull: boolean) => {
      checkApi(ctx, orNull ? 'WorksheetChangedEventArgs.getRangeOrNullObject' : 'WorksheetChangedEventArgs.getRange');
      return new Range(ctx, (exec) => {
        const sheet = this.model.sheetById(ev.sheetId);
        if (!sheet) {
          if (orNull) return null;
          throw hostError('ItemNotFound', 'WorksheetChangedEventArgs.getRange');
        }
        return this._track(exec, sheet, ev.rect);
      });
    };
    const shiftState = ev.shift
      ? ev.shift === 'Down' || ev.shift === 'Right'
        ? { insertShiftDirection: ev.shift, deleteShiftDirection: undefined }
        : { insertShiftDirection: undefined, deleteShiftDirection: ev.shift }
      : undefined;
    return {
      type: 'WorksheetChanged',
      changeType: ev.changeType,
      source: 'Local',
      worksheetId: ev.sheetId,
      address: ev.address,
      details: at('1.9') ? ev.details : undefined,
      triggerSource: at('1.14') ? ev.triggerSource : undefined,
      changeDirectionState: at('1.14') ? shiftState : undefined,
      getRange: (ctx: SimRequestContext) => rangeFor(ctx, false),
      getRangeOrNullObject: (ctx: SimRequestContext) => rangeFor(ctx, true)._probeNull(),
    };
  }

  /** Resolves when every raised event has been delivered and the handlers' promises have settled. */
  async settle(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      this.scheduleDispatch();
      if (this.inflight.size === 0) {
        await new Promise((r) => setTimeout(r, 0));
        if (this.inflight.size === 0 && this.queued.length === 0) return;
      }
      await Promise.all([...this.inflight]);
    }
    throw new Error('ExcelSim.settle: events keep coming (a handler that writes and re-triggers itself?)');
  }

  // ---------------------------------------------------------------- acting as the user

  private sheetOrThrow(name: string): SheetModel {
    const s = this.model.sheetByName(name);
    if (!s)
      throw new Error(`ExcelSim: no sheet "${name}" (sheets: ${this.model.sheets.map((x) => x.name).join(', ')})`);
    return s;
  }

  private rectOrThrow(address: string): Rect {
    const p = parseAddress(address);
    if (!p) throw new Error(`ExcelSim: "${address}" is not an A1 address`);
    return p.rect;
  }

  /**
   * Types (one cell) or pastes (several cells, or `paste: true`) like a user: strings are read as typed
   * input in the simulated locale ("99,6" is a number in vi-VN, "=A1" a formula, "'007" text). Locked cells
   * on a protected sheet refuse; a typed value against a Stop validation alert is refused (pasting skips
   * validation, as in Excel). Fires onChanged (source "Local", triggerSource "Unknown"), with `details` for
   * a single cell only, then waits for the handlers.
   */
  async userEdit(
    sheetName: string,
    address: string,
    values: unknown,
    opts: { paste?: boolean } = {},
  ): Promise<UserEditResult> {
    const sheet = this.sheetOrThrow(sheetName);
    const rect = this.rectOrThrow(address);
    const m = this.model;
    const grid = Array.isArray(values) ? values : [[values]];
    if (grid.length !== rectRows(rect) || grid.some((row) => !Array.isArray(row) || row.length !== rectCols(rect)))
      throw new Error(`ExcelSim.userEdit: ${rectRows(rect)}×${rectCols(rect)} values needed for ${address}`);
    if (sheet.protection.protected) {
      try {
        m.assertAllowed(sheet, 'cells', rect, 'userEdit');
      } catch {
        return { accepted: false, reason: 'protected' };
      }
    }
    const single = rectRows(rect) === 1 && rectCols(rect) === 1;
    const cellAddr = { sheet: sheet.hfId, row: rect.r0, col: rect.c0 };
    const before = single
      ? {
          value: m.valueAt(sheet, rect.r0, rect.c0),
          type: m.valueTypeAt(sheet, rect.r0, rect.c0),
          raw: m.hf.getCellSerialized(cellAddr),
        }
      : undefined;
    m.write(sheet, rect, grid, 'user', 'userEdit');
    let alert: UserEditResult['alert'];
    if (single && !opts.paste) {
      const v = m.validationAt(sheet, rect.r0, rect.c0);
      if (v && v.errorAlert.showAlert && !m.isValid(sheet, v, rect.r0, rect.c0, m.valueAt(sheet, rect.r0, rect.c0))) {
        alert = { ...v.errorAlert };
        if (v.errorAlert.style === 'Stop') {
          m.hf.setCellContents(cellAddr, [[before!.raw as never]]);
          return { accepted: false, reason: 'validation', alert };
        }
      }
    }
    const after = single
      ? { value: m.valueAt(sheet, rect.r0, rect.c0), type: m.valueTypeAt(sheet, rect.r0, rect.c0) }
      : undefined;
    this._raiseChanged(sheet, rect, 'RangeEdited', 'Unknown', before && after ? { before, after } : undefined);
    await this.settle();
    return alert ? { accepted: true, alert } : { accepted: true };
  }

  /** Clears cells like the Delete key (fires onChanged). */
  async userClear(sheetName: string, address: string): Promise<UserEditResult> {
    const rect = this.rectOrThrow(address);
    const empty = Array.from({ length: rectRows(rect) }, () => Array(rectCols(rect)).fill(''));
    return this.userEdit(sheetName, address, empty, { paste: rectRows(rect) * rectCols(rect) > 1 });
  }

  /** Inserts entire rows like Home › Insert › Insert Sheet Rows: `rows` is "5:7" or "5". */
  async userInsertRows(sheetName: string, rows: string): Promise<void> {
    const sheet = this.sheetOrThrow(sheetName);
    const [a, b = a] = rows.split(':').map(Number);
    this.model.assertAllowed(sheet, 'insertRows', undefined, 'userInsertRows');
    this.model.shiftRows(sheet, a - 1, b - a + 1, undefined, 'userInsertRows');
    this._raiseChanged(
      sheet,
      { r0: a - 1, r1: b - 1, c0: 0, c1: MAX_COLS - 1 },
      'RowInserted',
      'Unknown',
      undefined,
      'Down',
    );
    await this.settle();
  }

  async userDeleteRows(sheetName: string, rows: string): Promise<void> {
    const sheet = this.sheetOrThrow(sheetName);
    const [a, b = a] = rows.split(':').map(Number);
    this.model.assertAllowed(sheet, 'deleteRows', undefined, 'userDeleteRows');
    this.model.shiftRows(sheet, a - 1, -(b - a + 1), undefined, 'userDeleteRows');
    this._raiseChanged(
      sheet,
      { r0: a - 1, r1: b - 1, c0: 0, c1: MAX_COLS - 1 },
      'RowDeleted',
      'Unknown',
      undefined,
      'Up',
    );
    await this.settle();
  }

  /** Selects a range (and activates its sheet), like clicking. */
  userSelect(sheetName: string, address: string): void {
    const sheet = this.sheetOrThrow(sheetName);
    this.model.activate(sheet, 'userSelect');
    this.model.selection = { sheet, rect: this.rectOrThrow(address) };
  }

  /** Puts content in the workbook without events or stats (test fixtures). Strings are read as API values. */
  seed(sheetName: string, address: string, values: unknown[][]): void {
    const sheet = this.model.sheetByName(sheetName) ?? this.model.addSheet(sheetName, 'seed');
    this.model.write(sheet, this.rectOrThrow(address), values, 'values', 'seed');
  }

  // ---------------------------------------------------------------- looking at the workbook

  sheet(name: string): SheetModel {
    return this.sheetOrThrow(name);
  }

  get sheetNames(): string[] {
    return this.model.sheets.map((s) => s.name);
  }

  cell(sheetName: string, address: string): CellView {
    const sheet = this.sheetOrThrow(sheetName);
    const { r0: r, c0: c } = this.rectOrThrow(address);
    const m = this.model;
    const format = m.formatAt(sheet, r, c);
    const merge = sheet.merges.find((x) => r >= x.r0 && r <= x.r1 && c >= x.c0 && c <= x.c1);
    return {
      value: m.valueAt(sheet, r, c),
      formula: m.formulaAt(sheet, r, c),
      text: m.textAt(sheet, r, c),
      valueType: m.valueTypeAt(sheet, r, c),
      format,
      locked: format.locked !== false,
      ...(merge ? { mergedArea: rectA1(merge) } : {}),
      ...(m.validationAt(sheet, r, c) ? { validation: m.validationAt(sheet, r, c) } : {}),
      conditionalFormats: m.conditionalFormatsOn(sheet, r, c),
    };
  }

  values(sheetName: string, address: string): CellValue[][] {
    return this.model.values(this.sheetOrThrow(sheetName), this.rectOrThrow(address));
  }

  /** Where a name points, as Excel writes it ("'Biểu mẫu 1'!$D$12"), or undefined. */
  nameAddress(name: string, scopeSheet?: string): string | undefined {
    const scope = scopeSheet ? this.sheetOrThrow(scopeSheet).id : undefined;
    const n = this.model.findName(name, scope);
    const ref = n && this.model.nameRange(n);
    return ref ? `${quoteSheet(ref.sheet.name)}!${rectA1Abs(ref.rect)}` : undefined;
  }

  rowHeight(sheetName: string, row: number): number {
    return this.model.rowHeight(this.sheetOrThrow(sheetName), row - 1);
  }
}
