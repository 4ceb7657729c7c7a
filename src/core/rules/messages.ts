/** The Vietnamese messages of findings, showing the arithmetic. */
import {
  describeCondition,
  describeExpr,
  fmt,
  fmtComputed,
  listValues,
  rowName,
  spansForms,
  capitalize,
  faceValue,
  clip,
  VIOLATED_TEXT,
  type FaceLookup,
} from './describe';
import type { Habit } from './habits';
import { compoundMessage, conditionFacts } from './sentences';
import { ruleFunction } from './functions';
import type { Suggestion } from '../findings';
import type { Candidate } from './localize';
import type { Check } from './lower';
import { levelInfo } from '../template/levels';
import { rowLevels, type Template } from '../template/load';
import type { LevelId } from '../template/schema';
import type { NumberReading } from '../values';

/** The message of a violated template rule. */
export function ruleMessage(
  t: Template,
  check: Check,
  face: FaceLookup,
  readings: (id: string) => NumberReading | undefined,
  alternative?: Candidate,
  note?: { fixes: Suggestion[]; note: string },
  suggestion?: Suggestion,
): string {
  const rule = check.rule!;
  const withForm = spansForms(t, check.cells);
  const emptyAsZero = rule.empty !== 'skip';
  const shape = check.shape;
  const name = (id: string) => rowName(t, id, withForm);
  let text: string;
  if (shape.type === 'ratio') {
    const p = face(shape.result);
    const x = faceValue(shape.computed, face, emptyAsZero);
    const denExpr = shape.denominator;
    const den = faceValue(denExpr, face, emptyAsZero);
    const typed = typeof p === 'number' ? `${fmt(p)}%` : '?';
    if (den === 0) {
      const d = describeExpr(t, denExpr, face, { withForm, emptyAsZero });
      text = `${capitalize(name(shape.result))} ghi ${typed}, nhưng mẫu số (${d.names}) bằng 0: tỷ lệ phải để trống hoặc ghi 0.`;
    } else {
      const d = describeExpr(t, shape.computed, face, { withForm, emptyAsZero });
      const baseline = ruleFunction(shape.fn)?.baseline ? ' so với năm gốc' : '';
      text = `${capitalize(name(shape.result))} ghi ${typed}, nhưng${baseline} ${d.names} = ${d.values} = ${x === null ? '?' : fmtComputed(x)}%.`;
    }
  } else if (shape.type === 'total') {
    const tv = face(shape.total);
    const x = faceValue(shape.computed, face, emptyAsZero);
    const d = describeExpr(t, shape.computed, face, { withForm, emptyAsZero });
    const typed = typeof tv === 'number' ? fmt(tv) : tv === null ? '0 (trống)' : `«${tv}»`;
    text = `${capitalize(name(shape.total))} ghi ${typed}, nhưng ${d.names} = ${d.values} = ${x === null ? '?' : fmtComputed(x)}.`;
  } else if (shape.type === 'cmp') {
    const side = (e: typeof shape.left) => {
      const d = describeExpr(t, e, face, { withForm, emptyAsZero });
      const v = faceValue(e, face, emptyAsZero);
      const vs = v === null ? '?' : fmtComputed(v);
      if (e.type === 'ref' || e.type === 'num') return e.type === 'num' ? d.values : `${d.names} = ${d.values}`;
      return `${d.names} = ${d.values} = ${vs}`;
    };
    const rel = VIOLATED_TEXT[shape.op];
    text = `${capitalize(side(shape.left))} ${rel.is} ${side(shape.right)}, nhưng ${rel.must}.`;
  } else {
    text =
      compoundMessage(t, rule.expr, face, withForm) ??
      `Không thỏa điều kiện: ${describeCondition(t, rule.expr, withForm)} (${listValues(t, check.cells, face, withForm)}).`;
  }
  if (shape.type !== 'logic' && shape.when) {
    const holds = conditionFacts(t, shape.when, face, withForm);
    text = holds
      ? `${capitalize(holds)} nên ${lowerFirst(text)}`
      : `Khi ${describeCondition(t, shape.when, withForm)}: ${lowerFirst(text)}`;
  }
  if (rule.message) text += ` ${sentence(rule.message)}`;
  const noted = check.shape.type === 'ratio' && note ? check.shape.result : undefined;
  for (const id of check.cells) {
    const a = readings(id)?.annotation;
    if (id === noted && note) {
      const other = note.fixes.map((f) => `${name(f.row)} phải là ${fmt(f.value as number)}`).join(' và ');
      const first =
        suggestion && !note.fixes.some((f) => f.row === suggestion.row)
          ? `${name(suggestion.row)} sai (đúng ra là ${suggestion.value === null ? 'trống' : fmt(suggestion.value)})`
          : 'tỷ lệ sai';
      const why = (note.fixes[0].reason ?? '').replace(/^.*: /, '');
      text += ` ${capitalize(name(id))} ghi kèm «${a}», nên có hai cách hiểu: hoặc ${first}, hoặc ${other} như ghi chú (${why}).`;
    } else if (a && /\d/.test(a)) text += ` Ô ${name(id)} ghi kèm «${a}».`;
  }
  const formulas = check.cells.filter((id) => readings(id)?.formula !== undefined);
  for (const id of formulas)
    text += ` ${capitalize(name(id))} là công thức «=${readings(id)!.formula}», tính từ các ô khác: sửa số liệu ở ô đầu vào (hoặc xem lại công thức), không ghi đè công thức.`;
  if (alternative) {
    text += ` Cũng có thể ${name(alternative.row)} là ${alternative.value === null ? 'trống' : fmt(alternative.value)} (${alternative.reason()}).`;
  }
  return text;
}

