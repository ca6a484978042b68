import { run } from '../../src/cli/main';

/** Run the CLI in-process, capturing what it prints. */
export async function runCli(args: string[], cwd = process.cwd()): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), cwd });
  return { code, out, err };
}

/** build's stderr warning that the pathway cannot meet the rules of combination (it still builds). */
export const PATHWAY_WARNING = /^vq-matrix: warning: This pathway cannot meet the rules of combination.*\n/gm;
