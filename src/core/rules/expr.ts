/**
 * The readable expression syntax shared by validation rules and consolidation recipes.
 *
 *   rule    := impl
 *   impl    := or ('=>' or)?                  condition => consequence
 *   or      := and ('or' and)*
 *   and     := not ('and' not)*
 *   not     := 'not' not | cmp
 *   cmp     := sum (('=='|'!='|'<='|'>='|'<'|'>') sum)?
 *   sum     := prod (('+'|'-') prod)*
 *   prod    := unary (('*'|'/') unary)*
 *   unary   := '-' unary | primary
 *   primary := number | ref | name '(' args? ')' | name | '(' impl ')'
 *   ref     := [level '.'] FORM ':' PATH         BM1:2.2, 1B:3.3.3.1, xa.BM3:3.3.1
 *
 * Functions are those of functions.ts (one table: arity, where each may be written, value,
 * interval form, inverse, wording, Excel formula, use in consolidation).
 *
 * Written by hand: the grammar is tiny and the messages must be Vietnamese and point
 * at the column of the mistake; a parser generator would be heavier than the parser.
 */
import { LEVEL_IDS, type LevelId } from '../template/schema';
import { ruleFunction } from './functions';

export type CmpOp = '==' | '!=' | '<=' | '>=' | '<' | '>';
export type ArithOp = '+' | '-' | '*' | '/';

export type Expr =
  | { type: 'num'; value: number }
  | { type: 'ref'; id: string; level?: LevelId }
  /** A bare level name, only as the argument of count(): `count(xa)` = number of child units of that level. */
  | { type: 'level'; level: LevelId }
  | { type: 'call'; fn: string; args: Expr[] }
  | { type: 'bin'; op: ArithOp; left: Expr; right: Expr }
  | { type: 'neg'; arg: Expr }
  | { type: 'cmp'; op: CmpOp; left: Expr; right: Expr }
  | { type: 'logic'; op: 'and' | 'or' | '=>'; left: Expr; right: Expr }
  | { type: 'not'; arg: Expr };

export class ExprError extends Error {
  constructor(
    message: string,
    readonly source: string,
    readonly column: number,
  ) {
    super(`${message} (cột ${column + 1} trong «${source}»)`);
    this.name = 'ExprError';
  }
}

type Token =
  | { t: 'num'; v: number; at: number }
  | { t: 'ref'; v: string; level?: LevelId; at: number }
  | { t: 'name'; v: string; at: number }
  | { t: 'op'; v: string; at: number }
  | { t: 'end'; at: number };

const REF_RE = /^(?:(xa|huyen|tinh|so)\.)?([A-Za-z0-9]+:[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)/;
const NUM_RE = /^\d+(?:\.\d+)?/;
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPS = ['=>', '==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '(', ')', ','];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    const ws = /^\s+/.exec(rest);
    if (ws) {
      i += ws[0].length;
      continue;
    }
    const ref = REF_RE.exec(rest);
    if (ref) {
      out.push({ t: 'ref', v: ref[2], level: ref[1] as LevelId | undefined, at: i });
      i += ref[0].length;
      continue;
    }
    const num = NUM_RE.exec(rest);
    if (num) {
      out.push({ t: 'num', v: Number(num[0]), at: i });
      i += num[0].length;
      continue;
    }
    const name = NAME_RE.exec(rest);
    if (name) {
      out.push({ t: 'name', v: name[0], at: i });
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => rest.startsWith(o));
    if (op) {
      out.push({ t: 'op', v: op, at: i });
      i += op.length;
      continue;
    }
    throw new ExprError(`Ký tự không hợp lệ «${src[i]}»`, src, i);
  }
  out.push({ t: 'end', at: src.length });
  return out;
}

