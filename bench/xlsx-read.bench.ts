/**
 * Per-file cost of reading a received appendix workbook: this project's reader
 * (src/io/xlsx-read) against ExcelJS, on a realistic 7-form workbook built from seed 000
 * (8 sheets, ~70 rows on the largest), with and without a whole-column data validation
 * (D5:D1048576 on every form). Prints a table of medians; not a test.
 *
 *   node --import tsx bench/xlsx-read.bench.ts [--quick]
 */
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { readXlsx } from '../src/io/xlsx-read';
import { buildAppendixWorkbook } from '../test/fixtures/xlsx/appendix-workbook';

const quick = process.argv.includes('--quick');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

async function timeIt(run: () => unknown, warmup: number, runs: number): Promise<number> {
  for (let i = 0; i < warmup; i++) await run();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await run();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

/** ExcelJS load plus extracting every cell value, as a reader of reports would. */
async function readWithExcelJS(bytes: Uint8Array): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  let n = 0;
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell(() => {
        n++;
      }),
    ),
  );
  return n;
}

function countCells(bytes: Uint8Array): number {
  return readXlsx(bytes).sheets.reduce((n, s) => n + s.cells.length, 0);
}

async function main(): Promise<void> {
  const plain = await buildAppendixWorkbook();
  const withDv = await buildAppendixWorkbook({ wholeColumnValidation: true });
  const n = quick ? 30 : 300;
  const rows: [string, string, string, string][] = [];
  const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(2));

  const oursPlain = await timeIt(() => countCells(plain.bytes), 50, n);
  const unzipPlain = await timeIt(() => unzipSync(plain.bytes), 50, n);
  const exceljsPlain = await timeIt(() => readWithExcelJS(plain.bytes), 10, quick ? 10 : 100);
  rows.push([
    '7 forms + 1 hidden sheet',
    `${(plain.bytes.length / 1024).toFixed(0)} KB`,
    fmt(oursPlain),
    fmt(exceljsPlain),
  ]);

  const oursDv = await timeIt(() => countCells(withDv.bytes), 50, n);
  const heapBefore = process.memoryUsage().rss;
  const exceljsDv = await timeIt(() => readWithExcelJS(withDv.bytes), 0, quick ? 1 : 3);
  const rssGrowth = (process.memoryUsage().rss - heapBefore) / (1024 * 1024);
  rows.push([
    'same + D5:D1048576 validation',
    `${(withDv.bytes.length / 1024).toFixed(0)} KB`,
    fmt(oursDv),
    fmt(exceljsDv),
  ]);

  console.log(
    `Node ${process.version}, median ms per file (${n} runs; ExcelJS with validation: ${quick ? 1 : 3} runs)\n`,
  );
  console.log('| workbook | size | xlsx-read | ExcelJS | ratio |');
  console.log('|---|---|---|---|---|');
  for (const [name, size, ours, theirs] of rows) {
    console.log(`| ${name} | ${size} | ${ours} | ${theirs} | ${(Number(theirs) / Number(ours)).toFixed(0)}× |`);
  }
  console.log(`\nfflate unzipSync of the whole package alone: ${fmt(unzipPlain)} ms`);
  console.log(`cells read: ${countCells(plain.bytes)} (ExcelJS: ${await readWithExcelJS(plain.bytes)})`);
  console.log(`RSS growth while ExcelJS read the validated workbook: ${rssGrowth.toFixed(0)} MB`);
}

void main();
