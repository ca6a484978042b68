import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** What a command may touch: injected so tests run commands in-process and read what they printed. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
}

/** A failure the user caused (bad file, unknown code): printed without a stack, exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Files named, and the .xlsx files of folders named (sorted; Excel's ~$ lock files skipped). */
export async function expandWorkbooks(io: CliIo, inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const path = resolve(io.cwd, input);
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new CliError(`${input}: no such file or folder`);
    }
    if (info.isDirectory()) {
      for (const f of (await readdir(path)).sort()) if (f.toLowerCase().endsWith('.xlsx') && !f.startsWith('~$')) files.push(join(input, f));
    } else files.push(input);
  }
  if (files.length === 0) throw new CliError('no .xlsx files to read');
  return files;
}
