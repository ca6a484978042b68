import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { Notice } from './components/Notice';
import type { TaskpaneHost, ThemeMode } from './host';
import { describeError } from './logic/errors';
import { createOfficeHost } from './office/officeHost';
import { loadStandards } from './standards/loadStandards';

/*
 * Entry point. Waits for Office.onReady, then renders under one FluentProvider: in Excel against
 * the workbook through office-js; in a plain browser (no Office host, or office.js not loaded) in
 * preview mode against an in-memory .xlsx workbook.
 */

function Root({ host }: { host: TaskpaneHost }) {
  const [mode, setMode] = useState<ThemeMode>(host.theme.current());
  useEffect(() => host.theme.watch?.(setMode), [host]);
  const theme = mode === 'dark' ? webDarkTheme : webLightTheme;
  useEffect(() => {
    // The page behind the pane (and native controls' scrollbars) in the same colours.
    document.documentElement.style.colorScheme = mode;
    document.body.style.backgroundColor = theme.colorNeutralBackground1;
  }, [mode, theme]);
  return (
    <FluentProvider theme={theme}>
      <App host={host} loadStandards={loadStandards} />
    </FluentProvider>
  );
}

async function chooseHost(): Promise<TaskpaneHost> {
  const office = typeof Office !== 'undefined' && typeof Office.onReady === 'function' ? await Office.onReady() : null;
  if (office?.host === Office.HostType.Excel) {
    return createOfficeHost((batch) => Excel.run(batch), {
      isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
      officeTheme: Office.context.officeTheme ?? null,
    });
  }
  const { createPreviewHost } = await import(/* webpackChunkName: "preview" */ './preview/previewHost');
  return createPreviewHost();
}

function start(): void {
  const element = document.getElementById('root');
  if (!element) return;
  const root = createRoot(element);
  chooseHost()
    .then((host) => root.render(<Root host={host} />))
    .catch((e: unknown) => {
      const shown = describeError(e);
      const dark = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
      root.render(
        <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
          <main aria-label="VQ Matrix" style={{ padding: 12 }}>
            <Notice intent="error" title={`VQ Matrix could not start: ${shown.title}`}>
              {shown.message}
            </Notice>
          </main>
        </FluentProvider>,
      );
    });
}

start();
