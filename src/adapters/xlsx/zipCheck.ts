/*
 * Looks inside a file before exceljs is given it (Node only: the CLI's reading of workbooks).
 *
 * exceljs trusts its input: a damaged part leaves its streaming reader waiting forever, a part cut
 * short is read as if whole, and a small zip that unpacks to gigabytes is unpacked. So every part is
 * checked here first, in memory bounded by the limits below: the zip's directory, each part's size
 * (claimed before anything is unpacked, then real), its checksum, that its XML is not cut off, and
 * how many rows and cells the sheets hold. Anything else a user may hand us (an .ods, an .xls, a CSV,
 * a Word document) is named for what it is, with what to do.
 */
import { open, type FileHandle } from 'node:fs/promises';
import * as zlib from 'node:zlib';
import { megabytes, READ_LIMITS, WorkbookFileError, type ReadLimits, type ReadMode } from './readLimits';

/** What the check found out about a readable workbook. */
export interface WorkbookFileInfo {
  parts: number;
  unzippedBytes: number;
  cells: number;
  /** A macro-enabled workbook (.xlsm): readable, but writing it with exceljs would lose its macros. */
  macros: boolean;
}

const SAVE_AS_XLSX = 'open it in Excel (or LibreOffice) and save it as Excel Workbook (.xlsx)';
const RESTORE = 'nothing in it was read; restore it from a backup, or copy it again from where it came from';

/** Reads a workbook file whole and checks it; the bytes returned are the ones that were checked. */
export async function readWorkbookBytes(path: string, name: string, mode: ReadMode, limits: ReadLimits = READ_LIMITS): Promise<{ bytes: Buffer; info: WorkbookFileInfo }> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (e) {
    throw new WorkbookFileError('unreadable', `${name} cannot be opened (${describeIoError(e)})`);
  }
  try {
    const info = await file.stat();
    if (info.isDirectory()) throw new WorkbookFileError('unreadable', `${name} is a folder, not a workbook`);
    // A device or pipe (/dev/zero, a FIFO) could be read for ever.
    if (!info.isFile()) throw new WorkbookFileError('unreadable', `${name} is not a file (a device or pipe); save the workbook as a file and give that`);
    const tooLarge = (size: string) => new WorkbookFileError('tooLarge', `${name} was not read: it is ${size}, more than the ${megabytes(limits.fileBytes)} limit for a workbook file`);
    if (info.size > limits.fileBytes) throw tooLarge(megabytes(info.size));
    // Read to the end, but never more than the limit (the file may grow while it is read).
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(info.size - total, 64 * 1024), limits.fileBytes + 1 - total));
      if (chunk.length === 0) throw tooLarge(`more than ${megabytes(limits.fileBytes)}`);
      const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limits.fileBytes) throw tooLarge(`more than ${megabytes(limits.fileBytes)}`);
    }
    const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
    return { bytes, info: checkWorkbookBytes(bytes, name, mode, limits) };
  } catch (e) {
    if (e instanceof WorkbookFileError) throw e;
    throw new WorkbookFileError('unreadable', `${name} cannot be read (${describeIoError(e)})`);
  } finally {
    await file.close().catch(() => undefined);
  }
}

function describeIoError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return code ?? String((e as Error)?.message ?? e);
}

