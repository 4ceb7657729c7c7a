/**
 * Commune workbooks typed by hand from one blank, as a district hands its communes a blank it typed
 * itself (no cchc names, no metadata sheet): seed 001's Phụ lục 1B laid out once (one table,
 * Vietnamese-typed numbers, titles, a signature block), each commune leaving some figures empty
 * (a few dozen variants), cloned to N files with distinct unit names.
 */
import { mkdirSync, writeFileSync } from 'fs';
import path from 'path';
import { buildHandmade } from '../test/helpers/handmade';
import { loadSeed } from '../test/helpers/seeds';
import { cloneBase, PLACEHOLDER, prepareBase, unitName, type Base } from './zip-clone';

/** Distinct variants (which figures are left empty); the clones cycle through them. */
const VARIANTS = 24;

/** Deterministic pseudo-random numbers. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Variant k of the blank, filled in: one figure in eight left empty. */
export async function handTypedVariant(k: number): Promise<Uint8Array> {
  // The period of the benchmarks' consolidation (6 tháng đầu năm 2025, two tiers): a commune's report
  // for it, so every file is consolidated rather than left out for its period.
  const seed = {
    ...loadSeed('001'),
    unit: PLACEHOLDER.replace(/^UBND /, 'Ủy ban nhân dân '),
    period: '6 tháng đầu năm 2025',
  };
  const rand = rng(1000 + k);
  const typed = await buildHandmade(seed, {
    layout: 'single-table',
    habit: 'vn-text',
    transform: (row) => (row.value && rand() < 0.125 ? { ...row, value: '' } : row),
  });
  return typed.bytes;
}

/** N hand-typed commune workbooks from one blank, written to `dir`; their paths and unit names. */
export async function writeHandTyped(dir: string, n: number): Promise<{ files: string[]; units: string[] }> {
  mkdirSync(dir, { recursive: true });
  const bases: Base[] = [];
  for (let k = 0; k < Math.min(VARIANTS, n); k++) bases.push(prepareBase(await handTypedVariant(k), true));
  const files: string[] = [];
  const units: string[] = [];
  for (let i = 0; i < n; i++) {
    const file = path.join(dir, `xa-go-tay-${String(i + 1).padStart(4, '0')}.xlsx`);
    writeFileSync(file, cloneBase(bases[i % bases.length], unitName(i)));
    files.push(file);
    units.push(unitName(i));
  }
  return { files, units };
}
