import { MessageBar, MessageBarBody, MessageBarTitle, type MessageBarIntent } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ShownError } from '../logic/errors';
import { useStyles } from './styles';

/** A Fluent MessageBar: how every message, and every failure, reaches the user. */
export function Notice({ intent, title, children }: { intent: MessageBarIntent; title?: string; children?: ReactNode }) {
  return (
    <MessageBar intent={intent} layout="multiline">
      <MessageBarBody>
        {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
        {children}
      </MessageBarBody>
    </MessageBar>
  );
}

export function ErrorNotice({ error }: { error: ShownError | null }) {
  return error ? (
    <Notice intent="error" title={error.title}>
      {error.message}
    </Notice>
  ) : null;
}

/** What a component last had to say, kept in its state until the next action replaces it. */
export interface ShownMessage {
  intent: MessageBarIntent;
  title: string;
  text: string;
}

export function MessageNotice({ message }: { message: ShownMessage | null }) {
  return message ? (
    <Notice intent={message.intent} title={message.title}>
      {message.text}
    </Notice>
  ) : null;
}

/** A notice listing short lines (gaps, warnings, what is still needed); nothing when there are none. */
export function ListNotice({ intent, title, lines }: { intent: MessageBarIntent; title: string; lines: readonly string[] }) {
  const styles = useStyles();
  return lines.length > 0 ? (
    <Notice intent={intent} title={title}>
      <ul className={styles.list}>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </Notice>
  ) : null;
}

/** The sheets a check or summary could not read, each with where and why; nothing when there are none. */
export function SheetProblemsNotice({ problems }: { problems: readonly { sheet: string; cell?: string; message: string }[] }) {
  const styles = useStyles();
  return problems.length > 0 ? (
    <Notice intent="warning" title="Some sheets could not be read">
      <ul className={styles.list}>
        {problems.map((p) => (
          <li key={`${p.sheet}-${p.cell ?? ''}-${p.message}`}>
            Sheet {p.sheet}
            {p.cell ? `, cell ${p.cell}` : ''}: {p.message}
          </li>
        ))}
      </ul>
    </Notice>
  ) : null;
}
