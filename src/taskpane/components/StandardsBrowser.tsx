import { Button, Caption1, SearchBox, Subtitle2, Text } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ITEM_KIND_LABELS, ITEM_KINDS, unitItems } from '../../domain/standards/itemCodes';
import type { Unit } from '../../domain/standards/schema';
import type { TaskpaneHost } from '../host';
import { searchStandards } from '../logic/searchStandards';
import { CellLookup } from './CellLookup';
import { QualificationPicker, type QualificationChoice } from './QualificationPicker';
import { useStyles } from './styles';

const MAX_HITS = 50;

export interface StandardsBrowserProps {
  host: TaskpaneHost;
  choice: QualificationChoice;
  active: boolean;
  workbookVersion: number;
}

function UnitDetail({ unit, highlight }: { unit: Unit; highlight: string | null }) {
  const styles = useStyles();
  const items = unitItems(unit);
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [highlight, unit]);
  const facts = [
    unit.level !== null ? `Level ${unit.level}` : '',
    unit.scqfLevel !== null ? `SCQF level ${unit.scqfLevel}` : '',
    unit.credit !== null ? `${unit.credit} credits` : '',
    unit.glh !== null ? `${unit.glh} guided learning hours` : '',
    `simulation ${unit.simulation}`,
  ].filter(Boolean);
  return (
    <section className={styles.card} aria-labelledby="unit-detail-heading">
      <Subtitle2 as="h3" id="unit-detail-heading">
        <span className={styles.code}>{unit.code}</span> {unit.title}
      </Subtitle2>
      <Caption1 className={styles.muted}>
        Also known as {unit.codes.map((c) => `${c.code} (${c.scheme})`).join(', ')}. {facts.join(', ')}.
      </Caption1>
      {unit.summary ? <Text>{unit.summary}</Text> : null}
      {items.length === 0 ? <Text>The standard prints no criteria for this unit (structure only).</Text> : null}
      {ITEM_KINDS.map((kind) => {
        const ofKind = items.filter((i) => i.kind === kind);
        if (ofKind.length === 0) return null;
        return (
          <div key={kind} className={styles.tight}>
            <Text as="h4" weight="semibold">
              {ITEM_KIND_LABELS[kind]} ({ofKind.length})
            </Text>
            <ul className={styles.plainList}>
              {ofKind.map((item, i) => {
                const showGroup = item.groupTitle && item.groupTitle !== ofKind[i - 1]?.groupTitle;
                const isHighlight = highlight === item.code;
                return (
                  <li key={item.code} ref={isHighlight ? ref : undefined} className={isHighlight ? styles.current : undefined} aria-current={isHighlight ? 'true' : undefined}>
                    {showGroup ? <Caption1 className={styles.muted}>{item.groupTitle}</Caption1> : null}
                    <div>
                      <span className={styles.code}>{item.code}</span> {item.text || <span className={styles.muted}>(code only in the standard)</span>}
                    </div>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

/** Search units and items by code or words, read an item's full text, and find out which criterion a grid cell is. */
export function StandardsBrowser({ host, choice, active, workbookVersion }: StandardsBrowserProps) {
  const { standards, qualificationId } = choice;
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<{ unit: string; item: string | null } | null>(null);
  const found = qualificationId ? standards.catalog.findQualification(qualificationId) : null;
  const q = found?.ok ? found.value.qualification : null;
  const hits = useMemo(() => (q ? searchStandards(q, query) : []), [q, query]);
  const unit = q && selected ? (q.units.find((u) => u.code === selected.unit) ?? null) : null;

  useEffect(() => setSelected(null), [qualificationId]);

  return (
    <div className={styles.stack}>
      <section className={styles.section} aria-labelledby="browse-heading">
        <Subtitle2 as="h2" id="browse-heading">
          Browse the standards
        </Subtitle2>
        <QualificationPicker {...choice} allowImport={false} />
        {q ? (
          <>
            <SearchBox
              aria-label="Search units and items"
              placeholder="A code (1.3, 203) or words (complaint)"
              value={query}
              onChange={(_, d) => setQuery(d.value)}
            />
            <div aria-live="polite">
              {query.trim() === '' ? (
                <Caption1 className={styles.muted}>{q.units.length} units. Search, or pick a unit below.</Caption1>
              ) : (
                <Caption1 className={styles.muted}>
                  {hits.length === 0 ? 'Nothing matches.' : hits.length > MAX_HITS ? `Showing the first ${MAX_HITS} of ${hits.length} matches.` : `${hits.length} match${hits.length === 1 ? '' : 'es'}.`}
                </Caption1>
              )}
            </div>
            <ul className={styles.plainList} aria-label={query.trim() === '' ? 'Units' : 'Search results'}>
              {(query.trim() === '' ? q.units.map((u) => ({ kind: 'unit' as const, unit: u })) : hits.slice(0, MAX_HITS)).map((hit) => (
                <li key={hit.kind === 'unit' ? `u-${hit.unit.code}` : `i-${hit.unit.code}-${hit.item.code}`}>
                  <Button
                    appearance="subtle"
                    className={styles.leftButton}
                    onClick={() => setSelected({ unit: hit.unit.code, item: hit.kind === 'item' ? hit.item.code : null })}
                    aria-pressed={selected?.unit === hit.unit.code && (hit.kind === 'unit' ? selected.item === null : selected.item === hit.item.code)}
                  >
                    {hit.kind === 'unit' ? (
                      <span>
                        <span className={styles.code}>{hit.unit.code}</span> {hit.unit.title}
                      </span>
                    ) : (
                      <span>
                        <span className={styles.code}>
                          {hit.unit.code} · {hit.item.code}
                        </span>{' '}
                        {hit.item.text.length > 120 ? `${hit.item.text.slice(0, 117)}…` : hit.item.text}
                      </span>
                    )}
                  </Button>
                </li>
              ))}
            </ul>
            {unit ? <UnitDetail unit={unit} highlight={selected?.item ?? null} /> : null}
          </>
        ) : (
          <Text className={styles.muted}>Choose a qualification to browse its units and criteria.</Text>
        )}
      </section>
      <section className={styles.section} aria-labelledby="cell-heading">
        <Subtitle2 as="h2" id="cell-heading">
          Which criterion is this cell?
        </Subtitle2>
        <CellLookup host={host} catalog={standards.catalog} active={active} workbookVersion={workbookVersion} />
      </section>
    </div>
  );
}
