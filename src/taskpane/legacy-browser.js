/*
 * Runs before the page's own script, in any browser, so it is written for the oldest: ES5, no
 * library, not bundled. The add-in and the file tool need a current engine (Edge, Chrome, WebView2,
 * Safari). Internet Explorer 11 — the task pane of Excel 2019 bought under a volume licence — and the
 * old Edge (EdgeHTML) cannot parse their script and would show an empty pane; there, this says so and
 * what to use instead, and tells the page's script (src/taskpane/index.tsx) not to start.
 */
(function () {
  var ua = navigator.userAgent || '';
  if (!/Trident\/|MSIE |Edge\/\d/.test(ua)) return;
  window.cchcLegacyBrowser = true;

  function paragraph(text) {
    var p = document.createElement('p');
    p.appendChild(document.createTextNode(text));
    p.style.margin = '0 0 10px';
    return p;
  }

  function show() {
    var root = document.getElementById('root');
    if (!root) return;
    var box = document.createElement('div');
    box.setAttribute('role', 'alert');
    box.style.cssText = 'font-family: Segoe UI, Arial, sans-serif; font-size: 14px; line-height: 1.45; padding: 16px;';
    var title = paragraph('Trình duyệt này không chạy được công cụ CCHC.');
    title.style.fontWeight = 'bold';
    box.appendChild(title);
    box.appendChild(
      paragraph(
        'Đây là Internet Explorer hoặc Edge bản cũ (cũng là khung phần bổ trợ của Excel 2019 bản mua theo số lượng), ' +
          'không chạy được mã của công cụ.',
      ),
    );
    box.appendChild(
      paragraph(
        'Cách làm: mở trang này bằng Microsoft Edge hoặc Google Chrome bản mới — tạo biểu mẫu, kiểm tra và tổng hợp ' +
          'tệp chạy ngay trong trình duyệt, không gửi dữ liệu đi đâu. Muốn dùng phần bổ trợ trong Excel, cần Excel 2021, ' +
          'Excel 2024 hoặc Microsoft 365 (bộ phận CNTT có thể cài Microsoft Edge WebView2).',
      ),
    );
    var where = paragraph('Địa chỉ trang: ' + location.href);
    where.style.wordBreak = 'break-all';
    box.appendChild(where);
    root.appendChild(box);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
  else show();
})();
