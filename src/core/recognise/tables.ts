/**
 * Finding appendix tables in a grid: a header band, then data rows until the next table
 * or the end of the sheet. A header repeated after a page break continues the same table;
 * a title between tables ("Biểu mẫu 2", "Cải cách thể chế", "Phụ lục 3") starts a new one.
 * Everything outside the tables is kept as title lines (unit, period, report number).
 */
import { mergeAt, type GridSheet } from './grid';
import { cellText, isHeaderAnchor, readHeader, sameColumns, type TableColumns } from './header';
import { isSttLike, normStt } from './stt';
import { clean, fold, memoOf } from './text';

export interface TitleLine {
  sheet: string;
  row: number;
  col: number;
  text: string;
}

export interface TableRow {
  sheet: string;
  row: number;
  /** STT normalised (`2.1`), and as typed. */
  stt: string;
  sttRaw: string;
  label: string;
  unit: string;
  note: string;
}

export interface Table {
  sheet: string;
  /** Header bands (the first, and any repeated after page breaks), as [top, bottom]. */
  headers: [number, number][];
  columns: TableColumns;
  rows: TableRow[];
  /** Title lines right above the table (its form title, its area name). */
  titles: TitleLine[];
  /** "Biểu mẫu 3" / "Phụ lục 4" / "Phụ lục 1B" from the titles above, folded. */
  formHint?: string;
  /** Value-like columns that were not taken as the value column. */
  otherValueCols: number[];
  headerTexts: string[];
}

export interface SheetScan {
  sheet: string;
  tables: Table[];
  /** Every text line outside the tables' data, in reading order (header texts included). */
  titles: TitleLine[];
}

const FORM_TITLE_RE = /^(bieu mau|phu luc|bieu so|mau so|bieu)\s+(\d{1,2}[a-z]?|[ivx]{1,4})\b/;

/** `Biểu mẫu 2`, `PHỤ LỤC 3`, `Phụ lục 1B` → folded `bieu mau 2`; undefined otherwise. */
export function formTitleOf(text: string): string | undefined {
  return formTitleMemo(text);
}

const formTitleMemo = memoOf((text: string): string | undefined => {
  const m = FORM_TITLE_RE.exec(fold(text));
  return m ? `${m[1]} ${m[2]}` : undefined;
});

/** The first and last role column of a table, and its width (classify asks for every row). */
const spans = new WeakMap<TableColumns, { first: number; width: number }>();
function spanOf(cols: TableColumns): { first: number; width: number } {
  let s = spans.get(cols);
  if (!s) {
    const roleCols = [cols.stt, cols.label, cols.unit, cols.value, cols.note].filter(
      (c): c is number => c !== undefined,
    );
    const first = Math.min(...roleCols);
    s = { first, width: Math.max(...roleCols) - first + 1 };
    spans.set(cols, s);
  }
  return s;
}

/**
 * Whether a row's only text, at `col` and merged over `span` columns, makes it a title: one cell
 * merged across the table from its first column ("Cải cách thể chế").
 */
export function isOneCellTitle(cols: TableColumns, col: number, span: number): boolean {
  const { first, width } = spanOf(cols);
  return col <= first && span >= Math.min(3, width);
}

interface RowCells {
  /** Non-empty cells of the row that are not covered by a merge started elsewhere. */
  texts: { col: number; text: string; span: number }[];
  /** Every cell's cleaned text by column (merged or not), '' for an empty one. */
  byCol: string[];
}

function rowCells(sheet: GridSheet, row: number): RowCells {
  const texts: RowCells['texts'] = [];
  const byCol: string[] = [];
  for (let c = 1; c <= sheet.maxCol; c++) {
    const v = sheet.cell(row, c)?.value;
    const t = v === null || v === undefined ? '' : clean(cellText(v));
    byCol[c] = t;
    if (!t) continue;
    const m = mergeAt(sheet, row, c);
    if (m && (m.top !== row || m.left !== c)) continue;
    texts.push({ col: c, text: t, span: m ? m.right - m.left + 1 : 1 });
  }
  return { texts, byCol };
}

type Kind = 'blank' | 'title' | 'data' | 'noise';

/** Whether a table's value cell holds anything: a text other than spaces, a number, an error. */
export function hasValueAt(sheet: GridSheet, row: number, valueCol: number | undefined): boolean {
  const c = valueCol !== undefined ? sheet.cell(row, valueCol) : undefined;
  return !!c && (c.value !== null && c.value !== '' ? clean(cellText(c.value)) !== '' : !!c.error);
}

/** What a row of a table is; a data row's value cell holds anything (hasValue) or not. */
interface Classified {
  kind: Kind;
  data?: TableRow;
  hasValue?: boolean;
}

