/**
 * Scanning a sheet once per layout. Sheets typed from the same blank differ in their figures, in
 * the unit's name and the date in their title lines and signature, and in little else; scanning
 * one (scanSheet: header bands, table rows, title lines) was half of recognising a workbook once
 * its fits were remembered (layout-cache.ts). A scan remembers, cell by cell, what it depended on,
 * and the next sheet that agrees on all of it gets the same tables without being scanned, only the
 * texts of its title lines read.
 *
 * What a scan depends on, and why the rest may differ (tables.ts and header.ts, row by row):
 * - a header band, the row after it that readHeader tried (unless one of its table cells ended the
 *   band by itself), and the first cell of every merge reaching into them: readHeader reads them
 *   whole, so they must be the same, exactly;
 * - in a table, the STT, label, unit and note cells: they are the table's rows, exactly; but a
 *   label whose text became a title line (a heading between forms, a signature under the table)
 *   only through its traits, as below;
 * - any other cell (a figure, a title line, a signature) only through whether it is empty (or
 *   holds an error), the column role its text names (headerRole) and the form title it names
 *   (formTitleOf): a row is a header, a title, a data row or noise by those alone. A number names
 *   neither, so every figure reads the same;
 * - the value cell of most table rows, not even through whether it is empty (freeValueCells):
 *   such a row is a data row whatever its value cell holds, short of a text naming a role or a form
 *   (officials leave different figures empty in the same blank);
 * - the sheet's name, size and merges, exactly.
 * By induction over the rows, a sheet that agrees with a remembered scan on all of these goes
 * through the same states and gives the same tables and title lines at the same cells; only the
 * texts of title lines in cells compared through their traits can differ, and those are read from
 * the sheet.
 * test/recognise-scan-cache.test.ts compares scanning and remembering on varied sheets.
 */
import { cellText, continuesHeader, HEADER_REACH, headerBottom, headerRole } from './header';
import { mergeAt, type GridCell, type GridSheet, type GridValue } from './grid';
import {
  formTitleOf,
  isOneCellTitle,
  scanSheet,
  type ScanTrace,
  type SheetScan,
  type Table,
  type TitleLine,
} from './tables';
import { clean } from './text';

/** Layouts remembered per sheet name and size (a run sees a handful of blanks). */
const MAX_PER_SHAPE = 4;
/** Shapes remembered (sheet name, size, merges). */
const MAX_SHAPES = 64;
/** Sheets with more non-empty cells than this are scanned each time (a pasted list of thousands). */
const MAX_CELLS = 20_000;

/** A non-blank cell of a scanned sheet: compared exactly (value and error) or through its traits. */
interface Dependency {
  at: number;
  exact: boolean;
  value: GridValue | string;
  error: string | undefined;
}

interface Remembered {
  deps: Dependency[];
  /** By row: the column of a value cell that may hold anything but a role or form title (0: none). */
  free: Int32Array;
  scan: SheetScan;
  /** The title lines whose cell is compared through its traits: their texts are read again. */
  reread: Set<TitleLine>;
}

const shapes = new Map<string, Remembered[]>();
const stats = { hits: 0, misses: 0 };

function shapeKey(sheet: GridSheet): string {
  let key = `${sheet.name}\u0001${sheet.maxRow}\u0001${sheet.maxCol}`;
  for (const m of sheet.merges) key += `\u0001${m.top},${m.left},${m.bottom},${m.right}`;
  return key;
}

/** A cell with nothing in it (no value, no error): the scan sees it as absent. */
const isBlank = (c: GridCell): boolean => (c.value === null || c.value === '') && !c.error;

/**
 * What the scan reads of a cell outside the exact ones: empty (or spaces), an error, or a text
 * with the column role and form title it names. '' for a cell the scan sees as empty.
 */
function traits(c: GridCell): string {
  const v = c.value;
  if (v !== null && v !== '') {
    if (typeof v === 'number') return 'N';
    const t = clean(cellText(v));
    if (t === '') return '';
    return `T${headerRole(t) ?? ''}\u0001${formTitleOf(t) ?? ''}`;
  }
  return c.error ? 'E' : '';
}

/** A free value cell's traits: 'v' for anything the scan reads the same (empty, a figure, a plain text). */
function freeTraits(c: GridCell | undefined): string {
  if (!c) return 'v';
  const t = traits(c);
  return t === '' || t === 'N' || t === 'E' || t === 'T\u0001' ? 'v' : t;
}

