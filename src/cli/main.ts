import { UserContentWouldBeLost } from '../adapters/xlsx/xlsxWorkbook';
import { parseArgs } from 'node:util';
import { CliError, type CliIo } from './io';
import { cohortCommand } from './cohortCommands';
import { buildCommand, checkCommand, type BuildOptions } from './gridCommands';
import { sampleCommand } from './sampleCommands';
import { splitBuildCommand } from './splitBuild';
import { cliCatalog } from './centreStandards';
import { releaseTargets } from './safeWrite';
import { standardsList, standardsShow, standardsValidate } from './standardsCommands';
import { standardsExport, standardsImport } from './templateCommands';

/** Each command's usage, as `vq-matrix <command> --help` prints it. */
export const COMMAND_HELP: Record<string, string> = {
  'standards list': `  vq-matrix standards list [--json] [--standards <file>]...
      Lists the bundled qualifications (and a centre's own, with --standards) and their units.`,
  'standards show': `  vq-matrix standards show <qualification> [<unit>] [--json] [--standards <file>]...
      Shows a qualification's units, or one unit's items.`,
  'standards validate': `  vq-matrix standards validate <file.json>
      Checks a centre's own standards file and names every problem.`,
  'standards export': `  vq-matrix standards export (<qualification> | --blank) -o <template.xlsx> [--force] [--standards <file>]...
      Writes a qualification (or an empty one) as the standards template: sheets a coordinator
      fills in Excel by pasting from the awarding body's specification.`,
  'standards import': `  vq-matrix standards import <template.xlsx> -o <centre.json> [--force]
      Checks a filled template (every problem, with sheet, row and column) and writes the centre's
      standards file. Use it, or the filled template itself, with --standards on any command.`,
  build: `  vq-matrix build --qualification <id> (--candidate "<name>" [--candidate-id <id>] ... | --candidates <file>) [--assessor "<name>"]
                  --units <code,code,...> [--layout evidence-rows|criteria-rows] [--occasions N] -o <file.xlsx>
                  [--standards <file>]...
      Builds a tracker, an evidence index and one grid per unit for each candidate (mandatory units
      added); run again on the same file to update it in place, keeping every evidence row and mark.
      A candidates file has one candidate per line: "name", "name,assessor" or "name,assessor,id"
      (id: ULN, SCN or registration number), or columns under a header row (Candidate, Assessor, ULN).
      --candidate-id <id> gives a single --candidate's id. --occasions sets each
      grid's "Occasions needed (default)" cell (default 1); items follow it unless set on the grid.
      Warns when the pathway cannot meet the rules of combination (it still builds).
  vq-matrix build --qualification <id> --candidates <file> --split assessor|candidate --units <code,...> -o <folder> [options as above]
      One workbook per assessor ("<assessor>.xlsx"; candidates with no assessor in "No assessor.xlsx")
      or per candidate ("<name>.xlsx", "<name> (<id>).xlsx" with an id), each with its candidates'
      grids, trackers and evidence indexes and its own live "Cohort summary" as the first sheet; check,
      cohort and sample read the folder. File names are made safe for Windows, macOS and Linux; two
      that would be one file are refused. Run again to update every workbook in place. Nothing is
      written if any workbook would be refused (unreadable, open in Excel, or a candidate whose grids
      are in another workbook of the folder: a changed assessor is named with both files, never
      moved). A workbook that still fails while being written is left as it was and named, the others
      are written (exit 1); the same command run again finishes the job.`,
  check: `  vq-matrix check <file.xlsx|folder>... [--json] [--occasions N] [--standards <file>]...
      Per candidate and unit: status (complete, in progress, not started), coverage, missing,
      claimed and referred items, credits and rules. --occasions is for sheets without their own
      occasions needed (an assessor's own tracker); a grid's own settings always apply.
      Exit code 1 if a grid or a file cannot be read (the message names the file, sheet and cell).`,
  cohort: `  vq-matrix cohort <file.xlsx|folder>... [-o summary.xlsx [--force]] [--json|--csv] [--assessor "<name>"] [--occasions N] [--standards <file>]...
      Per candidate and unit: status and coverage, credits achieved and still needed, rules of
      combination, last evidence date, assessor. -o writes a summary workbook (values as read);
      an existing file is replaced only with --force. --assessor: only that assessor's candidates
      (case and spaces ignored).
  vq-matrix cohort <cohort.xlsx> --in-place
      Adds (or replaces) a live "Cohort summary" sheet, first among the tabs: formulas over the grids in that workbook.`,
  sample: `  vq-matrix sample <file.xlsx|folder>... [--seed N] [--rates <rates.json>] [-o plan.xlsx [--force]] [--json] [--standards <file>]...
      A CAMERA sampling plan for internal verification: every assessor, unit, method and site
      covered, rates by assessor risk, everything an EV/EPA rejected; the same seed gives the same plan.
      An existing plan file is replaced only with --force.
  vq-matrix sample <file.xlsx|folder>... --check <plan.xlsx> [--rates <rates.json>] [--json]
      Names every gap in a plan made or edited by hand.
  vq-matrix sample <file.xlsx|folder>... --record <plan.xlsx> [--json]
      Marks each recorded sample (IV initials and date filled in) on the candidate's tracker,
      evidence index and grid sign-off, filling blanks only: a different entry is reported, never overwritten.`,
};

