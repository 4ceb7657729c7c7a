/**
 * Which ExcelApi requirement sets the add-in needs, and which newer ones it uses when the host has
 * them. manifest.xml declares MIN_EXCEL_API; everything newer is checked here at run time with
 * `Office.context.requirements.isSetSupported` and left out gracefully when missing.
 *
 * Why 1.8 is the floor: data validation (`Range.dataValidation`) and `runtime.enableEvents` (to keep
 * the add-in's own writes from raising change events) are 1.8; defined names, conditional formats,
 * freeze panes and `Worksheet.onChanged` are older.
 */

/** The lowest set the add-in runs on (declared in manifest.xml). */
export const MIN_EXCEL_API = '1.8';

/** Newer features and the set each one needs. */
export const OPTIONAL_FEATURES = {
  /** Page setup: A4, margins, fit to width, print titles, footer. */
  pageLayout: '1.9',
  /** `details` (value before/after) on WorksheetChangedEventArgs. */
  changeDetails: '1.9',
  /** Merged areas of a range (reading a workbook typed by hand). */
  mergedAreas: '1.13',
  /** `triggerSource` on change events (tells the add-in's own writes apart). */
  triggerSource: '1.14',
  /** Cell notes (where a consolidated figure came from). */
  notes: '1.18',
} as const;

export type OptionalFeature = keyof typeof OPTIONAL_FEATURES;

export type Features = Record<OptionalFeature, boolean>;

/** True when the host supports ExcelApi `version` (false outside Office, e.g. in a plain browser tab). */
export function excelApiSupported(version: string): boolean {
  try {
    return typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported('ExcelApi', version);
  } catch {
    return false;
  }
}

/** The optional features this host has. */
export function hostFeatures(): Features {
  const out = {} as Features;
  for (const [k, v] of Object.entries(OPTIONAL_FEATURES)) out[k as OptionalFeature] = excelApiSupported(v);
  return out;
}

/** A Vietnamese message when the host is older than the add-in needs; undefined when it is fine. */
export function hostProblem(): string | undefined {
  if (typeof Office === 'undefined' || typeof Excel === 'undefined')
    return 'Không tìm thấy Excel: hãy mở phần bổ trợ này từ Excel (thẻ Trang đầu › nhóm CCHC).';
  if (!excelApiSupported(MIN_EXCEL_API)) {
    return `Phiên bản Excel này quá cũ: phần bổ trợ cần ExcelApi ${MIN_EXCEL_API} trở lên (Excel 2019, Microsoft 365 hoặc Excel trên web).`;
  }
  return undefined;
}
