/**
 * The simulated Excel host (test/excel-sim): Office.js load/sync semantics, formulas through
 * HyperFormula, names that move with inserted rows, onChanged events, request-size limits.
 * Data: Biểu mẫu 3 of seed 000 (UBND huyện Kông Chro, 6 tháng đầu năm 2022), whose row 3.2 is
 * 99,6% = 2.521 / 2.531 hồ sơ.
 */
import seed000 from './fixtures/seeds/000.json';
import { createExcelSim, installOfficeGlobals, type ExcelSim } from './excel-sim';

const SHEET = 'Biểu mẫu 3';
/** The ratio formula the add-in writes for 3.2 = 3.2.2 / 3.2.1 (D9 = 3.2.1, D10 = 3.2.2). */
const RATIO = '=IF(OR(D9="",D10="",D9=0),"",ROUND(D10/D9*100,2))';

const form3 = seed000.forms.find((f) => f.title === 'Biểu mẫu 3')!;
const idx = form3.rows.findIndex((r) => r.stt === '3.2.');
/** Rows 3.2, 3.2.1, 3.2.2 of the seed: laid out so that 3.2 is on row 8, 3.2.1 on 9, 3.2.2 on 10. */
const rows = form3.rows.slice(idx, idx + 3);
const TABLE_TOP = 8;

let sim: ExcelSim;
let restore: () => void;

function newSim(opts: Parameters<typeof createExcelSim>[0] = {}): ExcelSim {
  restore?.();
  sim = createExcelSim({ sheets: [SHEET], locale: { decimalSeparator: ',', thousandsSeparator: '.' }, ...opts });
  restore = installOfficeGlobals(sim);
  return sim;
}

/** What the add-in would do: labels A:C and E, the formula in D8, the value cells left for the user. */
async function insertTemplate(): Promise<void> {
  await Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(SHEET);
    ws.getRange(`A${TABLE_TOP}:C${TABLE_TOP + 2}`).values = rows.map((r) => [r.stt, r.label, r.unit]);
    ws.getRange(`E${TABLE_TOP}:E${TABLE_TOP + 2}`).values = rows.map((r) => [r.note]);
    const ratio = ws.getRange(`D${TABLE_TOP}`);
    ratio.formulas = [[RATIO]];
    ratio.numberFormat = [['0.##']];
    ws.getRange(`D${TABLE_TOP + 1}:D${TABLE_TOP + 2}`).numberFormat = [['#,##0'], ['#,##0']];
    ctx.workbook.names.add('CCHC_3_2_1', ws.getRange('D9'));
    ctx.workbook.names.add('CCHC_3_2_2', ws.getRange('D10'));
    await ctx.sync();
  });
}

beforeEach(() => newSim());
afterAll(() => restore?.());

