import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, render, screen, waitFor, fireEvent, within } from '@testing-library/react';
import { App } from '../../src/taskpane/components/App';
import type { TaskpaneHost } from '../../src/taskpane/host';
import { createOfficeHost } from '../../src/taskpane/office/officeHost';
import { loadBuilder } from '../../src/taskpane/logic/loadBuilder';
import { loadStandards } from '../../src/taskpane/standards/loadStandards';
import type { createFakeExcel } from '../fakes/fakeExcel';
import { deserialize, serialize } from 'node:v8';

// jsdom's window has no structuredClone; the recording fake copies values with it, as Node does.
if (typeof globalThis.structuredClone !== 'function') globalThis.structuredClone = <T,>(v: T): T => deserialize(serialize(v)) as T;
// Nor Blob.text(), which every browser the pane runs in has.
if (typeof Blob !== 'undefined' && typeof Blob.prototype.text !== 'function') {
  Blob.prototype.text = function text(this: Blob): Promise<string> {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsText(this);
    });
  };
}

export type FakeExcel = ReturnType<typeof createFakeExcel>;

/** The Office host over the recording fake; calls the fake does not model (select, selection, tables) are replaced per test. */
export function officeHost(excel: FakeExcel, overrides: Partial<TaskpaneHost> = {}, supported = true): TaskpaneHost {
  const host = createOfficeHost(excel.run, { isSetSupported: () => supported, officeTheme: { bodyBackgroundColor: '#FFFFFF' } });
  return { ...host, goTo: jest.fn(async () => undefined), getSelectedCell: undefined, onSelectionChanged: undefined, locateTable: async () => null, ...overrides };
}

export async function renderPane(host: TaskpaneHost, now?: () => Date) {
  const result = render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} loadStandards={loadStandards} now={now} />
    </FluentProvider>,
  );
  await screen.findByRole('tab', { name: 'Build grids' }, { timeout: 10_000 });
  // The builder chunk loads in the background; let it land inside act.
  await act(async () => {
    await loadBuilder();
  });
  return result;
}

export function buildPanel(): HTMLElement {
  return document.getElementById('panel-build')!;
}

export function chooseQualification(id: string, panel: HTMLElement = buildPanel()) {
  fireEvent.change(within(panel).getByLabelText('Qualification'), { target: { value: id } });
}

/** Adds candidates through the paste box ("name, assessor" per line). */
export function addCandidates(lines: string[]) {
  const panel = buildPanel();
  fireEvent.change(within(panel).getByLabelText('Type or paste a list'), { target: { value: lines.join('\n') } });
  fireEvent.click(within(panel).getByRole('button', { name: 'Add these candidates' }));
}

export function tickUnit(code: string) {
  const panel = buildPanel();
  const box = within(panel).getAllByRole('checkbox').find((c) => c.closest('div')?.textContent?.includes(code));
  if (!box) throw new Error(`No checkbox for unit ${code}`);
  fireEvent.click(box);
}

/** Presses Build and waits for the outcome message. */
export async function build(): Promise<HTMLElement> {
  const panel = buildPanel();
  fireEvent.click(within(panel).getByRole('button', { name: 'Build grids' }));
  await waitFor(() => expect(within(panel).queryByText(/^(Built|Cancelled)/)).not.toBeNull(), { timeout: 15_000 });
  return within(panel).getByText(/^(Built|Cancelled)/);
}

export { act, screen, waitFor, fireEvent, within };
