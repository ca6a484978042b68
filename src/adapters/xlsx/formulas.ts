/*
 * Functions added to Excel after 2007 are stored with an "_xlfn." prefix; written without it,
 * Excel shows #NAME? until the cell is re-entered. The plan speaks Excel's displayed syntax.
 */
export const FUTURE_FUNCTIONS = new Set(
  (
    'AGGREGATE ARABIC BASE CEILING.MATH CONCAT DAYS DECIMAL FLOOR.MATH FORMULATEXT IFNA IFS ISFORMULA ' +
    'ISOWEEKNUM LET MAXIFS MINIFS NUMBERVALUE PERCENTILE.EXC PERCENTILE.INC QUARTILE.EXC QUARTILE.INC ' +
    'RANK.AVG RANK.EQ SHEET SHEETS STDEV.P STDEV.S SWITCH TEXTJOIN UNICHAR UNICODE VAR.P VAR.S XLOOKUP ' +
    'XMATCH XOR UNIQUE SEQUENCE SORTBY TEXTBEFORE TEXTAFTER TEXTSPLIT VSTACK HSTACK TOCOL TOROW TAKE DROP'
  ).split(' '),
);
export const WORKSHEET_FUNCTIONS = new Set(['FILTER', 'SORT']);

/** Applies `fn` to the parts of a formula outside "string" and 'sheet name' literals. */
function mapOutsideLiterals(formula: string, fn: (code: string) => string): string {
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const quote = formula[i];
    if (quote === '"' || quote === "'") {
      let j = i + 1;
      for (;;) {
        if (j >= formula.length) break;
        if (formula[j] === quote) {
          if (formula[j + 1] === quote) j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
    } else {
      let j = i;
      while (j < formula.length && formula[j] !== '"' && formula[j] !== "'") j++;
      out += fn(formula.slice(i, j));
      i = j;
    }
  }
  return out;
}

/** "=IFS(...)" -> "_xlfn.IFS(...)": the stored form exceljs writes as is. */
export function toFileFormula(formula: string): string {
  const body = formula.startsWith('=') ? formula.slice(1) : formula;
  return mapOutsideLiterals(body, (code) =>
    code.replace(/([A-Za-z_][A-Za-z0-9_.]*)\(/g, (whole, name: string) => {
      const upper = name.toUpperCase();
      if (FUTURE_FUNCTIONS.has(upper)) return `_xlfn.${name}(`;
      if (WORKSHEET_FUNCTIONS.has(upper)) return `_xlfn._xlws.${name}(`;
      return whole;
    }),
  );
}

/** Stored formula -> "=" + the formula as Excel displays it. */
export function fromFileFormula(stored: string): string {
  return `=${mapOutsideLiterals(stored, (code) => code.replace(/_xlfn\.(_xlws\.)?/gi, ''))}`;
}
