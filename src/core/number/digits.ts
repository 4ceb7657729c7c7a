/** Small numeric helpers shared by the reader and the writer. */

/** Removes binary floating-point noise: 0.996 * 100 → 99.6, 0.1 + 0.2 → 0.3. */
export function clean(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(15));
}

/** Decimals of a number's shortest writing after removing float noise: 16.3 → 1, 2531 → 0, 1e-7 → 7. */
export function decimalsOf(x: number): number {
  if (!Number.isFinite(x)) return 0;
  const s = String(Math.abs(clean(x)));
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s);
  if (!m) return 0;
  const frac = m[2]?.length ?? 0;
  const exp = m[3] ? Number(m[3]) : 0;
  return Math.max(0, frac - exp);
}
