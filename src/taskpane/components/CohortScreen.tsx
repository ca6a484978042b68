import { Button, Caption1, Field, Input, Spinner, Subtitle2, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { Catalog } from '../../domain/standards/catalog';
import type { FilterOutcome, TaskpaneHost } from '../host';
import type { SamplingOutcome, SummaryOutcome } from '../logic/cohortTools';
import { describeError, type ShownError } from '../logic/errors';
import { loadCohortTools } from '../logic/loadCohortTools';
import { ErrorNotice, ListNotice, Notice, SheetProblemsNotice } from './Notice';
import { useStyles } from './styles';
import { today } from '../../domain/workflow/today';

const defaultSeed = (d: Date) => String(d.getFullYear() * 10_000 + (d.getMonth() + 1) * 100 + d.getDate());

type Busy = 'summary' | 'sampling' | 'filter' | null;

/**
 * The cohort: a live summary of every candidate's grids (with completion charts), a CAMERA sampling
 * plan, and one click to show only what was sampled with Excel's own table filter.
 */
export function CohortScreen({ host, catalog, now = () => new Date(), onChanged }: { host: TaskpaneHost; catalog: Catalog; now?: () => Date; onChanged?: () => void }) {
  const styles = useStyles();
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [summary, setSummary] = useState<SummaryOutcome | null>(null);
  const [seed, setSeed] = useState(() => defaultSeed(now()));
  const [sampling, setSampling] = useState<SamplingOutcome | null>(null);
  const [filtered, setFiltered] = useState<{ outcome: FilterOutcome; shown: boolean } | null>(null);
  const [cleared, setCleared] = useState<string[] | null>(null);
  const seedNumber = Number(seed);
  const seedValid = seed.trim() !== '' && Number.isInteger(seedNumber) && seedNumber >= 0 && seedNumber <= 0xffffffff;
  const canFilter = Boolean(host.filterTables && host.clearTableFilters);
  const made = sampling?.status === 'made' && sampling.plan && sampling.cohort ? { plan: sampling.plan, cohort: sampling.cohort } : undefined;
  const summaryTable = (tools: Awaited<ReturnType<typeof loadCohortTools>>) => ({ sheet: summary?.sheet ?? 'Cohort summary', table: summary?.built ? summary.table : tools.DEFAULT_SUMMARY_TABLE });

  async function run(what: Exclude<Busy, null>, work: () => Promise<void>) {
    setBusy(what);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(null);
    }
  }

  const buildSummary = () =>
    run('summary', async () => {
      const tools = await loadCohortTools();
      const outcome = await tools.buildLiveSummary(host.adapter, catalog, today(now()));
      setSummary(outcome);
      if (outcome.built) onChanged?.();
    });

  const makePlan = (replace: boolean) =>
    run('sampling', async () => {
      const tools = await loadCohortTools();
      const outcome = await tools.makeSamplingSheet(host.adapter, catalog, seedNumber, today(now()), replace);
      setSampling(outcome);
      setFiltered(null);
      if (outcome.status === 'made') onChanged?.();
    });

  const showSampled = () =>
    run('filter', async () => {
      if (!host.filterTables) return;
      const tools = await loadCohortTools();
      const filters = await tools.sampledFilters(host.adapter, summaryTable(tools), made);
      setCleared(null);
      setFiltered({ outcome: await host.filterTables(filters), shown: true });
    });

  const showAll = () =>
    run('filter', async () => {
      if (!host.clearTableFilters) return;
      const tools = await loadCohortTools();
      const tables = new Set([summaryTable(tools).table, ...(filtered?.outcome.applied.map((f) => f.table) ?? [])]);
      setFiltered(null);
      setCleared(await host.clearTableFilters([...tables]));
    });

  const disabled = busy !== null || Boolean(host.unsupported);

  return (
    <section className={styles.stack} aria-labelledby="cohort-heading">
      <Subtitle2 as="h2" id="cohort-heading">
        Cohort and sampling
      </Subtitle2>
      <ErrorNotice error={error} />

      <section className={styles.section} aria-labelledby="summary-heading">
        <Text as="h3" weight="semibold" id="summary-heading">
          Cohort summary
        </Text>
        <Text className={styles.muted}>
          Every candidate’s units across, as live formulas over the grids in this workbook, with completion by unit and by assessor as tables and charts. Building it again replaces the “Cohort summary” sheet.
        </Text>
        <div className={styles.row}>
          <Button appearance="primary" onClick={() => void buildSummary()} disabled={disabled}>
            Build cohort summary
          </Button>
          {busy === 'summary' ? <Spinner size="tiny" label="Reading the grids…" /> : null}
        </div>
        <div aria-live="polite">
          {summary?.built ? (
            <Notice intent="success" title={`Built the “${summary.sheet}” sheet`}>
              {summary.candidates} candidate{summary.candidates === 1 ? '' : 's'} and {summary.units} unit{summary.units === 1 ? '' : 's'}
              {summary.charts > 0 ? `, with ${summary.charts} completion chart${summary.charts === 1 ? '' : 's'}` : ''}.
              {summary.chartsSkipped > 0 ? ' Completion charts are drawn only when the summary is built in Excel; this workbook has the completion tables with data bars.' : ''}
            </Notice>
          ) : summary ? (
            <Notice intent="info" title="No grids found">
              This workbook has no grids to summarise yet: build some on the Build screen.
            </Notice>
          ) : null}
          {summary ? <SheetProblemsNotice problems={summary.problems} /> : null}
        </div>
      </section>

      <section className={styles.section} aria-labelledby="sampling-heading">
        <Text as="h3" weight="semibold" id="sampling-heading">
          Sampling plan
        </Text>
        <Text className={styles.muted}>
          A CAMERA plan for the internal verifier (candidates, assessors, methods, records, assessment sites), at the centre’s default rates. The same seed gives the same plan.
        </Text>
        <div className={styles.row}>
          <Field label="Seed" validationState={seedValid ? 'none' : 'error'} validationMessage={seedValid ? undefined : 'A whole number from 0 to 4294967295.'}>
            <Input value={seed} inputMode="numeric" onChange={(_, d) => setSeed(d.value)} />
          </Field>
          <Button appearance="primary" onClick={() => void makePlan(false)} disabled={disabled || !seedValid}>
            Make sampling plan
          </Button>
          {busy === 'sampling' ? <Spinner size="tiny" label="Choosing the sample…" /> : null}
        </div>
        <div aria-live="polite">
          {sampling?.status === 'exists' ? (
            <Notice intent="warning" title={`There is a “${sampling.sheet}” sheet already`}>
              <Text block>A new plan replaces it, and anything recorded on it (IV initials, dates, outcomes) is lost.</Text>
              <div className={styles.row}>
                <Button onClick={() => void makePlan(true)} disabled={disabled || !seedValid}>
                  Replace the sampling plan
                </Button>
                <Button appearance="subtle" onClick={() => setSampling(null)} disabled={disabled}>
                  Keep it
                </Button>
              </div>
            </Notice>
          ) : sampling?.status === 'empty' ? (
            <Notice intent="info" title="No grids found">
              This workbook has no grids to sample yet.
            </Notice>
          ) : sampling?.status === 'made' && sampling.plan && sampling.plan.rows.length === 0 ? (
            <Notice intent="info" title={`Made the “${sampling.sheet}” sheet, with nothing to sample yet`}>
              No grid has evidence recorded yet, so there is nothing to sample. Make the plan again once assessors have recorded evidence.
            </Notice>
          ) : sampling?.status === 'made' && sampling.plan ? (
            <>
              <Notice intent="success" title={`Made the “${sampling.sheet}” sheet`}>
                {sampling.plan.rows.length} sample{sampling.plan.rows.length === 1 ? '' : 's'} of {new Set(sampling.plan.rows.map((r) => r.candidate)).size} candidate
                {new Set(sampling.plan.rows.map((r) => r.candidate)).size === 1 ? '' : 's'} (seed {sampling.plan.seed}).
              </Notice>
              <ListNotice intent="warning" title="Gaps in the plan" lines={sampling.plan.gaps} />
              <ListNotice intent="info" title="Worth knowing" lines={sampling.plan.warnings} />
            </>
          ) : null}
        </div>
      </section>

      <section className={styles.stack} aria-labelledby="filter-heading">
        <Text as="h3" weight="semibold" id="filter-heading">
          Show only what was sampled
        </Text>
        {canFilter ? (
          <>
            <Text className={styles.muted}>Filters the cohort summary to the sampled candidates (and each index of evidence to the sampled evidence) with Excel’s own table filter, so the filter buttons show it.</Text>
            <div className={styles.row}>
              <Button onClick={() => void showSampled()} disabled={disabled}>
                Show only sampled
              </Button>
              <Button onClick={() => void showAll()} disabled={disabled}>
                Show all
              </Button>
              {busy === 'filter' ? <Spinner size="tiny" label="Filtering…" /> : null}
            </div>
          </>
        ) : (
          <Caption1 className={styles.muted}>Filtering to the sampled rows needs Excel: download the workbook and open it in Excel, then use this screen there.</Caption1>
        )}
        <div aria-live="polite">
          {filtered ? (
            <Notice intent={filtered.outcome.applied.length > 0 ? 'success' : 'warning'} title={filtered.outcome.applied.length > 0 ? 'Showing only what was sampled' : 'Nothing was filtered'}>
              {filtered.outcome.applied.length > 0 ? (
                <Text block>
                  {filtered.outcome.applied.map((f) => `${f.sheet}: ${f.values.length} ${f.column === 'Candidate' ? 'candidate' : 'item'}${f.values.length === 1 ? '' : 's'}`).join('; ')}.
                </Text>
              ) : null}
              {filtered.outcome.skipped.length > 0 ? (
                <ul className={styles.list} aria-label="Not filtered">
                  {filtered.outcome.skipped.map((s) => (
                    <li key={`${s.filter.table}-${s.filter.column}`}>
                      {s.filter.sheet}: {s.reason}
                      {/^no table named/.test(s.reason) && s.filter.column === 'Candidate' ? ' (build the cohort summary first)' : ''}
                    </li>
                  ))}
                </ul>
              ) : null}
            </Notice>
          ) : cleared ? (
            <Notice intent="info" title="Showing all rows">
              {cleared.length > 0 ? `Filters cleared on ${cleared.join(', ')}.` : 'There were no filtered tables to clear.'}
            </Notice>
          ) : null}
        </div>
      </section>
    </section>
  );
}
