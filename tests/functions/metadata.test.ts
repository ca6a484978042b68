import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import type { Stats } from 'webpack';
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

describe('functions.json lets error cells into the ranges (allowErrorForDataTypeAny)', () => {
  // The generator has no JSDoc tag for it (Microsoft: "only with manually created JSON metadata"),
  // so the build adds it: scripts/functionsMetadata.cjs, wired into webpack.config.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the build scripts are CommonJS
  const { withErrorsAllowed, AllowErrorsInRangesPlugin } = require('../../scripts/functionsMetadata.cjs') as {
    withErrorsAllowed: (json: string) => string;
    AllowErrorsInRangesPlugin: new (options?: { file: string }) => object;
  };

  it('the generated metadata, completed, sets it and keeps every function', async () => {
    const result = await generateCustomFunctionsMetadata('src/functions/functions.ts');
    const completed = JSON.parse(withErrorsAllowed(result.metadataJson)) as { allowErrorForDataTypeAny?: boolean; functions: CustomFunction[] };
    expect(JSON.parse(result.metadataJson).allowErrorForDataTypeAny).toBeUndefined(); // why the plugin exists
    expect(completed.allowErrorForDataTypeAny).toBe(true);
    expect(completed.functions).toEqual(generated.functions);
    // Errors reach only parameters of type any: the ranges. Scalars stay strings (an error there is Excel's).
    for (const f of completed.functions) for (const p of f.parameters) if (p.dimensionality === 'matrix') expect(p.type).toBe('any');
  }, 60_000);

  it('the build writes it: webpack.config.js runs the plugin after the metadata generator, and the emitted file has it', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the webpack config is CommonJS
    const makeConfig = require('../../webpack.config.js') as (env: object, argv: object) => { plugins: object[] };
    const plugins = makeConfig({}, { mode: 'production' }).plugins;
    const generator = plugins.findIndex((p) => p.constructor.name === 'CustomFunctionsMetadataPlugin');
    const completer = plugins.findIndex((p) => p instanceof AllowErrorsInRangesPlugin);
    expect(generator).toBeGreaterThanOrEqual(0);
    expect(completer).toBeGreaterThan(generator);

    // A small build with just those two plugins (the real entry is not needed to emit functions.json).
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const webpack = (await import('webpack')).default;
    const dir = mkdtempSync(join(tmpdir(), 'vq-fnjson-'));
    writeFileSync(join(dir, 'entry.js'), 'export const x = 1;\n');
    const stats = await new Promise<Stats>((resolve, reject) =>
      webpack({ mode: 'none', context: dir, entry: join(dir, 'entry.js'), output: { path: join(dir, 'out') }, plugins: [plugins[generator], plugins[completer]] as never }, (err, s) =>
        err || !s ? reject(err ?? new Error('no stats')) : resolve(s),
      ),
    );
    expect(stats.hasErrors()).toBe(false);
    const emitted = JSON.parse(readFileSync(join(dir, 'out', 'functions.json'), 'utf8')) as { allowErrorForDataTypeAny?: boolean; functions: unknown[] };
    expect(emitted.allowErrorForDataTypeAny).toBe(true);
    expect(emitted.functions).toHaveLength(Object.keys(expected).length);
  }, 120_000);
});
