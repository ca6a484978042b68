/*
 * Request payload estimates for the office-js adapter: the UTF-8 size of each action's JSON
 * argument plus a fixed allowance per action (see officeWorkbook.ts).
 */

/** Allowance per queued action for its type, object path and ids in the request JSON. */
export const ACTION_OVERHEAD_BYTES = 300;

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}


export const jsonBytes = (v: unknown): number => utf8Length(JSON.stringify(v) ?? 'null');
