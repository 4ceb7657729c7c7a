/**
 * zod's issues in Vietnamese, each naming where in the template it is: the form, the row (by id
 * and STT) or the rule, and the field.
 */
import type { z } from 'zod';

type ZodIssue = z.core.$ZodIssue;

type Json = Record<string, unknown>;
const at = (x: unknown, k: string | number): unknown =>
  x !== null && typeof x === 'object' ? (x as Json)[k as string] : undefined;
const str = (x: unknown) => (typeof x === 'string' ? x : undefined);

/** "Biểu BM1, chỉ tiêu «BM1:2» (STT 2.), trường «kind»" for a zod path. */
export function pathWhere(input: unknown, rawPath: PropertyKey[]): string {
  const path = rawPath.filter((k): k is string | number => typeof k !== 'symbol');
  const parts: string[] = [];
  let node = input;
  let i = 0;
  const field: string[] = [];
  while (i < path.length) {
    const k = path[i];
    const child = at(node, k);
    if (k === 'forms' && typeof path[i + 1] === 'number') {
      const form = at(child, path[i + 1]);
      parts.push(`Biểu ${str(at(form, 'id')) ?? `thứ ${(path[i + 1] as number) + 1}`}`);
      node = form;
      i += 2;
      continue;
    }
    if (k === 'rows' && typeof path[i + 1] === 'number') {
      const row = at(child, path[i + 1]);
      const id = str(at(row, 'id'));
      const stt = str(at(row, 'stt'))?.trim();
      parts.push(`${id ? `chỉ tiêu «${id}»` : `dòng thứ ${(path[i + 1] as number) + 1}`}${stt ? ` (STT ${stt})` : ''}`);
      node = row;
      i += 2;
      continue;
    }
    if (k === 'rules' && typeof path[i + 1] === 'number') {
      const rule = at(child, path[i + 1]);
      parts.push(`quy tắc ${str(at(rule, 'id')) ? `«${str(at(rule, 'id'))}»` : `thứ ${(path[i + 1] as number) + 1}`}`);
      node = rule;
      i += 2;
      continue;
    }
    field.push(String(k));
    node = child;
    i++;
  }
  if (field.length) parts.push(`trường «${field.join('.')}»`);
  return parts.length ? parts.join(', ') : 'Mẫu';
}

function what(issue: ZodIssue, input: unknown): string {
  const got = issue.path.reduce<unknown>((n, k) => (typeof k === 'symbol' ? undefined : at(n, k)), input);
  const shown = got === undefined ? 'không có' : JSON.stringify(got);
  switch (issue.code) {
    case 'invalid_type':
      return got === undefined ? 'thiếu (bắt buộc)' : `phải là ${issue.expected}, đang là ${shown}`;
    case 'invalid_value':
      return `giá trị ${shown} không hợp lệ; chọn một trong: ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `cần ít nhất ${String(issue.minimum)} phần tử`
        : issue.origin === 'string'
          ? 'không được để trống'
          : `phải ≥ ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' ? `dài quá ${String(issue.maximum)} ký tự` : `phải ≤ ${String(issue.maximum)}`;
    case 'invalid_format':
      return `${shown} không đúng dạng${issue.message && !issue.message.startsWith('Invalid') ? ` (${issue.message})` : ''}`;
    case 'unrecognized_keys':
      return `trường không biết: ${issue.keys.map((k) => `«${k}»`).join(', ')} (viết sai tên?)`;
    default:
      return issue.message;
  }
}

export function zodProblems(input: unknown, issues: ZodIssue[]): string[] {
  return issues.map((i) => `${pathWhere(input, i.path)}: ${what(i, input)}`);
}
