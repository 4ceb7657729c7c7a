/**
 * Values read honestly from a hand-typed workbook: a formula without a computed result is said
 * (not read as empty and then called missing); a number the reader cannot represent (309 digits,
 * Infinity) and `0x10` are findings, not values; a percentage Excel turned into a date is read back
 * and said; the metadata of a cchc-made workbook is validated like any other input.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { META_SHEET, metaSheetMatrix, parseMetaMatrix, MetaError } from '../src/core/layout/names';
import { planWorkbook } from '../src/core/layout';
import type { ReadReport } from '../src/core/recognise';
import { checkReport } from '../src/core/rules';
import { getTemplate } from '../src/core/template/registry';
import { readReport } from '../src/io/read-report';
import { readXlsx } from '../src/io/xlsx-read';
import { buildHandmade, type Placement } from './helpers/handmade';
import { loadSeed } from './helpers/seeds';

let bytes: Uint8Array;
let placements: Placement[];
let plain: ReadReport;

beforeAll(async () => {
  const h = await buildHandmade(loadSeed('000'), { layout: 'single-table', habit: 'vi-excel' });
  bytes = new Uint8Array(h.bytes);
  placements = h.placements;
  plain = readReport(bytes, { fileName: 'kong-chro.xlsx' });
});

/** The workbook with the value cell of the seed row printed `stt` (in form `form`) replaced. */
function withValueCell(
  form: number,
  stt: string,
  xml: (ref: string) => string,
): { bytes: Uint8Array; ref: string; id: string } {
  const seed = loadSeed('000');
  const ri = seed.forms[form].rows.findIndex((r) => r.stt === stt);
  const p = placements.find((x) => x.formIndex === form && x.rowIndex === ri)!;
  const ref = `D${p.row}`;
  const parts = unzipSync(bytes);
  const name = 'xl/worksheets/sheet1.xml';
  const sheet = strFromU8(parts[name]);
  const cell = new RegExp(`<c r="${ref}"[^>]*?(/>|>.*?</c>)`);
  expect(sheet).toMatch(cell);
  parts[name] = strToU8(sheet.replace(cell, xml(ref)));
  const id = [...plain.cells].find(([, c]) => c.endsWith(`!${ref}`))![0];
  return { bytes: zipSync(parts), ref, id };
}

const warningFor = (r: ReadReport, ref: string) => r.warnings.find((w) => w.cell?.endsWith(`!${ref}`))?.message;

test('a formula without a computed result is said, not called missing', () => {
  const { bytes: b, ref, id } = withValueCell(0, '2.1.', (r) => `<c r="${r}"><f>SUM(D1:D2)</f></c>`);
  const r = readReport(b, { fileName: 'cong-thuc.xlsx' });
  expect(warningFor(r, ref)).toMatch(/«=SUM\(D1:D2\)» — ô có công thức nhưng tệp không lưu kết quả đã tính/);
  const findings = checkReport(r.template, r.level!, r.values, { mode: 'final' });
  expect(findings.filter((f) => f.rule === 'missing' && f.rows.includes(id))).toEqual([]);
  // The same cell left empty is missing.
  const empty = withValueCell(0, '2.1.', (x) => `<c r="${x}"/>`);
  const re = readReport(empty.bytes, { fileName: 'trong.xlsx' });
  const missing = checkReport(re.template, re.level!, re.values, { mode: 'final' });
  expect(missing.some((f) => f.rule === 'missing' && f.rows.includes(id))).toBe(true);
});

test.each([
  ['0x10', '0x10', /«0x10» không phải là số/],
  ['309 digits', '9'.repeat(309), /quá lớn để là một số liệu/],
  ['Infinity', 'Infinity', /«Infinity» không phải là số/],
])('a numeric cell holding %s is a finding, not a value', (_, stored, message) => {
  const { bytes: b, ref, id } = withValueCell(0, '1.', (r) => `<c r="${r}"><v>${stored}</v></c>`);
  const cell = readXlsx(b).sheets[0].cell(ref)!;
  expect(cell.type).toBe('string'); // 0x10 is not 16
  const r = readReport(b, { fileName: 'so-la.xlsx' });
  expect(r.values.get(id)?.value ?? null).toBeNull();
  expect(warningFor(r, ref)).toMatch(message);
});

test('a percentage Excel turned into a date is read back and said', () => {
  // 16.3 typed in a vi-VN Excel, where the dot separates day and month: 16 March 2022 (serial 44636).
  const parts = unzipSync(bytes);
  const styles = strFromU8(parts['xl/styles.xml']);
  const dateXf = (styles.match(/<cellXfs count="(\d+)"/) ?? [])[1];
  parts['xl/styles.xml'] = strToU8(
    styles
      .replace(/<cellXfs count="(\d+)">/, (_, n) => `<cellXfs count="${Number(n) + 1}">`)
      .replace('</cellXfs>', '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs>'),
  );
  const base = zipSync(parts);
  const saved = bytes;
  bytes = base;
  try {
    const { bytes: b, ref, id } = withValueCell(0, '2.', (r) => `<c r="${r}" s="${dateXf}"><v>44636</v></c>`);
    const r = readReport(b, { fileName: 'ngay.xlsx' });
    expect(r.values.get(id)).toMatchObject({
      value: 16.3,
      alternatives: [16.03],
      flags: expect.arrayContaining(['excel-date']),
    });
    expect(warningFor(r, ref)).toMatch(/Excel đã đổi số gõ vào thành ngày 16\/03\/2022: đọc là 16,3 \(hoặc 16,03\)/);
    // 16,3 is what seed 000 printed: the ratio rule 2 == 2.2/2.1 (7/43) holds with it.
    const findings = checkReport(r.template, r.level!, r.values, { mode: 'final' });
    expect(findings.filter((f) => f.rows.includes(id) && f.severity === 'error')).toEqual([]);
  } finally {
    bytes = saved;
  }
});

describe('the metadata of a cchc-made workbook is validated', () => {
  const plan = planWorkbook(getTemplate('bnv2022-huyen'), {
    level: 'xa',
    period: '6T',
    year: 2022,
    unit: 'UBND xã Ia Ka',
    reportNo: '12/BC-UBND',
    date: '10/06/2022',
  });
  const matrix = () => metaSheetMatrix(plan.meta).map((r) => [...r]);
  const edit = (key: string, value: string | number) => {
    const m = matrix();
    const row = m.find((r) => r[0] === key);
    expect(row).toBeDefined();
    row![1] = value;
    return m;
  };
  test('as written it reads back', () => {
    expect(parseMetaMatrix(matrix())).toMatchObject({ level: 'xa', period: '6T', year: 2022, date: '10/06/2022' });
  });
  test.each([
    ['level', 'quoc-gia', /«level» = «quoc-gia» không hợp lệ/],
    ['period', 'Q5', /«period» = «Q5» không hợp lệ/],
    ['year', '1e4', /«year» = «1e4» không hợp lệ \(năm từ 2000 đến 2100\)/],
    ['year', 99999, /«year» = «99999» không hợp lệ/],
    ['date', '31/02/2022', /«date» = «31\/02\/2022» không hợp lệ/],
  ])('%s = %s is refused', (key, value, message) => {
    let err: unknown;
    try {
      parseMetaMatrix(edit(key, value));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MetaError);
    expect((err as Error).message).toMatch(new RegExp(`^Trang «${META_SHEET}»`));
    expect((err as Error).message).toMatch(message);
  });
});
