/**
 * A form unlike the seeds (Roman sections, "TT | Nội dung | ĐVT | Kết quả | Ghi chú", a code row,
 * a numerator printed before its denominator) learned from its blank copy; then a filled copy
 * with planted errors is checked with the learned template: each error is found on its cell with
 * the value that fixes it, and nothing else is flagged.
 */
import { buildNewForm, rowOf, SHEET, type Typed } from './helpers/new-form';
import { learnTemplate } from '../src/core/learn';
import { loadTemplate, type Template } from '../src/core/template/load';
import { readGrid } from '../src/io/read-grid';
import { readReport } from '../src/io/read-report';
import { checkReport } from '../src/core/rules';
import { cellRef, toChildReport } from '../src/core/recognise';
import { consolidate } from '../src/core/consolidate/engine';
import { chainById } from '../src/core/template/levels';

async function learned(): Promise<{ t: Template; result: ReturnType<typeof learnTemplate> }> {
  const blank = await buildNewForm({ filled: false });
  const result = learnTemplate(readGrid(blank, { fileName: 'mau-noi-vu.xlsx' }), {
    id: 'noi-vu-an-giang',
    levels: ['tinh', 'so'],
  });
  return { t: loadTemplate(result.template), result };
}

const D = (section: string, tt: string) => cellRef(SHEET, rowOf(section, tt), 4);

describe('learning a form unlike the seeds', () => {
  test('its structure: three forms from the Roman sections, kinds from the units, the code legend', async () => {
    const { t, result } = await learned();
    expect(t.forms.map((f) => [f.id, f.name])).toEqual([
      ['M1', 'CÔNG TÁC TỔ CHỨC BỘ MÁY'],
      ['M2', 'CÔNG TÁC CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC'],
      ['M3', 'CÔNG TÁC VĂN THƯ, LƯU TRỮ'],
    ]);
    expect(t.layout).toBe('single-table');
    expect(t.valueHeader).toBe('Kết quả');
    expect(t.title).toBe('KẾT QUẢ THỰC HIỆN CÔNG TÁC NỘI VỤ {period}');
    const kinds = Object.fromEntries([...t.rowsById.values()].map((r) => [r.id, r.kind]));
    expect(kinds).toMatchObject({ 'M1:1': 'count', 'M1:2': 'percent', 'M2:3': 'code', 'M3:2': 'money' });
    expect(t.rowsById.get('M2:3')!.codes).toEqual([
      { value: 1, label: 'Đã triển khai' },
      { value: 0, label: 'Chưa triển khai' },
    ]);
    expect(result.summary.join('\n')).toMatch(/Đã triển khai = 1; Chưa triển khai = 0/);
  });

  test('its rules: ratios with the numerator read from the wording, sums, parts ≤ wholes', async () => {
    const { result } = await learned();
    const checks = result.rules.map((r) => r.check);
    expect(checks).toEqual(
      expect.arrayContaining([
        'M1:2 == ratio(M1:2.2, M1:2.1)',
        'M2:1 == ratio(M2:1.1, M2:1.2)', // numerator printed first: "đúng hạn" over "Tổng số … đã tiếp nhận"
        'M3:1 == ratio(M3:1.2, M3:1.1)',
        'filled(M1:1) and (filled(M1:1.1) or filled(M1:1.2)) => M1:1 == M1:1.1 + M1:1.2',
        'filled(M2:2) and (filled(M2:2.1) or filled(M2:2.2)) => M2:2 == M2:2.1 + M2:2.2',
        'M2:1.1 <= M2:1.2',
      ]),
    );
    expect(result.rules.filter((r) => r.family !== 'le')).toHaveLength(5);
    for (const r of result.rules) expect(r.confidence).toBeGreaterThanOrEqual(0.5);
  });

  test('a filled copy with planted errors: each found on its cell with the fixing value, no false alarm', async () => {
    const { t } = await learned();
    const planted = new Map<number, Typed>([
      [rowOf('III', '1'), { value: 57 }], // a ratio typed wrong: 150/200 = 75
      [rowOf('I', '1'), { value: 20 }], // a sum that does not add up: 15 + 3 = 18
      [rowOf('I', '2'), { value: 0.95 }], // a fraction typed as a percentage: 19/20 = 95
      [rowOf('II', '1'), { value: 45 }], // a count typed in a % row: 45/50 = 90
    ]);
    const filled = await buildNewForm({ filled: true, override: planted });
    const report = readReport(filled, { fileName: 'an-giang-2025.xlsx', templates: [t] });
    expect(report.template.id).toBe('noi-vu-an-giang');
    expect(report.confidence).toBeGreaterThan(0.9);
    expect(report.unmapped).toEqual([]);
    const findings = checkReport(t, report.level!, report.values, { mode: 'final' });
    const got = findings.map((f) => ({
      cell: report.cells.get(f.row),
      fix: f.suggestion && report.cells.get(f.suggestion.row),
      value: f.suggestion?.value,
      severity: f.severity,
    }));
    expect(got).toEqual(
      expect.arrayContaining([
        { cell: D('III', '1'), fix: D('III', '1'), value: 75, severity: 'error' },
        { cell: D('I', '1'), fix: D('I', '1'), value: 18, severity: 'error' },
        // Read as 95% (×100) and reported on its cell with the value to write (a typing habit).
        { cell: D('I', '2'), fix: D('I', '2'), value: 95, severity: 'warning' },
        { cell: D('II', '1'), fix: D('II', '1'), value: 90, severity: 'error' },
      ]),
    );
    expect(got).toHaveLength(4);
    const fraction = findings.find((f) => report.cells.get(f.row) === D('I', '2'))!;
    expect(fraction.message).toMatch(/0,95/);
  });

  test('the right figures raise nothing', async () => {
    const { t } = await learned();
    const report = readReport(await buildNewForm({ filled: true }), { templates: [t] });
    expect(checkReport(t, report.level!, report.values, { mode: 'final' })).toEqual([]);
  });
});

