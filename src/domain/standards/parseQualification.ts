import { fail, ok, problems, type Result } from '../problems';
import { qualificationSchema, type Qualification } from './schema';

/*
 * Kept apart from catalog.ts so that looking codes up (the custom functions, grid readers) does not
 * pull in the schema validator (zod): only loading standards files (the bundled ones, a centre's own)
 * needs it.
 */

/** Validate a parsed standards file; one message naming the file, the path inside it and what was expected. */
export function parseQualification(raw: unknown, file: string): Result<Qualification> {
  const parsed = qualificationSchema.safeParse(raw);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0]!;
  const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problem(s))` : '';
  return fail(problems.invalidStandards(file, issue.path.join('.'), issue.message + more));
}
