// A local lint rule: no import cycle in src, counting `import type` too. import-x/no-cycle skips
// type-only imports, but a type cycle still ties two modules together (neither can move or be read
// alone), and the cycles issue #13 names (headerBlock <-> unitGrid, itemCodes <-> schema) are of that kind.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';

const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

/** Our relative imports are extensionless paths to .ts/.tsx files. */
function resolveRelative(from, specifier) {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  for (const ext of ['', ...EXTENSIONS]) {
    const file = base + ext;
    if (/\.tsx?$/.test(file) && existsSync(file)) return file;
  }
  return null;
}

/** Every module a file imports or re-exports, types included (TypeScript's own import scanner). */
function scan(file, text) {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((i) => resolveRelative(file, i.fileName))
    .filter((f) => f !== null);
}

const importsOf = new Map();
function imports(file) {
  let found = importsOf.get(file);
  if (!found) {
    found = scan(file, readFileSync(file, 'utf8'));
    importsOf.set(file, found);
  }
  return found;
}

/** The modules that `start` imports, directly or not, and that import `start` back: its cycle. */
function cycleMembers(start) {
  const importedBy = new Map();
  const reached = new Set([start]);
  const todo = [start];
  while (todo.length > 0) {
    const from = todo.pop();
    for (const to of imports(from)) {
      importedBy.set(to, [...(importedBy.get(to) ?? []), from]);
      if (reached.has(to)) continue;
      reached.add(to);
      todo.push(to);
    }
  }
  const members = new Set();
  const back = [start];
  while (back.length > 0) {
    for (const from of importedBy.get(back.pop()) ?? []) {
      if (members.has(from)) continue;
      members.add(from);
      back.push(from);
    }
  }
  return members;
}

export const typeCycles = {
  meta: { type: 'problem', messages: { cycle: '{{target}} imports this module back (counting type imports): move what both need into a module of its own.' }, schema: [] },
  create(context) {
    const file = context.physicalFilename;
    // The file being linted as it is now (in an editor, maybe unsaved); the others as saved.
    importsOf.set(file, scan(file, context.sourceCode.text));
    return {
      Program(program) {
        const members = cycleMembers(file);
        if (members.size === 0) return;
        for (const node of program.body) {
          const source = (node.type === 'ImportDeclaration' || node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration') && node.source ? node.source.value : null;
          const target = source ? resolveRelative(file, source) : null;
          if (target && members.has(target)) context.report({ node, messageId: 'cycle', data: { target: source } });
        }
      },
    };
  },
};

export default { rules: { 'type-cycles': typeCycles } };