// ---------------------------------------------------------------------------------------------
// What a file is, when it is not a zip

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function notAZip(bytes: Buffer, name: string): WorkbookFileError {
  if (bytes.length === 0) return new WorkbookFileError('empty', `${name} is empty (0 bytes): it holds no workbook; ${RESTORE}`);
  if (bytes.subarray(0, 8).equals(OLE2)) {
    // A password-protected .xlsx is an OLE2 file holding an "EncryptionInfo" stream (names are UTF-16).
    if (bytes.includes(Buffer.from('EncryptionInfo', 'utf16le'))) {
      return new WorkbookFileError('encrypted', `${name} is protected with a password (encrypted), so it cannot be read; open it in Excel, remove the password (File > Info > Protect Workbook) and save it as Excel Workbook (.xlsx)`);
    }
    return new WorkbookFileError('otherFormat', `${name} is an Excel 97-2003 workbook (.xls), not an Excel Workbook (.xlsx); ${SAVE_AS_XLSX} first`);
  }
  const head = bytes.subarray(0, 4096);
  if (!head.includes(0)) {
    const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
    if (text.startsWith('<?xml') && text.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
      return new WorkbookFileError('otherFormat', `${name} is an XML Spreadsheet 2003 file, not an Excel Workbook (.xlsx); ${SAVE_AS_XLSX} first`);
    }
    if (text.startsWith('<?xml') && text.includes('office:document')) {
      return new WorkbookFileError('otherFormat', `${name} is a flat OpenDocument file (.fods), not an Excel Workbook (.xlsx); ${SAVE_AS_XLSX} first`);
    }
    if (/^<(!doctype html|html|table)/.test(text)) {
      return new WorkbookFileError('otherFormat', `${name} is a web page (HTML), not an Excel Workbook (.xlsx); ${SAVE_AS_XLSX} first`);
    }
    return new WorkbookFileError('otherFormat', `${name} is a text file (such as CSV), not an Excel Workbook (.xlsx); ${SAVE_AS_XLSX} first`);
  }
  return new WorkbookFileError('notWorkbook', `${name} is not an Excel workbook (it is not a zip file); if it was saved by another program, ${SAVE_AS_XLSX}`);
}

/** A zip that is not an Excel workbook: what it is, from the parts it holds. */
function notAWorkbook(name: string, entryNames: readonly string[], mimetype: string | null): WorkbookFileError {
  if (mimetype === 'application/vnd.oasis.opendocument.spreadsheet') {
    return new WorkbookFileError('otherFormat', `${name} is an OpenDocument spreadsheet (.ods), not an Excel Workbook (.xlsx); save it as Excel Workbook (.xlsx) first (in LibreOffice: File > Save As, file type "Excel 2007-365")`);
  }
  if (mimetype?.startsWith('application/vnd.oasis.opendocument.')) {
    return new WorkbookFileError('otherFormat', `${name} is an OpenDocument ${mimetype.slice('application/vnd.oasis.opendocument.'.length)} file, not a spreadsheet; give vq-matrix an Excel Workbook (.xlsx)`);
  }
  const has = (prefix: string) => entryNames.some((n) => n.toLowerCase().startsWith(prefix));
  if (has('xl/workbook.bin')) return new WorkbookFileError('otherFormat', `${name} is an Excel Binary Workbook (.xlsb), not an Excel Workbook (.xlsx); ${SAVE_AS_XLSX} first`);
  if (has('word/')) return new WorkbookFileError('otherFormat', `${name} is a Word document, not an Excel workbook; give vq-matrix an Excel Workbook (.xlsx)`);
  if (has('ppt/')) return new WorkbookFileError('otherFormat', `${name} is a PowerPoint presentation, not an Excel workbook; give vq-matrix an Excel Workbook (.xlsx)`);
  if (has('index.xml') && has('metadata/')) return new WorkbookFileError('otherFormat', `${name} is an Apple Numbers spreadsheet, not an Excel Workbook (.xlsx); export it from Numbers as Excel (.xlsx) first`);
  return new WorkbookFileError('notWorkbook', `${name} is a zip file but not an Excel workbook (it has no workbook part, xl/workbook.xml); if it was saved by another program, ${SAVE_AS_XLSX}`);
}

// ---------------------------------------------------------------------------------------------
// The zip container

interface Entry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  packed: number;
  unpacked: number;
  offset: number;
  /** Where the packed data starts and ends (from the local header). */
  dataStart: number;
  dataEnd: number;
}

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;

/**
 * Checks a workbook's bytes; throws WorkbookFileError naming the file, what is wrong and what to do.
 * Every part is unpacked once here (bounded by the limits) and then dropped.
 */