/** "Dòng 2.4 ghi…" → "dòng 2.4 ghi…" (inside a sentence). */
export function lowerFirst(s: string): string {
  return s.startsWith('Dòng') || s.startsWith('Biểu') || s.startsWith('Phụ')
    ? s.charAt(0).toLowerCase() + s.slice(1)
    : s;
}

/** Ends a text with a full stop. */
export function sentence(s: string): string {
  const x = s.trim();
  return /[.!?…]$/.test(x) ? x : `${x}.`;
}

const KIND_TEXT: Record<string, string> = {
  'domain:count': 'là số lượng, phải là số nguyên không âm',
  'domain:money': 'là số tiền, không được âm',
  'domain:percent': 'là tỷ lệ phần trăm, phải từ 0 đến 100',
};

/** The message of a violated built-in check of a row. */
export function rowMessage(
  t: Template,
  level: LevelId,
  check: Check,
  face: FaceLookup,
  reading: NumberReading | undefined,
): string {
  const id = check.row!;
  const row = t.rowsById.get(id)!;
  const name = capitalize(rowName(t, id));
  const v = face(id);
  const shown = typeof v === 'number' ? fmt(v) : `«${reading?.raw ?? v ?? ''}»`;
  switch (check.ruleId) {
    case 'domain:number': {
      const raw = reading?.raw ?? String(v);
      const problem = reading?.problem;
      if (problem && problem.includes(raw)) return `${name}: ${problem}`;
      return `${name}: ô ghi «${raw}», không phải là số.${problem ? ` ${problem}` : ''}`;
    }
    case 'domain:code':
      return `${name} chỉ nhận các mã ${(row.codes ?? []).map((c) => `${c.label} = ${c.value}`).join('; ')}; đang ghi ${shown}.`;
    case 'applicability': {
      if (row.kind === 'group' && rowLevels(t, row).includes(level))
        return `${name} là dòng tiêu đề nhóm, không cần số liệu; ô đang ghi ${shown}.`;
      const who = rowLevels(t, row)
        .map((l) => levelInfo(l).name.toLowerCase())
        .join(', ');
      const note = row.note ? ` (ghi chú: «${clip(row.note, 60)}»)` : '';
      const mine = levelInfo(level).name.toLowerCase();
      return who
        ? `${name} do ${who} báo cáo${note}, ${mine} không báo; ô đang ghi ${shown}.`
        : `${name} không thuộc phần ${mine} báo cáo${note}; ô đang ghi ${shown}.`;
    }
    default:
      return `${name} ${KIND_TEXT[check.ruleId] ?? 'không hợp lệ'}; đang ghi ${shown}.`;
  }
}

