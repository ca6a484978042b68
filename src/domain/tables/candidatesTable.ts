import { labelledTable } from './labelledTable';

/**
 * A centre's list of candidates, as a sheet or Excel table in the workbook (the task pane) or a
 * candidates file's header row (the CLI): a Candidate (or Name) column, optionally the assessor and
 * the candidate's id. One list of headings for both, so a list the pane reads the CLI reads too.
 */
export const CANDIDATES_TABLE = labelledTable({
  name: 'candidates table',
  fields: [
    { key: 'name', label: 'Candidate', synonyms: ['candidate name', 'candidates', 'name', 'learner', 'learner name', 'full name', 'apprentice'], kind: 'text' },
    { key: 'assessor', label: 'Assessor', synonyms: ['assessor name', 'assessors'], kind: 'text' },
    { key: 'id', label: 'Candidate id', synonyms: ['id', 'uln', 'scn', 'registration number', 'registration no', 'reg no', 'candidate number', 'learner id'], kind: 'text' },
  ],
  required: ['name'],
  // A list pasted on a sheet starts near the top.
  scanRows: 10,
});
