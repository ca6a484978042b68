import { bundledCatalog } from '../../../src/domain/standards/bundled';
import forms from '../../../src/domain/standards/data/cg-nsvq2-recording-forms.json';
import { parseStandardsText, standardsPath } from '../../../src/domain/standards/parseQualification';
import { MAX_STANDARDS_FILE_CHARS } from '../../../src/domain/standards/limits';

// The one function the command line and the task pane both read a centre's standards file with.

type Q = { id: string; title: string; identifiers: { scheme: string; value: string }[]; units: Record<string, unknown>[] };
const centreOwn = (): Q => ({ ...(structuredClone(forms) as unknown as Q), id: 'centre-forms', title: 'Centre recording forms', identifiers: [{ scheme: 'other', value: 'CENTRE-1' }] });
const bundled = bundledCatalog()
  .list()
  .map((qualification) => ({ qualification, bundled: true }));

describe('parseStandardsText', () => {
  it('accepts the file with or without a UTF-8 byte order mark, and gives the same qualification', () => {
    const text = JSON.stringify(centreOwn());
    const plain = parseStandardsText(text, 'c.json', bundled);
    const bom = parseStandardsText(`\uFEFF${text}`, 'c.json', bundled);
    expect(plain.ok && bom.ok).toBe(true);
    expect(bom.ok && bom.value).toEqual(plain.ok && plain.value);
  });

  it('not JSON: says so, with the parser\'s reason', () => {
    const r = parseStandardsText('{ "id": ', 'c.json');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem.message).toMatch(/^c\.json: not valid JSON \(.+\)$/);
    expect(!r.ok && r.issues).toHaveLength(1);
  });

  it('every problem is in the issues; the one-line message shows ten and counts the rest', () => {
    const q = centreOwn();
    q.units.forEach((u) => (u.credit = -1));
    const r = parseStandardsText(JSON.stringify(q), 'c.json', bundled);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual(q.units.map((_, i) => `units[${i}].credit`));
    expect(r.problem.message.startsWith('c.json: at units[0].credit: ')).toBe(true);
    expect(r.problem.message.split('; at ')).toHaveLength(10);
    expect(r.problem.message.endsWith(`; and ${q.units.length - 10} more problems`)).toBe(true);
  });

  it('a name another qualification is known by: bundled or imported, said which', () => {
    const q = centreOwn();
    q.title = 'level 2 nvq certificate in customer service';
    const r = parseStandardsText(JSON.stringify(q), 'c.json', bundled);
    expect(!r.ok && r.issues).toEqual([
      { path: 'title', message: '"level 2 nvq certificate in customer service" is already the title of the bundled Level 2 NVQ Certificate in Customer Service (cg-4430-02): looking it up could not tell the two apart; give this qualification its own' },
    ]);
    const first = parseStandardsText(JSON.stringify(centreOwn()), 'c.json');
    if (!first.ok) throw new Error(first.problem.message);
    const again = centreOwn();
    again.id = 'centre-forms-2';
    const clash = parseStandardsText(JSON.stringify(again), 'd.json', [{ qualification: first.value, bundled: false }]);
    expect(!clash.ok && clash.issues.map((i) => i.message)).toEqual([
      '"Centre recording forms" is already the title of the imported Centre recording forms (centre-forms): looking it up could not tell the two apart; give this qualification its own',
      '"CENTRE-1" is already the identifier of the imported Centre recording forms (centre-forms): looking it up could not tell the two apart; give this qualification its own',
    ]);
    // The qualifications to compare with can depend on the file's own id (a re-import replaces itself).
    expect(parseStandardsText(JSON.stringify(centreOwn()), 'c.json', (own) => (own.id === first.value.id ? [] : [{ qualification: first.value, bundled: false }])).ok).toBe(true);
  });

  it('a file longer than any standards file is refused unread', () => {
    const r = parseStandardsText(' '.repeat(MAX_STANDARDS_FILE_CHARS + 1), 'huge.json');
    expect(!r.ok && r.problem.message).toBe('huge.json: at (top level): the file is 20 MB; a standards file is at most 20 MB');
  });

  it('paths read as JSON paths', () => {
    expect(standardsPath(['units', 3, 'codes', 1, 'code'])).toBe('units[3].codes[1].code');
    expect(standardsPath([])).toBe('(top level)');
  });
});
