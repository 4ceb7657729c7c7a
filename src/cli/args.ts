/** A small argv parser: `--name value`, `--flag`, and positional arguments. */
export interface Flags {
  named: Map<string, string | true>;
  positional: string[];
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Options that never take a value, so `--json FILE.xlsx` leaves FILE.xlsx positional. */
const SWITCHES = new Set(['json', 'force', 'help']);

/** The options a command understands: those that take a value and those that do not. */
export interface OptionSpec {
  values: readonly string[];
  switches: readonly string[];
}

/** Edit distance (insertions, deletions, substitutions, adjacent swaps): how far a typo is from an option. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

/** The known option closest to a mistyped one, when it is close enough to be what was meant. */
export function closestOption(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const k of known) {
    const d = distance(name.toLowerCase(), k);
    if (!best || d < best.d) best = { name: k, d };
  }
  return best && best.d <= Math.max(2, Math.floor(best.name.length / 3)) ? best.name : undefined;
}

/**
 * Parses argv. With `spec`, an option the command does not know is a usage error naming the
 * closest known one («Không có tùy chọn --reportno; có phải ý bạn là --report-no?»).
 */
export function parseArgs(argv: string[], spec?: OptionSpec): Flags {
  const named = new Map<string, string | true>();
  const positional: string[] = [];
  const switches = spec ? new Set(spec.switches) : SWITCHES;
  const check = (name: string) => {
    if (!spec || spec.values.includes(name) || spec.switches.includes(name)) return;
    const all = [...spec.values, ...spec.switches];
    const near = closestOption(name, all);
    throw new UsageError(
      near
        ? `Không có tùy chọn --${name}; có phải ý bạn là --${near}?`
        : `Không có tùy chọn --${name}. Các tùy chọn của lệnh này: ${all.map((o) => `--${o}`).join(', ')}.`,
    );
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      check(name);
      if (eq > 0) named.set(name, a.slice(eq + 1));
      else if (!switches.has(name) && i + 1 < argv.length && !argv[i + 1].startsWith('--')) named.set(name, argv[++i]);
      else named.set(name, true);
    } else positional.push(a);
  }
  return { named, positional };
}

/** A named option's text value, or undefined; `--x` without a value is a usage error. */
export function opt(f: Flags, name: string): string | undefined {
  const v = f.named.get(name);
  if (v === true) throw new UsageError(`Tùy chọn --${name} cần một giá trị`);
  return v;
}

export function required(f: Flags, name: string): string {
  const v = opt(f, name);
  if (v === undefined) throw new UsageError(`Thiếu tùy chọn --${name}`);
  return v;
}

export function flag(f: Flags, name: string): boolean {
  return f.named.has(name);
}
