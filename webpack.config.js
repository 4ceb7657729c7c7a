/*
 * Builds the task pane (React + Fluent UI v9) and its consolidation worker into dist/ and serves them
 * over HTTPS for sideloading.
 *
 * `--env e2e` builds the same task pane for the browser test into test-artifacts/e2e/site/: the page
 * `taskpane-e2e.html` loads the simulated Excel host (test/e2e/sim-host.ts) instead of Office.js from
 * its CDN, so the test runs with no network at all; the task pane bundle itself is the production one.
 */
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

module.exports = (env = {}, argv = {}) => {
  const dev = argv.mode !== 'production';
  const e2e = !!env.e2e;
  const html = (filename, officeScript, chunks) =>
    new HtmlWebpackPlugin({
      filename,
      template: './src/taskpane/taskpane.html',
      chunks,
      chunksSortMode: 'manual',
      officeScript,
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
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.json'] },
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
      html('taskpane.html', OFFICE_JS, ['taskpane']),
      ...(e2e ? [html('taskpane-e2e.html', '', ['sim-host', 'taskpane'])] : []),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets' },
          { from: 'manifest.xml', to: 'manifest.xml' },
        ],
      }),
    ],
    devServer: {
      port: Number(process.env.PORT || 3000),
      server: 'https',
      hot: false,
      liveReload: false,
      client: false,
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: { directory: path.resolve(__dirname, 'dist') },
    },
  };
};
