/** How to sideload the development add-in into Excel on the web (printed by `npm start`). */
'use strict';
const path = require('path');

function sideloadSteps(port) {
  // manifest.xml names port 3000; on another port the served copy names that one.
  const manifest =
    port === 3000
      ? path.resolve(__dirname, '..', 'manifest.xml')
      : `manifest.xml tải về từ https://localhost:${port}/manifest.xml`;
  return [
    '',
    `Add-in CCHC đang chạy tại https://localhost:${port}/taskpane.html`,
    'Để dùng với Excel trên web:',
    '  1. Mở một sổ tính trong Excel trên web (https://www.office.com).',
    '  2. Trang đầu (Home) → Bổ trợ (Add-ins) → Thêm bổ trợ khác → Tải lên bổ trợ của tôi (Upload My Add-in).',
    `  3. Chọn tệp ${manifest} → Tải lên. Nhóm "CCHC" xuất hiện trên thẻ Trang đầu.`,
    '  (Trình duyệt cần tin chứng chỉ tự ký của localhost: mở địa chỉ trên một lần và chấp nhận.)',
    'Mở địa chỉ trên trong trình duyệt thường (không có Excel): công cụ kiểm tra, tổng hợp tệp và tạo biểu mẫu.',
    'Nhấn Ctrl+C để dừng.',
    '',
  ].join('\n');
}

module.exports = { sideloadSteps };