/** Parses a rule or consolidation expression; throws ExprError with a Vietnamese message. */
export function parseExpr(src: string): Expr {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const isOp = (v: string) => {
    const t = toks[p];
    return t.t === 'op' && t.v === v;
  };
  const isWord = (v: string) => {
    const t = toks[p];
    return t.t === 'name' && t.v === v;
  };
  const expectOp = (v: string) => {
    if (!isOp(v)) throw new ExprError(`Thiếu «${v}»`, src, peek().at);
    p++;
  };

  function impl(): Expr {
    const left = or();
    if (isOp('=>')) {
      p++;
      return { type: 'logic', op: '=>', left, right: or() };
    }
    return left;
  }
  function or(): Expr {
    let left = and();
    while (isWord('or')) {
      p++;
      left = { type: 'logic', op: 'or', left, right: and() };
    }
    return left;
  }
  function and(): Expr {
    let left = not();
    while (isWord('and')) {
      p++;
      left = { type: 'logic', op: 'and', left, right: not() };
    }
    return left;
  }
  function not(): Expr {
    if (isWord('not')) {
      p++;
      return { type: 'not', arg: not() };
    }
    return cmp();
  }
  function cmp(): Expr {
    const left = sum();
    const t = peek();
    if (t.t === 'op' && ['==', '!=', '<=', '>=', '<', '>'].includes(t.v)) {
      p++;
      return { type: 'cmp', op: t.v as CmpOp, left, right: sum() };
    }
    return left;
  }
  function sum(): Expr {
    let left = prod();
    for (;;) {
      const t = peek();
      if (t.t === 'op' && (t.v === '+' || t.v === '-')) {
        p++;
        left = { type: 'bin', op: t.v, left, right: prod() };
      } else return left;
    }
  }
  function prod(): Expr {
    let left = unary();
    for (;;) {
      const t = peek();
      if (t.t === 'op' && (t.v === '*' || t.v === '/')) {
        p++;
        left = { type: 'bin', op: t.v, left, right: unary() };
      } else return left;
    }
  }
  function unary(): Expr {
    if (isOp('-')) {
      p++;
      return { type: 'neg', arg: unary() };
    }
    return primary();
  }
  function primary(): Expr {
    const t = peek();
    if (t.t === 'num') {
      p++;
      return { type: 'num', value: t.v };
    }
    if (t.t === 'ref') {
      p++;
      return t.level ? { type: 'ref', id: t.v, level: t.level } : { type: 'ref', id: t.v };
    }
    if (t.t === 'op' && t.v === '(') {
      p++;
      const e = impl();
      expectOp(')');
      return e;
    }
    if (t.t === 'name' && isLevelId(t.v) && !(toks[p + 1].t === 'op' && (toks[p + 1] as { v: string }).v === '(')) {
      p++;
      return { type: 'level', level: t.v };
    }
    if (t.t === 'name') {
      const spec = ruleFunction(t.v);
      if (!spec) throw new ExprError(`Hàm không biết «${t.v}»`, src, t.at);
      p++;
      const args: Expr[] = [];
      if (isOp('(')) {
        p++;
        if (!isOp(')')) {
          args.push(impl());
          while (isOp(',')) {
            p++;
            args.push(impl());
          }
        }
        expectOp(')');
      }
      if (args.length < spec.min || args.length > spec.max) {
        throw new ExprError(
          `Hàm «${t.v}» nhận ${spec.min === spec.max ? spec.min : `${spec.min}–${spec.max}`} đối số, có ${args.length}`,
          src,
          t.at,
        );
      }
      return { type: 'call', fn: t.v, args };
    }
    throw new ExprError(t.t === 'end' ? 'Biểu thức kết thúc sớm' : `Không hiểu «${'v' in t ? t.v : ''}»`, src, t.at);
  }

  const e = impl();
  if (peek().t !== 'end') throw new ExprError('Thừa phần cuối biểu thức', src, peek().at);
  return e;
}

/** Every row reference in an expression, in order of appearance. */
export function refsOf(e: Expr): { id: string; level?: LevelId }[] {
  const out: { id: string; level?: LevelId }[] = [];
  const walk = (x: Expr): void => {
    switch (x.type) {
      case 'ref':
        out.push(x.level ? { id: x.id, level: x.level } : { id: x.id });
        return;
      case 'call':
        x.args.forEach(walk);
        return;
      case 'bin':
      case 'cmp':
      case 'logic':
        walk(x.left);
        walk(x.right);
        return;
      case 'neg':
      case 'not':
        walk(x.arg);
        return;
      case 'num':
      case 'level':
        return;
    }
  };
  walk(e);
  return out;
}

/** a op b for the four operations; a division by 0 is null (no value), not Infinity. */
export function applyArith(op: ArithOp, a: number, b: number): number | null {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? null : a / b;
  }
}

export function isLevelId(s: string): s is LevelId {
  return (LEVEL_IDS as readonly string[]).includes(s);
}

/** Prints an expression back in the readable syntax (used in messages and tests). */
export function printExpr(e: Expr): string {
  switch (e.type) {
    case 'num':
      return String(e.value);
    case 'ref':
      return e.level ? `${e.level}.${e.id}` : e.id;
    case 'level':
      return e.level;
    case 'call':
      return ruleFunction(e.fn)?.max === 0 && e.args.length === 0
        ? e.fn
        : `${e.fn}(${e.args.map(printExpr).join(', ')})`;
    case 'bin':
      return `(${printExpr(e.left)} ${e.op} ${printExpr(e.right)})`;
    case 'neg':
      return `-${printExpr(e.arg)}`;
    case 'cmp':
      return `${printExpr(e.left)} ${e.op} ${printExpr(e.right)}`;
    case 'logic':
      return `(${printExpr(e.left)} ${e.op} ${printExpr(e.right)})`;
    case 'not':
      return `not ${printExpr(e.arg)}`;
  }
}

/**
 * The rule defining a row: `X == <value>` either way round, X a row of this report and the
 * other side neither a row nor a number (`BM4:1.5 == BM6:2.1` compares two rows, it defines
 * neither). Consolidation recomputes a row through it, the workbook computes a ratio row with it.
 */
export function definitionOf(e: Expr): { row: string; value: Expr } | undefined {
  if (e.type !== 'cmp' || e.op !== '==') return undefined;
  const plain = (x: Expr) => x.type === 'ref' || x.type === 'num' || x.type === 'level';
  for (const [a, b] of [
    [e.left, e.right],
    [e.right, e.left],
  ] as const) {
    if (a.type === 'ref' && !a.level && !plain(b)) return { row: a.id, value: b };
  }
  return undefined;
}
