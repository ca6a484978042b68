/** Unit and component tests. TypeScript is type-checked separately by `tsc --noEmit` (npm run typecheck). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/'],
  // CLI and LibreOffice tests do real file I/O; CI has 2 cores shared by parallel workers.
  testTimeout: 60_000,
};
