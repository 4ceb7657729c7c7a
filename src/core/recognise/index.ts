/**
 * Reading a received appendix from an abstract grid: through its cchc metadata when it has
 * some, otherwise by finding its tables and aligning their rows with each candidate template.
 * Pure (no fs, no DOM): the CLI, a web worker and the add-in feed it their own grid.
 */
import { META_SHEET } from '../layout/names';
import { formatNumber, readNumber } from '../number';
import { PERIODS, type PeriodId } from '../template/levels';
import { reportsRow, type Template } from '../template/load';
import { builtinTemplates } from '../template/registry';
import type { LevelId, RowDef } from '../template/schema';
import type { WorkbookMeta } from '../layout/types';
import type { NumberReading, ReportValues } from '../values';
import { a1, cellRef, type Grid, type GridSheet } from './grid';
import { cellText } from './header';
import { applyWorkbookHabits } from './habits';
import { baselineFromNote, baselineMessage } from './baselines';
import { fitPlan } from './fit-plan';
import { flattenTables, POOR_MATCH, type FlatRow, type TemplateFit } from './match';
import { fitLayout } from './layout-cache';
import { readMetadata, type WorkbookMetadata } from './metadata';
import {
  ReadReportError,
  type LowConfidenceRow,
  type MappedRow,
  type ReadReport,
  type ReadWarning,
  type TableFound,
  type UnplacedRow,
} from './report';
import { scanSheetOnce } from './scan-cache';
import { hasValueAt, type SheetScan, type Table } from './tables';
import { clean } from './text';
import { mayGiveReportFacts, readTitles, type TitleInfo } from './titles';

export * from './report';
export { poorMatchChildMessage, poorMatchFacts, poorMatchSummary, tableRows } from './poor-match';
export { placeOf } from './place';
export { clearLayoutCache, layoutCacheStats } from './layout-cache';
export { scanCacheStats } from './scan-cache';
export {
  gridFromMatrices,
  cellRef,
  parseCellRef,
  type Grid,
  type GridSheet,
  type GridCell,
  type GridName,
  type GridMerge,
  type GridValue,
} from './grid';

export interface RecogniseOptions {
  /** Candidate templates (default: the built-in ones). */
  templates?: Template[];
  /** Force a template by id. */
  template?: string;
  level?: LevelId;
  unit?: string;
  period?: PeriodId;
  year?: number;
  /**
   * Read the unit's own forms even when the workbook also holds the consolidated appendix the
   * add-in wrote (the task pane checking and consolidating the unit's own figures). By default a
   * workbook with a consolidated appendix is read as that appendix: the report it sends up.
   */
  ownFigures?: boolean;
}

/** Most table rows aligned in one workbook (appendix tables have 100–200). */
export const MAX_TABLE_ROWS = 1000;

const fileName = (g: Grid) => g.file ?? 'không tên';

/** Reads one cell as the row's kind; undefined for an empty cell. */
function readCell(sheet: GridSheet | undefined, row: number, col: number, def: RowDef): NumberReading | undefined {
  const c = sheet?.cell(row, col);
  if (!c) return undefined;
  if (c.error) {
    return {
      value: null,
      raw: c.error,
      decimals: 0,
      alternatives: [],
      flags: ['not-a-number'],
      problem: `Ô chứa lỗi ${c.error}, không phải là số.`,
    };
  }
  if (c.value === null || (typeof c.value === 'string' && clean(c.value) === '')) return undefined;
  const r = readNumber({ value: c.value, ...(c.numFmt ? { numFmt: c.numFmt } : {}) }, def.kind);
  return c.formula ? { ...r, formula: c.formula } : r;
}

/**
 * A formula cell whose file holds no computed result (a workbook written by a program and never
 * opened in Excel): not an empty cell — its figure is unknown, and the official is told why.
 */
