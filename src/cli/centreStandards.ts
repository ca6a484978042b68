import { resolve } from 'node:path';
import { WorkbookFileError } from '../adapters/xlsx/readLimits';
import { XlsxWorkbook } from '../adapters/xlsx/xlsxWorkbook';
import type { Catalog } from '../domain/standards/catalog';
import { bundledCatalog, isBundledId } from '../domain/standards/bundled';
import { catalogWith, readCentreStandards, skippedNote } from '../domain/standards/centreStandards';
import type { Qualification } from '../domain/standards/schema';
import { clashingNames } from '../domain/standards/parseQualification';
import { describeTemplateProblem, readStandardsTemplate } from '../domain/standards/template/readTemplate';
import type { SheetValues } from '../domain/workbook/sheetValues';
import { CliError, type CliIo } from './io';
import { loadStandardsFile } from './standardsCommands';
import { problems } from '../domain/problems';

/*
 * --standards: a centre's own qualifications, from a .json file in the bundled format or a filled
 * standards template (.xlsx), merged with the bundled ones for one run.
 */

/** One centre standards file: JSON in the bundled format, or a filled template workbook. */
export async function loadCentreStandardsFile(io: CliIo, file: string, use: 'use' | 'convert' = 'use'): Promise<Qualification> {
  if (!file.toLowerCase().endsWith('.xlsx')) return loadStandardsFile(io, file);
  let sheets: SheetValues[];
  try {
    const book = await XlsxWorkbook.fromFile(resolve(io.cwd, file), file);
    sheets = await book.readSheets(await book.sheetNames());
  } catch (e) {
    if (e instanceof WorkbookFileError) throw new CliError(`${e.message}. Nothing was imported.`);
    throw e;
  }
  const read = readStandardsTemplate(sheets);
  if (!read.ok) throw new CliError(problems.templateNotImported(file, read.problems.map(describeTemplateProblem), 'lines').message);
  // As for a .json file: an id, title or identifier of a bundled qualification could not be told apart from it.
  const clashes = clashingNames(read.value, bundledCatalog().list().map((qualification) => ({ qualification, bundled: true })));
  if (clashes.length > 0 && use === 'convert') {
    // Converting is fine (export then import gives back any qualification); using it beside the bundled one is not.
    for (const c of clashes) io.err(`vq-matrix: note: ${file}: ${c.path}: ${c.message} before using it with --standards.`);
  } else if (clashes.length > 0) throw new CliError(problems.templateNamesClash(file, clashes, 'lines').message);
  return read.value;
}

/** The bundled qualifications and every --standards file; a file whose id is a bundled one is refused. */
export async function cliCatalog(io: CliIo, files: readonly string[] = []): Promise<Catalog> {
  const base = bundledCatalog();
  if (files.length === 0) return base;
  const centre: Qualification[] = [];
  for (const file of files) centre.push(await loadCentreStandardsFile(io, file));
  const merged = catalogWith(base, centre, isBundledId);
  for (const s of merged.skipped) {
    if (s.reason === 'bundled') throw new CliError(`--standards: "${s.qualification.id}" is the id of a bundled qualification; give the centre's qualification an id of its own.`);
    if (s.differs) throw new CliError(`--standards: two different files define qualification "${s.qualification.id}"; give one of them.`);
  }
  return merged.catalog;
}

/** The run's catalog plus the centre qualifications this workbook carries; notes said on stderr. */
export function catalogForWorkbook(io: CliIo, base: Catalog, sheets: readonly SheetValues[], file: string): { catalog: Catalog; carried: Qualification[] } {
  const carried = readCentreStandards(sheets);
  if (!carried.ok) {
    io.err(`vq-matrix: ${file}: ${carried.problem.message}`);
    return { catalog: base, carried: [] };
  }
  const merged = catalogWith(base, carried.value, isBundledId);
  for (const s of merged.skipped) {
    const note = skippedNote(s, file);
    if (note) io.err(`vq-matrix: note: ${note}`);
  }
  return { catalog: merged.catalog, carried: carried.value };
}