function classify(sheet: GridSheet, row: number, cols: TableColumns, cells: RowCells): Classified {
  if (cells.texts.length === 0) return { kind: 'blank' };
  const t = cells.texts.find((x) => formTitleOf(x.text) !== undefined);
  if (t) {
    // A form title, unless it is just a label mentioning one ("Phụ lục ban hành kèm theo …" in Ghi chú).
    if (t.col !== cols.note && t.col !== cols.label) return { kind: 'title' };
    if (cells.texts.length === 1) return { kind: 'title' };
  }
  const only = cells.texts.length === 1 ? cells.texts[0] : undefined;
  if (only && isOneCellTitle(cols, only.col, only.span)) return { kind: 'title' };

  const at = (c: number | undefined) => (c === undefined ? '' : (cells.byCol[c] ?? ''));
  const sttRaw = at(cols.stt);
  let label = at(cols.label);
  const unit = at(cols.unit);
  const note = at(cols.note);
  const hasValue = hasValueAt(sheet, row, cols.value);
  let stt = normStt(sttRaw);
  if (sttRaw && !isSttLike(sttRaw)) {
    // Text in the STT column that is not a number: a title typed in column A, or STT and label in one cell.
    const m = /^\s*((?:\d{1,3}\.)*\d{1,3}\.?|[IVX]{1,5}\.)\s+(\S.*)$/u.exec(sttRaw);
    if (m && !label) {
      stt = normStt(m[1]);
      label = clean(m[2]);
    } else if (!label && !unit && !hasValue) return { kind: 'title' };
    else stt = '';
  }
  if (!label && !hasValue) return { kind: 'noise' };
  return { kind: 'data', data: { sheet: sheet.name, row, stt, sttRaw, label, unit, note }, hasValue };
}

/** Rows at the end of a table with nothing but a label: a title of what follows, or a signature. */
function isTrailingText(r: TableRow, hasValue: boolean): boolean {
  return !r.stt && !r.unit && !hasValue;
}

/**
 * What a scan decided row by row, for remembering its layout (scan-cache.ts): the rows that
 * looked like a column header, and the columns of the table each other row was read in.
 */
export interface ScanTrace {
  anchors: number[];
  columnsAt: (TableColumns | undefined)[];
}

export function scanSheet(sheet: GridSheet, trace?: ScanTrace): SheetScan {
  const tables: Table[] = [];
  const titles: TitleLine[] = [];
  let current: Table | undefined;
  /** Title lines seen since the last data row (they go to the next table). */
  let pendingTitles: TitleLine[] = [];
  let sawBreak = false;
  /** The data rows whose value cell holds anything (a table's trailing rows have none). */
  const valued = new Set<TableRow>();

  const close = () => {
    if (!current) return;
    // Trailing text-only rows belong after the table (signature, next table's area name).
    const moved: TitleLine[] = [];
    while (current.rows.length) {
      const last = current.rows[current.rows.length - 1];
      if (!isTrailingText(last, valued.has(last))) break;
      const r = current.rows.pop()!;
      moved.unshift({ sheet: sheet.name, row: r.row, col: current.columns.label, text: r.label });
    }
    pendingTitles = [...moved, ...pendingTitles];
    titles.push(...moved);
    if (current.rows.length) tables.push(current);
    current = undefined;
  };

  const open = (
    columns: TableColumns,
    header: [number, number] | undefined,
    otherValueCols: number[],
    headerTexts: string[],
  ) => {
    const hint = [...pendingTitles]
      .reverse()
      .map((t) => formTitleOf(t.text))
      .find((x) => x);
    current = {
      sheet: sheet.name,
      headers: header ? [header] : [],
      columns,
      rows: [],
      titles: pendingTitles,
      ...(hint ? { formHint: hint } : {}),
      otherValueCols,
      headerTexts,
    };
    pendingTitles = [];
    sawBreak = false;
  };

  for (let r = 1; r <= sheet.maxRow; r++) {
    const cells = rowCells(sheet, r);
    if (cells.texts.length && isHeaderAnchor(cells.byCol)) {
      trace?.anchors.push(r);
      const band = readHeader(sheet, r);
      if (band) {
        for (const t of band.texts) titles.push({ sheet: sheet.name, row: r, col: 0, text: t });
        const cont = current && !sawBreak && pendingTitles.length === 0 && sameColumns(current.columns, band.columns);
        if (cont) current!.headers.push([band.top, band.bottom]);
        else {
          close();
          open(band.columns, [band.top, band.bottom], band.otherValueCols, band.texts);
        }
        r = band.bottom;
        continue;
      }
    }
    if (trace) trace.columnsAt[r] = current?.columns;
    if (!current) {
      for (const t of cells.texts) {
        const line = { sheet: sheet.name, row: r, col: t.col, text: t.text };
        titles.push(line);
        pendingTitles.push(line);
      }
      continue;
    }
    const { kind, data, hasValue } = classify(sheet, r, current.columns, cells);
    if (kind === 'data') {
      if (sawBreak) {
        // Data after a form title without a header of its own: a new table with the same columns.
        const cols = current.columns;
        const other = current.otherValueCols;
        const texts = current.headerTexts;
        close();
        open(cols, undefined, other, texts);
      }
      // Text-only rows kept pending (an unnumbered heading) rejoin the table.
      current!.rows.push(data!);
      if (hasValue) valued.add(data!);
    } else if (kind === 'title') {
      sawBreak = true;
      for (const t of cells.texts) {
        const line = { sheet: sheet.name, row: r, col: t.col, text: t.text };
        titles.push(line);
        pendingTitles.push(line);
      }
    }
  }
  close();
  titles.sort((a, b) => a.row - b.row || a.col - b.col);
  return { sheet: sheet.name, tables, titles };
}
