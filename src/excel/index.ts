/**
 * The add-in's Office.js layer: the only code that touches `Excel.*`. Everything it decides without
 * Excel is in src/core or in the pure modules next to it (a1, cell-map, grid, placement, plan-steps).
 */
export {
  MIN_EXCEL_API,
  OPTIONAL_FEATURES,
  hostFeatures,
  hostProblem,
  excelApiSupported,
  type Features,
} from './requirements';
export {
  renderPlan,
  checkClashes,
  readWorkbookState,
  ClashError,
  DEFAULT_REQUEST_BUDGET,
  type RenderOptions,
  type RenderResult,
} from './render';
export { readCurrentReport, type CurrentReport, type SheetInfo } from './read';
export { watchChanges, readingOf, type Watch, type WatchTarget, type ChangeBatch } from './watch';
export { goToCell, applySuggestion, readSelectedTexts } from './actions';
export { writeConsolidation, consolidationForWorkbook } from './consolidation';
export { findClashes, hasClash, placePlan, type Clash, type ClashChoice, type WorkbookState } from './placement';
export { excelErrorMessage, officeErrorCode, isOfficeError, userMessage } from './errors';
export { cellLabel, splitSheetAddress } from './a1';
export {
  readStoredTemplates,
  storeTemplate,
  removeStoredTemplate,
  readActiveSheetGrid,
  templateXml,
  templateFromXml,
  TEMPLATE_NAMESPACE,
  type StoredTemplate,
} from './templates';
