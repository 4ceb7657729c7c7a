/**
 * Task pane entry: in Excel (or the simulated host in tests) the add-in; with no Office host (a plain
 * browser, or Office.js unreachable) the file tool, loaded only then with its .xlsx writer.
 */
import { createRoot } from 'react-dom/client';
import { App } from './App';

function mount(): void {
  const el = document.getElementById('root');
  if (el) createRoot(el).render(<App />);
}

function mountFileTool(): void {
  const el = document.getElementById('root');
  if (!el) return;
  import(/* webpackChunkName: "file-tool" */ './standalone/mount').then(
    (m) => m.mountFileTool(el),
    () => {
      el.textContent = 'Không tải được công cụ xử lý tệp: hãy tải lại trang.';
    },
  );
}

// In Internet Explorer or the old Edge, legacy-browser.js has said what to use instead (this script
// only gets here in a browser that pretends to be one).
if ((window as Window & { cchcLegacyBrowser?: boolean }).cchcLegacyBrowser) {
  // Nothing to start.
} else if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') {
  void Office.onReady((info) => (info.host ? mount() : mountFileTool()));
} else {
  mountFileTool();
}
