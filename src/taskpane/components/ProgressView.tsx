import { Badge, Button, Caption1, Field, Input, Select, Spinner, Subtitle2, Text } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { cohortAssessors, isAssessorsCandidate, nameKey } from '../../domain/cohort/assessorFilter';
import { unrecognisedWarning } from '../../domain/coverage/coverage';
import { statusFromWord } from '../../domain/coverage/unitStatus';
import type { CandidateCheck, UnitCheck } from '../../domain/coverage/workbookCheck';
import { VOCABULARY_TEXT } from '../../domain/grid/vocabulary';
import { parseCell, type CellRange } from '../../domain/workbook/a1';
import { ukDate } from '../../domain/workbook/sheetValues';
import type { Catalog } from '../../domain/standards/catalog';
import { statesCredits } from '../../domain/standards/credits';
import type { TaskpaneHost } from '../host';
import { formatSerialDate, formatUkDate, formatUkTime, percent } from '../logic/dates';
import { describeError, type ShownError } from '../logic/errors';
import { gridStatus } from '../logic/gridLookup';
import { checkProgress, progressKey, type ProgressReport } from '../logic/workbookProgress';
import { ErrorNotice, Notice, SheetProblemsNotice } from './Notice';
import { useStyles } from './styles';

/** "H15" -> its zero-based cell, to select it. */
function cellAt(a1: string): CellRange | undefined {
  return parseCell(a1) ?? undefined;
}

