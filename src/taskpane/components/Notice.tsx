import { MessageBar, MessageBarBody, MessageBarTitle, type MessageBarIntent } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ShownError } from '../logic/errors';

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
