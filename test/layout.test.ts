/**
 * The sheet plan (pure): title block, headers, one line per template row, locks and
 * validation by kind and level, ratio formulas, names and metadata — on templates built
 * from the seed tables, and on every built-in template.
 */
import { loadTemplate, reportsRow, type Template } from '../src/core/template/load';
import { builtinTemplates, getTemplate } from '../src/core/template/registry';
import type { TemplateInput } from '../src/core/template/schema';
import {
  attachmentLine,
  dateWords,
  reportNumber,
  reportNumberProblem,
  fillTitle,
  LayoutError,
  META_SHEET,
  metaSheetMatrix,
  nameForRow,
  parseMetaMatrix,
  periodColumnHeader,
  planWorkbook,
  rowForName,
  type PlanCell,
  type PlanSheet,
  type WorkbookPlan,
} from '../src/core/layout';
import { estimateLines } from '../src/core/layout/measure';
import { loadSeed, normStt, norm, seedRows, templateFromSeed } from './helpers/seeds';

const OPTS = { level: 'huyen' as const, period: '6T' as const, year: 2022, unit: 'UBND huyện Kông Chro' };

function seedTemplate(id: '000' | '001' | '004', edit?: (t: TemplateInput) => void): Template {
  const seed = loadSeed(id);
  const input =
    id === '001'
      ? templateFromSeed(seed, { id: 'test-001', layout: 'single-table', levels: ['xa', 'huyen'] })
      : id === '004'
        ? templateFromSeed(seed, { id: 'test-004', header: 'period', levels: ['tinh', 'so'] })
        : templateFromSeed(seed, { id: 'test-000', levels: ['huyen', 'so'] });
  edit?.(input);
  return loadTemplate(input);
}

const visible = (p: WorkbookPlan) => p.sheets.filter((s) => s.state === 'visible');
const cellAt = (s: PlanSheet, r: number, col: number): PlanCell | undefined =>
  s.rows.find((x) => x.r === r)?.cells.find((c) => c.col === col);
function locate(p: WorkbookPlan, rowId: string) {
  const loc = p.meta.rows.find((x) => x.rowId === rowId)!;
  const sheet = p.sheets.find((s) => s.name === loc.sheet)!;
  const r = Number(loc.address.slice(1));
  return { loc, sheet, r, value: cellAt(sheet, r, 4)!, row: sheet.rows.find((x) => x.r === r)! };
}

describe('names shared with readers', () => {
  it('name each value cell after its row id and back', () => {
    expect(nameForRow('BM1:2.2')).toBe('CCHC_BM1__2_2');
    expect(nameForRow('1B:3.3.3.1')).toBe('CCHC_1B__3_3_3_1');
    expect(nameForRow('BM7:2.a')).toBe('CCHC_BM7__2_a');
    for (const id of ['BM1:2.2', '1B:3.3.3.1', 'PL4:3.2.1', 'BM7:2.a', 'BM1:1'])
      expect(rowForName(nameForRow(id))).toBe(id);
    expect(rowForName('cchc_BM1__2_2')).toBe('BM1:2.2');
    expect(rowForName('Print_Titles')).toBeUndefined();
  });

  it('round-trips the meta sheet matrix and refuses a foreign sheet', () => {
    const plan = planWorkbook(seedTemplate('000'), { ...OPTS, reportNo: '371', date: '10/6/2022' });
    const back = parseMetaMatrix(metaSheetMatrix(plan.meta));
    expect(back).toEqual(plan.meta);
    expect(back.rows).toHaveLength(200);
    expect(() => parseMetaMatrix([['format', 'something else']])).toThrow(/không phải siêu dữ liệu/);
  });
});

