/**
 * The structure of an official's form read from a grid: its tables (found as the recogniser
 * finds them), split into forms by their titles ("Biểu mẫu 2", "Phụ lục 3"), by Roman section rows
 * (I, II, …) or by sheet; rows with their STT hierarchy, labels, units, kinds and typed figures.
 */
import { META_SHEET } from '../layout/names';
import { readNumber } from '../number';
import { cellRef, type Grid, type GridSheet } from '../recognise/grid';
import { cellText } from '../recognise/header';
import { scanSheet, formTitleOf, type Table, type TableRow, type TitleLine } from '../recognise/tables';
import { clean, fold } from '../recognise/text';
import { kindOfUnit } from './kinds';
import { LearnError, type LearnedForm, type LearnedRow } from './types';

export interface FormsRead {
  forms: LearnedForm[];
  /** Title lines above the first table (appendix label, title, "Kèm theo …"). */
  headTitles: string[];
  /** The value column's header text of the first table ("Số liệu", "Kết quả"). */
  valueHeader?: string;
  warnings: string[];
}

const ROMAN_RE = /^[IVXLC]{1,6}$/;
const NUMBERED_RE = /^\d{1,3}(\.\d{1,3}){0,6}$/;
const LETTER_RE = /^[a-zđ]$/i;

function romanValue(s: string): number {
  const v: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const a = v[s[i]];
    const b = v[s[i + 1]] ?? 0;
    n += a < b ? -a : a;
  }
  return n;
}

/** `bieu mau 2` → `B2`, `phu luc 1b` → `PL1B`; undefined for other titles. */
function formIdOfTitle(folded: string): string | undefined {
  const m = /^(bieu mau|phu luc|bieu so|mau so|bieu)\s+(\S+)$/.exec(folded);
  if (!m) return undefined;
  const n = ROMAN_RE.test(m[2].toUpperCase()) ? String(romanValue(m[2].toUpperCase())) : m[2].toUpperCase();
  return `${m[1] === 'phu luc' ? 'PL' : 'B'}${n}`;
}

/** Title lines that are not a form's name: the attachment line, the big heading, signatures. */
function isBoilerplate(text: string): boolean {
  const f = fold(text);
  return (
    /\bkem theo\b|\bban hanh kem\b/.test(f) ||
    /^(bieu mau )?thong ke so lieu|^bieu mau thong ke|^danh sach cac phu luc/.test(f) ||
    /^(uy ban nhan dan|ubnd|cong hoa|doc lap)\b/.test(f) ||
    /^\(.*\)$/.test(clean(text))
  );
}

interface Section {
  title: string;
  name: string;
  idHint?: string;
  sheet: string;
  rows: TableRow[];
  table: Table;
}

function readValueHeader(sheet: GridSheet, table: Table): string | undefined {
  const col = table.columns.value;
  const band = table.headers[0];
  if (col === undefined || !band) return undefined;
  let text: string | undefined;
  for (let r = band[0]; r <= band[1]; r++) {
    const t = clean(cellText(sheet.cell(r, col)?.value));
    if (t && !/^\(?\d{1,2}\)?$/.test(t)) text = t;
  }
  return text;
}

/** Splits the tables into sections: one per table, or one per Roman row when a table has several. */
function sections(tables: Table[]): Section[] {
  const out: Section[] = [];
  for (const table of tables) {
    const titles: TitleLine[] = table.titles;
    let formIdx = -1;
    titles.forEach((t, i) => {
      if (formTitleOf(t.text)) formIdx = i;
    });
    const title = formIdx >= 0 ? clean(titles[formIdx].text) : '';
    const nameLine = titles.slice(formIdx + 1).find((t) => !isBoilerplate(t.text) && !formTitleOf(t.text));
    const name = nameLine ? clean(nameLine.text) : '';
    const idHint = formIdx >= 0 ? formIdOfTitle(formTitleOf(titles[formIdx].text)!) : undefined;
    const romans = table.rows.filter((r) => ROMAN_RE.test(r.stt));
    if (romans.length >= 2) {
      let current: Section | undefined;
      const before: TableRow[] = [];
      for (const r of table.rows) {
        if (ROMAN_RE.test(r.stt)) {
          current = {
            title: `Mục ${r.stt}`,
            name: r.label,
            idHint: `M${romanValue(r.stt)}`,
            sheet: table.sheet,
            rows: [r],
            table,
          };
          out.push(current);
        } else if (current) current.rows.push(r);
        else before.push(r);
      }
      if (before.length) {
        out.splice(out.length - romans.length, 0, {
          title: title || table.sheet,
          name: name || title || table.sheet,
          ...(idHint ? { idHint } : {}),
          sheet: table.sheet,
          rows: before,
          table,
        });
      }
    } else {
      out.push({
        title: title || table.sheet,
        name: name || (romans[0] && romans[0] === table.rows[0] ? romans[0].label : '') || title || table.sheet,
        ...(idHint ? { idHint } : {}),
        sheet: table.sheet,
        rows: table.rows,
        table,
      });
    }
  }
  return out;
}

