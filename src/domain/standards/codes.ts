/** Codes compare case- and space-insensitively: "cs7" finds "CS 7", "a/506/2130" finds "A/506/213 0". */
export function normaliseCode(code: string): string {
  return code.toLowerCase().replace(/\s+/g, '');
}
