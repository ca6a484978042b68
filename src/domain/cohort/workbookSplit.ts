import { fail, ok, problems, type Result } from '../problems';
import { nameKey } from './assessorFilter';

/*
 * `build --split`: a cohort as a folder of workbooks, one per assessor or per candidate, so no
 * workbook grows to hundreds of tabs. Which candidates share a workbook, and the file each workbook
 * is given: a name that is the same on Windows, macOS and Linux, and never shared by two groups.
 */

export type SplitBy = 'assessor' | 'candidate';

/** The workbook (without ".xlsx") of candidates who have no assessor in the candidates file. */
export const NO_ASSESSOR_WORKBOOK = 'No assessor';

/** Longest file name made (before ".xlsx"): Excel refuses paths over 218 characters, so leave room for the folder. */
const MAX_CHARS = 80;
/** And in UTF-8 bytes: Linux and macOS allow 255 per name, and the lock and temporary files beside it add about 30. */
const MAX_BYTES = 180;

// Characters Windows forbids in file names (and / everywhere, : on macOS's Finder), and control characters.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
// Windows device names, reserved whatever follows the first dot ("CON.xlsx", "Nul.Smith.xlsx"):
// https://learn.microsoft.com/en-us/windows/win32/fileio/naming-a-file#naming-conventions
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;

const utf8Bytes = (ch: string): number => {
  const cp = ch.codePointAt(0)!;
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
};

/**
 * A person's name as a file name (without ".xlsx") that every system accepts and shows as typed:
 * forbidden characters become "_", a leading "." (hidden) or "~" (Excel's "~$" lock files, which
 * folders skip) becomes "_", a Windows device name gets a leading "_", trailing dots and spaces go
 * (Windows drops them), and a long name is cut short. Null when no letter or digit is left.
 */
export function safeFileName(name: string): string | null {
  let s = name.normalize('NFC').replace(/\s+/g, ' ').replace(FORBIDDEN, '_').trim();
  s = s.replace(/^[.~]/, '_');
  let chars = 0;
  let bytes = 0;
  let cut = '';
  for (const ch of s) {
    if (chars + 1 > MAX_CHARS || bytes + utf8Bytes(ch) > MAX_BYTES) break;
    chars++;
    bytes += utf8Bytes(ch);
    cut += ch;
  }
  s = cut.replace(/[. ]+$/, '');
  // "???" would be "___": a name of no letters or digits says nothing of whose workbook it is.
  if (!/[\p{L}\p{N}]/u.test(s)) return null;
  if (RESERVED.test(s.split('.')[0]!.trimEnd())) s = `_${s}`;
  return s;
}

/** How file systems that ignore case (Windows, macOS) compare two names: "P Jones.xlsx" is "p jones.XLSX". */
export function fileNameKey(file: string): string {
  return file.normalize('NFC').toUpperCase().toLowerCase();
}

/** A candidate as the split needs them (a line of the candidates file). */
export interface SplitCandidate {
  name: string;
  assessor?: string;
  id?: string;
}

/** One workbook of the split: its file name and the candidates built in it (in the file's order). */
export interface WorkbookGroup<C extends SplitCandidate> {
  /** "P Jones.xlsx", "No assessor.xlsx", "Amy Ng (1234567890).xlsx". */
  file: string;
  /** Who the workbook is for, for messages: the assessor as first written, or the candidate. */
  label: string;
  /** The assessor's workbook; undefined for "No assessor" and per-candidate workbooks. */
  assessor?: string;
  candidates: C[];
}

/** Whose workbook it is, for messages: 'assessor "P. Jones"', 'the candidates with no assessor', 'candidate "Amy Ng"'. */
export function describeGroup(g: WorkbookGroup<SplitCandidate>, by: SplitBy): string {
  return by === 'candidate' ? `candidate "${g.label}"` : g.assessor === undefined ? 'the candidates with no assessor' : `assessor "${g.label}"`;
}

/**
 * The workbooks of a split, in the order their first candidate is listed. By assessor: an assessor's
 * name in any case or spacing is one assessor (as `cohort --assessor` compares them), the file named
 * as first written; candidates with no assessor share "No assessor.xlsx". By candidate: a workbook
 * each, "<name>.xlsx", or "<name> (<id>).xlsx" when the candidate has an id. Two groups whose file
 * names would be one file (characters made safe, a name cut short, case) are refused, naming both.
 */
export function splitCandidates<C extends SplitCandidate>(candidates: readonly C[], by: SplitBy): Result<WorkbookGroup<C>[]> {
  const groups = new Map<string, WorkbookGroup<C>>();
  for (const c of candidates) {
    const assessor = c.assessor?.trim() ?? '';
    const id = c.id?.trim() ?? '';
    const key = by === 'assessor' ? (nameKey(assessor) === '' ? '\u0000none' : nameKey(assessor)) : `\u0000${groups.size}`;
    const group = groups.get(key);
    if (group) {
      group.candidates.push(c);
      continue;
    }
    const label = by === 'candidate' ? c.name.trim() : assessor === '' ? NO_ASSESSOR_WORKBOOK : assessor;
    const wanted = by === 'candidate' && id !== '' ? `${c.name.trim()} (${id})` : label;
    const base = by === 'assessor' && assessor === '' ? NO_ASSESSOR_WORKBOOK : safeFileName(wanted);
    const whose = by === 'assessor' ? `assessor "${assessor}"` : `candidate "${c.name.trim()}"`;
    if (base === null) return fail(problems.badArgument(`${whose} gives no usable file name (nothing is left once the characters file names cannot hold are taken out); spell it with letters or digits.`));
    groups.set(key, { file: `${base}.xlsx`, label, ...(by === 'assessor' && assessor !== '' ? { assessor } : {}), candidates: [c] });
  }
  const byFile = new Map<string, WorkbookGroup<C>>();
  for (const g of groups.values()) {
    const other = byFile.get(fileNameKey(g.file));
    if (other) {
      const what = (x: WorkbookGroup<C>) => describeGroup(x, by);
      return fail(
        problems.badArgument(
          `${what(other)} and ${what(g)} would share the workbook "${g.file}" (file names cannot hold some characters, ignore case on Windows and macOS, and are cut at ${MAX_CHARS} characters); ` +
            `spell one of them differently${by === 'candidate' ? ', or give the candidates ids' : ''}.`,
        ),
      );
    }
    byFile.set(fileNameKey(g.file), g);
  }
  return ok([...groups.values()]);
}
