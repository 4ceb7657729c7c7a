/**
 * The template model: template → forms → rows, plus the rules and consolidation
 * recipes that travel with it. Everything here is data validated with zod at load;
 * a new official form is a new JSON file, not new code.
 */
import { z } from 'zod';

export const LEVEL_IDS = ['xa', 'huyen', 'tinh', 'so'] as const;
export const LevelId = z.enum(LEVEL_IDS);
export type LevelId = z.infer<typeof LevelId>;

export const ROW_KINDS = ['count', 'money', 'percent', 'code', 'group', 'text'] as const;
export const RowKind = z.enum(ROW_KINDS);
export type RowKind = z.infer<typeof RowKind>;

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

/** One allowed answer of a code row: "Có = 1" → { value: 1, label: "Có" }. */
export const CodeOption = z.object({
  value: z.number().int(),
  label: z.string().min(1),
});
export type CodeOption = z.infer<typeof CodeOption>;

/**
 * How empty cells are treated by a rule:
 * - `skip`: the rule is not evaluated while any cell it reads is empty (the default:
 *   a half-typed report raises nothing);
 * - `zero`: empty cells count as 0 (sums whose parts may be left blank, as in 004);
 * - `skip-if-all`: skipped only when every cell is empty, otherwise empty counts as 0.
 */
export const EmptyTreatment = z.enum(['skip', 'zero', 'skip-if-all']);
export type EmptyTreatment = z.infer<typeof EmptyTreatment>;

/**
 * A rule in the readable syntax of `src/core/rules/expr.ts`, e.g.
 * `BM1:2 == ratio(BM1:2.2, BM1:2.1)`, `BM3:1.4 == BM3:1.4.1 + BM3:1.4.2 + BM3:1.4.3`,
 * `BM1:2.2 <= BM1:2.1`, `BM1:6 == 0 => empty(BM1:6.1)`.
 */
export const RuleDef = z.object({
  id: z.string().min(1),
  check: z.string().min(1),
  severity: Severity.default('error'),
  empty: EmptyTreatment.default('skip'),
  /** Levels the rule applies to; absent = every level of the template. */
  levels: z.array(LevelId).optional(),
  /** Optional Vietnamese explanation shown with the finding. */
  message: z.string().optional(),
});
export type RuleDef = z.infer<typeof RuleDef>;

/** Where a 2015 baseline lives for a "so với năm 2015" ratio. */
export const Baseline = z.object({
  /** The year of the baseline (2015 in every seed). */
  year: z.number().int(),
  /** The row id whose current value is compared with the baseline. */
  current: z.string().min(1),
});
export type Baseline = z.infer<typeof Baseline>;

export const RowDef = z.object({
  /** Stable id: `BM1:2`, `BM3:3.3.1`, `PL4:3.2.1`, `1B:3.3.3.1`; unnumbered sub-rows get a letter (`BM7:2.a`). */
  id: z.string().regex(/^[A-Za-z0-9]+:[A-Za-z0-9.]+$/, 'id phải có dạng BM1:2.1'),
  /** STT exactly as printed (with or without the trailing dot). */
  stt: z.string(),
  label: z.string().min(1),
  /** Đơn vị tính as printed ("Văn bản", "%", "Có = 1; Không = 0"). */
  unit: z.string().default(''),
  kind: RowKind,
  /** For `code` rows: the legend. */
  codes: z.array(CodeOption).optional(),
  /** Levels that fill this row in; absent = every level of the template. */
  levels: z.array(LevelId).optional(),
  /** Ghi chú printed in the template (e.g. "Cấp sở báo"). */
  note: z.string().optional(),
  /** The BNV 2022 counterpart (for BNV 2022 templates: the row itself). */
  bnv: z.string().optional(),
  /**
   * When the counterpart is of another kind or legend: this row's value (as text) → the
   * counterpart's value, e.g. 1B 7.1 "Chưa có = 0, 2 cấp = 1, 3 cấp = 2" → BM7:2
   * "Đã liên thông = 1, Chưa liên thông = 2" is {"0": 2, "1": 1, "2": 1}. Values not listed are not carried over.
   */
  bnvValues: z.record(z.string(), z.number()).optional(),
  /** Cumulative since the start of the year ("Lũy kế"): must not fall between periods. */
  cumulative: z.boolean().optional(),
  /** For a "so với năm 2015" ratio: where its baseline comes from. */
  baseline: Baseline.optional(),
  /**
   * How a parent level consolidates this row, keyed by the parent level id, or by
   * `level@chain` where the chains differ (e.g. `tinh@2cap`). Expressions use the
   * consolidation syntax: `own`, `recompute`, `sum(xa.BM3:3.3.1)`, `uniform(xa.BM3:1.4.3)`,
   * `count(xa.BM7:5.1.3 == 1)`, `share(huyen.BM4:1.2 == 1)`, and `+` between terms.
   */
  consolidate: z.record(z.string(), z.string()).optional(),
  /** Free text for maintainers: the judgement behind this row's data. */
  comment: z.string().optional(),
});
export type RowDef = z.infer<typeof RowDef>;

