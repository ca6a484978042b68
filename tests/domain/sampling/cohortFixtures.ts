/*
 * Cohorts for tests: generated ones (fast-check, built straight as the domain's Cohort: many sizes,
 * quickly) and small real workbooks (the build's CohortBuild, evidence typed into the grids' values)
 * read back through readCohort.
 */
import { applyEditsToGrid } from '../../../src/domain/workbook/structuralEdits';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { Cohort, CohortCandidate, CohortEvidence, CohortUnit } from '../../../src/domain/cohort/cohortSummary';
import type { GridLayoutName } from '../../../src/domain/grid/candidateWorkbook';
import { CohortBuild } from '../../../src/domain/workflow/buildCohort';
import { EVIDENCE_FIELDS, type EvidenceField } from '../../../src/domain/grid/layout';
import { FIRST_ITEM_COL, GRID_ROWS } from '../../../src/domain/grid/unitGrid';
import { bundledCatalog } from '../../../src/domain/standards/bundled';
import type { QualificationIndex } from '../../../src/domain/standards/catalog';
import { unitItems } from '../../../src/domain/standards/itemCodes';
import type { SheetPlan, WorkbookPlan } from '../../../src/domain/workbook/plan';
import type { RawCell, SheetValues } from '../../../src/domain/workbook/sheetValues';
import { planValues } from '../grid/planCells';

export const catalog = bundledCatalog();

export function qualification(id: string): QualificationIndex {
  const q = catalog.findQualification(id);
  if (!q.ok) throw new Error(q.problem.message);
  return q.value;
}

export const CG = qualification('cg-4430-02');
const UNIT_POOL = CG.qualification.units.filter((u) => u.detailed).slice(0, 8);

// ---------------------------------------------------------------------------------------------
// Generated cohorts

export interface GeneratedCohort {
  cohort: Cohort;
  /** Assessor name -> risk level name. */
  risks: Record<string, 'new' | 'experienced'>;
}

const METHODS = ['Observation', 'Questioning', 'Product', 'Witness testimony', 'Professional discussion'];
const SITES = ['Head office', 'Shop floor', 'Call centre', 'Warehouse'];

const evidenceArb = (methods: string[], sites: string[]) =>
  fc.record({
    method: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...methods) }, { weight: 1, arbitrary: fc.constant('') }),
    site: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...sites) }, { weight: 1, arbitrary: fc.constant('') }),
    decision: fc.constantFrom<CohortEvidence['decision']>('accepted', 'accepted', 'accepted', 'referred', 'pending'),
    day: fc.integer({ min: 45000, max: 45600 }),
  });

