#!/usr/bin/env node
/*
 * `npm start`: build the task pane, serve it over HTTPS on localhost, and sideload the add-in
 * into desktop Excel where that exists (Windows, macOS). Elsewhere (Linux) it keeps serving
 * and, once the first build has succeeded, prints how to sideload manifest.xml into Excel on
 * the web (scripts/webpack/first-build-hint.js). It never fails just because desktop Excel is missing.
 */
const { spawn } = require('child_process');
const path = require('path');
const { sideloadSteps } = require('./sideload-steps');

const root = path.resolve(__dirname, '..');
const port = Number(process.env.PORT || 3000);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const desktop = process.platform === 'win32' || process.platform === 'darwin';
const server = spawn(bin('webpack'), ['serve', '--mode', 'development', ...(desktop ? [] : ['--env', 'start'])], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PORT: String(port) },
});
server.on('exit', (code) => process.exit(code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));

if (desktop) {
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
    if (code !== 0) console.log(sideloadSteps(port));
  });
}