export function missingMessage(t: Template, level: LevelId, id: string): string {
  const row = t.rowsById.get(id)!;
  const stt = row.stt.trim().replace(/\.$/, '');
  const form = t.forms.length > 1 ? `${t.formOf.get(id)?.title ?? ''} ` : '';
  const name = stt ? `${form}dòng ${stt} «${row.label}»` : `${form}dòng «${row.label}»`;
  return `${capitalize(name.trim())} chưa có số liệu; ${levelInfo(level).name.toLowerCase()} phải báo cáo dòng này.`;
}

export function readingMessage(t: Template, id: string, reading: NumberReading, chosen: number): string {
  return `${capitalize(rowName(t, id))}: ô ghi «${reading.raw}» có thể đọc nhiều cách; đọc là ${fmt(chosen)} thì khớp với các quy tắc liên quan (cách đọc ${fmt(reading.value ?? NaN)} thì không), nên đã dùng ${fmt(chosen)}.`;
}

export function baselineMissingMessage(t: Template, check: Check, emptyIds: string[]): string {
  const shape = check.shape as { result: string };
  const why = check.rule?.message ? ` ${sentence(check.rule.message)}` : '';
  return `Chưa kiểm tra được ${rowName(t, shape.result)} (tỷ lệ so với năm gốc): ${emptyIds.map((id) => rowName(t, id)).join(', ')} còn trống.${why}`;
}

/** A number as an official types it in a Vietnamese Excel: 2531, 99,6 (no thousands separator). */
export function typedForm(v: number): string {
  return String(v).replace('.', ',');
}

/** A figure read through a typing habit: what the cell holds, what it was read as, what to write. */
export function habitMessage(t: Template, id: string, reading: NumberReading, habit: Habit): string {
  const name = capitalize(rowName(t, id));
  const row = t.rowsById.get(id);
  const unit = row?.kind === 'percent' ? '%' : row?.unit ? ` ${row.unit.toLocaleLowerCase('vi')}` : '';
  const fix = `Ghi lại ${typedForm(habit.value)} để người đọc tệp không hiểu nhầm.`;
  if (habit.kind === 'thousands' && typeof habit.held === 'number')
    return `${name}: ô lưu số thập phân ${fmt(habit.held)} vì Excel cài đặt tiếng Anh đã hiểu dấu chấm trong «${reading.raw}» là dấu thập phân; đã đọc là ${fmt(habit.value)}${unit}. ${fix}`;
  if (habit.kind === 'thousands') {
    const mark = /[.,]/.exec(String(habit.held))?.[0] ?? '.';
    return `${name}: ô ghi «${habit.held}»; đọc dấu «${mark}» là dấu phân cách hàng nghìn thì được ${fmt(habit.value)}${unit}, khớp với các quy tắc liên quan (đọc là ${fmt(reading.value ?? NaN)} thì không), nên đã dùng ${fmt(habit.value)}. ${fix}`;
  }
  const held = typeof habit.held === 'number' ? fmt(habit.held) : habit.held;
  return `${name}: ô ghi ${typeof habit.held === 'number' ? held : `«${held}»`} ở dòng tỷ lệ phần trăm; ${held} là dạng phân số của ${fmt(habit.value)}%, khớp với các quy tắc liên quan, nên đã đọc là ${fmt(habit.value)}%. ${fix}`;
}
