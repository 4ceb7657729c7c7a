/**
 * The browser test's stand-in for Office.js: the simulated Excel host (test/excel-sim) installed as
 * the page's `Office`, `Excel` and `OfficeExtension`, and exposed as `window.__sim` so the test can
 * act as the user (type, paste, insert rows) and look at the workbook.
 */
import { createExcelSim, installOfficeGlobals } from '../excel-sim';

const sim = createExcelSim({
  sheets: ['Sheet1'],
  workbookName: 'Kong-Chro-6T-2022.xlsx',
  locale: { decimalSeparator: ',', thousandsSeparator: '.' },
});
installOfficeGlobals(sim, window as unknown as Record<string, unknown>);
(window as unknown as { __sim: typeof sim }).__sim = sim;
