/** The very hidden sheet in which a workbook carries its centre qualifications (see centreStandards.ts). */
export const CENTRE_STANDARDS_SHEET = 'VQ centre standards';
