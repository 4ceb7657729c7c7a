/**
 * A WorkbookPlan as an ordered list of write steps for Office.js (pure: no Excel.*; render.ts turns
 * each step into Excel calls). The steps are batched into as few requests as the payload allows, so
 * the number of `context.sync()` calls does not grow with rows or sheets:
 *
 * - cell contents: one 2-D `formulas` write per sheet (constants and formulas together);
 * - formats: per property (font name, size, bold, fill, alignment, number format, lock…), the cells
 *   sharing a value are merged into rectangles, and a property is set once per rectangle; properties
 *   at Excel's default for a new sheet are not written;
 * - borders: one rectangle set per run of bordered cells;
 * - row heights: one write per run of equal heights.
 *
 * Text that Excel would turn into something else when written as a value (`1.`, `1.1`, `10/06/2022`,
 * `- Số văn bản`) gets the text number format `@` first, so the cell keeps exactly what the plan says.
 *
 * Order: sheets are added before any content (formulas may refer to a later sheet), protection and
 * visibility come last. `estimateBytes` errs on the large side so a batch under the budget stays
 * under Excel on the web's request limit.
 */
import type {
  CellStyle,
  ConditionalStyle,
  PlanConditionalFormat,
  PlanSheet,
  PlanValidation,
  PrintSetup,
  SheetProtection,
  WorkbookPlan,
} from '../core/layout/types';
import { isFormulaLikeText } from '../core/layout/formula-like';
import { columnLetters } from '../core/recognise/grid';
import { rectAddress, type Rect } from './a1';

export type FormatProp =
  | 'fontName'
  | 'fontSize'
  | 'bold'
  | 'italic'
  | 'fontColor'
  | 'hAlign'
  | 'vAlign'
  | 'wrap'
  | 'indent'
  | 'fill'
  | 'numFmt'
  | 'locked';
export type CellContent = string | number | null;

export type Step =
  | { kind: 'renameSheet'; sheet: string; to: string }
  | { kind: 'deleteName'; name: string }
  | { kind: 'addSheet'; sheet: string }
  | { kind: 'columnWidth'; sheet: string; address: string; points: number }
  | { kind: 'rowHeight'; sheet: string; address: string; points: number }
  | { kind: 'format'; sheet: string; address: string; prop: FormatProp; value: string | number | boolean }
  | { kind: 'borders'; sheet: string; address: string; insideH: boolean; insideV: boolean }
  | { kind: 'contents'; sheet: string; address: string; as: 'values' | 'formulas'; cells: CellContent[][] }
  | { kind: 'merge'; sheet: string; address: string }
  | { kind: 'validation'; sheet: string; validation: PlanValidation }
  | { kind: 'conditionalFormat'; sheet: string; cf: PlanConditionalFormat; style: ConditionalStyle }
  | { kind: 'note'; sheet: string; address: string; text: string }
  | { kind: 'name'; name: string; sheet: string; address: string }
  | { kind: 'freeze'; sheet: string; rows: number }
  | { kind: 'gridlines'; sheet: string; show: boolean }
  | { kind: 'print'; sheet: string; print: PrintSetup }
  | { kind: 'hide'; sheet: string }
  | { kind: 'protect'; sheet: string; protection: SheetProtection }
  | { kind: 'deleteSheet'; sheet: string }
  | { kind: 'activate'; sheet: string };

export interface CompileOptions {
  /** ExcelApi 1.9: page setup (paper, margins, print titles, footer). */
  pageLayout: boolean;
  /** ExcelApi 1.18: cell notes. */
  notes: boolean;
  /** ExcelApi 1.9: indent levels. */
  indent?: boolean;
  /** Existing sheets to rename out of the way first (replaced sheets), deleted at the end. */
  replace?: { sheet: string; temp: string }[];
  /** Existing defined names to delete before the plan's names are added. */
  deleteNames?: string[];
  /** Sheet to show when done (default: the plan's first visible sheet). */
  activate?: string;
}

/** Office.js commands a step queues (property sets, method calls and the object paths they need). */
export function commandsOf(s: Step): number {
  switch (s.kind) {
    case 'borders':
      return 2 + (4 + (s.insideH ? 1 : 0) + (s.insideV ? 1 : 0)) * 4;
    case 'conditionalFormat':
      return 18;
    case 'validation':
      return 6;
    case 'print':
      return 16;
    case 'protect':
      return 3;
    case 'format':
      return 4;
    default:
      return 3;
  }
}

/** Bytes of request a command costs besides its arguments (object ids, action type, names): generous. */
export const COMMAND_OVERHEAD_BYTES = 150;

