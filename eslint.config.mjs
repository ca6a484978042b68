// Lint runs as part of `npm test`. Its main job beyond hygiene: keep src/domain pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
);
