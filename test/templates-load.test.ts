/**
 * Loading a template is its full validation: every rule lowered as the checker will, every
 * consolidation recipe type-checked against levels.json and the function table, every reference
 * resolved, and all problems reported at once, naming the file, the row or rule and what is wrong.
 */
import { loadTemplate, loadTemplateText, TemplateError } from '../src/core/template/load';
import { builtinTemplates, bnvIds } from '../src/core/template/registry';
import { LEVELS } from '../src/core/template/levels';
import { LEVEL_IDS, type TemplateInput } from '../src/core/template/schema';

/** Seed 003's Phụ lục 8 block 6.3 (TTHC offered online at levels 3 and 4), as a learned template might give it. */
function pl8(): TemplateInput {
  return {
    id: 'hoc-pl8',
    version: '2024.1',
    name: 'Phụ lục 8 (học từ biểu mẫu)',
    levels: ['huyen', 'xa'],
    appendixLabel: 'Phụ lục',
    title: 'DANH SÁCH CÁC PHỤ LỤC',
    forms: [
      {
        id: 'PL8',
        title: 'Phụ lục 8',
        area: 7,
        name: 'Xây dựng và phát triển Chính quyền điện tử, Chính quyền số',
        sheet: 'Phụ lục 8',
        rows: [
          {
            id: 'PL8:6.1.2',
            stt: '6.1.2.',
            label: 'Số TTHC mức độ 3 đang cung cấp',
            unit: 'Thủ tục',
            kind: 'count',
            bnv: 'BM7:7.1.2',
            consolidate: { huyen: 'own' },
          },
          {
            id: 'PL8:6.2.2',
            stt: '6.2.2.',
            label: 'Số TTHC mức độ 4 đang cung cấp',
            unit: 'Thủ tục',
            kind: 'count',
            bnv: 'BM7:7.2.2',
            consolidate: { huyen: 'own' },
          },
          {
            id: 'PL8:6.3',
            stt: '6.3.',
            label: 'Tỷ lệ TTHC cung cấp trực tuyến mức độ 3 và 4 đã tích hợp, công khai trên Cổng DVC quốc gia',
            unit: '%',
            kind: 'percent',
            bnv: 'BM7:7.3',
            consolidate: { huyen: 'recompute' },
          },
          {
            id: 'PL8:6.3.1',
            stt: '6.3.1.',
            label: 'Tổng số TTHC đang cung cấp trực tuyến mức độ 3 và 4 của địa phương',
            unit: 'Thủ tục',
            kind: 'count',
            bnv: 'BM7:7.3.1',
            consolidate: { huyen: 'own' },
          },
          {
            id: 'PL8:6.3.2',
            stt: '6.3.2.',
            label: 'Số TTHC cung cấp trực tuyến mức độ 3 và 4 đã tích hợp, công khai trên Cổng DVC quốc gia',
            unit: 'Thủ tục',
            kind: 'count',
            bnv: 'BM7:7.3.2',
            consolidate: { huyen: 'sum(xa.BM7:8.3.2)' },
          },
        ],
        rules: [
          { id: 'PL8.ratio.6.3', check: 'PL8:6.3 == ratio(PL8:6.3.2, PL8:6.3.1)' },
          { id: 'PL8.ge.6.3.1', check: 'PL8:6.3.1 >= max(PL8:6.1.2, PL8:6.2.2)', severity: 'warning' },
          { id: 'PL8.le.6.3.1', check: 'PL8:6.3.1 <= PL8:6.1.2 + PL8:6.2.2', severity: 'warning' },
        ],
      },
    ],
  };
}

const problemsOf = (input: unknown, file?: string): string[] => {
  try {
    loadTemplate(input, { knownBnvIds: bnvIds(), ...(file ? { file } : {}) });
  } catch (e) {
    if (e instanceof TemplateError) return e.problems;
    throw e;
  }
  return [];
};

