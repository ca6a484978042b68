import { bundledCatalog } from '../domain/standards/bundled';

/*
 * Custom functions (namespace VQ). Each is a JSDoc'd thin shell over one domain call; metadata
 * (functions.json) is generated from these comments by custom-functions-metadata at build time.
 * The full set (UNITCOMPLETE, COVERAGE, MISSING, CREDITS, RULES, ...) is issue #4.
 */

function notFound(message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, message);
}

/**
 * A unit's title, level, credit or GLH from the bundled standards.
 * @customfunction UNITINFO
 * @param unit Unit code in any form the standard prints it ("203", "4430-203", "A4").
 * @param qualification Qualification identifier ("4430-02", "500/9341/1").
 * @param [field] "title" (default), "level", "credit" or "glh".
 * @returns The field's value.
 */
export function unitInfo(unit: string, qualification: string, field?: string): string | number | CustomFunctions.Error {
  const found = bundledCatalog().findUnit(qualification, unit);
  if (!found.ok) return notFound(found.problem.message);
  const u = found.value.unit;
  switch ((field ?? 'title').trim().toLowerCase()) {
    case 'title':
    case '':
      return u.title;
    case 'level':
      return u.level ?? notFound(`The standard does not state the level of unit ${u.code}.`);
    case 'credit':
      return u.credit ?? notFound(`The standard does not state the credit value of unit ${u.code}.`);
    case 'glh':
      return u.glh ?? notFound(`The standard does not state the GLH of unit ${u.code}.`);
    default:
      return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, `Unknown field "${field}": use title, level, credit or glh.`);
  }
}
