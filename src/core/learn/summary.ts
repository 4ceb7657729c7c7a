/** The Vietnamese summary of what was learned, for the official to confirm. */
import { percentText } from '../number';
import type { InferredRule, LearnedForm, LearnedRow } from './types';

const KIND_NAMES: Record<string, string> = {
  count: 'số đếm',
  money: 'tiền',
  percent: 'tỷ lệ %',
  code: 'mã',
  group: 'tiêu đề nhóm',
  text: 'chữ',
};

function name(rows: Map<string, LearnedRow>, id: string): string {
  const r = rows.get(id);
  if (!r) return id;
  return `dòng ${r.stt.trim().replace(/\.$/, '') || `«${r.label.length > 40 ? `${r.label.slice(0, 39)}…` : r.label}»`}`;
}

/** The rule in words: "dòng 2 = dòng 2.2 / dòng 2.1 × 100". */
export function ruleText(rule: InferredRule, rows: Map<string, LearnedRow>): string {
  const n = (id: string) => name(rows, id);
  switch (rule.family) {
    case 'ratio':
      return `${n(rule.target)} = ${n(rule.parts[0])} / ${n(rule.parts[1])} × 100`;
    case 'sum':
      return `${n(rule.target)} = ${rule.parts.map(n).join(' + ')}`;
    case 'le': {
      const whole = rule.parts[rule.parts.length - 1];
      return `${rule.parts.slice(0, -1).map(n).join(' + ')} ≤ ${n(whole)}`;
    }
  }
}

export function summarise(forms: LearnedForm[], rules: InferredRule[], templateId: string): string[] {
  const rows = new Map(forms.flatMap((f) => f.rows.map((r) => [r.id, r] as const)));
  const all = [...rows.values()];
  const kinds = Object.entries(KIND_NAMES)
    .map(([k, v]) => [all.filter((r) => r.kind === k).length, v] as const)
    .filter(([c]) => c > 0)
    .map(([c, v]) => `${c} ${v}`);
  const lines: string[] = [];
  lines.push(`Mẫu «${templateId}»: ${forms.length} biểu, ${all.length} dòng chỉ tiêu (${kinds.join(', ')}).`);
  for (const f of forms)
    lines.push(
      `  ${f.id} — ${f.title}${f.name && f.name !== f.title ? `: ${f.name}` : ''} (trang tính «${f.sheet}», ${f.rows.length} dòng)`,
    );
  const codes = all.filter((r) => r.kind === 'code');
  if (codes.length) {
    lines.push('', 'Dòng trả lời bằng mã:');
    for (const r of codes)
      lines.push(`  ${name(rows, r.id)}: ${r.codes!.map((c) => `${c.label} = ${c.value}`).join('; ')}`);
  }
  lines.push('', `Quy tắc suy ra (${rules.length}), đề nghị cán bộ xem và xác nhận từng quy tắc:`);
  const order = ['ratio', 'sum', 'le'] as const;
  const title = { ratio: 'Tỷ lệ', sum: 'Tổng', le: 'Phần không vượt quá toàn phần' };
  for (const fam of order) {
    const list = rules.filter((r) => r.family === fam);
    if (!list.length) continue;
    lines.push(`  ${title[fam]} (${list.length}):`);
    for (const r of list) {
      const sev = r.severity === 'warning' ? ', cảnh báo' : '';
      const doubt = r.confidence < 0.5 ? ' — nên xem lại' : '';
      lines.push(`    [${percentText(r.confidence)}${sev}] ${r.id}: ${ruleText(r, rows)}${doubt}`);
      for (const e of r.evidence) lines.push(`          · ${e}`);
    }
  }
  if (!rules.length) lines.push('  (không suy ra được quy tắc nào)');
  lines.push(
    '',
    'Tổng hợp mặc định: số đếm và tiền cộng từ các đơn vị cấp dưới; tỷ lệ có quy tắc được tính lại từ tử số và mẫu số đã cộng; tỷ lệ khác và dòng mã do đơn vị cấp trên tự ghi.',
  );
  return lines;
}
