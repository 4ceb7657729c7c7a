/**
 * Writes dist/cchc-offline.html: the page as one self-contained file that works opened from a folder
 * or a USB stick (file://) with no network. It holds the very scripts the hosted page loads, inlined:
 * the task pane entry (which, finding no Office host, starts the file tool), the chunks it would load
 * on demand (the file tool and its .xlsx writer: executed first, they are registered before the entry
 * asks for them, so nothing is fetched), the consolidation worker's script (started from a blob: URL,
 * src/taskpane/worker-url.ts) and the icon. Fluent UI's styles are made by the script itself. The
 * Content-Security-Policy allows only these scripts (by their SHA-256) and nothing to connect to.
 *
 * Runs on the final assets: minified, and with the chunks' content hashes in their names settled.
 */
'use strict';
const { createHash } = require('crypto');
const { Compilation, sources } = require('webpack');

const PLUGIN = 'CchcOfflineHtml';
/** The element whose text is the consolidation worker's script (read by src/taskpane/worker-url.ts). */
const WORKER_ELEMENT_ID = 'cchc-worker-source';

/**
 * Script text safe inside <script>…</script>: `</script` would end the element and `<!--` can change how
 * the rest is parsed, so they are written `<\/script` and `<\!--` (the same characters to JavaScript,
 * where they only occur in strings, regular expressions and comments).
 */
function scriptText(js) {
  return js.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const htmlEscape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

class OfflineHtmlPlugin {
  /**
   * @param {{ entry: string, first?: string, worker: string, icon: string, filename: string, title: string }} options
   *   entry: the page's entry name; first: a script asset run before it (the old-browser notice);
   *   worker: the worker's script asset; icon: a PNG asset.
   */
  constructor(options) {
    this.options = options;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap(PLUGIN, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: PLUGIN, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER },
        (assets) => {
          const { entry, first, worker, icon, filename, title } = this.options;
          if (assets[filename]) return;
          const text = (name) => {
            const a = assets[name];
            if (!a) throw new Error(`${PLUGIN}: thiếu ${name}`);
            return a.source().toString();
          };
          const entrypoint = compilation.entrypoints.get(entry);
          if (!entrypoint) throw new Error(`${PLUGIN}: không có điểm vào ${entry}`);
          const jsOf = (chunks) => [...chunks].flatMap((c) => [...c.files].filter((f) => f.endsWith('.js'))).sort();
          // Chunks loaded on demand first, then the entry's own.
          const lazy = jsOf(entrypoint.getEntrypointChunk().getAllAsyncChunks());
          const scripts = [...(first ? [first] : []), ...lazy, ...jsOf(entrypoint.chunks)].map((f) =>
            scriptText(text(f)),
          );
          const work = scriptText(text(worker));
          const iconData = assets[icon]
            ? `data:image/png;base64,${Buffer.from(assets[icon].source()).toString('base64')}`
            : '';
          const csp = [
            "default-src 'none'",
            `script-src ${scripts.map(sha256).join(' ')}`,
            "style-src 'unsafe-inline'",
            'img-src data:',
            'font-src data:',
            'worker-src blob:',
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
          ].join('; ');
          const licenses = Object.keys(assets)
            .filter((f) => f.endsWith('.LICENSE.txt'))
            .sort()
            .map((f) => text(f))
            .join('\n')
            .replace(/--/g, '- -');
          const html = [
            '<!doctype html>',
            '<html lang="vi">',
            '  <head>',
            '    <meta charset="UTF-8" />',
            '    <meta name="viewport" content="width=device-width, initial-scale=1" />',
            '    <!-- Works with no network: nothing is fetched, nothing is sent. -->',
            `    <meta http-equiv="Content-Security-Policy" content="${csp}" />`,
            `    <title>${htmlEscape(title)}</title>`,
            ...(iconData ? [`    <link rel="icon" type="image/png" href="${iconData}" />`] : []),
            `    <script type="text/plain" id="${WORKER_ELEMENT_ID}">${work}</script>`,
            '  </head>',
            '  <body>',
            '    <div id="root"></div>',
            ...scripts.map((js) => `    <script>${js}</script>`),
            '  </body>',
            ...(licenses
              ? [`<!-- Giấy phép của các thư viện (licenses of the bundled libraries):\n${licenses}\n-->`]
              : []),
            '</html>',
            '',
          ].join('\n');
          // Already minified: Terser, which looks again at assets added later, leaves it alone.
          compilation.emitAsset(filename, new sources.RawSource(html), { minimized: true });
        },
      );
    });
  }
}

module.exports = { OfflineHtmlPlugin, WORKER_ELEMENT_ID };
