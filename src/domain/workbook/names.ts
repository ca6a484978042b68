/**
 * Excel's sheet-name rules: at most 31 characters, none of []:*?/\, not starting or ending with an
 * apostrophe. The 31 are UTF-16 code units (an emoji counts 2), as the file format and exceljs count them.
 */
export const SHEET_NAME_MAX = 31;

/** Length as Excel counts it: UTF-16 code units. */
export function excelLength(s: string): number {
  return s.length;
}

export function cleanSheetName(raw: string): string {
  const cleaned = raw
    .replace(/[[\]:*?/\\]/g, '-')
    // eslint-disable-next-line no-control-regex -- control characters are not allowed in sheet names
    .replace(/[\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim();
  return cleaned === '' || cleaned.toLowerCase() === 'history' ? 'Sheet' : cleaned;
}

/** At most `max` UTF-16 code units, cut between code points so a surrogate pair (an emoji) is never split. */
export function truncateUtf16(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

function truncate(s: string, max: number): string {
  return truncateUtf16(s, max).trimEnd();
}

/**
 * A valid sheet name, unique (case-insensitively, as Excel compares) among `taken`, which it updates.
 * `keep` is a suffix kept whole when truncating (a unit code), so "Jane Smith - 4430-203" stays recognisable.
 */
export function uniqueSheetName(base: string, taken: Set<string>, keep = ''): string {
  // A suffix longer than 20 would leave no room for the name and the " (n)" that keeps names unique.
  const suffixPart = keep === '' ? '' : truncate(cleanSheetName(keep), 20);
  const join = (head: string, n: number) => {
    const tail = `${suffixPart ? ` ${suffixPart}` : ''}${n > 1 ? ` (${n})` : ''}`;
    const room = SHEET_NAME_MAX - excelLength(tail);
    const name = `${truncate(cleanSheetName(head), Math.max(room, 1))}${tail}`.trim();
    return cleanSheetName(truncate(name, SHEET_NAME_MAX));
  };
  const lower = lowerCased(taken);
  for (let n = 1; ; n++) {
    const name = join(base, n);
    if (!lower.has(name.toLowerCase())) {
      taken.add(name);
      lower.add(name.toLowerCase());
      lowered.set(taken, { lower, count: taken.size });
      return name;
    }
  }
}

/*
 * The lower-cased names of a `taken` set, kept between calls: a build names thousands of sheets into
 * one set, and lower-casing it whole on every call made naming quadratic. Name sets only grow (nothing
 * deletes from them), so the names added since the last call are the ones past the count seen then.
 */
const lowered = new WeakMap<Set<string>, { lower: Set<string>; count: number }>();

function lowerCased(taken: Set<string>): Set<string> {
  const known = lowered.get(taken);
  if (known && known.count === taken.size) return known.lower;
  if (known && known.count < taken.size) {
    let i = 0;
    for (const t of taken) if (i++ >= known.count) known.lower.add(t.toLowerCase());
    known.count = taken.size;
    return known.lower;
  }
  const lower = new Set([...taken].map((t) => t.toLowerCase()));
  lowered.set(taken, { lower, count: taken.size });
  return lower;
}

/** A valid workbook-scoped defined name or table name: letters, digits, underscores, not like a cell address. */
export function definedName(raw: string): string {
  let name = raw.replace(/[^A-Za-z0-9_]/g, '_').replace(/_+/g, '_');
  if (!/^[A-Za-z_]/.test(name)) name = `_${name}`;
  // Not a cell address, R1C1 reference or TRUE/FALSE (limits.ts, definedNameProblem).
  if (/^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr]\d*([Cc]\d*)?$/.test(name) || /^[Cc]\d*$/.test(name) || /^(true|false)$/i.test(name)) name = `_${name}`;
  return name.slice(0, 250);
}
