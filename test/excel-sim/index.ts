/**
 * A simulated Excel host for testing the add-in's Office.js code without Excel (jest, or a browser page
 * that loads the built task pane). See sim.ts for the host, client.ts for load/sync semantics.
 *
 *   const sim = createExcelSim({ sheets: ['Biểu mẫu 1'], maxApi: '1.12' });
 *   const restore = installOfficeGlobals(sim);   // globalThis.Excel / Office / OfficeExtension
 *   await Excel.run(async (ctx) => { ... });
 *   sim.stats.syncs; sim.cell('Biểu mẫu 1', 'D11').value; await sim.userEdit('Biểu mẫu 1', 'D9', 2531);
 */
import './api-workbook';
import { ExcelSim, ExcelSimOptions } from './sim';

export { ExcelSim } from './sim';
export type { CellView, ChangedEventRecord, ExcelSimOptions, SimStats, UserEditResult } from './sim';
export { installOfficeGlobals, makeOfficeGlobals } from './globals';
export { SimOfficeError } from './errors';
export { EXCEL_ENUMS, API_VERSION_CHECKS } from './generated';
export type { CellFormat, SheetModel, DataValidationModel, ConditionalFormatModel } from './model';

export function createExcelSim(options: ExcelSimOptions = {}): ExcelSim {
  return new ExcelSim(options);
}