describe('load/sync semantics (as the Office.js runtime)', () => {
  it('throws PropertyNotLoaded before sync, and gives the values after', async () => {
    sim.seed(SHEET, 'D9:D10', [[2531], [2521]]);
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem(SHEET).getRange('D9:D10');
      expect(() => r.values).toThrow(
        expect.objectContaining({
          code: 'PropertyNotLoaded',
          message: `The property 'values' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
        }),
      );
      r.load('values, address');
      expect(() => r.address).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect(r.values).toEqual([[2531], [2521]]);
      expect(r.address).toBe("'Biểu mẫu 3'!D9:D10");
      expect(() => r.text).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      expect(r.toJSON()).toEqual({ address: "'Biểu mẫu 3'!D9:D10", values: [[2531], [2521]] });
    });
  });

  it('accepts the array, {select} and strict object forms of load, and navigation paths', async () => {
    await insertTemplate();
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      const a = ws.getRange('A8:E10').load(['rowCount', 'columnCount']);
      const b = ws.getRange('D8').load({ select: 'text, numberFormat' });
      const c = ws.getRange('B8').load({ format: { font: { name: true, bold: true } }, rowIndex: true });
      const d = ws.getRange('A8').load('format/fill/color');
      const sheets = ctx.workbook.worksheets.load('items/name');
      await ctx.sync();
      expect([a.rowCount, a.columnCount]).toEqual([3, 5]);
      expect(b.numberFormat).toEqual([['0.##']]);
      expect(b.text).toEqual([['']]); // D9/D10 empty: the formula gives ""
      expect([c.format.font.name, c.format.font.bold, c.rowIndex]).toEqual(['Calibri', false, 7]);
      expect(() => c.format.font.size).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      expect(d.format.fill.color).toBe('#FFFFFF');
      expect(sheets.items.map((s) => s.name)).toEqual([SHEET]);
    });
  });

  it('reads back a set property before sync, as Office.js does, but the computed value only after a load', async () => {
    await insertTemplate();
    await Excel.run(async (ctx) => {
      const d9 = ctx.workbook.worksheets.getItem(SHEET).getRange('D9:D10');
      d9.values = [[2531], [2521]];
      expect(d9.values).toEqual([[2531], [2521]]); // the local copy, not Excel's
      const ratio = ctx.workbook.worksheets.getItem(SHEET).getRange('D8');
      ratio.load('values');
      await ctx.sync();
      expect(ratio.values).toEqual([[99.6]]);
    });
  });

  it('reports a missing sheet at sync (ItemNotFound), not when the proxy is made; earlier commands stay applied', async () => {
    await expect(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(SHEET).getRange('D9').values = [[2531]];
        const missing = ctx.workbook.worksheets.getItem('Biểu mẫu 9'); // no error yet
        missing.getRange('A1').values = [['x']];
        ctx.workbook.worksheets.getItem(SHEET).getRange('D10').values = [[2521]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({
      name: 'RichApi.Error',
      code: 'ItemNotFound',
      debugInfo: { errorLocation: 'WorksheetCollection.getItem' },
    });
    expect(sim.values(SHEET, 'D9:D10')).toEqual([[2531], ['']]);
  });

  it('answers isNullObject for getItemOrNullObject after a sync without an explicit load', async () => {
    await Excel.run(async (ctx) => {
      const there = ctx.workbook.worksheets.getItemOrNullObject(SHEET);
      const gone = ctx.workbook.worksheets.getItemOrNullObject('Phụ lục 8');
      const name = ctx.workbook.names.getItemOrNullObject('CCHC_3_2_1');
      expect(() => gone.isNullObject).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect([there.isNullObject, gone.isNullObject, name.isNullObject]).toEqual([false, true, true]);
      expect(gone.name).toBeUndefined();
    });
  });

  it('rejects a 2-D array whose shape differs from the range (InvalidArgument) and spreads a single value', async () => {
    await expect(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(SHEET).getRange('D9:D10').values = [[2531, 2521]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument', debugInfo: { errorLocation: 'Range.values' } });
    await Excel.run(async (ctx) => {
      (ctx.workbook.worksheets.getItem(SHEET).getRange('D9:D10') as unknown as { values: unknown }).values = 0;
      await ctx.sync();
    });
    expect(sim.values(SHEET, 'D9:D10')).toEqual([[0], [0]]);
  });

  it('leaves a cell alone for null in the input and clears it for ""', async () => {
    sim.seed(SHEET, 'D9:D10', [[2531], [2521]]);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(SHEET).getRange('D9:D10').values = [[null], ['']];
      await ctx.sync();
    });
    expect(sim.values(SHEET, 'D9:D10')).toEqual([[2531], ['']]);
    expect(sim.cell(SHEET, 'D10').valueType).toBe('Empty');
  });
});

describe('sync counting', () => {
  it('counts requests and the commands in each; the empty final sync of Excel.run reaches no host', async () => {
    await insertTemplate();
    sim.resetStats();
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      const inputs = ws.getRange('D9:D10').load('values');
      const ratio = ws.getRange('D8').load('values');
      await ctx.sync();
      if (inputs.values[0][0] === '') ws.getRange('D9:D10').values = [[2531], [2521]];
      ratio.load('values');
      await ctx.sync();
      expect(ratio.values).toEqual([[99.6]]);
    });
    expect(sim.stats).toMatchObject({ runs: 1, syncCalls: 3, syncs: 2, opsPerSync: [2, 2] });
    expect(sim.stats.requestBytes.every((b) => b > 0 && b < 1000)).toBe(true);
  });
});

describe('writes run in queue order', () => {
  it('a load between two writes of the same cell sees the first write; the sheet keeps the second', async () => {
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      ws.getRange('D9').values = [[2500]];
      const first = ws.getRange('D9').load('values');
      ws.getRange('D9').values = [[2531]];
      const second = ws.getRange('D9').load('values');
      await ctx.sync();
      expect([first.values[0][0], second.values[0][0]]).toEqual([2500, 2531]);
    });
    expect(sim.cell(SHEET, 'D9').value).toBe(2531);
  });
});

describe('formulas (HyperFormula)', () => {
  it('computes 3.2 = 99.6 from the seed values 2.531 and 2.521 typed in vi-VN, and "" when a part is empty or zero', async () => {
    await insertTemplate();
    expect(rows.map((r) => r.stt)).toEqual(['3.2.', '3.2.1.', '3.2.2.']);
    expect(sim.cell(SHEET, 'D8').value).toBe('');
    await sim.userEdit(SHEET, 'D9', rows[1].value); // "2.531"
    await sim.userEdit(SHEET, 'D10', rows[2].value); // "2.521"
    expect(sim.values(SHEET, 'D9:D10')).toEqual([[2531], [2521]]);
    expect(sim.cell(SHEET, 'D8')).toMatchObject({ value: 99.6, text: '99,6', formula: RATIO });
    expect(sim.cell(SHEET, 'D9').text).toBe('2.531');

    await sim.userClear(SHEET, 'D10');
    expect(sim.cell(SHEET, 'D8').value).toBe('');
    await sim.userEdit(SHEET, 'D10', '2521');
    await sim.userEdit(SHEET, 'D9', '0');
    expect(sim.cell(SHEET, 'D8')).toMatchObject({ value: '', valueType: 'String', text: '' });
  });

  it('reads the formula back through the API and reports errors as Excel does', async () => {
    await insertTemplate();
    sim.seed(SHEET, 'F1', [['=1/0']]);
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem(SHEET).getRange('D8:F8');
      const f1 = ctx.workbook.worksheets.getItem(SHEET).getRange('F1');
      r.load('formulas, values');
      f1.load('values, valueTypes, text');
      await ctx.sync();
      expect(r.formulas[0][0]).toBe(RATIO);
      expect(r.values[0][1]).toBe(rows[0].note); // "Cấp huyện báo"
      expect([f1.values[0][0], f1.valueTypes[0][0], f1.text[0][0]]).toEqual(['#DIV/0!', 'Error', '#DIV/0!']);
    });
  });

  it('refers to sheets named with spaces and Vietnamese letters, quoted or not', async () => {
    newSim({ sheets: [SHEET, 'Phụlục', 'Tổng hợp'] });
    sim.seed(SHEET, 'D9', [[2531]]);
    sim.seed('Phụlục', 'A1', [[10]]);
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Tổng hợp');
      ws.getRange('A1:B1').formulas = [["='Biểu mẫu 3'!D9*2", '=Phụlục!A1+1']];
      const r = ws.getRange('A1:B1').load('values, formulas, address');
      await ctx.sync();
      expect(r.values).toEqual([[5062, 11]]);
      expect(r.formulas).toEqual([["='Biểu mẫu 3'!D9*2", '=Phụlục!A1+1']]);
      expect(r.address).toBe("'Tổng hợp'!A1:B1");
    });
  });

  it('refuses a formula Excel would not accept (InvalidArgument)', async () => {
    await expect(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(SHEET).getRange('D8').formulas = [['=ROUND(D10/D9*100,2']];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});

describe('names move with inserted rows', () => {
  it('keeps CCHC_3_2_1 on the 3.2.1 value cell after 3 rows are inserted above the table', async () => {
    await insertTemplate();
    await sim.userEdit(SHEET, 'D9:D10', [['2.531'], ['2.521']], { paste: true });
    await Excel.run(async (ctx) => {
      ctx.workbook.names.add('TIEU_DE', ctx.workbook.worksheets.getItem(SHEET).getRange('A1'));
      await ctx.sync();
    });
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      const value321 = ws.getRange('D9'); // a proxy made before the insert keeps following its cell
      value321.load('address');
      await ctx.sync();
      ws.getRange('3:5').insert(Excel.InsertShiftDirection.down);
      const named = ctx.workbook.names.getItem('CCHC_3_2_1');
      named.load('formula, value, type');
      const target = named.getRange().load('address, values');
      value321.load('address');
      await ctx.sync();
      expect(named.formula).toBe("='Biểu mẫu 3'!$D$12");
      expect([named.type, named.value]).toEqual(['Range', "'Biểu mẫu 3'!$D$12"]);
      expect(target.address).toBe("'Biểu mẫu 3'!D12");
      expect(target.values).toEqual([[2531]]);
      expect(value321.address).toBe("'Biểu mẫu 3'!D12");
    });
    expect(sim.nameAddress('CCHC_3_2_2')).toBe("'Biểu mẫu 3'!$D$13");
    expect(sim.nameAddress('TIEU_DE')).toBe("'Biểu mẫu 3'!$A$1");
    expect(sim.cell(SHEET, 'D11')).toMatchObject({
      formula: '=IF(OR(D12="",D13="",D12=0),"",ROUND(D13/D12*100,2))',
      value: 99.6,
      text: '99,6',
    });
    expect(sim.cell(SHEET, 'B12').value).toBe(rows[1].label);
  });

  it('moves names up when rows above are deleted, and turns a name whose cell was deleted into #REF!', async () => {
    await insertTemplate();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(SHEET).getRange('1:2').delete(Excel.DeleteShiftDirection.up);
      await ctx.sync();
    });
    expect(sim.nameAddress('CCHC_3_2_1')).toBe("'Biểu mẫu 3'!$D$7");
    await sim.userDeleteRows(SHEET, '7');
    expect(sim.nameAddress('CCHC_3_2_1')).toBeUndefined();
    await Excel.run(async (ctx) => {
      const n = ctx.workbook.names.getItem('CCHC_3_2_1').load('formula, type');
      const r = n.getRangeOrNullObject();
      await ctx.sync();
      expect([n.formula, n.type, r.isNullObject]).toEqual(['=#REF!', 'Error', true]);
    });
  });
});

describe('onChanged', () => {
  type Args = Excel.WorksheetChangedEventArgs;

  async function listen(): Promise<Args[]> {
    const seen: Args[] = [];
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(SHEET).onChanged.add(async (e) => {
        seen.push(e);
      });
      await ctx.sync();
    });
    return seen;
  }

  it('gives details for a single typed cell and none for a multi-cell paste', async () => {
    await insertTemplate();
    const seen = await listen();
    await sim.userEdit(SHEET, 'D9', '2.531');
    await sim.userEdit(SHEET, 'D9:D10', [['2.531'], ['2.521']], { paste: true });
    expect(seen).toHaveLength(2);
    const sheetId = sim.sheet(SHEET).id;
    expect(seen[0]).toMatchObject({
      type: 'WorksheetChanged',
      changeType: 'RangeEdited',
      source: 'Local',
      triggerSource: 'Unknown',
      worksheetId: sheetId,
      address: 'D9',
      details: { valueBefore: '', valueAfter: 2531, valueTypeBefore: 'Empty', valueTypeAfter: 'Double' },
    });
    expect(seen[1]).toMatchObject({ address: 'D9:D10', details: undefined });
  });

  it("fires for the add-in's own writes too (triggerSource ThisLocalAddin), so the add-in must skip them", async () => {
    const seen = await listen();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(SHEET).getRange('D10').values = [[2521]];
      await ctx.sync();
    });
    await sim.settle();
    expect(seen.map((e) => [e.address, e.source, e.triggerSource, e.details?.valueAfter])).toEqual([
      ['D10', 'Local', 'ThisLocalAddin', 2521],
    ]);
  });

  it('lets the handler read the changed range in its own Excel.run', async () => {
    await insertTemplate();
    const ratios: unknown[] = [];
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(SHEET).onChanged.add((e) =>
        Excel.run(async (c) => {
          const ratio = c.workbook.worksheets.getItem(SHEET).getRange('D8').load('values');
          const changed = e.getRange(c).load('address');
          await c.sync();
          ratios.push([changed.address, ratio.values[0][0]]);
        }),
      );
      await ctx.sync();
    });
    await sim.userEdit(SHEET, 'D9', '2.531');
    await sim.userEdit(SHEET, 'D10', '2.521');
    expect(ratios).toEqual([
      ["'Biểu mẫu 3'!D9", ''],
      ["'Biểu mẫu 3'!D10", 99.6],
    ]);
  });

  it('reports a row insert (RowInserted, shift Down) and nothing while runtime.enableEvents is false', async () => {
    const seen = await listen();
    await sim.userInsertRows(SHEET, '3:4');
    await Excel.run(async (ctx) => {
      ctx.runtime.enableEvents = false;
      ctx.workbook.worksheets.getItem(SHEET).getRange('D10').values = [[1]];
      await ctx.sync();
      ctx.runtime.enableEvents = true;
      await ctx.sync();
    });
    await sim.userEdit(SHEET, 'D11', 2);
    expect(seen.map((e) => [e.changeType, e.address, e.changeDirectionState?.insertShiftDirection])).toEqual([
      ['RowInserted', '3:4', 'Down'],
      ['RangeEdited', 'D11', undefined],
    ]);
  });

  it('stops calling a removed handler', async () => {
    const seen: string[] = [];
    let registered: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | undefined;
    await Excel.run(async (ctx) => {
      registered = ctx.workbook.worksheets.onChanged.add(async (e) => void seen.push(e.address));
      await ctx.sync();
    });
    await sim.userEdit(SHEET, 'D9', 1);
    // As in the Office docs: removal runs in a batch on the context the handler was added with.
    await Excel.run(registered!.context, async (ctx) => {
      registered!.remove();
      await ctx.sync();
    });
    await sim.userEdit(SHEET, 'D9', 2);
    expect(seen).toEqual(['D9']);
  });

  it('leaves triggerSource out on a host older than ExcelApi 1.14', async () => {
    newSim({ maxApi: '1.12' });
    const seen = await listen();
    await sim.userEdit(SHEET, 'D9', 5);
    expect(seen[0].details).toMatchObject({ valueAfter: 5 });
    expect(seen[0].triggerSource).toBeUndefined();
  });
});

describe('request payload limit (Excel on the web: 5 MB)', () => {
  /** 1 000 rows × 5 columns of 1 200-character notes ≈ 6 MB of JSON. */
  const bigNotes = Array.from({ length: 1000 }, (_, i) =>
    Array.from({ length: 5 }, (_, j) => `Ghi chú ${i}.${j} ` + 'đ'.repeat(600)),
  );

  it('rejects one sync carrying more than 5 MB and writes nothing', async () => {
    await expect(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(SHEET).getRange('A1:E1000').values = bigNotes;
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(sim.stats.requestBytes[0]).toBeGreaterThan(5 * 1024 * 1024);
    expect(sim.cell(SHEET, 'A1').value).toBe('');
  });

  it('accepts the same data in chunks of 250 rows, one sync each', async () => {
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      for (let r = 0; r < bigNotes.length; r += 250) {
        ws.getRangeByIndexes(r, 0, 250, 5).values = bigNotes.slice(r, r + 250);
        await ctx.sync();
      }
    });
    expect(sim.stats.syncs).toBe(4);
    expect(Math.max(...sim.stats.requestBytes)).toBeLessThan(5 * 1024 * 1024);
    expect(sim.cell(SHEET, 'E1000').value).toBe(bigNotes[999][4]);
  });

  it('uses a configurable limit (here 2 KB) so chunking can be tested on small data', async () => {
    newSim({ requestLimitBytes: 2048 });
    const table = form3.rows.map((r) => [r.stt, r.label, r.unit, r.value, r.note]); // 25 rows, ≈ 2.4 KB
    await expect(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(SHEET).getRange(`A1:E${table.length}`).values = table;
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      ws.getRange('A1:E13').values = table.slice(0, 13);
      await ctx.sync();
      ws.getRange(`A14:E${table.length}`).values = table.slice(13);
      await ctx.sync();
    });
    expect(sim.stats.requestBytes.slice(-2).every((b) => b <= 2048)).toBe(true);
    expect(sim.cell(SHEET, 'B25').value).toBe(form3.rows[24].label);
  });
});

describe('requirement sets', () => {
  it('answers isSetSupported from the configured ExcelApi version and throws ApiNotFound for newer members', async () => {
    newSim({ maxApi: '1.12' });
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.12')).toBe(true);
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.13')).toBe(false);
    expect(Office.context.requirements.isSetSupported('ExcelApi', 1.9 as unknown as string)).toBe(true);
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem(SHEET).getRange('A8:C8');
      expect(() => r.getMergedAreasOrNullObject()).toThrow(expect.objectContaining({ code: 'ApiNotFound' }));
      r.merge(false); // 1.2: fine
      await ctx.sync();
    });
    newSim({ maxApi: '1.6' });
    await Excel.run(async (ctx) => {
      expect(() => ctx.workbook.worksheets.getItem(SHEET).freezePanes).toThrow(
        expect.objectContaining({ code: 'ApiNotFound' }),
      );
      expect(() => ctx.workbook.worksheets.getItem(SHEET).getRange('D9').dataValidation).toThrow(
        expect.objectContaining({ code: 'ApiNotFound' }),
      );
      await ctx.sync();
    });
  });
});

describe('formatting, validation, conditional formats, protection, page setup', () => {
  it('stores formats and reports null for a property that differs across the range', async () => {
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      const header = ws.getRange('A7:E7');
      header.values = [['STT', 'Chỉ tiêu thống kê', 'Đơn vị tính', 'Số liệu', 'Ghi chú']];
      header.format.font.set({ name: 'Times New Roman', size: 12, bold: true });
      header.format.fill.color = 'lightgray';
      header.format.horizontalAlignment = Excel.HorizontalAlignment.center;
      header.format.borders.getItem('EdgeBottom').style = 'Continuous';
      ws.getRange('B8').format.wrapText = true;
      ws.getRange('B:B').format.columnWidth = 300;
      ws.getRange('A1:E1').merge();
      const mixed = ws.getRange('A7:A8').load('format/font/bold');
      const border = ws.getRange('A8').format.borders.getItem('EdgeTop').load('style, weight');
      const fill = header.format.fill.load('color');
      await ctx.sync();
      expect(mixed.format.font.bold).toBeNull();
      expect([border.style, border.weight]).toEqual(['Continuous', 'Thin']); // shared edge with A7's bottom
      expect(fill.color).toBe('#D3D3D3');
    });
    expect(sim.cell(SHEET, 'D7').format).toMatchObject({
      fontName: 'Times New Roman',
      fontSize: 12,
      bold: true,
      hAlign: 'Center',
    });
    expect(sim.cell(SHEET, 'C1').mergedArea).toBe('A1:E1');
  });

  it('checks typed values against data validation (Stop refuses), while API writes bypass it and show in `valid`', async () => {
    await insertTemplate();
    await Excel.run(async (ctx) => {
      const inputs = ctx.workbook.worksheets.getItem(SHEET).getRange('D9:D10');
      inputs.dataValidation.rule = {
        wholeNumber: { formula1: 0, operator: Excel.DataValidationOperator.greaterThanOrEqualTo },
      };
      inputs.dataValidation.errorAlert = {
        showAlert: true,
        style: 'Stop',
        title: 'Số liệu không hợp lệ',
        message: 'Nhập số nguyên không âm (số hồ sơ).',
      };
      await ctx.sync();
    });
    expect(await sim.userEdit(SHEET, 'D9', '-5')).toMatchObject({
      accepted: false,
      reason: 'validation',
      alert: { title: 'Số liệu không hợp lệ' },
    });
    expect(await sim.userEdit(SHEET, 'D9', '2.531')).toEqual({ accepted: true });
    await Excel.run(async (ctx) => {
      const dv = ctx.workbook.worksheets.getItem(SHEET).getRange('D9:D10').dataValidation;
      dv.load('type, valid');
      ctx.workbook.worksheets.getItem(SHEET).getRange('D10').values = [[2521.5]];
      const after = ctx.workbook.worksheets.getItem(SHEET).getRange('D10').dataValidation.load('valid');
      await ctx.sync();
      expect([dv.type, dv.valid, after.valid]).toEqual(['WholeNumber', true, false]);
    });
  });

  it('evaluates a custom conditional format for each cell of its range', async () => {
    await insertTemplate();
    await Excel.run(async (ctx) => {
      const cf = ctx.workbook.worksheets
        .getItem(SHEET)
        .getRange('D9:D10')
        .conditionalFormats.add(Excel.ConditionalFormatType.custom);
      cf.custom.rule.formula = '=AND(D9<>"",NOT(ISNUMBER(D9)))';
      cf.custom.format.fill.color = '#FFC7CE';
      cf.custom.format.font.color = '#9C0006';
      await ctx.sync();
    });
    await sim.userEdit(SHEET, 'D9', 'hai nghìn');
    await sim.userEdit(SHEET, 'D10', '2.521');
    expect(sim.cell(SHEET, 'D9').conditionalFormats.map((c) => c.format.fill)).toEqual(['#FFC7CE']);
    expect(sim.cell(SHEET, 'D10').conditionalFormats).toEqual([]);
  });

  it('protects locked cells from the add-in (AccessDenied) and the user, but not unlocked ones', async () => {
    await insertTemplate();
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      ws.getRange('D9:D10').format.protection.locked = false;
      ws.protection.protect({ allowFormatColumns: true });
      await ctx.sync();
      ws.getRange('D9').values = [[2531]];
      await ctx.sync();
      ws.getRange('B9').values = [['sửa nhãn']];
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
      ws.protection.load('protected, options');
      await ctx.sync();
      expect([
        ws.protection.protected,
        ws.protection.options.allowFormatColumns,
        ws.protection.options.allowInsertRows,
      ]).toEqual([true, true, false]);
    });
    expect(await sim.userEdit(SHEET, 'C9', 'Hồ sơ')).toEqual({ accepted: false, reason: 'protected' });
    expect(await sim.userEdit(SHEET, 'D10', '2.521')).toEqual({ accepted: true });
    expect(sim.cell(SHEET, 'D8').value).toBe(99.6);
  });

  it('keeps freeze panes, print titles, zoom, margins and paper size', async () => {
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      ws.freezePanes.freezeRows(7);
      ws.pageLayout.orientation = Excel.PageOrientation.landscape;
      ws.pageLayout.paperSize = Excel.PaperType.a4;
      ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      ws.pageLayout.setPrintTitleRows('$7:$7');
      ws.pageLayout.setPrintMargins('Inches', { left: 0.7, right: 0.5 });
      await ctx.sync();
      ws.getRange('1:2').insert('Down');
      const titles = ws.pageLayout.getPrintTitleRowsOrNullObject().load('address');
      const frozen = ws.freezePanes.getLocationOrNullObject().load('address');
      ws.pageLayout.load('orientation, paperSize, zoom, leftMargin, rightMargin');
      await ctx.sync();
      expect(titles.address).toBe("'Biểu mẫu 3'!9:9");
      expect(frozen.address).toBe("'Biểu mẫu 3'!1:7");
      expect(ws.pageLayout.toJSON()).toEqual({
        orientation: 'Landscape',
        paperSize: 'A4',
        zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
        leftMargin: 50.4,
        rightMargin: 36,
      });
    });
  });

  it('adds, renames, hides and orders worksheets with Excel’s rules', async () => {
    await Excel.run(async (ctx) => {
      const meta = ctx.workbook.worksheets.add('_cchc');
      meta.visibility = Excel.SheetVisibility.veryHidden;
      const tonghop = ctx.workbook.worksheets.add('Tổng hợp');
      tonghop.position = 0;
      await ctx.sync();
      ctx.workbook.worksheets.add('biểu MẪU 3');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
      ctx.workbook.worksheets.add('Biểu/mẫu');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
      const sheets = ctx.workbook.worksheets.load('items/name, items/visibility, items/position');
      await ctx.sync();
      expect(sheets.items.map((s) => [s.name, s.visibility, s.position])).toEqual([
        ['Tổng hợp', 'Visible', 0],
        [SHEET, 'Visible', 1],
        ['_cchc', 'VeryHidden', 2],
      ]);
    });
  });
});

describe('more of the workbook an add-in touches', () => {
  it('finds the used range (values only, or with formatting) and follows the selection', async () => {
    await insertTemplate();
    sim.userSelect(SHEET, 'D9');
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      ws.getRange('G20').format.fill.color = '#FFFF00';
      const withFormats = ws.getUsedRange().load('address');
      const valuesOnly = ws.getUsedRange(true).load('address');
      const selected = ctx.workbook.getSelectedRange().load('address');
      await ctx.sync();
      expect([valuesOnly.address, withFormats.address, selected.address]).toEqual([
        "'Biểu mẫu 3'!A8:E10",
        "'Biểu mẫu 3'!A8:G20",
        "'Biểu mẫu 3'!D9",
      ]);
      ws.getRange('D10').select();
      const now = ctx.workbook.getSelectedRange().load('address');
      const count = ctx.workbook.worksheets.getCount();
      expect(() => count.value).toThrow(expect.objectContaining({ code: 'ValueNotLoaded' }));
      await ctx.sync();
      expect([now.address, count.value]).toEqual(["'Biểu mẫu 3'!D10", 1]);
    });
  });

  it('makes a row with a long wrapped label taller on autofit (an estimate: only Excel measures glyphs)', async () => {
    await insertTemplate();
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      ws.getRange('B:B').format.columnWidth = 150;
      ws.getRange('B8:B10').format.wrapText = true;
      ws.getRange('8:10').format.rowHeight = 15;
      await ctx.sync();
      ws.getRange('8:10').format.autofitRows();
      const heights = [8, 9, 10].map((r) => ws.getRange(`A${r}`).format.load('rowHeight'));
      await ctx.sync();
      const [h8, h9] = heights.map((h) => h.rowHeight);
      expect(rows[0].label.length).toBeGreaterThan(rows[1].label.length);
      expect(h8).toBeGreaterThan(h9);
      expect(h9).toBeGreaterThan(15);
    });
  });

  it('keeps custom XML parts (metadata the add-in may store in the workbook)', async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.customXmlParts.add('<cchc xmlns="urn:cchc:meta"><form id="BM3" rows="25"/></cchc>');
      await ctx.sync();
      const part = ctx.workbook.customXmlParts.getByNamespace('urn:cchc:meta').getOnlyItemOrNullObject();
      await ctx.sync();
      expect(part.isNullObject).toBe(false);
      const xml = part.getXml();
      await ctx.sync();
      expect(xml.value).toContain('<form id="BM3" rows="25"/>');
    });
  });

  it('warns when a label that starts with "-" is written as a value (Excel reads such values as formulas)', async () => {
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(SHEET);
      ws.getRange('B9').values = [['- Số hồ sơ tiếp nhận trực tuyến']];
      ws.getRange('B10').numberFormat = [['@']];
      ws.getRange('B10').values = [['- Số hồ sơ tiếp nhận trực tiếp']];
      await ctx.sync();
    });
    expect(sim.values(SHEET, 'B9:B10')).toEqual([
      ['- Số hồ sơ tiếp nhận trực tuyến'],
      ['- Số hồ sơ tiếp nhận trực tiếp'],
    ]);
    expect(sim.warnings).toHaveLength(1);
    expect(sim.warnings[0]).toMatch(/B9.*starts with "-"/);
  });
});
