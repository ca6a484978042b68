import { execFileSync } from 'node:child_process';
import { localIsoDate, localUkDate } from '../../../src/domain/workflow/today';

// One "today" for the command line and the task pane: the user's own calendar date, not UTC's.
// (Run in a child process: Jest gives each test file a copy of process.env, so TZ cannot be changed in here.)
function inZone(zone: string, utc: number): string {
  const code = `import { today, localUkDate } from './src/domain/workflow/today'; const d = new Date(${utc}); console.log(today(d), localUkDate(d));`;
  return execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', '-e', code], { encoding: 'utf8', env: { ...process.env, TZ: zone } }).trim();
}

describe('today', () => {
  it('is the calendar date where the user is: 00:30 on 1 July in London is 1 July, though UTC is still 30 June', () => {
    const halfPastMidnightBst = Date.UTC(2026, 5, 30, 23, 30);
    expect(new Date(halfPastMidnightBst).toISOString().slice(0, 10)).toBe('2026-06-30');
    expect(inZone('Europe/London', halfPastMidnightBst)).toBe('2026-07-01 01/07/2026');
    // West of Greenwich, 21:00 on 5 January is still the 5th there.
    expect(inZone('America/New_York', Date.UTC(2026, 0, 6, 2, 0))).toBe('2026-01-05 05/01/2026');
  });

  it('is written yyyy-mm-dd and shown dd/mm/yyyy, zero-padded', () => {
    expect(localIsoDate(new Date(2026, 0, 5))).toBe('2026-01-05');
    expect(localUkDate(new Date(2026, 0, 5))).toBe('05/01/2026');
  });
});
