/**
 * A small spreadsheet-formula tree: every check (template rule or built-in one) is lowered to
 * it once, then either interpreted here (the TypeScript engine) or printed as an Excel formula
 * (conditional formatting, data validation). One tree, two printers: the engines cannot
 * drift apart.
 *
 * The interpreter follows the spreadsheet: an empty cell reads as 0, text in arithmetic is
 * #VALUE!, division by zero is #DIV/0!, IF is lazy, AND/OR/NOT propagate errors. Like Excel and
 * HyperFormula, numbers compare equal within a relative 1e-13 and a sum or difference that
 * small relative to its left operand is 0 (HyperFormula's exact rules, mirrored). Formulas the
 * compiler writes never reach an error on purpose (their guards see to it); an error result
 * means "not violated", as conditional formatting treats it.
 */
import { decimalParts } from '../number/format';

export type CmpOp = '=' | '<>' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | '/';
export type FnName = 'IF' | 'AND' | 'OR' | 'NOT' | 'ABS' | 'ROUND' | 'MIN' | 'MAX' | 'INT';

export type F =
  | { t: 'num'; v: number }
  | { t: 'bool'; v: boolean }
  /** The cell as a number: number → itself, empty → 0, text → #VALUE!. Printed `D9`. */
  | { t: 'val'; id: string }
  /** N(cell): number → itself, anything else → 0. */
  | { t: 'n'; id: string }
  /** ISNUMBER(cell). */
  | { t: 'isnum'; id: string }
  /** TRIM(cell)="": nothing typed (an empty text from a formula counts as empty). */
  | { t: 'isempty'; id: string }
  /** COUNT(cells): how many of them hold a number. */
  | { t: 'count'; ids: string[] }
  | { t: 'call'; fn: FnName; args: F[] }
  | { t: 'bin'; op: ArithOp | CmpOp; l: F; r: F }
  | { t: 'neg'; a: F };

/** What a cell holds, as a spreadsheet sees it: a number, nothing (null) or text. */
export type SheetValue = number | null | string;
export type CellLookup = (id: string) => SheetValue;

// ---- builders -------------------------------------------------------------------------------
export const num = (v: number): F => ({ t: 'num', v });
export const TRUE_F: F = { t: 'bool', v: true };
export const FALSE_F: F = { t: 'bool', v: false };
export const call = (fn: FnName, ...args: F[]): F => ({ t: 'call', fn, args });
export const bin = (op: ArithOp | CmpOp, l: F, r: F): F => ({ t: 'bin', op, l, r });
export const neg = (a: F): F => (a.t === 'num' ? num(-a.v) : { t: 'neg', a });
export const add = (l: F, r: F): F => (isZero(r) ? l : isZero(l) ? r : bin('+', l, r));
export const sub = (l: F, r: F): F => (isZero(r) ? l : bin('-', l, r));
export const mul = (l: F, r: F): F => bin('*', l, r);
export const div = (l: F, r: F): F => bin('/', l, r);
export const ifF = (c: F, a: F, b: F): F => call('IF', c, a, b);
export const abs = (a: F): F => call('ABS', a);
const FLIP: Record<string, CmpOp> = { '=': '<>', '<>': '=', '<': '>=', '>=': '<', '>': '<=', '<=': '>' };
/** NOT, folded into a comparison where there is one (a cheaper formula, same verdict). */
export const not = (a: F): F => {
  if (a.t === 'bool') return { t: 'bool', v: !a.v };
  if (a.t === 'call' && a.fn === 'NOT') return a.args[0];
  if (a.t === 'bin' && a.op in FLIP) return { t: 'bin', op: FLIP[a.op], l: a.l, r: a.r };
  return call('NOT', a);
};
export function and(...xs: F[]): F {
  const ys = xs.filter((x) => !(x.t === 'bool' && x.v));
  if (ys.some((x) => x.t === 'bool' && !x.v)) return FALSE_F;
  return ys.length === 0 ? TRUE_F : ys.length === 1 ? ys[0] : call('AND', ...ys);
}
export function or(...xs: F[]): F {
  const ys = xs.filter((x) => !(x.t === 'bool' && !x.v));
  if (ys.some((x) => x.t === 'bool' && x.v)) return TRUE_F;
  return ys.length === 0 ? FALSE_F : ys.length === 1 ? ys[0] : call('OR', ...ys);
}
function isZero(f: F): boolean {
  return f.t === 'num' && f.v === 0;
}

