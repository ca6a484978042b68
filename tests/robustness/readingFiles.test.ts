/*
 * Reading workbooks that are damaged, cut short, hostile or of another format: every command ends
 * with a defined exit code, names the file and what to do, and still reports the readable files.
 * The bad files are made here from a workbook the CLI builds (tests/support/zipFile.ts).
 */
import ExcelJS from 'exceljs';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { runCli } from '../support/runCli';
import { planRows } from '../support/planFile';
import { deflatedRepeat, readZip, replacePart, writeZip } from '../support/zipFile';

const dir = mkdtempSync(join(tmpdir(), 'vq-reading-'));
let good: Buffer;
/** The sheet part of Jane's 4430-203 grid. */
let gridPart: string;

beforeAll(async () => {
  const built = await runCli(['build', '-q', '4430-02', '-c', 'Jane Smith', '-u', '203', '-o', 'jane.xlsx'], dir);
  expect(built.code).toBe(0);
  good = readFileSync(join(dir, 'jane.xlsx'));
  const parts = readZip(good);
  const workbookXml = parts.find((p) => p.name === 'xl/workbook.xml')!.data.toString();
  const rels = parts.find((p) => p.name === 'xl/_rels/workbook.xml.rels')!.data.toString();
  const id = /<sheet [^>]*name="Jane Smith 4430-203"[^>]*r:id="(\w+)"/.exec(workbookXml)![1]!;
  gridPart = `xl/${new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)![1]!}`;
});

function write(name: string, bytes: Buffer | string): string {
  writeFileSync(join(dir, name), bytes);
  return name;
}

/** The good workbook with the grid's packed data damaged in place (as a bad disk or copy would). */
function corruptGrid(): Buffer {
  const bytes = Buffer.from(good);
  // Find the grid part's local header and overwrite its first bytes of data with an invalid deflate block.
  const name = Buffer.from(gridPart);
  const at = bytes.indexOf(Buffer.concat([name]), 0);
  const dataStart = at + name.length + bytes.readUInt16LE(at - 2);
  bytes.fill(0xff, dataStart, dataStart + 8);
  return bytes;
}

interface CheckJson {
  files: { file: string; unreadable?: string; candidates: { candidate: string }[]; problems: { message: string; sheet?: string }[] }[];
}

