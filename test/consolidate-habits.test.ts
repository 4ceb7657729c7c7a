/**
 * A figure read through a typing habit (a count an en-US Excel stored as 1,213 for «1.213») is
 * consolidated as what the unit meant, and the per-unit breakdown says so on that figure's cell.
 */
import { BREAKDOWN_SHEET } from '../src/core/consolidate/output-plan';
import { runConsolidation } from '../src/taskpane/consolidate-job';
import { buildHandmade } from './helpers/handmade';
import { loadSeed } from './helpers/seeds';

test('the breakdown sheet names the figures read through a typing habit', async () => {
  const seed = loadSeed('001'); // Cẩm Hưng, Phụ lục 1B, 6 tháng 2022: «1.213» dossiers received and resolved
  const bytes = (await buildHandmade(seed, { layout: 'single-table', habit: 'en-us' })).bytes;
  const r = runConsolidation({
    files: [{ name: 'cam-hung.xlsx', bytes: new Uint8Array(bytes) }],
    templateId: 'bnv2022-huyen',
    level: 'huyen',
    period: '6T',
    year: 2022,
    unit: 'UBND huyện Cẩm Xuyên',
  });
  expect(r.units.map((u) => u.status)).toEqual(['received']);
  const sheet = r.plan.sheets.find((s) => s.name === BREAKDOWN_SHEET)!;
  // The communes' resolved dossiers (BM3 3.3.1): 1213, not 1,213.
  const row = sheet.rows.find((x) => x.rowId === 'BM3:3.3.1')!;
  const unitCell = row.cells.find((c) => c.col === 8)!;
  expect(unitCell.value).toBe(1213);
  expect(unitCell.note).toMatch(
    /Lấy từ cam-hung\.xlsx ô .+\. Đọc theo thói quen gõ \(dấu phân cách hàng nghìn đọc nhầm\): ô ghi 1,213, hiểu là 1\.213/,
  );
  // A figure typed plainly has no such note.
  const plain = sheet.rows
    .flatMap((x) => x.cells.filter((c) => c.col === 8 && typeof c.value === 'number' && c.value < 100))
    .map((c) => c.note ?? '');
  expect(plain.length).toBeGreaterThan(0);
  expect(plain.every((n) => !n.includes('thói quen'))).toBe(true);
});