describe('title block texts', () => {
  it('fills the period into either spelling of the title without doubling the year', () => {
    expect(fillTitle('BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH {period}', '6T', 2022)).toBe(
      'BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH 6 THÁNG ĐẦU NĂM 2022',
    );
    expect(fillTitle('… CẢI CÁCH HÀNH CHÍNH {period} NĂM {year}', 'Q1', 2024)).toBe(
      '… CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2024',
    );
    expect(fillTitle('THỐNG KÊ NĂM {year}', 'N', 2023)).toBe('THỐNG KÊ NĂM 2023');
  });

  it('prints the report number, date and unit, or dots where they are not known yet', () => {
    expect(attachmentLine({ unit: 'UBND huyện Kông Chro', year: 2022, reportNo: '371', date: '10/6/2022' })).toBe(
      '(Kèm theo Báo cáo số 371/BC-UBND ngày 10 tháng 6 năm 2022 của UBND huyện Kông Chro)',
    );
    expect(attachmentLine({ unit: 'UBND huyện Quảng Điền', year: 2024, reportNo: '45/BC-UBND' })).toBe(
      '(Kèm theo Báo cáo số 45/BC-UBND ngày …… tháng …… năm 2024 của UBND huyện Quảng Điền)',
    );
    expect(attachmentLine({ unit: 'UBND xã Cẩm Hưng', year: 2022 })).toBe(
      '(Kèm theo Báo cáo số ……/BC-UBND ngày …… tháng …… năm 2022 của UBND xã Cẩm Hưng)',
    );
    expect(periodColumnHeader('6T', 2022)).toBe('Báo cáo cải cách hành chính 6 tháng đầu năm 2022');
    expect(periodColumnHeader('Q1', 2024)).toBe('Báo cáo cải cách hành chính Quý I năm 2024');
  });

  it('writes dates as Nghị định 30/2020 does: «ngày 05 tháng 02 năm 2023», zero before days below 10 and months 1–2', () => {
    expect(dateWords('12/06/2022', 2022)).toBe('ngày 12 tháng 6 năm 2022');
    expect(dateWords('5/2/2023', 2023)).toBe('ngày 05 tháng 02 năm 2023');
    expect(dateWords('01/12/2024', 2024)).toBe('ngày 01 tháng 12 năm 2024');
    expect(dateWords(undefined, 2024)).toBe('ngày …… tháng …… năm 2024');
  });

  it('gives a People’s Committee the code BC-UBND and never invents one for a department', () => {
    expect(attachmentLine({ unit: 'UBND huyện Kông Chro', year: 2022, reportNo: '45', date: '12/06/2022' })).toBe(
      '(Kèm theo Báo cáo số 45/BC-UBND ngày 12 tháng 6 năm 2022 của UBND huyện Kông Chro)',
    );
    expect(reportNumber('45', 'Ủy ban nhân dân xã Cẩm Hưng')).toBe('45/BC-UBND');
    expect(
      attachmentLine({ unit: 'Sở Nội vụ tỉnh Gia Lai', year: 2022, reportNo: '45/BC-SNV', date: '12/06/2022' }),
    ).toBe('(Kèm theo Báo cáo số 45/BC-SNV ngày 12 tháng 6 năm 2022 của Sở Nội vụ tỉnh Gia Lai)');
    expect(attachmentLine({ unit: 'Sở Nội vụ tỉnh Gia Lai', year: 2022 })).toBe(
      '(Kèm theo Báo cáo số ……/BC-…… ngày …… tháng …… năm 2022 của Sở Nội vụ tỉnh Gia Lai)',
    );
    expect(reportNumberProblem('45', 'Sở Nội vụ tỉnh Gia Lai')).toMatch(
      /«45» chưa có ký hiệu.*không tự thêm «BC-UBND».*«45\/BC-SNV»/,
    );
    expect(reportNumberProblem('45', 'UBND huyện Kông Chro')).toBeUndefined();
    expect(reportNumberProblem('45/BC-SNV', 'Sở Nội vụ')).toBeUndefined();
    expect(reportNumberProblem('số bốn lăm', 'UBND huyện Kông Chro')).toMatch(/không đúng dạng/);
    expect(() =>
      planWorkbook(getTemplate('bnv2022-huyen'), {
        level: 'so',
        period: '6T',
        year: 2022,
        unit: 'Sở Nội vụ',
        reportNo: '45',
      }),
    ).toThrow(/chưa có ký hiệu/);
  });
});

