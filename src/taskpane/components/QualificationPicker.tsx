import { Button, Field, Select } from '@fluentui/react-components';
import { useId, useRef, useState, type ChangeEvent } from 'react';
import type { Qualification } from '../../domain/standards/schema';
import { describeError } from '../logic/errors';
import { importStandardsFile, importTemplateQualification, type ImportOutcome, type StandardsState } from '../standards/catalogState';
import type { SheetValues } from '../../domain/workbook/sheetValues';
import type { StandardsModule } from '../standards/loadStandards';
import { MessageNotice, type ShownMessage } from './Notice';
import { useStyles } from './styles';
import { problems } from '../../domain/problems';

/** The standards the pane knows and the qualification chosen: one bundle, passed down to every screen that picks one. */
export interface QualificationChoice {
  mod: StandardsModule;
  standards: StandardsState;
  onStandardsChange(next: StandardsState): void;
  qualificationId: string;
  onSelect(id: string): void;
}

export interface QualificationPickerProps extends QualificationChoice {
  /** Offer the import of a centre's own standards file. */
  allowImport?: boolean;
  /** Stores an imported qualification in the workbook, so it outlives the pane; absent: this session only. */
  store?(q: Qualification, state: StandardsState): Promise<StandardsState>;
  /** Reads an uploaded .xlsx (a filled standards template); absent: only .json files are offered. */
  readWorkbookFile?(file: File): Promise<SheetValues[]>;
  label?: string;
}

/** Choose a bundled qualification, or import a centre's standards file (validated whole, or not at all). */
export function QualificationPicker({ mod, standards, onStandardsChange, qualificationId, onSelect, allowImport = true, label = 'Qualification', store, readWorkbookFile }: QualificationPickerProps) {
  const styles = useStyles();
  const fileInput = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const [message, setMessage] = useState<ShownMessage | null>(null);
  const qualifications = standards.catalog.list();

  /** A filled standards template (.xlsx): every problem listed, or the qualification. */
  async function importTemplateFile(file: File): Promise<ImportOutcome> {
    if (!readWorkbookFile) return { ok: false, message: 'Importing a template file is not available here; insert the template into the workbook instead (New qualification from a sheet).' };
    const read = mod.readStandardsTemplate(await readWorkbookFile(file));
    if (!read.ok) return { ok: false, message: problems.templateNotImported(file.name, read.problems.map(mod.describeTemplateProblem), 'sentence').message };
    return importTemplateQualification(mod, standards, file.name, read.value);
  }

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    let outcome: ImportOutcome;
    try {
      outcome = /\.xlsx$/i.test(file.name) ? await importTemplateFile(file) : importStandardsFile(mod, standards, file.name, await file.text());
    } catch (err) {
      setMessage({ intent: 'error', title: `Could not read ${file.name}`, text: (err as Error).message });
      return;
    }
    if (!outcome.ok) {
      setMessage({ intent: 'error', title: `${file.name} was not imported`, text: outcome.message });
      return;
    }
    let next = outcome.state;
    let stored = false;
    if (store) {
      try {
        next = await store(outcome.qualification, outcome.state);
        stored = true;
      } catch (err) {
        const shown = describeError(err);
        setMessage({ intent: 'error', title: `${file.name} was read but not stored in the workbook`, text: `${shown.message} It can be used until the pane is closed.` });
      }
    }
    onStandardsChange(next);
    onSelect(outcome.qualification.id);
    if (store && !stored) return;
    setMessage({
      intent: 'success',
      title: `Imported ${outcome.qualification.title}`,
      text: `${outcome.qualification.units.length} units, id ${outcome.qualification.id}, version ${mod.standardsVersion(outcome.qualification)}. ${
        stored ? 'Stored in this workbook: it is known whenever the workbook is opened.' : 'Imported standards last until the pane is closed; import the file again next time.'
      }`,
    });
  }

  return (
    <div className={styles.tight}>
      <Field label={label} className={styles.shrink}>
        <Select className={styles.fullSelect} value={qualificationId} onChange={(_, d) => onSelect(d.value)}>
          <option value="">Choose a qualification…</option>
          {qualifications.map((q) => (
            <option key={q.id} value={q.id}>
              {q.title} ({q.identifiers[0]?.value ?? q.id}){standards.stored?.has(q.id) ? ' — stored in this workbook' : standards.imported.has(q.id) ? ' — centre file' : ''}
            </option>
          ))}
        </Select>
      </Field>
      {allowImport ? (
        <>
          <div className={styles.row}>
            <Button onClick={() => fileInput.current?.click()} aria-describedby={`${inputId}-hint`}>
              Import a centre’s standards file…
            </Button>
          </div>
          <span id={`${inputId}-hint`} className={styles.muted}>
            A JSON file in the VQ Matrix standards format{readWorkbookFile ? ', or a filled standards template (.xlsx)' : ''}, checked in full before anything is loaded.
          </span>
          <input
            ref={fileInput}
            id={inputId}
            className={styles.hiddenInput}
            type="file"
            accept={readWorkbookFile ? '.json,application/json,.xlsx' : '.json,application/json'}
            aria-label="Centre standards file"
            data-testid="standards-file"
            onChange={(e) => void onFile(e)}
          />
          <MessageNotice message={message} />
        </>
      ) : null}
    </div>
  );
}
