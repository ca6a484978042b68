import { bundledCatalog } from '../../../../src/domain/standards/bundled';
import { describeTemplateProblem, readStandardsTemplate } from '../../../../src/domain/standards/template/readTemplate';
import { blankTemplatePlan, templatePlan } from '../../../../src/domain/standards/template/templatePlan';
import type { SheetValues } from '../../../../src/domain/workbook/sheetValues';
import { planValues } from '../../../support/planValues';

const asSheets = (q: Parameters<typeof templatePlan>[0]): SheetValues[] => templatePlan(q).sheets.map((s) => ({ name: s.name, values: planValues(s) }));

describe('standards template round trip (values)', () => {
  for (const q of bundledCatalog().all.map((i) => i.qualification)) {
    it(`${q.id}: export then read gives back exactly the bundled data`, () => {
      const read = readStandardsTemplate(asSheets(q));
      if (!read.ok) throw new Error(read.problems.map(describeTemplateProblem).join('\n'));
      expect(read.value).toStrictEqual(q);
    });
  }
});

/** A blank template's sheets with rows typed in, as a coordinator fills them (header on row 3). */
function filled(rows: Record<string, unknown[][]>, qualification: Record<string, unknown>): SheetValues[] {
  return asBlank().map((s) => {
    const values = Array.from(s.values, (r) => [...(r ?? [])]);
    if (s.name === 'Qualification') {
      for (const [label, value] of Object.entries(qualification)) {
        const at = values.findIndex((r) => r[0] === label);
        values[at]![1] = value as never;
      }
    } else if (rows[s.name]) {
      values.splice(3, values.length - 3, ...(rows[s.name] as never[][]));
    }
    return { name: s.name, values };
  });
}
const asBlank = (): SheetValues[] => blankTemplatePlan().sheets.map((s) => ({ name: s.name, values: planValues(s) }));