describe('plan of a BNV 2022 district workbook (seed 000)', () => {
  const t = seedTemplate('000');
  const plan = planWorkbook(t, { ...OPTS, reportNo: '371', date: '10/6/2022' });

  it('has one sheet per form plus the very-hidden meta sheet', () => {
    expect(visible(plan).map((s) => s.name)).toEqual([
      'Biểu mẫu 1',
      'Biểu mẫu 2',
      'Biểu mẫu 3',
      'Biểu mẫu 4',
      'Biểu mẫu 5',
      'Biểu mẫu 6',
      'Biểu mẫu 7',
    ]);
    const meta = plan.sheets.find((s) => s.name === META_SHEET)!;
    expect(meta.state).toBe('veryHidden');
    expect(plan.meta).toMatchObject({
      templateId: 'test-000',
      level: 'huyen',
      period: '6T',
      year: 2022,
      unit: 'UBND huyện Kông Chro',
      reportNo: '371',
      date: '10/6/2022',
    });
  });

  it('prints the title block on the first sheet and each form title and name', () => {
    const first = visible(plan)[0];
    const texts = first.rows.filter((r) => r.role === 'title' || r.role === 'form').map((r) => r.cells[0]?.value);
    expect(texts).toContain('Phụ lục 1');
    expect(texts).toContain('BIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH 6 THÁNG ĐẦU NĂM 2022');
    expect(texts).toContain('(Kèm theo Báo cáo số 371/BC-UBND ngày 10 tháng 6 năm 2022 của UBND huyện Kông Chro)');
    expect(texts).toEqual(expect.arrayContaining(['Biểu mẫu 1', 'Công tác chỉ đạo điều hành CCHC']));
    expect(plan.styles[first.rows[0].cells[0].style].font.bold).toBe(true);
    expect(plan.styles.attach.font.italic).toBe(true);
    const third = visible(plan)[2];
    expect(third.rows.filter((r) => r.role === 'form').map((r) => r.cells[0].value)).toEqual([
      'Biểu mẫu 3',
      'Cải cách thủ tục hành chính',
    ]);
  });

  it('lays out the two header rows with "Kết quả thống kê" over Đơn vị tính and Số liệu', () => {
    const s = visible(plan)[0];
    const [h1, h2] = s.table!.headerRows;
    expect(cellAt(s, h1, 1)!.value).toBe('STT');
    expect(cellAt(s, h1, 2)!.value).toMatch(/^Chỉ tiêu thống kê\n\(Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm\)$/);
    expect(cellAt(s, h1, 3)!.value).toBe('Kết quả thống kê');
    expect(cellAt(s, h1, 5)!.value).toBe('Ghi chú');
    expect([cellAt(s, h2, 3)!.value, cellAt(s, h2, 4)!.value]).toEqual(['Đơn vị tính', 'Số liệu']);
    expect(s.merges).toEqual(
      expect.arrayContaining([`C${h1}:D${h1}`, `A${h1}:A${h2}`, `B${h1}:B${h2}`, `E${h1}:E${h2}`]),
    );
    expect(s.frozenRows).toBe(h2);
    expect(s.print).toMatchObject({
      paperSize: 'A4',
      orientation: 'portrait',
      fitToWidth: 1,
      printTitlesRow: `${h1}:${h2}`,
    });
  });

  it('shows every seed row, in order, with its STT, label and note', () => {
    const seedList = seedRows(loadSeed('000'));
    const lines = visible(plan).flatMap((s) => s.rows.filter((r) => r.role === 'data'));
    expect(lines).toHaveLength(seedList.length);
    lines.forEach((line, i) => {
      expect(normStt(line.cells[0].value)).toBe(normStt(seedList[i].stt));
      expect(norm(line.cells[1].value)).toBe(norm(seedList[i].label));
      expect(norm(line.cells[4].value ?? '')).toBe(norm(seedList[i].note));
    });
  });

  it('computes BM3 3.2 from 3.2.2 / 3.2.1, empty while a part is empty or the whole is 0', () => {
    const pct = locate(plan, 'BM3:3.2');
    const whole = locate(plan, 'BM3:3.2.1').loc.address;
    const part = locate(plan, 'BM3:3.2.2').loc.address;
    expect(pct.value.formula).toBe(`IF(OR(${whole}="",${part}="",${whole}=0),"",ROUND(${part}/${whole}*100,2))`);
    expect(plan.styles[pct.value.style]).toMatchObject({ locked: true });
    expect(plan.styles[pct.value.style].numFmt).toBeUndefined(); // General: no dangling separator
    // No validation on a computed cell: nobody types there.
    expect(pct.sheet.validations.find((v) => v.range === pct.loc.address)).toBeUndefined();
    expect(plan.fullCalcOnLoad).toBe(true);
  });

  it('keeps sum rows typed', () => {
    const withSum = seedTemplate('000', (input) => {
      input.forms[2].rules!.push({ id: 'sum-1.4', check: 'BM3:1.4 == BM3:1.4.1 + BM3:1.4.2 + BM3:1.4.3' });
    });
    const p = planWorkbook(withSum, { ...OPTS, level: 'so' });
    const total = locate(p, 'BM3:1.4');
    expect(total.value.formula).toBeUndefined();
    expect(p.styles[total.value.style].locked).toBe(false);
  });

  it('greys and locks the rows this level does not report, and opens the others', () => {
    // BM1 3.1 "Cấp sở báo": closed for the district, open for a department.
    const na = locate(plan, 'BM1:3.1');
    expect(plan.styles[na.value.style]).toMatchObject({ locked: true, fill: 'D9D9D9' });
    const forSo = planWorkbook(t, { ...OPTS, level: 'so' });
    expect(forSo.styles[locate(forSo, 'BM1:3.1').value.style]).toMatchObject({ locked: false });
    expect(forSo.styles[locate(forSo, 'BM1:3.1').value.style].fill).toBeUndefined();
    // BM1 3.2 "Cấp huyện báo": the other way round.
    expect(plan.styles[locate(plan, 'BM1:3.2').value.style].locked).toBe(false);
    expect(forSo.styles[locate(forSo, 'BM1:3.2').value.style]).toMatchObject({ locked: true, fill: 'D9D9D9' });
    // Notes stay editable on every row; labels never are.
    for (const s of visible(plan)) {
      expect(s.protection).toMatchObject({ enabled: true });
      for (const r of s.rows.filter((x) => x.role === 'data')) {
        expect(plan.styles[r.cells[4].style].locked).toBe(false);
        expect(plan.styles[r.cells[1].style].locked).toBe(true);
      }
    }
  });

  it('bolds group rows and prints a code row legend as its unit', () => {
    const group = locate(plan, 'BM3:1');
    expect(plan.styles[group.row.cells[1].style].font.bold).toBe(true);
    expect(plan.styles[locate(plan, 'BM3:1.1').row.cells[1].style].font.bold).toBeFalsy();
    const code = t.forms.flatMap((f) => f.rows).find((r) => r.kind === 'code' && (r.codes?.length ?? 0) >= 3)!;
    expect(locate(plan, code.id).row.cells[2].value).toBe(code.codes!.map((c) => `${c.label} = ${c.value}`).join('\n'));
  });

  it('validates each typed cell by kind with a Vietnamese message', () => {
    const kinds = new Map<
      string,
      { type: string; min?: number; max?: number; values?: unknown[]; error: string; errorTitle: string }
    >();
    for (const s of visible(plan)) for (const v of s.validations) kinds.set(`${s.name}!${v.range}`, v);
    const check = (rowId: string) => {
      const { loc } = locate(plan, rowId);
      return kinds.get(`${loc.sheet}!${loc.address}`);
    };
    expect(check('BM1:1')).toMatchObject({
      type: 'whole',
      operator: 'greaterThanOrEqual',
      min: 0,
      errorTitle: 'Số lượng không hợp lệ',
    });
    const money = t.forms.flatMap((f) => f.rows).find((r) => r.kind === 'money' && reportsRow(t, r, 'huyen'))!;
    expect(check(money.id)).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', min: 0 });
    expect(check('BM1:2.1')!.error).toMatch(
      /^Chỉ tiêu 2\.1\. «Số nhiệm vụ đề ra trong kế hoạch» nhận số nguyên không âm/,
    );
    const pctTyped = t.forms
      .flatMap((f) => f.rows)
      .find(
        (r) =>
          r.kind === 'percent' &&
          reportsRow(t, r, 'huyen') &&
          !t.allRules.some((x) => x.check.startsWith(`${r.id} ==`)),
      )!;
    expect(check(pctTyped.id)).toMatchObject({
      type: 'decimal',
      operator: 'between',
      min: 0,
      max: 100,
      errorTitle: 'Tỷ lệ không hợp lệ',
    });
    const code = t.forms.flatMap((f) => f.rows).find((r) => r.kind === 'code' && reportsRow(t, r, 'huyen'))!;
    expect(check(code.id)).toMatchObject({
      type: 'list',
      values: code.codes!.map((c) => c.value),
      errorTitle: 'Mã không hợp lệ',
    });
    // Not-reported rows have none (they are locked), and every text fits Excel's limits.
    expect(check('BM1:3.1')).toBeUndefined();
    for (const v of kinds.values()) {
      expect(v.errorTitle.length).toBeLessThanOrEqual(32);
      expect(v.error.length).toBeLessThanOrEqual(255);
    }
  });

  it('gives long labels taller rows', () => {
    const short = locate(plan, 'BM1:2.1').row.height!;
    const long = locate(plan, 'BM1:4').row.height!; // a 3-line label
    expect(long).toBeGreaterThan(short * 2);
    expect(estimateLines('Số nhiệm vụ đề ra trong kế hoạch', 55, 12)).toBe(1);
    // The unit column is wide enough for the commonest long unit.
    expect(estimateLines('Cơ quan, đơn vị', 17, 12)).toBe(1);
    expect(estimateLines('Cơ quan, đơn vị', 12, 12)).toBe(2);
    const inspection =
      'Thanh tra việc thực hiện quy định pháp luật về tuyển dụng, quản lý, sử dụng công chức, viên chức và tổ chức bộ máy (thuộc thẩm quyền của Sở Nội vụ)';
    expect(estimateLines(inspection, 55, 12)).toBe(3);
    expect(estimateLines(inspection.toUpperCase(), 55, 12, true)).toBeGreaterThan(3);
  });

  it('refuses a level the template does not have, a bad year or date', () => {
    expect(() => planWorkbook(t, { ...OPTS, level: 'xa' })).toThrow(LayoutError);
    expect(() => planWorkbook(t, { ...OPTS, level: 'xa' })).toThrow(/không dành cho cấp «xa»/);
    expect(() => planWorkbook(t, { ...OPTS, year: 22 })).toThrow(/Năm báo cáo «22»/);
    expect(() => planWorkbook(t, { ...OPTS, date: '31/02/2022' })).toThrow(/không có thật/);
    expect(() => planWorkbook(t, { ...OPTS, date: '2022-06-10' })).toThrow(/DD\/MM\/YYYY/);
  });
});