export const FormDef = z.object({
  /** Form id, the prefix of its row ids: `BM1`, `PL2`, `1B`. */
  id: z.string().regex(/^[A-Za-z0-9]+$/),
  /** "Biểu mẫu 1", "Phụ lục 2", "Phụ lục 1B". */
  title: z.string().min(1),
  /** "Công tác chỉ đạo điều hành CCHC". */
  name: z.string().min(1),
  /** The reform area (1–7: chỉ đạo điều hành … chính quyền số) the form covers; absent for a table of every area (1B). */
  area: z.number().int().min(1).optional(),
  /** Short title for narrow columns (the breakdown's form column): "BM 3", "PL 4". Default: the title. */
  shortTitle: z.string().min(1).optional(),
  /** Printed heading of the form when it differs from the title block's ("BIỂU MẪU THỐNG KÊ … CẢI CÁCH THỂ CHẾ"). */
  heading: z.string().optional(),
  /** Sheet name (≤ 31 characters, no []:*?/\). */
  sheet: z
    .string()
    .min(1)
    .max(31)
    .regex(/^[^[\]:*?/\\]+$/),
  rows: z.array(RowDef).min(1),
  rules: z.array(RuleDef).default([]),
});
export type FormDef = z.infer<typeof FormDef>;

export const TemplateDef = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  version: z.string().min(1),
  name: z.string().min(1),
  /** Where the layout comes from (document, seed). */
  source: z.string().optional(),
  /** Levels that fill this template in. */
  levels: z.array(LevelId).min(1),
  /**
   * Its row ids are the BNV 2022 ids (bnv2022-huyen, bnv2022-tinh): the lingua franca that other
   * templates' `bnv` fields and consolidation recipes name. Such a template's rows need no `bnv`.
   */
  bnvReference: z.boolean().optional(),
  /** "Phụ lục 1", "Phụ lục 1B": the label above the title block. */
  appendixLabel: z.string().min(1),
  /**
   * Title line; `{period}` and `{year}` are replaced: "BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH {period} NĂM {year}".
   */
  title: z.string().min(1),
  /** How the value column's header reads ("Số liệu"). */
  valueHeader: z.string().default('Số liệu'),
  /**
   * `sheet-per-form` (BNV 2022, 2024): one sheet per form, STT restarting in each;
   * `single-table` (1B): every form stacked in one table on the first form's sheet.
   */
  layout: z.enum(['sheet-per-form', 'single-table']).default('sheet-per-form'),
  /**
   * The value column's header: `ket-qua` puts "Kết quả thống kê" over "Đơn vị tính | Số liệu"
   * (000, 001, 003); `period` puts the period title over "Số liệu | Ghi chú" (004).
   */
  header: z.enum(['ket-qua', 'period']).default('ket-qua'),
  forms: z.array(FormDef).min(1),
  /** Rules across forms. */
  rules: z.array(RuleDef).default([]),
  /** Free text for maintainers. */
  comment: z.string().optional(),
});
export type TemplateDef = z.infer<typeof TemplateDef>;
export type TemplateInput = z.input<typeof TemplateDef>;