function UnitRow({ host, catalog, report, candidate, unit, onError }: { host: TaskpaneHost; catalog: Catalog; report: ProgressReport; candidate: CandidateCheck; unit: UnitCheck; onError(e: ShownError): void }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const sheet = report.sheets.get(unit.sheet);
  const found = catalog.findUnit(candidate.qualification, unit.unit);
  const status = sheet && found.ok ? gridStatus(sheet, found.value.unit) : null;
  const listId = `missing-${unit.sheet}`.replace(/[^A-Za-z0-9_-]/g, '_');
  // Unrecognised entries get their own list (with a way to each cell), not the warning line as well.
  const unrecognisedLine = unrecognisedWarning(unit.unrecognised)[0];

  async function goToCell(cell: string) {
    const target = cellAt(cell);
    if (!host.goTo || !target) return;
    try {
      await host.goTo(unit.sheet, target);
    } catch (e) {
      onError(describeError(e));
    }
  }

  async function goTo(code: string) {
    const target = status?.missing.find((m) => m.item.code === code)?.target;
    if (!host.goTo || !target) return;
    try {
      await host.goTo(unit.sheet, target);
    } catch (e) {
      onError(describeError(e));
    }
  }

  return (
    <li className={styles.tight}>
      <Text>
        <span className={styles.code}>{unit.unit}</span> {unit.title}
      </Text>
      <div className={styles.row}>
        <Badge appearance="tint" color={unit.status === 'complete' ? 'success' : unit.status === 'in progress' ? 'warning' : 'danger'}>
          {statusFromWord(unit.status)}
          {/* A unit the standard does not detail has no items to cover: it is recorded on the tracker. */}
          {unit.complete || unit.achievement !== undefined ? '' : `, ${percent(unit.coverage)} covered`}
        </Badge>
        <Caption1 className={styles.muted}>
          Sheet {unit.sheet}
          {status?.lastEvidenceDate ? `; last evidence ${formatSerialDate(status.lastEvidenceDate)}` : ''}
          {unit.claimed.length > 0 ? `; ${unit.claimed.length} item(s) awaiting the assessor’s decision` : ''}
          {unit.referred.length > 0 ? `; ${unit.referred.length} item(s) referred` : ''}
          {unit.achievement ? `; achievement recorded by ${unit.achievement.assessor} on ${ukDate(unit.achievement.date)}` : ''}
        </Caption1>
      </div>
      {unit.warnings
        .filter((w) => w !== unrecognisedLine)
        .map((w) => (
          <Caption1 key={w}>{w}</Caption1>
        ))}
      {unit.unrecognised.length > 0 ? (
        <details>
          <summary>
            {unit.unrecognised.length} entr{unit.unrecognised.length === 1 ? 'y' : 'ies'} not recognised, so not counted
          </summary>
          <Caption1 className={styles.muted}>
            Correct these cells ({VOCABULARY_TEXT}; a decision is Accepted or Referred). They are highlighted purple on the sheet.
          </Caption1>
          <ul className={styles.plainList} aria-label={`Unrecognised entries on ${unit.sheet}`}>
            {unit.unrecognised.map((e) => (
              <li key={e.cell}>
                {host.goTo ? (
                  <Button appearance="subtle" size="small" className={styles.leftButton} onClick={() => void goToCell(e.cell)} aria-label={`Go to ${e.cell} on ${unit.sheet}`}>
                    <span>
                      <span className={styles.code}>{e.cell}</span> “{e.value}”
                    </span>
                  </Button>
                ) : (
                  <Text size={200}>
                    <span className={styles.code}>{e.cell}</span> “{e.value}”
                  </Text>
                )}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {!unit.complete && unit.missing.length > 0 ? (
        <>
          <div>
            <Button size="small" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
              {open ? 'Hide' : 'Show'} the {unit.missing.length} missing item{unit.missing.length === 1 ? '' : 's'}
            </Button>
          </div>
          {open ? (
            <ul id={listId} className={styles.plainList} aria-label={`Missing items of ${unit.unit} for ${candidate.candidate}`}>
              {(status?.missing ?? unit.missing.map((code) => ({ item: { code, text: '' }, target: undefined, where: undefined }))).map((m) => (
                <li key={m.item.code}>
                  {host.goTo && m.target ? (
                    <Button appearance="subtle" size="small" className={styles.leftButton} onClick={() => void goTo(m.item.code)} aria-label={`Go to ${m.item.code} on ${unit.sheet}`}>
                      <span>
                        <span className={styles.code}>{m.item.code}</span> {m.item.text}
                      </span>
                    </Button>
                  ) : (
                    <Text size={200}>
                      <span className={styles.code}>{m.item.code}</span> {m.where ? `(${m.where}) ` : m.target ? '' : '(no column on the sheet) '}
                      {m.item.text}
                    </Text>
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </li>
  );
}

/** The Assessor filter's choice for candidates whose sheets name no assessor. */
const NO_ASSESSOR = '\u0000none';

/** Where each candidate stands, from the coverage engine `vq-matrix check` uses; jump to a grid's missing items. */
export function ProgressView({ host, catalog, now }: { host: TaskpaneHost; catalog: Catalog; now?: () => Date }) {
  const styles = useStyles();
  const [report, setReport] = useState<ProgressReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  // A cohort workbook may hold hundreds of units: a filter, and each candidate's units collapsed until asked for.
  const [assessor, setAssessor] = useState('');
  const [who, setWho] = useState('');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

  const assessorOf = (c: CandidateCheck) => report?.assessors.get(progressKey(c)) ?? '';
  const assessors = useMemo(() => cohortAssessors({ candidates: [...(report?.assessors.values() ?? [])].map((a) => ({ assessor: a })) }), [report]);
  const unnamed = report ? report.check.candidates.some((c) => assessorOf(c) === '') : false;
  const shown = (report?.check.candidates ?? []).filter((c) => {
    if (assessor === NO_ASSESSOR ? assessorOf(c) !== '' : assessor !== '' && !isAssessorsCandidate({ assessor: assessorOf(c) }, assessor)) return false;
    return nameKey(c.candidate).includes(nameKey(who));
  });
  const toggle = (key: string) =>
    setExpanded((open) => {
      const next = new Set(open);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  async function check() {
    setBusy(true);
    setError(null);
    try {
      setReport(await checkProgress(host.adapter, catalog, now));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  const titleOf = (id: string) => {
    const q = catalog.findQualification(id);
    return q.ok ? q.value.qualification.title : id;
  };
  const withCredits = (id: string) => {
    const q = catalog.findQualification(id);
    return !q.ok || statesCredits(q.value.qualification);
  };

  return (
    <section className={styles.stack} aria-labelledby="progress-heading">
      <Subtitle2 as="h2" id="progress-heading">
        Where each candidate stands
      </Subtitle2>
      <Text className={styles.muted}>Reads every grid in the workbook: coverage, missing items, credits and the rules of combination.</Text>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void check()} disabled={busy || Boolean(host.unsupported)}>
          {report ? 'Check again' : 'Check the workbook'}
        </Button>
        {busy ? <Spinner size="tiny" label="Reading the grids…" /> : null}
      </div>
      <ErrorNotice error={error} />
      {report ? (
        <div className={styles.stack} aria-live="polite">
          <Caption1 className={styles.muted}>
            Checked at {formatUkTime(report.checkedAt)} on {formatUkDate(report.checkedAt)}.
          </Caption1>
          <SheetProblemsNotice problems={report.check.problems} />
          {report.check.candidates.length === 0 ? <Notice intent="info" title="No grids found">This workbook has no grids yet: build some on the Build screen.</Notice> : null}
          {report.check.candidates.length > 0 ? (
            <div className={styles.row} role="search" aria-label="Show candidates">
              <Field label="Assessor">
                <Select value={assessor} onChange={(_, d) => setAssessor(d.value)}>
                  <option value="">All assessors</option>
                  {assessors.map((a) => (
                    <option key={a} value={a}>
                      {a}
                    </option>
                  ))}
                  {unnamed ? <option value={NO_ASSESSOR}>No assessor named</option> : null}
                </Select>
              </Field>
              <Field label="Candidate">
                <Input value={who} placeholder="Any part of the name" onChange={(_, d) => setWho(d.value)} />
              </Field>
            </div>
          ) : null}
          {report.check.candidates.length > 0 ? (
            <Caption1 className={styles.muted}>
              {shown.length === report.check.candidates.length ? `${shown.length} candidate${shown.length === 1 ? '' : 's'}` : `Showing ${shown.length} of ${report.check.candidates.length} candidates`}
            </Caption1>
          ) : null}
          {shown.map((c, i) => (
            <section key={`${c.candidate}-${c.qualification}`} className={styles.card} aria-label={`${c.candidate}, ${titleOf(c.qualification)}`}>
              <Subtitle2 as="h3">{c.candidate}</Subtitle2>
              <Caption1 className={styles.muted}>
                {titleOf(c.qualification)} ({c.qualification}){assessorOf(c) ? `; assessor ${assessorOf(c)}` : ''}
              </Caption1>
              <div className={styles.row}>
                <Badge appearance="filled" color={c.rules.met ? 'success' : c.rules.status === 'cannotCheck' ? 'informative' : 'warning'}>
                  {c.rules.met ? 'Qualification achieved' : c.rules.status === 'cannotCheck' ? 'Cannot be checked' : 'Not yet achieved'}
                </Badge>
                <Text>
                  {c.units.filter((u) => u.complete).length} of {c.units.length} units complete
                  {withCredits(c.qualification) ? `; ${c.credits} credits achieved` : ''}
                </Text>
              </div>
              {!c.rules.met && [...c.rules.unmet, ...c.rules.cannotCheck].length > 0 ? (
                <details>
                  <summary>Still to achieve</summary>
                  <ul className={styles.list}>
                    {[...c.rules.unmet, ...c.rules.cannotCheck].map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                </details>
              ) : null}
              {c.pathway.unmet.length > 0 ? (
                <Caption1>
                  The planned pathway does not meet the rules: {c.pathway.unmet.join('; ')}.
                </Caption1>
              ) : null}
              <div>
                <Button size="small" aria-expanded={expanded.has(progressKey(c))} aria-controls={`progress-units-${i}`} onClick={() => toggle(progressKey(c))}>
                  {expanded.has(progressKey(c)) ? 'Hide' : 'Show'} the {c.units.length} unit{c.units.length === 1 ? '' : 's'}
                </Button>
              </div>
              {expanded.has(progressKey(c)) ? (
                <ul id={`progress-units-${i}`} className={styles.plainList} aria-label={`Units of ${c.candidate}`}>
                  {c.units.map((u) => (
                    <UnitRow key={u.sheet} host={host} catalog={catalog} report={report} candidate={c} unit={u} onError={setError} />
                  ))}
                </ul>
              ) : null}
            </section>
          ))}
        </div>
      ) : null}
    </section>
  );
}
