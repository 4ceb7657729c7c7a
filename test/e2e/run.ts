/**
 * The browser test (`npm run test:e2e`): the production task pane, built with `--env e2e`, in Debian's
 * Chromium driven by playwright-core, against the simulated Excel host (test/e2e/sim-host.ts) instead
 * of Office.js — everything served from 127.0.0.1, nothing fetched from anywhere else.
 *
 * Scenario: insert the BNV 2022 district appendix → type the district's figures and paste a wrong
 * percentage → the finding appears with its suggestion → apply it → the finding disappears →
 * consolidate the communes' files (written at test time with the CLI's writer): first as another
 * district, which the pane refuses (the workbook's own figures are Kông Chro's), then as Kông Chro with
 * its report number and date, three good reports, a Quý I report, last year's report and a blank table,
 * with a roster naming one more commune → the progress shows each file left out and why, the status
 * sheet lists them and the missing commune, the sums are the good communes' alone and the appendix
 * says «Kèm theo Báo cáo số 45/BC-UBND ngày 12 tháng 6 năm 2022» → «Thêm mẫu mới» learns a form typed
 * on another sheet, one rule unticked, kept in the workbook, exported and imported as .json. A screenshot per step goes to
 * test-artifacts/e2e/. Prints "N passed, N failed" last; appends "N M" to $CCHC_SUMMARY_FILE.
 *
 * E2E_SKIP_BUILD=1 reuses test-artifacts/e2e/site from a previous build.
 */
import { spawnSync } from 'child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'fs';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { COMMUNES, EXCLUDED, FULL_ROSTER, MISSING_UNIT, communeWorkbook } from './fixtures';
import { NEW_FORM_ROWS } from '../helpers/new-form';
import { fileToolScenario } from './file-tool';

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'test-artifacts', 'e2e');
const SITE = path.join(OUT, 'site');
const FILES = path.join(OUT, 'files');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STEP_TIMEOUT = 60_000;

const results: { name: string; ok: boolean; error?: string; ms: number }[] = [];

function log(s: string): void {
  process.stdout.write(`${s}\n`);
}

function build(): void {
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(path.join(SITE, 'taskpane-e2e.html'))) {
    log('Dùng bản dựng có sẵn trong test-artifacts/e2e/site.');
    return;
  }
  log('Đang dựng task pane (production, --env e2e)…');
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production', '--env', 'e2e'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`webpack thất bại:\n${r.stdout}\n${r.stderr}`);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = path.join(dir, path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
    });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

async function step(
  name: string,
  page: Page | undefined,
  shot: string | undefined,
  body: () => Promise<void>,
): Promise<boolean> {
  const t0 = Date.now();
  try {
    await Promise.race([
      body(),
      new Promise((_r, reject) => setTimeout(() => reject(new Error(`quá ${STEP_TIMEOUT / 1000} giây`)), STEP_TIMEOUT)),
    ]);
    results.push({ name, ok: true, ms: Date.now() - t0 });
    log(`  ✓ ${name} (${Date.now() - t0} ms)`);
    return true;
  } catch (e) {
    results.push({ name, ok: false, error: (e as Error).message, ms: Date.now() - t0 });
    log(`  ✕ ${name}\n      ${(e as Error).message.split('\n').join('\n      ')}`);
    return false;
  } finally {
    if (page && shot) await page.screenshot({ path: path.join(OUT, shot), fullPage: true }).catch(() => undefined);
  }
}

function expect(cond: boolean, message: string): void {
  if (!cond) throw new Error(message);
}

type Sim = {
  sheetNames: string[];
  nameAddress(n: string): string | undefined;
  values(s: string, a: string): unknown[][];
  cell(s: string, a: string): { value: unknown };
  userEdit(s: string, a: string, v: unknown, o?: { paste?: boolean }): Promise<{ accepted: boolean }>;
  model: { selection?: { sheet: { name: string }; rect: { r0: number; c0: number } } };
};

