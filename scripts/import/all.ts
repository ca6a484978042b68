/*
 * Regenerate every bundled standards file from the seed documents:
 *   npm run import:standards [-- <seedsDir>]      (default ../shared/seeds)
 * Development tooling only: nothing at build, run or test time reads the seeds.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Qualification } from '../../src/domain/standards/schema';
import { importCityGuilds4430 } from './cityGuilds4430';
import { importCityGuildsForms } from './cityGuildsForms';
import { importCvq } from './cvq';
import { importImiDiploma } from './imiDiploma';
import { importSqaSvq } from './sqaSvq';

const importers: [seed: string, run: (text: string) => Qualification][] = [
  ['000_35b30a6c14d52dae.txt', importCvq],
  ['001_76ceff3f64d80d32.txt', importCityGuilds4430],
  ['002_c8159a0ee6f5e1a2.txt', importSqaSvq],
  ['003_db0f29241d32c35e.txt', importImiDiploma],
  ['004_e544539dd1d23242.txt', importCityGuildsForms],
];

const seeds = resolve(process.cwd(), process.argv[2] ?? '../shared/seeds');
for (const [seed, run] of importers) {
  const q = run(readFileSync(resolve(seeds, seed), 'utf8'));
  const out = resolve(process.cwd(), 'src/domain/standards/data', `${q.id}.json`);
  writeFileSync(out, `${JSON.stringify(q, null, 2)}\n`);
  console.log(`${seed} -> ${q.id}.json: ${q.units.length} units`);
}
