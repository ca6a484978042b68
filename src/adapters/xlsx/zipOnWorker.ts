/*
 * The zip of a streamed workbook, compressed and written on a worker thread. exceljs's streaming
 * writer lays out each sheet's XML on the main thread; archiver (the zip library exceljs uses, with
 * its defaults) compresses it. In the same thread, archiver's streams and zlib's callbacks took ~4 s
 * of a 15 s build of 500 candidates (bench: cli.build500Seconds); on a worker they run on the other
 * core while the next sheets are laid out. The file is the same: the same library, the same entries
 * in the same order.
 *
 * `ZipOnWorker` is the part of archiver's interface exceljs's WorkbookWriter uses (append, pipe,
 * finalize, error and progress events). A sheet's stream is an exceljs StreamBuf that is held until
 * the sheet is complete (one sheet's XML, ~60 KB), then handed over whole.
 */
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';

/** The worker: archiver, fed entries in order, its output posted back chunk by chunk. Plain JS: it is run as given. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { Writable } = require('node:stream');
const zip = require(workerData.archiver)('zip');
// Posted a megabyte at a time: a message per 16 KB chunk of zlib's output cost more than the copying.
let held = [];
let size = 0;
const post = () => {
  if (size === 0) return;
  const joined = Buffer.concat(held, size);
  // Handed over, not copied; a small one may be a slice of Node's shared pool, which must not be.
  const chunk = joined.byteOffset === 0 && joined.byteLength === joined.buffer.byteLength ? joined : new Uint8Array(joined);
  held = [];
  size = 0;
  parentPort.postMessage({ chunk });
};
const out = new Writable({
  write(chunk, _encoding, done) {
    held.push(chunk);
    size += chunk.length;
    if (size >= 1048576) post();
    done();
  },
  final(done) {
    post();
    done();
  },
});
zip.on('progress', (p) => parentPort.postMessage({ processed: p.entries.processed }));
zip.on('error', (e) => parentPort.postMessage({ error: String((e && e.message) || e) }));
zip.on('warning', (e) => parentPort.postMessage({ error: String((e && e.message) || e) }));
out.on('finish', () => parentPort.postMessage({ done: true }));
zip.pipe(out);
parentPort.on('message', (m) => {
  if (m.finalize) zip.finalize();
  else zip.append(typeof m.data === 'string' ? m.data : Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength), { name: m.name });
});
`;

/** exceljs's own StreamBuf (the stream its sheet writers write to), not in its typings. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const StreamBuf = require('exceljs/lib/utils/stream-buf.js') as new (options: { bufSize: number; batch: boolean }) => EntryStream;

interface EntryStream extends EventEmitter {
  pause(): void;
  read(): Buffer;
}

interface Entry {
  name: string;
  /** The entry's bytes; undefined while its stream is still being written. */
  data?: string | Uint8Array;
}

/** archiver, as exceljs's package depends on it (the version exceljs was made with). */
function archiverPath(): string {
  const fromExceljs = createRequire(require.resolve('exceljs'));
  return fromExceljs.resolve('archiver');
}

/** A buffer that owns its whole memory can be handed to the worker without a copy; a slice of a shared pool cannot. */
function transferable(b: Buffer): Uint8Array {
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : Uint8Array.prototype.slice.call(b);
}

export class ZipOnWorker extends EventEmitter {
  /** Entries appended, and entries the worker has compressed: how far the zip is behind (caughtUp). */
  _entriesCount = 0;
  _entriesProcessedCount = 0;
  private readonly worker: Worker;
  /** Entries not yet handed to the worker, in zip order: the first may still be being written. */
  private readonly waiting: Entry[] = [];
  private output?: Writable;
  private finalizing = false;
  private ended = false;

  constructor() {
    super();
    this.worker = new Worker(WORKER, { eval: true, workerData: { archiver: archiverPath() }, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    this.worker.on('message', (m: { chunk?: Uint8Array; processed?: number; error?: string; done?: boolean }) => {
      if (m.chunk) this.output?.write(Buffer.from(m.chunk.buffer, m.chunk.byteOffset, m.chunk.byteLength));
      if (m.processed !== undefined) {
        this._entriesProcessedCount = m.processed;
        this.emit('progress');
      }
      if (m.error !== undefined) this.fail(new Error(m.error));
      if (m.done) {
        this.ended = true;
        this.output?.end();
        void this.worker.terminate();
      }
    });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => {
      if (!this.ended) this.fail(new Error(`the zip worker stopped (exit code ${code}) before the workbook was complete`));
    });
  }

  private fail(e: Error): void {
    if (this.ended) return;
    this.ended = true;
    void this.worker.terminate();
    this.emit('error', e);
  }

  pipe<T extends Writable>(output: T): T {
    this.output = output;
    return output;
  }

  /** A part of the workbook: text, bytes, or a stream (from `openStream`) that is added once it ends. */
  append(source: string | Buffer | EntryStream, options: { name: string }): this {
    this._entriesCount++;
    const entry: Entry = { name: options.name };
    if (typeof source === 'string') entry.data = source;
    else if (Buffer.isBuffer(source)) entry.data = transferable(source);
    else {
      source.on('finish', () => {
        entry.data = transferable(source.read());
        this.handOver();
      });
    }
    this.waiting.push(entry);
    this.handOver();
    return this;
  }

  /** What WorkbookWriter._openStream returns: an exceljs StreamBuf that holds what is written to it. */
  openStream(name: string): EntryStream {
    const stream = new StreamBuf({ bufSize: 65536, batch: true });
    // Paused with no reader, a StreamBuf keeps what is written (it would otherwise emit it as 'data').
    stream.pause();
    this.append(stream, { name });
    return stream;
  }

  file(): never {
    throw new Error('ZipOnWorker: files on disk are not added to a streamed workbook');
  }

  finalize(): void {
    this.finalizing = true;
    this.handOver();
  }

  /** Stops the worker (a write that failed part-way: the caller discards the output). */
  async close(): Promise<void> {
    this.ended = true;
    await this.worker.terminate();
  }

  /** Entries whose bytes are complete go to the worker, in order. */
  private handOver(): void {
    while (this.waiting.length > 0 && this.waiting[0]!.data !== undefined) {
      const { name, data } = this.waiting.shift()!;
      if (typeof data === 'string') this.worker.postMessage({ name, data });
      else this.worker.postMessage({ name, data }, [data!.buffer as ArrayBuffer]);
    }
    if (this.finalizing && this.waiting.length === 0) {
      this.finalizing = false;
      this.worker.postMessage({ finalize: true });
    }
  }
}
