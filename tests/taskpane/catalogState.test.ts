import forms from '../../src/domain/standards/data/cg-nsvq2-recording-forms.json';
import { parseStandardsText } from '../../src/domain/standards/parseQualification';
import { importStandardsFile, initialStandards } from '../../src/taskpane/standards/catalogState';
import * as mod from '../../src/taskpane/standards/standardsModule';

// The pane's import reads a file exactly as `vq-matrix standards validate` does (parseStandardsText).

type Q = { id: string; title: string; identifiers: { scheme: string; value: string }[]; units: Record<string, unknown>[] };
const centreOwn = (): Q => ({ ...(structuredClone(forms) as unknown as Q), id: 'centre-forms', title: 'Centre recording forms', identifiers: [{ scheme: 'other', value: 'CENTRE-1' }] });

describe('importing a centre standards file in the task pane', () => {
  it('a byte order mark is accepted, as by the command line', () => {
    const outcome = importStandardsFile(mod, initialStandards(mod), 'c.json', `\uFEFF${JSON.stringify(centreOwn())}`);
    expect(outcome.ok && outcome.qualification.id).toBe('centre-forms');
  });

  it('refuses what the command line refuses, with the same words, every problem counted', () => {
    const q = centreOwn();
    q.units.forEach((u) => (u.credit = 1e308));
    q.identifiers.push({ scheme: 'other', value: '4430-02' });
    const text = JSON.stringify(q);
    const outcome = importStandardsFile(mod, initialStandards(mod), 'c.json', text);
    const cli = parseStandardsText(
      text,
      'c.json',
      mod
        .bundledCatalog()
        .list()
        .map((qualification) => ({ qualification, bundled: true })),
    );
    expect(cli.ok).toBe(false);
    expect(outcome).toEqual({ ok: false, message: `${!cli.ok && cli.problem.message}. Nothing was imported.` });
    expect(!outcome.ok && outcome.message).toMatch(/^c\.json: at units\[0\]\.credit: expected at most 1,000; .*; and 9 more problems\. Nothing was imported\.$/);
  });

  it('names clash with the bundled qualifications and other imports, but a corrected file replaces its own earlier import', () => {
    const first = importStandardsFile(mod, initialStandards(mod), 'c.json', JSON.stringify(centreOwn()));
    if (!first.ok) throw new Error(first.message);
    const corrected = centreOwn();
    corrected.units.pop();
    const again = importStandardsFile(mod, first.state, 'c.json', JSON.stringify(corrected));
    expect(again.ok && again.state.catalog.list().filter((q) => q.id === 'centre-forms').map((q) => q.units.length)).toEqual([18]);
    const other = centreOwn();
    other.id = 'another';
    other.title = 'Another';
    const clash = importStandardsFile(mod, first.state, 'd.json', JSON.stringify(other));
    expect(clash).toEqual({
      ok: false,
      message: 'd.json: at identifiers[0].value: "CENTRE-1" is already the identifier of the imported Centre recording forms (centre-forms): looking it up could not tell the two apart; give this qualification its own. Nothing was imported.',
    });
  });
});
