/**
 * What the user asks for from the findings list and the consolidation tab, one sync each:
 * select a cell, write a suggested value, read the selected cells (a roster typed in a column).
 */
import { parseRect, splitSheetAddress } from './a1';

function locate(ref: string): { sheet: string; address: string } {
  const { sheet, address } = splitSheetAddress(ref);
  if (!sheet || !parseRect(address)) throw new Error(`Địa chỉ ô «${ref}» không hợp lệ`);
  return { sheet, address: address.replace(/\$/g, '') };
}

/** Shows a cell: activates its sheet and selects it. */
export async function goToCell(ref: string): Promise<void> {
  const { sheet, address } = locate(ref);
  await Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(address).select();
    await ctx.sync();
  });
}

/**
 * Writes a suggested value (null clears the cell). The user asked for it, so this is the one place
 * the add-in writes into the report; events are off meanwhile so the write is not taken for the user's.
 */
export async function applySuggestion(ref: string, value: number | null): Promise<void> {
  const { sheet, address } = locate(ref);
  await Excel.run(async (ctx) => {
    ctx.runtime.enableEvents = false;
    ctx.workbook.worksheets.getItem(sheet).getRange(address).values = [[value === null ? '' : value]];
    ctx.runtime.enableEvents = true;
    try {
      await ctx.sync();
    } catch (e) {
      // A refused write stops the batch before events are switched back on.
      ctx.runtime.enableEvents = true;
      await ctx.sync().catch(() => undefined);
      throw e;
    }
  });
}

/** The non-empty texts of the selected cells, top to bottom (a list of units typed in a column). */
export async function readSelectedTexts(): Promise<{ address: string; texts: string[] }> {
  return Excel.run(async (ctx) => {
    const r = ctx.workbook.getSelectedRange().load('address,values');
    await ctx.sync();
    const texts = r.values
      .flat()
      .map((v) => (v === null || v === undefined ? '' : String(v).trim()))
      .filter((v) => v !== '');
    return { address: r.address, texts };
  });
}
