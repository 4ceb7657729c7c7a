/**
 * Compound rules (`A => B`, `not (filled(a) and filled(b))`) as plain Vietnamese sentences:
 * "Dòng 6 ghi 0 nên dòng 6.1 và dòng 6.2 phải để trống, nhưng đang ghi: dòng 6.1 = 450; dòng 6.2 = 1."
 * Atoms with one predicate are merged ("dòng 6.1 và dòng 6.2 phải để trống"), atoms on one row
 * too ("dòng 1.4.2 phải để trống hoặc bằng 0"); the condition names only what holds.
 */
import { describeExpr, fmt, rowName, type FaceLookup } from './describe';
import type { Expr } from './expr';
import type { Template } from '../template/load';

interface Atom {
  subject: string;
  pred: string;
  /** Row ids this atom reads. */
  ids: string[];
}

const CMP_WORD: Record<string, string> = {
  '==': 'bằng',
  '!=': 'khác',
  '<=': 'không lớn hơn',
  '>=': 'không nhỏ hơn',
  '<': 'nhỏ hơn',
  '>': 'lớn hơn',
};

function idsOf(e: Expr): string[] {
  if (e.type === 'ref') return [e.id];
  if (e.type === 'call') return e.args.flatMap(idsOf);
  if (e.type === 'bin' || e.type === 'cmp' || e.type === 'logic') return [...idsOf(e.left), ...idsOf(e.right)];
  if (e.type === 'neg' || e.type === 'not') return idsOf(e.arg);
  return [];
}

/** A flat list of atoms joined by one connective, or undefined when the shape is not that simple. */
function atoms(t: Template, e: Expr, withForm: boolean): { conj: 'và' | 'hoặc'; list: Atom[] } | undefined {
  const names = (x: Expr) => describeExpr(t, x, () => null, { withForm, emptyAsZero: false }).names;
  const atom = (x: Expr): Atom | undefined => {
    if (x.type === 'call' && (x.fn === 'empty' || x.fn === 'filled') && x.args[0])
      return { subject: names(x.args[0]), pred: x.fn === 'empty' ? 'để trống' : 'có số liệu', ids: idsOf(x) };
    if (x.type === 'cmp') return { subject: names(x.left), pred: `${CMP_WORD[x.op]} ${names(x.right)}`, ids: idsOf(x) };
    return undefined;
  };
  const single = atom(e);
  if (single) return { conj: 'và', list: [single] };
  if (e.type !== 'logic' || e.op === '=>') return undefined;
  const flat: Expr[] = [];
  const walk = (x: Expr): void => {
    if (x.type === 'logic' && x.op === e.op) {
      walk(x.left);
      walk(x.right);
    } else flat.push(x);
  };
  walk(e);
  const list = flat.map(atom);
  if (list.some((a) => !a)) return undefined;
  return { conj: e.op === 'and' ? 'và' : 'hoặc', list: list as Atom[] };
}

const joinList = (xs: string[], conj: string) =>
  xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} ${conj} ${xs[xs.length - 1]}`;

/** Atoms as one clause; `must` puts "phải" before the predicate. */
function clause(group: { conj: string; list: Atom[] }, must: boolean): string {
  const m = must ? 'phải ' : '';
  const { conj, list } = group;
  if (list.every((a) => a.pred === list[0].pred))
    return `${joinList(
      list.map((a) => a.subject),
      conj,
    )} ${m}${list[0].pred}`;
  if (list.every((a) => a.subject === list[0].subject))
    return `${list[0].subject} ${m}${joinList(
      list.map((a) => a.pred),
      conj,
    )}`;
  return list.map((a) => `${a.subject} ${m}${a.pred}`).join(` ${conj} `);
}

/** What holds of a condition, as facts: "dòng 6 ghi 0", "dòng 2.4.1 và dòng 2.4.2 có số liệu". */
function facts(t: Template, e: Expr, face: FaceLookup, withForm: boolean): string | undefined {
  const group = atoms(t, e, withForm);
  if (!group) return undefined;
  // A row tested for being filled and compared too: the comparison says it.
  const compared = new Set(group.list.filter((a) => !a.pred.startsWith('có số liệu')).flatMap((a) => a.ids));
  let list = group.list.filter((a) => !(a.pred === 'có số liệu' && a.ids.every((id) => compared.has(id))));
  if (group.conj === 'hoặc') list = list.filter((a) => a.ids.some((id) => face(id) !== null));
  if (!list.length) return undefined;
  const said = list.map((a) => {
    const v = a.ids.length === 1 ? face(a.ids[0]) : undefined;
    if (a.pred.startsWith('bằng') && typeof v === 'number') return { ...a, pred: `ghi ${fmt(v)}` };
    return a;
  });
  return clause({ conj: 'và', list: said }, false);
}

function valuesOf(t: Template, ids: string[], face: FaceLookup, withForm: boolean): string {
  return [...new Set(ids)]
    .filter((id) => face(id) !== null)
    .map((id) => {
      const v = face(id);
      return `${rowName(t, id, withForm)} ${typeof v === 'number' ? `= ${fmt(v)}` : `ghi «${v}»`}`;
    })
    .join('; ');
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The rule as a requirement without values, or undefined when it is not of a simple shape. */
export function compoundStatement(t: Template, e: Expr, withForm: boolean): string | undefined {
  if (e.type === 'logic' && e.op === '=>') {
    const a = atoms(t, e.left, withForm);
    const b = atoms(t, e.right, withForm);
    if (!a || !b) return undefined;
    return `Khi ${clause(a, false)} thì ${clause(b, true)}`;
  }
  if (e.type === 'not' && e.arg.type === 'logic' && e.arg.op === 'and') {
    const a = atoms(t, e.arg, withForm);
    if (!a || !a.list.every((x) => x.pred === 'có số liệu')) return undefined;
    return `Không được ghi cả ${joinList(
      a.list.map((x) => x.subject),
      'lẫn',
    )}: chỉ ghi một trong hai`;
  }
  return undefined;
}

/** A violated compound rule in words, with the values that break it; undefined when not simple. */
export function compoundMessage(t: Template, e: Expr, face: FaceLookup, withForm: boolean): string | undefined {
  if (e.type === 'logic' && e.op === '=>') {
    const because = facts(t, e.left, face, withForm);
    const b = atoms(t, e.right, withForm);
    if (!because || !b) return undefined;
    const shown = valuesOf(t, idsOf(e.right), face, withForm);
    return `${cap(because)} nên ${clause(b, true)}${shown ? `, nhưng đang ghi: ${shown}` : ''}.`;
  }
  const s = compoundStatement(t, e, withForm);
  if (!s) return undefined;
  return `${s}; đang ghi: ${valuesOf(t, idsOf(e), face, withForm)}.`;
}

/** The condition of `A => B` as a clause ("dòng 2.4.1, dòng 2.4.2 hoặc dòng 2.4.3 có số liệu"). */
export function conditionClause(t: Template, e: Expr, withForm: boolean): string | undefined {
  const a = atoms(t, e, withForm);
  return a ? clause(a, false) : undefined;
}

/** What holds of a condition, given the values: "dòng 2.4.1 và dòng 2.4.2 có số liệu". */
export function conditionFacts(t: Template, e: Expr, face: FaceLookup, withForm: boolean): string | undefined {
  return facts(t, e, face, withForm);
}