/** UTF-8 bytes of a string: what it weighs in a request body. */
const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

/** An upper estimate of what a step adds to a request. */
export function estimateBytes(s: Step): number {
  return utf8Length(JSON.stringify(s)) + commandsOf(s) * COMMAND_OVERHEAD_BYTES;
}

/** Text Excel would read as a number, date, boolean or formula when written as a cell value. */
export function needsTextFormat(text: string): boolean {
  const t = text.trim();
  if (t === '') return false;
  if (isFormulaLikeText({ value: t })) return true;
  if (/^(true|false)$/i.test(t)) return true;
  // Digits with separators, signs, percent, currency-ish or date/time marks: "1.", "1.1", "2.531", "10/06/2022", "99,6%".
  return /^[\d\s.,%/:()$€₫-]+$/.test(t) && /\d/.test(t);
}

/** Excel column width in character units → points (a unit is about 7 px plus 5 px of padding at 96 dpi). */
export function widthToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

interface Keyed {
  r: number;
  c: number;
  key: string;
}

/**
 * Cells sharing a key → rectangles: runs along each row, then runs of equal runs down the rows.
 * Deterministic: rectangles come out ordered by their first row, then column.
 */
export function rectangles(cells: Keyed[]): { rect: Rect; key: string }[] {
  const byRow = new Map<number, Keyed[]>();
  for (const x of cells) {
    const list = byRow.get(x.r);
    if (list) list.push(x);
    else byRow.set(x.r, [x]);
  }
  const open = new Map<string, { rect: Rect; key: string }>();
  const done: { rect: Rect; key: string }[] = [];
  for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
    const list = byRow.get(r)!.sort((a, b) => a.c - b.c);
    const runs: { c0: number; c1: number; key: string }[] = [];
    for (const x of list) {
      const last = runs[runs.length - 1];
      if (last && last.key === x.key && last.c1 === x.c - 1) last.c1 = x.c;
      else runs.push({ c0: x.c, c1: x.c, key: x.key });
    }
    for (const run of runs) {
      const id = JSON.stringify([run.c0, run.c1, run.key]);
      const o = open.get(id);
      if (o && o.rect.r1 === r - 1) o.rect.r1 = r;
      else {
        if (o) done.push(o);
        open.set(id, { rect: { r0: r, r1: r, c0: run.c0, c1: run.c1 }, key: run.key });
      }
    }
    // Rectangles that did not continue on this row are finished.
    for (const [id, o] of open) {
      if (o.rect.r1 < r) {
        done.push(o);
        open.delete(id);
      }
    }
  }
  done.push(...open.values());
  return done.sort((a, b) => a.rect.r0 - b.rect.r0 || a.rect.c0 - b.rect.c0);
}

/** A style's value for one property; undefined = Excel's default on a new sheet (not written). */
function propValue(s: CellStyle, prop: FormatProp, text: string | undefined): string | number | boolean | undefined {
  switch (prop) {
    case 'fontName':
      return s.font.name;
    case 'fontSize':
      return s.font.size;
    case 'bold':
      return s.font.bold ? true : undefined;
    case 'italic':
      return s.font.italic ? true : undefined;
    case 'fontColor':
      return s.font.color && s.font.color.toUpperCase() !== '000000' ? `#${s.font.color.toUpperCase()}` : undefined;
    case 'hAlign':
      return { left: 'Left', center: 'Center', right: 'Right' }[s.alignment.horizontal];
    case 'vAlign':
      return { top: 'Top', middle: 'Center', bottom: 'Bottom' }[s.alignment.vertical];
    case 'wrap':
      return s.alignment.wrapText ? true : undefined;
    case 'indent':
      return s.alignment.indent ? s.alignment.indent : undefined;
    case 'fill':
      return s.fill ? `#${s.fill.toUpperCase()}` : undefined;
    case 'numFmt':
      return s.numFmt ?? (text !== undefined && needsTextFormat(text) ? '@' : undefined);
    case 'locked':
      return s.locked ? undefined : false;
  }
}

const FORMAT_PROPS: FormatProp[] = [
  'fontName',
  'fontSize',
  'bold',
  'italic',
  'fontColor',
  'fill',
  'hAlign',
  'vAlign',
  'wrap',
  'indent',
  'numFmt',
  'locked',
];