// ---- interpreter ----------------------------------------------------------------------------
/** The error value (#VALUE!, #DIV/0!): one is enough here. */
export const ERR = Symbol('ERR');
export type Value = number | boolean | typeof ERR;

/** Relative precision of spreadsheet comparisons (HyperFormula's precisionEpsilon). */
export const SHEET_EPS = 1e-13;

/** Spreadsheet comparison: equal within a relative SHEET_EPS. */
export function floatCmp(l: number, r: number): number {
  const mod = 1 + SHEET_EPS;
  if (r >= 0 && l * mod >= r && l <= r * mod) return 0;
  if (r <= 0 && l * mod <= r && l >= r * mod) return 0;
  return l > r ? 1 : -1;
}

/** A sum or difference negligible against its left operand is 0. */
function snap(ret: number, left: number): number {
  return Math.abs(ret) < SHEET_EPS * Math.abs(left) ? 0 : ret;
}

function asNum(v: Value): number | typeof ERR {
  return v === ERR ? ERR : typeof v === 'boolean' ? (v ? 1 : 0) : v;
}
function asBool(v: Value): boolean | typeof ERR {
  return v === ERR ? ERR : typeof v === 'number' ? v !== 0 : v;
}

/**
 * Evaluates a formula by walking its tree: one function for every formula, so that it is compiled
 * once and early (a province's run checks ~200 formulas on each of thousands of children; with a
 * closure per node, each node kind was compiled on its own and a thread's first hundred children
 * were read ~1 ms a file slower).
 */
export function evalF(f: F, cell: CellLookup): Value {
  switch (f.t) {
    case 'num':
    case 'bool':
      return f.v;
    case 'val': {
      const c = cell(f.id);
      return c === null ? 0 : typeof c === 'number' ? c : ERR;
    }
    case 'n': {
      const c = cell(f.id);
      return typeof c === 'number' ? c : 0;
    }
    case 'isnum':
      return typeof cell(f.id) === 'number';
    case 'isempty': {
      const c = cell(f.id);
      return c === null || (typeof c === 'string' && c.trim() === '');
    }
    case 'count': {
      let n = 0;
      for (const id of f.ids) if (typeof cell(id) === 'number') n++;
      return n;
    }
    case 'neg': {
      const x = asNum(evalF(f.a, cell));
      return x === ERR ? ERR : -x;
    }
    case 'bin': {
      const l = asNum(evalF(f.l, cell));
      const r = asNum(evalF(f.r, cell));
      if (l === ERR || r === ERR) return ERR;
      return BIN[f.op](l, r);
    }
    case 'call':
      return evalCall(f.fn, f.args, cell);
  }
}

function evalCall(fn: FnName, args: F[], cell: CellLookup): Value {
  switch (fn) {
    case 'IF': {
      const x = asBool(evalF(args[0], cell));
      if (x === ERR) return ERR;
      return evalF(x ? args[1] : args[2], cell);
    }
    case 'AND':
    case 'OR': {
      const isAnd = fn === 'AND';
      let acc = isAnd;
      let err = false;
      for (const a of args) {
        const b = asBool(evalF(a, cell));
        if (b === ERR) err = true;
        else acc = isAnd ? acc && b : acc || b;
      }
      return err ? ERR : acc;
    }
    case 'NOT': {
      const b = asBool(evalF(args[0], cell));
      return b === ERR ? ERR : !b;
    }
    default: {
      const xs: number[] = [];
      for (const a of args) {
        const v = asNum(evalF(a, cell));
        if (v === ERR) return ERR;
        xs.push(v);
      }
      return NUMERIC[fn](xs);
    }
  }
}

