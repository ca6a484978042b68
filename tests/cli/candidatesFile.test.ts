import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PATHWAY_WARNING, runCli } from '../support/runCli';

/*
 * Candidates files as other programs save them (cases found by a QA pass). A file the CLI cannot
 * read as a list of people must be refused with the file and line named, never built as candidates
 * with made-up names.
 */

async function candidatesBuilt(dir: string, file: string): Promise<{ code: number; err: string; names: string[] }> {
  const built = await runCli(['build', '-q', '4430-02', '--candidates', file, '-u', '202', '-o', 'c.xlsx'], dir);
  if (built.code !== 0 || !existsSync(join(dir, 'c.xlsx'))) return { code: built.code, err: built.err, names: [] };
  const read = await runCli(['cohort', 'c.xlsx', '--json'], dir);
  const names = (JSON.parse(read.out) as { candidates: { candidate: string }[] }).candidates.map((c) => c.candidate);
  return { code: built.code, err: built.err, names };
}

describe('candidates files from other programs', () => {
  it('reads a UTF-16 file with a byte order mark (Excel\'s "Unicode Text" save) as the people in it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vq-qa-cands-'));
    const text = 'Candidate\tAssessor\r\nAnn Lee\tPat Jones\r\nBo Chan\tPat Jones\r\n';
    writeFileSync(join(dir, 'cands.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const { code, names } = await candidatesBuilt(dir, 'cands.txt');
    // Read as UTF-8 this was four candidates: "\uFFFD\uFFFDCandidate" (the header row), "A\0n\0n\0..." and more.
    expect(code).toBe(0);
    expect(names).toEqual(['Ann Lee', 'Bo Chan']);
  });

  it('does not build a header row of a semicolon-separated file (Excel\'s CSV in many European locales) as a candidate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vq-qa-cands-'));
    writeFileSync(join(dir, 'cands.csv'), 'Candidate;Assessor\r\nAnn Lee;Pat Jones\r\n');
    const { names } = await candidatesBuilt(dir, 'cands.csv');
    expect(names).toEqual(['Ann Lee']);
  });

  it('refuses a line whose quote is never closed, naming the file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vq-qa-cands-'));
    writeFileSync(join(dir, 'cands.csv'), 'Bo Chan,Pat Jones\n"Ann Lee,Pat Jones\n');
    const { code, err, names } = await candidatesBuilt(dir, 'cands.csv');
    expect(names).toEqual([]);
    expect(code).toBe(1);
    expect(err).toBe('vq-matrix: cands.csv: line 2: a quote (") is opened and never closed; close it, or take it out\n');
  });

  it("reads a file Excel saved as plain CSV on Windows (Windows-1252), names with accents as written", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vq-qa-cands-'));
    // "Zoë Brontë" in Windows-1252: ë is the single byte 0xEB, not valid UTF-8.
    writeFileSync(join(dir, 'cands.csv'), Buffer.concat([Buffer.from('Zo'), Buffer.from([0xeb]), Buffer.from(' Bront'), Buffer.from([0xeb]), Buffer.from(',Pat Jones\r\n')]));
    const { code, names } = await candidatesBuilt(dir, 'cands.csv');
    expect(code).toBe(0);
    expect(names).toEqual(['Zoë Brontë']);
  });

  it('a candidate list saved as an Excel workbook is read from its first sheet, never parsed as text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vq-qa-cands-'));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Candidates');
    ws.addRows([['Candidate', 'Assessor'], ['Ann Lee', 'Pat Jones'], ['Bo Chan', 'Pat Jones']]);
    await wb.xlsx.writeFile(join(dir, 'cands.xlsx'));
    const { code, err, names } = await candidatesBuilt(dir, 'cands.xlsx');
    // Today: the zip is read as CSV text: "cands.xlsx: line N: 5 fields, expected at most 3 (name, assessor,
    // id); quote a name that holds a comma", or, when no line of the zip happens to hold 3 commas,
    // a workbook of made-up candidates (a PNG passed by mistake built 10 of them, exit 0).
    expect(err.replace(PATHWAY_WARNING, '')).toBe('');
    expect(code).toBe(0);
    expect(names).toEqual(['Ann Lee', 'Bo Chan']);
  });

  it('refuses a file that is not text (an image given by mistake), building nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vq-qa-cands-'));
    writeFileSync(join(dir, 'cands.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 44, 44, 0, 1]));
    const { code, err, names } = await candidatesBuilt(dir, 'cands.png');
    expect(names).toEqual([]);
    expect(code).toBe(1);
    expect(err).toBe('vq-matrix: cands.png is not a text file; a list of candidates is a CSV or text file (one candidate per line, or columns headed Candidate, Assessor, Candidate id) or an Excel workbook\n');
  });

  it('an empty candidates file (or one with only blank lines and a header) says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vq-qa-cands-'));
    writeFileSync(join(dir, 'empty.csv'), 'Candidate,Assessor\r\n\r\n');
    const { code, err } = await candidatesBuilt(dir, 'empty.csv');
    expect(code).toBe(1);
    expect(err).toBe('vq-matrix: empty.csv: no candidates in the file\n');
  });
});
