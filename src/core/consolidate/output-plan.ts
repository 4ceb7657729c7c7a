/**
 * The consolidated workbook as a sheet plan (rendered by ExcelJS in the CLI and by Office.js in
 * the add-in): the parent's appendix laid out as `cchc new` lays it out and filled; "Chi tiết theo
 * đơn vị", one row per indicator and one column per unit, tracing every consolidated figure; and
 * "Tình hình nộp báo cáo", who sent what.
 */
import { planReport } from '../plan-report';
import { COLUMNS, a1, rowHeight } from '../layout/measure';
import type { CellStyle, PlanCell, PlanOptions, PlanRow, PlanSheet, WorkbookPlan } from '../layout/types';
import { FONT, BODY_SIZE, NUMBER_FORMATS } from '../layout/styles';
import { levelInfo, periodInfo, type PeriodId } from '../template/levels';
import { periodPhrase } from '../layout/titles';
import type { Template } from '../template/load';
import type { Finding, HabitNote } from '../findings';
import { SEVERITY_LABEL } from '../findings';
import { formatNumber } from '../number';
import { EXCLUDED_STATES, type ConsolidationResult, type Provenance, type UnitStatus } from './engine';

export const BREAKDOWN_SHEET = 'Chi tiết theo đơn vị';
export const STATUS_SHEET = 'Tình hình nộp báo cáo';

/** Fill colour of figures that came from the children (the appendix and the breakdown). */
export const CONSOLIDATED_FILL = 'FFF2CC';
/** Fill of a child's cell that the checker flagged. */
export const FLAGGED_FILL = 'FFC7CE';

const border = true;
const base = (over: Partial<CellStyle> = {}): CellStyle => ({
  font: { name: FONT, size: BODY_SIZE },
  alignment: { horizontal: 'left', vertical: 'middle', wrapText: true },
  border,
  locked: true,
  ...over,
});

const OUTPUT_STYLES: Record<string, CellStyle> = {
  'value-consolidated': base({
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    fill: CONSOLIDATED_FILL,
    font: { name: FONT, size: BODY_SIZE, italic: true },
  }),
  'out-title': {
    font: { name: FONT, size: 14, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border: false,
    locked: true,
  },
  'out-legend': {
    font: { name: FONT, size: 11, italic: true },
    alignment: { horizontal: 'left', vertical: 'middle', wrapText: true },
    border: false,
    locked: true,
  },
  'out-header': base({
    font: { name: FONT, size: BODY_SIZE, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    fill: 'D9E1F2',
  }),
  'out-text': base(),
  'out-text-bold': base({ font: { name: FONT, size: BODY_SIZE, bold: true } }),
  'out-num': base({ alignment: { horizontal: 'center', vertical: 'middle', wrapText: false } }),
  'out-num-total': base({
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: false },
    font: { name: FONT, size: BODY_SIZE, bold: true },
    fill: CONSOLIDATED_FILL,
  }),
  'out-num-flagged': base({
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: false },
    fill: FLAGGED_FILL,
  }),
  'out-missing': base({ font: { name: FONT, size: BODY_SIZE, color: '9C0006', bold: true } }),
};
// Counts in the breakdown keep the appendix's format (1.317 in a Vietnamese Excel).
for (const k of ['out-num', 'out-num-total', 'out-num-flagged'])
  OUTPUT_STYLES[`${k}-count`] = { ...OUTPUT_STYLES[k], numFmt: NUMBER_FORMATS.count };

export interface ConsolidatedWorkbookInput {
  template: Template;
  plan: PlanOptions;
  result: ConsolidationResult;
  /** The checker's findings on the consolidated appendix (row ids of the parent template). */
  findings?: Finding[];
}

const HOW_LABEL: Record<string, string> = {
  own: 'Số liệu của đơn vị',
  sum: 'Cộng các đơn vị',
  recompute: 'Tính lại từ số tổng hợp',
  uniform: 'Danh mục chung (lấy một lần)',
  count: 'Đếm đơn vị',
  share: 'Tỷ lệ đơn vị',
  expr: 'Kết hợp',
};

