import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { partsLostOnWrite } from '../../src/cli/unkeptParts';
import { readZip } from '../support/libreoffice';
import { runCli } from '../support/runCli';

/** A zip of text entries (what an .xlsx is), written with Node's zlib. */
function writeZip(entries: Map<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data);
    const nameBuf = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.size, 8);
  end.writeUInt16LE(entries.size, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

describe('writing into a workbook that holds parts the .xlsx writer cannot keep', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vq-unkept-'));
  const file = join(dir, 'cohort.xlsx');

  beforeAll(async () => {
    const built = await runCli(['build', '-q', '601/3456/2', '-c', 'Amy Ng', '-u', 'CS 5', '-o', 'cohort.xlsx'], dir);
    expect(built.code).toBe(0);
    // A chart and a shape on a sheet the commands never touch, as Excel stores them.
    const entries = readZip(readFileSync(file));
    entries.set('xl/charts/chart1.xml', '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>');
    entries.set('xl/drawings/drawing1.xml', '<xdr:wsDr xmlns:xdr="x"><xdr:twoCellAnchor><xdr:sp><xdr:txBody/></xdr:sp></xdr:twoCellAnchor></xdr:wsDr>');
    writeFileSync(file, writeZip(entries));
  });

  it('names what would be lost', () => {
    expect(partsLostOnWrite(readFileSync(file))).toEqual(['charts', 'shapes and text boxes']);
  });

  it('cohort --in-place and build refuse without --force and leave the file as it was', async () => {
    const before = readFileSync(file);
    const cohort = await runCli(['cohort', 'cohort.xlsx', '--in-place'], dir);
    expect(cohort.code).not.toBe(0);
    expect(cohort.err).toContain('cohort.xlsx holds charts, shapes and text boxes, which this command cannot keep');
    expect(cohort.err).toContain('--force');
    const build = await runCli(['build', '-q', '601/3456/2', '-c', 'Amy Ng', '-u', 'CS 5,CS 10', '-o', 'cohort.xlsx'], dir);
    expect(build.code).not.toBe(0);
    expect(build.err).toContain('cohort.xlsx was not written');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('with --force, write and say what was lost', async () => {
    const cohort = await runCli(['cohort', 'cohort.xlsx', '--in-place', '--force'], dir);
    expect(cohort.code).toBe(0);
    expect(cohort.err).toContain('--force: cohort.xlsx is written without its charts, shapes and text boxes');
    expect(partsLostOnWrite(readFileSync(file))).toEqual([]);
  });
});
