import { XlsxWorkbook } from '../adapters/xlsx/xlsxWorkbook';
import type { Catalog } from '../domain/standards/catalog';
import { standardsVersion } from '../domain/standards/centreStandards';
import { unitItems } from '../domain/standards/itemCodes';
import { templatePlan } from '../domain/standards/template/templatePlan';
import { loadCentreStandardsFile } from './centreStandards';
import { CliError, type CliIo } from './io';
import { WriteTarget } from './safeWrite';

/*
 * `standards export` writes any qualification as the standards template a coordinator fills by
 * pasting; `standards import` validates a filled template and writes the centre's JSON file.
 */

/** A qualification (or, for null, an empty template) written as the standards template. */
export async function standardsExport(io: CliIo, catalog: Catalog, qualification: string | null, out: string, force: boolean): Promise<number> {
  const found = qualification === null ? null : catalog.findQualification(qualification);
  if (found && !found.ok) throw new CliError(found.problem.message);
  if (!out.toLowerCase().endsWith('.xlsx')) throw new CliError(`-o ${out}: the template is an Excel workbook; give a name ending in .xlsx`);
  // Like every workbook the tool writes: locked, checked, written whole or not at all.
  const target = await WriteTarget.open(io, out, { mustNotExist: !force });
  const q = found?.ok ? found.value.qualification : null;
  const book = XlsxWorkbook.create();
  await book.apply(templatePlan(q));
  await target.replaceWith(await book.toBuffer());
  if (!q) io.out(`Wrote ${out}: an empty standards template. Fill in its sheets, then: vq-matrix standards import ${out} -o centre.json`);
  else io.out(`Wrote ${out}: ${q.title} (${q.id}) as a standards template: ${q.units.length} units, ${q.units.reduce((n, u) => n + unitItems(u).length, 0)} items, ${q.rules.length} rules.`);
  return 0;
}

export async function standardsImport(io: CliIo, file: string, out: string, force: boolean): Promise<number> {
  if (!out.toLowerCase().endsWith('.json')) throw new CliError(`-o ${out}: the centre standards file is JSON; give a name ending in .json`);
  const q = await loadCentreStandardsFile(io, file, 'convert');
  // Locked, written whole or not at all, like every file the tool writes.
  const target = await WriteTarget.open(io, out, { mustNotExist: !force, anyFile: true });
  await target.replaceWith(Buffer.from(`${JSON.stringify(q, null, 2)}\n`));
  const items = q.units.reduce((n, u) => n + unitItems(u).length, 0);
  io.out(`Wrote ${out}: ${q.title} (${q.id}, version ${standardsVersion(q)}): ${q.units.length} units, ${items} items, ${q.rules.length} rules. Use it with --standards ${out}.`);
  return 0;
}
