import ExcelJS from 'exceljs';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledCatalog } from '../../src/domain/standards/bundled';
import { CENTRE_STANDARDS_SHEET } from '../../src/domain/standards/centreStandards';
import type { Qualification } from '../../src/domain/standards/schema';
import { convertWithLibreOffice } from '../support/libreoffice';
import { runCli } from '../support/runCli';

/*
 * A centre's own qualification through every tool: the template round trip of all five bundled
 * qualifications, --standards on every command, and a workbook that carries its standards.
 */

const dir = mkdtempSync(join(tmpdir(), 'vq-centre-'));

/** The CVQ as a centre's own qualification: another id and identifier, so it is not the bundled one. */
function centreQualification(version: string, extraCriterion = false): Qualification {
  const cvq = structuredClone(bundledCatalog().findQualification('CCA010-02').ok ? bundledCatalog().list()[0]! : undefined)!;
  const q: Qualification = { ...cvq, id: 'centre-retail-l2', title: 'Centre Retail Skills Level 2', version, identifiers: [{ scheme: 'other', value: 'CRS-L2' }] };
  if (extraCriterion) q.units[0]!.elements[0]!.criteria.push({ code: '1.99', text: 'A criterion the centre added' });
  return q;
}

describe('standards export and import (the template)', () => {
  for (const id of bundledCatalog().list().map((q) => q.id)) {
    it(`${id}: export then import gives back exactly \`standards show --json\``, async () => {
      const exported = await runCli(['standards', 'export', id, '-o', `${id}.xlsx`], dir);
      expect(exported.err).toBe('');
      expect(exported.code).toBe(0);
      const imported = await runCli(['standards', 'import', `${id}.xlsx`, '-o', `${id}.json`], dir);
      expect(imported.code).toBe(0);
      // A copy of a bundled qualification converts, with a note that it needs names of its own to be used beside it.
      expect(imported.err).toContain(`"${id}" is already the id of the bundled`);
      const shown = await runCli(['standards', 'show', id, '--json'], dir);
      expect(JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8'))).toStrictEqual(JSON.parse(shown.out));
    });
  }

  it('reads a template saved by LibreOffice', async () => {
    await runCli(['standards', 'export', 'imi-l2-diploma-customer-service', '-o', 'imi-lo-src.xlsx'], dir);
    const converted = await convertWithLibreOffice(join(dir, 'imi-lo-src.xlsx'), 'xlsx');
    try {
      writeFileSync(join(dir, 'imi-lo.xlsx'), converted.outputs[0]!.data);
    } finally {
      converted.cleanup();
    }
    const imported = await runCli(['standards', 'import', 'imi-lo.xlsx', '-o', 'imi-lo.json'], dir);
    expect(imported.code).toBe(0);
    const shown = await runCli(['standards', 'show', 'imi-l2-diploma-customer-service', '--json'], dir);
    expect(JSON.parse(readFileSync(join(dir, 'imi-lo.json'), 'utf8'))).toStrictEqual(JSON.parse(shown.out));
  });

  it('lists every problem of a badly filled template with sheet, row and column, and writes nothing', async () => {
    await runCli(['standards', 'export', 'cg-4430-02', '-o', 'bad.xlsx'], dir);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'bad.xlsx'));
    wb.getWorksheet('Units')!.getCell('F4').value = 'two'; // Level of the first unit
    wb.getWorksheet('Items')!.getCell('B5').value = 'Criterium'; // Kind
    wb.getWorksheet('Items')!.getCell('A6').value = '999'; // a unit that does not exist
    wb.getWorksheet('Rules')!.getCell('A4').value = 'Credit points';
    await wb.xlsx.writeFile(join(dir, 'bad.xlsx'));
    const imported = await runCli(['standards', 'import', 'bad.xlsx', '-o', 'bad.json'], dir);
    expect(imported.code).toBe(1);
    expect(imported.err).toContain('bad.xlsx: 4 problems in the standards template; nothing was imported:');
    expect(imported.err).toContain('Units, row 4, column F (Level): expected a number or blank, found "two"');
    expect(imported.err).toContain('Items, row 5, column B (Kind): "Criterium" is not a kind of row');
    expect(imported.err).toContain('Items, row 6, column A (Unit): unit "999" is not on the Units sheet');
    expect(imported.err).toContain('Rules, row 4, column A (Rule): "Credit points" is not a kind of rule');
    expect(() => readFileSync(join(dir, 'bad.json'))).toThrow();
  });

  it('refuses to replace an existing file without --force', async () => {
    writeFileSync(join(dir, 'mine.json'), 'my own notes');
    const again = await runCli(['standards', 'import', 'cg-4430-02.xlsx', '-o', 'mine.json'], dir);
    expect(again.code).toBe(1);
    expect(again.err).toContain('mine.json already exists');
    expect(readFileSync(join(dir, 'mine.json'), 'utf8')).toBe('my own notes');
  });
});

