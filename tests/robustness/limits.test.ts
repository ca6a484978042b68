import { readCohort, buildCohortSummary } from '../../src/domain/cohort/cohortSummary';
import { buildCandidateWorkbook, MAX_ITEM_COLUMNS } from '../../src/domain/grid/candidateWorkbook';
import { checkSamplingPlan, makeSamplingPlan, entryOf, DEFAULT_RATES } from '../../src/domain/sampling/samplingPlan';
import { bundledCatalog } from '../../src/domain/standards/bundled';
import { Catalog } from '../../src/domain/standards/catalog';
import type { Qualification } from '../../src/domain/standards/schema';
import { cohortWorkbook, type CandidateSpec } from '../domain/sampling/cohortFixtures';

const catalog = bundledCatalog();

describe('limits', () => {
  it('a unit with more items than fit across a sheet is refused for evidence rows, with the way out, and builds as criteria rows', () => {
    const forms = catalog.findQualification('cg-nsvq2-recording-forms');
    if (!forms.ok) throw new Error(forms.problem.message);
    const q = structuredClone(forms.value.qualification) as Qualification;
    q.id = 'huge';
    const unit = q.units[0]!;
    unit.elements = [{ code: '101.1', criteria: Array.from({ length: MAX_ITEM_COLUMNS + 1 }, (_, i) => ({ code: `101.1.${i + 1}`, text: `criterion ${i + 1}` })) }];
    const index = new Catalog([q]).all[0]!;
    const wide = buildCandidateWorkbook({ qualification: index, candidate: 'A', units: ['101'] }, [], new Set());
    expect(!wide.ok && wide.problem.message).toBe(
      `Unit 101 has ${MAX_ITEM_COLUMNS + 1 + unit.knowledge.length + unit.evidenceRequirements.reduce((n, e) => n + (e.subItems?.length ?? 1), 0)} items: more than fit across a sheet (at most ${MAX_ITEM_COLUMNS} item columns). Build it with the criteria-rows layout (--layout criteria-rows; in the add-in, Criteria rows), which has a row per item.`,
    );
    const rows = buildCandidateWorkbook({ qualification: index, candidate: 'A', units: ['101'], layout: 'criteriaRows' }, [], new Set());
    expect(rows.ok).toBe(true);
  });

  it('a 1,000-candidate cohort: every candidate summarised, and a sampling plan with no gaps', () => {
    const methods = ['Observation', 'Witness testimony', 'Professional discussion', 'Product'];
    const sites = ['Head office', 'Branch', 'Call centre'];
    const candidates: CandidateSpec[] = Array.from({ length: 1000 }, (_, i) => ({
      name: `Candidate ${String(i).padStart(4, '0')}`,
      assessor: `Assessor ${i % 13}`,
      units: ['203'],
      evidence: { '203': [{ ref: 'E1', method: methods[i % 4], location: sites[i % 3], decision: 'Accepted', marks: 'all' }] },
    }));
    const q = catalog.findQualification('4430-02');
    if (!q.ok) throw new Error(q.problem.message);
    const workbook = cohortWorkbook(candidates, q.value, { rebuild: false });
    const cohort = readCohort(workbook.sheets, catalog);
    expect(cohort.candidates).toHaveLength(1000);
    const summary = buildCohortSummary(cohort, { mode: 'live' });
    const names = new Set(summary.sheet.blocks.flatMap((b) => b.values.map((r) => r[0])).filter((v) => typeof v === 'string' && v.startsWith('Candidate ')));
    expect(names.size).toBe(1000);
    const plan = makeSamplingPlan(cohort, DEFAULT_RATES, 42);
    expect(plan.gaps).toEqual([]);
    expect(new Set(plan.rows.map((r) => r.assessor)).size).toBe(13);
    expect(checkSamplingPlan(plan.rows.map(entryOf), cohort).gaps).toEqual([]);
  }, 120_000);
});