const BIN: Record<ArithOp | CmpOp, (l: number, r: number) => Value> = {
  '+': (l, r) => snap(l + r, l),
  '-': (l, r) => snap(l - r, l),
  '*': (l, r) => l * r,
  '/': (l, r) => (r === 0 ? ERR : l / r),
  '=': (l, r) => floatCmp(l, r) === 0,
  '<>': (l, r) => floatCmp(l, r) !== 0,
  '<': (l, r) => floatCmp(l, r) < 0,
  '<=': (l, r) => floatCmp(l, r) <= 0,
  '>': (l, r) => floatCmp(l, r) > 0,
  '>=': (l, r) => floatCmp(l, r) >= 0,
};

const NUMERIC: Record<string, (xs: number[]) => Value> = {
  ABS: (xs) => Math.abs(xs[0]),
  INT: (xs) => Math.floor(xs[0]),
  MIN: (xs) => Math.min(...xs),
  MAX: (xs) => Math.max(...xs),
  ROUND: (xs) => {
    const m = Math.pow(10, xs[1]);
    return xs[0] < 0 ? -Math.round(-xs[0] * m) / m : Math.round(xs[0] * m) / m;
  },
};

/** A check formula's verdict: true = violated; an error counts as not violated. */
export function isViolated(f: F, cell: CellLookup): boolean {
  return evalF(f, cell) === true;
}

// ---- printer --------------------------------------------------------------------------------
/** Where a row's cell is; undefined = not in the workbook (read as an empty cell). */
export type AddressOf = (rowId: string) => string | undefined;

/** A number as an Excel literal: plain decimal, never 1E-06 (HyperFormula does not parse it). */
export function excelNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const { sign, whole, fraction } = decimalParts(v, 0, 20);
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

const PREC: Record<string, number> = {
  '=': 1,
  '<>': 1,
  '<': 1,
  '<=': 1,
  '>': 1,
  '>=': 1,
  '+': 2,
  '-': 2,
  '*': 3,
  '/': 3,
};

/** Prints a formula (without the leading `=`). */
export function printF(f: F, addressOf: AddressOf): string {
  const p = (x: F): string => printF(x, addressOf);
  switch (f.t) {
    case 'num':
      return f.v < 0 ? `(${excelNumber(f.v)})` : excelNumber(f.v);
    case 'bool':
      // A comparison rather than TRUE()/FALSE(): no function call, read by every spreadsheet.
      return f.v ? '(1=1)' : '(0=1)';
    case 'val': {
      const a = addressOf(f.id);
      return a ?? '0';
    }
    case 'n': {
      const a = addressOf(f.id);
      return a ? `N(${a})` : '0';
    }
    case 'isnum': {
      const a = addressOf(f.id);
      return a ? `ISNUMBER(${a})` : 'FALSE()';
    }
    case 'isempty': {
      const a = addressOf(f.id);
      return a ? `TRIM(${a})=""` : '(1=1)';
    }
    case 'count': {
      const as = f.ids.map(addressOf).filter((a): a is string => a !== undefined);
      return as.length ? `COUNT(${as.join(',')})` : '0';
    }
    case 'neg':
      return `-${wrap(f.a, 4, addressOf)}`;
    case 'bin': {
      const prec = PREC[f.op];
      // Left-associative: the right operand needs brackets at equal precedence.
      return `${wrap(f.l, prec, addressOf)}${f.op}${wrap(f.r, prec + 1, addressOf)}`;
    }
    case 'call':
      return `${f.fn}(${f.args.map(p).join(',')})`;
  }
}

function wrap(f: F, minPrec: number, addressOf: AddressOf): string {
  const s = printF(f, addressOf);
  if (f.t === 'bin' && PREC[f.op] < minPrec) return `(${s})`;
  if (f.t === 'isempty' && addressOf(f.id)) return `(${s})`;
  if (f.t === 'neg' && minPrec > 1) return `(${s})`;
  return s;
}