/** The content and format steps of one sheet (after it was added). */
function sheetSteps(plan: WorkbookPlan, s: PlanSheet, opts: CompileOptions): { body: Step[]; last: Step[] } {
  const body: Step[] = [];
  const sheet = s.name;

  // Column widths: one write per run of equal widths.
  for (let i = 0; i < s.columns.length;) {
    let j = i;
    while (j + 1 < s.columns.length && s.columns[j + 1] === s.columns[i]) j++;
    body.push({
      kind: 'columnWidth',
      sheet,
      address: `${columnLetters(i + 1)}:${columnLetters(j + 1)}`,
      points: widthToPoints(s.columns[i]),
    });
    i = j + 1;
  }

  // Formats, property by property.
  const styled: { r: number; c: number; style: CellStyle; text?: string }[] = [];
  let maxRow = 0;
  let maxCol = 0;
  for (const row of s.rows) {
    for (const cell of row.cells) {
      const st = plan.styles[cell.style];
      if (!st) throw new Error(`Kế hoạch trang tính «${sheet}» dùng kiểu «${cell.style}» không có`);
      styled.push({
        r: row.r,
        c: cell.col,
        style: st,
        ...(typeof cell.value === 'string' ? { text: cell.value } : {}),
      });
      maxRow = Math.max(maxRow, row.r);
      maxCol = Math.max(maxCol, cell.col);
    }
  }
  for (const prop of FORMAT_PROPS.filter((p) => p !== 'indent' || opts.indent)) {
    const cells: Keyed[] = [];
    const values = new Map<string, string | number | boolean>();
    for (const x of styled) {
      const v = propValue(x.style, prop, x.text);
      if (v === undefined) continue;
      const key = JSON.stringify(v);
      values.set(key, v);
      cells.push({ r: x.r, c: x.c, key });
    }
    for (const { rect, key } of rectangles(cells))
      body.push({ kind: 'format', sheet, address: rectAddress(rect), prop, value: values.get(key)! });
  }
  const bordered = styled.filter((x) => x.style.border).map((x) => ({ r: x.r, c: x.c, key: 'b' }));
  for (const { rect } of rectangles(bordered))
    body.push({
      kind: 'borders',
      sheet,
      address: rectAddress(rect),
      insideH: rect.r1 > rect.r0,
      insideV: rect.c1 > rect.c0,
    });

  // Row heights: one write per run of equal heights.
  const heights = s.rows.filter((r) => r.height !== undefined).sort((a, b) => a.r - b.r);
  for (let i = 0; i < heights.length;) {
    let j = i;
    while (
      j + 1 < heights.length &&
      heights[j + 1].r === heights[j].r + 1 &&
      heights[j + 1].height === heights[i].height
    )
      j++;
    body.push({ kind: 'rowHeight', sheet, address: `${heights[i].r}:${heights[j].r}`, points: heights[i].height! });
    i = j + 1;
  }

  // Contents: constants as one 2-D `values` write (a text-formatted cell keeps its text), then the
  // formulas as one 2-D `formulas` write over the rows that have any; null leaves a cell alone.
  if (maxRow > 0) {
    const blank = () => Array.from({ length: maxRow }, () => Array<CellContent>(maxCol).fill(null));
    const values = blank();
    const formulas = blank();
    let anyValue = false;
    let fr0 = Infinity;
    let fr1 = 0;
    let fc0 = Infinity;
    let fc1 = 0;
    for (const row of s.rows) {
      for (const cell of row.cells) {
        if (cell.formula !== undefined) {
          formulas[row.r - 1][cell.col - 1] = `=${cell.formula}`;
          [fr0, fr1, fc0, fc1] = [
            Math.min(fr0, row.r),
            Math.max(fr1, row.r),
            Math.min(fc0, cell.col),
            Math.max(fc1, cell.col),
          ];
        } else if (cell.value !== undefined) {
          values[row.r - 1][cell.col - 1] = cell.value;
          anyValue = true;
        }
      }
    }
    if (anyValue)
      body.push({
        kind: 'contents',
        sheet,
        as: 'values',
        address: rectAddress({ r0: 1, c0: 1, r1: maxRow, c1: maxCol }),
        cells: values,
      });
    if (fr1 > 0) {
      const block = formulas.slice(fr0 - 1, fr1).map((line) => line.slice(fc0 - 1, fc1));
      body.push({
        kind: 'contents',
        sheet,
        as: 'formulas',
        address: rectAddress({ r0: fr0, c0: fc0, r1: fr1, c1: fc1 }),
        cells: block,
      });
    }
  }

  for (const m of s.merges) body.push({ kind: 'merge', sheet, address: m });
  for (const v of s.validations) body.push({ kind: 'validation', sheet, validation: v });
  // Office.js puts a new conditional format on top: add them last-first so the plan's first stays first.
  for (const cf of [...s.conditionalFormats].reverse()) {
    const style = plan.conditionalStyles[cf.style];
    if (!style)
      throw new Error(`Kế hoạch trang tính «${sheet}» dùng kiểu định dạng có điều kiện «${cf.style}» không có`);
    body.push({ kind: 'conditionalFormat', sheet, cf, style });
  }
  if (opts.notes) {
    for (const row of s.rows)
      for (const cell of row.cells)
        if (cell.note)
          body.push({
            kind: 'note',
            sheet,
            address: rectAddress({ r0: row.r, r1: row.r, c0: cell.col, c1: cell.col }),
            text: cell.note,
          });
  }
  if (s.state === 'visible') {
    if (s.frozenRows > 0) body.push({ kind: 'freeze', sheet, rows: s.frozenRows });
    body.push({ kind: 'gridlines', sheet, show: s.gridlines ?? !(s.frozenRows > 0) });
  }
  if (s.print && opts.pageLayout) body.push({ kind: 'print', sheet, print: s.print });

  const last: Step[] = [];
  if (s.state === 'veryHidden') last.push({ kind: 'hide', sheet });
  if (s.protection?.enabled) last.push({ kind: 'protect', sheet, protection: s.protection });
  return { body, last };
}

