/**
 * The production build for an office's own address (`npm run build -- --env url=…`): one build into a
 * temporary folder, shared by every assertion. Slow (a production webpack build): about a minute alone,
 * several on a loaded machine.
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, existsSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { gzipSync } from 'zlib';
import { schemasAvailable, SCHEMA_DIR, validateManifest, xmllintAvailable } from './helpers/office-schemas';

const ROOT = path.join(__dirname, '..');
const URL_BASE = 'https://cchc.example.gov.vn/addin/';
const ORIGIN = 'https://cchc.example.gov.vn';
const OFFICE_CDN = 'https://appsforoffice.microsoft.com';
/** What the add-in's own bundle may weigh, gzipped (the .xlsx writer is not in it). */
const TASKPANE_GZIP_LIMIT = 300 * 1024;

let out: string;
let buildLog = '';

/** Every file under dir, relative, with / separators. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    return statSync(full).isDirectory() ? filesUnder(full, `${prefix}${f}/`) : [`${prefix}${f}`];
  });
}

beforeAll(() => {
  out = mkdtempSync(path.join(os.tmpdir(), 'cchc-dist-'));
  const r = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js'),
      '--mode',
      'production',
      '--env',
      `url=${URL_BASE}`,
      '--output-path',
      out,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  buildLog = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0) throw new Error(`webpack failed:\n${buildLog}`);
}, 900_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('npm run build -- --env url=https://cchc.example.gov.vn/addin/', () => {
  it('writes the task pane, its worker, the file tool, the assets, the manifest and cchc-offline.html', () => {
    const files = filesUnder(out);
    for (const f of [
      'taskpane.html',
      'taskpane.js',
      'consolidate-worker.js',
      'manifest.xml',
      'cchc-offline.html',
      'assets/icon-16.png',
      'assets/icon-32.png',
      'assets/icon-64.png',
      'assets/icon-80.png',
    ])
      expect(files).toContain(f);
    expect(files.filter((f) => /^file-tool\.[0-9a-f]{8}\.js$/.test(f))).toHaveLength(1);
    expect(buildLog).not.toMatch(/WARNING|ERROR/);
  });

  it('puts every URL of the manifest on that address, each naming a file the build wrote', () => {
    const xml = readFileSync(path.join(out, 'manifest.xml'), 'utf8');
    const urls = [...xml.matchAll(/\b(?:DefaultValue|Value)="(https?:\/\/[^"]*)"/g)].map((m) => m[1]);
    // SourceLocation, two icons, the support URL, three ribbon icons, two resource URLs.
    expect(urls.length).toBe(9);
    for (const u of urls) {
      expect(u.startsWith(URL_BASE)).toBe(true);
      expect(existsSync(path.join(out, decodeURIComponent(u.slice(URL_BASE.length))))).toBe(true);
    }
    expect(xml).toContain(`<SourceLocation DefaultValue="${URL_BASE}taskpane.html" />`);
    expect(xml).toContain(`<bt:Url id="Taskpane.Url" DefaultValue="${URL_BASE}taskpane.html" />`);
    expect([...xml.matchAll(/<AppDomain>([^<]*)<\/AppDomain>/g)].map((m) => m[1])).toEqual([ORIGIN]);
  });

  it('leaves no localhost anywhere in what it wrote', () => {
    const hits = filesUnder(out).filter((f) => readFileSync(path.join(out, f)).includes('localhost'));
    expect(hits).toEqual([]);
  });

  (xmllintAvailable() && schemasAvailable() ? it : it.skip)(
    "writes a manifest valid against Microsoft's XML manifest schema",
    () => {
      const r = validateManifest(path.join(out, 'manifest.xml'));
      expect(r.messages).toMatch(/validates$/);
      expect(r.ok).toBe(true);
      // The same manifest without its provider (required) is refused, naming the element.
      const broken = path.join(mkdtempSync(path.join(os.tmpdir(), 'cchc-manifest-')), 'manifest.xml');
      writeFileSync(
        broken,
        readFileSync(path.join(out, 'manifest.xml'), 'utf8').replace(/<ProviderName>[^<]*<\/ProviderName>/, ''),
      );
      const refused = validateManifest(broken);
      expect(refused.ok).toBe(false);
      expect(refused.messages).toMatch(/ProviderName/);
    },
  );
  if (!xmllintAvailable() || !schemasAvailable())
    console.warn(
      `Manifest schema check skipped: needs xmllint (apt-get install libxml2-utils) and the .xsd files in ${SCHEMA_DIR} (test/helpers/office-schemas.ts says which).`,
    );

  it("loads Office.js from Microsoft's CDN by default, and the Content-Security-Policy allows only that and the page's own origin", () => {
    const html = readFileSync(path.join(out, 'taskpane.html'), 'utf8');
    expect(html).toContain(`<script src=${OFFICE_CDN}/lib/1/hosted/office.js></script>`);
    const csp = /http-equiv=Content-Security-Policy content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain(`script-src 'self' ${OFFICE_CDN};`);
    expect(csp).toContain("connect-src 'self';");
    const external = [...html.matchAll(/https?:\/\/[^\s"'>;]+/g)].map((m) => m[0]);
    expect(external.every((u) => u.startsWith(OFFICE_CDN))).toBe(true);
  });

  it('keeps the .xlsx writer out of the add-in bundle, which stays under 300 KB gzipped', () => {
    const pane = readFileSync(path.join(out, 'taskpane.js'));
    const tool = readFileSync(
      path.join(
        out,
        filesUnder(out).find((f) => f.startsWith('file-tool.'))!,
      ),
    );
    // JSZip is how ExcelJS writes the zip; the add-in itself reads with fflate and writes through Office.js.
    expect(pane.includes('JSZip')).toBe(false);
    expect(tool.includes('JSZip')).toBe(true);
    expect(gzipSync(pane, { level: 9 }).length).toBeLessThan(TASKPANE_GZIP_LIMIT);
  });

  it("reads no Node global in the page's scripts (a browser has no process: it would throw there)", () => {
    const scripts = filesUnder(out).filter((f) => f.endsWith('.js') && !f.startsWith('office-js'));
    expect(scripts).toEqual(expect.arrayContaining(['taskpane.js', 'consolidate-worker.js', 'legacy-browser.js']));
    const uses = scripts.flatMap((f) =>
      [...readFileSync(path.join(out, f), 'utf8').matchAll(/\bprocess\.(?:env|argv|exit|cwd|platform)\b[.\w]*/g)].map(
        (m) => `${f}: ${m[0]}`,
      ),
    );
    expect(uses).toEqual([]);
  });

  it('makes cchc-offline.html self-contained: inline scripts allowed by their hashes, the worker inlined, nothing to fetch', () => {
    const html = readFileSync(path.join(out, 'cchc-offline.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(/^default-src 'none'; /);
    expect(csp).toContain("connect-src 'none'");
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    // The notice for old browsers (ES5: no arrow function, no let or const), the file tool with its
    // writer, then the page's entry.
    expect(scripts).toHaveLength(3);
    expect(scripts[0]).toContain('Trình duyệt này không chạy được công cụ CCHC.');
    expect(scripts[0]).not.toMatch(/=>|\b(?:let|const|class)\s/);
    const allowed = [...csp.matchAll(/'sha256-([^']+)'/g)].map((m) => m[1]);
    expect(scripts.map((s) => createHash('sha256').update(s, 'utf8').digest('base64'))).toEqual(allowed);
    expect(html).toMatch(/<script type="text\/plain" id="cchc-worker-source">\(\(\)=>\{/);
    expect(html).not.toMatch(/<(?:script|link|img)[^>]+(?:src|href)="(?!data:)/);
    expect(html.includes('JSZip')).toBe(true);
  });
});
