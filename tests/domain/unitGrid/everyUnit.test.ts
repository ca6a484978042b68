import { unitCoverage } from '../../../src/domain/coverage/coverage';
import { buildCriteriaRowsGrid, criteriaRowsCoverage } from '../../../src/domain/grid/criteriaRowsGrid';
import { buildUnitGrid } from '../../../src/domain/grid/unitGrid';
import { bundledCatalog } from '../../../src/domain/standards/bundled';
import { unitItems } from '../../../src/domain/standards/itemCodes';
import { planValues } from '../../support/planValues';


// Every detailed unit of all five qualifications, in both layouts: the grid builds, every item has
// its place, and reading the empty grid back finds every item, no unknown codes, nothing covered.
const cases = bundledCatalog()
  .list()
  .flatMap((q) => q.units.filter((u) => u.detailed).map((u) => [q.id, u.code, q, u] as const));

describe.each(cases)('%s unit %s', (_id, _code, qualification, unit) => {
  const subject = { qualification, unit, candidate: 'C' };
  const items = unitItems(unit);

  it('evidence-rows grid reads back with every item found', () => {
    const cov = unitCoverage(planValues(buildUnitGrid(subject, 'g').sheet), unit);
    expect(cov.ok && { missingColumns: cov.value.missingColumns, unknown: cov.value.unknownCodes, missing: cov.value.missing.length, complete: cov.value.complete }).toEqual({
      missingColumns: [],
      unknown: [],
      missing: items.length,
      complete: false,
    });
  });

  it('criteria-rows grid reads back with every item found', () => {
    const cov = criteriaRowsCoverage(planValues(buildCriteriaRowsGrid(subject, 'g').sheet), unit);
    expect(cov.ok && { missingColumns: cov.value.missingColumns, unknown: cov.value.unknownCodes, missing: cov.value.missing.length }).toEqual({
      missingColumns: [],
      unknown: [],
      missing: items.length,
    });
  });
});
