import { Button, Field, ProgressBar, Radio, RadioGroup, Subtitle2, Text } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { GridLayoutName } from '../../domain/grid/candidateWorkbook';
import { pathwayShortfall } from '../../domain/rules/pathwayWarning';
import type { TaskpaneHost } from '../host';
import type { BuildProgress, BuildResult } from '../logic/buildGrids';
import type { CandidateEntry } from '../logic/candidates';
import { describeError, type ShownError } from '../logic/errors';
import { loadBuilder, type Builder } from '../logic/loadBuilder';
import { loadCohortTools } from '../logic/loadCohortTools';
import { today } from '../../domain/workflow/today';
import { storeInWorkbook } from '../standards/centreStandardsFlow';
import { CandidatesEditor } from './CandidatesEditor';
import { CentreQualification } from './CentreQualification';
import { ErrorNotice, Notice } from './Notice';
import { PathwayPicker } from './PathwayPicker';
import { QualificationPicker, type QualificationChoice } from './QualificationPicker';
import { useStyles } from './styles';

export interface BuildScreenProps {
  host: TaskpaneHost;
  choice: QualificationChoice;
  /** Called after sheets were written (preview mode enables its download). */
  onBuilt?(): void;
}

/** Qualification, candidates, pathway, layout, then Build: tracker, evidence index and one grid per unit per candidate. */
export function BuildScreen({ host, choice, onBuilt }: BuildScreenProps) {
  const { mod, standards, qualificationId } = choice;
  const styles = useStyles();
  const [candidates, setCandidates] = useState<CandidateEntry[]>([]);
  const [chosenByQualification, setChosen] = useState<Record<string, string[]>>({});
  const [layout, setLayout] = useState<GridLayoutName>('evidenceRows');
  const [progress, setProgress] = useState<BuildProgress | null>(null);
  const [result, setResult] = useState<BuildResult | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const cancelled = useRef(false);
  const [builder, setBuilder] = useState<Builder | null>(null);
  const [stopping, setStopping] = useState(false);

  // Fetched in the background: the pane shows without it.
  useEffect(() => {
    let live = true;
    loadBuilder()
      .then((b) => live && setBuilder(b))
      .catch(() => undefined); // reported if Build is pressed and it still cannot load
    return () => {
      live = false;
    };
  }, []);

  const found = qualificationId ? standards.catalog.findQualification(qualificationId) : null;
  const index = found?.ok ? found.value : null;
  const chosen = chosenByQualification[qualificationId] ?? [];
  const named = candidates.filter((c) => c.name.trim() !== '');
  const building = progress !== null;
  const ready = index !== null && named.length > 0 && !host.unsupported && !building;
  // Said before building, as the CLI says it on stderr: the grids are still built.
  const shortfall = index ? pathwayShortfall(index, chosen) : [];

  async function build() {
    if (!index) return;
    cancelled.current = false;
    setStopping(false);
    setError(null);
    setResult(null);
    setProgress({ done: 0, total: named.length });
    try {
      const { buildGrids, failureReport } = await loadBuilder();
      const outcome = await buildGrids(
        host.adapter,
        { qualification: index, candidates: named.map((c) => ({ name: c.name.trim(), assessor: c.assessor.trim(), ...(c.id?.trim() ? { id: c.id.trim() } : {}) })), units: chosen, layout },
        {
          onProgress: setProgress,
          shouldStop: () => cancelled.current,
          // A live cohort summary is built again for new grids, as on the Cohort tab.
          refreshSummary: async () => {
            const tools = await loadCohortTools();
            const summary = await tools.buildLiveSummary(host.adapter, standards.catalog, today());
            return { candidates: summary.candidates, units: summary.units };
          },
        },
      );
      setResult(outcome);
      if (outcome.failed) {
        const shown = describeError(outcome.failed.error);
        setError({ title: `${shown.title} (building ${outcome.failed.candidate})`, message: `${shown.message} ${failureReport(outcome)}` });
      }
    } catch (e) {
      setError(describeError(e));
    } finally {
      setProgress(null);
      onBuilt?.();
    }
  }

  const sheetsWritten = result ? result.outcomes.reduce((n, o) => n + o.sheets.length, 0) : 0;

  return (
    <div className={styles.stack}>
      <section className={styles.section} aria-labelledby="build-qualification">
        <Subtitle2 as="h2" id="build-qualification">
          1. Qualification
        </Subtitle2>
        <QualificationPicker {...choice} store={(q, state) => storeInWorkbook(mod, host.adapter, state, q)} readWorkbookFile={host.readWorkbookFile} />
        <CentreQualification {...choice} host={host} onChanged={onBuilt} />
      </section>

      <section className={styles.section} aria-labelledby="build-candidates">
        <Subtitle2 as="h2" id="build-candidates">
          2. Candidates
        </Subtitle2>
        <CandidatesEditor host={host} candidates={candidates} onChange={setCandidates} />
      </section>

      <section className={styles.section} aria-labelledby="build-pathway">
        <Subtitle2 as="h2" id="build-pathway">
          3. Pathway
        </Subtitle2>
        {index ? (
          <PathwayPicker index={index} chosen={chosen} onChange={(next) => setChosen((all) => ({ ...all, [qualificationId]: next }))} />
        ) : (
          <Text className={styles.muted}>Choose a qualification to see its units.</Text>
        )}
      </section>

      <section className={styles.section} aria-labelledby="build-go">
        <Subtitle2 as="h2" id="build-go">
          4. Layout and build
        </Subtitle2>
        <Field label="Grid layout">
          <RadioGroup value={layout} onChange={(_, d) => setLayout(d.value as GridLayoutName)}>
            <Radio value="evidenceRows" label="Evidence rows: a row per piece of evidence, a column per criterion" />
            <Radio value="criteriaRows" label="Criteria rows: a row per criterion, as on the awarding body’s recording forms" />
          </RadioGroup>
        </Field>
        <Text className={styles.muted}>
          Building again for the same candidates updates their sheets in place: every evidence row and mark is kept. An existing grid keeps its layout.
        </Text>
        {shortfall.length > 0 ? (
          <Notice intent="warning" title="This pathway cannot meet the rules of combination">
            <ul className={styles.list} aria-label="What the pathway lacks">
              {shortfall.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
            The grids can still be built: add units and build again to complete the pathway.
          </Notice>
        ) : null}
        {host.unsupported ? (
          <Notice intent="error" title="Building is not available in this Excel">
            {host.unsupported}
          </Notice>
        ) : null}
        <div className={styles.row}>
          <Button appearance="primary" disabled={!ready} onClick={() => void build()}>
            Build grids
          </Button>
          {building ? (
            <Button
              onClick={() => {
                cancelled.current = true;
                setStopping(true);
              }}
              disabled={stopping}
            >
              Cancel
            </Button>
          ) : null}
        </div>
        {!index || named.length === 0 ? (
          <Text className={styles.muted}>{!index ? 'Choose a qualification' : 'Add at least one candidate'} to build.</Text>
        ) : null}
        {progress ? (
          <Field
            label="Building"
            validationState="none"
            validationMessage={
              progress.current ? `Candidate ${progress.done + 1} of ${progress.total}: ${progress.current}${stopping ? ' (stopping after this one)' : ''}` : `${progress.done} of ${progress.total}`
            }
          >
            <ProgressBar value={progress.total ? progress.done / progress.total : 0} max={1} />
          </Field>
        ) : null}
        <ErrorNotice error={error} />
        {result?.summaryNeedsRebuild ? (
          <Notice intent="warning" title="The cohort summary does not show the new grids yet">
            Its columns are the units it was built for. On the Cohort tab, build the summary again to include them.
            {result.summaryRefreshFailed ? ` (Building it again after the grids failed: ${describeError(result.summaryRefreshFailed).message})` : ''}
          </Notice>
        ) : null}
        {result?.summaryRefreshed ? (
          <Notice intent="success" title="The cohort summary was built again for the new grids">
            It now shows {result.summaryRefreshed.candidates} candidate{result.summaryRefreshed.candidates === 1 ? '' : 's'} and {result.summaryRefreshed.units} unit{result.summaryRefreshed.units === 1 ? '' : 's'}.
          </Notice>
        ) : null}
        {result && result.outcomes.length > 0 ? (
          <Notice intent={result.cancelled ? 'warning' : 'success'} title={`${result.cancelled ? 'Cancelled: built' : 'Built'} ${sheetsWritten} sheet${sheetsWritten === 1 ? '' : 's'} for ${result.outcomes.length} of ${result.total} candidate${result.total === 1 ? '' : 's'}`}>
            {result.cancelled ? <p>Each finished candidate’s sheets are complete. Build again to do the rest: finished grids are updated in place.</p> : null}
            <ul className={styles.list} aria-label="What was built">
              {result.outcomes.flatMap((o) => [
                <li key={o.candidate}>
                  {o.candidate}: {o.rebuilt ? 'updated in place' : 'new'} ({o.sheets.length} sheets)
                </li>,
                ...o.changes.map((c) => <li key={`${o.candidate}-${c.sheet}`}>{builder ? builder.describeChanges(c) : `${c.sheet}: unit ${c.unit}`}</li>),
              ])}
            </ul>
          </Notice>
        ) : result?.cancelled ? (
          <Notice intent="warning" title="Cancelled">
            Nothing was built.
          </Notice>
        ) : null}
      </section>
    </div>
  );
}
