/**
 * Files chosen in the pane are size-checked before a byte is read (a browser holds a file whole in
 * memory): one too big is listed unreadable with why, and the others are consolidated as usual.
 */
import { chosenFileBytes, chosenFiles } from '../src/taskpane/chosen-files';
import { runConsolidation } from '../src/taskpane/consolidate-job';
import { buildHandmade } from './helpers/handmade';
import { loadSeed } from './helpers/seeds';

/** A file the pane was given: its bytes, or (huge) a size whose bytes must never be asked for. */
function chosen(name: string, bytes?: Uint8Array, size = bytes?.length ?? 0): File {
  return {
    name,
    size,
    arrayBuffer: async () => {
      if (!bytes) throw new Error(`the bytes of ${name} were read`);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    },
  } as unknown as File;
}

test('a 3 GB file is refused from its size, and the other child is consolidated', async () => {
  const good = new Uint8Array(
    (await buildHandmade(loadSeed('001'), { layout: 'single-table', habit: 'vn-text' })).bytes,
  );
  const huge = chosen('xa-khac.xlsx', undefined, 3 * 1024 ** 3);
  await expect(chosenFileBytes(huge)).rejects.toThrow('Không đọc tệp «xa-khac.xlsx»: tệp có 3.072 MB');
  const files = await chosenFiles([chosen('cam-hung.xlsx', good), huge]);
  const progress: string[] = [];
  const r = runConsolidation(
    { files, templateId: 'bnv2022-huyen', level: 'huyen', period: '6T', year: 2022, unit: 'UBND huyện Cẩm Xuyên' },
    (p) => progress.push(`${p.file} ${p.state}`),
  );
  expect(r.units.map((u) => [u.file, u.status])).toEqual([['cam-hung.xlsx', 'received']]);
  expect(r.problems).toEqual([
    {
      file: 'xa-khac.xlsx',
      message: expect.stringMatching(/^Không đọc tệp «xa-khac\.xlsx»: tệp có 3\.072 MB, lớn hơn giới hạn 100 MB/),
    },
  ]);
  expect(progress).toContain('xa-khac.xlsx error');
});
