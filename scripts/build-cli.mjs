// Bundles the CLI into dist/vq-matrix.cjs (run by `npm ci` through "prepare", so `npx vq-matrix` works
// from a fresh clone). exceljs stays external: it is a dependency and large.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/bin.ts'],
  outfile: 'dist/vq-matrix.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['exceljs'],
  sourcemap: 'linked',
  logLevel: 'warning',
});