/**
 * The value cells that may hold anything (see the header): those of table rows whose kind cannot
 * depend on them. Such a row has a label (never blank or noise), no text naming a form (a one-text
 * form title), other texts that do not make it a one-cell title when its value cell is empty
 * (isOneCellTitle), and an STT or unit, or a row after it in the table with one (so it is never one
 * of the trailing rows moved out of the table, which have no value).
 */
function freeValueCells(sheet: GridSheet, scan: SheetScan): Int32Array {
  const free = new Int32Array(sheet.maxRow + 1);
  for (const tb of scan.tables) {
    const v = tb.columns.value;
    if (v === undefined) continue;
    const cols = tb.columns;
    let numberedAfter = false;
    for (let k = tb.rows.length - 1; k >= 0; k--) {
      const row = tb.rows[k];
      const numbered = !!(row.stt || row.unit);
      const anchored = numbered || numberedAfter;
      numberedAfter ||= numbered;
      if (!row.label || !anchored) continue;
      const texts: { col: number; span: number }[] = [];
      let formTitle = false;
      for (let c = 1; c <= sheet.maxCol; c++) {
        const t = c === v ? '' : clean(cellText(sheet.cell(row.row, c)?.value));
        if (t === '') continue;
        const m = mergeAt(sheet, row.row, c);
        if (m && (m.top !== row.row || m.left !== c)) continue;
        texts.push({ col: c, span: m ? m.right - m.left + 1 : 1 });
        formTitle ||= formTitleOf(t) !== undefined;
      }
      // With its value cell empty, the row's one text must not make it a one-cell title.
      const oneText = texts.length === 1 ? texts[0] : undefined;
      if (formTitle || texts.length === 0 || (oneText && isOneCellTitle(cols, oneText.col, oneText.span))) continue;
      free[row.row] = v;
    }
  }
  return free;
}

/**
 * Which cells must be compared exactly, from a scan's trace: a predicate over (row, col).
 * - A header band (its anchor to its last row) is read whole, with the first cell of every merge
 *   reaching into it; so is the row after it that readHeader tried, unless one of that row's STT,
 *   label, unit or note cells (exact anyway) already ended the band (continuesHeader).
 * - In a table, the STT, label, unit and note cells; but a label cell whose text became a title line
 *   (a heading between forms, a signature under the table) is compared through its traits, and the
 *   line's text read again.
 */
function exactCells(sheet: GridSheet, scan: SheetScan, trace: ScanTrace): (row: number, col: number) => boolean {
  const width = sheet.maxCol + 1;
  const exactRow = new Uint8Array(sheet.maxRow + 2);
  const tableCols = (row: number, col: number): boolean => {
    const cols = trace.columnsAt[row];
    return !!cols && (col === cols.stt || col === cols.label || col === cols.unit || col === cols.note);
  };
  // Cells whose text became a title line may be compared through their traits only (below): they
  // cannot be what ends a band.
  const titleCells = new Set(scan.titles.filter((t) => t.col > 0).map((t) => t.row * width + t.col));
  /** Whether a cell of the row after a band, compared exactly, ends the band by itself. */
  const endsBand = (row: number, col: number): boolean => {
    if (!tableCols(row, col) || titleCells.has(row * width + col)) return false;
    const m = mergeAt(sheet, row, col);
    if (m && (m.top !== row || m.left !== col)) return false;
    const t = cellText(sheet.cell(row, col)?.value).trim();
    return t !== '' && !continuesHeader(t);
  };
  for (const a of trace.anchors) {
    const bottom = headerBottom(sheet, a);
    for (let r = a; r <= bottom; r++) exactRow[r] = 1;
    const next = bottom + 1;
    if (next > a + HEADER_REACH || next > sheet.maxRow) continue;
    let ended = false;
    for (let c = 1; c <= sheet.maxCol && !ended; c++) ended = endsBand(next, c);
    if (!ended) exactRow[next] = 1;
  }
  const mergeFirsts = new Set<number>();
  for (const m of sheet.merges) {
    for (let r = m.top; r <= Math.min(m.bottom, sheet.maxRow); r++) {
      if (exactRow[r]) {
        mergeFirsts.add(m.top * width + m.left);
        break;
      }
    }
  }
  const titleLabels = new Set<number>();
  for (const t of scan.titles) {
    const cols = trace.columnsAt[t.row];
    if (!cols || t.col !== cols.label || exactRow[t.row]) continue;
    if (t.text !== '' && t.text === clean(cellText(sheet.cell(t.row, t.col)?.value)))
      titleLabels.add(t.row * width + t.col);
  }
  return (row, col) => {
    const at = row * width + col;
    if (exactRow[row] || mergeFirsts.has(at)) return true;
    return tableCols(row, col) && !titleLabels.has(at);
  };
}

