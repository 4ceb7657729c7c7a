/** Excel's errors (OfficeExtension.Error) in Vietnamese for the task pane. */

/** The error's Office.js code, when it has one. */
export function officeErrorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const REASONS: Record<string, string> = {
  AccessDenied: 'ô hoặc trang tính đang được bảo vệ, hoặc sổ tính chỉ cho phép đọc',
  ApiNotFound: 'phiên bản Excel này chưa có chức năng cần dùng',
  InvalidArgument: 'dữ liệu ghi vào không hợp lệ',
  InvalidOperation: 'thao tác không thực hiện được trên đối tượng này',
  ItemAlreadyExists: 'tên đã có trong sổ tính',
  ItemNotFound: 'không tìm thấy trang tính, ô hoặc tên cần dùng (có thể đã bị xóa hoặc đổi tên)',
  RequestPayloadSizeLimitExceeded: 'lượng dữ liệu gửi một lần vượt giới hạn của Excel trên web',
  ResponsePayloadSizeLimitExceeded: 'lượng dữ liệu đọc một lần vượt giới hạn của Excel trên web',
  GeneralException: 'Excel gặp lỗi nội bộ',
  InsertDeleteConflict: 'thao tác chèn/xóa bị xung đột',
  MergedRangeConflict: 'vùng bị trùng với ô đã gộp',
};

/** "Không chèn được biểu mẫu: ô hoặc trang tính đang được bảo vệ (AccessDenied)." */
export function excelErrorMessage(e: unknown, what: string): string {
  const code = officeErrorCode(e);
  const reason = code ? (REASONS[code] ?? 'Excel từ chối thao tác') : ((e as Error)?.message ?? String(e));
  return `${what}: ${reason}${code ? ` (${code})` : ''}.`;
}

/** True for an error Excel raised (OfficeExtension.Error carries `debugInfo`). */
export function isOfficeError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'debugInfo' in e && typeof (e as { code?: unknown }).code === 'string';
}

/** The message to show: Excel's errors explained, ours (already Vietnamese) as they are. */
export function userMessage(e: unknown, what: string): string {
  if (isOfficeError(e)) return excelErrorMessage(e, what);
  return e instanceof Error ? e.message : String(e);
}
