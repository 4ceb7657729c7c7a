/**
 * Check as you type: `onChanged` on the appendix sheets → read what changed → the caller's
 * incremental checker. The handler only reads: before ExcelApi 1.20 any write by an add-in clears the
 * user's undo history, so checking must never write to the sheet.
 *
 * Per event, at most two syncs (usually one):
 * - a typed cell (`details` present) or a pasted block (`details` absent): one request loading the
 *   changed cells that hold template rows (the event's range clipped to them) and the computed ratio
 *   cells that depend on them (Excel recalculates those without an event);
 * - inserted or deleted rows, columns or cells: the cell map follows (through the CCHC_* names when
 *   the workbook has them: one request; otherwise computed from the event); cells deleted with their
 *   row are reported as emptied.
 * Events caused by the add-in itself are ignored: its writes run with events switched off, and
 * where the host tells (`triggerSource`, ExcelApi 1.14) or the write is known (`expectWrite`),
 * such events are skipped as well.
 */
import { computedRows } from '../core/layout/computed';
import { readNumber } from '../core/number';
import type { Template } from '../core/template/load';
import type { LevelId } from '../core/template/schema';
import { EMPTY_READING, type NumberReading } from '../core/values';
import { parseRect, rectAddress, splitSheetAddress } from './a1';
import { CellMap } from './cell-map';
import { formulaText } from './grid';
import type { SheetInfo } from './read';

export interface WatchTarget {
  template: Template;
  level: LevelId;
  /** Row id → `'Biểu mẫu 3'!D12` (a ReadReport's `cells`). */
  cells: Map<string, string>;
  sheets: SheetInfo[];
  /** The workbook's rows are found through CCHC_* names (metadata) rather than recognised. */
  named: boolean;
}

export interface ChangeBatch {
  /** Row id → its new reading (an empty reading: the cell was cleared or deleted). */
  changes: Map<string, NumberReading>;
  /** Row id → cell, when cells moved (rows inserted or deleted). */
  cells?: Map<string, string>;
  /** Requests this event cost. */
  syncs: number;
}

export interface Watch {
  /** Current row id → cell map. */
  cells(): Map<string, string>;
  /** The add-in is about to write `value` into `ref`: an event for that write is not the user's. */
  expectWrite(ref: string, value: unknown): void;
  /** Reads rows (and the computed ratios depending on them) as they are now: one sync. */
  refresh(rowIds: string[]): Promise<ChangeBatch>;
  /** Resolves when every event received so far has been handled. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const STRUCTURAL = /^(Row|Column|Cell)(Inserted|Deleted)$/;

/** A cell as Office.js gives it → a reading of the row's kind. */
export function readingOf(
  value: unknown,
  numFmt: string | undefined,
  valueType: string | undefined,
  kind: Parameters<typeof readNumber>[1],
  formula?: unknown,
): NumberReading {
  if (valueType === 'Error') {
    return {
      value: null,
      raw: String(value),
      decimals: 0,
      alternatives: [],
      flags: ['not-a-number'],
      problem: `Ô chứa lỗi ${String(value)}, không phải là số.`,
    };
  }
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === ''))
    return { ...EMPTY_READING, alternatives: [], flags: [] };
  const r = readNumber(
    { value: value as string | number, ...(numFmt && numFmt !== 'General' ? { numFmt } : {}) },
    kind,
  );
  // A formula's result is fixed through its inputs: the checker must know it is one.
  const f = formulaText(formula);
  return f !== undefined ? { ...r, formula: f } : r;
}