function remember(sheet: GridSheet, scan: SheetScan, trace: ScanTrace): Remembered | undefined {
  const exact = exactCells(sheet, scan, trace);
  const free = freeValueCells(sheet, scan);
  const width = sheet.maxCol + 1;
  const deps: Dependency[] = [];
  for (let r = 1; r <= sheet.maxRow; r++) {
    for (let c = 1; c <= sheet.maxCol; c++) {
      const cell = sheet.cell(r, c);
      if (!cell || isBlank(cell)) continue;
      const e = exact(r, c);
      if (!e && free[r] === c && freeTraits(cell) === 'v') continue;
      deps.push({
        at: r * width + c,
        exact: e,
        value: e ? cell.value : traits(cell),
        error: e ? cell.error : undefined,
      });
      if (deps.length > MAX_CELLS) return undefined;
    }
  }
  // Title lines from cells compared through their traits (their texts may differ); header texts
  // (col 0) and a heading split from an STT cell are exact.
  const reread = new Set(scan.titles.filter((t) => t.col > 0 && !exact(t.row, t.col)));
  return { deps, free, scan, reread };
}

/** Whether the sheet agrees with a remembered scan on every cell that scan depended on. */
function agrees(sheet: GridSheet, m: Remembered): boolean {
  const width = sheet.maxCol + 1;
  const deps = m.deps;
  let i = 0;
  for (let r = 1; r <= sheet.maxRow; r++) {
    for (let c = 1; c <= sheet.maxCol; c++) {
      const cell = sheet.cell(r, c);
      if (!cell) continue;
      const d = i < deps.length ? deps[i] : undefined;
      if (d?.at === r * width + c) {
        if (d.exact ? cell.value !== d.value || cell.error !== d.error : traits(cell) !== d.value) return false;
        i++;
      } else if (!isBlank(cell) && !(m.free[r] === c && freeTraits(cell) === 'v')) return false;
    }
  }
  return i === deps.length;
}

/** The remembered scan with this sheet's own texts in its title lines. */
function replay(sheet: GridSheet, m: Remembered): SheetScan {
  if (m.reread.size === 0) return m.scan;
  const lines = new Map<TitleLine, TitleLine>();
  const own = (t: TitleLine): TitleLine => {
    if (!m.reread.has(t)) return t;
    let line = lines.get(t);
    if (!line) {
      line = { ...t, text: clean(cellText(sheet.cell(t.row, t.col)?.value)) };
      lines.set(t, line);
    }
    return line;
  };
  const tables: Table[] = m.scan.tables.map((tb) =>
    tb.titles.some((t) => m.reread.has(t)) ? { ...tb, titles: tb.titles.map(own) } : tb,
  );
  return { sheet: m.scan.sheet, tables, titles: m.scan.titles.map(own) };
}

/**
 * scanSheet, or a remembered scan of a sheet with the same layout. The result is shared between
 * sheets: read-only.
 */
export function scanSheetOnce(sheet: GridSheet): SheetScan {
  const key = shapeKey(sheet);
  const known = shapes.get(key);
  if (known) {
    for (let k = 0; k < known.length; k++) {
      if (agrees(sheet, known[k])) {
        stats.hits++;
        return replay(sheet, known[k]);
      }
    }
  }
  stats.misses++;
  const trace: ScanTrace = { anchors: [], columnsAt: [] };
  const scan = scanSheet(sheet, trace);
  const m = remember(sheet, scan, trace);
  if (m) {
    const list = known ?? [];
    list.unshift(m);
    if (list.length > MAX_PER_SHAPE) list.pop();
    if (!known) {
      if (shapes.size >= MAX_SHAPES) shapes.delete(shapes.keys().next().value!);
      shapes.set(key, list);
    }
  }
  return scan;
}

/** Forgets every remembered scan. */
export function clearScanCache(): void {
  shapes.clear();
  stats.hits = 0;
  stats.misses = 0;
}

/** Sheets whose scan was remembered, and scanned anew, since the last clearScanCache. */
export function scanCacheStats(): { hits: number; misses: number } {
  return { ...stats };
}