describe('a template filled in by hand', () => {
  const qualification = {
    Id: ' centre-retail ',
    Title: 'Centre Retail Level 2',
    'Awarding body': 'Our Centre',
    Framework: 'RQF',
    Level: 2,
    'SCQF level': null,
    'Minimum credits': '20',
    Version: '2026-09',
    'Source document': 'Retail spec.pdf',
    'Source description': 'Issue 3, pages 4-20',
    Notes: 'First note\nSecond note',
  };
  const rows = {
    Identifiers: [['Ofqual', '603/0000/1'], ['title', 'Centre Retail Level 2']],
    Groups: [['M', 'Mandatory units', 'Yes'], ['A', 'Optional group A', 'no']],
    // Unit code, Code scheme, Other codes, Title, Group, Level, SCQF, Credit, GLH, Detailed, Parts are called, Simulation, Summary, Notes
    Units: [
      ['R1', 'unit number', 'Ofqual: A/123/4567\nNOS: SK1', 'Serve customers', 'M', 2, null, 5, 40, 'Yes', 'learning outcome', 'allowed', 'Serving', 'Unit note'],
      ['R2', null, null, 'Handle stock', 'A', '2', null, 4, 30, null, null, null, null, null],
      ['R3', null, null, 'Not detailed yet', 'A', 3, null, 6, null, 'No', null, null, null, null],
    ],
    // Unit, Kind, Element, Range category, Sub-item of, Code, Text, Heading, Applies to, Notes
    Items: [
      ['R1', 'Element / learning outcome', null, null, null, '1', 'Greet customers', null, null, 'LO note'],
      ['R1', 'Criterion', '1', null, null, 1.1, 'Greet each customer', null, null, null],
      ['R1', 'criterion ', '1', null, null, '1.2 ', 'Offer help', null, null, null],
      ['R1', 'Criterion', '2', null, null, '2.1', 'Close the sale', null, null, 'Criterion note'],
      ['R1', 'Range category', '1', null, null, 'A', 'Customers', null, '1, 2', null],
      ['R1', 'Range', '1', 'A', null, 'i', 'New customers', null, null, null],
      ['R1', 'Range', '1', 'A', null, 'ii', 'Returning customers', null, null, null],
      ['R1', 'Knowledge', null, null, null, 'K1', 'Know the products', 'Products', '1', null],
      ['R1', 'Knowledge', null, null, 'K1', 'a', 'prices', null, null, null],
      ['R1', 'Knowledge', null, null, 'K1', 'b', 'offers', null, null, null],
      ['R1', 'Evidence requirement', null, null, null, '1', 'Observed twice', null, null, null],
      ['R1', 'Assessment guidance', null, null, null, '1.1', 'Greeting may be by phone', null, null, null],
      ['R1', 'Assessment guidance', null, null, null, null, 'Unit-wide guidance', null, null, null],
      ['R2', 'Criterion', '1', null, null, '1.1', 'Count stock', null, null, null],
    ],
    // Rule, Groups, Only units at, From, To, At least, At most, words, Notes
    Rules: [
      ['All units of the groups', 'M', null, null, null, null, null, 'All mandatory units', null],
      ['Number of units', 'A', null, null, null, 1, 2, 'One or two optional', null],
      ['Credits', null, 'Level', 2, 2, 9, null, '9 credits at level 2', 'Read literally'],
      ['Guided learning hours', null, null, null, null, 50, 100, '50-100 GLH', null],
      ['Units from each group', 'M, A', null, null, null, 1, null, 'One from each group', null],
    ],
  };

  it('reads every item kind, sub-items, range categories, every rule kind and notes, forgiving typed numbers, case and stray spaces', () => {
    const read = readStandardsTemplate(filled(rows, qualification));
    if (!read.ok) throw new Error(read.problems.map(describeTemplateProblem).join('\n'));
    const q = read.value;
    expect(q).toMatchObject({ id: 'centre-retail', version: '2026-09', level: 2, scqfLevel: null, minimumCredits: 20, notes: ['First note', 'Second note'] });
    expect(q.groups).toEqual([
      { id: 'M', title: 'Mandatory units', mandatory: true, units: ['R1'] },
      { id: 'A', title: 'Optional group A', mandatory: false, units: ['R2', 'R3'] },
    ]);
    const [r1, r2, r3] = q.units;
    expect(r1!.codes).toEqual([{ scheme: 'unit number', code: 'R1' }, { scheme: 'Ofqual', code: 'A/123/4567' }, { scheme: 'NOS', code: 'SK1' }]);
    expect(r1!.elementKind).toBe('learning outcome');
    expect(r1!.elements).toEqual([
      { code: '1', title: 'Greet customers', notes: ['LO note'], criteria: [{ code: '1.1', text: 'Greet each customer' }, { code: '1.2', text: 'Offer help' }] },
      { code: '2', criteria: [{ code: '2.1', text: 'Close the sale', notes: ['Criterion note'] }] },
    ]);
    expect(r1!.range).toEqual([{ element: '1', code: 'A', title: 'Customers', appliesTo: ['1', '2'], items: [{ code: 'i', text: 'New customers' }, { code: 'ii', text: 'Returning customers' }] }]);
    expect(r1!.knowledge).toEqual([{ code: 'K1', text: 'Know the products', heading: 'Products', appliesTo: ['1'], subItems: [{ code: 'a', text: 'prices' }, { code: 'b', text: 'offers' }] }]);
    expect(r1!.evidenceRequirements).toEqual([{ code: '1', text: 'Observed twice' }]);
    expect(r1!.assessmentGuidance).toEqual([{ criterion: '1.1', text: 'Greeting may be by phone' }, { text: 'Unit-wide guidance' }]);
    expect(r2).toMatchObject({ level: 2, detailed: true, elementKind: 'element', simulation: 'not stated' });
    expect(r3).toMatchObject({ detailed: false, glh: null });
    expect(q.rules.map((r) => r.kind)).toEqual(['mandatory', 'unitCount', 'credits', 'glh', 'unitsPerGroup']);
    expect(q.rules[2]).toEqual({ kind: 'credits', levels: { scale: 'level', min: 2, max: 2 }, min: 9, source: '9 credits at level 2', notes: ['Read literally'] });
    expect(q.rules[4]).toEqual({ kind: 'unitsPerGroup', groups: ['M', 'A'], min: 1, source: 'One from each group' });
  });

  it('reads a Units sheet with headings retyped, a column of the coordinator\'s inserted and the Notes column moved first', () => {
    const sheets = filled(rows, qualification);
    const units = sheets.find((s) => s.name === 'Units')!;
    const header = units.values.findIndex((r) => r.includes('Unit code'));
    units.values = units.values.map((r, i) => {
      if (i < header) return r;
      const line = [...r];
      const notes = line.splice(13, 1); // Notes, moved to the front
      line.splice(1, 0, i === header ? 'Checked by' : 'JB'); // the coordinator's own column
      return [...notes, ...line];
    });
    units.values[header] = units.values[header]!.map((v) => (v === 'Unit code' ? ' UNIT CODE: ' : v === 'Title' ? 'title.' : v));
    const read = readStandardsTemplate(sheets);
    if (!read.ok) throw new Error(read.problems.map(describeTemplateProblem).join('\n'));
    const plain = readStandardsTemplate(filled(rows, qualification));
    expect(plain.ok && read.value.units).toEqual(plain.ok && plain.value.units);
  });

  it('lists every problem at once, each with its sheet, row, column and the cell to go to', () => {
    const bad = structuredClone(rows);
    bad.Units[1]![5] = 'two'; // R2 level
    bad.Units[1]![4] = 'Z'; // unknown group
    bad.Items[5]![3] = 'B'; // range item under a category that has no row
    bad.Items[8]![4] = 'K9'; // sub-item of an unknown parent
    bad.Items.push(['R9', 'Criterion', '1', null, null, '1.1', 'x', null, null, null]); // unknown unit
    bad.Rules[1]![0] = 'Units';
    const read = readStandardsTemplate(filled(bad, { ...qualification, Title: null, Framework: 'QCF?' }));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const described = read.problems.map(describeTemplateProblem);
    expect(described).toEqual(
      expect.arrayContaining([
        'Qualification, row 5, column B: "Title" is required',
        'Units, row 5, column E (Group): group "Z" is not on the Groups sheet',
        'Units, row 5, column F (Level): expected a number or blank, found "two"',
        'Items, row 9, column D (Range category): range category "B" under element 1 of unit R1 has no Range category row above this one',
        'Items, row 12, column E (Sub-item of): "K9" is not a Knowledge of unit R1 above this row',
        'Items, row 18, column A (Unit): unit "R9" is not on the Units sheet',
        expect.stringMatching(/^Rules, row 5, column A \(Rule\): "Units" is not a kind of rule/),
      ]),
    );
    expect(read.problems.find((p) => p.sheet === 'Units' && p.column?.startsWith('F'))!.at).toEqual({ row: 4, col: 5 });
  });

  it('finds a framework not in the list and a rule naming an unknown group with the other problems; places what only the schema finds on the row it came from', () => {
    const bad = structuredClone(rows);
    bad.Rules[0]![1] = 'Q';
    const read = readStandardsTemplate(filled(bad, { ...qualification, Framework: 'QCF?' }));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const described = read.problems.map(describeTemplateProblem);
    expect(described).toContain('Qualification, row 7, column B: "Framework": "QCF?" is not one of NVQ/QCF, RQF, SVQ/SCQF, CVQ, Diploma/QCF, NVQ');
    expect(described.some((d) => d.startsWith('Rules, row 4, column B (Groups)') && d.includes('unknown group "Q"'))).toBe(true);
    const twice = structuredClone(rows);
    twice.Items[2]![5] = '1.1'; // the same criterion code twice in unit R1
    const schemaOnly = readStandardsTemplate(filled(twice, qualification));
    expect(schemaOnly.ok).toBe(false);
    if (schemaOnly.ok) return;
    expect(schemaOnly.problems.map(describeTemplateProblem)).toEqual(['Units, row 4: item code "1.1" occurs more than once in unit R1; every item code in a unit must be unique']);
    expect(schemaOnly.problems[0]!.at).toEqual({ row: 3, col: 0 });
  });

  it('an empty template names what is required and produces nothing', () => {
    const read = readStandardsTemplate(asBlank());
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const described = read.problems.map(describeTemplateProblem);
    for (const label of ['Id', 'Title', 'Awarding body', 'Framework', 'Source document', 'Source description']) expect(described.join('\n')).toContain(`"${label}" is required`);
  });
});
