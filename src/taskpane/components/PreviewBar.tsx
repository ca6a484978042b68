import { Button } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { PreviewWorkbook } from '../host';
import { describeError, type ShownError } from '../logic/errors';
import { ErrorNotice, Notice } from './Notice';
import { useStyles } from './styles';

/** Preview mode's workbook: download it, or open an .xlsx to update in place. */
export function PreviewBar({ preview, version, onOpened }: { preview: PreviewWorkbook; version: number; onOpened(): void }) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [hasSheets, setHasSheets] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [opened, setOpened] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    preview
      .hasSheets()
      .then((has) => live && setHasSheets(has))
      .catch((e: unknown) => live && setError(describeError(e)));
    return () => {
      live = false;
    };
  }, [preview, version]);

  async function open(file: File | undefined) {
    if (!file) return;
    setError(null);
    try {
      await preview.open(file);
      setOpened(file.name);
      onOpened();
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <div className={styles.tight}>
      <Notice intent="info" title="Preview: not connected to Excel">
        The workbook is built here in the browser. Download it to open in Excel, or open an earlier download to update it in place.
      </Notice>
      <div className={styles.row}>
        <Button
          appearance="primary"
          disabled={!hasSheets}
          onClick={() => {
            setError(null);
            preview.download().catch((e: unknown) => setError(describeError(e)));
          }}
        >
          Download workbook
        </Button>
        <Button onClick={() => input.current?.click()}>Open workbook…</Button>
        <input
          ref={input}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className={styles.hiddenInput}
          aria-label="Workbook to open"
          data-testid="workbook-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            // open reports its own failures on screen; the input's change event cannot wait.
            void open(file);
          }}
        />
      </div>
      {opened ? (
        <Notice intent="success" title={`Opened ${opened}`}>
          Building now updates this workbook; download it again when you are done.
        </Notice>
      ) : null}
      <ErrorNotice error={error} />
    </div>
  );
}