/** Where a CCHC_* name points now: sheet and address. */
async function cellOfName(page: Page, name: string): Promise<{ sheet: string; address: string }> {
  const ref = await page.evaluate((n) => (window as unknown as { __sim: Sim }).__sim.nameAddress(n), name);
  const m = /^'(.+)'!\$([A-Z]+)\$(\d+)$/.exec(ref ?? '');
  if (!m) throw new Error(`tên ${name} không trỏ tới ô nào (${ref})`);
  return { sheet: m[1].replace(/''/g, "'"), address: `${m[2]}${m[3]}` };
}

async function userEdit(page: Page, name: string, value: string, paste = false): Promise<boolean> {
  const { sheet, address } = await cellOfName(page, name);
  const r = await page.evaluate(
    ([s, a, v, p]) =>
      (window as unknown as { __sim: Sim }).__sim.userEdit(s as string, a as string, v, { paste: p as boolean }),
    [sheet, address, value, paste] as const,
  );
  return r.accepted;
}

async function main(): Promise<number> {
  mkdirSync(OUT, { recursive: true });
  for (const f of readdirSync(OUT)) if (f.endsWith('.png')) rmSync(path.join(OUT, f));
  build();
  mkdirSync(FILES, { recursive: true });
  const childFiles: string[] = [];
  for (const c of [...COMMUNES, ...EXCLUDED]) {
    const f = path.join(FILES, c.file);
    writeFileSync(f, await communeWorkbook(c));
    childFiles.push(f);
  }
  const rosterFile = path.join(FILES, 'danh-sach-xa.txt');
  writeFileSync(rosterFile, `# Các xã của huyện Kông Chro phải nộp báo cáo\n${FULL_ROSTER.join('\n')}\n`);

  const { server, origin } = await serve(SITE);
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'cchc-e2e-'));
  let context: BrowserContext | undefined;
  const offsite: string[] = [];
  const pageErrors: string[] = [];
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 350, height: 900 },
      locale: 'vi-VN',
      serviceWorkers: 'block',
      // Screenshots of settled dialogs, not of their opening animation.
      reducedMotion: 'reduce',
    });
    context.on('request', (req) => {
      const u = req.url();
      if (!u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:')) offsite.push(u);
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
    page.on('response', (r) => r.status() >= 400 && pageErrors.push(`${r.status()} ${r.url()}`));
    const sheetNames = () => page.evaluate(() => (window as unknown as { __sim: Sim }).__sim.sheetNames);

    log('Kịch bản trong Chromium (350 px):');
    await step('task pane mở với ba thẻ, trên Excel mô phỏng', page, '01-mo-task-pane.png', async () => {
      await page.goto(`${origin}/taskpane-e2e.html`);
      for (const name of ['Chèn biểu mẫu', 'Kiểm tra', 'Tổng hợp']) await page.getByRole('tab', { name }).waitFor();
      expect((await page.title()).includes('CCHC'), 'tiêu đề trang');
    });

    await step('chèn phụ lục BNV 2022 cấp huyện (bảy biểu mẫu)', page, '02-chen-bieu-mau.png', async () => {
      await page.getByRole('tab', { name: 'Chèn biểu mẫu' }).click();
      await page.getByLabel('Mẫu phụ lục').selectOption('bnv2022-huyen');
      await page.getByLabel('Cấp báo cáo').selectOption('huyen');
      await page.getByLabel('Kỳ báo cáo').selectOption('6T');
      await page.getByLabel('Năm').fill('2022');
      await page.getByLabel('Đơn vị báo cáo').fill('UBND huyện Kông Chro');
      await page.getByLabel('Số báo cáo').fill('371/BC-UBND');
      await page.getByLabel('Ngày').fill('10/06/2022');
      await page.getByRole('button', { name: 'Chèn biểu mẫu' }).click();
      await page.getByText('Đã chèn biểu mẫu').waitFor();
      const names = await sheetNames();
      expect(
        JSON.stringify(names) ===
          JSON.stringify([
            'Sheet1',
            'Biểu mẫu 1',
            'Biểu mẫu 2',
            'Biểu mẫu 3',
            'Biểu mẫu 4',
            'Biểu mẫu 5',
            'Biểu mẫu 6',
            'Biểu mẫu 7',
            '_cchc',
          ]),
        `trang tính: ${names.join(', ')}`,
      );
    });

    await step(
      'nhập số liệu, dán tỷ lệ sai ở 5.2.2 → phát hiện kèm đề nghị sửa',
      page,
      '03-phat-hien.png',
      async () => {
        for (const [n, v] of [
          ['CCHC_BM1__1', '58'],
          ['CCHC_BM1__2_1', '43'],
          ['CCHC_BM1__2_2', '7'],
          ['CCHC_BM3__3_2_1', '2.531'],
          ['CCHC_BM3__3_2_2', '2.521'],
        ] as const) {
          expect(await userEdit(page, n, v), `Excel từ chối ${v} ở ${n}`);
        }
        // Typed, the native validation refuses 150 %; pasted, it gets in.
        expect(!(await userEdit(page, 'CCHC_BM7__5_2_2', '150')), 'xác thực dữ liệu của Excel phải từ chối 150 khi gõ');
        expect(await userEdit(page, 'CCHC_BM7__5_2_2', '150', true), 'dán 150');
        await page.getByRole('tab', { name: /Kiểm tra/ }).click();
        await page.getByRole('button', { name: 'Sửa thành 1,5' }).waitFor();
        await page.getByText(/Dòng 5\.2\.2 là tỷ lệ phần trăm, phải từ 0 đến 100; đang ghi 150/).waitFor();
        await page.getByText('Lỗi: 1').waitFor();
        const { sheet, address } = await cellOfName(page, 'CCHC_BM7__5_2_2');
        await page.getByRole('button', { name: 'Đi tới ô' }).first().click();
        await page.waitForFunction(
          ([sh, a]) => {
            const sel = (window as unknown as { __sim: Sim }).__sim.model.selection;
            return !!sel && sel.sheet.name === sh && `D${sel.rect.r0 + 1}` === a;
          },
          [sheet, address] as const,
        );
      },
    );

    await step('bấm «Sửa thành 1,5» → ô được sửa, phát hiện biến mất', page, '04-da-sua.png', async () => {
      await page.getByRole('button', { name: 'Sửa thành 1,5' }).click();
      await page.getByText('Không thấy sai sót nào trong số liệu đã nhập.').waitFor();
      const { sheet, address } = await cellOfName(page, 'CCHC_BM7__5_2_2');
      const v = await page.evaluate(([s, a]) => (window as unknown as { __sim: Sim }).__sim.cell(s, a).value, [
        sheet,
        address,
      ] as const);
      expect(v === 1.5, `ô ${address} = ${String(v)}`);
      expect((await page.getByRole('button', { name: /Sửa thành/ }).count()) === 0, 'vẫn còn nút sửa');
    });

    await step('«Kiểm tra toàn bộ» đếm các chỉ tiêu bắt buộc còn trống', page, '04b-kiem-tra-toan-bo.png', async () => {
      await page.getByRole('button', { name: 'Kiểm tra toàn bộ' }).click();
      await page.getByText(/^Chưa nhập: \d+$/).waitFor();
      await page.getByText(/Đã kiểm tra toàn bộ/).waitFor();
      const groups = page.getByRole('group', { name: /^Chưa nhập \d+ chỉ tiêu$/ });
      expect((await groups.count()) >= 5, `${await groups.count()} nhóm chỉ tiêu chưa nhập`);
    });

    await step(
      'chèn lại vào sổ tính đã có biểu mẫu → hộp thoại hỏi; «Hủy» không ghi đè gì',
      page,
      '05b-da-huy.png',
      async () => {
        const before = await sheetNames();
        await page.getByRole('tab', { name: 'Chèn biểu mẫu' }).click();
        await page.getByRole('button', { name: 'Chèn biểu mẫu' }).click();
        const dialog = page.getByRole('alertdialog');
        await dialog.waitFor();
        for (const name of ['Thay thế', 'Đặt tên mới', 'Hủy']) await dialog.getByRole('button', { name }).waitFor();
        await dialog.getByText('Biểu mẫu 7').waitFor();
        await page.waitForTimeout(400);
        await page.screenshot({ path: path.join(OUT, '05-hoi-khi-trung-ten.png'), fullPage: true });
        await dialog.getByRole('button', { name: 'Hủy' }).click();
        await page.getByText(/Đã hủy: sổ tính giữ nguyên/).waitFor();
        expect(JSON.stringify(await sheetNames()) === JSON.stringify(before), 'trang tính đã thay đổi');
        const { sheet, address } = await cellOfName(page, 'CCHC_BM7__5_2_2');
        const v = await page.evaluate(([s, a]) => (window as unknown as { __sim: Sim }).__sim.cell(s, a).value, [
          sheet,
          address,
        ] as const);
        expect(v === 1.5, 'số liệu đã nhập bị ghi đè');
      },
    );

    await step(
      'tổng hợp với tên đơn vị khác → từ chối dùng số liệu của huyện Kông Chro, có nút xác nhận',
      page,
      '06a-tu-choi-so-lieu.png',
      async () => {
        await page.getByRole('tab', { name: 'Tổng hợp' }).click();
        await page.getByLabel('Tệp báo cáo của đơn vị cấp dưới').setInputFiles(childFiles);
        await page.getByLabel('Tệp danh sách đơn vị').setInputFiles(rosterFile);
        await page.getByText('7 đơn vị, lấy từ tệp danh-sach-xa.txt').waitFor();
        const unit = page.getByLabel('Đơn vị tổng hợp');
        expect((await unit.inputValue()) === 'UBND huyện Kông Chro', `đơn vị: ${await unit.inputValue()}`);
        await unit.fill('UBND huyện Đak Pơ');
        await page.getByRole('button', { name: 'Tổng hợp', exact: true }).click();
        await page.getByText(/là của «UBND huyện Kông Chro», không phải của «UBND huyện Đak Pơ»/).waitFor();
        await page.getByRole('button', { name: 'Vẫn dùng số liệu trong sổ tính' }).waitFor();
        // Refused before any file was read.
        expect((await page.getByText('Chờ đọc').count()) === childFiles.length, 'tệp đã được đọc dù bị từ chối');
        const names = await sheetNames();
        expect(!names.includes('Tình hình nộp báo cáo'), 'đã ghi kết quả dù bị từ chối');
        await unit.fill('UBND huyện Kông Chro');
      },
    );

    await step(
      'tổng hợp sáu tệp (thanh tiến độ từng tệp) → ba tệp không được tổng hợp, nêu lý do; trang tình hình và phụ lục sẵn sàng để ký',
      page,
      '06-tong-hop.png',
      async () => {
        const bars = page.getByRole('progressbar');
        expect((await bars.count()) === childFiles.length, `có ${await bars.count()} thanh tiến độ`);
        await page.getByLabel('Số báo cáo của đơn vị').fill('45');
        await page.getByLabel('Ngày báo cáo').fill('12/06/2022');
        await page.getByRole('button', { name: 'Tổng hợp', exact: true }).click();
        await page.getByText('Đã ghi kết quả tổng hợp').waitFor();
        for (const c of COMMUNES) await page.getByText(`${c.unit} · Cấp xã`).waitFor();
        // Each file left out says why, next to its bar and in the list.
        await page
          .getByText('Không tổng hợp: sai kỳ báo cáo — Báo cáo Quý I năm 2022, cần 6 tháng đầu năm 2022')
          .first()
          .waitFor();
        await page
          .getByText('Không tổng hợp: sai kỳ báo cáo — Báo cáo 6 tháng đầu năm 2021, cần 6 tháng đầu năm 2022')
          .first()
          .waitFor();
        await page.getByText('Không tổng hợp: báo cáo trống — Không có số liệu nào (chỉ có tiêu đề)').first().waitFor();
        const list = page.getByRole('list', { name: 'Tệp không được tổng hợp' });
        for (const c of EXCLUDED)
          await list.getByText(new RegExp(`^${c.file.replace(/\./g, '\\.')}: ${c.unit}`)).waitFor();
        await page
          .getByText(/3 tệp không được tổng hợp \(sai kỳ báo cáo: 2; báo cáo trống: 1\); còn 1 đơn vị chưa nộp/)
          .waitFor();
        await page.getByText(/Chưa nộp: Xã Đăk Pling\./).waitFor();
        expect((await bars.count()) === childFiles.length, 'thanh tiến độ còn hiển thị');
        const status = await page.evaluate(() =>
          (window as unknown as { __sim: Sim }).__sim.values('Tình hình nộp báo cáo', 'B4:D10'),
        );
        const line = (u: string) => status.find((r) => r[0] === u)?.[2];
        expect(
          line('Xã Đăk Pling') === 'Chưa nộp' && MISSING_UNIT === 'Xã Đăk Pling',
          `trang tình hình: ${JSON.stringify(status)}`,
        );
        expect(
          line('UBND xã Yang Trung') === 'Không tổng hợp: sai kỳ báo cáo',
          `Yang Trung: ${JSON.stringify(status)}`,
        );
        expect(line('UBND xã Kông Yang') === 'Không tổng hợp: sai kỳ báo cáo', `Kông Yang: ${JSON.stringify(status)}`);
        expect(line('UBND xã Ya Ma') === 'Không tổng hợp: báo cáo trống', `Ya Ma: ${JSON.stringify(status)}`);
        for (const c of COMMUNES) expect(line(c.unit) === 'Đã nộp', `${c.unit}: ${JSON.stringify(status)}`);
        const names = await sheetNames();
        expect(
          names.includes('TH Biểu mẫu 3') && names.includes('Chi tiết theo đơn vị'),
          `trang tính: ${names.join(', ')}`,
        );
        // The sums are the three good communes' alone (1.200 + 2.302 + 1.600), the line ready to sign.
        const th = await page.evaluate(() => {
          const sim = (window as unknown as { __sim: Sim }).__sim;
          const ref = sim.nameAddress('CCHCTH_BM3__3_3_1') ?? '';
          const m = /^'(.+)'!\$([A-Z]+)\$(\d+)$/.exec(ref);
          return {
            dossiers: m ? sim.cell(m[1].replace(/''/g, "'"), `${m[2]}${m[3]}`).value : `tên: ${ref}`,
            title: sim.values('TH Biểu mẫu 1', 'A1:A4').map((r) => r[0]),
          };
        });
        expect(th.dossiers === 5102, `TH 3.3.1 = ${String(th.dossiers)}`);
        expect(
          th.title.includes('(Kèm theo Báo cáo số 45/BC-UBND ngày 12 tháng 6 năm 2022 của UBND huyện Kông Chro)'),
          `tiêu đề: ${JSON.stringify(th.title)}`,
        );
      },
    );

    await step(
      '«Thêm mẫu mới»: học biểu mẫu từ trang tính đang chọn, bỏ một quy tắc, lưu vào sổ tính, xuất và nhập .json',
      page,
      '07-them-mau-moi.png',
      async () => {
        const rows = [
          ['PHỤ LỤC', null, null, null, null],
          ['KẾT QUẢ THỰC HIỆN CÔNG TÁC NỘI VỤ NĂM 2025', null, null, null, null],
          ['TT', 'Nội dung', 'ĐVT', 'Kết quả', 'Ghi chú'],
          ...NEW_FORM_ROWS.map((r) => [r.tt, r.label, r.unit || null, null, null]),
        ];
        await page.evaluate((m) => {
          const sim = (
            window as unknown as {
              __sim: Sim & { seed(s: string, a: string, v: unknown[][]): void; userSelect(s: string, a: string): void };
            }
          ).__sim;
          sim.seed('Nội vụ', `A1:E${m.length}`, m);
          sim.userSelect('Nội vụ', 'B1');
        }, rows);
        await page.getByRole('tab', { name: 'Thêm mẫu mới' }).click();
        await page.getByLabel('Mã mẫu').fill('noi-vu-an-giang');
        await page.getByRole('button', { name: 'Học từ trang tính đang chọn' }).click();
        await page.getByText('Quy tắc suy ra: đã chọn 8/8').waitFor();
        await page.getByText(/Mẫu «noi-vu-an-giang»: 3 biểu, 20 dòng chỉ tiêu/).waitFor();
        await page.getByRole('checkbox', { name: /Không vượt quá: Mục II dòng 1\.1 ≤ dòng 1\.2/ }).uncheck();
        await page.getByText('Quy tắc suy ra: đã chọn 7/8').waitFor();
        await page.getByRole('button', { name: 'Lưu mẫu vào sổ tính' }).click();
        await page.getByText(/Đã lưu mẫu «noi-vu-an-giang» vào sổ tính \(7 quy tắc\)/).waitFor();
        const parts = await page.evaluate(() =>
          (
            window as unknown as { __sim: { model: { customXmlParts: { xml: string }[] } } }
          ).__sim.model.customXmlParts.map((p) => p.xml),
        );
        expect(parts.length === 1 && parts[0].includes('noi-vu-an-giang'), `phần XML: ${parts.length}`);
        expect(!parts[0].includes('M2.le.1.1') && parts[0].includes('M2.ratio.1'), 'quy tắc bỏ chọn vẫn được lưu');
        const [dl] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Xuất tệp .json' }).click(),
        ]);
        const exported = path.join(FILES, dl.suggestedFilename());
        await dl.saveAs(exported);
        const def = JSON.parse(readFileSync(exported, 'utf8'));
        expect(dl.suggestedFilename() === 'noi-vu-an-giang.json' && def.id === 'noi-vu-an-giang', 'tệp xuất');
        const imported = path.join(FILES, 'noi-vu-cap-xa.json');
        writeFileSync(imported, JSON.stringify({ ...def, id: 'noi-vu-cap-xa' }));
        await page.getByLabel('Tệp mẫu .json').setInputFiles(imported);
        await page.getByText('Đã nhập mẫu «noi-vu-cap-xa» từ tệp noi-vu-cap-xa.json vào sổ tính.').waitFor();
        const group = page.getByRole('group', { name: 'Mẫu lưu trong sổ tính' });
        await group.getByText('noi-vu-cap-xa').waitFor();
        await group.getByText('noi-vu-an-giang').waitFor();
      },
    );

    await step('không yêu cầu nào ra khỏi localhost, không lỗi trong trang', undefined, undefined, async () => {
      expect(offsite.length === 0, `yêu cầu ra ngoài: ${offsite.join(', ')}`);
      expect(pageErrors.length === 0, `lỗi trong trang: ${pageErrors.join(' | ')}`);
    });
  } catch (e) {
    results.push({ name: 'chạy trình duyệt', ok: false, error: (e as Error).message, ms: 0 });
    log(`  ✕ ${(e as Error).message}`);
  } finally {
    await context?.close().catch(() => undefined);
    server.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  // Without Excel: the same page as a file tool, and cchc-offline.html from file:// (file-tool.ts).
  await fileToolScenario({ root: ROOT, site: SITE, chromium: CHROMIUM, serve, step, log }).catch((e: Error) => {
    results.push({ name: 'công cụ xử lý tệp', ok: false, error: e.message, ms: 0 });
    log(`  ✕ ${e.message}`);
  });
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  log(`Ảnh chụp: ${path.relative(ROOT, OUT)}/`);
  if (process.env.CCHC_SUMMARY_FILE) appendFileSync(process.env.CCHC_SUMMARY_FILE, `${passed} ${failed}\n`);
  log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    log(`  ✕ ${(e as Error).message}`);
    if (process.env.CCHC_SUMMARY_FILE) appendFileSync(process.env.CCHC_SUMMARY_FILE, `0 1\n`);
    log('0 passed, 1 failed');
    process.exit(1);
  },
);
