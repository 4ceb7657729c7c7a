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

export function parseArgs(argv: string[]): Flags {
  const named = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) named.set(a.slice(2, eq), a.slice(eq + 1));
      else if (!SWITCHES.has(a.slice(2)) && i + 1 < argv.length && !argv[i + 1].startsWith('--'))
        named.set(a.slice(2), argv[++i]);
      else named.set(a.slice(2), true);
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
