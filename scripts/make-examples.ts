/**
 * Writes examples/*.xlsx: received-style, hand-typed appendix workbooks built from the seed
 * tables (test/fixtures/seeds), each in another layout and number habit, for trying
 * `cchc check` on. Run: node --import tsx scripts/make-examples.ts
 */
import { promises as fs } from 'fs';
import path from 'path';
import { buildHandmade, type HandmadeOptions } from '../test/helpers/handmade';
import { loadSeed } from '../test/helpers/seeds';

interface Example {
  file: string;
  seed: '000' | '001' | '003' | '004';
  what: string;
  options: HandmadeOptions;
}

export const EXAMPLES: Example[] = [
  {
    file: 'xa-cam-hung-phu-luc-1b.xlsx',
    seed: '001',
    what: 'Xã Cẩm Hưng (seed 001), Phụ lục 1B: một bảng dài, tiêu đề cột lặp lại sau mỗi trang in, số gõ dạng chữ kiểu Việt («1.213», «97,74»), tiêu đề «ỦY BAN NHÂN DÂN / XÃ CẨM HƯNG».',
    options: {
      layout: 'single-table',
      habit: 'vn-text',
      header: 'ket-qua',
      titles: 'split',
      repeatHeaderEvery: 40,
      topPadding: 1,
    },
  },
  {
    file: 'huyen-kong-chro-bieu-mau-1-7.xlsx',
    seed: '000',
    what: 'Huyện Kông Chro (seed 000): mỗi biểu một trang tính, tiêu đề cột một dòng, STT không dấu chấm, gõ trên Excel tiếng Anh (2.531 thành số 2,531; 100% thành 1 định dạng phần trăm).',
    options: { layout: 'sheet-per-form', habit: 'en-us', header: 'one-row', stt: 'no-dot' },
  },
  {
    file: 'tinh-kien-giang-bieu-mau.xlsx',
    seed: '004',
    what: 'Tỉnh Kiên Giang (seed 004): bảy biểu xếp chồng trên một trang tính, cột «Ghi chú» đứng trước «Số liệu», thêm cột «Cơ quan chủ trì», số có dấu phẩy hàng nghìn («2,004», «19,044»).',
    options: {
      layout: 'stacked',
      habit: 'comma-thousands',
      header: 'one-row',
      columns: ['stt', 'label', 'unit', 'note', 'value', 'extra'],
    },
  },
];

async function main(): Promise<void> {
  const root = path.join(__dirname, '..');
  const dir = path.join(root, 'examples');
  await fs.mkdir(dir, { recursive: true });
  for (const ex of EXAMPLES) {
    const { bytes } = await buildHandmade(loadSeed(ex.seed), ex.options);
    await fs.writeFile(path.join(dir, ex.file), bytes);
    process.stdout.write(`examples/${ex.file}: ${ex.what}\n`);
  }
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
}