/** Builds the whole consolidated workbook plan. Deterministic: same input, same plan. */
/** "Đọc theo thói quen gõ: ô ghi 2,531, hiểu là 2.531". */
function habitText(h: HabitNote): string {
  const held = typeof h.held === 'number' ? formatNumber(h.held) : h.held;
  const how = h.kind === 'thousands' ? 'dấu phân cách hàng nghìn đọc nhầm' : 'tỷ lệ gõ dạng phân số';
  return `Đọc theo thói quen gõ (${how}): ô ghi ${held}, hiểu là ${formatNumber(h.value)}`;
}

export function planConsolidatedWorkbook(input: ConsolidatedWorkbookInput): WorkbookPlan {
  const plan = planReport(input.template, input.plan);
  Object.assign(plan.styles, OUTPUT_STYLES);
  fillAppendix(plan, input.result);
  plan.sheets.push(breakdownSheet(input), statusSheet(input));
  return plan;
}

/**
 * The style of a consolidated figure: the cell's own style (its number format: 1.317, 98,25) on the
 * consolidated fill, in italics; an undecided uniform row on the flagged fill.
 */
function consolidatedStyle(plan: WorkbookPlan, style: string, undecided: boolean): string {
  const key = `${undecided ? 'undecided' : 'consolidated'}:${style}`;
  if (!plan.styles[key]) {
    const base = plan.styles[style] ?? plan.styles['value-count'];
    plan.styles[key] = {
      ...base,
      fill: undecided ? FLAGGED_FILL : CONSOLIDATED_FILL,
      font: { ...base.font, italic: true },
    };
  }
  return key;
}

/** Writes the consolidated values into the appendix's value cells; figures from children are marked. */
function fillAppendix(plan: WorkbookPlan, result: ConsolidationResult): void {
  const byRow = new Map(plan.meta.rows.map((l) => [l.rowId, l]));
  for (const [rowId, cv] of result.values) {
    const loc = byRow.get(rowId);
    if (!loc) continue;
    const sheet = plan.sheets.find((s) => s.name === loc.sheet);
    const r = Number(/\d+$/.exec(loc.address)![0]);
    const row = sheet?.rows.find((x) => x.r === r);
    const cell = row?.cells.find((c) => c.col === COLUMNS.value.col);
    if (!cell) continue;
    // A ratio cell keeps its formula: computed from the consolidated parts, it shows the same figure.
    if (cell.formula) continue;
    if (cv.value !== null) cell.value = cv.value;
    if (cv.undecided)
      cell.note =
        'Các đơn vị cấp dưới ghi khác nhau và không có số nào được quá nửa số đơn vị ghi: hãy ghi số đúng vào ô này (xem trang «Tình hình nộp báo cáo» và «Chi tiết theo đơn vị»).';
    if (cv.how !== 'own') cell.style = consolidatedStyle(plan, cell.style, !!cv.undecided);
  }
  const first = plan.sheets.find((s) => s.state === 'visible');
  if (first) {
    const legendRow = Math.max(...first.rows.map((x) => x.r)) + 2;
    first.rows.push({
      r: legendRow,
      role: 'meta',
      cells: [
        {
          col: 1,
          style: 'out-legend',
          value:
            'Ô nền vàng, chữ nghiêng: số liệu tổng hợp từ báo cáo của các đơn vị cấp dưới (xem trang «Chi tiết theo đơn vị»); ô nền xanh: tỷ lệ tự tính từ số liệu đã tổng hợp; ô nền đỏ để trống: các đơn vị ghi khác nhau, cần ghi số đúng (xem trang «Tình hình nộp báo cáo»).',
        },
      ],
    });
    first.merges.push(`A${legendRow}:${a1(COLUMNS.note.col, legendRow)}`);
  }
}

/** Column widths of the breakdown: form, STT, indicator, unit, method, cell read, own, one per unit, total. */
const BREAKDOWN_WIDTHS = {
  form: 9,
  stt: 7,
  label: 46,
  unit: 11,
  how: 20,
  cell: 16,
  own: 11,
  unitCol: 13,
  total: 12,
};
/** The breakdown's first unit column (after form, STT, indicator, unit, method, cell read and own figure). */
const FIRST_UNIT_COL = 8;
/**
 * Unit columns a printed page of the breakdown holds beside the repeated form, STT and indicator
 * (A:C): a province has hundreds of units, and fitted to one page wide they would print unreadably
 * small. So many pages across, each with the indicators at its left.
 */
const UNITS_PER_PAGE = 8;
/** The row under the unit names that gives each unit's file. */
const FILES_LABEL = 'Tệp đã đọc';

