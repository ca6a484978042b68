import { localUkDate } from '../../domain/workflow/today';

/** English (UK) dates: dd/mm/yyyy, whatever the browser's locale; the user's own calendar date, as every "today" is. */
export function formatUkDate(d: Date): string {
  return localUkDate(d);
}

export function formatUkTime(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** An Excel serial date (as grids hold them) as dd/mm/yyyy. */
export function formatSerialDate(serial: number): string {
  const d = new Date(EXCEL_EPOCH_MS + Math.round(serial) * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
