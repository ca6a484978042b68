import { run } from './main';
import { removeHeldFilesSync } from './safeWrite';

// Ctrl+C or kill: the workbook is untouched (writes are renamed into place); remove our lock and temporary file.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  process.on(signal, () => {
    removeHeldFilesSync();
    process.exit(code);
  });
}

// `vq-matrix build ... | head` closes the pipe early: what cannot be shown any more is dropped and
// the command finishes (a workbook half written, its lock left behind, and exit 0 would be worse).
const closed = new Set<NodeJS.WriteStream>();
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') {
      closed.add(stream);
      return;
    }
    throw e;
  });
}
const write = (stream: NodeJS.WriteStream, text: string): void => {
  if (!closed.has(stream) && !stream.destroyed) stream.write(text.endsWith('\n') ? text : `${text}\n`);
};

// The process shell around run(): real stdout/stderr, exit code from the command.
let settled = false;
// Node exits quietly (code 0) when nothing is left to wait for, even if a promise never settled
// (a library that stops emitting events): that is never a success.
process.on('beforeExit', () => {
  if (settled) return;
  settled = true;
  process.stderr.write('vq-matrix: stopped before finishing (an internal error: a read or write never completed); the results are incomplete\n');
  process.exitCode = 70;
});
run(process.argv.slice(2), {
  out: (text) => write(process.stdout, text),
  err: (text) => write(process.stderr, text),
  cwd: process.cwd(),
}).then(
  (code) => {
    settled = true;
    process.exitCode = code;
  },
  (e: unknown) => {
    settled = true;
    process.stderr.write(`vq-matrix: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 70;
  },
);
