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

  /** The recording forms as a centre's own file: its own id, title and identifier, so it sits beside the bundled one. */
  const centreOwn = () => {
    const q = structuredClone(forms) as unknown as { id: string; title: string; identifiers: { scheme: string; value: string }[]; units: Record<string, unknown>[] };
    q.id = 'centre-forms';
    q.title = 'Centre recording forms';
    q.identifiers = [{ scheme: 'other', value: 'CENTRE-1' }];
    return q;
  };

  it('accepts a valid centre standards file, with or without a UTF-8 byte order mark', async () => {
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(centreOwn()));
    const { code, out } = await runCli(['standards', 'validate', 'ok.json'], dir);
    expect(code).toBe(0);
    expect(out).toMatch(/^ok\.json: valid\. Centre recording forms: 19 units/);
    writeFileSync(join(dir, 'bom.json'), `\uFEFF${JSON.stringify(centreOwn())}`);
    const bom = await runCli(['standards', 'validate', 'bom.json'], dir);
    expect([bom.code, bom.err]).toEqual([0, '']);
    expect(bom.out).toMatch(/^bom\.json: valid\./);
  });

  it('lists every problem with its path, not the first and "N more"', async () => {
    const broken = centreOwn();
    broken.units.forEach((u, i) => (u.credit = i % 2 === 0 ? 1e308 : 'five'));
    (broken.units[3]! as { title: string }).title = 'Deal with\u0000customers';
    writeFileSync(join(dir, 'many.json'), JSON.stringify(broken));
    const { code, err } = await runCli(['standards', 'validate', 'many.json'], dir);
    expect(code).toBe(1);
    const lines = err.trim().split('\n');
    expect(lines[0]).toBe('vq-matrix: many.json: 20 problems:');
    expect(lines).toHaveLength(21);
    expect(lines).toContain('  at units[0].credit: expected at most 1,000');
    expect(lines.some((l) => /^ {2}at units\[1\]\.credit: .*number/.test(l))).toBe(true);
    expect(lines).toContain('  at units[18].credit: expected at most 1,000');
    expect(lines).toContain('  at units[3].title: contains the character U+0000 at position 10, which a cell cannot hold: remove it');
  });

  it('refuses a code two units claim, and names the bundled qualification a file would clash with', async () => {
    const ambiguous = centreOwn() as unknown as { units: { code: string; codes: { scheme: string; code: string }[] }[] };
    ambiguous.units[1]!.codes.push({ scheme: 'unit number', code: ` ${ambiguous.units[0]!.code.toLowerCase()} ` });
    writeFileSync(join(dir, 'ambiguous.json'), JSON.stringify(ambiguous));
    const first = await runCli(['standards', 'validate', 'ambiguous.json'], dir);
    expect(first.code).toBe(1);
    expect(first.err.trim()).toBe(
      `vq-matrix: ambiguous.json: at units[1].codes[${ambiguous.units[1]!.codes.length - 1}].code: "${ambiguous.units[0]!.code.toLowerCase()}" is also a code of unit ${ambiguous.units[0]!.code} (units[0]): looking it up could not tell the two units apart; give each unit codes of its own`,
    );

    const copy = centreOwn();
    copy.identifiers.push({ scheme: 'City & Guilds number', value: '4430-02' });
    writeFileSync(join(dir, 'copy.json'), JSON.stringify(copy));
    const second = await runCli(['standards', 'validate', 'copy.json'], dir);
    expect(second.code).toBe(1);
    expect(second.err.trim()).toBe(
      'vq-matrix: copy.json: at identifiers[1].value: "4430-02" is already the identifier of the bundled Level 2 NVQ Certificate in Customer Service (cg-4430-02): looking it up could not tell the two apart; give this qualification its own',
    );
  });

  it('rejects a malformed file with one message: file, path inside it, what was expected', async () => {
    const broken = structuredClone(forms) as unknown as { units: { elements: { criteria: { code: unknown }[] }[] }[] };
    broken.units[2]!.elements[0]!.criteria[1]!.code = 7;
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(broken));
    const { code, err } = await runCli(['standards', 'validate', 'bad.json'], dir);
    expect(code).toBe(1);
    expect(err.trim()).toMatch(/^vq-matrix: bad\.json: at units\[2\]\.elements\[0\]\.criteria\[1\]\.code: .*string/);
  });

  it('rejects a file that is not JSON, or not there', async () => {
    writeFileSync(join(dir, 'nojson.json'), '{ units: ');
    expect((await runCli(['standards', 'validate', 'nojson.json'], dir)).err).toMatch(/^vq-matrix: nojson\.json: not valid JSON \(.+\)\n$/);
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
