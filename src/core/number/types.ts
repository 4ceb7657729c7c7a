/** Input and kind types of the Vietnamese number reader (see ../number.ts for the policy). */

/**
 * What a cell is expected to hold, from the template row's kind. `any` is for callers that do
 * not know the row (it reads like money: the Vietnamese habit, every other reading kept).
 */
export type NumberKind = 'count' | 'money' | 'percent' | 'code' | 'text' | 'group' | 'any';

/** A cell as a reader sees it: text typed by an official, or a number Excel stored with its format. */
export interface CellInput {
  value: string | number | boolean | null | undefined;
  /** Excel number format (`0%`, `0.0%`, `#,##0`, `General`); only used for stored numbers. */
  numFmt?: string;
}
