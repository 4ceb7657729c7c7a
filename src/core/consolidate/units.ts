/**
 * Unit names as officials write them: "UBND xã Đăk Kơ Ning", "Ủy ban nhân dân xã Đắk Kơ Ning",
 * "Xã Đăk Kơ Ning", "ĐĂK KƠ NING". Matching ignores case, diacritics, spacing and the
 * administrative prefixes; the level is guessed from the prefix when there is one.
 */
import type { LevelId } from '../template/schema';

/** Lower case, no diacritics (đ → d), single spaces, punctuation dropped. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The People's Committee prefix, folded. */
const COMMITTEE = ['uy ban nhan dan', 'ubnd'];
/** Administrative prefixes, folded, longest first, with the level each implies; at most one is stripped. */
const PREFIXES: [string, LevelId | undefined][] = [
  ['van phong hdnd ubnd', 'huyen'],
  ['thanh pho truc thuoc trung uong', 'tinh'],
  ['thanh pho', undefined],
  ['thi tran', 'xa'],
  ['thi xa', 'huyen'],
  ['dac khu', 'xa'],
  ['phuong', 'xa'],
  ['xa', 'xa'],
  ['quan', 'huyen'],
  ['huyen', 'huyen'],
  ['tinh', 'tinh'],
  ['so', 'so'],
];

export interface UnitKey {
  /** The folded name without prefixes: the key units are matched on. */
  key: string;
  /** The level the prefix implies, when there was one. */
  level?: LevelId;
}

const stripPrefix = (s: string, p: string) => (s.startsWith(p + ' ') ? s.slice(p.length + 1) : undefined);

/** "UBND xã Đăk Kơ Ning" → { key: "dak ko ning", level: "xa" }. */
export function unitKey(name: string): UnitKey {
  let rest = fold(name);
  for (const c of COMMITTEE) rest = stripPrefix(rest, c) ?? rest;
  for (const [p, level] of PREFIXES) {
    const r = stripPrefix(rest, p);
    if (r !== undefined) return level ? { key: r, level } : { key: r };
  }
  return { key: rest };
}

export function sameUnit(a: string, b: string): boolean {
  return unitKey(a).key === unitKey(b).key;
}

/** Parses a roster: one unit a line; blank lines and lines starting with # are skipped. */
export function parseRoster(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\uFEFF/, '').trim())
    .filter((l) => l && !l.startsWith('#'));
}