export function checkWorkbookBytes(bytes: Buffer, name: string, mode: ReadMode, limits: ReadLimits = READ_LIMITS): WorkbookFileInfo {
  const isZip = bytes.length >= 4 && (bytes.readUInt32LE(0) === LOC_SIG || bytes.readUInt32LE(0) === EOCD_SIG);
  if (!isZip) throw notAZip(bytes, name);
  const damaged = (what: string) => new WorkbookFileError('damaged', `${name} is damaged: ${what}; nothing in it was read. Open it in Excel (which may offer to repair it) and save it again, or restore it from a backup`);
  const cutShort = () => new WorkbookFileError('truncated', `${name} is incomplete: the file ends early (it may have been cut short while being copied, downloaded or saved); ${RESTORE}`);
  const tooLarge = (what: string) => new WorkbookFileError('tooLarge', `${name} was not read: ${what} (a real workbook stays well inside this; the file may be damaged or made to exhaust memory)`);

  // The end-of-central-directory record is in the last 65,557 bytes (22 + a comment of up to 65,535).
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (bytes.readUInt32LE(i) === EOCD_SIG && i + 22 + bytes.readUInt16LE(i + 20) <= bytes.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw cutShort();
  if (eocd >= 20 && bytes.readUInt32LE(eocd - 20) === ZIP64_LOCATOR_SIG) {
    throw tooLarge(`it is a ZIP64 file (over 4 GB or 65,535 parts), beyond the ${megabytes(limits.unzippedBytes)} limit`);
  }
  const disk = bytes.readUInt16LE(eocd + 4);
  const cdDisk = bytes.readUInt16LE(eocd + 6);
  const count = bytes.readUInt16LE(eocd + 10);
  const cdSize = bytes.readUInt32LE(eocd + 12);
  const cdOffset = bytes.readUInt32LE(eocd + 16);
  if (disk !== 0 || cdDisk !== 0) throw damaged('it is one part of a zip split across several files');
  if (count > limits.parts) throw tooLarge(`it has ${count.toLocaleString('en-GB')} parts, more than the ${limits.parts.toLocaleString('en-GB')} limit`);
  if (cdOffset + cdSize > eocd) throw cutShort();

  const entries: Entry[] = [];
  let at = cdOffset;
  let claimed = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > cdOffset + cdSize || bytes.readUInt32LE(at) !== CEN_SIG) throw damaged('its table of contents (the zip central directory) is broken');
    const nameLen = bytes.readUInt16LE(at + 28);
    const extraLen = bytes.readUInt16LE(at + 30);
    const commentLen = bytes.readUInt16LE(at + 32);
    const entry: Entry = {
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      crc: bytes.readUInt32LE(at + 16),
      packed: bytes.readUInt32LE(at + 20),
      unpacked: bytes.readUInt32LE(at + 24),
      offset: bytes.readUInt32LE(at + 42),
      name: bytes.toString('utf8', at + 46, at + 46 + nameLen),
      dataStart: 0,
      dataEnd: 0,
    };
    at += 46 + nameLen + extraLen + commentLen;
    if (at > cdOffset + cdSize) throw damaged('its table of contents (the zip central directory) is broken');
    if (entry.packed === 0xffffffff || entry.unpacked === 0xffffffff || entry.offset === 0xffffffff) {
      throw tooLarge(`its part ${entry.name} is a ZIP64 part (over 4 GB), beyond the ${megabytes(limits.partBytes)} limit for one part`);
    }
    if (entry.flags & 1) {
      throw new WorkbookFileError('encrypted', `${name} is encrypted (its part ${entry.name} is protected with a password), so it cannot be read; save it in Excel as Excel Workbook (.xlsx) without a password`);
    }
    if (entry.method !== 0 && entry.method !== 8) throw damaged(`its part ${entry.name} is packed with a method Excel does not use (${entry.method})`);
    // Limits on what the parts claim, before anything is unpacked.
    if (entry.unpacked > limits.partBytes) throw tooLarge(`its part ${entry.name} unpacks to ${megabytes(entry.unpacked)}, more than the ${megabytes(limits.partBytes)} limit for one part`);
    claimed += entry.unpacked;
    if (claimed > limits.unzippedBytes) throw tooLarge(`it unpacks to more than ${megabytes(limits.unzippedBytes)}, the limit for a workbook`);
    if (entry.unpacked > limits.ratioFromBytes && entry.unpacked > entry.packed * limits.ratio) {
      throw tooLarge(`its part ${entry.name} unpacks ${Math.round(entry.unpacked / Math.max(entry.packed, 1))} times larger than it is stored, more than the ${limits.ratio}:1 limit`);
    }
    // Where its data is: after the local header, which must agree with the directory.
    if (entry.offset + 30 > cdOffset || bytes.readUInt32LE(entry.offset) !== LOC_SIG) throw damaged(`its part ${entry.name} is not where the zip's table of contents says`);
    if (bytes.readUInt16LE(entry.offset + 8) !== entry.method) throw damaged(`its part ${entry.name} does not match the zip's table of contents`);
    entry.dataStart = entry.offset + 30 + bytes.readUInt16LE(entry.offset + 26) + bytes.readUInt16LE(entry.offset + 28);
    entry.dataEnd = entry.dataStart + entry.packed;
    if (entry.dataEnd > cdOffset) throw cutShort();
    entries.push(entry);
  }
  if (entries.length === 0) throw notAWorkbook(name, [], null);

  // Parts follow one another with nothing hidden between them (a streaming reader would unpack it)
  // and never overlap (overlapping parts are how the worst zip bombs multiply their size).
  const ordered = [...entries].sort((a, b) => a.offset - b.offset);
  let end = 0;
  let previous: Entry | undefined;
  for (const e of ordered) {
    const gap = e.offset - end;
    // Bit 3: a data descriptor (12 or 16 bytes; 20 or 24 in ZIP64 form) follows the part's data.
    const allowed = previous && previous.flags & 8 ? [0, 12, 16, 20, 24] : [0];
    if (!allowed.includes(gap)) throw damaged(gap < 0 ? `its parts ${previous?.name ?? ''} and ${e.name} overlap` : `there are ${gap} unaccounted bytes before its part ${e.name}`);
    end = e.dataEnd;
    previous = e;
  }
  const tail = cdOffset - end;
  if (!(previous && previous.flags & 8 ? [0, 12, 16, 20, 24] : [0]).includes(tail)) throw damaged(`there are ${tail} unaccounted bytes after its last part`);

  const names = entries.map((e) => e.name);
  const byName = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
  if (new Set(byName.keys()).size !== entries.length) throw damaged('it holds two parts of the same name');

  const state: UnpackState = { total: 0, cells: 0 };
  const unpack = (e: Entry) => unpackEntry(bytes, e, state, limits, { damaged, tooLarge });

  const workbookEntry = byName.get('xl/workbook.xml');
  if (!workbookEntry) {
    const mimetype = byName.get('mimetype');
    throw notAWorkbook(name, names, mimetype && mimetype.unpacked < 200 ? unpack(mimetype).toString('utf8').trim() : null);
  }

  // The workbook part and its relationships first, to name sheets in messages.
  const done = new Set<Entry>();
  let sheetNames = new Map<string, string>();
  const unpackXml = (e: Entry | undefined): string => {
    if (!e) return '';
    const data = unpack(e);
    checkXmlComplete(data, e, sheetNames, damaged);
    done.add(e);
    return data.toString('utf8');
  };
  const workbookXml = unpackXml(workbookEntry);
  if (!/^\uFEFF?\s*(?:<\?[\s\S]*?\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:[\w.-]+:)?workbook\b/.test(workbookXml)) throw damaged('its workbook part (xl/workbook.xml) holds no workbook');
  const listed = sheetsListed(workbookXml, unpackXml(byName.get('xl/_rels/workbook.xml.rels')));
  sheetNames = new Map(listed.filter((l) => l.part !== undefined).map((l) => [l.part!.toLowerCase(), l.name]));
  // A sheet the workbook lists but whose part is gone would be skipped silently by exceljs.
  for (const sheet of listed) {
    if (sheet.part === undefined) throw damaged(`sheet "${sheet.name}" is listed in the workbook but has no link to its part`);
    if (!byName.has(sheet.part.toLowerCase())) throw damaged(`sheet "${sheet.name}" is listed in the workbook but its part ${sheet.part} is missing`);
  }

  let macros = false;
  for (const e of entries) {
    if (done.has(e)) continue;
    const lower = e.name.toLowerCase();
    if (lower === 'xl/vbaproject.bin') macros = true;
    const data = unpack(e);
    if (/\.(xml|rels|vml)$/.test(lower)) checkXmlComplete(data, e, sheetNames, damaged);
    if (lower === '[content_types].xml' && data.includes('macroEnabled')) macros = true;
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(lower) || sheetNames.has(lower)) {
      const sheet = countSheet(data);
      const where = `${sheetLabel(e.name, sheetNames)}`;
      if (sheet.rows > limits.rowsPerSheet) throw tooLarge(`${where} has ${sheet.rows > 0xffffff ? 'millions of' : sheet.rows.toLocaleString('en-GB')} rows, more than the ${limits.rowsPerSheet.toLocaleString('en-GB')} limit for a sheet`);
      state.cells += sheet.cells;
      if (mode === 'whole' && state.cells > limits.cellsInMemory) {
        throw tooLarge(`its sheets hold more than ${limits.cellsInMemory.toLocaleString('en-GB')} cells, the limit for a workbook read whole into memory (check reads it sheet by sheet, up to ${limits.cells.toLocaleString('en-GB')} cells)`);
      }
      if (state.cells > limits.cells) throw tooLarge(`its sheets hold more than ${limits.cells.toLocaleString('en-GB')} cells, the limit for a workbook`);
    }
  }
  return { parts: entries.length, unzippedBytes: state.total, cells: state.cells, macros };
}