const FINDING = `--standards <file> (a centre's .json or filled template .xlsx; repeatable) adds a centre's own
qualification. A workbook built from it carries it, so later runs on that workbook need no --standards.

A qualification is found by any identifier ("4430-02", "500/9341/1", "CCA010-02", "601/3456/2",
its title or id); a unit by any of its codes ("203", "4430-203", "L/601/0933", "A4", "CS 7", "FE2V 04").
Dates are shown as dd/mm/yyyy.

Workbooks are written whole or not at all (a temporary file renamed over the old one), one run at a
time per file; if a write fails the old file is left exactly as it was and the message says why.
`;

export const USAGE = `vq-matrix: vocational qualification standards as coverage grids

Usage:
${Object.values(COMMAND_HELP).join('\n')}

A command followed by --help shows its part of this text.
${FINDING}`;

/** `vq-matrix <command> --help` (or -h), and `vq-matrix help <command>`: that command's usage (a group's: each of its commands). */
function helpFor(words: readonly string[]): string | undefined {
  const [first, second] = words.filter((w) => !w.startsWith('-'));
  if (first === undefined) return undefined;
  const keys =
    second !== undefined && `${first} ${second}` in COMMAND_HELP
      ? [`${first} ${second}`]
      : first in COMMAND_HELP
        ? [first]
        : Object.keys(COMMAND_HELP).filter((k) => k.startsWith(`${first} `));
  return keys.length === 0 ? undefined : `Usage:\n${keys.map((k) => COMMAND_HELP[k]).join('\n')}\n\n${FINDING}`;
}

type Command = (io: CliIo, args: string[]) => Promise<number> | number;

type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

/** Strict option parsing: an unknown option is an error, not ignored. */
function options(args: string[], spec: OptionSpec = {}) {
  const parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { json: { type: 'boolean' }, standards: { type: 'string', multiple: true }, ...spec } });
  return { values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals };
}

const standardsFiles = (values: Record<string, unknown>): string[] => (values.standards as string[] | undefined) ?? [];