/** Builds one form's rows: ids from STT, the hierarchy, kinds and the typed figures. */
function buildRows(formId: string, sec: Section, sheet: GridSheet, warnings: string[]): LearnedRow[] {
  const rows: LearnedRow[] = [];
  const byStt = new Map<string, LearnedRow>();
  const used = new Set<string>();
  let lastNumbered: LearnedRow | undefined;
  let roman: LearnedRow | undefined;
  const valueCol = sec.table.columns.value;
  const uniqueId = (base: string): string => {
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}x${k}`;
    used.add(id);
    return id;
  };
  const letterId = (parent: string): string => {
    for (let k = 0; k < 26; k++) {
      const id = `${parent}.${String.fromCharCode(97 + k)}`;
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
    return uniqueId(`${parent}.z`);
  };
  for (const r of sec.rows) {
    const unit = clean(r.unit);
    const stt = r.stt;
    const sheetCell = valueCol !== undefined ? sheet.cell(r.row, valueCol) : undefined;
    const unitKind = kindOfUnit(unit);
    let kind = unitKind.kind;
    const codes = unitKind.codes;
    const hasFigure = !!sheetCell && sheetCell.value !== null && clean(cellText(sheetCell.value)) !== '';
    let parent: LearnedRow | undefined;
    let id: string;
    if (NUMBERED_RE.test(stt) || ROMAN_RE.test(stt)) {
      const path = stt.split('.');
      for (let k = path.length - 1; k >= 1 && !parent; k--) parent = byStt.get(path.slice(0, k).join('.'));
      if (!parent && !ROMAN_RE.test(stt)) parent = roman;
      id = uniqueId(`${formId}:${stt}`);
    } else if (LETTER_RE.test(stt) && lastNumbered) {
      parent = lastNumbered;
      id = uniqueId(`${lastNumbered.id}.${stt.toLowerCase() === 'đ' ? 'dd' : stt.toLowerCase()}`);
    } else {
      // Unnumbered: a row with a unit answers the numbered row above it; a heading sits beside it.
      const anchor = lastNumbered;
      if (anchor && (unit || hasFigure || anchor.kind === 'group')) parent = anchor;
      else if (anchor) parent = anchor.parent ? rows.find((x) => x.id === anchor.parent) : undefined;
      id = parent ? letterId(parent.id) : uniqueId(`${formId}:${rows.length + 1}`);
    }
    if (kind === 'group' && hasFigure) {
      // A figure typed in a row without a unit: a count whose unit was not printed, unless it heads other rows.
      kind = 'count';
    }
    const row: LearnedRow = {
      id,
      stt: r.sttRaw,
      label: clean(r.label),
      unit,
      note: clean(r.note),
      kind,
      ...(codes ? { codes } : {}),
      ...(parent ? { parent: parent.id } : {}),
      cell: cellRef(sec.sheet, r.row, valueCol ?? sec.table.columns.label),
      sheet: sec.sheet,
      row: r.row,
      ...(/\bluy ke\b/.test(fold(r.label)) ? { cumulative: true } : {}),
    };
    if (sheetCell && hasFigure)
      row.value = readNumber(
        { value: sheetCell.value, ...(sheetCell.numFmt ? { numFmt: sheetCell.numFmt } : {}) },
        kind,
      );
    rows.push(row);
    if (NUMBERED_RE.test(stt)) {
      byStt.set(stt, row);
      lastNumbered = row;
    } else if (ROMAN_RE.test(stt)) {
      roman = row;
      lastNumbered = row;
    }
    // A lettered row (a, b) is a sub-row: the numbered row above stays the anchor.
  }
  // A row with a figure but no unit that heads other rows is a heading after all (seeds type totals there).
  const hasChildren = new Set(rows.map((r) => r.parent).filter(Boolean));
  for (const r of rows) {
    if (!r.unit && r.kind === 'count' && hasChildren.has(r.id)) {
      r.kind = 'group';
      delete r.value;
    } else if (!r.unit && r.kind === 'count') {
      warnings.push(
        `Dòng ${r.stt || `«${r.label}»`} (${r.cell}) có số liệu nhưng không ghi đơn vị tính: coi là số đếm.`,
      );
    }
  }
  return rows;
}

/** Reads the forms of an official's workbook. Throws a Vietnamese Error when it holds no table. */
export function readForms(grid: Grid): FormsRead {
  const warnings: string[] = [];
  const visible = grid.sheets.filter((s) => s.name !== META_SHEET && (s.state ?? 'visible') === 'visible');
  const scans = visible.map((s) => ({ sheet: s, scan: scanSheet(s) }));
  const tables = scans.flatMap((s) => s.scan.tables);
  if (tables.length === 0) {
    throw new LearnError(
      `Tệp «${grid.file ?? 'không tên'}» không có bảng biểu mẫu nào: cần một dòng tiêu đề cột như «STT | Chỉ tiêu | Đơn vị tính | Số liệu | Ghi chú» (trang tính ${visible.map((s) => `«${s.name}»`).join(', ') || '(không có)'}).`,
    );
  }
  const sheets = new Map(visible.map((s) => [s.name, s]));
  const first = tables[0];
  const headTitles = first.titles.map((t) => clean(t.text));
  const secs = sections(tables);
  const usedIds = new Set<string>();
  const forms: LearnedForm[] = secs.map((sec, i) => {
    const base = sec.idHint ?? `F${i + 1}`;
    let id = base;
    for (let k = 1; usedIds.has(id); k++) id = `${base}${String.fromCharCode(65 + k)}`;
    usedIds.add(id);
    const rows = buildRows(id, sec, sheets.get(sec.sheet)!, warnings);
    return { id, title: sec.title, name: sec.name, sheet: sec.sheet, rows };
  });
  const valueHeader = readValueHeader(sheets.get(first.sheet)!, first);
  for (const t of tables)
    if (t.columns.value === undefined)
      warnings.push(`Bảng trên trang tính «${t.sheet}» không có cột số liệu: mẫu học được vẫn có cột «Số liệu».`);
  return {
    forms: forms.filter((f) => f.rows.length > 0),
    headTitles,
    ...(valueHeader ? { valueHeader } : {}),
    warnings,
  };
}
