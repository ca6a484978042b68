import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { CliError, type CliIo } from './io';

/*
 * exceljs (the .xlsx writer) keeps cells, styles, notes, links, names, validations, conditional
 * formats, tables and pictures, but writes a workbook back without its charts, pivot tables,
 * slicers, macros, shapes and other parts it does not model. Before the CLI writes into a user's
 * workbook it names what would be lost and refuses unless told --force.
 */

const PARTS: { test: (name: string) => boolean; what: string }[] = [
  { test: (n) => /^xl\/charts\/chart\d*\.xml$/i.test(n), what: 'charts' },
  { test: (n) => /^xl\/chartsheets\/.+\.xml$/i.test(n), what: 'chart sheets' },
  { test: (n) => /^xl\/pivotTables\/.+\.xml$/i.test(n), what: 'pivot tables' },
  { test: (n) => /^xl\/slicers\/.+\.xml$/i.test(n), what: 'slicers' },
  { test: (n) => /^xl\/timelines\/.+\.xml$/i.test(n), what: 'timelines' },
  { test: (n) => /^xl\/threadedComments\/.+\.xml$/i.test(n), what: 'threaded comments (replies; the first comment stays as a note)' },
  { test: (n) => /^xl\/vbaProject\.bin$/i.test(n), what: 'macros (VBA)' },
  { test: (n) => /^xl\/(activeX|ctrlProps)\/.+$/i.test(n), what: 'form controls' },
  { test: (n) => /^xl\/embeddings\/.+$/i.test(n), what: 'embedded objects' },
  { test: (n) => /^xl\/externalLinks\/externalLink\d*\.xml$/i.test(n), what: 'links to other workbooks' },
  { test: (n) => /^xl\/(queryTables\/.+|connections\.xml)$/i.test(n), what: 'data connections and queries' },
  { test: (n) => /^xl\/model\/.+$/i.test(n), what: 'a data model (Power Pivot)' },
  { test: (n) => /^customXml\/item\d*\.xml$/i.test(n), what: 'custom XML data (e.g. SharePoint document properties)' },
];

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** The entries of a zip's central directory (names and where their data is); none when it is not a zip. */
function zipEntries(buf: Buffer): ZipEntry[] {
  let eocd = buf.length - 22;
  const stop = Math.max(0, buf.length - 22 - 65_535);
  while (eocd >= stop && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < stop) return [];
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count && p + 46 <= buf.length; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) break;
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      localOffset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** A drawing part's XML, inflated (capped: a drawing is small; a huge one is not read). */
function entryText(buf: Buffer, e: ZipEntry): string {
  const start = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
  if (e.compressedSize > 4_000_000) return '';
  const data = buf.subarray(start, start + e.compressedSize);
  try {
    return (e.method === 8 ? inflateRawSync(data, { maxOutputLength: 16_000_000 }) : data).toString('utf8');
  } catch {
    return '';
  }
}

/** What writing this workbook back with exceljs would lose, in users' words, with counts ("charts (2)"). */
export function partsLostOnWrite(buf: Buffer): string[] {
  const counts = new Map<string, number>();
  const add = (what: string) => counts.set(what, (counts.get(what) ?? 0) + 1);
  for (const e of zipEntries(buf)) {
    const part = PARTS.find((x) => x.test(e.name));
    if (part) add(part.what);
    // Shapes and text boxes live in drawings beside the pictures exceljs keeps.
    else if (/^xl\/drawings\/drawing\d*\.xml$/i.test(e.name) && /<(\w+:)?sp[\s>]/.test(entryText(buf, e))) add('shapes and text boxes');
  }
  return [...counts].map(([what, n]) => (n > 1 ? `${what} (${n})` : what));
}

/**
 * Why writing into `path` must be refused (it holds parts the writer cannot keep), or null. With
 * `force`, null, after saying what is lost. Call before anything is written.
 */
export function unkeptPartsRefusal(io: CliIo, file: string, path: string, force: boolean): string | null {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch {
    return null; // a new file: nothing to lose
  }
  const lost = partsLostOnWrite(buf);
  if (lost.length === 0) return null;
  const list = lost.join(', ');
  if (force) {
    io.err(`vq-matrix: --force: ${file} is written without its ${list}.`);
    return null;
  }
  return (
    `${file} holds ${list}, which this command cannot keep: writing would remove them, so ${file} was not written. ` +
    'Run it again with --force to write anyway (they will be lost), or do this from the Excel add-in, which keeps them.'
  );
}

/** Throw (nothing written) when `path` holds parts the writer cannot keep and --force was not given. */
export function refuseUnkeptParts(io: CliIo, file: string, path: string, force: boolean): void {
  const refusal = unkeptPartsRefusal(io, file, path, force);
  if (refusal) throw new CliError(refusal);
}
