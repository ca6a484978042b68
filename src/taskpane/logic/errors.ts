import type { Problem } from '../../domain/problems';

/** What a MessageBar shows for a failure: a title chosen by the error's code, and the detail. */
export interface ShownError {
  title: string;
  message: string;
}

/** Titles for office-js error codes (OfficeExtension.ErrorCodes) users meet when building. */
const OFFICE_TITLES: Record<string, string> = {
  AccessDenied: 'Excel refused the change',
  InvalidOperation: 'Excel could not do that here',
  ItemNotFound: 'A sheet or range was not found',
  ItemAlreadyExists: 'Something of that name already exists',
  InvalidArgument: 'Excel did not accept a value',
  RequestPayloadSizeLimitExceeded: 'The request was too large for Excel',
  ResponsePayloadSizeLimitExceeded: 'The workbook was too large to read in one go',
  GeneralException: 'Excel reported an error',
  ApiNotFound: 'This version of Excel lacks a feature VQ Matrix needs',
  Conflict: 'The workbook changed while VQ Matrix was working',
  EditModeCellEditing: 'Excel is busy editing a cell',
};

const HINTS: Record<string, string> = {
  AccessDenied: ' If the workbook or a sheet is protected, or the file is read-only, unprotect it and try again.',
  EditModeCellEditing: ' Finish editing the cell (press Enter or Esc), then try again.',
  RequestPayloadSizeLimitExceeded: ' Build fewer candidates at a time.',
  ResponsePayloadSizeLimitExceeded: ' Build or check fewer candidates at a time.',
};

const PROBLEM_TITLES: Record<Problem['kind'], string> = {
  unknownQualification: 'Unknown qualification',
  unknownUnit: 'Unknown unit',
  ambiguousCode: 'More than one match',
  invalidStandards: 'The standards file is not valid',
  notAGrid: 'Not a grid',
  badCandidateList: 'The list of candidates could not be read',
  badArgument: 'Something is missing',
};

/** A domain Problem (a value, never thrown by the domain) carried through the pane as an error. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

export function describeError(e: unknown): ShownError {
  if (e instanceof ProblemError) return { title: PROBLEM_TITLES[e.problem.kind], message: e.problem.message };
  const err = (e ?? {}) as { code?: unknown; name?: unknown; message?: unknown };
  const message = typeof err.message === 'string' && err.message !== '' ? err.message : String(e);
  const code = typeof err.code === 'string' ? err.code : undefined;
  if (code && OFFICE_TITLES[code]) return { title: OFFICE_TITLES[code]!, message: `${message}${HINTS[code] ?? ''} (Excel error code: ${code})` };
  if (code) return { title: 'Excel reported an error', message: `${message} (Excel error code: ${code})` };
  if (err.name === 'NotXlsxError') return { title: 'Save it as .xlsx first', message };
  if (err.name === 'OfficePlanError') return { title: 'The grids could not be written', message };
  if (err.name === 'TableFilterError') return { title: 'The tables could not be filtered', message };
  if (err.name === 'ChunkLoadError') return { title: 'Part of VQ Matrix did not load', message: `${message}. Check the connection and reopen the pane.` };
  return { title: 'Something went wrong', message };
}