function uncomputedFormula(sheet: GridSheet | undefined, row: number, col: number): NumberReading | undefined {
  const c = sheet?.cell(row, col);
  if (!c?.formula || c.error || (c.value !== null && c.value !== '')) return undefined;
  return {
    value: null,
    raw: `=${c.formula}`,
    decimals: 0,
    alternatives: [],
    flags: ['not-a-number'],
    problem:
      'ô có công thức nhưng tệp không lưu kết quả đã tính (tệp chưa được mở và lưu bằng Excel), nên chưa đọc được số liệu; hãy mở tệp bằng Excel, lưu lại rồi gửi lại.',
  };
}

/** The report facts worked out from options, metadata and title lines. */
type Resolved = Pick<ReadReport, 'level' | 'levelSource' | 'unit' | 'period' | 'year' | 'reportNo' | 'date'>;

/** "DD/MM/YYYY" (the writer's) or ISO → ISO. */
function isoDate(d: string | undefined): string | undefined {
  if (!d) return undefined;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(d.trim());
  if (m) return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(d.trim()) ? d.trim() : undefined;
}

function resolveFacts(opts: RecogniseOptions, meta: WorkbookMetadata | undefined, titles: TitleInfo): Resolved {
  const m = meta?.meta;
  const out: Resolved = {};
  if (opts.level) Object.assign(out, { level: opts.level, levelSource: 'option' });
  else if (m?.level) Object.assign(out, { level: m.level, levelSource: 'metadata' });
  else if (titles.level) Object.assign(out, { level: titles.level, levelSource: 'title' });
  const unit = opts.unit ?? m?.unit ?? titles.unit;
  if (unit) out.unit = unit;
  const period = opts.period ?? (m?.period as PeriodId | undefined) ?? titles.period;
  if (period && PERIODS.some((p) => p.id === period)) out.period = period;
  const year = opts.year ?? m?.year ?? titles.year;
  if (year) out.year = year;
  const reportNo = m?.reportNo ?? titles.reportNo;
  if (reportNo) out.reportNo = reportNo;
  const date = isoDate(m?.date) ?? titles.date;
  if (date) out.date = date;
  return out;
}

/** The level whose applicable rows best explain which rows hold values. */
function levelFromValues(t: Template, values: ReportValues): LevelId {
  let best = t.levels[0];
  let bestScore = -Infinity;
  for (const l of t.levels) {
    let s = 0;
    for (const row of t.rowsById.values()) {
      if (row.kind === 'group') continue;
      const v = values.get(row.id)?.value ?? null;
      const reports = reportsRow(t, row, l);
      // Officials type 0 everywhere: a zero says little; a figure in a row of another level says much.
      if (v === null) s -= reports ? 0.3 : 0;
      else if (v === 0) s += reports ? 0.2 : -0.2;
      else s += reports ? 1 : -2;
    }
    if (s > bestScore) {
      bestScore = s;
      best = l;
    }
  }
  return best;
}

