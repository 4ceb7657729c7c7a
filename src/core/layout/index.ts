/** Template → renderer-neutral sheet plan (see plan.ts), and the names readers share with the writer. */
export * from './types';
export { planWorkbook, planDataRows, dateProblem, LayoutError } from './plan';
export {
  nameForRow,
  rowForName,
  META_SHEET,
  META_FORMAT,
  META_VERSION,
  META_KEYS,
  META_ROW_HEADER,
  META_ROW_TABLE_COL,
  NAME_PREFIX,
  metaSheetMatrix,
  parseMetaMatrix,
  MetaError,
} from './names';
export { computedRows, computedFormula, ratioOfRule, RATIO_DECIMALS, type ComputedRow, type Operand } from './computed';
export {
  fillTitle,
  attachmentLine,
  periodPhrase,
  periodColumnHeader,
  reportNumber,
  reportNumberProblem,
  dateWords,
  isPeoplesCommittee,
} from './titles';
export { COLUMNS, colLetter, sheetRef } from './measure';
export { NUMBER_FORMATS, GREY, COMPUTED } from './styles';
export { legendText, kindValidation } from './validations';
