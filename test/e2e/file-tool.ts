/**
 * The browser test of the page opened without Excel: the built task pane page (served from 127.0.0.1,
 * Office.js's CDN refused) and cchc-offline.html (copied to a folder and opened from file://), with
 * every request that would leave this computer refused. In each: check a received workbook (the same
 * findings as `cchc check`), consolidate three communes and read the downloaded workbook back with
 * ExcelJS (the same cells as the workbook `cchc consolidate` writes from the same files); on the served
 * page also download the blank appendix (the same cells as `cchc new`). Called by run.ts with its helpers.
 */
import { spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import type { Server } from 'http';
import os from 'os';
import path from 'path';
import { pathToFileURL } from 'url';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { COMMUNES, ROSTER, communeWorkbook } from './fixtures';
import { buildNewForm } from '../helpers/new-form';

export interface FileToolHelpers {
  root: string;
  /** The built site (taskpane.html, cchc-offline.html …). */
  site: string;
  chromium: string;
  serve(dir: string): Promise<{ server: Server; origin: string }>;
  step(name: string, page: Page | undefined, shot: string | undefined, body: () => Promise<void>): Promise<boolean>;
  log(s: string): void;
}

const UNIT = 'UBND huyện Kông Chro';
const RECEIVED = 'xa-cam-hung-phu-luc-1b.xlsx';
const UNKNOWN_FORM = 'so-noi-vu-bieu-moi.xlsx';
const OFFICE_CDN = 'https://appsforoffice.microsoft.com/';

function expect(cond: boolean, message: string): void {
  if (!cond) throw new Error(message);
}

/** Runs the real `cchc` command; returns its stdout. */
function cchc(root: string, args: string[]): string {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'cchc.js'), ...args], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`cchc ${args[0]} thất bại (${r.status}): ${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** Every non-empty cell of every sheet, as sheet → address → its value (formulas as their text). */
async function cellsOf(file: string): Promise<Map<string, Map<string, string>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheets = new Map<string, Map<string, string>>();
  wb.eachSheet((ws) => {
    const cells = new Map<string, string>();
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (c) => void cells.set(c.address, JSON.stringify(c.value))),
    );
    sheets.set(ws.name, cells);
  });
  return sheets;
}

/** Throws naming the first cells that differ. */
async function expectSameCells(got: string, want: string, what: string): Promise<number> {
  const [a, b] = await Promise.all([cellsOf(got), cellsOf(want)]);
  expect(
    JSON.stringify([...a.keys()]) === JSON.stringify([...b.keys()]),
    `${what}: trang tính ${[...a.keys()].join(', ')} ≠ ${[...b.keys()].join(', ')}`,
  );
  const diffs: string[] = [];
  let count = 0;
  for (const [sheet, want] of b) {
    const have = a.get(sheet)!;
    for (const addr of new Set([...want.keys(), ...have.keys()])) {
      count++;
      if (have.get(addr) !== want.get(addr))
        diffs.push(`'${sheet}'!${addr}: ${have.get(addr) ?? '(trống)'} ≠ ${want.get(addr) ?? '(trống)'}`);
    }
  }
  expect(diffs.length === 0, `${what}: ${diffs.length} ô khác, ví dụ ${diffs.slice(0, 5).join(' | ')}`);
  return count;
}

async function download(page: Page, click: () => Promise<void>, to: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = path.join(to, d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

export async function fileToolScenario(h: FileToolHelpers): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'cchc-file-tool-'));
  const inputs = path.join(work, 'tep-nhan');
  const downloads = path.join(work, 'tai-ve');
  const usb = path.join(work, 'usb');
  for (const d of [inputs, downloads, usb]) mkdirSync(d);
  const children: string[] = [];
  for (const c of COMMUNES) {
    const f = path.join(inputs, c.file);
    writeFileSync(f, await communeWorkbook(c));
    children.push(f);
  }
  const roster = path.join(inputs, 'danh-sach-xa.txt');
  writeFileSync(roster, `${ROSTER.join('\n')}\n`);
  const received = path.join(inputs, RECEIVED);
  copyFileSync(path.join(h.root, 'examples', RECEIVED), received);
  // A form no built-in template describes: said plainly, not checked silently against the nearest one.
  const unknownForm = path.join(inputs, UNKNOWN_FORM);
  writeFileSync(unknownForm, await buildNewForm({ filled: true }));

  // What the command line says and writes for the same files.
  const checked = JSON.parse(cchc(h.root, ['check', received, '--json'])) as {
    findings: { severity: string; message: string }[];
  };
  const cliConsolidated = path.join(work, 'cli-tong-hop.xlsx');
  const cliSaid = cchc(h.root, [
    'consolidate',
    '--template',
    'bnv2022-huyen',
    '--level',
    'huyen',
    '--unit',
    UNIT,
    '--period',
    '6T',
    '--year',
    '2022',
    '--roster',
    roster,
    '--out',
    cliConsolidated,
    ...children,
  ]);
  const cliNew = path.join(work, 'cli-new.xlsx');
  cchc(h.root, [
    'new',
    '--template',
    'bnv2022-huyen',
    '--level',
    'huyen',
    '--period',
    '6T',
    '--year',
    '2022',
    '--unit',
    UNIT,
    '--report-no',
    '371/BC-UBND',
    '--date',
    '10/06/2022',
    '--out',
    cliNew,
  ]);

  const { server, origin } = await h.serve(h.site);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: h.chromium,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
    });

    /** A context refusing every request that would leave this computer; what it refused is listed. */
    const open = async (url: string, userAgent?: string) => {
      const context: BrowserContext = await browser!.newContext({
        ...(userAgent ? { userAgent } : {}),
        viewport: { width: 900, height: 1000 },
        locale: 'vi-VN',
        acceptDownloads: true,
        serviceWorkers: 'block',
        reducedMotion: 'reduce',
      });
      const refused: string[] = [];
      const errors: string[] = [];
      await context.route('**/*', (route) => {
        const u = route.request().url();
        if (u.startsWith(`${origin}/`) || /^(data|blob|file):/.test(u)) return route.continue();
        refused.push(u);
        return route.abort('blockedbyclient');
      });
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(url);
      return { context, page, refused, errors };
    };

    /** Nothing left this computer but the request for Office.js (refused, as on a closed network); no error. */
    const onlyOfficeJsRefused = (opened: { refused: string[]; errors: string[] }) => {
      const others = opened.refused.filter((u) => !u.startsWith(OFFICE_CDN));
      expect(others.length === 0, `yêu cầu ra ngoài: ${others.join(', ')}`);
      const errs = opened.errors.filter((e) => !/ERR_BLOCKED_BY_CLIENT|Failed to load resource/.test(e));
      expect(errs.length === 0, `lỗi trong trang: ${errs.join(' | ')}`);
    };

    const checkReceived = (page: Page) => async () => {
      await page.getByRole('tab', { name: 'Kiểm tra tệp' }).click();
      await page.getByLabel('Tệp cần kiểm tra').setInputFiles([received, children[1], unknownForm]);
      const section = page.getByRole('region', { name: `Kết quả kiểm tra ${RECEIVED}` });
      await section.waitFor();
      const errors = checked.findings.filter((f) => f.severity === 'error');
      const warnings = checked.findings.filter((f) => f.severity === 'warning');
      expect(errors.length > 0, 'cchc check không thấy lỗi nào trong tệp mẫu');
      await section.getByText(`Lỗi: ${errors.length}`, { exact: true }).waitFor();
      await section.getByText(`Cảnh báo: ${warnings.length}`, { exact: true }).waitFor();
      for (const f of errors) await section.getByText(f.message, { exact: false }).first().waitFor();
      await section.getByText(/UBND xã Cẩm Hưng · Cấp xã · 6 tháng đầu năm 2022/).waitFor();
      await section.getByText(/Đề nghị: ghi 96 vào ô 'Phụ lục 1B'!D11/).waitFor();
      await page.getByRole('region', { name: `Kết quả kiểm tra ${COMMUNES[1].file}` }).waitFor();
      const unknown = page.getByRole('region', { name: `Kết quả kiểm tra ${UNKNOWN_FORM}` });
      await unknown.getByText('Tệp không khớp mẫu nào').waitFor();
      await unknown.getByText(/Mẫu gần nhất là «[\w-]+» nhưng chỉ khớp \d+% \(\d+ trong 20 dòng của bảng\)/).waitFor();
      expect(
        (await section.getByText('Tệp không khớp mẫu nào').count()) === 0,
        'tệp khớp mẫu mà vẫn bị báo không khớp',
      );
    };

    const consolidateThree = (page: Page, label: string) => async () => {
      await page.getByRole('tab', { name: 'Tổng hợp' }).click();
      const panel = page.getByRole('tabpanel', { name: 'Tổng hợp' });
      await page.getByLabel('Tệp báo cáo của đơn vị cấp dưới').setInputFiles(children);
      await page.getByLabel('Tệp danh sách đơn vị').setInputFiles(roster);
      await page.getByText('4 đơn vị, lấy từ tệp danh-sach-xa.txt').waitFor();
      // Template, level, period and year follow the first commune's file.
      await page.getByText(/Mẫu, cấp, kỳ và năm lấy theo tệp/).waitFor();
      const level = await panel.getByLabel('Cấp báo cáo').inputValue();
      const year = await panel.getByLabel('Năm').inputValue();
      expect(level === 'huyen' && year === '2022', `cấp ${level}, năm ${year}`);
      await panel.getByLabel('Đơn vị báo cáo').fill(UNIT);
      const file = await download(
        page,
        () => page.getByRole('button', { name: 'Tổng hợp và tải về' }).click(),
        path.join(downloads, label),
      );
      await panel.getByText('Đã tải về kết quả tổng hợp').waitFor();
      // What was received and who has not sent, in the words of cchc consolidate.
      const headline = /^(Đã nhận .*?) — đọc trong/m.exec(cliSaid)?.[1];
      expect(!!headline && /còn 1 đơn vị chưa nộp/.test(headline), `cchc consolidate nói: ${cliSaid}`);
      await panel.getByText(headline!, { exact: false }).waitFor();
      await panel.getByText('Chưa nộp: Xã Đăk Pling.', { exact: false }).waitFor();
      for (const c of COMMUNES) await panel.getByText(new RegExp(`^${c.unit} · Cấp xã · \\d+ lỗi`)).waitFor();
      const cells = await expectSameCells(file, cliConsolidated, 'tệp tổng hợp tải về so với cchc consolidate');
      expect(cells > 500, `chỉ có ${cells} ô`);
    };

    h.log('Không có Excel — trang add-in đã dựng, CDN của Office.js bị chặn:');
    mkdirSync(path.join(downloads, 'served'));
    mkdirSync(path.join(downloads, 'offline'));
    const served = await open(`${origin}/taskpane.html`);
    await h.step(
      'trang mở thành công cụ xử lý tệp (ba thẻ), không báo «Không tìm thấy Excel»',
      served.page,
      '11-cong-cu-tep.png',
      async () => {
        for (const name of ['Kiểm tra tệp', 'Tổng hợp', 'Tạo biểu mẫu'])
          await served.page.getByRole('tab', { name }).waitFor();
        await served.page.getByText(/Không thấy Excel: trang đang chạy như một công cụ xử lý tệp/).waitFor();
        expect(
          served.refused.some((u) => u.startsWith(OFFICE_CDN)),
          'trang không thử tải Office.js',
        );
      },
    );
    await h.step(
      'kiểm tra tệp nhận được: cùng lỗi, cảnh báo, đề nghị sửa như cchc check',
      served.page,
      '12-kiem-tra-tep.png',
      checkReceived(served.page),
    );
    await h.step(
      'tổng hợp ba xã, tải về: cùng các ô như tệp cchc consolidate ghi',
      served.page,
      '13-tong-hop-tai-ve.png',
      consolidateThree(served.page, 'served'),
    );
    await h.step(
      'tạo biểu mẫu, tải về: cùng các ô như tệp cchc new ghi',
      served.page,
      '14-tao-bieu-mau.png',
      async () => {
        const p = served.page;
        await p.getByRole('tab', { name: 'Tạo biểu mẫu' }).click();
        const panel = p.getByRole('tabpanel', { name: 'Tạo biểu mẫu' });
        await panel.getByLabel('Mẫu phụ lục').selectOption('bnv2022-huyen');
        await panel.getByLabel('Cấp báo cáo').selectOption('huyen');
        await panel.getByLabel('Kỳ báo cáo').selectOption('6T');
        await panel.getByLabel('Năm').fill('2022');
        await panel.getByLabel('Đơn vị báo cáo').fill(UNIT);
        await panel.getByLabel('Số báo cáo').fill('371/BC-UBND');
        await panel.getByLabel('Ngày').fill('10/06/2022');
        const file = await download(
          p,
          () => panel.getByRole('button', { name: 'Tải biểu mẫu (.xlsx)' }).click(),
          path.join(downloads, 'served'),
        );
        await p.getByText('Đã tạo biểu mẫu').waitFor();
        await expectSameCells(file, cliNew, 'biểu mẫu tải về so với cchc new');
      },
    );
    await h.step(
      'chỉ Office.js bị chặn; không yêu cầu nào khác ra ngoài, không lỗi trong trang',
      undefined,
      undefined,
      async () => {
        onlyOfficeJsRefused(served);
      },
    );
    await served.context.close();

    h.log('cchc-offline.html mở từ thư mục (file://), không mạng:');
    const offlineFile = path.join(usb, 'cchc-offline.html');
    copyFileSync(path.join(h.site, 'cchc-offline.html'), offlineFile);
    const offline = await open(pathToFileURL(offlineFile).href);
    await h.step('cchc-offline.html mở bằng file:// với ba thẻ', offline.page, '15-offline.png', async () => {
      for (const name of ['Kiểm tra tệp', 'Tổng hợp', 'Tạo biểu mẫu'])
        await offline.page.getByRole('tab', { name }).waitFor();
      await offline.page.getByText(/chạy hoàn toàn trên máy tính, không cần mạng/).waitFor();
    });
    await h.step(
      'offline: kiểm tra tệp nhận được như cchc check',
      offline.page,
      '16-offline-kiem-tra.png',
      checkReceived(offline.page),
    );
    await h.step(
      'offline: tổng hợp ba xã (worker nhúng trong trang), tải về như cchc consolidate',
      offline.page,
      '17-offline-tong-hop.png',
      consolidateThree(offline.page, 'offline'),
    );
    await h.step(
      'offline: không một yêu cầu mạng nào, không lỗi (kể cả vi phạm CSP)',
      undefined,
      undefined,
      async () => {
        expect(offline.refused.length === 0, `yêu cầu ra ngoài: ${offline.refused.join(', ')}`);
        expect(offline.errors.length === 0, `lỗi trong trang: ${offline.errors.join(' | ')}`);
      },
    );
    await offline.context.close();

    // Internet Explorer 11, the task pane of Excel 2019 under a volume licence: its engine cannot run
    // the page's script. Chromium posing as it sees what the notice shows (a real IE11 would also
    // fail to parse the page's script; only the notice, plain ES5, runs there).
    h.log('Internet Explorer 11 (khung phần bổ trợ của Excel 2019 bản mua theo số lượng):');
    const IE11 = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko';
    for (const [name, url, shot] of [
      ['taskpane.html', `${origin}/taskpane.html`, '18-ie11-task-pane.png'],
      ['cchc-offline.html', pathToFileURL(offlineFile).href, '19-ie11-offline.png'],
    ] as const) {
      const old = await open(url, IE11);
      await h.step(
        `${name} nói rõ trình duyệt không chạy được và dùng gì thay, không mở thẻ nào`,
        old.page,
        shot,
        async () => {
          const notice = old.page.getByRole('alert');
          await notice.getByText('Trình duyệt này không chạy được công cụ CCHC.').waitFor();
          await notice.getByText(/mở trang này bằng Microsoft Edge hoặc Google Chrome bản mới/).waitFor();
          await notice.getByText(`Địa chỉ trang: ${url}`).waitFor();
          expect((await old.page.getByRole('tab').count()) === 0, 'trang vẫn mở các thẻ');
          onlyOfficeJsRefused(old);
        },
      );
      await old.context.close();
    }
  } finally {
    await browser?.close().catch(() => undefined);
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
}
