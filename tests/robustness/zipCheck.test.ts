/*
 * The zip container checks on their own: tricks a hostile zip plays that a reader trusting its
 * table of contents (or its local headers, as exceljs's streaming reader does) would fall for.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkWorkbookBytes, readWorkbookBytes } from '../../src/adapters/xlsx/zipCheck';
import { READ_LIMITS, WorkbookFileError } from '../../src/adapters/xlsx/readLimits';
import { writeZip, type ZipPart } from '../support/zipFile';

const WORKBOOK: ZipPart[] = [
  { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="x"></Types>' },
  { name: 'xl/workbook.xml', data: '<?xml version="1.0"?><workbook><sheets><sheet name="Grid &amp; notes" sheetId="1" r:id="rId1"/></sheets></workbook>' },
  { name: 'xl/_rels/workbook.xml.rels', data: '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>' },
  { name: 'xl/worksheets/sheet1.xml', data: '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><rowBreaks count="0"/></worksheet>' },
];

function problem(bytes: Buffer, limits = READ_LIMITS): WorkbookFileError {
  try {
    checkWorkbookBytes(bytes, 'x.xlsx', 'stream', limits);
  } catch (e) {
    if (e instanceof WorkbookFileError) return e;
    throw e;
  }
  throw new Error('the file was accepted');
}

describe('zip checks', () => {
  it('a device that never ends is not read', async () => {
    await expect(readWorkbookBytes('/dev/zero', 'zero.xlsx', 'stream')).rejects.toThrow('zero.xlsx is not a file (a device or pipe); save the workbook as a file and give that');
  });

  it('a sound minimal workbook passes, counting its rows and cells (not <rowBreaks>)', () => {
    expect(checkWorkbookBytes(writeZip(WORKBOOK), 'x.xlsx', 'stream')).toEqual({ parts: 4, unzippedBytes: expect.any(Number) as number, cells: 1, macros: false });
  });

  it('bytes hidden between parts (a streaming reader would unpack them) are refused', () => {
    const zip = writeZip(WORKBOOK);
    // Move everything after the first part along by 100 bytes, fixing the offsets that follow.
    const first = 30 + '[Content_Types].xml'.length + (zip.readUInt32LE(18) >>> 0);
    const padded = Buffer.concat([zip.subarray(0, first), Buffer.alloc(100), zip.subarray(first)]);
    const eocd = padded.length - 22;
    const cd = padded.readUInt32LE(eocd + 16) + 100;
    padded.writeUInt32LE(cd, eocd + 16);
    for (let at = cd, i = 0; i < WORKBOOK.length; i++) {
      if (i > 0) padded.writeUInt32LE(padded.readUInt32LE(at + 42) + 100, at + 42);
      at += 46 + padded.readUInt16LE(at + 28);
    }
    const e = problem(padded);
    expect(e.kind).toBe('damaged');
    expect(e.message).toContain('there are 100 unaccounted bytes before its part xl/workbook.xml');
  });

  it('two directory entries pointing at the same data (how the worst zip bombs multiply) are refused', () => {
    const zip = writeZip(WORKBOOK);
    const eocd = zip.length - 22;
    let at = zip.readUInt32LE(eocd + 16);
    at += 46 + zip.readUInt16LE(at + 28);
    const secondOffset = zip.readUInt32LE(at + 42);
    at += 46 + zip.readUInt16LE(at + 28);
    zip.writeUInt32LE(secondOffset, at + 42); // the rels entry now points at workbook.xml's data
    expect(problem(zip).kind).toBe('damaged');
  });

  it('an encrypted part, an unknown packing method and a ZIP64 claim are each named', () => {
    const encrypted = writeZip(WORKBOOK);
    const cd = encrypted.readUInt32LE(encrypted.length - 22 + 16);
    encrypted.writeUInt16LE(encrypted.readUInt16LE(cd + 8) | 1, cd + 8);
    expect(problem(encrypted).message).toContain('x.xlsx is encrypted (its part [Content_Types].xml is protected with a password)');

    const method = writeZip(WORKBOOK);
    method.writeUInt16LE(12, method.readUInt32LE(method.length - 22 + 16) + 10);
    expect(problem(method).message).toContain('its part [Content_Types].xml is packed with a method Excel does not use (12)');

    const zip64 = writeZip(WORKBOOK);
    zip64.writeUInt32LE(0xffffffff, zip64.readUInt32LE(zip64.length - 22 + 16) + 24);
    expect(problem(zip64).kind).toBe('tooLarge');
  });

  it('sheet names in messages come from the workbook part (entities decoded)', () => {
    const big = WORKBOOK.map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, data: `<worksheet><sheetData>${'<row><c><v>1</v></c></row>'.repeat(11)}</sheetData></worksheet>` } : p));
    const e = problem(writeZip(big), { ...READ_LIMITS, rowsPerSheet: 10 });
    expect(e.message).toBe('x.xlsx was not read: sheet "Grid & notes" (part xl/worksheets/sheet1.xml) has 11 rows, more than the 10 limit for a sheet (a real workbook stays well inside this; the file may be damaged or made to exhaust memory)');
    const cells = problem(writeZip(big), { ...READ_LIMITS, cells: 10 });
    expect(cells.message).toContain('its sheets hold more than 10 cells, the limit for a workbook');
    // Read whole into memory, a workbook may hold fewer cells than read sheet by sheet.
    let whole: unknown;
    try {
      checkWorkbookBytes(writeZip(big), 'x.xlsx', 'whole', { ...READ_LIMITS, cellsInMemory: 10 });
    } catch (e) {
      whole = e;
    }
    expect((whole as Error).message).toContain('its sheets hold more than 10 cells, the limit for a workbook read whole into memory (check reads it sheet by sheet, up to 40,000,000 cells)');
    expect(checkWorkbookBytes(writeZip(big), 'x.xlsx', 'stream', { ...READ_LIMITS, cellsInMemory: 10 }).cells).toBe(11);
  });

  it('XML in UTF-16, or with a comment after its root element, is complete; cut off, it is not', () => {
    const sheet = '<?xml version="1.0" encoding="UTF-16"?><worksheet><sheetData/></worksheet>';
    const utf16 = WORKBOOK.map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, data: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sheet, 'utf16le')]) } : p));
    expect(checkWorkbookBytes(writeZip(utf16), 'x.xlsx', 'stream').parts).toBe(4);
    const commented = WORKBOOK.map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, data: '<worksheet><!-- a --><sheetData/></worksheet>\n<!-- saved by hand -->\n' } : p));
    expect(checkWorkbookBytes(writeZip(commented), 'x.xlsx', 'stream').parts).toBe(4);
    const cut = WORKBOOK.map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, data: '<worksheet><!-- a --><sheetData/><!-- b -->' } : p));
    expect(problem(writeZip(cut)).message).toContain('sheet "Grid & notes" (part xl/worksheets/sheet1.xml) stops part-way through (its XML is cut off)');
  });

  it('a part that is not XML, or empty, is damaged', () => {
    const notXml = WORKBOOK.map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, data: 'garbage' } : p));
    expect(problem(writeZip(notXml)).message).toContain('sheet "Grid & notes" (part xl/worksheets/sheet1.xml) is not XML');
  });
});

describe('the command line never ends without a defined exit code', () => {
  it('a read that never completes ends with exit 70 and a message, not a silent exit 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vq-hang-'));
    writeFileSync(join(dir, 'jane.xlsx'), writeZip(WORKBOOK));
    // A preload that makes reading a workbook wait forever: what exceljs's streaming reader did on a damaged part.
    writeFileSync(
      join(dir, 'hang.cjs'),
      "const fsp = require('node:fs/promises'); const open = fsp.open;\n" +
        "fsp.open = (path, ...rest) => (String(path).endsWith('.xlsx') ? new Promise(() => {}) : open(path, ...rest));\n",
    );
    const root = resolve(__dirname, '../..');
    const r = spawnSync(process.execPath, ['--require', join(dir, 'hang.cjs'), '--import', 'tsx', join(root, 'src/cli/bin.ts'), 'check', join(dir, 'jane.xlsx'), '--json'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toContain('vq-matrix: stopped before finishing (an internal error: a read or write never completed); the results are incomplete');
    expect(r.stdout).toBe('');
    expect(r.status).toBe(70);
  });
});