interface UnpackState {
  total: number;
  cells: number;
}

/** One part unpacked, never beyond what its directory entry claims (which the limits allowed). */
function unpackEntry(
  bytes: Buffer,
  e: Entry,
  state: UnpackState,
  limits: ReadLimits,
  err: { damaged(what: string): Error; tooLarge(what: string): Error },
): Buffer {
  const packed = bytes.subarray(e.dataStart, e.dataEnd);
  let data: Buffer;
  if (e.method === 0) {
    data = packed;
    if (e.packed !== e.unpacked) throw err.damaged(`its part ${e.name} is not the size its zip entry says`);
  } else {
    try {
      // One byte of room beyond the claim: a part that unpacks to more than it claims is found
      // without unpacking the rest.
      data = zlib.inflateRawSync(packed, { maxOutputLength: e.unpacked + 1 });
    } catch (x) {
      if ((x as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || x instanceof RangeError) throw err.damaged(`its part ${e.name} unpacks to more than its zip entry says`);
      throw err.damaged(`its part ${e.name} cannot be unpacked (${(x as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' ? 'its data is cut short' : 'its data is corrupt'})`);
    }
  }
  if (data.length !== e.unpacked) throw err.damaged(`its part ${e.name} unpacks to ${data.length} bytes where its zip entry says ${e.unpacked}`);
  if (crc32(data) !== e.crc) throw err.damaged(`its part ${e.name} fails its checksum (the data was changed or corrupted)`);
  state.total += data.length;
  if (state.total > limits.unzippedBytes) throw err.tooLarge(`it unpacks to more than ${megabytes(limits.unzippedBytes)}, the limit for a workbook`);
  return data;
}

// ---------------------------------------------------------------------------------------------
// Inside the parts

/** The sheets workbook.xml lists, each with its part ("xl/worksheets/sheet1.xml") from the relationships. */
function sheetsListed(workbookXml: string, relsXml: string): { name: string; part?: string }[] {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, resolvePart(target));
  }
  const out: { name: string; part?: string }[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name') ?? '';
    const id = attr(m[0], 'r:id') ?? attr(m[0], 'id');
    out.push({ name, ...(id && targets.has(id) ? { part: targets.get(id)! } : {}) });
  }
  return out;
}

