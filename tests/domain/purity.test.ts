import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A file that exists in `dir`: type-aware lint (the project service) parses only files the tsconfig holds. */
function existingFile(dir: string): string {
  const name = readdirSync(dir).find((f) => f.endsWith('.ts'));
  if (!name) throw new Error(`no .ts file in ${dir}`);
  return join(dir, name);
}

// The lint rule that keeps src/domain pure must actually fire: lint a snippet as if it lived there.
// (ESLint runs in a child process: its flat config is an ES module, which Jest's VM cannot import.)
function lint(code: string, filePath: string): string[] {
  let output: string;
  try {
    output = execFileSync(process.execPath, ['node_modules/eslint/bin/eslint.js', '--stdin', '--stdin-filename', filePath, '-f', 'json'], { input: code, encoding: 'utf8' });
  } catch (e) {
    output = (e as { stdout: string }).stdout; // exit code 1 when there are lint errors
  }
  const [result] = JSON.parse(output) as { messages: { ruleId: string | null; message: string; fatal?: boolean }[] }[];
  // A snippet ESLint could not parse would pass "allows" below without any rule having run.
  const fatal = result!.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`ESLint could not lint the snippet: ${fatal.map((m) => m.message).join('; ')}`);
  return result!.messages.filter((m) => m.ruleId?.includes('no-restricted')).map((m) => m.message);
}

const snippet = `
import { readFileSync } from 'node:fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { FC } from 'react';
import { officeWorkbookAdapter } from '../../adapters/officejs/officeWorkbook';
export const uses = [readFileSync, path, ExcelJS, officeWorkbookAdapter, () => Excel.run(async () => undefined)];
export type X = FC;
`;

describe('src/domain stays free of office-js, React, Node I/O and adapters', () => {
  it('rejects each forbidden import inside src/domain, type imports included', () => {
    const messages = lint(snippet, existingFile('src/domain/standards'));
    expect(messages.filter((m) => m.includes('no Node I/O'))).toHaveLength(4); // fs + path, each by both rules
    expect(messages.join('\n')).toContain('workbook I/O belongs in src/adapters');
    expect(messages.join('\n')).toContain('UI belongs in src/taskpane');
    expect(messages.join('\n')).toContain('depends on nothing of ours outside src/domain');
    expect(messages.join('\n')).toContain('no office-js');
  });

  it('allows the same imports outside src/domain', () => {
    expect(lint(snippet, existingFile('src/adapters/xlsx'))).toEqual([]);
  });
});
