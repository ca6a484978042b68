import { Caption1, Checkbox, Text } from '@fluentui/react-components';
import { useMemo } from 'react';
import { describeRule, planPathway } from '../../domain/rules/rulesOfCombination';
import type { QualificationIndex } from '../../domain/standards/catalog';
import type { Unit } from '../../domain/standards/schema';
import { ListNotice, Notice } from './Notice';
import { useStyles } from './styles';

export interface PathwayPickerProps {
  index: QualificationIndex;
  /** Chosen optional units (codes); mandatory units are always in. */
  chosen: readonly string[];
  onChange(next: string[]): void;
}

function unitFacts(u: Unit): string {
  const facts = [
    u.level !== null ? `level ${u.level}` : '',
    u.scqfLevel !== null ? `SCQF level ${u.scqfLevel}` : '',
    u.credit !== null ? `${u.credit} credit${u.credit === 1 ? '' : 's'}` : '',
    u.glh !== null ? `${u.glh} GLH` : '',
    u.detailed ? '' : 'structure only: the standard prints no criteria',
  ].filter(Boolean);
  return facts.join(', ');
}

/** The mandatory units, pre-selected; optional units with live feedback from the rules of combination. */
export function PathwayPicker({ index, chosen, onChange }: PathwayPickerProps) {
  const styles = useStyles();
  const q = index.qualification;
  const mandatory = useMemo(() => new Set(q.groups.filter((g) => g.mandatory).flatMap((g) => g.units)), [q]);
  const plan = useMemo(() => planPathway(index, [...mandatory, ...chosen]), [index, mandatory, chosen]);
  const notAllowed = new Map(plan.cannotChoose.map((c) => [c.unit.code, c.reason]));
  const chosenSet = new Set(chosen);
  const byCode = new Map(q.units.map((u) => [u.code, u]));
  const grouped = new Set(q.groups.flatMap((g) => g.units));
  const sections = [
    ...q.groups.map((g) => ({ id: g.id, title: g.mandatory ? `${g.title} (mandatory)` : g.title, units: g.units.map((c) => byCode.get(c)).filter((u): u is Unit => !!u) })),
    ...(q.units.some((u) => !grouped.has(u.code)) ? [{ id: '__other', title: q.groups.length ? 'Other units' : 'Units', units: q.units.filter((u) => !grouped.has(u.code)) }] : []),
  ];
  const report = plan.report;
  const hasCredits = q.units.some((u) => u.credit !== null);
  const hasGlhRule = q.rules.some((r) => r.kind === 'glh');

  const toggle = (code: string, on: boolean) => onChange(on ? [...chosen, code] : chosen.filter((c) => c !== code));

  return (
    <div className={styles.stack}>
      <div className={styles.tight} aria-live="polite" data-testid="pathway-feedback">
        <Text weight="semibold">
          {report.units.length} unit{report.units.length === 1 ? '' : 's'} chosen
          {hasCredits ? `; credits so far: ${report.credits.total}` : ''}
          {hasGlhRule ? `; guided learning hours so far: ${report.glh.total}` : ''}
        </Text>
        {hasCredits && report.credits.unknown.length > 0 ? (
          <Caption1 className={styles.muted}>The standard does not state the credit of {report.credits.unknown.join(', ')}.</Caption1>
        ) : null}
        {q.rules.length === 0 ? (
          <Notice intent="info" title="No rules of combination">
            The standard gives no rules of combination for this qualification, so any units may be chosen.
          </Notice>
        ) : report.met ? (
          <Notice intent="success" title="Rules of combination met">
            The chosen units meet every rule of combination.
          </Notice>
        ) : (
          <>
            <ListNotice intent="warning" title="Still needed" lines={plan.stillNeeded} />
            <ListNotice intent="info" title="Cannot be checked" lines={report.cannotCheck} />
          </>
        )}
      </div>
      {q.rules.length > 0 ? (
        <details>
          <summary>Rules of combination ({q.rules.length})</summary>
          <ul className={styles.list}>
            {q.rules.map((r, i) => {
              const outcome = report.outcomes[i];
              return (
                <li key={i}>
                  {describeRule(q, r)}
                  {outcome ? <span className={styles.muted}> — {outcome.status === 'met' ? 'met' : outcome.status === 'unmet' ? 'not yet met' : 'cannot be checked'}</span> : null}
                </li>
              );
            })}
          </ul>
        </details>
      ) : null}
      {sections.map((s) => (
        <fieldset key={s.id} className={styles.fieldset}>
          <legend className={styles.legend}>{s.title}</legend>
          {s.units.map((u) => {
            const isMandatory = mandatory.has(u.code);
            const reason = notAllowed.get(u.code);
            const reasonId = `why-${s.id}-${u.code}`.replace(/[^A-Za-z0-9_-]/g, '_');
            return (
              <div key={u.code}>
                <Checkbox
                  checked={isMandatory || chosenSet.has(u.code)}
                  disabled={isMandatory || (reason !== undefined && !chosenSet.has(u.code))}
                  onChange={(_, d) => toggle(u.code, d.checked === true)}
                  aria-describedby={reason ? reasonId : undefined}
                  label={
                    <span>
                      <span className={styles.code}>{u.code}</span> {u.title}
                      {unitFacts(u) ? <Caption1 className={styles.muted}> ({unitFacts(u)})</Caption1> : null}
                    </span>
                  }
                />
                {reason && !chosenSet.has(u.code) ? (
                  <Caption1 id={reasonId} className={styles.reason}>
                    Not allowed: {reason}
                  </Caption1>
                ) : null}
              </div>
            );
          })}
        </fieldset>
      ))}
    </div>
  );
}
