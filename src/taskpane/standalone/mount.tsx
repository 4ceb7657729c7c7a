/** Mounts the file tool (FileToolApp) into the page. */
import { createRoot } from 'react-dom/client';
import { WORKER_ELEMENT_ID } from '../worker-url';
import { FileToolApp } from './FileToolApp';

/** `offline`: the page is cchc-offline.html (its worker is inlined), opened from a folder with no network. */
export function mountFileTool(el: HTMLElement): void {
  const offline = !!document.getElementById(WORKER_ELEMENT_ID);
  createRoot(el).render(<FileToolApp offline={offline} />);
}