export async function watchChanges(
  target: WatchTarget,
  onChange: (b: ChangeBatch) => void,
  onError: (e: unknown) => void = () => undefined,
): Promise<Watch> {
  const t = target.template;
  const computed = [...computedRows(t, target.level).values()];
  let map = new CellMap(target.cells);
  let sheetName = new Map(target.sheets.map((s) => [s.id, s.name]));
  const idOf = (name: string) => [...sheetName].find(([, n]) => n === name)?.[0] ?? name;
  const expected = new Map<string, unknown>();
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;

  const handle = async (e: Excel.WorksheetChangedEventArgs): Promise<void> => {
    if (stopped) return;
    if (e.triggerSource === 'ThisLocalAddin') return;
    const sheet = sheetName.get(e.worksheetId);
    if (!sheet) return;
    const ref = `${sheet}!${e.address}`;
    if (e.details && expected.has(ref)) {
      const want = expected.get(ref);
      expected.delete(ref);
      if (want === e.details.valueAfter || (want === null && e.details.valueAfter === '')) return;
    }

    if (STRUCTURAL.test(e.changeType)) {
      const direction = e.changeDirectionState?.insertShiftDirection ?? e.changeDirectionState?.deleteShiftDirection;
      const before = map;
      let syncs = 0;
      if (target.named) {
        map = await Excel.run(async (ctx) => {
          const names = ctx.workbook.names.load('items/name,items/type,items/formula');
          const sheets = ctx.workbook.worksheets.load('items/id,items/name');
          await ctx.sync();
          sheetName = new Map(sheets.items.map((s) => [s.id, s.name]));
          return CellMap.fromNames(
            names.items.filter((n) => n.type === 'Range').map((n) => ({ name: n.name, formula: String(n.formula) })),
          );
        });
        syncs = 1;
      } else {
        map = map.shifted(sheet, e.changeType, e.address, direction).map;
      }
      const changes = new Map<string, NumberReading>();
      for (const id of before.rowIds())
        if (!map.position(id)) changes.set(id, { ...EMPTY_READING, alternatives: [], flags: [] });
      onChange({ changes, cells: map.cells(), syncs });
      return;
    }

    const rect = parseRect(e.address);
    const clipped = rect && map.clip(sheet, rect);
    if (!clipped) return;
    const hit = map.rowsIn(sheet, clipped);
    if (!hit.length) return;
    const touched = new Set(hit.map((h) => h.rowId));
    const dependents = computed.filter(
      (c) => !touched.has(c.rowId) && c.args.some((a) => 'ref' in a && touched.has(a.ref)) && map.position(c.rowId),
    );
    const read = await Excel.run(async (ctx) => {
      // Sheets by id: a sheet renamed since the report was read is still found.
      const range = ctx.workbook.worksheets
        .getItem(e.worksheetId)
        .getRange(rectAddress(clipped))
        .load('values,numberFormat,valueTypes,formulas');
      const deps = dependents.map((c) => {
        const p = map.position(c.rowId)!;
        return {
          rowId: c.rowId,
          range: ctx.workbook.worksheets
            .getItem(idOf(p.sheet))
            .getCell(p.row - 1, p.col - 1)
            .load('values,numberFormat,valueTypes,formulas'),
        };
      });
      await ctx.sync();
      return { range, deps };
    });
    const changes = new Map<string, NumberReading>();
    for (const h of hit) {
      const [i, j] = [h.row - clipped.r0, h.col - clipped.c0];
      const kind = t.rowsById.get(h.rowId)?.kind ?? 'count';
      changes.set(
        h.rowId,
        readingOf(
          read.range.values[i][j],
          read.range.numberFormat[i][j],
          read.range.valueTypes[i][j],
          kind,
          read.range.formulas[i][j],
        ),
      );
    }
    for (const d of read.deps) {
      const kind = t.rowsById.get(d.rowId)?.kind ?? 'percent';
      changes.set(
        d.rowId,
        readingOf(
          d.range.values[0][0],
          d.range.numberFormat[0][0],
          d.range.valueTypes[0][0],
          kind,
          d.range.formulas[0][0],
        ),
      );
    }
    onChange({ changes, syncs: 1 });
  };

  const refresh = async (rowIds: string[]): Promise<ChangeBatch> => {
    const wanted = new Set(rowIds.filter((id) => map.position(id)));
    for (const c of computed)
      if (!wanted.has(c.rowId) && map.position(c.rowId) && c.args.some((a) => 'ref' in a && rowIds.includes(a.ref)))
        wanted.add(c.rowId);
    const changes = new Map<string, NumberReading>();
    if (!wanted.size) return { changes, syncs: 0 };
    const loaded = await Excel.run(async (ctx) => {
      const cells = [...wanted].map((id) => {
        const p = map.position(id)!;
        return {
          id,
          r: ctx.workbook.worksheets
            .getItem(idOf(p.sheet))
            .getCell(p.row - 1, p.col - 1)
            .load('values,numberFormat,valueTypes,formulas'),
        };
      });
      await ctx.sync();
      return cells;
    });
    for (const { id, r } of loaded)
      changes.set(
        id,
        readingOf(
          r.values[0][0],
          r.numberFormat[0][0],
          r.valueTypes[0][0],
          t.rowsById.get(id)?.kind ?? 'count',
          r.formulas[0][0],
        ),
      );
    return { changes, syncs: 1 };
  };

  const handler = (e: Excel.WorksheetChangedEventArgs): Promise<void> => {
    chain = chain.then(() => handle(e)).catch((err) => onError(err));
    return chain;
  };

  const registrations = await Excel.run(async (ctx) => {
    const regs = map.sheets().map((name) => ctx.workbook.worksheets.getItem(name).onChanged.add(handler));
    await ctx.sync();
    return regs;
  });

  return {
    cells: () => map.cells(),
    expectWrite(ref: string, value: unknown) {
      const { sheet, address } = splitSheetAddress(ref);
      if (sheet) expected.set(`${sheet}!${address.replace(/\$/g, '')}`, value);
    },
    refresh,
    idle: () => chain,
    async stop() {
      stopped = true;
      for (const r of registrations) {
        try {
          await Excel.run(r.context, async (ctx) => {
            r.remove();
            await ctx.sync();
          });
        } catch {
          // The sheet may be gone (replaced): its handler went with it.
        }
      }
    },
  };
}
