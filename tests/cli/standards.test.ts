import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forms from '../../src/domain/standards/data/cg-nsvq2-recording-forms.json';
import { runCli } from '../support/runCli';

describe('vq-matrix standards list', () => {
  it('--json is the documented contract: qualifications with units and item codes in seed order', async () => {
    const { code, out } = await runCli(['standards', 'list', '--json']);
    expect(code).toBe(0);
    const list = JSON.parse(out) as { id: string; title: string; identifiers: string[]; units: Record<string, unknown>[] }[];
    expect(list.map((q) => q.id)).toEqual(['cvq-cca010-02', 'cg-4430-02', 'sqa-svq3-customer-service', 'imi-l2-diploma-customer-service', 'cg-nsvq2-recording-forms']);
    const cg = list[1]!;
    expect(cg.identifiers).toEqual(expect.arrayContaining(['4430-02', '500/9341/1']));
    const u203 = cg.units.find((u) => u.code === '4430-203')!;
    expect(Object.keys(u203).sort()).toEqual(
      ['code', 'codes', 'credit', 'criteria', 'detailed', 'evidenceRequirements', 'glh', 'knowledge', 'level', 'range', 'scqfLevel', 'title'].sort(),
    );
    expect(u203).toMatchObject({ codes: expect.arrayContaining(['4430-203', '203', 'L/601/0933', 'A4']), level: 2, credit: 5, glh: 33, detailed: true });
    expect((u203.criteria as string[]).slice(0, 3)).toEqual(['1.1', '1.2', '1.3']);
    const cvqUnit = list[0]!.units[0]!;
    expect((cvqUnit.range as string[])[0]).toBe('1/A/i');
    expect((cvqUnit.knowledge as string[]).slice(0, 3)).toEqual(['1', '2a', '2b']);
    expect(list[3]!.units.every((u) => (u.knowledge as string[]).length === 0)).toBe(true);
  });

  it('prints a readable list without --json', async () => {
    const { code, out } = await runCli(['standards', 'list']);
    expect(code).toBe(0);
    expect(out).toContain('cg-4430-02\n  Level 2 NVQ Certificate in Customer Service');
    expect(out).toContain('49 units, 28 detailed');
  });
});

describe('vq-matrix standards show', () => {
  it('shows a qualification with its groups and rules', async () => {
    const { code, out } = await runCli(['standards', 'show', '601/3456/2']);
    expect(code).toBe(0);
    expect(out).toContain('Mandatory Group A (mandatory):');
    expect(out).toContain('at most 7');
  });

  it('shows a unit found by any code, with every item and its text', async () => {
    const { code, out } = await runCli(['standards', 'show', 'CCA010-02', 'U09602']);
    expect(code).toBe(0);
    expect(out).toContain('1/A/iv');
    expect(out).toContain("1.1       Meet your organisation's standards for appearance and behaviour.");
  });

  it('--json gives the unit as bundled', async () => {
    const { out } = await runCli(['standards', 'show', 'svq 3 in customer service at scqf level 6', 'fe2v 04', '--json']);
    expect(JSON.parse(out)).toMatchObject({ code: 'A13', title: 'Deal with Customers in Writing or Electronically' });
  });

  it('an unknown unit fails with the closest known codes', async () => {
    const { code, err } = await runCli(['standards', 'show', '4430-02', '2003']);
    expect(code).toBe(1);
    expect(err).toMatch(/Unknown unit "2003" in Level 2 NVQ Certificate in Customer Service\. Closest known: /);
  });

  it('an unknown option is an error, not ignored', async () => {
    const { code, err } = await runCli(['standards', 'list', '--jsno']);
    expect(code).toBe(2);
    expect(err).toContain('--jsno');
  });
});

describe('vq-matrix standards validate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vq-validate-'));

  it('accepts a valid centre standards file', async () => {
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(forms));
    const { code, out } = await runCli(['standards', 'validate', 'ok.json'], dir);
    expect(code).toBe(0);
    expect(out).toMatch(/^ok\.json: valid\. Level 2 N\/SVQ in Customer Service \(unit recording forms\): 19 units/);
  });

  it('rejects a malformed file with one message: file, path inside it, what was expected', async () => {
    const broken = structuredClone(forms) as unknown as { units: { elements: { criteria: { code: unknown }[] }[] }[] };
    broken.units[2]!.elements[0]!.criteria[1]!.code = 7;
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(broken));
    const { code, err } = await runCli(['standards', 'validate', 'bad.json'], dir);
    expect(code).toBe(1);
    expect(err.trim()).toMatch(/^vq-matrix: bad\.json: at units\.2\.elements\.0\.criteria\.1\.code: .*string/);
  });

  it('rejects a file that is not JSON, or not there', async () => {
    writeFileSync(join(dir, 'nojson.json'), '{ units: ');
    expect((await runCli(['standards', 'validate', 'nojson.json'], dir)).err).toContain('nojson.json: not valid JSON');
    expect((await runCli(['standards', 'validate', 'missing.json'], dir)).err).toContain('missing.json: cannot read the file (ENOENT)');
  });
});

describe('the installed command', () => {
  it('runs from the built bundle (what `npx vq-matrix` runs after npm ci)', () => {
    execFileSync(process.execPath, ['scripts/build-cli.mjs']);
    const out = execFileSync(process.execPath, ['bin/vq-matrix.cjs', 'standards', 'show', 'CCA010-02'], { encoding: 'utf8' });
    expect(out).toContain('CUSTOMER SERVICE- LEVEL 2');
  });
});
