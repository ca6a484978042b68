import { bundledCatalog } from '../../../../src/domain/standards/bundled';
import { describeTemplateProblem, readStandardsTemplate } from '../../../../src/domain/standards/template/readTemplate';
import { templatePlan } from '../../../../src/domain/standards/template/templatePlan';
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
