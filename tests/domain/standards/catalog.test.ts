import { bundledCatalog } from '../../../src/domain/standards/bundled';
import { Catalog } from '../../../src/domain/standards/catalog';
import { parseQualification } from '../../../src/domain/standards/parseQualification';
import type { Qualification } from '../../../src/domain/standards/schema';
import forms from '../../../src/domain/standards/data/cg-nsvq2-recording-forms.json';

const catalog = bundledCatalog();

describe('finding a qualification by any identifier, case- and space-insensitive', () => {
  it.each([
    ['4430-02', 'cg-4430-02'],
    ['500/9341/1', 'cg-4430-02'],
    [' 500 / 9341 / 1 ', 'cg-4430-02'],
    ['601/3456/2', 'imi-l2-diploma-customer-service'],
    ['CCA010-02', 'cvq-cca010-02'],
    ['cca010-02', 'cvq-cca010-02'],
    ['SVQ 3 in Customer Service at SCQF level 6', 'sqa-svq3-customer-service'],
    ['svq3incustomerserviceatscqflevel6', 'sqa-svq3-customer-service'],
    ['sqa-svq3-customer-service', 'sqa-svq3-customer-service'],
    ['Level 2 N/SVQ in Customer Service', 'cg-nsvq2-recording-forms'],
  ])('%s -> %s', (query, id) => {
    const found = catalog.findQualification(query);
    expect(found.ok && found.value.qualification.id).toBe(id);
  });

  it('names the unknown qualification and lists the closest known codes', () => {
    const found = catalog.findQualification('4430-03');
    expect(found.ok).toBe(false);
    if (found.ok) return;
    expect(found.problem.kind).toBe('unknownQualification');
    expect(found.problem.message).toContain('Unknown qualification "4430-03"');
    expect(found.problem.suggestions?.[0]).toBe('cg-4430-02');
  });
});

describe('finding a unit by any of its codes', () => {
  it.each([
    ['4430-02', '203', '4430-203'],
    ['4430-02', '4430-203', '4430-203'],
    ['4430-02', 'L/601/0933', '4430-203'],
    ['4430-02', 'a4', '4430-203'],
    ['4430-02', 'Unit 203', '4430-203'],
    ['601/3456/2', 'CS 7', 'CS 7'],
    ['601/3456/2', 'cs7', 'CS 7'],
    ['601/3456/2', 'A/506/2130', 'CS 7'],
    ['601/3456/2', 'B&A 38', 'B&A 38'],
    ['SVQ 3 in Customer Service at SCQF level 6', 'A13', 'A13'],
    ['sqa-svq3-customer-service', 'FE2V 04', 'A13'],
    ['sqa-svq3-customer-service', 'fe2v04', 'A13'],
    ['CCA010-02', 'U09602', 'U09602'],
    ['CCA010-02', '1', 'U09602'],
    ['cg-nsvq2-recording-forms', '101', '101'],
  ])('%s / %s -> %s', (q, unit, code) => {
    const found = catalog.findUnit(q, unit);
    expect(found.ok && found.value.unit.code).toBe(code);
  });

  it('names the unknown unit and its qualification, with the closest codes', () => {
    const found = catalog.findUnit('4430-02', '4430-2033');
    expect(found.ok).toBe(false);
    if (found.ok) return;
    expect(found.problem.message).toMatch(/^Unknown unit "4430-2033" in Level 2 NVQ Certificate in Customer Service\. Closest known: /);
    expect(found.problem.suggestions).toContain('4430-203');
  });

  it('reports an unknown qualification before looking for the unit', () => {
    const found = catalog.findUnit('nope', '203');
    expect(!found.ok && found.problem.kind).toBe('unknownQualification');
  });

  it('reports a code shared by two units as ambiguous rather than picking one', () => {
    // A standards file like this is refused (see schema.test.ts); the catalogue still never picks one.
    const q = structuredClone(forms) as unknown as Qualification;
    q.id = 'two';
    q.units[1]!.codes.push({ scheme: 'unit number', code: '101' });
    const found = new Catalog([q]).findUnit('two', '101');
    expect(!found.ok && found.problem.kind).toBe('ambiguousCode');
    expect(parseQualification(q, 'two.json').ok).toBe(false);
  });
});

describe('loading standards validates them', () => {
  it('every bundled file is valid and every detailed unit has items', () => {
    for (const q of catalog.list()) {
      for (const u of q.units.filter((x) => x.detailed)) expect(u.elements.length).toBeGreaterThan(0);
    }
    expect(catalog.list()).toHaveLength(5);
  });

  it('one message names the file, the path inside it and what was expected', () => {
    const broken = structuredClone(forms) as unknown as { units: { credit: unknown }[] };
    broken.units[3]!.credit = 'five';
    const parsed = parseQualification(broken, 'centre.json');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem.message).toMatch(/^centre\.json: at units\[3\]\.credit: .*number/);
  });

  it('reports a misspelt key instead of ignoring it', () => {
    const broken = structuredClone(forms) as unknown as { units: Record<string, unknown>[] };
    broken.units[0]!.titel = 'x';
    const parsed = parseQualification(broken, 'centre.json');
    expect(!parsed.ok && parsed.problem.message).toMatch(/centre\.json: at units\[0\]: .*titel/);
  });
});
