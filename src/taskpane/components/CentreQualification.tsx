import { Button, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { TemplateProblem } from '../../domain/standards/template/readTemplate';
import type { TaskpaneHost } from '../host';
import { describeError } from '../logic/errors';
import { importTemplateQualification } from '../standards/catalogState';
import { checkTemplate, insertTemplate, storeInWorkbook } from '../standards/centreStandardsFlow';
import { MessageNotice, type ShownMessage } from './Notice';
import type { QualificationChoice } from './QualificationPicker';
import { useStyles } from './styles';

/** The qualification chosen above (choice.qualificationId) is offered as a starting point. */
export interface CentreQualificationProps extends QualificationChoice {
  host: TaskpaneHost;
  /** Called after sheets were written (preview mode enables its download). */
  onChanged?(): void;
}

/**
 * "New qualification from a sheet": insert the standards template into the workbook, fill it in or
 * paste from the specification, check it (every problem with a jump to its cell), then use it like a
 * bundled qualification. It is stored in the workbook, so it is there whenever the workbook is opened.
 */
export function CentreQualification({ host, mod, standards, onStandardsChange, qualificationId, onSelect, onChanged }: CentreQualificationProps) {
  const styles = useStyles();
  const [message, setMessage] = useState<ShownMessage | null>(null);
  const [problems, setProblems] = useState<TemplateProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const chosen = qualificationId ? standards.catalog.findQualification(qualificationId) : null;
  const from = chosen?.ok ? chosen.value.qualification : null;

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setMessage(null);
    setProblems([]);
    try {
      await work();
    } catch (e) {
      const shown = describeError(e);
      setMessage({ intent: 'error', title: shown.title, text: shown.message });
    } finally {
      setBusy(false);
    }
  }

  const insert = (start: typeof from) =>
    run(async () => {
      const done = await insertTemplate(mod, host.adapter, start);
      if (!done.ok) {
        setMessage({ intent: 'error', title: 'The template was not inserted', text: done.message });
        return;
      }
      onChanged?.();
      setMessage({
        intent: 'info',
        title: 'Template inserted',
        text: `Sheets ${done.sheets.map((s) => `“${s}”`).join(', ')}. Fill them in${start ? ` (starting from ${start.title}; give it an id of its own on the Qualification sheet)` : ''}, then press “Check the template and use it”.`,
      });
    });

  const check = () =>
    run(async () => {
      const read = await checkTemplate(mod, host.adapter);
      if (!read.ok) {
        setProblems(read.problems);
        setMessage({ intent: 'error', title: `${read.problems.length} problem${read.problems.length === 1 ? '' : 's'} in the template`, text: 'Nothing was stored. Put each right (Go to takes you to the cell) and check again.' });
        return;
      }
      const q = read.qualification;
      const added = importTemplateQualification(mod, standards, 'The template', q);
      if (!added.ok) {
        setMessage({ intent: 'error', title: 'Give the qualification an id, title and identifiers of its own', text: `${added.message} (Qualification and Identifiers sheets.)` });
        return;
      }
      onStandardsChange(await storeInWorkbook(mod, host.adapter, added.state, q));
      onSelect(q.id);
      onChanged?.();
      setMessage({
        intent: 'success',
        title: `${q.title} is ready to use`,
        text: `Version ${mod.standardsVersion(q)}, ${q.units.length} units. Stored in this workbook: the add-in, its functions and the vq-matrix tool know it whenever the workbook is opened.`,
      });
    });

  return (
    <div className={styles.tight}>
      <Text weight="semibold">New qualification from a sheet</Text>
      <Text className={styles.muted}>Insert the standards template into this workbook, fill it in or paste from the awarding body’s specification, then check it.</Text>
      <div className={styles.row}>
        <Button disabled={busy} onClick={() => void insert(null)}>
          Insert a blank template
        </Button>
        {from ? (
          <Button disabled={busy} onClick={() => void insert(from)}>
            Insert {from.identifiers[0]?.value ?? from.id} as a template
          </Button>
        ) : null}
        <Button appearance="primary" disabled={busy} onClick={() => void check()}>
          Check the template and use it
        </Button>
      </div>
      <MessageNotice message={message} />
      {problems.length > 0 ? (
        <ul className={styles.plainList} aria-label="Problems in the template">
          {problems.map((p, i) => (
            <li key={i} className={styles.row}>
              <Text className={styles.grow}>{mod.describeTemplateProblem(p)}</Text>
              {p.at && host.goTo ? (
                <Button size="small" onClick={() => void host.goTo!(p.sheet, { row: p.at!.row, col: p.at!.col })}>
                  Go to
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
