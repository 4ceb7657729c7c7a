/**
 * Hostile and odd received files (test/corpus/build.ts): each gets its Vietnamese message naming
 * the file (or is read as the appendix it is), quickly and in bounded memory, and none changes.
 * The files named in issue 13 run through `cchc check` in a child process: a message within 5 s
 * and under 300 MB of peak memory each.
 */
import { spawn } from 'child_process';
import { createHash } from 'crypto';
import { lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';
import { ReadReportError } from '../src/core/recognise';
import { readReportFile } from '../src/io/read-report-file';
import { CORPUS } from './corpus/build';
import { buildHandmade } from './helpers/handmade';
import { loadSeed } from './helpers/seeds';

const ROOT = path.join(__dirname, '..');
let dir: string;
let hashes: Map<string, string>;

/** Content hash of every regular file in the folder (links and pipes are not followed). */
function snapshot(): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const st = lstatSync(path.join(dir, name));
    out.set(
      name,
      st.isFile()
        ? `${st.size}:${
            st.size < 200 * 1024 * 1024
              ? createHash('sha256')
                  .update(readFileSync(path.join(dir, name)))
                  .digest('hex')
              : st.mtimeMs
          }`
        : `${st.mode}:${st.mtimeMs}`,
    );
  }
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cchc-corpus-'));
  const seed = loadSeed('001');
  const base = new Uint8Array((await buildHandmade(seed, { layout: 'single-table', habit: 'vn-text' })).bytes);
  const numbers = new Uint8Array((await buildHandmade(seed, { layout: 'single-table', habit: 'vi-excel' })).bytes);
  for (const e of CORPUS) e.make(dir, base, numbers);
  hashes = snapshot();
});

afterAll(() => {
  if (dir && hashes) expect(snapshot()).toEqual(hashes);
  rmSync(dir, { recursive: true, force: true });
});

function runCli(
  args: string[],
): Promise<{ code: number; stdout: string; ms: number; mainMs: number; maxRssMb: number }> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'test/corpus/run-cli.cjs'), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      const m = /maxRSS=(\d+) ms=(\d+)/.exec(stderr);
      resolve({
        code: code ?? -1,
        stdout,
        ms: Date.now() - t0,
        mainMs: m ? Number(m[2]) : Infinity,
        maxRssMb: m ? Number(m[1]) / 1024 : Infinity,
      });
    });
  });
}

describe('through the CLI, in a child process', () => {
  // 5 s from the command's start to its message; the whole child (tsx compiling the sources on a
  // shared, loaded CI machine included) gets 15 s.
  test.each(CORPUS.filter((e) => e.cli).map((e) => [e.name, e] as const))('%s', async (_, e) => {
    const r = await runCli(['check', path.join(dir, e.name)]);
    expect(r.mainMs).toBeLessThan(5000);
    expect(r.ms).toBeLessThan(15_000);
    expect(r.maxRssMb).toBeLessThan(300);
    if ('error' in e.expect) {
      expect(r.code).toBe(2);
      expect(r.stdout).toMatch(e.expect.error);
    } else {
      expect(r.code).toBeLessThan(2);
      expect(r.stdout).toMatch(/^Mẫu: pl1b/m);
    }
  });
});

describe('read in process', () => {
  test.each(CORPUS.filter((e) => !e.cli).map((e) => [e.name, e] as const))('%s', async (_, e) => {
    const t0 = Date.now();
    let outcome: { error: string } | { values: number };
    try {
      const r = await readReportFile(path.join(dir, e.name));
      outcome = { values: r.values.size };
    } catch (err) {
      if (!(err instanceof ReadReportError)) throw err;
      outcome = { error: err.message };
    }
    expect(Date.now() - t0).toBeLessThan(3000);
    if ('error' in e.expect) {
      expect(outcome).toEqual({ error: expect.stringMatching(e.expect.error) });
    } else {
      expect('values' in outcome ? outcome.values : outcome.error).toBeGreaterThanOrEqual(e.expect.values);
    }
  });
});
