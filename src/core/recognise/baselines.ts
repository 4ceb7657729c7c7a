/**
 * The 2015 baselines officials write in Ghi chú ("Năm 2015: 55", seed 003) instead of in a row of
 * their own: when a template keeps the baseline in a row (`baseline_ratio(BM4:1.5.4.a, BM4:1.5)`)
 * and that row is empty, the figure is taken from the ratio row's note, and the report says so.
 */
import { formatNumber, readNumber } from '../number';
import type { Template } from '../template/load';
import type { NumberReading } from '../values';

const baselineRowCache = new WeakMap<Template, Map<string, string>>();

/** Ratio row id → the row holding its baseline, from the template's `baseline_ratio` rules. */
export function baselineRows(t: Template): Map<string, string> {
  let m = baselineRowCache.get(t);
  if (!m) {
    m = new Map();
    for (const r of t.allRules) {
      const e = r.expr;
      if (e.type !== 'cmp' || e.op !== '==' || e.left.type !== 'ref') continue;
      if (e.right.type === 'call' && e.right.fn === 'baseline_ratio' && e.right.args[0]?.type === 'ref')
        m.set(e.left.id, e.right.args[0].id);
    }
    baselineRowCache.set(t, m);
  }
  return m;
}

/** "Năm 2015: 55" (also "năm 2015 là 1.568", "2015: 86") → the reading of the figure, or undefined. */
export function baselineFromNote(note: string, year: number): NumberReading | undefined {
  const m = new RegExp(`(?:năm\\s*)?${year}\\s*(?::|=|là)?\\s*(\\d[\\d.,]*)`, 'iu').exec(note.normalize('NFC'));
  if (!m) return undefined;
  const r = readNumber(m[1].replace(/[.,]$/, ''), 'count');
  if (r.value === null) return undefined;
  return { ...r, annotation: `lấy từ Ghi chú «${note.trim()}»` };
}

export function baselineMessage(year: number, value: number, note: string, cell: string): string {
  return `Đã lấy số liệu năm ${year} (${formatNumber(value)}) từ Ghi chú «${note.trim()}» ở ô ${cell} để tính tỷ lệ so với năm ${year}.`;
}