describe('the rule compiler hook', () => {
  const t = seedTemplate('000');
  it('places the conditional formats and custom validations it returns', () => {
    const plan = planWorkbook(t, {
      ...OPTS,
      ruleFormulas: (ctx) => {
        const part = ctx.cellOf('BM1:2.2')!;
        const whole = ctx.addressOf('BM1:2.1', part.sheet)!;
        expect(ctx.addressOf('BM1:2.1', 'Biểu mẫu 3')).toBe(`'Biểu mẫu 1'!${whole}`);
        expect(ctx.nameOf('BM1:2.2')).toBe('CCHC_BM1__2_2');
        expect(ctx.isComputed('BM1:2')).toBe(true);
        expect(ctx.reports('BM1:3.1')).toBe(false);
        return {
          conditionalFormats: [
            {
              sheet: part.sheet,
              range: part.address,
              formula: `AND(ISNUMBER(${part.address}),ISNUMBER(${whole}),${part.address}>${whole})`,
              severity: 'error',
              note: 'Số đã hoàn thành lớn hơn số đề ra',
              ruleId: 'bm1-2.2<=2.1',
            },
          ],
          validations: [
            {
              sheet: part.sheet,
              range: part.address,
              formula: `${part.address}<=${whole}`,
              message: 'Số nhiệm vụ đã hoàn thành không được lớn hơn số đề ra.',
              ruleId: 'bm1-2.2<=2.1',
            },
          ],
        };
      },
    });
    const { sheet, loc } = locate(plan, 'BM1:2.2');
    expect(sheet.conditionalFormats).toEqual([
      expect.objectContaining({ range: loc.address, style: 'cf-error', note: 'Số đã hoàn thành lớn hơn số đề ra' }),
    ]);
    expect(plan.conditionalStyles['cf-error'].fill).toMatch(/^[0-9A-F]{6}$/);
    const vs = sheet.validations.filter((v) => v.range === loc.address);
    expect(vs).toHaveLength(1);
    expect(vs[0].type).toBe('custom');
    expect(vs[0].formula).toContain(`${loc.address}=INT(${loc.address})`);
    expect(vs[0].error).toMatch(/^Số nhiệm vụ đã hoàn thành không được lớn hơn số đề ra\. Chỉ tiêu 2\.2\./);
  });

  it('names the sheet when the hook points at one that does not exist', () => {
    expect(() =>
      planWorkbook(t, {
        ...OPTS,
        ruleFormulas: () => ({
          conditionalFormats: [{ sheet: 'Biểu mẫu 9', range: 'D9', formula: 'TRUE', severity: 'warning', ruleId: 'x' }],
          validations: [],
        }),
      }),
    ).toThrow(/quy tắc «x».*trang tính «Biểu mẫu 9»/);
  });
});

