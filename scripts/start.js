#!/usr/bin/env node
/*
 * `npm start`: build the task pane, serve it over HTTPS on localhost, and sideload the add-in
 * into desktop Excel where that exists (Windows, macOS). Elsewhere (Linux) it keeps serving
 * and prints how to sideload manifest.xml into Excel on the web. It never fails just because
 * desktop Excel is missing.
 */
const { spawn } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const port = Number(process.env.PORT || 3000);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const server = spawn(bin('webpack'), ['serve', '--mode', 'development'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PORT: String(port) },
});
server.on('exit', (code) => process.exit(code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));

const howTo = [
  '',
  `Add-in CCHC đang chạy tại https://localhost:${port}/taskpane.html`,
  'Máy này không có Excel trên máy tính để tự nạp add-in. Để dùng với Excel trên web:',
  '  1. Mở một sổ tính trong Excel trên web (https://www.office.com).',
  '  2. Trang đầu (Home) → Bổ trợ (Add-ins) → Thêm bổ trợ khác → Tải lên bổ trợ của tôi (Upload My Add-in).',
  `  3. Chọn tệp ${path.join(root, 'manifest.xml')} → Tải lên. Nhóm "CCHC" xuất hiện trên thẻ Trang đầu.`,
  '  (Trình duyệt cần tin chứng chỉ tự ký của localhost: mở địa chỉ trên một lần và chấp nhận.)',
  'Nhấn Ctrl+C để dừng.',
  '',
].join('\n');

if (process.platform === 'win32' || process.platform === 'darwin') {
  // office-addin-debugging sideloads into desktop Excel; it is fetched on demand because its
  // keychain dependency does not build on Linux CI machines.
  const side = spawn(
    'npx',
    [
      '--yes',
      'office-addin-debugging',
      'start',
      'manifest.xml',
      'desktop',
      '--no-debug',
      '--dev-server-port',
      String(port),
    ],
    { cwd: root, stdio: 'inherit', shell: true },
  );
  side.on('exit', (code) => {
    if (code !== 0) console.log(howTo);
  });
} else {
  setTimeout(() => console.log(howTo), 1500);
}
