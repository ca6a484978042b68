import { parseArgs } from 'node:util';
import { CliError, type CliIo } from './io';
import { cohortCommand } from './cohortCommands';
import { buildCommand, checkCommand } from './gridCommands';
import { sampleCommand } from './sampleCommands';
import { standardsList, standardsShow, standardsValidate } from './standardsCommands';

export const USAGE = `vq-matrix: vocational qualification standards as coverage grids

Usage:
  vq-matrix standards list [--json]
  vq-matrix standards show <qualification> [<unit>] [--json]
  vq-matrix standards validate <file.json>
  vq-matrix build --qualification <id> (--candidate "<name>" ... | --candidates <file>) [--assessor "<name>"]
                  --units <code,code,...> [--layout evidence-rows|criteria-rows] [--occasions N] -o <file.xlsx>
      Builds a tracker, an evidence index and one grid per unit for each candidate (mandatory units
      added); run again on the same file to update it in place, keeping every evidence row and mark.
      A candidates file has one candidate per line: "name" or "name,assessor".
  vq-matrix check <file.xlsx|folder>... [--json] [--occasions N]
      Exit code 1 if a grid cannot be read (the message names the file, sheet and cell).
  vq-matrix cohort <file.xlsx|folder>... [-o summary.xlsx] [--json|--csv] [--occasions N]
      Per candidate and unit: status and coverage, credits achieved and still needed, rules of
      combination, last evidence date, assessor. -o writes a summary workbook (values as read).
  vq-matrix cohort <cohort.xlsx> --in-place
      Adds (or replaces) a live "Cohort summary" sheet: formulas over the grids in that workbook.
  vq-matrix sample <file.xlsx|folder>... [--seed N] [--rates <rates.json>] [-o plan.xlsx] [--json]
      A CAMERA sampling plan for internal verification: every assessor, unit, method and site
      covered, rates by assessor risk, everything an EV/EPA rejected; the same seed gives the same plan.
  vq-matrix sample <file.xlsx|folder>... --check <plan.xlsx> [--rates <rates.json>] [--json]
      Names every gap in a plan made or edited by hand.
  vq-matrix sample <file.xlsx|folder>... --record <plan.xlsx> [--json]
      Marks each recorded sample (IV initials and date filled in) on the candidate's tracker,
      evidence index and grid sign-off, filling blanks only: a different entry is reported, never overwritten.

A qualification is found by any identifier ("4430-02", "500/9341/1", "CCA010-02", "601/3456/2",
its title or id); a unit by any of its codes ("203", "4430-203", "L/601/0933", "A4", "CS 7", "FE2V 04").
`;

type Command = (io: CliIo, args: string[]) => Promise<number> | number;

type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

/** Strict option parsing: an unknown option is an error, not ignored. */
function options(args: string[], spec: OptionSpec = {}) {
  const parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { json: { type: 'boolean' }, ...spec } });
  return { values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals };
}

