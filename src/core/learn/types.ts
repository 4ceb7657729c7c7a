/** What learning a template from an official's form produces: its rows, the rules inferred with their evidence, a summary. */
import type { TemplateInput, RowKind, CodeOption, Severity, EmptyTreatment, LevelId } from '../template/schema';
import type { NumberReading } from '../values';

export interface LearnedRow {
  /** Row id in the learned template (`B1:2.1`, `PL1B:3.3.1`, `M2:1.a`). */
  id: string;
  /** STT as printed (empty for an unnumbered row). */
  stt: string;
  label: string;
  unit: string;
  note: string;
  kind: RowKind;
  codes?: CodeOption[];
  /** The parent row's id (STT hierarchy; unnumbered rows under the row they follow). */
  parent?: string;
  /** Where the row was read: its value cell, `'Biểu 1'!D12`, and the sheet row. */
  cell: string;
  sheet: string;
  row: number;
  /** The figure typed in the form, when it was filled. */
  value?: NumberReading;
  cumulative?: boolean;
}

export interface LearnedForm {
  id: string;
  title: string;
  name: string;
  sheet: string;
  rows: LearnedRow[];
}

export type RuleFamily = 'ratio' | 'sum' | 'le';

/** A rule the learner inferred, with what made it think so. */
export interface InferredRule {
  id: string;
  form: string;
  family: RuleFamily;
  /** The readable syntax of src/core/rules/expr.ts. */
  check: string;
  severity: Severity;
  empty: EmptyTreatment;
  /** The row the rule states something about (the %, the total, the part). */
  target: string;
  /** ratio: [numerator, denominator]; sum: the parts; le: the parts on the left, then the whole. */
  parts: string[];
  /** 0–1. */
  confidence: number;
  /** Vietnamese reasons, shown for the official to confirm. */
  evidence: string[];
}

export interface LearnOptions {
  /** Template id (`[a-z0-9-]+`). */
  id: string;
  /** Template name; default from the form's title. */
  name?: string;
  /** Levels that fill the form; default every level. */
  levels?: LevelId[];
  /** Shown in `source`: the file the form was read from. */
  file?: string;
  /** ISO date of learning, for `source` and `version` (the core does not read the clock). */
  date?: string;
}

export interface LearnResult {
  template: TemplateInput;
  forms: LearnedForm[];
  rules: InferredRule[];
  /** Vietnamese summary, one line each. */
  summary: string[];
  warnings: string[];
}

/** A form that cannot be learned (no table, a bad id): the message is Vietnamese and names the file. */
export class LearnError extends Error {
  override name = 'LearnError';
}
