/**
 * `npm run test:quick`: the inner loop. Every jest test except the slow ones that need something
 * outside Node: tests that call LibreOffice (they import convertWithLibreOffice or soffice from
 * tests/support/libreoffice.ts; found by scanning, so a new one is left out without editing this
 * file), the robustness suite (tests/robustness) and the production webpack build
 * (tests/manifest/build.test.ts, minutes on a shared 2-core machine). The Chromium end-to-end test
 * is not a jest test (npm run test:e2e). `npm test` still runs everything.
 */
const { readdirSync, readFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const base = require('./jest.config.cjs');

const CALLS_LIBREOFFICE = /import\s*\{[^}]*\b(convertWithLibreOffice|soffice)\b[^}]*\}\s*from\s*'[^']*support\/libreoffice'/;

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return testFiles(path);
    return /\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

const libreOfficeTests = testFiles(join(__dirname, 'tests'))
  .filter((file) => CALLS_LIBREOFFICE.test(readFileSync(file, 'utf8')))
  .map((file) => `/${relative(__dirname, file).split('\\').join('/')}$`.replace(/\./g, '\\.'));

module.exports = {
  ...base,
  testPathIgnorePatterns: [...base.testPathIgnorePatterns, '/tests/robustness/', '/tests/manifest/build\\.test\\.ts$', ...libreOfficeTests],
};
