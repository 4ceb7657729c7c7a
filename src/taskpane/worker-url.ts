/**
 * Where the consolidation worker's script is: next to the page (taskpane.html, served), or inlined in
 * the page itself (cchc-offline.html, opened from file:// where a worker cannot be loaded from a
 * file), in which case it is started from a blob: URL made once from that text.
 */
export const WORKER_FILE = 'consolidate-worker.js';
/** The element holding the worker's script in cchc-offline.html (scripts/webpack/offline-html-plugin.js). */
export const WORKER_ELEMENT_ID = 'cchc-worker-source';

let inlinedUrl: string | undefined;

export function consolidationWorkerUrl(): string | URL {
  if (inlinedUrl) return inlinedUrl;
  const inlined = document.getElementById(WORKER_ELEMENT_ID)?.textContent;
  if (inlined) {
    inlinedUrl = URL.createObjectURL(new Blob([inlined], { type: 'text/javascript' }));
    return inlinedUrl;
  }
  return new URL(WORKER_FILE, document.baseURI);
}
