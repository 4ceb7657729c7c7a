/**
 * The `cchc` command as a user runs it (`npx cchc …` → bin/cchc.js): the prebuilt JavaScript of
 * dist-cli is built on first use (here into a temporary folder, CCHC_CLI_DIST) and reused after,
 * it answers exactly as the TypeScript sources do, and its worker threads (started from the same
 * prebuilt file) consolidate exactly as one thread does. Also how many workers are started.
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { main } from '../src/cli/main';
import { defaultWorkers, threadPlan } from '../src/cli/read-children';
import { othersLoad, sampleCpu } from '../src/cli/cpu-load';
import { buildHandmade } from './helpers/handmade';
import { loadSeed, type Seed } from './helpers/seeds';

const ROOT = path.join(__dirname, '..');
const dist = mkdtempSync(path.join(os.tmpdir(), 'cchc-dist-cli-'));
const bundle = path.join(dist, 'cli.js');
const example = path.join(ROOT, 'examples', 'xa-cam-hung-phu-luc-1b.xlsx');
const temps = [dist];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function cchc(args: string[], env: Record<string, string> = {}): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cchc.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CCHC_CLI_DIST: dist, ...env },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function inProcess(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await main(args, (s) => lines.push(s));
  return { code, out: lines.join('\n') };
}

describe('bin/cchc.js runs the prebuilt CLI', () => {
  test('built on first use, then reused; same answer as the sources', async () => {
    const first = cchc(['check', example, '--json']);
    expect(first.err).toBe('');
    const built = statSync(bundle).mtimeMs;
    const again = cchc(['check', example, '--json']);
    expect(statSync(bundle).mtimeMs).toBe(built);
    const expected = await inProcess(['check', example, '--json']);
    for (const r of [first, again]) {
      expect(r.code).toBe(expected.code);
      expect(JSON.parse(r.out)).toEqual(JSON.parse(expected.out));
    }
  });

  test("V8's code cache is written beside the bundle after a run, and never used for another bundle", async () => {
    const expected = JSON.parse((await inProcess(['check', example, '--json'])).out) as unknown;
    cchc(['check', example, '--json']);
    // `check` has a cache of its own (bin/cchc.js).
    const cacheFile = `${bundle}.check.cache`;
    const sha = createHash('sha256').update(readFileSync(bundle)).digest();
    expect(readFileSync(cacheFile).subarray(0, 32)).toEqual(sha);
    // A cache made from other code (a bundle of the same length rebuilt from edited sources): set
    // aside for its header, the command answers the same, and the cache is made anew.
    const cached = readFileSync(cacheFile);
    writeFileSync(cacheFile, Buffer.concat([Buffer.alloc(32, 7), cached.subarray(32)]));
    const r = cchc(['check', example, '--json']);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toEqual(expected);
    expect(readFileSync(cacheFile).subarray(0, 32)).toEqual(sha);
    // Garbage after a right header: V8 rejects it, the command still answers the same.
    writeFileSync(cacheFile, Buffer.concat([sha, Buffer.from('not a code cache')]));
    const g = cchc(['check', example, '--json']);
    expect(g.err).toBe('');
    expect(JSON.parse(g.out)).toEqual(expected);
  });

  test('a usage error is reported in Vietnamese with exit code 2', () => {
    const r = cchc(['khong-co-lenh-nay']);
    expect(r.code).toBe(2);
    expect(r.out + r.err).toMatch(/cchc/);
  });

  test('worker threads started from the prebuilt file consolidate as one thread does', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cchc-prebuilt-workers-'));
    temps.push(dir);
    const seed = loadSeed('001');
    const files: string[] = [];
    for (let k = 0; k < 6; k++) {
      const s: Seed = {
        ...seed,
        unit: `Ủy ban nhân dân xã Thử Nghiệm ${k + 1}`,
        forms: seed.forms.map((f) => ({
          ...f,
          rows: f.rows.map((r, i) => ((i + k) % 4 === 0 ? { ...r, value: '' } : r)),
        })),
      };
      const f = path.join(dir, `xa-${k + 1}.xlsx`);
      writeFileSync(f, (await buildHandmade(s, { layout: 'single-table', habit: 'vn-text' })).bytes);
      files.push(f);
    }
    const args = (out: string) => [
      'consolidate',
      '--template',
      'bnv2022-huyen',
      '--level',
      'huyen',
      '--unit',
      'UBND huyện Thử Nghiệm',
      '--period',
      '6T',
      '--year',
      '2022',
      '--json',
      '--out',
      path.join(dir, out),
      ...files,
    ];
    const one = cchc(args('mot-luong.xlsx'), { CCHC_WORKERS: '0' });
    const two = cchc(args('hai-luong.xlsx'), { CCHC_WORKERS: '2' });
    expect(one.err).toBe('');
    expect(two.err).toBe('');
    expect(two.code).toBe(one.code);
    const strip = (s: string) => JSON.stringify(JSON.parse(s)).replace(/(mot|hai)-luong\.xlsx/g, 'OUT');
    expect(strip(two.out)).toBe(strip(one.out));
    expect(JSON.parse(one.out)).toBeTruthy();
    // The workbook written by the prebuilt CLI, with ExcelJS bundled into dist-cli/exceljs.js and
    // loaded through the code cache, is byte for byte the one the sources write with ExcelJS from
    // node_modules (the writer's bytes are reproducible).
    const sources = await inProcess(args('nguon.xlsx'));
    expect(sources.code).toBe(one.code);
    expect(readFileSync(path.join(dir, 'mot-luong.xlsx'))).toEqual(readFileSync(path.join(dir, 'nguon.xlsx')));
    expect(statSync(path.join(dist, 'exceljs.js')).size).toBeGreaterThan(100_000);
    // Without --json the summary says how many threads read the files.
    const text = (out: string, env: Record<string, string>) =>
      cchc(
        args(out).filter((a) => a !== '--json'),
        env,
      ).out;
    expect(text('hai-luong-2.xlsx', { CCHC_WORKERS: '2' })).toMatch(/đọc trong [\d,]+ giây \(2 luồng đọc song song\)/);
    expect(text('mot-luong-2.xlsx', { CCHC_WORKERS: '0' })).not.toMatch(/luồng/);
  });
});

describe('how many worker threads', () => {
  test('none for a few hundred files, one per idle core and 500 files for many', () => {
    expect(defaultWorkers(100, true, 2, 0)).toBe(0);
    expect(defaultWorkers(1000, true, 2, 0.3)).toBe(2);
    expect(defaultWorkers(3321, true, 8, 0)).toBe(6);
    expect(defaultWorkers(8000, true, 8, 0)).toBe(8);
    expect(defaultWorkers(40_000, true, 64, 0)).toBe(8);
  });
  test('none on a busy machine, where threads only take turns', () => {
    expect(defaultWorkers(3321, true, 2, 6)).toBe(0);
    expect(defaultWorkers(3321, true, 8, 5)).toBe(3);
  });
  test("the load is other processes' busy cores over the CLI's start-up, this process's own time taken out", () => {
    const at = (ms: number, busy: number, own: number) => ({ at: ms, busy, own });
    // Two cores: 300 ms in which the cores were busy 450 ms, 300 of them this process's start-up.
    expect(othersLoad(at(0, 10_000, 50), at(300, 10_450, 350))).toBeCloseTo(0.5);
    // Nothing else running: 0, never below.
    expect(othersLoad(at(0, 10_000, 50), at(300, 10_290, 350))).toBe(0);
    // Too short a window says nothing.
    expect(othersLoad(at(0, 10_000, 50), at(40, 10_040, 90))).toBeUndefined();
    const now = sampleCpu();
    expect(now.busy).toBeGreaterThan(0);
    expect(now.own).toBeGreaterThan(0);
  });
  test('without a measured load, one thread at once and the others chosen once it has started', () => {
    // Not the load average: right after a busy minute (the previous run) it would say one thread.
    const later = threadPlan(1000, true, undefined, 2);
    expect(later.now).toBe(1);
    // Then as many as the files left and the idle cores call for, less the one started.
    expect(later.more).toBeDefined();
    expect(later.more!(100)).toBe(0);
    expect(threadPlan(1000, true, 0.2, 2)).toEqual({ now: 2 });
    // Always one at least, so that a file that hangs it can be stopped.
    expect(threadPlan(100, true, 0, 2)).toEqual({ now: 1 });
    expect(threadPlan(3321, true, 1.7, 2)).toEqual({ now: 1 });
  });
  test('fewer from the TypeScript sources, whose workers take longer to start', () => {
    expect(defaultWorkers(1000, false, 2, 0)).toBe(0);
    expect(defaultWorkers(3321, false, 2, 0)).toBe(2);
  });
});
