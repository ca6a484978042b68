// Builds the task pane and the custom functions (functions.json generated from JSDoc).
//
//   npx webpack --mode production                      dist/web, office.js from Microsoft's CDN
//   npx webpack --mode production --env officeJs=/office-js/office.js --env outDir=<dir>
//                                                      the same build loading the local office.js copy
//                                                      (tests and preview, where the CDN is unreachable)
//   npm run build -- --env publicUrl=https://centre.example/vq/
//                                                      the same, plus dist/web/manifest.xml with every URL
//                                                      under that https base (docs/deploy.md)
//   npm start / npm run start:preview                  dev server on https://localhost:3000 (manifest.xml as is)
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const { AllowErrorsInRangesPlugin } = require('./scripts/functionsMetadata.cjs');

const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** The base every URL in the repository's manifest.xml starts with (the dev server). */
const DEV_BASE = 'https://localhost:3000/';

/**
 * manifest.xml for hosting at `publicUrl` (an https base; a trailing slash is added): every URL
 * moves under it, the AppDomain becomes its origin. Id, version, icons and SupportUrl are kept.
 */
function manifestFor(publicUrl, xml) {
  let base;
  try {
    base = new URL(publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`);
  } catch {
    throw new Error(`--env publicUrl=${publicUrl}: not a URL. Give the https address the built folder will be served from, e.g. https://centre.example/vq/`);
  }
  if (base.protocol !== 'https:') throw new Error(`--env publicUrl=${publicUrl}: Office add-ins must be served over https.`);
  if (base.search || base.hash) throw new Error(`--env publicUrl=${publicUrl}: give a base address without ? or #.`);
  const out = xml.split(DEV_BASE).join(base.href).split('https://localhost:3000').join(base.origin);
  if (/localhost/i.test(out)) throw new Error('manifest.xml still names localhost after moving it to publicUrl');
  return out;
}

/** Where the dev server (and the end-to-end test's server) serve the @microsoft/office-js copy. */
const OFFICE_JS_LOCAL = path.resolve(__dirname, 'node_modules/@microsoft/office-js/dist');

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode === 'production';
  // A production build carries a manifest only for a public https base: never one naming localhost.
  const manifest = env.publicUrl
    ? [{ from: 'manifest.xml', to: 'manifest.xml', transform: (content) => manifestFor(String(env.publicUrl), content.toString('utf8')) }]
    : production
      ? []
      : [{ from: 'manifest.xml', to: 'manifest.xml' }];
  return {
    mode: production ? 'production' : 'development',
    devtool: production ? false : 'source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      functions: './src/functions/functions.ts',
    },
    output: {
      path: env.outDir ? path.resolve(env.outDir) : path.resolve(__dirname, 'dist/web'),
      filename: '[name].js',
      // Lazily loaded parts of the task pane: the standards, and exceljs for preview mode.
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.json'],
      alias: {
        // The xlsx adapter patches this exceljs internal (Node only); in the browser bundle, where
        // exceljs resolves to its prebuilt browser build, a stand-in keeps the patch harmless.
        'exceljs/lib/xlsx/xform/sheet/cf/cf-rule-xform.js$': path.resolve(__dirname, 'src/taskpane/preview/cfRuleXformShim.js'),
      },
    },
    module: {
      // exceljs's browser build is one prebuilt, minified file: nothing in it for webpack to resolve.
      noParse: /exceljs[\\/]dist[\\/]exceljs(\.bare)?(\.min)?\.js$/,
      rules: [{ test: /\.tsx?$/, loader: 'ts-loader', exclude: /node_modules/, options: { transpileOnly: true } }],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: './src/functions/functions.ts' }),
      new AllowErrorsInRangesPlugin({ file: 'functions.json' }), // allowErrorForDataTypeAny, which the JSDoc cannot declare
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane', 'functions'],
        officeJs: env.officeJs ?? process.env.VQ_OFFICE_JS ?? OFFICE_JS_CDN,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          // manifest.xml's SupportUrl and GetStarted link.
          { from: 'assets/help.html', to: 'help.html' },
          ...manifest,
        ],
      }),
    ],
    devServer: {
      host: 'localhost',
      port: 3000,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: { type: 'https', options: httpsOptions() },
      static: [
        { directory: path.resolve(__dirname, 'assets'), publicPath: '/assets' },
        { directory: OFFICE_JS_LOCAL, publicPath: '/office-js' },
      ],
    },
    optimization: {
      splitChunks: {
        cacheGroups: {
          // Named, so the performance budget below can leave it out.
          exceljs: { test: /[\\/]node_modules[\\/]exceljs[\\/]/, name: 'exceljs', chunks: 'async', enforce: true },
          // The standards schema (zod), shared by the standards and the grid builders.
          schema: { test: /[\\/]node_modules[\\/]zod[\\/]/, name: 'schema', chunks: 'async', enforce: true },
        },
      },
    },
    performance: {
      hints: production ? 'warning' : false,
      maxAssetSize: 1_000_000,
      maxEntrypointSize: 1_000_000,
      // exceljs (preview mode only, loaded on demand) is about 950 KB on its own; budgets are for what Excel users load.
      assetFilter: (file) => /\.js$/.test(file) && !/^exceljs\./.test(file),
    },
  };
};

/** office-addin-dev-certs' certificate, when present (npx office-addin-dev-certs install). */
function httpsOptions() {
  const dir = path.join(require('node:os').homedir(), '.office-addin-dev-certs');
  const fs = require('node:fs');
  const file = (name) => path.join(dir, name);
  if (!fs.existsSync(file('localhost.crt'))) return {};
  return { ca: fs.readFileSync(file('ca.crt')), cert: fs.readFileSync(file('localhost.crt')), key: fs.readFileSync(file('localhost.key')) };
}

module.exports.manifestFor = manifestFor;
