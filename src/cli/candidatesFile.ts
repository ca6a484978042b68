import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readWorkbookFile } from '../adapters/xlsx/xlsxWorkbook';
import { WorkbookFileError } from '../adapters/xlsx/readLimits';
import { cellText } from '../domain/grid/readGrid';
import { parseCandidateList, type ListedCandidate } from '../domain/workflow/candidateList';
import { CliError, type CliIo } from './io';

/*
 * A candidates file as the programs centres make them with: CSV or text in UTF-8, UTF-16 (Excel's
 * "Unicode Text") or Windows-1252 (Excel's plain "CSV" on Windows), comma-, semicolon- or
 * tab-separated, or an Excel workbook whose first sheet holds the list. Anything else is refused,
 * never read as made-up candidates.
 */

/** Text as it was saved: UTF-16 with its byte order mark, UTF-8, else Windows-1252. */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const isZip = (bytes: Buffer) => bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;

/** The candidates in a file, each with the file and line (or row) they came from. */
export async function readCandidatesFile(io: CliIo, file: string): Promise<ListedCandidate[]> {
  const path = resolve(io.cwd, file);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new CliError(`${file}: cannot read the candidates file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const parsed = parseCandidateList(isZip(bytes) ? await workbookAsText(path, file) : asText(bytes, file), file);
  if (!parsed.ok) throw new CliError(parsed.problem.message);
  return parsed.value;
}

function asText(bytes: Buffer, file: string): string {
  const text = decodeText(bytes);
  // A NUL is never in a list of names: an image, a PDF, a database... given by mistake.
  if (text.includes('\u0000')) throw new CliError(`${file} is not a text file; a list of candidates is a CSV or text file (one candidate per line, or columns headed Candidate, Assessor, Candidate id) or an Excel workbook`);
  return text;
}

/** The first sheet's rows as tab-separated lines (row n is line n), read by the same rules as a text file. */
async function workbookAsText(path: string, file: string): Promise<string> {
  let sheets;
  try {
    sheets = await readWorkbookFile(path, file);
  } catch (e) {
    if (e instanceof WorkbookFileError) throw new CliError(`${e.message}; a list of candidates is a CSV or text file, or an Excel workbook whose first sheet holds the list`);
    throw e;
  }
  const first = sheets[0];
  if (!first) throw new CliError(`${file} has no sheets; the list of candidates goes on its first sheet`);
  // At least two fields a line, so a tab always separates them (a name may hold a comma).
  return first.values.map((row) => [...row.map((v) => cellText(v ?? null).replace(/[\t\r\n]+/g, ' ')), ''].join('\t')).join('\n');
}
