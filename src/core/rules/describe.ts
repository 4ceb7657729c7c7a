/**
 * Vietnamese wording of checks: row names ("dòng 1.2", "Biểu mẫu 4 dòng 1.5"), numbers written
 * the Vietnamese way (2.531, 99,6) and expressions shown with their arithmetic
 * ("dòng 1.2.2/dòng 1.2.1 = 24/25 = 96%").
 */
import { applyArith, type Expr } from './expr';
import { ruleFunction } from './functions';
import { formatNumber } from '../number';
import type { Template } from '../template/load';

/** A face value of a row for messages: a number, null (empty) or the text typed. */
export type FaceLookup = (id: string) => number | null | string;

/** A typed value, with all its decimals: 2531 → "2.531", 99.6 → "99,6". */
export function fmt(v: number): string {
  return formatNumber(v);
}

/** A computed value: at most 2 decimals (24/25 → "96", 2/55 → "3,64"). */
export function fmtComputed(v: number): string {
  return formatNumber(v, { kind: 'percent' });
}

/** How a row is named in a message: `dòng 1.2`, or `Biểu mẫu 4 dòng 1.5` across forms. */
export function rowName(t: Template, id: string, withForm = false): string {
  const row = t.rowsById.get(id);
  if (!row) return id;
  const stt = row.stt.trim().replace(/\.$/, '');
  const name = stt ? `dòng ${stt}` : `dòng «${clip(row.label, 50)}»`;
  if (!withForm) return name;
  const form = t.formOf.get(id);
  return form ? `${form.title} ${name}` : name;
}

export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Whether the rows of a rule span several forms (then rows are named with their form). */
export function spansForms(t: Template, ids: string[]): boolean {
  return new Set(ids.map((id) => t.formOf.get(id)?.id)).size > 1;
}

/** Face value of an expression (no intervals): null when a row read is empty or text. */
export function faceValue(e: Expr, face: FaceLookup, emptyAsZero: boolean): number | null {
  const go = (x: Expr): number | null => {
    switch (x.type) {
      case 'num':
        return x.value;
      case 'ref': {
        const v = face(x.id);
        if (typeof v === 'number') return v;
        return v === null && emptyAsZero ? 0 : null;
      }
      case 'neg': {
        const a = go(x.arg);
        return a === null ? null : -a;
      }
      case 'bin': {
        const a = go(x.left);
        const b = go(x.right);
        if (a === null || b === null) return null;
        return applyArith(x.op, a, b);
      }
      case 'call': {
        const xs = x.args.map(go);
        if (xs.some((v) => v === null)) return null;
        const spec = ruleFunction(x.fn);
        if (!spec?.evaluate) return null;
        // A ratio over a zero denominator compares as its undefinedAs (0).
        return spec.evaluate(xs as number[]) ?? spec.undefinedAs ?? null;
      }
      default:
        return null;
    }
  };
  return go(e);
}

const OP_TEXT: Record<string, string> = { '+': ' + ', '-': ' − ', '*': ' × ', '/': '/' };
const PREC: Record<string, number> = { '+': 1, '-': 1, '*': 2, '/': 2 };

/**
 * An expression twice: with row names ("dòng 1.2.2/dòng 1.2.1") and with values ("24/25").
 * Empty rows show as 0 under `emptyAsZero`, else as "(trống)".
 */
export function describeExpr(
  t: Template,
  e: Expr,
  face: FaceLookup,
  opts: { withForm: boolean; emptyAsZero: boolean },
): { names: string; values: string } {
  const go = (x: Expr, minPrec: number): { names: string; values: string } => {
    switch (x.type) {
      case 'num':
        return { names: fmt(x.value), values: fmt(x.value) };
      case 'ref': {
        const v = face(x.id);
        const values = typeof v === 'number' ? fmt(v) : v === null ? (opts.emptyAsZero ? '0' : '(trống)') : `«${v}»`;
        return { names: rowName(t, x.id, opts.withForm), values };
      }
      case 'neg': {
        const a = go(x.arg, 3);
        return { names: `−${a.names}`, values: `−${a.values}` };
      }
      case 'bin': {
        const p = PREC[x.op];
        const l = go(x.left, p);
        const r = go(x.right, p + 1);
        const wrap = (s: string) => (p < minPrec ? `(${s})` : s);
        return {
          names: wrap(`${l.names}${OP_TEXT[x.op]}${r.names}`),
          values: wrap(`${l.values}${OP_TEXT[x.op]}${r.values}`),
        };
      }
      case 'call': {
        const words = ruleFunction(x.fn)?.words;
        if (words) return words((i, prec) => go(x.args[i], prec), x.args.length, minPrec);
        const parts = x.args.map((a) => go(a, 0));
        return {
          names: `${x.fn}(${parts.map((q) => q.names).join('; ')})`,
          values: `${x.fn}(${parts.map((q) => q.values).join('; ')})`,
        };
      }
      default:
        return { names: '?', values: '?' };
    }
  };
  return go(e, 0);
}

const CMP_TEXT: Record<string, string> = { '==': '=', '!=': '≠', '<=': '≤', '>=': '≥', '<': '<', '>': '>' };

/** A condition in words: "dòng 6 = 0 thì dòng 6.1 trống và dòng 6.2 trống". */
export function describeCondition(t: Template, e: Expr, withForm: boolean): string {
  const name = (x: Expr) => describeExpr(t, x, () => null, { withForm, emptyAsZero: false }).names;
  const go = (x: Expr): string => {
    switch (x.type) {
      case 'cmp':
        return `${name(x.left)} ${CMP_TEXT[x.op]} ${name(x.right)}`;
      case 'logic':
        return x.op === '=>'
          ? `nếu ${go(x.left)} thì ${go(x.right)}`
          : `${go(x.left)} ${x.op === 'and' ? 'và' : 'hoặc'} ${go(x.right)}`;
      case 'not':
        return `không phải (${go(x.arg)})`;
      case 'call':
        if (x.fn === 'empty') return `${name(x.args[0])} để trống`;
        if (x.fn === 'filled') return `${name(x.args[0])} có số liệu`;
        return name(x);
      default:
        return name(x);
    }
  };
  return go(e);
}

/** The values of some rows: "dòng 6 = 0; dòng 6.1 = 450". */
export function listValues(t: Template, ids: string[], face: FaceLookup, withForm: boolean): string {
  return ids
    .map((id) => {
      const v = face(id);
      return `${rowName(t, id, withForm)} ${typeof v === 'number' ? `= ${fmt(v)}` : v === null ? 'trống' : `ghi «${v}»`}`;
    })
    .join('; ');
}

/** The relation that does not hold, in words, and what is required. */
export const VIOLATED_TEXT: Record<string, { is: string; must: string }> = {
  '==': { is: 'khác', must: 'phải bằng' },
  '!=': { is: 'bằng', must: 'phải khác' },
  '<=': { is: 'lớn hơn', must: 'phải nhỏ hơn hoặc bằng' },
  '>=': { is: 'nhỏ hơn', must: 'phải lớn hơn hoặc bằng' },
  '<': { is: 'không nhỏ hơn', must: 'phải nhỏ hơn' },
  '>': { is: 'không lớn hơn', must: 'phải lớn hơn' },
};