describe('other layouts', () => {
  it('stacks every form of a single-table template (1B, seed 001) under one header, area rows bold', () => {
    const t = seedTemplate('001');
    const plan = planWorkbook(t, { ...OPTS, level: 'xa', unit: 'UBND xã Cẩm Hưng' });
    const sheets = visible(plan);
    expect(sheets).toHaveLength(1);
    expect(sheets[0].rows.filter((r) => r.role === 'header')).toHaveLength(2);
    const data = sheets[0].rows.filter((r) => r.role === 'data');
    expect(data.map((r) => normStt(r.cells[0].value))).toEqual(seedRows(loadSeed('001')).map((r) => normStt(r.stt)));
    for (const f of t.forms) expect(plan.styles[locate(plan, f.rows[0].id).row.cells[1].style].font.bold).toBe(true);
    expect(plan.styles[locate(plan, 'S1:1.1').row.cells[1].style].font.bold).toBeFalsy();
    expect(sheets[0].rows[0].cells[0].value).toBe('Phụ lục 1B');
  });

  it('heads each form of a single table with its name when the form has no area row', () => {
    const t = seedTemplate('001', (input) => {
      for (const f of input.forms) f.rows = f.rows.slice(1);
    });
    const plan = planWorkbook(t, { ...OPTS, level: 'xa', unit: 'UBND xã Cẩm Hưng' });
    const s = visible(plan)[0];
    const heads = s.rows.filter((r) => r.role === 'form');
    expect(heads.map((r) => r.cells[1].value)).toEqual(loadSeed('001').forms.map((f) => f.name));
    expect(plan.styles[heads[0].cells[1].style].font.bold).toBe(true);
    // A heading line is not a template row: the metadata skips it.
    expect(plan.meta.rows).toHaveLength(t.forms.flatMap((f) => f.rows).length);
    expect(heads[1].r).toBe(locate(plan, t.forms[1].rows[0].id).r - 1);
  });

  it('prints the period on its own line when the title does not carry it (2024 layout)', () => {
    const t = seedTemplate('000', (input) => {
      input.title = 'DANH SÁCH CÁC PHỤ LỤC';
    });
    const plan = planWorkbook(t, { ...OPTS, period: 'Q1', year: 2024 });
    const titles = visible(plan)[0]
      .rows.filter((r) => r.role === 'title')
      .map((r) => r.cells[0]?.value);
    expect(titles.slice(0, 3)).toEqual(['Phụ lục 1', 'DANH SÁCH CÁC PHỤ LỤC', 'QUÝ I NĂM 2024']);
  });

  it('puts the period over Số liệu and Ghi chú in the period header (seed 004)', () => {
    const t = seedTemplate('004');
    const plan = planWorkbook(t, { ...OPTS, level: 'tinh', unit: 'UBND tỉnh Kiên Giang' });
    const s = visible(plan)[0];
    const [h1, h2] = s.table!.headerRows;
    expect([1, 2, 3, 4].map((c) => cellAt(s, h1, c)!.value)).toEqual([
      'STT',
      'Chỉ tiêu thống kê',
      'Đơn vị tính',
      'Báo cáo cải cách hành chính 6 tháng đầu năm 2022',
    ]);
    expect([cellAt(s, h2, 4)!.value, cellAt(s, h2, 5)!.value]).toEqual(['Số liệu', 'Ghi chú']);
    expect(s.merges).toEqual(expect.arrayContaining([`D${h1}:E${h1}`, `C${h1}:C${h2}`]));
  });
});

