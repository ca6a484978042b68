import { COMMAND_HELP } from '../../src/cli/main';
import { runCli } from '../support/runCli';

describe('--help on every command and subcommand', () => {
  it.each(Object.keys(COMMAND_HELP))('vq-matrix %s --help prints its usage and exits 0', async (command) => {
    for (const flag of ['--help', '-h']) {
      const r = await runCli([...command.split(' '), flag]);
      expect(r).toMatchObject({ code: 0, err: '' });
      expect(r.out).toContain(`vq-matrix ${command}`);
      expect(r.out).not.toContain('unknown option');
    }
  });

  it('a group lists each of its commands; help <command> and --help after other options work too', async () => {
    const group = await runCli(['standards', '--help']);
    expect(group.code).toBe(0);
    for (const c of ['standards list', 'standards show', 'standards validate']) expect(group.out).toContain(`vq-matrix ${c}`);
    expect(group.out).not.toContain('vq-matrix build');

    const help = await runCli(['help', 'build']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('vq-matrix build --qualification');
    expect(help.out).not.toContain('vq-matrix check');

    const after = await runCli(['check', 'nowhere.xlsx', '--json', '--help']);
    expect(after).toMatchObject({ code: 0, err: '' });
    expect(after.out).toContain('vq-matrix check <file.xlsx|folder>');
  });

  it('an unknown command is still an error', async () => {
    const r = await runCli(['frobnicate', '--help']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unknown command "frobnicate');
  });
});
