import { Button, Field, Input, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { TaskpaneHost } from '../host';
import { candidatesConflict, mergeCandidates, parsePastedCandidates, readCandidatesTable, type CandidateEntry } from '../logic/candidates';
import { describeError } from '../logic/errors';
import { MessageNotice, type ShownMessage } from './Notice';
import { useStyles } from './styles';

export interface CandidatesEditorProps {
  host: TaskpaneHost;
  candidates: CandidateEntry[];
  onChange(next: CandidateEntry[]): void;
}

function duplicatesText(duplicates: string[]): string {
  return duplicates.length > 0 ? ` Already listed, so not added again: ${duplicates.join(', ')}.` : '';
}

/** Candidates typed one by one, pasted as a list, or taken from a Candidates table in the workbook; an assessor each. */
export function CandidatesEditor({ host, candidates, onChange }: CandidatesEditorProps) {
  const styles = useStyles();
  const [pasted, setPasted] = useState('');
  const [message, setMessage] = useState<ShownMessage | null>(null);
  const [reading, setReading] = useState(false);

  const update = (i: number, patch: Partial<CandidateEntry>) => onChange(candidates.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  function addPasted() {
    const read = parsePastedCandidates(pasted);
    if (!read.ok) {
      setMessage({ intent: 'warning', title: 'The list could not be read', text: read.message });
      return;
    }
    const parsed = read.candidates;
    if (parsed.length === 0) {
      setMessage({ intent: 'warning', title: 'No names found', text: 'Type or paste one candidate per line; add a comma or tab and the assessor’s name if you like.' });
      return;
    }
    const { list, duplicates } = mergeCandidates(candidates, parsed);
    onChange(list);
    setPasted('');
    const conflict = candidatesConflict(list);
    setMessage({ intent: duplicates.length || conflict ? 'warning' : 'success', title: `Added ${list.length - candidates.length} candidate(s)`, text: `${duplicatesText(duplicates)}${conflict ? ` ${conflict}` : ''}`.trim() });
  }

  async function fromWorkbook() {
    setReading(true);
    setMessage(null);
    try {
      const table = host.locateTable ? await host.locateTable('Candidates') : null;
      let read: ReturnType<typeof readCandidatesTable>;
      if (table) {
        const [sheet] = await host.adapter.readSheets([table.sheet]);
        read = readCandidatesTable(sheet?.values ?? [], `The Candidates table (sheet ${table.sheet})`, table.range);
      } else {
        const name = (await host.adapter.sheetNames()).find((n) => n.trim().toLowerCase() === 'candidates');
        if (!name) {
          setMessage({
            intent: 'warning',
            title: 'No Candidates table in this workbook',
            text: 'Add a sheet (or an Excel table) named Candidates with a Candidate or Name column and, if you like, Assessor and Candidate id (or ULN, SCN, Registration number) columns; or type the names here.',
          });
          return;
        }
        const [sheet] = await host.adapter.readSheets([name]);
        read = readCandidatesTable(sheet?.values ?? [], `The ${name} sheet`);
      }
      if (!read.ok) {
        setMessage({ intent: 'warning', title: 'No candidates read', text: read.message });
        return;
      }
      const { list, duplicates } = mergeCandidates(candidates, read.candidates);
      onChange(list);
      const conflict = candidatesConflict(list);
      setMessage({ intent: conflict ? 'warning' : 'success', title: `Added ${list.length - candidates.length} candidate(s) from the workbook`, text: `${duplicatesText(duplicates)}${conflict ? ` ${conflict}` : ''}`.trim() });
    } catch (e) {
      const shown = describeError(e);
      setMessage({ intent: 'error', title: shown.title, text: shown.message });
    } finally {
      setReading(false);
    }
  }

  return (
    <div className={styles.stack}>
      {candidates.length > 0 ? (
        <ul className={styles.plainList} aria-label="Candidates">
          {candidates.map((c, i) => (
            <li key={i} className={styles.candidateRow}>
              <Field label={`Candidate ${i + 1}`} className={styles.shrink}>
                <Input className={styles.shrink} value={c.name} onChange={(_, d) => update(i, { name: d.value })} />
              </Field>
              <Field
                label={
                  <>
                    Assessor<span className={styles.srOnly}> for candidate {i + 1}</span>
                  </>
                }
                className={styles.shrink}
              >
                <Input className={styles.shrink} value={c.assessor} onChange={(_, d) => update(i, { assessor: d.value })} />
              </Field>
              <Field
                label={
                  <>
                    Candidate id<span className={styles.srOnly}> (ULN, SCN or registration number, optional) for candidate {i + 1}</span>
                  </>
                }
                className={styles.shrink}
              >
                <Input className={styles.shrink} value={c.id ?? ''} placeholder="optional" onChange={(_, d) => update(i, { id: d.value })} />
              </Field>
              <Button
                appearance="subtle"
                aria-label={`Remove ${c.name || `candidate ${i + 1}`}`}
                title={`Remove ${c.name || `candidate ${i + 1}`}`}
                icon={<span aria-hidden="true">✕</span>}
                onClick={() => onChange(candidates.filter((_, j) => j !== i))}
              />
            </li>
          ))}
        </ul>
      ) : null}
      <div className={styles.row}>
        <Button onClick={() => onChange([...candidates, { name: '', assessor: '' }])}>Add a candidate</Button>
        <Button onClick={() => void fromWorkbook()} disabled={reading || Boolean(host.unsupported)}>
          {reading ? 'Reading…' : 'Use the Candidates table'}
        </Button>
      </div>
      <Field label="Type or paste a list" hint="One candidate per line. After a comma or tab, the assessor’s name, then the candidate id: ULN, SCN or registration number (both optional).">
        <Textarea value={pasted} onChange={(_, d) => setPasted(d.value)} resize="vertical" rows={3} />
      </Field>
      <div className={styles.row}>
        <Button onClick={addPasted} disabled={pasted.trim() === ''}>
          Add these candidates
        </Button>
      </div>
      <MessageNotice message={message} />
    </div>
  );
}