/** "x.xlsx ô 'Biểu mẫu 3'!D29": where one figure was read. */
const sourceText = (p: Provenance) => `${p.file ?? ''}${p.cell ? ` ô ${p.cell}` : ''}`.trim();

const NO_PARTS: Provenance[] = [];

/** The most frequent of the strings (the first of the most frequent on a tie); undefined when none. */
function mostFrequent(xs: Iterable<string>): string | undefined {
  const counts = new Map<string, number>();
  let best: string | undefined;
  let bestCount = 0;
  for (const x of xs) {
    const n = (counts.get(x) ?? 0) + 1;
    counts.set(x, n);
    if (n > bestCount) [best, bestCount] = [x, n];
  }
  return best;
}

/**
 * "Chi tiết theo đơn vị": one row per consolidated indicator, one column per unit. Each figure is
 * traced without a note per cell (a province has thousands of units; Excel slows down under tens of
 * thousands of notes): the row under the header names each unit's file, the column «Ô đọc trong báo
 * cáo» the cell the row was read from in most files; a figure read elsewhere (another cell, another
 * file, several cells) or through a typing habit has its own note saying where and how.
 */
function breakdownSheet(input: ConsolidatedWorkbookInput): PlanSheet {
  const { template, result } = input;
  const W = BREAKDOWN_WIDTHS;
  const units = result.used.map((c) => c.unit);
  const headers = [
    'Biểu',
    'STT',
    'Chỉ tiêu',
    'Đơn vị tính',
    'Cách tổng hợp',
    'Ô đọc trong báo cáo',
    'Của đơn vị',
    ...units,
    'Tổng hợp',
  ];
  const widths = [W.form, W.stt, W.label, W.unit, W.how, W.cell, W.own, ...units.map(() => W.unitCol), W.total];
  const rows: PlanRow[] = [];
  const last = headers.length;
  rows.push({
    r: 1,
    role: 'title',
    height: 22,
    cells: [
      { col: 1, style: 'out-title', value: `CHI TIẾT SỐ LIỆU TỔNG HỢP THEO ĐƠN VỊ — ${input.plan.unit.toUpperCase()}` },
    ],
  });
  rows.push({
    r: 2,
    role: 'title',
    height: 32,
    cells: [
      {
        col: 1,
        style: 'out-legend',
        value: `Dòng «${FILES_LABEL}» ghi tệp báo cáo của từng đơn vị; cột «Ô đọc trong báo cáo» ghi ô đã đọc chỉ tiêu đó; số đọc ở ô khác hoặc đọc theo thói quen gõ có ghi chú ô riêng. Ô nền đỏ: báo cáo của đơn vị có lỗi hoặc cảnh báo ở chỉ tiêu này. Cột «Tổng hợp» là số đã ghi vào phụ lục.`,
      },
    ],
  });
  const merges = [`A1:${a1(last, 1)}`, `A2:${a1(last, 2)}`];
  const headerRow = 3;
  rows.push({
    r: headerRow,
    role: 'header',
    height: rowHeight(headers.map((h, i) => ({ text: h, width: widths[i], size: BODY_SIZE, bold: true }))),
    cells: headers.map((h, i) => ({ col: i + 1, value: h, style: 'out-header' })),
  });

  // Each unit's files, as read (a unit's figures normally come from one file). A value's sources are
  // made when read (engine.ts): one row's at a time here and below.
  const unitFiles = new Map<string, Set<string>>(units.map((u) => [u, new Set<string>()]));
  for (const cv of result.values.values())
    for (const p of cv.from) if (p.file && p.value !== null) unitFiles.get(p.unit)?.add(p.file);
  const filesRow = headerRow + 1;
  const filesOf = units.map((u) => [...(unitFiles.get(u) ?? [])].join('; '));
  rows.push({
    r: filesRow,
    role: 'header',
    // Tall enough for the longest file name, wrapped in its unit's column.
    height: rowHeight([
      { text: FILES_LABEL, width: W.label, size: BODY_SIZE, bold: true },
      ...filesOf.map((f) => ({ text: f, width: W.unitCol, size: BODY_SIZE })),
    ]),
    cells: [
      { col: 3, value: FILES_LABEL, style: 'out-text-bold' },
      ...filesOf.map((f, i) => ({ col: FIRST_UNIT_COL + i, value: f, style: 'out-text' })),
    ],
  });

  // Per unit: the rows its checker flagged, and the figures read through a typing habit (the cell
  // holds one thing, the report means another).
  const flagged = new Map<string, Set<string>>();
  const habits = new Map<string, Map<string, string>>();
  for (const c of result.used)
    for (const f of c.findings ?? []) {
      if (f.severity !== 'info') {
        let rows = flagged.get(c.unit);
        if (!rows) flagged.set(c.unit, (rows = new Set()));
        for (const rowId of f.rows) rows.add(rowId);
      }
      if (f.habit) {
        let texts = habits.get(c.unit);
        if (!texts) habits.set(c.unit, (texts = new Map()));
        texts.set(f.rows[0], habitText(f.habit));
      }
    }

  // What each unit column needs, looked up once rather than per row: a province has thousands of
  // units and some 200 rows. Sources are grouped by unit name (`slot`): two columns of one name
  // show the same figures.
  const slotOf = new Map<string, number>();
  const slots = units.map((u) => {
    let k = slotOf.get(u);
    if (k === undefined) slotOf.set(u, (k = slotOf.size));
    return k;
  });
  const flaggedOf = units.map((u) => flagged.get(u));
  const habitsOf = units.map((u) => habits.get(u));
  const oneFile = units.map((u) => unitFiles.get(u)?.size === 1);

  let r = filesRow;
  for (const form of template.forms) {
    for (const row of form.rows) {
      const cv = result.values.get(row.id);
      if (!cv) continue;
      r += 1;
      const how = HOW_LABEL[cv.how] ?? cv.how;
      // Group the sources by unit once per row.
      const from = cv.from;
      const bySlot: (Provenance[] | undefined)[] = new Array<Provenance[] | undefined>(slotOf.size);
      for (const p of from) {
        const k = slotOf.get(p.unit);
        if (k === undefined) continue;
        const list = bySlot[k];
        if (list) list.push(p);
        else bySlot[k] = [p];
      }
      // Each unit's figures read (with a value), and the cell this row was read from in most files.
      const presentOf = slots.map((k) => present(bySlot[k] ?? NO_PARTS));
      const cellsRead: string[] = [];
      for (const ps of presentOf) if (ps.length === 1 && ps[0].cell) cellsRead.push(ps[0].cell);
      const usualCell = mostFrequent(cellsRead);
      const cells: PlanCell[] = [
        { col: 1, value: form.shortTitle ?? form.title, style: 'out-text' },
        { col: 2, value: row.stt, style: 'out-text' },
        { col: 3, value: row.label, style: 'out-text' },
        { col: 4, value: row.unit, style: 'out-text' },
        {
          col: 5,
          value: how,
          style: 'out-text',
          ...(cv.how === 'own' ? {} : { note: `Công thức tổng hợp: ${cv.recipe}` }),
        },
        { col: 6, ...(usualCell ? { value: usualCell } : {}), style: 'out-text' },
      ];
      const own = from.filter((p) => p.unit === input.plan.unit && cv.how !== 'recompute');
      const ownValue = sumOf(own);
      const fmt = row.kind === 'count' ? '-count' : '';
      cells.push({ col: 7, ...(ownValue !== null ? { value: ownValue } : {}), style: `out-num${fmt}` });
      // The row's two unit styles, made once (a cell per unit and row follows).
      const plain = `out-num${fmt}`;
      const flaggedStyle = `out-num-flagged${fmt}`;
      for (let i = 0; i < units.length; i++) {
        const parts = bySlot[slots[i]] ?? NO_PARTS;
        const v = sumOf(parts);
        const flaggedRows = flaggedOf[i];
        let bad = false;
        if (flaggedRows) for (const p of parts) bad ||= flaggedRows.has(p.row);
        const unitHabits = habitsOf[i];
        let habit: string | undefined;
        if (unitHabits) for (const p of parts) habit ||= unitHabits.get(p.row);
        const read = presentOf[i];
        // Read where the row and column say (the unit's one file, the usual cell): no note needed.
        const asSaid = read.length === 1 && read[0].cell === usualCell && (!read[0].file || oneFile[i]);
        let note = '';
        if (!asSaid || habit) {
          const where = read.map(sourceText).filter(Boolean);
          note = [where.length ? `Lấy từ ${where.join('; ')}` : '', habit ?? ''].filter(Boolean).join('. ');
        }
        // A unit with nothing in this row gets no cell (the sheet shows Excel's grid): most of a
        // province's breakdown is empty, and written out cell by cell it was most of the workbook.
        if (v === null && !bad && !note) continue;
        const cell: PlanCell = { col: FIRST_UNIT_COL + i, style: bad ? flaggedStyle : plain };
        if (v !== null) cell.value = v;
        if (note) cell.note = note;
        cells.push(cell);
      }
      cells.push({
        col: FIRST_UNIT_COL + units.length,
        ...(cv.value !== null ? { value: cv.value } : {}),
        style: `out-num-total${fmt}`,
      });
      const height = rowHeight([
        { text: row.label, width: W.label, size: BODY_SIZE },
        { text: row.unit, width: W.unit, size: BODY_SIZE },
        { text: how, width: W.how, size: BODY_SIZE },
      ]);
      rows.push({ r, role: 'data', rowId: row.id, height, cells });
    }
  }
  return {
    name: BREAKDOWN_SHEET,
    state: 'visible',
    columns: widths,
    rows,
    merges,
    validations: [],
    conditionalFormats: [],
    frozenRows: filesRow,
    gridlines: true,
    print: {
      paperSize: 'A4',
      orientation: 'landscape',
      fitToWidth: Math.max(1, Math.ceil(units.length / UNITS_PER_PAGE)),
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${headerRow}:${filesRow}`,
      ...(units.length > UNITS_PER_PAGE ? { printTitlesColumns: 'A:C' } : {}),
      horizontalCentered: true,
      footer: 'Trang &P/&N',
      gridlines: true,
    },
  };
}

/** The sources that read a figure: `ps` itself when all did (most often one source, with a figure). */
function present(ps: Provenance[]): Provenance[] {
  return ps.every((p) => p.value !== null) ? ps : ps.filter((p) => p.value !== null);
}

/** The sum of the figures read, in order; null when none was. */
function sumOf(ps: Provenance[]): number | null {
  let sum = 0;
  let any = false;
  for (const p of ps) {
    if (p.value === null) continue;
    sum += p.value;
    any = true;
  }
  return any ? sum : null;
}

export const STATUS_LABEL: Record<UnitStatus['status'] | 'missing', string> = {
  received: 'Đã nộp',
  replaced: 'Đã thay bằng báo cáo mới hơn',
  unknown: 'Đã nộp (không có trong danh sách)',
  'wrong-period': 'Không tổng hợp: sai kỳ báo cáo',
  'wrong-level': 'Không tổng hợp: không phải đơn vị cấp dưới',
  blank: 'Không tổng hợp: báo cáo trống',
  missing: 'Chưa nộp',
};

/** "Đã nhận 3 báo cáo; 3 tệp không được tổng hợp (sai kỳ báo cáo 2, báo cáo trống 1); còn 1 đơn vị chưa nộp (trên 7 đơn vị)." */
export function statusHeadline(result: ConsolidationResult): string {
  const received = result.units.filter((u) => u.status === 'received' || u.status === 'unknown').length;
  const out = result.units.filter((u) => EXCLUDED_STATES.includes(u.status));
  const byState = EXCLUDED_STATES.map((st) => [st, out.filter((u) => u.status === st).length] as const).filter(
    ([, n]) => n > 0,
  );
  const expected = received + out.filter((u) => u.rosterName).length + result.missing.length;
  return [
    `Đã nhận ${received} báo cáo được tổng hợp`,
    out.length
      ? `${out.length} tệp không được tổng hợp (${byState.map(([st, n]) => `${STATUS_LABEL[st].replace(/^Không tổng hợp: /, '')}: ${n}`).join('; ')})`
      : '',
    result.missing.length ? `còn ${result.missing.length} đơn vị chưa nộp (trên ${expected} đơn vị)` : '',
  ]
    .filter(Boolean)
    .join('; ')
    .concat('.');
}

function statusSheet(input: ConsolidatedWorkbookInput): PlanSheet {
  const { result } = input;
  const headers = [
    'STT',
    'Đơn vị',
    'Cấp',
    'Tình trạng',
    'Tệp',
    'Ngày báo cáo',
    'Kỳ báo cáo',
    SEVERITY_LABEL.error,
    SEVERITY_LABEL.warning,
    'Ghi chú',
  ];
  const rows: PlanRow[] = [];
  rows.push({
    r: 1,
    role: 'title',
    cells: [{ col: 1, style: 'out-title', value: `TÌNH HÌNH NỘP BÁO CÁO — ${input.plan.unit.toUpperCase()}` }],
  });
  rows.push({
    r: 2,
    role: 'title',
    height: 32,
    cells: [{ col: 1, style: 'out-legend', value: statusHeadline(result) }],
  });
  rows.push({ r: 3, role: 'header', cells: headers.map((h, i) => ({ col: i + 1, value: h, style: 'out-header' })) });
  let r = 3;
  let n = 0;
  const line = (cells: (string | number | undefined)[], style = 'out-text') => {
    r += 1;
    n += 1;
    rows.push({
      r,
      role: 'data',
      cells: [n, ...cells].map((v, i) => ({
        col: i + 1,
        ...(v !== undefined && v !== '' ? { value: v } : {}),
        style: i >= 7 && i <= 8 ? 'out-num' : style,
      })),
    });
  };
  const ordered = [...result.units].sort((a, b) => order(a) - order(b));
  for (const u of ordered) {
    const note =
      u.status === 'replaced'
        ? `Thay bằng ${u.replacedBy ?? 'báo cáo mới hơn'}`
        : (u.reason ?? (u.rosterName && u.rosterName !== u.unit ? `Trong danh sách: ${u.rosterName}` : ''));
    const excluded = EXCLUDED_STATES.includes(u.status);
    line(
      [
        u.unit,
        levelInfo(u.level).name,
        STATUS_LABEL[u.status],
        u.file,
        u.reportDate ? isoToVn(u.reportDate) : '',
        u.period ? periodText(u.period, u.year) : u.year ? `Năm ${u.year}` : 'Không ghi',
        u.errors,
        u.warnings,
        note,
      ],
      excluded ? 'out-missing' : 'out-text',
    );
  }
  for (const m of result.missing)
    line([m, '', STATUS_LABEL.missing, '', '', '', undefined, undefined, ''], 'out-missing');

  // Everything an official must look at before signing, in full sentences.
  const problems = [
    ...result.findings.filter((f) => f.severity !== 'info').map((f) => ({ severity: f.severity, message: f.message })),
    ...(input.findings ?? [])
      .filter((f) => f.severity === 'error')
      .map((f) => ({ severity: f.severity, message: `Phụ lục tổng hợp: ${f.message}` })),
  ].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const merges = [`A1:${a1(headers.length, 1)}`, `A2:${a1(headers.length, 2)}`];
  if (problems.length) {
    r += 2;
    rows.push({
      r,
      role: 'title',
      cells: [{ col: 1, style: 'out-text-bold', value: 'NHỮNG ĐIỀU CẦN XEM TRƯỚC KHI KÝ' }],
    });
    merges.push(`A${r}:${a1(headers.length, r)}`);
    for (const p of problems) {
      r += 1;
      rows.push({
        r,
        role: 'data',
        height: rowHeight([{ text: p.message, width: 150, size: BODY_SIZE }]),
        cells: [
          { col: 1, value: SEVERITY_LABEL[p.severity], style: p.severity === 'error' ? 'out-missing' : 'out-text' },
          { col: 2, value: p.message, style: 'out-text' },
        ],
      });
      merges.push(`B${r}:${a1(headers.length, r)}`);
    }
  }
  return {
    name: STATUS_SHEET,
    state: 'visible',
    columns: [6, 34, 14, 26, 30, 13, 22, 8, 10, 34],
    rows,
    merges,
    validations: [],
    conditionalFormats: [],
    frozenRows: 3,
    print: {
      paperSize: 'A4',
      orientation: 'landscape',
      fitToWidth: 1,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: '3:3',
      horizontalCentered: true,
      footer: 'Trang &P/&N',
    },
  };
}

const order = (u: UnitStatus) =>
  ({ received: 0, unknown: 1, 'wrong-period': 2, 'wrong-level': 2, blank: 2, replaced: 3 })[u.status];
const isoToVn = (iso: string) => iso.split('-').reverse().join('/');
/** "6 tháng đầu năm 2022", "Quý I năm 2022". */
const periodText = (period: PeriodId, year: number | undefined) =>
  year ? periodPhrase(period, year).replace(/^./, (c) => c.toLocaleUpperCase('vi')) : periodInfo(period).name;
