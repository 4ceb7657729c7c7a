/**
 * Learning a form in the add-in, against the simulated Excel host: the active sheet read as a grid
 * learns the same template as the .xlsx file; the confirmed template is kept in the workbook (a custom
 * XML part), replaced and removed; and a workbook carrying it is read and checked through it, where
 * without it the reading says it fits no known template.
 */
import { learnTemplate, keepRules } from '../src/core/learn';
import { readGrid } from '../src/io/read-grid';
import {
  readActiveSheetGrid,
  readStoredTemplates,
  removeStoredTemplate,
  storeTemplate,
  templateFromXml,
  templateXml,
  TEMPLATE_NAMESPACE,
} from '../src/excel';
import { CheckSession } from '../src/taskpane/session';
import { buildNewForm, FIRST_ROW, NEW_FORM_ROWS, rowOf } from './helpers/new-form';
import { createExcelSim, installOfficeGlobals, type ExcelSim } from './excel-sim';

let sim: ExcelSim;
let restore: (() => void) | undefined;

/** The form typed into a sheet of the simulated workbook: blank, or filled with `override` (sheet row → value). */
function typeForm(sheet: string, filled: boolean, override = new Map<number, number>()): void {
  const rows: unknown[][] = [
    ['SỞ NỘI VỤ TỈNH AN GIANG', null, null, null, null],
    ['PHỤ LỤC', null, null, null, null],
    ['KẾT QUẢ THỰC HIỆN CÔNG TÁC NỘI VỤ NĂM 2025', null, null, null, null],
    ['(Kèm theo Báo cáo số 120/BC-SNV ngày 15/12/2025 của Sở Nội vụ tỉnh An Giang)', null, null, null, null],
    ['TT', 'Nội dung', 'ĐVT', 'Kết quả', 'Ghi chú'],
    ...NEW_FORM_ROWS.map((r, i) => [
      r.tt,
      r.label,
      r.unit || null,
      filled && r.value !== undefined ? (override.get(FIRST_ROW + i) ?? r.value) : null,
      null,
    ]),
  ];
  sim.seed(sheet, `A1:E${rows.length}`, rows);
  sim.userSelect(sheet, 'B2');
}

beforeEach(() => {
  restore?.();
  sim = createExcelSim({ sheets: ['Sheet1'], workbookName: 'noi-vu.xlsx' });
  restore = installOfficeGlobals(sim);
});
afterAll(() => restore?.());

test('the active sheet learns the same template as the .xlsx of the form', async () => {
  typeForm('Báo cáo', false);
  const fromSheet = learnTemplate(await readActiveSheetGrid(), { id: 'noi-vu' });
  const fromFile = learnTemplate(readGrid(await buildNewForm({ filled: false })), { id: 'noi-vu' });
  expect(fromSheet.rules.map((r) => r.check)).toEqual(fromFile.rules.map((r) => r.check));
  expect(fromSheet.template.forms.map((f) => f.rows.map((r) => [r.id, r.kind]))).toEqual(
    fromFile.template.forms.map((f) => f.rows.map((r) => [r.id, r.kind])),
  );
  expect(sim.stats.syncs).toBe(2);
});

test('kept in the workbook as one custom XML part per template: stored, replaced, read back, removed', async () => {
  typeForm('Báo cáo', false);
  const learned = learnTemplate(await readActiveSheetGrid(), { id: 'noi-vu' });
  await storeTemplate(learned.template);
  let stored = await readStoredTemplates();
  expect(stored.map((s) => s.id)).toEqual(['noi-vu']);
  expect(stored[0].def).toEqual(JSON.parse(JSON.stringify(learned.template)));
  // The official unticks the ≤ rules and saves again: the part is replaced, not added.
  const kept = new Set(learned.rules.filter((r) => r.family !== 'le').map((r) => r.id));
  await storeTemplate(keepRules(learned.template, kept));
  stored = await readStoredTemplates();
  expect(stored).toHaveLength(1);
  const forms = (stored[0].def as { forms: { rules: { id: string }[] }[] }).forms;
  expect(forms.flatMap((f) => f.rules.map((r) => r.id)).sort()).toEqual([...kept].sort());
  await storeTemplate({ ...learned.template, id: 'noi-vu-2' });
  expect((await readStoredTemplates()).map((s) => s.id)).toEqual(['noi-vu', 'noi-vu-2']);
  await removeStoredTemplate('noi-vu');
  expect((await readStoredTemplates()).map((s) => s.id)).toEqual(['noi-vu-2']);
});

test('the XML survives labels with <, & and quotes', () => {
  const def = { id: 'x', name: 'A < B & "C" ]]> D' };
  const xml = templateXml(def);
  expect(xml).toContain(`xmlns="${TEMPLATE_NAMESPACE}"`);
  expect(templateFromXml(xml)).toEqual({ id: 'x', def });
  expect(templateFromXml('<other/>')).toBeUndefined();
});

test('a workbook carrying its learned template is read and checked through it', async () => {
  typeForm('Báo cáo', false);
  const learned = learnTemplate(await readActiveSheetGrid(), { id: 'noi-vu', levels: ['tinh', 'so'] });
  // Before the template is kept, the filled report fits no known template and the reading says so.
  typeForm('Báo cáo', true, new Map([[rowOf('III', '1'), 57]]));
  let session = await CheckSession.open();
  expect(session.report.poorMatch).toBe(true);
  await session.close();
  await storeTemplate(learned.template);
  session = await CheckSession.open();
  expect(session.report.template.id).toBe('noi-vu');
  expect(session.report.poorMatch).toBeUndefined();
  const f = session.findings.filter((x) => x.severity === 'error');
  expect(f.map((x) => [session.cellOf(x.row), x.suggestion?.value])).toEqual([[`'Báo cáo'!D${rowOf('III', '1')}`, 75]]);
  await session.close();
});

test('a damaged template in the workbook is reported, not used', async () => {
  await Excel.run(async (ctx) => {
    ctx.workbook.customXmlParts.add(templateXml({ id: 'hong', forms: [] } as { id: string }));
    await ctx.sync();
  });
  typeForm('Báo cáo', true);
  const session = await CheckSession.open();
  expect(session.report.warnings.map((w) => w.message)).toContainEqual(
    expect.stringMatching(/^Mẫu «hong» lưu trong sổ tính không dùng được/),
  );
  await session.close();
});
