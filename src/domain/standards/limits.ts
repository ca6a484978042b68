/*
 * Bounds on what a standards file may hold, and so on what a lookup has to consider. One place, so
 * the schema (what a file may contain) and the catalogue (what a query can match) agree.
 * docs/standards-format.md states them for centres writing their own files.
 */

/** A code (unit, item, element, group, qualification id): the longest bundled one is 31 characters. */
export const MAX_CODE_LENGTH = 64;

/** A name: title, awarding body, identifier, group, element or range title, knowledge heading (the longest bundled is 169). */
export const MAX_NAME_LENGTH = 500;

/** Any text (item text, guidance, notes): what one Excel cell can hold. */
export const MAX_TEXT_LENGTH = 32_767;

/** A unit's credit value (the largest bundled is 10); a qualification's total is bounded by MAX_TOTAL. */
export const MAX_UNIT_CREDIT = 1_000;

/** A unit's guided learning hours (the largest bundled is 67). */
export const MAX_UNIT_GLH = 10_000;

/** A qualification's GLH, TQT, minimum credits, or a rule's bound. */
export const MAX_TOTAL = 100_000;

/** A standards file's text: the five bundled files together are about 1 MB. */
export const MAX_STANDARDS_FILE_CHARS = 20 * 1024 * 1024;
