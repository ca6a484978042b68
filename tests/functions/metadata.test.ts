import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import * as functions from '../../src/functions/functions';

// functions.json is generated from the JSDoc at build time; its CLI exits 0 even when it finds errors,
// so the programmatic generator is checked here: no errors, and the shape Excel will see.

interface Parameter {
  name: string;
  description?: string;
  type: string;
  dimensionality?: string;
  optional?: boolean;
}
interface CustomFunction {
  id: string;
  name: string;
  description?: string;
  parameters: Parameter[];
  result?: { type?: string; dimensionality?: string };
}

let generated: { errors: string[]; functions: CustomFunction[]; associate: { id: string; functionName: string }[] };

beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata('src/functions/functions.ts');
  generated = { errors: result.errors, functions: (JSON.parse(result.metadataJson) as { functions: CustomFunction[] }).functions, associate: result.associate };
}, 60_000);

/** name -> [parameter name, optional, dimensionality] in order. */
const expected: Record<string, { js: string; params: [string, boolean, 'matrix' | 'scalar'][]; result: 'matrix' | 'scalar' }> = {
  UNITCOMPLETE: { js: 'unitComplete', params: [['grid', false, 'matrix'], ['unit', true, 'scalar'], ['qualification', true, 'scalar']], result: 'scalar' },
  COVERAGE: { js: 'coverage', params: [['grid', false, 'matrix'], ['unit', true, 'scalar'], ['qualification', true, 'scalar'], ['kind', true, 'scalar']], result: 'scalar' },
  MISSING: { js: 'missing', params: [['grid', false, 'matrix'], ['unit', true, 'scalar'], ['qualification', true, 'scalar']], result: 'matrix' },
  CREDITS: { js: 'credits', params: [['units', false, 'matrix'], ['qualification', true, 'scalar'], ['status', true, 'scalar']], result: 'scalar' },
  GLH: { js: 'glh', params: [['units', false, 'matrix'], ['qualification', true, 'scalar'], ['status', true, 'scalar']], result: 'scalar' },
  RULES: { js: 'rules', params: [['units', false, 'matrix'], ['qualification', false, 'scalar'], ['status', true, 'scalar']], result: 'matrix' },
  QUALCOMPLETE: { js: 'qualComplete', params: [['units', false, 'matrix'], ['qualification', false, 'scalar'], ['status', true, 'scalar']], result: 'scalar' },
  UNITINFO: { js: 'unitInfo', params: [['unit', false, 'scalar'], ['qualification', false, 'scalar'], ['field', true, 'scalar']], result: 'scalar' },
  ITEMTEXT: { js: 'itemText', params: [['code', false, 'scalar'], ['unit', false, 'scalar'], ['qualification', false, 'scalar']], result: 'scalar' },
  ITEMS: { js: 'items', params: [['unit', false, 'scalar'], ['qualification', false, 'scalar'], ['kind', true, 'scalar']], result: 'matrix' },
};

describe('generated custom functions metadata', () => {
  it('has no errors', () => {
    expect(generated.errors).toEqual([]);
  });

  it('declares exactly the documented functions, each associated with its export', () => {
    expect(generated.functions.map((f) => f.name).sort()).toEqual(Object.keys(expected).sort());
    for (const f of generated.functions) expect(f.id).toBe(f.name);
    const associations = Object.fromEntries(generated.associate.map((a) => [a.id, a.functionName]));
    for (const [name, { js }] of Object.entries(expected)) {
      expect(associations[name]).toBe(js);
      expect(typeof (functions as Record<string, unknown>)[js]).toBe('function');
    }
  });

  it.each(Object.entries(expected))('%s: parameters, optional flags, dimensionality and result', (name, spec) => {
    const f = generated.functions.find((x) => x.name === name)!;
    expect(f.parameters.map((p) => [p.name, p.optional === true, p.dimensionality ?? 'scalar'])).toEqual(spec.params);
    expect(f.result?.dimensionality ?? 'scalar').toBe(spec.result);
    // Ranges arrive as any[][]; scalars as text (Excel passes numbers typed as codes through).
    for (const p of f.parameters) expect(p.type).toBe(p.dimensionality === 'matrix' ? 'any' : 'string');
  });

  it('every function and every parameter has a description', () => {
    for (const f of generated.functions) {
      expect(f.description?.length ?? 0).toBeGreaterThan(20);
      for (const p of f.parameters) expect([f.name, p.name, (p.description?.length ?? 0) > 5]).toEqual([f.name, p.name, true]);
    }
  });

  it('optional parameters come after the required ones (Excel requires it)', () => {
    for (const f of generated.functions) {
      const firstOptional = f.parameters.findIndex((p) => p.optional);
      if (firstOptional >= 0) expect(f.parameters.slice(firstOptional).every((p) => p.optional)).toBe(true);
    }
  });
});