function finish(report: Omit<ReadReport, 'level' | 'levelSource'>, facts: Resolved): ReadReport {
  const out: ReadReport = { ...report };
  if (facts.level && report.template.levels.includes(facts.level)) {
    out.level = facts.level;
    out.levelSource = facts.levelSource!;
  } else {
    if (facts.level) {
      out.warnings.push({
        message: `Cấp «${facts.level}» (${facts.levelSource === 'option' ? 'theo tùy chọn' : 'theo tiêu đề'}) không có trong mẫu «${report.template.id}»; đoán cấp theo các dòng có số liệu.`,
      });
    }
    out.level =
      report.template.levels.length === 1 ? report.template.levels[0] : levelFromValues(report.template, report.values);
    out.levelSource = report.template.levels.length === 1 ? 'template' : 'values';
    if (report.template.levels.length > 1) {
      out.warnings.push({
        message: `Không thấy cấp báo cáo trong tiêu đề; đoán là «${out.level}» theo các dòng có số liệu. Dùng --level để chỉ rõ.`,
      });
    }
  }
  for (const k of ['unit', 'period', 'year', 'reportNo', 'date'] as const)
    if (facts[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = facts[k];
  if (!out.unit)
    out.warnings.push({
      message: 'Không thấy tên đơn vị báo cáo trong tiêu đề (ví dụ «UBND xã Cẩm Hưng»). Dùng --unit để chỉ rõ.',
    });
  if (!out.period)
    out.warnings.push({ message: 'Không thấy kỳ báo cáo trong tiêu đề (ví dụ «6 tháng đầu năm 2022»).' });
  return out;
}

/** How a row is named to the user: `Biểu mẫu 6 dòng 1.1`, `Phụ lục 1B dòng «Đã hoàn thành»`. */
function rowName(t: Template, id: string): string {
  const row = t.rowsById.get(id);
  const form = t.formOf.get(id);
  if (!row || !form) return id;
  const stt = row.stt.trim().replace(/\.$/, '');
  return `${form.title} dòng ${stt || `«${row.label.length > 50 ? `${row.label.slice(0, 49)}…` : row.label}»`}`;
}

/** Remembers which row ids were read from number cells (with their format), for applyWorkbookHabits. */
function noteStored(
  stored: Map<string, string | undefined>,
  sheet: GridSheet | undefined,
  row: number,
  col: number,
  id: string,
): void {
  const c = sheet?.cell(row, col);
  if (c && typeof c.value === 'number') stored.set(id, c.numFmt);
}

function noteValueProblems(
  t: Template,
  values: ReportValues,
  cells: ReadonlyMap<string, string>,
  warnings: ReadWarning[],
  stored: Map<string, string | undefined>,
): void {
  for (const n of applyWorkbookHabits(t, values, stored)) {
    const cell = cells.get(n.rowId)!;
    warnings.push({
      kind: 'habit',
      message: `Ô ${cell} (${rowName(t, n.rowId)}) chứa số ${formatNumber(n.value)}, nhưng tệp này có số đếm bị Excel cài đặt tiếng Anh đọc nhầm dấu chấm hàng nghìn (ví dụ ô ${cells.get(n.evidence)}): có thể người nhập đã gõ ${formatNumber(n.alternative)}.`,
      cell,
      rowId: n.rowId,
    });
  }
  for (const [id, r] of values) {
    if (r.problem)
      warnings.push({
        kind: 'value',
        message: `Ô ${cells.get(id)} (${rowName(t, id)}): «${r.raw}» — ${r.problem}`,
        cell: cells.get(id)!,
        rowId: id,
      });
  }
}

function fromMetadata(grid: Grid, t: Template, md: WorkbookMetadata, facts: Resolved): ReadReport {
  const values: ReportValues = new Map();
  const cells = new Map<string, string>();
  const rows: MappedRow[] = [];
  const warnings: ReadWarning[] = [];
  const sheets = new Map(grid.sheets.map((s) => [s.name, s]));
  let pendingFormulas = 0;
  const stored = new Map<string, string | undefined>();
  for (const form of t.forms) {
    for (const def of form.rows) {
      const loc = md.locations.get(def.id);
      if (!loc) continue;
      const sheet = sheets.get(loc.sheet);
      const address = cellRef(loc.sheet, loc.row, loc.col);
      cells.set(def.id, address);
      rows.push({
        rowId: def.id,
        cell: address,
        sheet: loc.sheet,
        row: loc.row,
        stt: def.stt,
        label: def.label,
        confidence: 1,
      });
      const c = sheet?.cell(loc.row, loc.col);
      if (c?.formula && (c.value === null || c.value === undefined) && !c.error) pendingFormulas++;
      const r = readCell(sheet, loc.row, loc.col, def);
      if (r) values.set(def.id, r);
      noteStored(stored, sheet, loc.row, loc.col, def.id);
    }
  }
  for (const id of md.broken)
    warnings.push({ message: `Ô số liệu của ${rowName(t, id)} đã bị xóa khỏi tệp (tên ô trỏ tới #REF!).`, rowId: id });
  if (md.meta && md.meta.templateVersion !== t.version) {
    warnings.push({
      message: `Tệp được tạo theo mẫu «${t.id}» phiên bản ${md.meta.templateVersion}; phiên bản hiện có là ${t.version}.`,
    });
  }
  if (pendingFormulas)
    warnings.push({
      message: `${pendingFormulas} ô có công thức chưa được tính (tệp chưa được mở và lưu bằng Excel): các ô đó được coi là trống.`,
    });
  noteValueProblems(t, values, cells, warnings, stored);
  const bySheet = new Map<string, { min: number; max: number; rows: number }>();
  for (const r of rows) {
    const b = bySheet.get(r.sheet);
    if (b) {
      b.min = Math.min(b.min, r.row);
      b.max = Math.max(b.max, r.row);
      b.rows++;
    } else bySheet.set(r.sheet, { min: r.row, max: r.row, rows: 1 });
  }
  const tables: TableFound[] = [...bySheet].map(([sheet, b]) => ({
    sheet,
    range: `${a1(b.min, 1)}:${a1(b.max, 5)}`,
    rows: b.rows,
  }));
  return finish(
    {
      file: fileName(grid),
      source: 'metadata',
      template: t,
      confidence: 1,
      values,
      cells,
      rows,
      unmapped: [],
      lowConfidence: [],
      warnings,
      tables,
    },
    facts,
  );
}

function unplaced(grid: Grid, table: Table, r: FlatRow): UnplacedRow {
  const col = table.columns.stt ?? table.columns.label;
  const out: UnplacedRow = {
    cell: cellRef(r.sheet, r.row, col),
    sheet: r.sheet,
    row: r.row,
    stt: r.sttRaw,
    label: r.label,
  };
  const sheet = grid.sheets.find((s) => s.name === r.sheet);
  if (sheet && hasValueAt(sheet, r.row, table.columns.value)) {
    const c = sheet.cell(r.row, table.columns.value!);
    out.value = c?.error ?? clean(cellText(c?.value));
  }
  return out;
}

function fromFit(
  grid: Grid,
  tables: Table[],
  flat: FlatRow[],
  fit: TemplateFit,
  runnerUp: TemplateFit | undefined,
  facts: Resolved,
  extraWarnings: ReadWarning[],
): ReadReport {
  const t = fit.template;
  const plan = fitPlan(tables, flat, fit);
  const values: ReportValues = new Map();
  const sheets = new Map(grid.sheets.map((s) => [s.name, s]));
  const stored = new Map<string, string | undefined>();
  for (const x of plan.reads) {
    if (x.col === undefined) continue;
    const sheet = sheets.get(x.sheet);
    const reading = readCell(sheet, x.row, x.col, x.def) ?? uncomputedFormula(sheet, x.row, x.col);
    if (reading) values.set(x.def.id, reading);
    noteStored(stored, sheet, x.row, x.col, x.def.id);
  }
  const lowConfidence: LowConfidenceRow[] = plan.lowConfidence.map((k) => {
    const m = fit.matches[k];
    const r = flat[m.index];
    return {
      ...unplaced(grid, tables[r.table], r),
      rowId: m.row.id,
      templateStt: m.row.stt,
      templateLabel: m.row.label,
      confidence: m.confidence,
    };
  });
  const warnings: ReadWarning[] = [...extraWarnings];
  // A 2015 baseline written in the ratio row's Ghi chú fills the template's baseline row when it is empty.
  let cells = plan.cells;
  for (const b of plan.baselines) {
    if (values.get(b.baseRow)?.value != null) continue;
    const note = cellText(sheets.get(b.sheet)?.cell(b.row, b.col)?.value);
    const reading = note ? baselineFromNote(note, b.year) : undefined;
    if (!reading || reading.value === null) continue;
    values.set(b.baseRow, reading);
    if (!cells.has(b.baseRow)) cells = new Map(cells).set(b.baseRow, b.address);
    warnings.push({
      kind: 'read',
      message: baselineMessage(b.year, reading.value, note, b.address),
      cell: b.address,
      rowId: b.baseRow,
    });
  }
  const unmapped = plan.unmapped.map((i) => unplaced(grid, tables[flat[i].table], flat[i]));
  warnings.push(...plan.tableWarnings);
  noteValueProblems(t, values, cells, warnings, stored);
  const rows = plan.rows;
  const found = plan.tables;
  return finish(
    {
      file: fileName(grid),
      source: 'recognised',
      template: t,
      confidence: fit.confidence,
      ...(fit.confidence < POOR_MATCH ? { poorMatch: true } : {}),
      ...(runnerUp ? { runnerUp: { id: runnerUp.template.id, confidence: runnerUp.confidence } } : {}),
      values,
      cells,
      rows,
      unmapped,
      lowConfidence,
      warnings,
      tables: found,
    },
    facts,
  );
}

const NO_TITLES: TitleInfo = { sources: {} };

/**
 * Whether the title lines could add anything to a workbook's metadata: its report number or
 * date when the metadata lacks one, and some cell could give it (see mayGiveReportFacts).
 */
function needsTitles(meta: WorkbookMeta, sheets: GridSheet[]): boolean {
  if (meta.reportNo && isoDate(meta.date)) return false;
  for (const sheet of sheets) {
    for (let r = 1; r <= sheet.maxRow; r++) {
      for (let c = 1; c <= sheet.maxCol; c++) {
        const v = sheet.cell(r, c)?.value;
        if (typeof v === 'string' && mayGiveReportFacts(v)) return true;
      }
    }
  }
  return false;
}

/** Reads an appendix from a grid. Throws ReadReportError (Vietnamese, naming the file) when it holds none. */
export function recogniseReport(grid: Grid, opts: RecogniseOptions = {}): ReadReport {
  const file = fileName(grid);
  const all = opts.templates ?? builtinTemplates();
  if (grid.sheets.every((s) => s.maxRow === 0 || s.maxCol === 0)) {
    throw new ReadReportError('empty', `Tệp «${file}» trống: không trang tính nào có dữ liệu.`, file);
  }
  let candidates = all;
  if (opts.template) {
    const t = all.find((x) => x.id === opts.template);
    if (!t)
      throw new ReadReportError(
        'unknown-template',
        `Không có mẫu «${opts.template}». Các mẫu có sẵn: ${all.map((x) => x.id).join(', ')}.`,
        file,
      );
    candidates = [t];
  }

  const read = readMetadata(grid);
  // A district's workbook sent up holds its own forms and the consolidated appendix ("TH …"): the
  // province reads the latter, the district's task pane the former.
  const md = read && read.consolidated.size > 0 && !opts.ownFigures ? { ...read, locations: read.consolidated } : read;
  const warnings: ReadWarning[] = [];
  const visible = grid.sheets.filter((s) => s.name !== META_SHEET && (s.state ?? 'visible') === 'visible');
  const scanTitles = (scans: SheetScan[]): TitleInfo =>
    readTitles(
      scans.flatMap((s) => {
        const first = s.tables[0] ? (s.tables[0].headers[0]?.[0] ?? s.tables[0].rows[0].row) : Infinity;
        return s.titles.map((t) => ({ text: t.text, head: t.row <= first }));
      }),
    );

  if (md?.metaProblem)
    warnings.push({
      message: `Tệp có trang siêu dữ liệu «${META_SHEET}» nhưng không đọc được (${md.metaProblem}); nhận dạng bảng theo nội dung.`,
    });
  if (md?.meta) {
    const metaTemplate = all.find((x) => x.id === md.meta!.templateId);
    if (!metaTemplate) {
      warnings.push({
        message: `Tệp được tạo theo mẫu «${md.meta.templateId}» mà chương trình không có; nhận dạng bảng theo nội dung.`,
      });
    } else if (!opts.template || opts.template === metaTemplate.id) {
      if (md.locations.size > 0) {
        // The metadata names everything but perhaps the report's number and date, which the title
        // lines may give: the tables are scanned for them only when some text could.
        const titles = needsTitles(md.meta, visible) ? scanTitles(visible.map(scanSheetOnce)) : NO_TITLES;
        const r = fromMetadata(grid, metaTemplate, md, resolveFacts(opts, md, titles));
        r.warnings.unshift(...warnings);
        if (md !== read) {
          const sheets = [...new Set([...md.locations.values()].map((l) => `«${l.sheet}»`))];
          r.warnings.unshift({
            kind: 'read',
            message: `Sổ tính có phụ lục tổng hợp (trang ${sheets.slice(0, 3).join(', ')}${sheets.length > 3 ? ', …' : ''}): đọc phụ lục tổng hợp, là báo cáo đơn vị gửi lên, không phải số liệu riêng của đơn vị.`,
          });
        }
        return r;
      }
      warnings.push({
        message: 'Tệp đã mất các tên ô của cchc (có thể do sao chép sang sổ tính khác); nhận dạng bảng theo nội dung.',
      });
      candidates = [metaTemplate];
    }
  }

  const scans = visible.map(scanSheetOnce);
  const facts = resolveFacts(opts, md, scanTitles(scans));
  let tables = scans.flatMap((s) => s.tables);
  const names = visible.map((s) => `«${s.name}»`).join(', ');
  if (tables.length === 0) {
    throw new ReadReportError(
      'no-appendix',
      `Tệp «${file}» không có bảng phụ lục nào: không tìm thấy dòng tiêu đề cột (STT | Chỉ tiêu thống kê | Đơn vị tính | Số liệu | Ghi chú) trên trang tính ${names || '(không có trang tính hiển thị)'}.`,
      file,
    );
  }
  for (const s of grid.sheets) {
    if (s.name !== META_SHEET && (s.state ?? 'visible') !== 'visible' && s.maxRow > 0)
      warnings.push({ message: `Bỏ qua trang tính ẩn «${s.name}».` });
  }
  // An appendix has a few hundred rows; a pasted list of thousands is not read whole (alignment is rows × template rows).
  let budget = MAX_TABLE_ROWS;
  tables = tables.map((tb) => {
    const kept = budget;
    budget = Math.max(0, budget - tb.rows.length);
    if (tb.rows.length <= kept) return tb;
    warnings.push({
      message: `Bảng trên trang tính «${tb.sheet}» quá dài: chỉ đọc ${kept} dòng đầu (đến dòng ${tb.rows[Math.max(0, kept - 1)]?.row ?? tb.rows[0].row} của trang tính).`,
    });
    // A new table: the scanned ones may be shared with other workbooks of the same layout.
    return { ...tb, rows: tb.rows.slice(0, kept) };
  });
  tables = tables.filter((tb) => tb.rows.length > 0);
  const flat = flattenTables(tables);
  const levelHint = facts.level;
  const factor = (t: Template) => (levelHint && !t.levels.includes(levelHint) ? 0.85 : 1);
  const rank = (f: TemplateFit) => f.score * factor(f.template);
  const fits = fitLayout(tables, flat, candidates, levelHint, factor);
  const best = fits[0];
  if (!best || best.matches.length === 0) {
    throw new ReadReportError(
      'no-appendix',
      `Tệp «${file}» có bảng trên trang tính ${[...new Set(tables.map((t) => `«${t.sheet}»`))].join(', ')} nhưng không dòng nào khớp với chỉ tiêu của mẫu ${candidates.map((t) => `«${t.id}»`).join(', ')}.`,
      file,
    );
  }
  const runnerUp = fits[1];
  if (runnerUp && runnerUp.score > 0 && rank(runnerUp) >= 0.97 * rank(best)) {
    warnings.push({
      message: `Tệp khớp gần như nhau với mẫu «${best.template.id}» và «${runnerUp.template.id}»; đã chọn «${best.template.id}». Dùng --template để chọn mẫu khác.`,
    });
  }
  return fromFit(grid, tables, flat, best, runnerUp, facts, warnings);
}
