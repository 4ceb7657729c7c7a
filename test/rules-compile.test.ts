/**
 * The rule compiler: the Excel formulas it writes, evaluated by HyperFormula, agree with the
 * TypeScript engine on every one of 10 000 generated reports (valid, off by rounding at every
 * precision, ties, broken, empty cells, text, zero denominators) for every rule shape the
 * templates use (plus 600 for the built-in row checks and shapes no template uses); and on
 * the seed reports with the built-in templates.
 */
import { Worker } from 'worker_threads';
import { HyperFormula } from 'hyperformula';
import { checkReport, compileRules, prepare, ruleFormulaHook, sheetValueOf } from '../src/core/rules';
import { absolute, acceptedFormula, type CompiledCondition } from '../src/core/rules/compile';
import type { Check } from '../src/core/rules/lower';
import { isViolated, type SheetValue } from '../src/core/rules/formula';
import { loadTemplate, type Template } from '../src/core/template/load';
import { planWorkbook } from '../src/core/layout/plan';
import { seedReport, mini } from './rules-fixtures';
import { AGREE, generator, toValues, type Cells } from './rules-agree';

const HF_CONFIG = { licenseKey: 'gpl-v3' };

function colLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * The HyperFormula side, run in worker threads (plain Node: HyperFormula runs ~3× slower inside
 * Jest's module sandbox). Formulas are written once, in `lanes` rows (one report per row,
 * formula columns after the cells); reports then flow through those rows in batches: the
 * formulas are parsed once, only cell values change. Verdicts: 1 = TRUE, 0 = FALSE, 2 = other.
 */
const WORKER = `
const { parentPort, workerData } = require('worker_threads');
const { HyperFormula } = require(workerData.hfPath);
const { nIds, formulas, cells, lanes } = workerData;
const data = Array.from({ length: lanes }, (_, i) => [...Array(nIds).fill(null), ...formulas.map((f) => '=' + f.split('#').join(String(i + 1)))]);
const hf = HyperFormula.buildFromArray(data, { licenseKey: 'gpl-v3' });
const out = new Uint8Array(cells.length * formulas.length);
for (let start = 0; start < cells.length; start += lanes) {
  const batch = cells.slice(start, start + lanes);
  while (batch.length < lanes) batch.push(Array(nIds).fill(null));
  hf.setCellContents({ sheet: 0, col: 0, row: 0 }, batch);
  const values = hf.getRangeValues({ start: { sheet: 0, col: nIds, row: 0 }, end: { sheet: 0, col: nIds + formulas.length - 1, row: lanes - 1 } });
  for (let i = 0; i < lanes && start + i < cells.length; i++)
    for (let j = 0; j < formulas.length; j++) out[(start + i) * formulas.length + j] = values[i][j] === true ? 1 : values[i][j] === false ? 0 : 2;
}
parentPort.postMessage(out, [out.buffer]);
`;

