import { Button, Field, Input, Select, Text } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { Catalog } from '../../domain/standards/catalog';
import { parseCell } from '../../domain/workbook/a1';
import type { SheetValues } from '../../domain/workbook/sheetValues';
import type { CellRef, TaskpaneHost } from '../host';
import { describeError, type ShownError } from '../logic/errors';
import { identifyCell, KIND_SINGULAR, type CellIdentity } from '../logic/gridLookup';
import { ErrorNotice, Notice } from './Notice';
import { useStyles } from './styles';

const CACHE_MS = 15_000;
const SELECTION_DELAY_MS = 150;

/** "H15" -> zero-based row and column. */
export function parseCellAddress(text: string): { row: number; col: number } | null {
  return parseCell(text.trim());
}

/**
 * Which criterion a grid cell is. In Excel it follows the selection; anywhere, a sheet and cell can
 * be typed (preview mode has no selection to follow).
 */
export function CellLookup({ host, catalog, active, workbookVersion }: { host: TaskpaneHost; catalog: Catalog; active: boolean; workbookVersion: number }) {
  const styles = useStyles();
  const [identity, setIdentity] = useState<CellIdentity | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [sheets, setSheets] = useState<string[]>([]);
  const [sheet, setSheet] = useState('');
  const [cell, setCell] = useState('');
  const catalogRef = useRef(catalog);
  catalogRef.current = catalog;
  const following = Boolean(host.onSelectionChanged) && !host.unsupported;
  // Moving the selection cell by cell would read the sheet each time: keep what was read briefly.
  const cache = useRef(new Map<string, { at: number; values: SheetValues | undefined }>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  async function lookUp(ref: CellRef, cached = false) {
    try {
      const hit = cached ? cache.current.get(ref.sheet) : undefined;
      const values = hit && Date.now() - hit.at < CACHE_MS ? hit.values : (await host.adapter.readSheets([ref.sheet]))[0];
      cache.current.set(ref.sheet, { at: Date.now(), values });
      if (!values) {
        setIdentity({ kind: 'other', message: `There is no sheet called ${ref.sheet}.` });
        return;
      }
      setError(null);
      setIdentity(identifyCell(values, ref.row, ref.col, catalogRef.current));
    } catch (e) {
      setError(describeError(e));
    }
  }

  // Follow the selection in Excel while the Standards screen is showing.
  useEffect(() => {
    if (!active || !following || !host.onSelectionChanged) return;
    let stop: (() => Promise<void>) | null = null;
    let gone = false;
    host
      .onSelectionChanged((ref) => {
        if (timer.current) clearTimeout(timer.current);
        // lookUp reports its own failures on screen, so the timer need not wait for it.
        timer.current = setTimeout(() => void lookUp(ref, true), SELECTION_DELAY_MS);
      })
      .then((s) => {
        // The screen went away while the handler was being added: remove it, with nothing left to tell.
        if (gone) void s().catch(() => undefined);
        else stop = s;
      })
      .catch((e: unknown) => setError(describeError(e)));
    return () => {
      gone = true;
      if (timer.current) clearTimeout(timer.current);
      // The screen is going away: nothing left to tell if removing the handler fails.
      if (stop) void stop().catch(() => undefined);
    };
  }, [active, following, host]);

  useEffect(() => {
    cache.current.clear();
    if (!active || host.unsupported) return;
    host.adapter
      .sheetNames()
      .then((names) => {
        setSheets(names);
        setSheet((current) => (names.includes(current) ? current : (names[0] ?? '')));
      })
      .catch((e: unknown) => setError(describeError(e)));
  }, [active, host, workbookVersion]);

  async function lookUpSelected() {
    if (!host.getSelectedCell) return;
    try {
      const ref = await host.getSelectedCell();
      if (ref) await lookUp(ref);
    } catch (e) {
      setError(describeError(e));
    }
  }

  function lookUpTyped() {
    const at = parseCellAddress(cell);
    if (!at) {
      setIdentity({ kind: 'other', message: `“${cell}” is not a cell address: type a column letter and a row number, such as H15.` });
      return;
    }
    // lookUp reports its own failures on screen.
    void lookUp({ sheet, ...at });
  }

  return (
    <div className={styles.stack}>
      {following ? <Text>Select a cell on a grid in Excel to see which criterion it is.</Text> : null}
      {host.getSelectedCell && !host.unsupported ? (
        <div className={styles.row}>
          <Button onClick={() => void lookUpSelected()}>Look up the selected cell</Button>
        </div>
      ) : null}
      {sheets.length > 0 ? (
        <div className={styles.row}>
          <Field label="Sheet" className={styles.grow}>
            <Select className={styles.fullSelect} value={sheet} onChange={(_, d) => setSheet(d.value)}>
              {sheets.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Cell">
            <Input value={cell} onChange={(_, d) => setCell(d.value)} placeholder="H15" size="medium" style={{ width: '6em' }} onKeyDown={(e) => {
                if (e.key === 'Enter') lookUpTyped();
              }} />
          </Field>
          <Button onClick={lookUpTyped} disabled={cell.trim() === ''}>
            Look up
          </Button>
        </div>
      ) : !following ? (
        <Text className={styles.muted}>Build some grids first: then pick a sheet and a cell here.</Text>
      ) : null}
      <ErrorNotice error={error} />
      <div aria-live="polite">
        {identity?.kind === 'item' ? (
          <Notice intent="info" title={`${KIND_SINGULAR[identity.item.kind][0]!.toUpperCase()}${KIND_SINGULAR[identity.item.kind].slice(1)} ${identity.item.code} of unit ${identity.unit.code}`}>
            <p>{identity.item.text || '(the standard prints the code only)'}</p>
            {identity.item.groupTitle ? <p className={styles.muted}>Under: {identity.item.groupTitle}</p> : null}
            <p className={styles.muted}>
              {identity.detail} {identity.unit.title}, {identity.qualification.title}.
            </p>
          </Notice>
        ) : identity ? (
          <Notice intent="warning" title="Not a criterion">
            {identity.message}
          </Notice>
        ) : null}
      </div>
    </div>
  );
}