/** Cohorts of 1-30 candidates, 1-6 assessors (new or experienced), up to 8 units, 1-5 methods, 1-4 sites. */
export function cohortArb(options: { maxCandidates?: number } = {}): fc.Arbitrary<GeneratedCohort> {
  return fc
    .record({
      assessors: fc.uniqueArray(fc.constantFrom('P. Jones', 'K. Lee', 'A. Assessor', 'M. Khan', 'S. Ode', 'R. Patel'), { minLength: 1, maxLength: 6 }),
      newFlags: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      methods: fc.uniqueArray(fc.constantFrom(...METHODS), { minLength: 1, maxLength: METHODS.length }),
      sites: fc.uniqueArray(fc.constantFrom(...SITES), { minLength: 1, maxLength: SITES.length }),
      unitCount: fc.integer({ min: 1, max: UNIT_POOL.length }),
    })
    .chain(({ assessors, newFlags, methods, sites, unitCount }) =>
      fc
        .array(
          fc.record({
            assessor: fc.constantFrom(...assessors),
            units: fc.uniqueArray(fc.integer({ min: 0, max: unitCount - 1 }), { minLength: 1, maxLength: Math.min(4, unitCount) }),
            unitAssessors: fc.array(fc.option(fc.constantFrom(...assessors), { freq: 4 }), { minLength: 4, maxLength: 4 }),
            complete: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
            evidence: fc.array(fc.array(evidenceArb(methods, sites), { minLength: 0, maxLength: 5 }), { minLength: 4, maxLength: 4 }),
          }),
          { minLength: 1, maxLength: options.maxCandidates ?? 30, size: 'max' },
        )
        .map((people) => {
          let ref = 0;
          const candidates: CohortCandidate[] = people.map((p, i) => {
            const units: CohortUnit[] = p.units.map((ui, k) => {
              const unit = UNIT_POOL[ui]!;
              const evidence: CohortEvidence[] = p.evidence[k]!.map((e, r) => ({
                ref: `E${++ref}`,
                date: e.day,
                method: e.method,
                site: e.site,
                decision: e.decision,
                row: GRID_ROWS.firstEvidence + r,
              }));
              const complete = p.complete[k]! && evidence.some((e) => e.decision === 'accepted');
              return {
                unit: unit.code,
                title: unit.title,
                codes: [unit.code, ...unit.codes.map((c) => c.code)],
                order: CG.qualification.units.indexOf(unit),
                credit: unit.credit,
                sheet: `Candidate ${i + 1} ${unit.code}`,
                layout: 'evidenceRows',
                status: complete ? 'Complete' : evidence.some((e) => e.decision !== 'referred') ? 'In progress' : 'Not started',
                detailed: true,
                complete,
                coverage: complete ? 1 : 0.5,
                missing: [],
                unrecognised: [],
                assessor: p.unitAssessors[k] ?? p.assessor,
                lastEvidenceDate: evidence.length > 0 ? Math.max(...evidence.map((e) => e.date!)) : null,
                evidence,
                dateRange: `$B$15:$B$54`,
              };
            });
            units.sort((a, b) => a.order - b.order);
            return {
              candidate: `Candidate ${i + 1}`,
              qualification: CG.qualification.id,
              qualificationTitle: CG.qualification.title,
              minimumCredits: CG.qualification.minimumCredits,
              assessor: p.assessor,
              units,
              credits: units.filter((u) => u.complete).reduce((s, u) => s + (u.credit ?? 0), 0),
              rules: { met: false, status: 'unmet', unmet: ['not enough'], cannotCheck: [] },
              tracker: `Candidate ${i + 1} Tracker`,
              evidenceIndex: `Candidate ${i + 1} Evidence`,
            };
          });
          const risks = Object.fromEntries(assessors.map((a, i) => [a, newFlags[i] ? 'new' : 'experienced'])) as GeneratedCohort['risks'];
          return { cohort: { candidates, problems: [] }, risks };
        }),
    );
}

// ---------------------------------------------------------------------------------------------
// Real workbooks (as values), for the readers and the sheets

export interface EvidenceRowSpec {
  ref?: string;
  /** Excel serial date. */
  date?: number;
  method?: string;
  location?: string;
  decision?: 'Accepted' | 'Referred' | '';
  /** Item codes marked (ticks). */
  marks?: string[] | 'all';
}

export interface CandidateSpec {
  name: string;
  /** Candidate id (ULN, SCN, registration number); grids are then keyed "name#id". */
  id?: string;
  assessor?: string;
  units: string[];
  evidence?: Record<string, EvidenceRowSpec[]>;
  layout?: GridLayoutName;
}

const specKey = (c: CandidateSpec) => (c.id !== undefined ? `${c.name}#${c.id}` : c.name);

export interface BuiltCohortWorkbook {
  sheets: SheetValues[];
  plans: SheetPlan[];
  names: WorkbookPlan['names'];
  /** Candidate -> unit code -> grid sheet name. */
  grids: Record<string, Record<string, string>>;
}

