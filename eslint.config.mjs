// Lint runs as part of `npm test`. Its main job beyond hygiene: keep src/domain pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import typeCycles from './scripts/lint/typeCycles.mjs';

const domainForbidden = {
  paths: [
    { name: 'exceljs', message: 'src/domain is pure: workbook I/O belongs in src/adapters.' },
    { name: 'react', message: 'src/domain is pure: UI belongs in src/taskpane.' },
    { name: 'react-dom', message: 'src/domain is pure: UI belongs in src/taskpane.' },
    ...['fs', 'fs/promises', 'path', 'os', 'child_process', 'http', 'https', 'net', 'worker_threads', 'stream'].flatMap((m) => [
      { name: m, message: 'src/domain is pure: no Node I/O.' },
      { name: `node:${m}`, message: 'src/domain is pure: no Node I/O.' },
    ]),
  ],
  patterns: [
    { group: ['**/adapters/**', '**/taskpane/**', '**/functions/**', '**/cli/**'], message: 'src/domain depends on nothing of ours outside src/domain.' },
    { group: ['@microsoft/office-js', 'office-js', '@fluentui/*', 'office-addin-*'], message: 'src/domain is pure: no Office or UI packages.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.scratch/', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      // No type-import loophole either (allowTypeImports defaults to false).
      'no-restricted-imports': ['error', domainForbidden],
      '@typescript-eslint/no-restricted-imports': ['error', domainForbidden],
      'no-restricted-globals': ['error', { name: 'Office', message: 'src/domain is pure: no office-js.' }, { name: 'Excel', message: 'src/domain is pure: no office-js.' }, { name: 'document', message: 'src/domain is pure: no DOM.' }, { name: 'window', message: 'src/domain is pure: no DOM.' }],
    },
  },
  { files: ['**/*.cjs', 'webpack.config.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // Shell layering: components get Excel through the host (src/taskpane/host.ts), never from an adapter.
  {
    files: ['src/taskpane/components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/adapters/**'], message: 'Components reach the workbook through the TaskpaneHost (src/taskpane/host.ts), not an adapter.' }, { group: ['@microsoft/office-js', 'office-js'], message: 'Components never touch office-js: inject the Excel call as a callback.' }] }],
      'no-restricted-globals': ['error', { name: 'Office', message: 'Components never touch office-js: use the TaskpaneHost.' }, { name: 'Excel', message: 'Components never touch office-js: use the TaskpaneHost.' }],
    },
  },
  {
    files: ['src/functions/**/*.ts', 'src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/taskpane/**'], message: 'The CLI and custom functions are shells of their own: shared code belongs in src/domain (or src/adapters).' }] }] },
  },
  {
    files: ['src/adapters/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/taskpane/**', '**/functions/**', '**/cli/**'], message: 'Adapters serve the shells and never import them.' }] }] },
  },
  // Type-aware rules for the shipped code: a promise nobody awaits loses its error (the user never hears).
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  // Files small enough to read in one sitting; a bigger one needs a stated reason below.
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'max-lines': ['error', { max: 500, skipBlankLines: true, skipComments: true }] },
  },
  // Import cycles anywhere in src make load order fragile and tangle the layers.
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      // Our imports are extensionless relative paths to .ts/.tsx files; import-x reads only the extensions listed here.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  // import-x/no-cycle skips `import type`; a type cycle still ties two modules together.
  { files: ['src/**/*.{ts,tsx}'], plugins: { vq: typeCycles }, rules: { 'vq/type-cycles': 'error' } },
);
