/*
 * Builds the task pane (React + Fluent UI v9), its consolidation worker, the file tool used when the
 * page is opened outside Excel (a separate chunk with the .xlsx writer) and cchc-offline.html.
 *
 *   npm start                                     development server on https://localhost:3000
 *   npm run build -- --env url=https://HOST/PATH/  dist/ for that address (manifest.xml included)
 *   npm run build -- --env url=… --env officejs=local
 *                                                 Office.js served from the add-in's own address
 *                                                 (copied from @microsoft/office-js), for networks
 *                                                 that block Microsoft's CDN
 *
 * `--output-path DIR` builds elsewhere than dist/ (the tests do). `--env e2e` also builds the page
 * for the browser test into test-artifacts/e2e/site/: `taskpane-e2e.html` loads the simulated Excel
 * host (test/e2e/sim-host.ts) instead of Office.js, so the test runs with no network at all.
 */
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { addinAddress, DEV_URL, DEV_PORT } = require('./scripts/webpack/address');
const { manifestFor } = require('./scripts/webpack/manifest');
const { OfflineHtmlPlugin } = require('./scripts/webpack/offline-html-plugin');
const { FirstBuildHint } = require('./scripts/webpack/first-build-hint');

// The README and package.json's engines target Node 20 and later.
if (Number(process.versions.node.split('.')[0]) < 20)
  throw new Error(`Cần Node.js 20 trở lên để dựng add-in (máy này có Node.js ${process.version}).`);

const OFFICE_CDN = 'https://appsforoffice.microsoft.com';
const OFFICE_CDN_SCRIPT = `${OFFICE_CDN}/lib/1/hosted/office.js`;
/** Where a self-hosted Office.js goes, under the add-in's address. */
const OFFICE_LOCAL_DIR = 'office-js';
/** Hosts whose Office.js files a self-hosted copy leaves out (the add-in runs in Excel only). */
const OTHER_HOSTS = /^(access|onenote|outlook|outlookwebapp|powerpoint|powerpointios|project|visio|word|wordios)-/;

/** The task pane's Content-Security-Policy: its own origin, and Microsoft's CDN when Office.js comes from there. */
function contentSecurityPolicy(cdn) {
  const office = cdn ? ` ${OFFICE_CDN}` : '';
  return [
    "default-src 'self'",
    `script-src 'self'${office}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    `frame-src 'self'${office}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

module.exports = (env = {}, argv = {}) => {
  const dev = argv.mode !== 'production';
  const e2e = !!env.e2e;
  const address = addinAddress(env.url || DEV_URL);
  if (env.officejs && env.officejs !== 'local' && env.officejs !== 'cdn')
    throw new Error(`--env officejs=${env.officejs}: chọn cdn (mặc định) hoặc local.`);
  const localOffice = env.officejs === 'local';
  const officeScript = localOffice ? `${OFFICE_LOCAL_DIR}/office.js` : OFFICE_CDN_SCRIPT;
  const html = (filename, script, chunks) =>
    new HtmlWebpackPlugin({
      filename,
      template: './src/taskpane/taskpane.html',
      chunks,
      chunksSortMode: 'manual',
      officeScript: script,
      csp: contentSecurityPolicy(!localOffice),
      minify: false,
    });
  return {
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'source-map' : false,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      'consolidate-worker': './src/taskpane/consolidate.worker.ts',
      ...(e2e ? { 'sim-host': './test/e2e/sim-host.ts' } : {}),
    },
    output: {
      path: e2e ? path.resolve(__dirname, 'test-artifacts/e2e/site') : path.resolve(__dirname, 'dist'),
      filename: '[name].js',
      chunkFilename: '[name].[contenthash:8].js',
      // Chunks sit next to the page: relative to it, also when the page's scripts are inlined
      // (cchc-offline.html), where no script URL exists to start from.
      publicPath: '',
      clean: true,
    },
    // The file tool's chunk holds its own libraries (the .xlsx writer): one file, loaded only without Excel.
    optimization: { splitChunks: { cacheGroups: { defaultVendors: false, default: false } } },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.json'],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          loader: 'ts-loader',
          exclude: /node_modules/,
          options: {
            transpileOnly: true,
            compilerOptions: { noEmit: false, module: 'esnext', moduleResolution: 'bundler' },
          },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      html('taskpane.html', officeScript, ['taskpane']),
      ...(e2e ? [html('taskpane-e2e.html', '', ['sim-host', 'taskpane'])] : []),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets' },
          // Plain ES5, loaded first by taskpane.html and inlined first in cchc-offline.html.
          { from: 'src/taskpane/legacy-browser.js', to: 'legacy-browser.js' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => manifestFor(content.toString('utf8'), address),
          },
          ...(localOffice
            ? [
                {
                  from: path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist'),
                  to: OFFICE_LOCAL_DIR,
                  filter: (file) => !/\.debug\.js$|\.d\.ts$/.test(file) && !OTHER_HOSTS.test(path.basename(file)),
                  // Microsoft's files as published: not minified again.
                  info: { minimized: true },
                },
              ]
            : []),
        ],
      }),
      // The single-file page is made of the production scripts only.
      ...(dev
        ? []
        : [
            new OfflineHtmlPlugin({
              entry: 'taskpane',
              first: 'legacy-browser.js',
              worker: 'consolidate-worker.js',
              icon: 'assets/icon-32.png',
              filename: 'cchc-offline.html',
              title: 'CCHC — Kiểm tra, tổng hợp phụ lục (không cần mạng)',
            }),
          ]),
      ...(env.start ? [new FirstBuildHint(DEV_PORT)] : []),
    ],
    devServer: {
      port: DEV_PORT,
      server: 'https',
      hot: false,
      liveReload: false,
      client: false,
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: { directory: path.resolve(__dirname, 'dist') },
    },
  };
};
