import { serialToUkDate } from '../../domain/workbook/sheetValues';
import { localUkDate } from '../../domain/workflow/today';

/** English (UK) dates: dd/mm/yyyy, whatever the browser's locale; the user's own calendar date, as every "today" is. */
export function formatUkDate(d: Date): string {
  return localUkDate(d);
}

export function formatUkTime(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An Excel serial date (as grids hold them) as dd/mm/yyyy. */
export function formatSerialDate(serial: number): string {
  return serialToUkDate(serial);
}

export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
