import { fileNameKey, NO_ASSESSOR_WORKBOOK, safeFileName, splitCandidates, type SplitCandidate } from '../../../src/domain/cohort/workbookSplit';

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

describe('safeFileName', () => {
  it('keeps an ordinary name as typed', () => {
    expect(safeFileName('P. Jones')).toBe('P. Jones');
    expect(safeFileName("Siobhán O'Neill-Ó Briain")).toBe("Siobhán O'Neill-Ó Briain");
  });

  it('replaces the characters Windows, macOS or Linux forbid, and control characters', () => {
    expect(safeFileName('A/B\\C:D*E?F"G<H>I|J')).toBe('A_B_C_D_E_F_G_H_I_J');
    expect(safeFileName('Tab\there\nand there')).toBe('Tab here and there');
    expect(safeFileName('Bell\u0007')).toBe('Bell_');
  });

  it('never makes a hidden file, an Excel lock-file look-alike, or a trailing dot or space', () => {
    expect(safeFileName('.hidden')).toBe('_hidden');
    expect(safeFileName('~$Jones')).toBe('_$Jones');
    expect(safeFileName('Jones Jr.')).toBe('Jones Jr');
    expect(safeFileName('  Jones . . ')).toBe('Jones');
  });

  it('gives Windows device names a leading "_", whatever follows the first dot', () => {
    for (const n of ['CON', 'con', 'Prn', 'AUX', 'nul', 'COM1', 'lpt9', 'Nul.Smith', 'CON .x']) expect(safeFileName(n)).toBe(`_${n.replace(/[. ]+$/, '')}`);
    expect(safeFileName('Connie')).toBe('Connie');
    expect(safeFileName('Com 1')).toBe('Com 1');
  });

  it('cuts a long name, by characters and by UTF-8 bytes, never inside a character', () => {
    const long = safeFileName('A'.repeat(300))!;
    expect(long).toBe('A'.repeat(80));
    const cjk = safeFileName('漢'.repeat(100))!;
    expect(utf8(cjk)).toBeLessThanOrEqual(180);
    expect(cjk).toBe('漢'.repeat(60));
    // Each pair is 5 bytes (the emoji 4, two UTF-16 units): 36 pairs fill 180 bytes, no half emoji.
    const emoji = safeFileName('x😀'.repeat(60))!;
    expect(emoji).toBe('x😀'.repeat(36));
    // A cut that ends on a space or dot loses it too.
    expect(safeFileName(`${'A'.repeat(79)} B`)).toBe('A'.repeat(79));
  });

  it('composes accents (macOS stores them decomposed) and refuses a name with no letter or digit', () => {
    expect(safeFileName('Jose\u0301')).toBe('José');
    expect(safeFileName('???')).toBeNull();
    expect(safeFileName(' . . ')).toBeNull();
  });
});

describe('fileNameKey', () => {
  it('compares as case-ignoring file systems do', () => {
    expect(fileNameKey('P Jones.xlsx')).toBe(fileNameKey('p jones.XLSX'));
    expect(fileNameKey('Strauß.xlsx')).toBe(fileNameKey('STRAUSS.xlsx'));
    expect(fileNameKey('José.xlsx')).toBe(fileNameKey('Jose\u0301.xlsx'));
  });
});

const c = (name: string, assessor?: string, id?: string): SplitCandidate => ({ name, ...(assessor !== undefined ? { assessor } : {}), ...(id !== undefined ? { id } : {}) });

describe('splitCandidates', () => {
  it('by assessor: one workbook per assessor (case and spacing ignored, named as first written), in the order listed; no assessor in its own', () => {
    const amy = c('Amy Ng', 'P. Jones');
    const ben = c('Ben Ode', 'K Lee');
    const cy = c('Cy Twombly', 'p.  jones');
    const dee = c('Dee Dee');
    const eve = c('Eve Ash', '  ');
    const split = splitCandidates([amy, ben, cy, dee, eve], 'assessor');
    expect(split).toEqual({
      ok: true,
      value: [
        { file: 'P. Jones.xlsx', label: 'P. Jones', assessor: 'P. Jones', candidates: [amy, cy] },
        { file: 'K Lee.xlsx', label: 'K Lee', assessor: 'K Lee', candidates: [ben] },
        { file: `${NO_ASSESSOR_WORKBOOK}.xlsx`, label: 'No assessor', candidates: [dee, eve] },
      ],
    });
  });

  it('by assessor: two assessors whose file names would be one file are refused, naming both', () => {
    const r = splitCandidates([c('Amy Ng', 'A/B'), c('Ben Ode', 'A:B')], 'assessor');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.kind).toBe('badArgument');
      expect(r.problem.message).toMatch(/^assessor "A\/B" and assessor "A:B" would share the workbook "A_B.xlsx" \(file names cannot hold some characters/);
    }
    // Case folding beyond lower case: "Strauß" and "STRAUSS" are one file on Windows and macOS.
    const s = splitCandidates([c('Amy Ng', 'Strauß'), c('Ben Ode', 'STRAUSS')], 'assessor');
    expect(!s.ok && s.problem.message).toContain('assessor "Strauß" and assessor "STRAUSS" would share the workbook');
    // An assessor called "No assessor" and the candidates without one.
    const n = splitCandidates([c('Amy Ng'), c('Ben Ode', 'no assessor')], 'assessor');
    expect(!n.ok && n.problem.message).toContain('the candidates with no assessor and assessor "no assessor" would share the workbook "no assessor.xlsx"');
  });

  it('by assessor: an assessor whose name gives no file name is refused', () => {
    const r = splitCandidates([c('Amy Ng', '???')], 'assessor');
    expect(!r.ok && r.problem.message).toBe('assessor "???" gives no usable file name (nothing is left once the characters file names cannot hold are taken out); spell it with letters or digits.');
  });

  it('by candidate: a workbook each, the id in the name when there is one', () => {
    const amy = c('Amy Ng', 'P. Jones', '1234567890');
    const ben = c('Ben/Ode', 'P. Jones');
    const amy2 = c('Amy Ng', 'K Lee', '9999999999');
    const r = splitCandidates([amy, ben, amy2], 'candidate');
    expect(r.ok && r.value.map((g) => [g.file, g.label, g.candidates])).toEqual([
      ['Amy Ng (1234567890).xlsx', 'Amy Ng', [amy]],
      ['Ben_Ode.xlsx', 'Ben/Ode', [ben]],
      ['Amy Ng (9999999999).xlsx', 'Amy Ng', [amy2]],
    ]);
    const clash = splitCandidates([c('Ann/Lee'), c('Ann:Lee')], 'candidate');
    expect(!clash.ok && clash.problem.message).toBe(
      'candidate "Ann/Lee" and candidate "Ann:Lee" would share the workbook "Ann_Lee.xlsx" (file names cannot hold some characters, ignore case on Windows and macOS, and are cut at 80 characters); spell one of them differently, or give the candidates ids.',
    );
  });
});