/** A relationship target of the workbook part as a zip path: relative to xl/, or absolute. */
function resolvePart(target: string): string {
  const path: string[] = target.startsWith('/') ? [] : ['xl'];
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') path.pop();
    else path.push(segment);
  }
  return path.join('/');
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name.replace(':', '\\:')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  if (!m) return undefined;
  return (m[1] ?? m[2] ?? '').replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
}

function sheetLabel(part: string, sheetNames: Map<string, string>): string {
  const sheet = sheetNames.get(part.toLowerCase());
  return sheet !== undefined ? `sheet "${sheet}" (part ${part})` : `its part ${part}`;
}

/**
 * A part whose XML stops before its root element closes was cut short (a zip rewritten around a
 * truncated sheet passes every checksum, and exceljs would read it as if whole).
 */
function checkXmlComplete(data: Buffer, e: Entry, sheetNames: Map<string, string>, damaged: (what: string) => Error): void {
  // Excel writes UTF-8; the format also allows UTF-16 (with its byte order mark).
  const utf16 = data.length >= 2 && ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff));
  const decode = (bytes: Buffer): string => {
    if (!utf16) return bytes.toString('utf8');
    const even = bytes.subarray(0, bytes.length - (bytes.length % 2));
    return (data[0] === 0xfe ? Buffer.from(even).swap16() : even).toString('utf16le');
  };
  const head = decode(data.subarray(0, 4096));
  // The root element: skip a BOM, the XML declaration, comments, processing instructions, a doctype.
  const root = /^\uFEFF?\s*(?:(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)\s*)*<([A-Za-z_][\w.:-]*)/.exec(head);
  const what = sheetLabel(e.name, sheetNames);
  if (!root) {
    if (data.length === 0 || /^\uFEFF?\s*$/.test(head)) throw damaged(`${what} is empty`);
    throw damaged(`${what} is not XML`);
  }
  const rootName = root[1]!.replace(/[.]/g, '\\.');
  // Comments and processing instructions may follow the root element.
  const tailStart = Math.max(0, data.length - 1024);
  const tail = decode(data.subarray(tailStart - (utf16 ? tailStart % 2 : 0)))
    .trimEnd()
    .replace(/(?:\s*(?:<!--(?:(?!-->)[\s\S])*-->|<\?(?:(?!\?>)[\s\S])*\?>))+$/, '');
  if (new RegExp(`</\\s*${rootName}\\s*>$`).test(tail)) return;
  // A root that is an empty element: <root .../> and nothing after it.
  if (data.length <= 4096 && new RegExp(`<${rootName}\\b[^>]*/>$`).test(tail)) return;
  throw damaged(`${what} stops part-way through (its XML is cut off)`);
}

