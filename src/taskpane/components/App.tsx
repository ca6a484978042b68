import { Spinner, Subtitle1, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import type { TaskpaneHost } from '../host';
import { describeError, type ShownError } from '../logic/errors';
import { initialStandards, type StandardsState } from '../standards/catalogState';
import { mergeStored, withWorkbookStandards } from '../standards/centreStandardsFlow';
import type { StandardsModule } from '../standards/loadStandards';
import { BuildScreen } from './BuildScreen';
import { CohortScreen } from './CohortScreen';
import { ErrorNotice } from './Notice';
import { PreviewBar } from './PreviewBar';
import { ProgressView } from './ProgressView';
import type { QualificationChoice } from './QualificationPicker';
import { StandardsBrowser } from './StandardsBrowser';

const usePageStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    minHeight: '100vh',
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  header: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
});

type Screen = 'build' | 'standards' | 'progress' | 'cohort';
const SCREENS: { id: Screen; label: string }[] = [
  { id: 'build', label: 'Build grids' },
  { id: 'standards', label: 'Standards' },
  { id: 'progress', label: 'Progress' },
  { id: 'cohort', label: 'Cohort' },
];

/** One screen's tab panel, labelled by its tab and hidden (not unmounted) while another is shown. */
function ScreenPanel({ id, shown, children }: { id: Screen; shown: Screen; children: ReactNode }) {
  return (
    <div role="tabpanel" id={`panel-${id}`} aria-labelledby={`tab-${id}`} hidden={shown !== id}>
      {children}
    </div>
  );
}

export interface AppProps {
  host: TaskpaneHost;
  loadStandards(): Promise<StandardsModule>;
  now?: () => Date;
}

/** The task pane: build grids, browse the standards, see where each candidate stands, summarise and sample the cohort. */
export function App({ host, loadStandards, now }: AppProps) {
  const styles = usePageStyles();
  const [mod, setMod] = useState<StandardsModule | null>(null);
  const [standards, setStandards] = useState<StandardsState | null>(null);
  const [loadError, setLoadError] = useState<ShownError | null>(null);
  const [qualificationId, setQualificationId] = useState('');
  const [screen, setScreen] = useState<Screen>('build');
  const [workbookVersion, setWorkbookVersion] = useState(0);
  const changed = () => setWorkbookVersion((v) => v + 1);
  // Another workbook opened (preview): its stored centre qualifications are read again.
  const [opened, setOpened] = useState(0);

  useEffect(() => {
    let live = true;
    loadStandards()
      .then((m) => {
        if (!live) return;
        setMod(m);
        setStandards(initialStandards(m));
      })
      .catch((e: unknown) => live && setLoadError(describeError(e)));
    return () => {
      live = false;
    };
  }, [loadStandards]);

  // The centre qualifications this workbook carries: known as soon as it is open (and again after opening another).
  useEffect(() => {
    // An Excel without the API the adapter needs is not read at all (the pane says why it cannot build).
    if (!mod || host.unsupported) return;
    let live = true;
    withWorkbookStandards(mod, host.adapter, initialStandards(mod))
      .then(({ state, problem }) => {
        if (!live) return;
        setStandards((current) => (current ? mergeStored(mod, current, state) : state));
        if (problem) setLoadError({ title: 'The centre standards stored in this workbook could not be read', message: problem });
      })
      .catch(() => undefined); // an empty or unreadable workbook simply carries none
    return () => {
      live = false;
    };
  }, [mod, host.adapter, host.unsupported, opened]);

  const choice: QualificationChoice | null = mod && standards ? { mod, standards, onStandardsChange: setStandards, qualificationId, onSelect: setQualificationId } : null;

  return (
    <main className={styles.page} aria-label="VQ Matrix">
      <header className={styles.header}>
        <Subtitle1 as="h1">VQ Matrix</Subtitle1>
        {host.preview ? <PreviewBar
            preview={host.preview}
            version={workbookVersion}
            onOpened={() => {
              changed();
              setOpened((n) => n + 1);
            }}
          /> : null}
      </header>
      <ErrorNotice error={loadError} />
      {!choice ? (
        loadError ? null : <Spinner label="Loading the standards…" />
      ) : (
        <>
          <TabList selectedValue={screen} onTabSelect={(_, d) => setScreen(d.value as Screen)} aria-label="Screens">
            {SCREENS.map((s) => (
              <Tab key={s.id} value={s.id} id={`tab-${s.id}`} aria-controls={`panel-${s.id}`}>
                {s.label}
              </Tab>
            ))}
          </TabList>
          {/* Every screen stays mounted so what was typed survives switching screens. */}
          <ScreenPanel id="build" shown={screen}>
            <BuildScreen host={host} choice={choice} onBuilt={changed} />
          </ScreenPanel>
          <ScreenPanel id="standards" shown={screen}>
            <StandardsBrowser
              host={host}
              choice={choice}
              active={screen === 'standards'}
              workbookVersion={workbookVersion}
            />
          </ScreenPanel>
          <ScreenPanel id="progress" shown={screen}>
            <ProgressView host={host} catalog={choice.standards.catalog} now={now} />
          </ScreenPanel>
          <ScreenPanel id="cohort" shown={screen}>
            <CohortScreen host={host} catalog={choice.standards.catalog} now={now} onChanged={changed} />
          </ScreenPanel>
        </>
      )}
    </main>
  );
}
