/** The rule engine: checking reports, incremental checking, cross-period checks, Excel formulas. */
export {
  checkReport,
  checkVerdicts,
  createChecker,
  prepare,
  sheetValueOf,
  type Checker,
  type CheckMode,
  type CheckOptions,
  type CheckUpdate,
  type Verdict,
} from './check';
export { checkAcrossPeriods, type PeriodLabels } from './periods';
export {
  compileRules,
  ruleFormulaHook,
  ruleStatement,
  absolute,
  type CompiledRules,
  type CompiledCondition,
  type CompiledValidation,
} from './compile';
export { RuleError, type Check } from './lower';
export { MAX_TYPED_DECIMALS, SLACK, halfWidth, typedDecimals } from './tolerance';
