/*
 * The streamed workbook's zip, compressed on a worker thread (src/adapters/xlsx/zipOnWorker.ts):
 * entries keep the order they were appended in, whenever their streams end; a worker that stops
 * fails the write instead of leaving it waiting for ever.
 */
import { Writable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import { ZipOnWorker } from '../../../src/adapters/xlsx/zipOnWorker';

/** Collects what the zip writes; resolves when it has ended. */
function collector(): { out: Writable; done: Promise<Buffer> } {
  const chunks: Buffer[] = [];
  let ended!: (b: Buffer) => void;
  const done = new Promise<Buffer>((r) => (ended = r));
  const out = new Writable({
    write(chunk: Buffer, _encoding, next) {
      chunks.push(chunk);
      next();
    },
  });
  out.on('finish', () => ended(Buffer.concat(chunks)));
  return { out, done };
}

/** Each entry's name and text, from the zip's central directory (the order of the entries in the file). */
function entries(zip: Buffer): { name: string; text: string }[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const found: { name: string; text: string; offset: number }[] = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const offset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
    const bytes = zip.subarray(local, local + size);
    found.push({ name, text: (method === 8 ? inflateRawSync(bytes) : bytes).toString('utf8'), offset });
    at += 46 + nameLength + extra + comment;
  }
  return found.sort((a, b) => a.offset - b.offset).map(({ name, text }) => ({ name, text }));
}

describe('the zip written on a worker thread', () => {
  it('keeps the order entries were appended in, a stream ending after later entries included', async () => {
    const zip = new ZipOnWorker();
    const { out, done } = collector();
    zip.pipe(out);
    zip.append('first', { name: 'a.txt' });
    const sheet = zip.openStream('sheet.xml');
    zip.append(Buffer.from('after the sheet'), { name: 'c.txt' });
    zip.append('last', { name: 'd.txt' });
    // The sheet is written after the entries that follow it were appended.
    (sheet as unknown as { write(s: string): void }).write('<sheet>');
    (sheet as unknown as { write(s: string): void }).write('x'.repeat(200_000));
    (sheet as unknown as { end(): void }).end();
    zip.finalize();
    const found = entries(await done);
    expect(found.map((e) => e.name)).toEqual(['a.txt', 'sheet.xml', 'c.txt', 'd.txt']);
    expect(found[1]!.text).toBe(`<sheet>${'x'.repeat(200_000)}`);
    expect(found.map((e) => e.text.length)).toEqual([5, 200_007, 15, 4]);
    expect(zip._entriesProcessedCount).toBe(4);
  });

  it('a worker that stops before the zip is complete fails the write with a message', async () => {
    const zip = new ZipOnWorker();
    const { out } = collector();
    zip.pipe(out);
    const failed = new Promise<Error>((resolve) => zip.on('error', resolve));
    zip.append('first', { name: 'a.txt' });
    await (zip as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    expect((await failed).message).toMatch(/^the zip worker stopped \(exit code \d+\) before the workbook was complete$/);
  });
});
