/** Reading a written workbook back in tests: ExcelJS load, the meta sheet, and a HyperFormula copy to evaluate formulas. */
import ExcelJS from 'exceljs';
import { HyperFormula } from 'hyperformula';
import { META_SHEET, parseMetaMatrix } from '../../src/core/layout/names';
import type { WorkbookMeta } from '../../src/core/layout/types';

export async function loadXlsx(buf: Buffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

/** A sheet's cell values as a 0-based matrix (formulas as `=…`, rich text flattened). */
export function sheetMatrix(ws: ExcelJS.Worksheet): (string | number | boolean | null)[][] {
  const out: (string | number | boolean | null)[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const line: (string | number | boolean | null)[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      line[c - 1] = cellContent(cell);
    });
    out[r - 1] = Array.from(line, (v) => v ?? null);
  });
  return Array.from(out, (r) => r ?? []);
}

export function cellContent(cell: ExcelJS.Cell): string | number | boolean | null {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') {
    if ('formula' in v && v.formula) return `=${v.formula}`;
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return (v.result as string | number) ?? null;
    return String(v);
  }
  return v as string | number | boolean;
}

export function readMeta(wb: ExcelJS.Workbook): WorkbookMeta {
  const ws = wb.getWorksheet(META_SHEET);
  if (!ws) throw new Error(`no ${META_SHEET} sheet`);
  return parseMetaMatrix(sheetMatrix(ws));
}

/** Every visible sheet of the workbook in a HyperFormula engine; `set` then `value` evaluate. */
export class FormulaSheets {
  readonly hf: HyperFormula;
  private readonly ids = new Map<string, number>();

  constructor(wb: ExcelJS.Workbook) {
    const sheets: Record<string, (string | number | boolean | null)[][]> = {};
    for (const ws of wb.worksheets) if (ws.state === 'visible') sheets[ws.name] = sheetMatrix(ws);
    this.hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3' });
    for (const name of Object.keys(sheets)) this.ids.set(name, this.hf.getSheetId(name)!);
  }

  private at(sheet: string, address: string) {
    const m = /^([A-Z]+)(\d+)$/.exec(address);
    if (!m) throw new Error(`bad address ${address}`);
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return { sheet: this.ids.get(sheet)!, col, row: Number(m[2]) - 1 };
  }

  set(sheet: string, address: string, value: number | string | null): void {
    this.hf.setCellContents(this.at(sheet, address), [[value]]);
  }

  value(sheet: string, address: string): unknown {
    return this.hf.getCellValue(this.at(sheet, address));
  }
}
