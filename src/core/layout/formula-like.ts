/**
 * Text that Excel would take for a formula when it is written as a value, typed or exported again:
 * it starts with `=`, `+`, `-` or `@` ("- Số văn bản", a file named "=HYPERLINK(…).xlsx"). Both
 * renderers keep such a cell as text — the text format and Excel's quote prefix — so that nothing a
 * unit sent becomes a formula in the workbook an official signs.
 */
const FORMULA_LIKE = /^[=+\-@]/;

export function isFormulaLikeText(cell: { value?: unknown; formula?: string }): boolean {
  return typeof cell.value === 'string' && cell.formula === undefined && FORMULA_LIKE.test(cell.value);
}
