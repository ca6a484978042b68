/*
 * The streamed workbook's zip, compressed on a worker thread (src/adapters/xlsx/zipOnWorker.ts):
 * entries keep the order they were appended in, whenever their streams end; a worker that stops
 * fails the write instead of leaving it waiting for ever.
 */
import { Writable } from 'node:stream';
import { ZipOnWorker } from '../../../src/adapters/xlsx/zipOnWorker';
import { readZip } from '../../support/zipFile';

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
    // archiver lists the entries in the order it wrote them.
    const found = readZip(await done).map((e) => ({ name: e.name, text: e.data.toString('utf8') }));
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
