/**
 * Size of what the add-in ships: builds the task pane for production (into dist/, as `npm run build`)
 * and prints each bundle's size raw and gzipped, the largest packages in the task pane bundle, and
 * whether an .xlsx writer or a formula engine slipped in (ExcelJS and HyperFormula must not: the pane
 * writes through Office.js, Excel computes the formulas). Not a test.
 *
 *   node --import tsx bench/bundle.bench.ts [--no-build]   (--no-build: measure dist/ as it is)
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';
import { gzipSync } from 'zlib';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const BUNDLES = ['taskpane.js', 'consolidate-worker.js'];
const FORBIDDEN = ['exceljs', 'hyperformula'];

interface StatsModule {
  name?: string;
  size: number;
  chunks: (string | number)[];
  modules?: StatsModule[];
}
interface Stats {
  chunks: { id: string | number; names: string[] }[];
  modules: StatsModule[];
}

function build(): Stats | undefined {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cchc-bundle-'));
  const statsFile = path.join(dir, 'stats.json');
  try {
    const t0 = Date.now();
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production', '--json', statsFile],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`webpack failed:\n${r.stdout}\n${r.stderr}`);
    console.log(`built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return JSON.parse(readFileSync(statsFile, 'utf8')) as Stats;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Package (or source folder) → bytes of source in a chunk, largest first. */
function packagesOf(stats: Stats, chunkName: string): [string, number][] {
  const chunk = stats.chunks.find((c) => c.names.includes(chunkName));
  if (!chunk) return [];
  const flat: StatsModule[] = [];
  const walk = (m: StatsModule) => (m.modules ? m.modules.forEach(walk) : flat.push(m));
  stats.modules.filter((m) => m.chunks.includes(chunk.id)).forEach(walk);
  const by = new Map<string, number>();
  for (const m of flat) {
    const parts = (m.name ?? '').replace(/^\.\//, '').split('/');
    const key =
      parts[0] === 'node_modules'
        ? parts[1].startsWith('@')
          ? `${parts[1]}/${parts[2]}`
          : parts[1]
        : parts.slice(0, 3).join('/');
    by.set(key, (by.get(key) ?? 0) + m.size);
  }
  return [...by].sort((a, b) => b[1] - a[1]);
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const stats = process.argv.includes('--no-build') ? undefined : build();
console.log('\nbundle                      raw        gzip');
for (const f of BUNDLES) {
  const file = path.join(DIST, f);
  if (!existsSync(file)) {
    console.log(`${f.padEnd(26)} missing (run without --no-build)`);
    continue;
  }
  const bytes = readFileSync(file);
  console.log(
    `${f.padEnd(26)} ${kb(bytes.length).padStart(10)} ${kb(gzipSync(bytes, { level: 9 }).length).padStart(10)}`,
  );
}
if (stats) {
  for (const chunk of ['taskpane', 'consolidate-worker']) {
    const pkgs = packagesOf(stats, chunk);
    const bad = pkgs.filter(([k]) => FORBIDDEN.includes(k.toLowerCase()));
    console.log(`\n${chunk}: largest sources (whole modules, before tree shaking and minification)`);
    for (const [k, v] of pkgs.slice(0, 8)) console.log(`  ${k.padEnd(34)} ${kb(v).padStart(10)}`);
    console.log(
      `  ExcelJS / HyperFormula in ${chunk}: ${bad.length ? `YES (${bad.map(([k]) => k).join(', ')})` : 'no'}`,
    );
    if (bad.length) process.exitCode = 1;
  }
}