describe('--standards and a workbook that carries its centre standards', () => {
  it('builds from a centre file, then check, cohort and sample read the workbook without being told the file', async () => {
    writeFileSync(join(dir, 'centre.json'), JSON.stringify(centreQualification('2026-09')));
    const listed = await runCli(['standards', 'list', '--json', '--standards', 'centre.json'], dir);
    expect((JSON.parse(listed.out) as { id: string }[]).map((q) => q.id)).toContain('centre-retail-l2');
    const unknown = await runCli(['standards', 'show', 'CRS-L2'], dir);
    expect(unknown.code).toBe(1);

    const built = await runCli(['build', '--standards', 'centre.json', '-q', 'CRS-L2', '-c', 'Amy Ng', '-u', '6', '-o', 'amy.xlsx'], dir);
    expect(built.err).toBe('');
    expect(built.code).toBe(0);
    expect(built.out).toContain('Centre qualification centre-retail-l2 (version 2026-09');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'amy.xlsx'));
    expect(wb.getWorksheet(CENTRE_STANDARDS_SHEET)!.state).toBe('veryHidden');
    // One accepted piece of evidence on the first grid, so there is something to sample.
    const grid = wb.worksheets[0]!;
    const headerRow = [...Array(40).keys()].map((i) => i + 1).find((r) => grid.getRow(r).getCell(1).value === 'Ref no.')!;
    const row = grid.getRow(headerRow + 1);
    row.getCell(1).value = 'E1';
    row.getCell(3).value = 'Observation';
    row.getCell(6).value = 'Accepted';
    row.getCell(8).value = '✓';
    await wb.xlsx.writeFile(join(dir, 'amy.xlsx'));

    const checked = await runCli(['check', 'amy.xlsx', '--json'], dir);
    expect(checked.err).toBe('');
    expect(checked.code).toBe(0);
    const report = JSON.parse(checked.out) as { files: { candidates: { qualification: string; units: unknown[] }[] }[] };
    expect(report.files[0]!.candidates[0]!.qualification).toBe('centre-retail-l2');
    expect(report.files[0]!.candidates[0]!.units.length).toBeGreaterThan(1);

    const cohort = await runCli(['cohort', 'amy.xlsx', '--json'], dir);
    expect(cohort.code).toBe(0);
    expect(JSON.parse(cohort.out).candidates[0].qualification).toBe('centre-retail-l2');
    const sample = await runCli(['sample', 'amy.xlsx', '--json', '--seed', '1'], dir);
    expect(sample.code).toBe(0);
    expect(JSON.parse(sample.out).sample.length).toBeGreaterThan(0);

    // Another assessor's copy, saved by LibreOffice: still knows the qualification.
    const converted = await convertWithLibreOffice(join(dir, 'amy.xlsx'), 'xlsx');
    try {
      writeFileSync(join(dir, 'amy-lo.xlsx'), converted.outputs[0]!.data);
    } finally {
      converted.cleanup();
    }
    const checkedLo = await runCli(['check', 'amy-lo.xlsx', '--json'], dir);
    expect(checkedLo.err).toBe('');
    expect(JSON.parse(checkedLo.out).files[0].candidates[0].qualification).toBe('centre-retail-l2');
  });

  it('a rebuild with a newer version reports the change and stores the new version; without --standards it uses the stored one', async () => {
    writeFileSync(join(dir, 'centre-v1.json'), JSON.stringify(centreQualification('v1')));
    writeFileSync(join(dir, 'centre-v2.json'), JSON.stringify(centreQualification('v2', true)));
    await runCli(['build', '--standards', 'centre-v1.json', '-q', 'centre-retail-l2', '-c', 'Bo Li', '-u', '6', '-o', 'bo.xlsx'], dir);
    copyFileSync(join(dir, 'bo.xlsx'), join(dir, 'bo-v1.xlsx'));
    const again = await runCli(['build', '-q', 'centre-retail-l2', '-c', 'Bo Li', '-u', '6', '-o', 'bo.xlsx'], dir);
    expect(again.err).toBe('');
    expect(again.code).toBe(0);
    const upgraded = await runCli(['build', '--standards', 'centre-v2.json', '-q', 'centre-retail-l2', '-c', 'Bo Li', '-u', '6', '-o', 'bo.xlsx'], dir);
    expect(upgraded.code).toBe(0);
    expect(upgraded.out).toMatch(/added 1\.99/);
    expect(upgraded.out).toMatch(/the workbook had version v1 \(#[0-9a-f]{8}\); now v2 \(#[0-9a-f]{8}\)/);
    // Checking the old copy against the new file says which versions are involved.
    const checkedOld = await runCli(['check', 'bo-v1.xlsx', '--standards', 'centre-v2.json'], dir);
    expect(checkedOld.err).toMatch(/built from version v1 .* checked against version v2/);
  });

  it('refuses a centre file that takes a bundled id', async () => {
    writeFileSync(join(dir, 'clash.json'), JSON.stringify({ ...centreQualification('x'), id: 'cg-4430-02' }));
    const r = await runCli(['standards', 'list', '--standards', 'clash.json'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('"cg-4430-02" is already the id of the bundled Level 2 NVQ Certificate in Customer Service');
  });

  it('accepts a filled template directly as --standards', async () => {
    writeFileSync(join(dir, 'centre-t.json'), JSON.stringify(centreQualification('t1')));
    const exported = await runCli(['standards', 'export', 'centre-retail-l2', '--standards', 'centre-t.json', '-o', 'centre-t.xlsx'], dir);
    expect(exported.code).toBe(0);
    const shown = await runCli(['standards', 'show', 'CRS-L2', '--json', '--standards', 'centre-t.xlsx'], dir);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.out)).toStrictEqual(centreQualification('t1'));
  });
});
