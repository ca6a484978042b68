import { StandardsInvariantError } from '../problems';
import { Catalog } from './catalog';
import { parseQualification } from './parseQualification';
import type { Qualification } from './schema';
import cvq from './data/cvq-cca010-02.json';
import cg4430 from './data/cg-4430-02.json';
import svq from './data/sqa-svq3-customer-service.json';
import imi from './data/imi-l2-diploma-customer-service.json';
import forms from './data/cg-nsvq2-recording-forms.json';

/** The five bundled qualifications, in seed order, with the seed document each came from. */
export const BUNDLED_FILES: readonly { file: string; data: unknown }[] = [
  { file: 'cvq-cca010-02.json', data: cvq },
  { file: 'cg-4430-02.json', data: cg4430 },
  { file: 'sqa-svq3-customer-service.json', data: svq },
  { file: 'imi-l2-diploma-customer-service.json', data: imi },
  { file: 'cg-nsvq2-recording-forms.json', data: forms },
];

let catalog: Catalog | undefined;

/** Validated and indexed once, on first use; a corrupt bundled file is a build error, so it throws. */
export function bundledCatalog(): Catalog {
  if (!catalog) {
    const qualifications: Qualification[] = BUNDLED_FILES.map(({ file, data }) => {
      const parsed = parseQualification(data, file);
      if (!parsed.ok) throw StandardsInvariantError.corruptBundle(parsed.problem);
      return parsed.value;
    });
    catalog = new Catalog(qualifications);
  }
  return catalog;
}

/** True for the id of a bundled qualification (a centre's own may not take one). */
export function isBundledId(id: string): boolean {
  const lower = id.toLowerCase();
  return BUNDLED_FILES.some(({ data }) => String((data as { id?: unknown }).id).toLowerCase() === lower);
}
