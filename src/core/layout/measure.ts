/**
 * Column widths and row heights that print well on A4 portrait. Excel does not grow a row
 * for wrapped text when the file sets no height (and never for merged cells), so the
 * plan gives every row a height estimated from its text.
 */
import { columnLetters } from '../a1';

/** Table columns, in Excel character units (one unit ≈ 7 px). */
export const COLUMNS = {
  stt: { col: 1, width: 7 },
  label: { col: 2, width: 55 },
  // 17 keeps the common "Cơ quan, đơn vị" on one line.
  unit: { col: 3, width: 17 },
  value: { col: 4, width: 12 },
  note: { col: 5, width: 22 },
} as const;

export const COLUMN_WIDTHS = [
  COLUMNS.stt.width,
  COLUMNS.label.width,
  COLUMNS.unit.width,
  COLUMNS.value.width,
  COLUMNS.note.width,
];
export const TABLE_WIDTH = COLUMN_WIDTHS.reduce((a, b) => a + b, 0);

const PX_PER_UNIT = 7;
/** Excel adds about 5 px to a column and keeps 2–3 px of margin on each side of the text; keep 3 px to spare. */
const CELL_PADDING_PX = 4;

/**
 * Advance widths of Times New Roman (Adobe Times-Roman metrics, 1/1000 em) for the base
 * letters; Vietnamese letters are measured by their base letter (diacritics stack, they
 * do not widen). Bold is about 5 % wider.
 */
const LOWER =
  'a444b500c444d500e444f333g500h500i278j278k500l278m778n500o500p500q500r333s389t278u500v500w722x500y500z444';
const UPPER =
  'A722B667C667D722E611F556G722H722I333J389K722L611M889N722O722P556Q722R667S556T611U722V722W944X722Y722Z611';
const WIDTHS = new Map<string, number>();
for (const table of [LOWER, UPPER])
  for (const m of table.matchAll(/([A-Za-z])(\d{3})/g)) WIDTHS.set(m[1], Number(m[2]) / 1000);
const OTHER: Record<string, number> = {
  ' ': 0.25,
  '.': 0.25,
  ',': 0.25,
  ':': 0.278,
  ';': 0.278,
  '(': 0.333,
  ')': 0.333,
  '/': 0.278,
  '-': 0.333,
  '–': 0.5,
  '%': 0.833,
  '=': 0.564,
  '“': 0.444,
  '”': 0.444,
  '"': 0.408,
  "'": 0.18,
  '…': 1,
  đ: 0.5,
  Đ: 0.722,
};

/** Width of a text in em of Times New Roman. */
export function textEm(text: string, bold = false): number {
  let em = 0;
  for (const ch of text) {
    const base = ch.normalize('NFD')[0];
    em += OTHER[ch] ?? WIDTHS.get(base) ?? (/\d/.test(ch) ? 0.5 : 0.5);
  }
  return bold ? em * 1.05 : em;
}

/** How many lines `text` takes in a cell `widthUnits` wide, wrapping at words. */
export function estimateLines(text: string, widthUnits: number, fontSize: number, bold = false): number {
  if (!text) return 1;
  const widthPx = widthUnits * PX_PER_UNIT - CELL_PADDING_PX;
  const pxPerEm = (fontSize * 96) / 72;
  const spacePx = textEm(' ', bold) * pxPerEm;
  let lines = 0;
  for (const para of text.split('\n')) {
    // Greedy word wrap, as Excel does.
    let line = 0;
    let count = 1;
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const w = textEm(word, bold) * pxPerEm;
      if (line > 0 && line + spacePx + w > widthPx) {
        count++;
        line = w;
      } else line += (line > 0 ? spacePx : 0) + w;
      while (line > widthPx) {
        count++;
        line -= widthPx;
      }
    }
    lines += count;
  }
  return Math.max(1, lines);
}

/** Row height in points for a number of lines of a font size (Excel's line ≈ 1.3 × size). */
export function heightForLines(lines: number, fontSize: number): number {
  return Math.ceil((lines * fontSize * 1.3 + 3) * 4) / 4;
}

/** The height of a row from its cells' texts: the tallest cell wins. */
export function rowHeight(cells: { text: string; width: number; size: number; bold?: boolean }[]): number {
  let best = heightForLines(1, Math.max(...cells.map((c) => c.size)));
  for (const c of cells) best = Math.max(best, heightForLines(estimateLines(c.text, c.width, c.size, c.bold), c.size));
  return best;
}

/** "A", "B", …, "AA" for a 1-based column. */
export const colLetter = columnLetters;

export const a1 = (col: number, row: number): string => `${colLetter(col)}${row}`;
export const absA1 = (col: number, row: number): string => `$${colLetter(col)}$${row}`;

/** `'Biểu mẫu 1'!D9`: a reference from another sheet, always quoted (a name like `BM1` would read as a cell). */
export function sheetRef(sheet: string, address: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${address}`;
}
