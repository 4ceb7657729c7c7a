/** Seed 003 writes its 2015 baselines in Ghi chú ("Năm 2015: 55"); the reader takes them from there. */
import { readReport } from '../src/io/read-report';
import { checkReport } from '../src/core/rules';
import { baselineFromNote } from '../src/core/recognise/baselines';
import { buildHandmade } from './helpers/handmade';
import { loadSeed } from './helpers/seeds';

describe('2015 baselines written in Ghi chú', () => {
  it('reads the figure after the year, in the ways officials write it', () => {
    expect(baselineFromNote('Năm 2015: 55', 2015)?.value).toBe(55);
    expect(baselineFromNote('Năm 2015: 86 Năm 2024: 77', 2015)?.value).toBe(86);
    expect(baselineFromNote('năm 2015 là 1.568', 2015)?.value).toBe(1568);
    expect(baselineFromNote('Năm 2023', 2015)).toBeUndefined();
  });

  it('lets the checker find seed 003 PL5 1.5.4 wrong (10 where (55 − 50)/55 = 9,09) and pass 2.5 and 3.4', async () => {
    const { bytes } = await buildHandmade(loadSeed('003'), { layout: 'sheet-per-form', habit: 'vn-text' });
    const r = readReport(bytes, { fileName: 'quang-dien-q1-2024.xlsx' });
    expect(r.template.id).toBe('pl2024');
    expect(r.values.get('PL5:1.5.4.a')?.value).toBe(55);
    expect(r.values.get('PL5:2.5.a')?.value).toBe(86);
    expect(r.values.get('PL5:3.4.a')?.value).toBe(1568);
    expect(r.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/Đã lấy số liệu năm 2015 \(55\) từ Ghi chú «Năm 2015: 55»/),
    );
    const fs = checkReport(r.template, r.level ?? 'huyen', r.values, { mode: 'final' });
    const base = fs.filter((f) => f.severity === 'error' && f.rows.includes('PL5:1.5.4'));
    expect(base).toHaveLength(1);
    expect(base[0].row).toBe('PL5:1.5.4');
    expect(base[0].suggestion?.value).toBeCloseTo(9.09, 2);
    expect(
      fs.filter((f) => f.severity === 'error' && (f.rows.includes('PL5:2.5') || f.rows.includes('PL5:3.4'))),
    ).toEqual([]);
  });
});
