/**
 * "Save as .xlsx" for the simulated Excel host: every sheet's values (formulas with their computed
 * results), number formats, visibility and the workbook's defined names, written with ExcelJS — what
 * a district's workbook looks like once saved and sent up.
 */
import ExcelJS from 'exceljs';
import { columnLetters } from '../../src/core/a1';
import type { ExcelSim } from '../excel-sim';

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function saveSimWorkbook(sim: ExcelSim): Promise<Uint8Array> {
  const m = sim.model;
  const wb = new ExcelJS.Workbook();
  for (const sheet of m.sheets.filter((s) => !s.deleted)) {
    const ws = wb.addWorksheet(sheet.name, {
      state: sheet.visibility === 'VeryHidden' ? 'veryHidden' : sheet.visibility === 'Hidden' ? 'hidden' : 'visible',
    });
    const rect = m.usedRect(sheet, true);
    if (!rect) continue;
    const values = m.values(sheet, rect);
    for (let r = rect.r0; r <= rect.r1; r++)
      for (let c = rect.c0; c <= rect.c1; c++) {
        const v = values[r - rect.r0][c - rect.c0];
        const f = m.formulaAt(sheet, r, c);
        const cell = ws.getCell(r + 1, c + 1);
        if (typeof f === 'string' && f.startsWith('='))
          cell.value = {
            formula: f.slice(1),
            result: v === '' ? undefined : (v as number | string),
          } as ExcelJS.CellFormulaValue;
        else if (v !== '' && v !== null) cell.value = v;
        const fmt = (
          m as unknown as { formatAt(s: unknown, r: number, c: number): { numberFormat?: string } }
        ).formatAt(sheet, r, c).numberFormat;
        if (fmt && fmt !== 'General') cell.numFmt = fmt;
      }
  }
  for (const n of m.names) {
    const ref = m.nameRange(n);
    if (!ref || ref.sheet.deleted) continue;
    const { r0, c0 } = ref.rect;
    wb.definedNames.add(`${quote(ref.sheet.name)}!$${columnLetters(c0 + 1)}$${r0 + 1}`, n.name);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