describe('consolidating reports of a learned template with its default recipes', () => {
  test('counts and money are summed, ratios recomputed from the summed parts, codes left to the parent', async () => {
    const blank = await buildNewForm({ filled: false });
    const t = loadTemplate(learnTemplate(readGrid(blank), { id: 'noi-vu-huyen', levels: ['xa', 'huyen'] }).template);
    const a = readReport(await buildNewForm({ filled: true }), {
      fileName: 'xa-a.xlsx',
      templates: [t],
      level: 'xa',
      unit: 'UBND xã A',
    });
    const other = new Map<number, Typed>([
      [rowOf('III', '1.1'), { value: 100 }],
      [rowOf('III', '1.2'), { value: 100 }],
      [rowOf('III', '1'), { value: 100 }],
      [rowOf('III', '2'), { value: 49.5 }],
    ]);
    const b = readReport(await buildNewForm({ filled: true, override: other }), {
      fileName: 'xa-b.xlsx',
      templates: [t],
      level: 'xa',
      unit: 'UBND xã B',
    });
    const result = consolidate({
      template: t,
      level: 'huyen',
      chain: chainById('3cap'),
      unit: 'UBND huyện C',
      children: [toChildReport(a), toChildReport(b)],
    });
    const v = (id: string) => result.values.get(id)?.value ?? null;
    expect(v('M1:1')).toBe(36);
    expect(v('M3:1.1')).toBe(300);
    expect(v('M3:1.2')).toBe(250);
    expect(v('M3:1')).toBeCloseTo(83.33, 2); // 250/300, not the mean of 75 and 100
    expect(v('M3:2')).toBe(400);
    expect(t.rowsById.get('M2:3')?.consolidate).toEqual({ huyen: 'own' });
  });
});
