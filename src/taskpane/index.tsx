import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { StandardsList } from './StandardsList';

// Render after Office is ready (or at once in a plain browser, where the pane runs in preview mode).
function render(): void {
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <FluentProvider theme={webLightTheme}>
      <StandardsList />
    </FluentProvider>,
  );
}

if (typeof Office !== 'undefined' && Office.onReady) void Office.onReady().then(render);
else render();