const commands: Record<string, Command> = {
  'standards list': async (io, args) => {
    const { values } = options(args);
    return standardsList(io, Boolean(values.json), await cliCatalog(io, standardsFiles(values)));
  },
  'standards show': async (io, args) => {
    const { values, positionals } = options(args);
    if (positionals.length < 1 || positionals.length > 2) throw new CliError('standards show needs <qualification> and optionally <unit>');
    return standardsShow(io, positionals[0]!, positionals[1], Boolean(values.json), await cliCatalog(io, standardsFiles(values)));
  },
  'standards export': async (io, args) => {
    const { values, positionals } = options(args, { output: { type: 'string', short: 'o' }, force: { type: 'boolean' }, blank: { type: 'boolean' } });
    if (values.blank ? positionals.length !== 0 : positionals.length !== 1) throw new CliError('standards export needs exactly one <qualification>, or --blank for an empty template');
    if (typeof values.output !== 'string') throw new CliError('standards export needs -o <template.xlsx>');
    return standardsExport(io, await cliCatalog(io, standardsFiles(values)), values.blank ? null : positionals[0]!, values.output, Boolean(values.force));
  },
  'standards import': (io, args) => {
    const { values, positionals } = options(args, { output: { type: 'string', short: 'o' }, force: { type: 'boolean' } });
    if (positionals.length !== 1) throw new CliError('standards import needs exactly one <template.xlsx> (or .json)');
    if (typeof values.output !== 'string') throw new CliError('standards import needs -o <centre.json>');
    return standardsImport(io, positionals[0]!, values.output, Boolean(values.force));
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
      'candidate-id': { type: 'string' },
      force: { type: 'boolean' },
      split: { type: 'string' },
    });
    const layout = values.layout ?? 'evidence-rows';
    if (layout !== 'evidence-rows' && layout !== 'criteria-rows') throw new CliError(`--layout must be evidence-rows or criteria-rows, not "${String(layout)}"`);
    const occasions = values.occasions === undefined ? undefined : Number(values.occasions);
    if (occasions !== undefined && !(Number.isInteger(occasions) && occasions >= 1)) throw new CliError(`--occasions must be a whole number of at least 1, not "${String(values.occasions)}"`);
    if (positionals.length > 0) throw new CliError(`build takes no positional arguments (got ${positionals.join(' ')})`);
    if (typeof values.qualification !== 'string') throw new CliError('build needs --qualification <id>');
    if (typeof values.output !== 'string') throw new CliError(`build needs -o <${values.split === undefined ? 'file.xlsx' : 'folder'}>`);
    const build: BuildOptions = {
      qualification: values.qualification,
      candidates: (values.candidate as string[] | undefined) ?? [],
      assessor: values.assessor as string | undefined,
      units: String(values.units ?? '').split(',').map((u) => u.trim()).filter(Boolean),
      out: values.output,
      layout: layout === 'criteria-rows' ? 'criteriaRows' : 'evidenceRows',
      occasions,
      candidatesFile: values.candidates as string | undefined,
      standards: standardsFiles(values),
      candidateId: values['candidate-id'] as string | undefined,
      force: Boolean(values.force),
    };
    return typeof values.split === 'string' ? splitBuildCommand(io, build, values.split) : buildCommand(io, build);
  },
  check: (io, args) => {
    const { values, positionals } = options(args, { occasions: { type: 'string' } });
    if (positionals.length === 0) throw new CliError('check needs at least one .xlsx file or folder');
    const occasions = values.occasions === undefined ? undefined : Number(values.occasions);
    if (occasions !== undefined && !(Number.isInteger(occasions) && occasions >= 1)) throw new CliError(`--occasions must be a whole number of at least 1, not "${String(values.occasions)}"`);
    return checkCommand(io, positionals, Boolean(values.json), occasions, standardsFiles(values));
  },
  cohort: (io, args) => {
    const { values, positionals } = options(args, { output: { type: 'string', short: 'o' }, force: { type: 'boolean' }, csv: { type: 'boolean' }, 'in-place': { type: 'boolean' }, occasions: { type: 'string' }, assessor: { type: 'string' } });
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
      standards: standardsFiles(values),
      ...(typeof values.assessor === 'string' ? { assessor: values.assessor } : {}),
      force: Boolean(values.force),
    });
  },
  sample: (io, args) => {
    const { values, positionals } = options(args, {
      seed: { type: 'string' },
      rates: { type: 'string' },
      output: { type: 'string', short: 'o' },
      force: { type: 'boolean' },
      check: { type: 'string' },
      record: { type: 'string' },
      occasions: { type: 'string' },
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
      standards: standardsFiles(values),
      force: Boolean(values.force),
    });
  },
};

/** Run one CLI invocation; returns the exit code. Never throws for user errors. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || (argv[0] === 'help' && argv.length === 1)) {
    io.out(USAGE);
    return argv.length === 0 ? 1 : 0;
  }
  // --help anywhere after a command (or "help <command>") prints that command's usage, whatever else was typed.
  const askedHelp = argv[0] === 'help' || argv.some((a) => a === '--help' || a === '-h');
  if (askedHelp) {
    const help = helpFor(argv[0] === 'help' ? argv.slice(1) : argv);
    if (help) {
      io.out(help);
      return 0;
    }
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
    if (e instanceof UserContentWouldBeLost) {
      io.err(`vq-matrix: ${e.message}`);
      return 1;
    }
    if (String((e as NodeJS.ErrnoException)?.code ?? '').startsWith('ERR_PARSE_ARGS')) {
      io.err(`vq-matrix: ${(e as Error).message}`);
      return 2;
    }
    throw e;
  } finally {
    // Locks on the workbooks the command wrote (or meant to) are released however it ended.
    await releaseTargets(io);
  }
}