describe('honest exit codes', () => {
  it('a workbook with a damaged sheet part: exit 1, the file and part named, what to do (was: exit 0, no output)', async () => {
    write('damaged.xlsx', corruptGrid());
    const r = await runCli(['check', 'damaged.xlsx', '--json'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`vq-matrix: damaged.xlsx is damaged: its part ${gridPart} cannot be unpacked (its data is corrupt); nothing in it was read. Open it in Excel (which may offer to repair it) and save it again, or restore it from a backup`);
    const report = JSON.parse(r.out) as CheckJson;
    expect(report.files).toEqual([{ file: 'damaged.xlsx', unreadable: 'damaged', candidates: [], problems: [{ message: expect.stringContaining('damaged.xlsx is damaged') as string }] }]);
  });

  it('a part whose bytes were changed is caught by its checksum', async () => {
    const parts = readZip(good);
    const grid = parts.find((p) => p.name === gridPart)!;
    // Same length, one cell moved: only the checksum can tell.
    const changed = Buffer.from(grid.data.toString().replace('<c r="A1"', '<c r="B1"'));
    expect(changed.equals(grid.data)).toBe(false);
    write('changed.xlsx', writeZip(parts.map((p) => (p.name === gridPart ? { name: p.name, data: changed, crc: crc32(grid.data) } : p))));
    const r = await runCli(['check', 'changed.xlsx'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`changed.xlsx is damaged: its part ${gridPart} fails its checksum`);
  });

  it('a file cut short (a copy interrupted) is "incomplete", not read in part', async () => {
    write('cut.xlsx', good.subarray(0, Math.floor(good.length * 0.6)));
    const r = await runCli(['check', 'cut.xlsx'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('vq-matrix: cut.xlsx is incomplete: the file ends early (it may have been cut short while being copied, downloaded or saved); nothing in it was read');
    expect(r.out).not.toContain('Jane Smith');
  });

  it('a sheet whose XML was cut off inside a sound zip is refused, not read as if whole', async () => {
    const parts = readZip(good);
    const grid = parts.find((p) => p.name === gridPart)!.data;
    write('halfsheet.xlsx', replacePart(good, gridPart, { data: grid.subarray(0, Math.floor(grid.length / 2)) }));
    for (const args of [['check', 'halfsheet.xlsx'], ['cohort', 'halfsheet.xlsx'], ['sample', 'halfsheet.xlsx']]) {
      const r = await runCli(args, dir);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`halfsheet.xlsx is damaged: sheet "Jane Smith 4430-203" (part ${gridPart}) stops part-way through (its XML is cut off)`);
    }
  });

  it('a sheet the workbook lists whose part is missing is refused, not skipped', async () => {
    write('missing.xlsx', writeZip(readZip(good).filter((p) => p.name !== gridPart)));
    const r = await runCli(['check', 'missing.xlsx'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`vq-matrix: missing.xlsx is damaged: sheet "Jane Smith 4430-203" is listed in the workbook but its part ${gridPart} is missing`);
  });

  it('a folder with one unreadable workbook: every readable one is reported, the bad one named, exit 1', async () => {
    mkdirSync(join(dir, 'cohort'));
    copyFileSync(join(dir, 'jane.xlsx'), join(dir, 'cohort', 'a-jane.xlsx'));
    writeFileSync(join(dir, 'cohort', 'b-broken.xlsx'), corruptGrid());
    const built = await runCli(['build', '-q', '4430-02', '-c', 'Sam Lee', '-u', '203', '-o', join('cohort', 'c-sam.xlsx')], dir);
    expect(built.code).toBe(0);
    const broken = join('cohort', 'b-broken.xlsx');

    const checked = await runCli(['check', 'cohort', '--json'], dir);
    expect(checked.code).toBe(1);
    const report = JSON.parse(checked.out) as CheckJson;
    expect(report.files.map((f) => [f.file, f.candidates.map((c) => c.candidate)])).toEqual([
      [join('cohort', 'a-jane.xlsx'), ['Jane Smith']],
      [broken, []],
      [join('cohort', 'c-sam.xlsx'), ['Sam Lee']],
    ]);
    expect(report.files[1]!.problems[0]!.message).toContain(`${broken} is damaged`);
    expect(checked.err).toContain(`vq-matrix: ${broken} is damaged`);

    const text = await runCli(['check', 'cohort'], dir);
    expect(text.code).toBe(1);
    expect(text.out).toContain('Jane Smith');
    expect(text.out).toContain('Sam Lee');

    const cohort = await runCli(['cohort', 'cohort', '--json'], dir);
    expect(cohort.code).toBe(1);
    const summary = JSON.parse(cohort.out) as { candidates: { candidate: string }[]; problems: { file: string; message: string; unreadable?: string }[] };
    expect(summary.candidates.map((c) => c.candidate)).toEqual(['Jane Smith', 'Sam Lee']);
    expect(summary.problems).toEqual([{ file: broken, unreadable: 'damaged', message: expect.stringContaining(`${broken} is damaged`) as string }]);

    const out = await runCli(['cohort', 'cohort', '-o', 'summary.xlsx'], dir);
    expect(out.code).toBe(1);
    expect(out.out).toContain(`Wrote summary.xlsx: 2 candidate(s) from 2 workbook(s) (values as read today); 1 workbook(s) could not be read and are not in it: ${broken}.`);

    const sample = await runCli(['sample', 'cohort', '--seed', '1'], dir);
    expect(sample.code).toBe(1);
    expect(sample.out).toContain('from 2 candidate(s)');
    expect(sample.err).toContain(`vq-matrix: ${broken} is damaged`);
    const sampleJson = await runCli(['sample', 'cohort', '--seed', '1', '--json'], dir);
    expect(sampleJson.code).toBe(1);
    expect((JSON.parse(sampleJson.out) as { problems: { file: string }[] }).problems.map((p) => p.file)).toEqual([broken]);
  });

  it('a damaged workbook to build into, add a live summary to, or record samples in is refused and left as it was', async () => {
    const damaged = corruptGrid();
    write('target.xlsx', damaged);
    const built = await runCli(['build', '-q', '4430-02', '-c', 'Jane Smith', '-u', '203,212', '-o', 'target.xlsx'], dir);
    expect(built.code).toBe(1);
    expect(built.err).toContain('vq-matrix: target.xlsx is damaged');
    expect(built.err).toContain('Nothing was written.');
    const live = await runCli(['cohort', 'target.xlsx', '--in-place'], dir);
    expect(live.code).toBe(1);
    expect(live.err).toContain('vq-matrix: target.xlsx is damaged');
    expect(readFileSync(join(dir, 'target.xlsx')).equals(damaged)).toBe(true);
    const plan = await runCli(['sample', 'jane.xlsx', '--check', 'target.xlsx'], dir);
    expect(plan.code).toBe(1);
    expect(plan.err).toContain('vq-matrix: target.xlsx is damaged');
  });
});

describe('bounded input', () => {
  it('a zip bomb (a part that claims 1.2 GB, stored 1,000 times smaller) is refused before it is unpacked', async () => {
    const bomb = deflatedRepeat(1200);
    write('bomb.xlsx', replacePart(good, 'xl/sharedStrings.xml', { data: '', ...bomb }));
    expect(readFileSync(join(dir, 'bomb.xlsx')).length).toBeLessThan(2 * 1024 * 1024);
    const r = await runCli(['check', 'bomb.xlsx'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('vq-matrix: bomb.xlsx was not read: its part xl/sharedStrings.xml unpacks to 1.2 GB, more than the 128 MB limit for one part');
  });

  it('parts that together unpack to more than 1 GB are refused', async () => {
    const big = deflatedRepeat(15);
    const parts = [...readZip(good), ...Array.from({ length: 70 }, (_, i) => ({ name: `xl/media/image${i + 1}.bin`, data: '', ...big }))];
    write('many.xlsx', writeZip(parts));
    const r = await runCli(['cohort', 'many.xlsx'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('vq-matrix: many.xlsx was not read: it unpacks to more than 1 GB, the limit for a workbook');
  });

  it('a part packed over 200:1 is refused, and one that unpacks to more than it claims is damaged', async () => {
    const dense = deflatedRepeat(20);
    write('dense.xlsx', replacePart(good, 'xl/media/image1.bin', { data: '', ...dense }));
    const r = await runCli(['check', 'dense.xlsx'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/dense\.xlsx was not read: its part xl\/media\/image1\.bin unpacks \d+ times larger than it is stored, more than the 200:1 limit/);

    const lying = deflatedRepeat(50);
    write('lying.xlsx', replacePart(good, 'xl/sharedStrings.xml', { data: '', deflated: lying.deflated, size: 1000, crc: lying.crc }));
    const l = await runCli(['check', 'lying.xlsx'], dir);
    expect(l.code).toBe(1);
    expect(l.err).toContain('lying.xlsx is damaged: its part xl/sharedStrings.xml unpacks to more than its zip entry says');
  });

  it('a 1,000,000-row sheet is refused for every command that reads it, naming the sheet and the limit', async () => {
    // Rows and cells may leave out their r="..." (each follows the one before). A block longer than
    // deflate's 32 KB window, repeated, packs like a real sheet (about 10:1), not like a bomb.
    const block = Array.from({ length: 5000 }, (_, i) => `<row><c><v>${(i * 7919) % 99991}</v></c></row>`).join('');
    const rows = block.repeat(200);
    const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
    write('rows.xlsx', replacePart(good, gridPart, { data: sheet }));
    const message = `rows.xlsx was not read: sheet "Jane Smith 4430-203" (part ${gridPart}) has 1,000,000 rows, more than the 100,000 limit for a sheet`;
    for (const args of [['check', 'rows.xlsx'], ['cohort', 'rows.xlsx', '--in-place'], ['sample', 'rows.xlsx'], ['build', '-q', '4430-02', '-c', 'Jane Smith', '-u', '203', '-o', 'rows.xlsx']]) {
      const r = await runCli(args, dir);
      expect(r.code).toBe(1);
      expect(r.err).toContain(message);
    }
    // One row far down counts as far as it goes.
    write('farrow.xlsx', replacePart(good, gridPart, { data: sheet.replace(/<sheetData>.*<\/sheetData>/s, '<sheetData><row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData>') }));
    const far = await runCli(['check', 'farrow.xlsx'], dir);
    expect(far.code).toBe(1);
    expect(far.err).toContain('has 1,048,576 rows, more than the 100,000 limit for a sheet');
  }, 120_000);

  it('a cell beyond Excel\'s last column (XFD) is refused by both readers', async () => {
    write('wide.xlsx', replacePart(good, gridPart, { data: '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>' }));
    for (const command of ['check', 'cohort']) {
      const r = await runCli([command, 'wide.xlsx'], dir);
      expect(r.code).toBe(1);
      expect(r.err).toContain('vq-matrix: wide.xlsx cannot be read as an Excel workbook: its parts are not laid out as Excel writes them; open it in Excel and save it as Excel Workbook (.xlsx), or restore it from a backup');
    }
  });

  it("a cell with more text than Excel allows (32,767 characters) is refused by the streaming and the whole-file reader", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(good as unknown as ExcelJS.Buffer);
    wb.getWorksheet('Jane Smith 4430-203')!.getCell('D20').value = 'x'.repeat(40_000);
    write('long.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const message = 'long.xlsx was not read: sheet "Jane Smith 4430-203", cell D20 holds 40,000 characters, more than Excel\'s 32,767 for a cell';
    const checked = await runCli(['check', 'long.xlsx'], dir);
    expect(checked.code).toBe(1);
    expect(checked.err).toContain(message);
    const cohort = await runCli(['cohort', 'long.xlsx'], dir);
    expect(cohort.code).toBe(1);
    expect(cohort.err).toContain(message);
  });
});

describe('messages in the users\' words, and other formats refused', () => {
  const cases: [string, Buffer | string, string][] = [
    ['report.xlsx', Buffer.from([0xc2, 0xa7, 0x3b, 0x23, 0x00, 0x01, 0x02, 0x03]), 'report.xlsx is not an Excel workbook (it is not a zip file); if it was saved by another program, open it in Excel (or LibreOffice) and save it as Excel Workbook (.xlsx)'],
    ['empty.xlsx', '', 'empty.xlsx is empty (0 bytes): it holds no workbook'],
    ['jane.csv', 'name,unit\nJane Smith,203\n', 'jane.csv is a text file (such as CSV), not an Excel Workbook (.xlsx); open it in Excel (or LibreOffice) and save it as Excel Workbook (.xlsx) first'],
    ['old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]), 'old.xls is an Excel 97-2003 workbook (.xls), not an Excel Workbook (.xlsx); open it in Excel (or LibreOffice) and save it as Excel Workbook (.xlsx) first'],
    ['secret.xlsx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512), Buffer.from('EncryptionInfo', 'utf16le')]), 'secret.xlsx is protected with a password (encrypted), so it cannot be read'],
    ['letter.xlsx', writeZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'word/document.xml', data: '<w:document/>' }]), 'letter.xlsx is a Word document, not an Excel workbook'],
    ['plain.zip', writeZip([{ name: 'notes.txt', data: 'hello' }]), 'plain.zip is a zip file but not an Excel workbook (it has no workbook part, xl/workbook.xml)'],
  ];

  it('a zip whose workbook part holds no workbook is damaged (was: "Cannot read properties of undefined")', async () => {
    write('noworkbook.xlsx', replacePart(good, 'xl/workbook.xml', { data: '<?xml version="1.0"?><foo/>' }));
    const r = await runCli(['cohort', 'noworkbook.xlsx'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('vq-matrix: noworkbook.xlsx is damaged: its workbook part (xl/workbook.xml) holds no workbook; nothing in it was read.');
  });

  it.each(cases)('%s: says what the file is and what to do (no library text)', async (name, bytes, message) => {
    write(name, bytes);
    const r = await runCli(['check', name, '--json'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`vq-matrix: ${message}`);
    expect(r.err).not.toMatch(/invalid signature|Cannot read properties|End of data|undefined/);
  });

  it('an OpenDocument spreadsheet is named as one by its contents, whatever it is called', async () => {
    const ods = writeZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', store: true }, { name: 'content.xml', data: '<office:document-content/>' }]);
    write('jane.ods', ods);
    write('renamed.xlsx', ods);
    for (const name of ['jane.ods', 'renamed.xlsx']) {
      const r = await runCli(['check', name], dir);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`vq-matrix: ${name} is an OpenDocument spreadsheet (.ods), not an Excel Workbook (.xlsx); save it as Excel Workbook (.xlsx) first`);
      expect(r.out).not.toContain('no coverage grids found');
    }
    // Building into it is refused before anything is built, and it is left as it was.
    const built = await runCli(['build', '-q', '4430-02', '-c', 'Jane Smith', '-u', '203', '-o', 'renamed.xlsx'], dir);
    expect(built.code).toBe(1);
    expect(built.err).toContain('renamed.xlsx is an OpenDocument spreadsheet (.ods)');
    expect(readFileSync(join(dir, 'renamed.xlsx')).equals(ods)).toBe(true);
  });

  it('build refuses an output named as another format before building anything', async () => {
    for (const [name, what] of [['new.ods', 'an OpenDocument spreadsheet'], ['new.xls', 'an Excel 97-2003 workbook'], ['new.csv', 'a CSV text file'], ['new.xlsm', 'a macro-enabled workbook']]) {
      const r = await runCli(['build', '-q', '4430-02', '-c', 'Jane Smith', '-u', '203', '-o', name!], dir);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`vq-matrix: -o ${name}: build writes Excel Workbooks (.xlsx), not ${what}; name the output with .xlsx (e.g. ${name!.replace(/\.\w+$/, '')}.xlsx). Nothing was written.`);
      expect(existsSync(join(dir, name!))).toBe(false);
    }
  });

  it('a folder: other spreadsheets are named as skipped on stderr, never silently ignored', async () => {
    mkdirSync(join(dir, 'mixed'));
    copyFileSync(join(dir, 'jane.xlsx'), join(dir, 'mixed', 'jane.xlsx'));
    writeFileSync(join(dir, 'mixed', 'sam.ods'), 'whatever');
    writeFileSync(join(dir, 'mixed', 'kim.xls'), 'whatever');
    writeFileSync(join(dir, 'mixed', 'evidence.pdf'), 'not a spreadsheet');
    writeFileSync(join(dir, 'mixed', '~$jane.xlsx'), 'Excel lock file');
    const r = await runCli(['check', 'mixed'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Jane Smith');
    expect(r.err.trim().split('\n').sort()).toEqual([
      `vq-matrix: note: ${join('mixed', 'kim.xls')} skipped: it is an Excel 97-2003 workbook, and only Excel Workbooks (.xlsx) are read; save it as Excel Workbook (.xlsx) to include it`,
      `vq-matrix: note: ${join('mixed', 'sam.ods')} skipped: it is an OpenDocument spreadsheet, and only Excel Workbooks (.xlsx) are read; save it as Excel Workbook (.xlsx) to include it`,
    ]);
  });
});

describe('a macro-enabled workbook (.xlsm)', () => {
  it('is read when named, but samples are never recorded into it (the .xlsx writer would drop its macros)', async () => {
    const { typeEvidence } = await import('../domain/sampling/cohortFixtures');
    copyFileSync(join(dir, 'jane.xlsx'), join(dir, 'macro.xlsm'));
    await typeEvidence(join(dir, 'macro.xlsm'), 'Jane Smith 4430-203', [{ ref: 'J1', date: new Date(Date.UTC(2025, 1, 3)), method: 'Observation', location: 'Head office', marks: ['1.1'] }]);
    const checked = await runCli(['check', 'macro.xlsm'], dir);
    expect(checked.code).toBe(0);
    expect(checked.out).toContain('Jane Smith');
    const planned = await runCli(['sample', 'macro.xlsm', '--seed', '1', '-o', 'macro-plan.xlsx'], dir);
    expect(planned.code).toBe(0);
    const { wb, ws, header, cols } = await planRows(join(dir, 'macro-plan.xlsx'));
    ws.getRow(header + 1).getCell(cols.get('IV initials')!).value = 'JB';
    ws.getRow(header + 1).getCell(cols.get('Date sampled')!).value = new Date(Date.UTC(2025, 2, 10));
    await wb.xlsx.writeFile(join(dir, 'macro-plan.xlsx'));
    const before = readFileSync(join(dir, 'macro.xlsm'));
    const r = await runCli(['sample', 'macro.xlsm', '--record', 'macro-plan.xlsx'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('vq-matrix: macro.xlsm is a macro-enabled workbook; samples are recorded only in Excel Workbooks (.xlsx), so nothing was written.');
    expect(readFileSync(join(dir, 'macro.xlsm')).equals(before)).toBe(true);
  });
});