const ROW = Buffer.from('<row');
const CELL = Buffer.from('<c');

/** Rows (the highest row number, or the count if higher) and cells on a sheet part, by scanning its XML. */
function countSheet(data: Buffer): { rows: number; cells: number } {
  let rows = 0;
  let count = 0;
  for (let i = data.indexOf(ROW); i >= 0; i = data.indexOf(ROW, i + 4)) {
    const next = data[i + 4];
    if (next !== 0x20 && next !== 0x3e && next !== 0x2f && next !== 0x09 && next !== 0x0a && next !== 0x0d) continue; // <rowBreaks>
    count++;
    // The r="123" attribute, read byte by byte up to the tag's end (a regex per row is too slow here).
    const stop = Math.min(data.length, i + 400);
    for (let j = i + 5; j < stop && data[j] !== 0x3e; j++) {
      if (data[j] === 0x72 && (data[j - 1] === 0x20 || data[j - 1] === 0x09 || data[j - 1] === 0x0a || data[j - 1] === 0x0d) && data[j + 1] === 0x3d && (data[j + 2] === 0x22 || data[j + 2] === 0x27)) {
        let n = 0;
        for (let k = j + 3; k < stop && data[k]! >= 0x30 && data[k]! <= 0x39 && n < 1e15; k++) n = n * 10 + data[k]! - 0x30;
        if (n > rows) rows = n;
        break;
      }
    }
  }
  rows = Math.max(rows, count);
  let cells = 0;
  for (let i = data.indexOf(CELL); i >= 0; i = data.indexOf(CELL, i + 2)) {
    const next = data[i + 2];
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) cells++;
  }
  return { rows, cells };
}

// ---------------------------------------------------------------------------------------------

let crcTable: Int32Array | undefined;

/** CRC-32 as zip uses it: Node's own where it has one (20.15+), a table otherwise. */
function crc32(data: Buffer): number {
  const native = (zlib as { crc32?: (d: Buffer) => number }).crc32;
  if (typeof native === 'function') return native(data) >>> 0;
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
