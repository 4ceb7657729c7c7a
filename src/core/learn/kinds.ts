/**
 * A row's kind from its printed unit (Đơn vị tính): a legend `Đã kết nối = 1; Chưa kết nối = 0` is
 * a code, `%` a percentage, `Triệu đồng` money, any other unit a count; no unit is a heading (group).
 */
import type { CodeOption, RowKind } from '../template/schema';
import { fold } from '../recognise/text';

const LEGEND_RE = /([^=;,\n]+?)\s*=\s*(\d+)/gu;

/** `Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2` → its options, in print order; [] when not a legend. */
export function legendOf(unit: string): CodeOption[] {
  const out: CodeOption[] = [];
  for (const m of unit.matchAll(LEGEND_RE)) {
    const label = m[1].replace(/^[\s,;.:-]+|[\s,;.:-]+$/g, '').trim();
    const value = Number(m[2]);
    if (!label || out.some((o) => o.value === value)) continue;
    out.push({ value, label });
  }
  return out.length >= 2 ? out : [];
}

export function isPercentUnit(unit: string): boolean {
  const u = unit.trim();
  return u === '%' || /^\(?%\)?$/.test(u) || /^ty le( %)?$/.test(fold(u));
}

export function isMoneyUnit(unit: string): boolean {
  return /\b(dong|vnd)\b/.test(fold(unit));
}

export function kindOfUnit(unit: string): { kind: RowKind; codes?: CodeOption[] } {
  const u = unit.trim();
  if (!u) return { kind: 'group' };
  if (isPercentUnit(u)) return { kind: 'percent' };
  const codes = legendOf(u);
  if (codes.length) return { kind: 'code', codes };
  if (isMoneyUnit(u)) return { kind: 'money' };
  return { kind: 'count' };
}

/** Units compared for a rule: case, diacritics and spacing aside (`Quy trình` ≡ `quy trình`). */
export function sameUnit(a: string, b: string): boolean {
  return fold(a) === fold(b);
}