const commands: Record<string, Command> = {
  'standards list': (io, args) => standardsList(io, Boolean(options(args).values.json)),
  'standards show': (io, args) => {
    const { values, positionals } = options(args);
    if (positionals.length < 1 || positionals.length > 2) throw new CliError('standards show needs <qualification> and optionally <unit>');
    return standardsShow(io, positionals[0]!, positionals[1], Boolean(values.json));
  },
  'standards validate': (io, args) => {
    const { positionals } = options(args);
    if (positionals.length !== 1) throw new CliError('standards validate needs exactly one <file>');
    return standardsValidate(io, positionals[0]!);
  },
  build: (io, args) => {
    const { values, positionals } = options(args, {
      qualification: { type: 'string', short: 'q' },
      candidate: { type: 'string', multiple: true, short: 'c' },
      assessor: { type: 'string' },
      units: { type: 'string', short: 'u' },
      output: { type: 'string', short: 'o' },
      layout: { type: 'string' },
      occasions: { type: 'string' },
      candidates: { type: 'string' },
      force: { type: 'boolean' },
    });
    const layout = values.layout ?? 'evidence-rows';
    if (layout !== 'evidence-rows' && layout !== 'criteria-rows') throw new CliError(`--layout must be evidence-rows or criteria-rows, not "${String(layout)}"`);
    const occasions = values.occasions === undefined ? undefined : Number(values.occasions);
    if (occasions !== undefined && !(Number.isInteger(occasions) && occasions >= 1)) throw new CliError(`--occasions must be a whole number of at least 1, not "${String(values.occasions)}"`);
    if (positionals.length > 0) throw new CliError(`build takes no positional arguments (got ${positionals.join(' ')})`);
    if (typeof values.qualification !== 'string') throw new CliError('build needs --qualification <id>');
    if (typeof values.output !== 'string') throw new CliError('build needs -o <file.xlsx>');
    return buildCommand(io, {
      qualification: values.qualification,
      candidates: (values.candidate as string[] | undefined) ?? [],
      assessor: values.assessor as string | undefined,
      units: String(values.units ?? '').split(',').map((u) => u.trim()).filter(Boolean),
      out: values.output,
      layout: layout === 'criteria-rows' ? 'criteriaRows' : 'evidenceRows',
      occasions,
      candidatesFile: values.candidates as string | undefined,
      force: Boolean(values.force),
    });
  },
  check: (io, args) => {
    const { values, positionals } = options(args, { occasions: { type: 'string' } });
    if (positionals.length === 0) throw new CliError('check needs at least one .xlsx file or folder');
    const occasions = values.occasions === undefined ? undefined : Number(values.occasions);
    if (occasions !== undefined && !(Number.isInteger(occasions) && occasions >= 1)) throw new CliError(`--occasions must be a whole number of at least 1, not "${String(values.occasions)}"`);
    return checkCommand(io, positionals, Boolean(values.json), occasions);
  },
  cohort: (io, args) => {
    const { values, positionals } = options(args, { output: { type: 'string', short: 'o' }, csv: { type: 'boolean' }, 'in-place': { type: 'boolean' }, occasions: { type: 'string' }, force: { type: 'boolean' } });
    if (positionals.length === 0) throw new CliError('cohort needs at least one .xlsx file or folder');
    const occasions = values.occasions === undefined ? undefined : Number(values.occasions);
    if (occasions !== undefined && !(Number.isInteger(occasions) && occasions >= 1)) throw new CliError(`--occasions must be a whole number of at least 1, not "${String(values.occasions)}"`);
    return cohortCommand(io, {
      inputs: positionals,
      out: values.output as string | undefined,
      json: Boolean(values.json),
      csv: Boolean(values.csv),
      inPlace: Boolean(values['in-place']),
      occasions,
      force: Boolean(values.force),
    });
  },
  sample: (io, args) => {
    const { values, positionals } = options(args, {
      seed: { type: 'string' },
      rates: { type: 'string' },
      output: { type: 'string', short: 'o' },
      check: { type: 'string' },
      record: { type: 'string' },
      occasions: { type: 'string' },
      force: { type: 'boolean' },
    });
    if (positionals.length === 0) throw new CliError('sample needs at least one .xlsx file or folder');
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) throw new CliError(`--seed must be a whole number from 0 to 4294967295, not "${String(values.seed)}"`);
    const occasions = values.occasions === undefined ? undefined : Number(values.occasions);
    if (occasions !== undefined && !(Number.isInteger(occasions) && occasions >= 1)) throw new CliError(`--occasions must be a whole number of at least 1, not "${String(values.occasions)}"`);
    return sampleCommand(io, {
      inputs: positionals,
      seed,
      rates: values.rates as string | undefined,
      out: values.output as string | undefined,
      json: Boolean(values.json),
      check: values.check as string | undefined,
      record: values.record as string | undefined,
      occasions,
      force: Boolean(values.force),
    });
  },
};

/** Run one CLI invocation; returns the exit code. Never throws for user errors. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(USAGE);
    return argv.length === 0 ? 1 : 0;
  }
  const key = [2, 1].map((n) => argv.slice(0, n).join(' ')).find((k) => k in commands);
  if (!key) {
    io.err(`Unknown command "${argv.slice(0, 2).join(' ')}".\n\n${USAGE}`);
    return 2;
  }
  try {
    return await commands[key]!(io, argv.slice(key.split(' ').length));
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`vq-matrix: ${e.message}`);
      return e.exitCode;
    }
    if (String((e as NodeJS.ErrnoException)?.code ?? '').startsWith('ERR_PARSE_ARGS')) {
      io.err(`vq-matrix: ${(e as Error).message}`);
      return 2;
    }
    throw e;
  }
}
