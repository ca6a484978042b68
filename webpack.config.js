// Builds the task pane and the custom functions (functions.json generated from JSDoc).
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');

const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

module.exports = (_env, argv) => {
  const production = argv.mode === 'production';
  return {
    mode: production ? 'production' : 'development',
    devtool: production ? false : 'source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      functions: './src/functions/functions.ts',
    },
    output: { path: path.resolve(__dirname, 'dist/web'), filename: '[name].js', clean: true },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.json'] },
    module: {
      rules: [{ test: /\.tsx?$/, loader: 'ts-loader', exclude: /node_modules/, options: { transpileOnly: true } }],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: './src/functions/functions.ts' }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane', 'functions'],
        officeJs: process.env.VQ_OFFICE_JS ?? OFFICE_JS_CDN,
      }),
    ],
    devServer: {
      host: 'localhost',
      port: 3000,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: { type: 'https', options: httpsOptions() },
      static: [{ directory: path.resolve(__dirname, 'assets'), publicPath: '/assets' }],
    },
    performance: { maxAssetSize: 1_000_000, maxEntrypointSize: 1_000_000 },
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