describe('every built-in template, at each of its levels', () => {
  for (const t of builtinTemplates()) {
    for (const level of t.levels) {
      it(`${t.id} @ ${level}: one named value cell per row, locks that follow the level`, () => {
        const plan = planWorkbook(t, { ...OPTS, level });
        const rows = t.forms.flatMap((f) => f.rows);
        expect(plan.meta.rows.map((r) => r.rowId)).toEqual(rows.map((r) => r.id));
        expect(new Set(plan.names.map((n) => n.name)).size).toBe(rows.length);
        for (const row of rows) {
          const { value, loc } = locate(plan, row.id);
          expect(plan.names.find((n) => n.name === nameForRow(row.id))).toMatchObject({
            sheet: loc.sheet,
            address: `$D$${loc.address.slice(1)}`,
          });
          const style = plan.styles[value.style];
          if (!reportsRow(t, row, level)) expect(style.locked).toBe(true);
          if (!reportsRow(t, row, level) && row.kind !== 'group') expect(style.fill).toBe('D9D9D9');
          if (reportsRow(t, row, level) && !value.formula) expect(style.locked).toBe(false);
        }
        for (const s of visible(plan)) {
          expect(s.name.length).toBeLessThanOrEqual(31);
          expect(s.print?.printTitlesRow).toMatch(/^\d+:\d+$/);
        }
      });
    }
  }
});