/** Every step to write `plan` into the open workbook, in order. */
export function compilePlan(plan: WorkbookPlan, opts: CompileOptions): Step[] {
  const steps: Step[] = [];
  for (const r of opts.replace ?? []) steps.push({ kind: 'renameSheet', sheet: r.sheet, to: r.temp });
  for (const n of opts.deleteNames ?? []) steps.push({ kind: 'deleteName', name: n });
  for (const s of plan.sheets) steps.push({ kind: 'addSheet', sheet: s.name });
  const last: Step[] = [];
  for (const s of plan.sheets) {
    const out = sheetSteps(plan, s, opts);
    steps.push(...out.body);
    last.push(...out.last);
  }
  for (const n of plan.names)
    steps.push({ kind: 'name', name: n.name, sheet: n.sheet, address: n.address.replace(/\$/g, '') });
  for (const r of opts.replace ?? []) steps.push({ kind: 'deleteSheet', sheet: r.temp });
  steps.push(...last);
  const show = opts.activate ?? plan.sheets.find((s) => s.state === 'visible')?.name;
  if (show) steps.push({ kind: 'activate', sheet: show });
  return steps;
}

/** Splits a contents step whose payload exceeds `budget` into row blocks that fit. */
export function splitContents(step: Extract<Step, { kind: 'contents' }>, budget: number): Step[] {
  if (estimateBytes(step) <= budget || step.cells.length <= 1) return [step];
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(step.address)!;
  const top = Number(m[2]);
  const [c0, c1] = [m[1], m[3] ?? m[1]];
  const half = Math.ceil(step.cells.length / 2);
  const a: Extract<Step, { kind: 'contents' }> = {
    ...step,
    address: `${c0}${top}:${c1}${top + half - 1}`,
    cells: step.cells.slice(0, half),
  };
  const b: Extract<Step, { kind: 'contents' }> = {
    ...step,
    address: `${c0}${top + half}:${c1}${top + step.cells.length - 1}`,
    cells: step.cells.slice(half),
  };
  return [...splitContents(a, budget), ...splitContents(b, budget)];
}

/**
 * Packs steps, in order, into batches whose estimated payload stays under `budget` bytes (one
 * `context.sync()` each). Below the budget everything is one batch.
 */
export function packSteps(steps: Step[], budget: number): Step[][] {
  const batches: Step[][] = [];
  let current: Step[] = [];
  let size = 0;
  for (const step of steps.flatMap((s) => (s.kind === 'contents' ? splitContents(s, budget) : [s]))) {
    const b = estimateBytes(step);
    if (current.length && size + b > budget) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(step);
    size += b;
  }
  if (current.length) batches.push(current);
  return batches;
}

/** Excel's page footer codes (`&L…&C…&R…`) → the three sections Office.js sets separately. */
export function footerSections(code: string): { left?: string; center?: string; right?: string } {
  const out: { left?: string; center?: string; right?: string } = {};
  let section: 'left' | 'center' | 'right' = 'center';
  let buf = '';
  const flush = () => {
    if (buf) out[section] = (out[section] ?? '') + buf;
    buf = '';
  };
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '&' && i + 1 < code.length) {
      const next = code[i + 1];
      if (next === 'L' || next === 'C' || next === 'R') {
        flush();
        section = next === 'L' ? 'left' : next === 'C' ? 'center' : 'right';
        i++;
        continue;
      }
      buf += ch + next;
      i++;
      continue;
    }
    buf += ch;
  }
  flush();
  return out;
}