/** Candidate workbooks for qualification `q`, with evidence typed into the grids (as a spreadsheet would hand them back). */
export function cohortWorkbook(
  candidates: CandidateSpec[],
  q: QualificationIndex = CG,
  options: { rebuild?: boolean; existing?: SheetValues[] } = {},
): BuiltCohortWorkbook {
  const existing = options.existing ?? [];
  const plans: SheetPlan[] = [];
  const names: BuiltCohortWorkbook['names'] = [];
  const grids: BuiltCohortWorkbook['grids'] = {};
  // The same cohort build as `vq-matrix build` and the task pane run, candidate by candidate (each with their own pathway and layout).
  const cohort = new CohortBuild({ qualification: q, units: [] }, { sheets: existing.map((s) => s.name), tables: [], names: [] });
  for (const c of candidates) {
    const built = cohort.candidate({ name: c.name, ...(c.id !== undefined ? { id: c.id } : {}), ...(c.assessor !== undefined ? { assessor: c.assessor } : {}) }, existing, { units: c.units, layout: c.layout });
    if (!built.ok) throw new Error(built.problem.message);
    plans.push(...built.value.plan.sheets);
    names.push(...built.value.plan.names);
    grids[specKey(c)] = Object.fromEntries(built.value.build.changes.map((ch) => [ch.unit, ch.sheet]));
  }
  const sheets: SheetValues[] = plans.map((p) => ({ name: p.name, values: planValues(p, undefined, existing.find((s) => s.name === p.name)?.values) }));
  for (const c of candidates) {
    for (const [code, rows] of Object.entries(c.evidence ?? {})) {
      const unit = q.findUnit(code);
      if (!unit.ok) throw new Error(unit.problem.message);
      const sheet = sheets.find((s) => s.name === grids[specKey(c)]![unit.value.code])!;
      const items = unitItems(unit.value);
      rows.forEach((spec, i) => {
        const r = GRID_ROWS.firstEvidence + i;
        const fields: Partial<Record<EvidenceField, RawCell>> = {
          ref: spec.ref ?? null,
          date: spec.date ?? null,
          method: spec.method ?? null,
          location: spec.location ?? null,
          decision: spec.decision === undefined ? 'Accepted' : spec.decision === '' ? null : spec.decision,
        };
        for (const [f, v] of Object.entries(fields)) setCell(sheet.values, r, EVIDENCE_FIELDS.indexOf(f as EvidenceField), v);
        const marks = spec.marks === 'all' ? items.map((it) => it.code) : (spec.marks ?? [items[0]!.code]);
        for (const m of marks) setCell(sheet.values, r, FIRST_ITEM_COL + items.findIndex((it) => it.code === m), '✓');
      });
    }
  }
  if (!(options.rebuild ?? true)) return { sheets, plans: plans.map((p) => standalone(p, existing)), names, grids };
  // Build again over the filled grids, as `build` on the same file would: the trackers and indexes now list the evidence.
  const again = cohortWorkbook(candidates.map((c) => ({ ...c, evidence: {} })), q, { rebuild: false, existing: sheets });
  return again;
}

/**
 * A plan that rebuilds a sheet in place writes only the generated cells; for tests that write the
 * plans into a new workbook, the user's cells (the old sheet moved by the plan's edits) are added
 * under them as one block.
 */
function standalone(plan: SheetPlan, existing: readonly SheetValues[]): SheetPlan {
  if (!plan.rebuild) return plan;
  const old = existing.find((s) => s.name === plan.name)?.values ?? [];
  const moved = applyEditsToGrid<RawCell>(old, plan.rebuild.edits, null);
  const width = Math.max(1, ...moved.map((r) => r?.length ?? 0));
  const values = Array.from(moved, (r) => Array.from({ length: width }, (_, c) => r?.[c] ?? null));
  const { rebuild: _rebuild, ...rest } = plan;
  return { ...rest, blocks: [{ row: 0, col: 0, values }, ...plan.blocks] };
}

export function setCell(values: RawCell[][], row: number, col: number, v: RawCell): void {
  while (values.length <= row) values.push([]);
  const line = values[row]!;
  while (line.length <= col) line.push(null);
  line[col] = v;
}

// ---------------------------------------------------------------------------------------------
// .xlsx files (CLI tests)

export interface TypedRow {
  ref: string;
  date?: Date;
  method?: string;
  location?: string;
  decision?: string;
  /** Item codes to tick, or 'all'. */
  marks: string[] | 'all';
}

/** Type evidence rows into a grid with exceljs, as an assessor would in Excel. */
export async function typeEvidence(file: string, sheet: string, rows: TypedRow[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  let header = 0;
  for (let r = 1; r <= 40 && header === 0; r++) if (ws.getRow(r).getCell(1).value === 'Ref no.') header = r;
  const codes = new Map<string, number>();
  ws.getRow(header).eachCell((cell, col) => {
    if (col >= 8 && typeof cell.value === 'string') codes.set(cell.value, col);
  });
  rows.forEach((spec, i) => {
    const row = ws.getRow(header + 1 + i);
    row.getCell(1).value = spec.ref;
    if (spec.date) row.getCell(2).value = spec.date;
    if (spec.method) row.getCell(3).value = spec.method;
    if (spec.location) row.getCell(5).value = spec.location;
    row.getCell(6).value = spec.decision ?? 'Accepted';
    for (const code of spec.marks === 'all' ? [...codes.keys()] : spec.marks) row.getCell(codes.get(code)!).value = '✓';
  });
  await wb.xlsx.writeFile(file);
}