function runWorker(workerData: object): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData });
    w.once('message', (m: Uint8Array) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

/** Every kept check's compiled formula on every report, in HyperFormula (two workers). */
async function evaluateInHyperFormula(
  t: Template,
  reports: Cells[],
  keep: (cf: CompiledCondition) => boolean,
  lanes = 250,
) {
  const ids = t.forms[0].rows.map((r) => r.id);
  const col = new Map(ids.map((id, i) => [id, colLetter(i)]));
  // Compile once with a row placeholder, then instantiate per lane.
  const compiled = compileRules(t, 'huyen', (id) => `${col.get(id)}#`).conditionalFormats.filter(keep);
  const cells = reports.map((c) =>
    ids.map((id) => {
      const v = c[id] ?? null;
      return v === null ? null : typeof v === 'number' ? v : `'${v}`;
    }),
  );
  const half = Math.ceil(cells.length / 2);
  const common = {
    hfPath: require.resolve('hyperformula'),
    nIds: ids.length,
    formulas: compiled.map((cf) => cf.formula),
    lanes,
  };
  const parts = await Promise.all([
    runWorker({ ...common, cells: cells.slice(0, half) }),
    runWorker({ ...common, cells: cells.slice(half) }),
  ]);
  const verdicts = new Uint8Array(cells.length * compiled.length);
  verdicts.set(parts[0], 0);
  verdicts.set(parts[1], parts[0].length);
  return { compiled, verdicts };
}

/** TS and HyperFormula verdicts of the kept checks on every report: the disagreements, and checks that never fire or never hold. */
async function compare(t: Template, reports: Cells[], keep: (c: Check) => boolean) {
  const p = prepare(t, 'huyen');
  const checks = [...p.ruleChecks, ...p.rowIds.flatMap((id) => p.rowChecks.get(id)!)].filter(keep);
  const keys = new Set(checks.map((c) => c.key));
  const isRule = (ruleId: string) => t.allRules.some((r) => r.id === ruleId);
  const pending = evaluateInHyperFormula(t, reports, (cf) =>
    keys.has(cf.rowIds.length === 1 && !isRule(cf.ruleId) ? `${cf.ruleId}@${cf.rowIds[0]}` : cf.ruleId),
  );
  // The TypeScript verdicts, while the workers run.
  const ts = new Uint8Array(reports.length * checks.length);
  reports.forEach((c, i) => {
    const values = toValues(c);
    const lookup = (id: string): SheetValue => sheetValueOf(values.get(id));
    checks.forEach((check, j) => {
      ts[i * checks.length + j] = isViolated(check.violated, lookup) ? 1 : 0;
    });
  });
  const { compiled, verdicts } = await pending;
  expect(compiled.map((c) => c.ruleId)).toEqual(checks.map((c) => c.ruleId));
  const disagreements: string[] = [];
  const fired = new Map<string, number>();
  reports.forEach((c, i) => {
    checks.forEach((check, j) => {
      const k = i * checks.length + j;
      if (ts[k]) fired.set(check.key, (fired.get(check.key) ?? 0) + 1);
      if (ts[k] !== verdicts[k] && disagreements.length < 10)
        disagreements.push(`${check.key} report ${i}: ts=${ts[k]} hf=${verdicts[k]} ${JSON.stringify(c)}`);
    });
  });
  const oneSided = checks.filter((c) => !fired.get(c.key) || fired.get(c.key) === reports.length).map((c) => c.key);
  return { compiled, verdicts, disagreements, oneSided };
}

/** One row of each kind, and a heading and a row the level does not report. */
const SAMPLE_ROWS = ['F:p1', 'F:a1', 'F:m1', 'F:k', 'F:g', 'F:ns'];
/** Shapes no template uses (general products and quotients, money baselines): fewer reports. */
const EXOTIC = ['R21', 'R22', 'R23', 'R26'];

describe('compiled formulas agree with the TypeScript engine', () => {
  const t = loadTemplate(AGREE);
  const reports = Array.from({ length: 10000 }, generator(20240315));

  it('on 10 000 generated reports, for every rule shape templates use', async () => {
    const { compiled, verdicts, disagreements, oneSided } = await compare(
      t,
      reports,
      (c) => c.kind === 'rule' && !EXOTIC.includes(c.ruleId),
    );
    expect(disagreements).toEqual([]);
    // Every check both fires and holds somewhere: the generator reaches both sides of each.
    expect(oneSided).toEqual([]);

    // The full checker reports a rule exactly when its formula is TRUE (a sample: it also localises),
    // except where it read a cell of the rule through a habit (0,154 in a % row fits as 15,4%): the
    // formula sees the cell as stored, the checker as meant, and says so on that cell.
    const mismatches: string[] = [];
    let habits = 0;
    reports.slice(0, 150).forEach((c, i) => {
      const fs = checkReport(t, 'huyen', toValues(c));
      compiled.forEach((cf, j) => {
        const reported = fs.some((f) => f.rule === cf.ruleId && (cf.rowIds.length > 1 || f.row === cf.rowIds[0]));
        if (reported === (verdicts[i * compiled.length + j] === 1)) return;
        const habit = fs.find((f) => f.rule.startsWith('habit:') && cf.rowIds.includes(f.row));
        if (habit && !reported) habits++;
        else mismatches.push(`${i} ${cf.ruleId} ${cf.rowIds[0]}`);
      });
    });
    expect(mismatches).toEqual([]);
    expect(habits).toBeGreaterThan(0);
  });

  it('on 600 more for the built-in checks of every kind of row and the exotic shapes (× and ÷ of intervals, 2015 ratios over money)', async () => {
    const more = Array.from({ length: 600 }, generator(99));
    const { disagreements, oneSided } = await compare(t, more, (c) =>
      c.kind === 'rule' ? EXOTIC.includes(c.ruleId) : SAMPLE_ROWS.includes(c.row!),
    );
    expect(disagreements).toEqual([]);
    expect(oneSided).toEqual([]);
  });
});

describe('compiled formulas on the built-in templates and the seeds', () => {
  it.each(['bnv2022-huyen', 'bnv2022-tinh', 'pl2024', 'pl1b'])(
    '%s: every formula parses in HyperFormula and marks what checkReport reports',
    (id) => {
      const { t, values, level } = seedReport(id);
      const rows = t.forms.flatMap((f) => f.rows);
      const rowNo = new Map(rows.map((r, i) => [r.id, i + 1]));
      const compiled = compileRules(t, level, (rid) => `$A$${rowNo.get(rid)}`);
      const data: (number | string | null)[][] = rows.map((r) => {
        const v = sheetValueOf(values.get(r.id));
        return [v === null ? null : typeof v === 'number' ? v : `'${v}`];
      });
      compiled.conditionalFormats.forEach((cf, i) => {
        data[i] = data[i] ?? [null];
        data[i][1] = `=${cf.formula}`;
      });
      const hf = HyperFormula.buildFromArray(data, HF_CONFIG);
      const sheet = hf.getSheetValues(0);
      hf.destroy();
      const fs = checkReport(t, level, values);
      const disagreements: string[] = [];
      compiled.conditionalFormats.forEach((cf, i) => {
        const v = sheet[i][1];
        if (typeof v !== 'boolean') disagreements.push(`${cf.ruleId}: ${JSON.stringify(v)}`);
        const reported = fs.some(
          (f) => f.rule === cf.ruleId && f.severity !== 'info' && (cf.rowIds.length > 1 || f.row === cf.rowIds[0]),
        );
        const isRow = cf.rowIds.length === 1 && !t.allRules.some((r) => r.id === cf.ruleId);
        const reportedRow = fs.some((f) => f.rule === cf.ruleId && f.row === cf.rowIds[0]);
        if ((isRow ? reportedRow : reported) !== (v === true))
          disagreements.push(`${cf.ruleId} ${cf.rowIds.join(',')}: engine ${reported} formula ${v}`);
      });
      expect(disagreements).toEqual([]);
      expect(compiled.skipped).toEqual([]);
      // Excel refuses formulas longer than 8 192 characters.
      expect(Math.max(...compiled.conditionalFormats.map((c) => c.formula.length))).toBeLessThan(8192);
    },
  );
});

describe('formula text', () => {
  const t = mini();

  it('a count ratio is short and readable; a typed percentage carries its half-width', () => {
    const cf = compileRules(
      t,
      'huyen',
      (id) => ({ 'BM1:2': "'Biểu mẫu 1'!$D$9", 'BM1:2.1': "'Biểu mẫu 1'!$D$10", 'BM1:2.2': "'Biểu mẫu 1'!$D$11" })[id],
    ).conditionalFormats.find((c) => c.ruleId === 'BM1.ratio.2')!;
    expect(cf.rowIds).toEqual(['BM1:2', 'BM1:2.2', 'BM1:2.1']);
    // Checked only when the three cells hold numbers; 0 % over a zero denominator; 60 ± 0,5.
    expect(cf.formula).toMatch(/^IF\(COUNT\('Biểu mẫu 1'!\$D\$9,'Biểu mẫu 1'!\$D\$11,'Biểu mẫu 1'!\$D\$10\)=3,/);
    expect(cf.formula).toContain(
      "ABS('Biểu mẫu 1'!$D$9-IF('Biểu mẫu 1'!$D$10=0,0,'Biểu mẫu 1'!$D$11*100/'Biểu mẫu 1'!$D$10))>IF(ROUND('Biểu mẫu 1'!$D$9,0)='Biểu mẫu 1'!$D$9,0.5,",
    );
    expect(cf.formula).toMatch(/,\(0=1\)\)$/);
    expect(cf.formula).not.toMatch(/\dE-?\d/);
    expect(cf.message).toBe('Dòng 2 phải bằng dòng 2.2/dòng 2.1 × 100%.');
  });

  it('rows without a cell: a rule that then can never fire is left out and said why', () => {
    const out = compileRules(t, 'huyen', (id) => (id.startsWith('BM1:') ? `$B$${id.length}` : undefined));
    expect(out.conditionalFormats.map((c) => c.ruleId)).toContain('BM1.ratio.2');
    expect(out.skipped.map((s) => s.ruleId)).toContain('BM2.ratio.3.2');
    expect(out.skipped[0].reason).toContain('không có ô');
  });

  it('validations accept what the rule accepts, on the single-row side', () => {
    const out = compileRules(t, 'huyen', (id) => `$A$${id.replace(/\D/g, '')}`);
    const v = out.validations.find((x) => x.ruleId === 'BM3.sum.1.4')!;
    expect(v.rowId).toBe('BM3:1.4');
    expect(v.severity).toBe('warning');
    const check = prepare(t, 'huyen').ruleChecks.find((c) => c.ruleId === 'BM3.sum.1.4')!;
    expect(v.formula).toBe(acceptedFormula(check, (id) => `$A$${id.replace(/\D/g, '')}`));
    expect(out.validations.some((x) => x.ruleId === 'BM1.if.6')).toBe(false);
  });

  it('absolute addresses keep the sheet', () => {
    expect(absolute('D9')).toBe('$D$9');
    expect(absolute("'Biểu mẫu 1'!D9")).toBe("'Biểu mẫu 1'!$D$9");
  });
});

describe('the layout hook', () => {
  it('puts conditional formats and validations into the workbook plan', () => {
    const { t, level } = seedReport('bnv2022-huyen');
    const plan = planWorkbook(t, {
      level,
      period: '6T',
      year: 2022,
      unit: 'UBND huyện Kông Chro',
      ruleFormulas: ruleFormulaHook(t),
    });
    const cfs = plan.sheets.flatMap((s) => s.conditionalFormats.map((c) => ({ ...c, sheet: s.name })));
    const ratio = cfs.filter((c) => c.ruleId === 'BM1.ratio.2');
    expect(ratio.length).toBe(3);
    expect(ratio[0].sheet).toBe('Biểu mẫu 1');
    expect(ratio[0].formula).toMatch(/\$[A-Z]+\$\d+/);
    const cross = cfs.filter((c) => c.ruleId === 'X.dvsn');
    expect(new Set(cross.map((c) => c.sheet))).toEqual(new Set(['Biểu mẫu 4', 'Biểu mẫu 6']));
    // On Biểu mẫu 4 the Biểu mẫu 6 cell is written with its sheet, and vice versa.
    expect(cross.find((c) => c.sheet === 'Biểu mẫu 4')!.formula).toContain("'Biểu mẫu 6'!$");
    const validations = plan.sheets.flatMap((s) => s.validations);
    expect(validations.some((v) => String(v.source).startsWith('rule:BM3.sum.1.4'))).toBe(true);
  });
});
