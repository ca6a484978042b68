import { ukDate } from '../workbook/sheetValues';

/*
 * "Today", for the dates the tools write (a cohort summary's and a sampling plan's "as of", the
 * sampling seed a run takes by default): the user's own calendar date, in the time zone of the
 * computer they work on, in the command line and the task pane alike. A UTC date would be
 * yesterday's for the first hour of every day of British Summer Time, and a coordinator checks the
 * date against their own calendar. Kept as yyyy-mm-dd (sheets, JSON); shown as dd/mm/yyyy.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar date of `d` where the user is, as yyyy-mm-dd. */
export function localIsoDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The calendar date of `d` where the user is, as dd/mm/yyyy (as UK users read dates). */
export function localUkDate(d: Date): string {
  return ukDate(localIsoDate(d));
}

/** Today's date where the user is, as yyyy-mm-dd. */
export function today(now: Date = new Date()): string {
  return localIsoDate(now);
}