describe('loading a template', () => {
  it('accepts the built-in templates and a well-formed learned one', () => {
    expect(builtinTemplates().map((t) => t.id)).toEqual(['bnv2022-huyen', 'bnv2022-tinh', 'pl2024', 'pl1b']);
    expect(problemsOf(pl8())).toEqual([]);
  });

  it('rejects a misspelt level key, a recompute without a rule, a function where it is not allowed and a missing row, all at once', () => {
    const t = pl8();
    const rows = t.forms[0].rows;
    rows[0].consolidate = { huyện: 'own' }; // misspelt level key
    rows[2].consolidate = { huyen: 'recompute' };
    t.forms[0].rules = [
      // the ratio's rule is gone: 6.3 has no rule defining it, so recompute cannot work
      { id: 'PL8.ge.6.3.1', check: 'PL8:6.3.1 >= max(PL8:6.1.2, PL8:6.2.2) + own' }, // own() is a recipe term
      { id: 'PL8.le.6.3.1', check: 'PL8:6.3.1 <= PL8:6.1.2 + PL8:6.2.3' }, // 6.2.3 does not exist
    ];
    rows[3].consolidate = { huyen: 'own + max(xa.BM7:8.3.1)' }; // max is for checks only
    let err: unknown;
    try {
      loadTemplateText(JSON.stringify(t), 'hoc-pl8.json', { knownBnvIds: bnvIds() });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TemplateError);
    const e = err as TemplateError;
    expect(e.message).toMatch(/^Tệp mẫu «hoc-pl8\.json» \(mẫu «hoc-pl8»\) không hợp lệ, 5 lỗi:/);
    expect(e.problems).toEqual([
      'Biểu PL8, quy tắc «PL8.le.6.3.1»: chỉ tiêu «PL8:6.2.3» không có trong mẫu',
      expect.stringMatching(/^Biểu PL8, quy tắc «PL8\.ge\.6\.3\.1»: hàm «own» không dùng được trong quy tắc kiểm tra/),
      expect.stringMatching(
        /^Biểu PL8, chỉ tiêu «PL8:6\.1\.2» \(STT 6\.1\.2\.\), cách tổng hợp «huyện»: khóa «huyện» không phải là cấp \(xa, huyen, tinh, so\)/,
      ),
      expect.stringMatching(
        /^Biểu PL8, chỉ tiêu «PL8:6\.3» \(STT 6\.3\.\), cách tổng hợp «huyen»: «recompute» nhưng không có quy tắc nào định nghĩa chỉ tiêu này/,
      ),
      'Biểu PL8, chỉ tiêu «PL8:6.3.1» (STT 6.3.1.), cách tổng hợp «huyen»: hàm «max» không dùng được trong cách tổng hợp (chỉ dùng trong quy tắc kiểm tra)',
    ]);
  });

  it('type-checks recipes: children of the key level, a level on every reference, count over a condition, known chains', () => {
    const t = pl8();
    const rows = t.forms[0].rows;
    rows[0].consolidate = { huyen: 'sum(huyen.BM7:7.1.2)' }; // a district does not consolidate districts
    rows[1].consolidate = { huyen: 'uniform(BM7:7.2.2)', 'huyen@3cấp': 'own' };
    rows[3].consolidate = { huyen: 'count(xa.BM7:8.3.1 + 1)' };
    rows[4].consolidate = { huyen: 'xa.BM7:8.3.2', tinh: 'own' };
    const ps = problemsOf(t);
    expect(ps).toEqual([
      expect.stringContaining('«huyen.BM7:7.1.2»: cấp «huyen» không phải cấp dưới của cấp «huyen»'),
      expect.stringContaining('«BM7:7.2.2» phải ghi cấp của đơn vị cấp dưới, ví dụ xa.BM7:7.2.2'),
      expect.stringContaining(
        'cách tổng hợp «huyen@3cấp»: mô hình chính quyền «3cấp» không có (chọn một trong 3cap, 2cap)',
      ),
      expect.stringContaining('count() nhận một cấp (count(xa)) hoặc một điều kiện dạng xa.X == 1'),
      expect.stringContaining('«xa.BM7:8.3.2» phải nằm trong một hàm'),
      expect.stringContaining('cách tổng hợp «tinh»: cấp «tinh» không điền mẫu này'),
    ]);
  });

  it('lowers every rule: a comparison of a condition, a level reference in a check, an unknown function', () => {
    const t = pl8();
    t.forms[0].rules = [
      t.forms[0].rules![0],
      { id: 'a', check: 'PL8:6.3.1 + PL8:6.1.2' },
      { id: 'b', check: 'PL8:6.3.1 <= xa.PL8:6.1.2' },
      { id: 'c', check: 'PL8:6.3 == percent(PL8:6.3.2, PL8:6.3.1)' },
    ];
    expect(problemsOf(t)).toEqual([
      expect.stringMatching(/^Biểu PL8, quy tắc «c»: Hàm không biết «percent»/),
      expect.stringMatching(/^Biểu PL8, quy tắc «a»: .*không phải là một điều kiện/),
      expect.stringMatching(/^Biểu PL8, quy tắc «b»: không dùng được tham chiếu theo cấp «xa\.PL8:6\.1\.2»/),
    ]);
  });

  it('names the row and field of a schema mistake in Vietnamese, and a JSON syntax error', () => {
    const t = pl8() as unknown as { forms: { rows: Record<string, unknown>[] }[] };
    t.forms[0].rows[1].kind = 'cout';
    t.forms[0].rows[3].levels = ['huyện'];
    expect(problemsOf(t, 'hoc.json')).toEqual([
      'Biểu PL8, chỉ tiêu «PL8:6.2.2» (STT 6.2.2.), trường «kind»: giá trị "cout" không hợp lệ; chọn một trong: count, money, percent, code, group, text',
      'Biểu PL8, chỉ tiêu «PL8:6.3.1» (STT 6.3.1.), trường «levels.0»: giá trị "huyện" không hợp lệ; chọn một trong: xa, huyen, tinh, so',
    ]);
    expect(() => loadTemplateText('{\n  "id": "x",\n  "forms": [,]\n}', 'hoc.json')).toThrow(
      /^Tệp mẫu «hoc\.json» không hợp lệ, 1 lỗi:\n- không đọc được JSON/,
    );
  });

  it('takes its level ids from levels.json', () => {
    expect(LEVELS.map((l) => l.id)).toEqual([...LEVEL_IDS]);
  });
});
