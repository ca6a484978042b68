import { execFileSync } from 'node:child_process';

/*
 * The habits lint enforces (#13) must actually fire: each snippet is linted as if it lived at a path
 * in src. One ESLint child process lints them all (its flat config is an ES module, which Jest's VM
 * cannot import; and type-aware lint loads the whole program once). Paths are files that exist:
 * type-aware lint parses only files the tsconfig holds.
 */
interface Message {
  ruleId: string | null;
  message: string;
  fatal?: boolean;
}

const LINT_ALL = `
import { ESLint } from 'eslint';
const cases = JSON.parse(process.argv[1]);
const eslint = new ESLint();
const out = [];
for (const c of cases) out.push((await eslint.lintText(c.code, { filePath: c.filePath }))[0].messages);
process.stdout.write(JSON.stringify(out));
`;

function lintAll(cases: { code: string; filePath: string }[]): Message[][] {
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', LINT_ALL, JSON.stringify(cases)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const results = JSON.parse(output) as Message[][];
  for (const messages of results) {
    const fatal = messages.filter((m) => m.fatal);
    // A snippet ESLint could not parse would "pass" without any rule having run.
    if (fatal.length > 0) throw new Error(`ESLint could not lint a snippet: ${fatal.map((m) => m.message).join('; ')}`);
  }
  return results;
}

const rules = (messages: Message[] | undefined) => (messages ?? []).map((m) => m.ruleId);

const adapterImport = `import { officeWorkbookAdapter } from '../../adapters/officejs/officeWorkbook';\nexport const used = officeWorkbookAdapter;\n`;
const taskpaneImport = `import { describeError } from '../taskpane/logic/errors';\nexport const used = describeError;\n`;
const floating = `async function save(): Promise<void> {}\nexport function onClick(): void {\n  save();\n}\n`;
const misused = `async function save(): Promise<void> {}\nexport const handlers: { onClick: () => void } = { onClick: save };\n`;
const fireAndForget = `async function save(): Promise<void> {}\nexport function onClick(): void {\n  // save reports its own failures.\n  void save();\n}\n`;
const tooLong = Array.from({ length: 501 }, (_, i) => `export const line${i} = ${i};`).join('\n') + '\n';
// schema.ts imports codes.ts; codes.ts importing a type back from schema.ts closes a cycle.
const typeCycle = `import type { Unit } from './schema';\nexport const codeOf = (u: Unit) => u.code;\n`;

describe('lint: the habits of #13', () => {
  let results: Message[][] = [];
  beforeAll(() => {
    results = lintAll([
      { code: adapterImport, filePath: 'src/taskpane/components/Notice.tsx' }, // 0
      { code: adapterImport, filePath: 'src/taskpane/office/officeHost.ts' }, // 1
      { code: taskpaneImport, filePath: 'src/cli/main.ts' }, // 2
      { code: taskpaneImport, filePath: 'src/functions/functions.ts' }, // 3
      { code: `import { main } from '../../cli/main';\nexport const used = main;\n`, filePath: 'src/adapters/xlsx/zipCheck.ts' }, // 4
      { code: floating, filePath: 'src/taskpane/components/Notice.tsx' }, // 5
      { code: misused, filePath: 'src/taskpane/components/Notice.tsx' }, // 6
      { code: fireAndForget, filePath: 'src/taskpane/components/Notice.tsx' }, // 7
      { code: tooLong, filePath: 'src/domain/standards/codes.ts' }, // 8
      { code: typeCycle, filePath: 'src/domain/standards/codes.ts' }, // 9
    ]);
  }, 300_000);

  it('keeps components away from the adapters; the host may use them', () => {
    expect(results[0]!.map((m) => m.message).join('\n')).toContain('Components reach the workbook through the TaskpaneHost');
    expect(rules(results[1])).not.toContain('no-restricted-imports');
  });

  it('keeps the CLI and custom functions out of the task pane, and adapters out of every shell', () => {
    expect(rules(results[2])).toContain('no-restricted-imports');
    expect(rules(results[3])).toContain('no-restricted-imports');
    expect(results[4]!.map((m) => m.message).join('\n')).toContain('Adapters serve the shells and never import them');
  });

  it('reports a promise nobody awaits, and one passed where nothing waits for it; void with a reason is allowed', () => {
    expect(rules(results[5])).toContain('@typescript-eslint/no-floating-promises');
    expect(rules(results[6])).toContain('@typescript-eslint/no-misused-promises');
    expect(rules(results[7])).toEqual([]);
  });

  it('reports a source file over 500 lines', () => {
    expect(rules(results[8])).toContain('max-lines');
  });

  it('reports an import cycle that runs through a type import', () => {
    expect(rules(results[9])).toContain('vq/type-cycles');
  });
});
