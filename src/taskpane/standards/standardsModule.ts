/*
 * Everything that needs the bundled standards (about 800 KB of JSON) or the schema validator, in
 * one module the pane loads lazily (see loadStandards.ts), so the pane's first script stays small.
 */
export { bundledCatalog } from '../../domain/standards/bundled';
export { Catalog } from '../../domain/standards/catalog';
export { clashingNames, parseQualification, parseStandardsText } from '../../domain/standards/parseQualification';
export { CENTRE_STANDARDS_SHEET, centreStandardsSheet, readCentreStandards, standardsToCarry, standardsVersion } from '../../domain/standards/centreStandards';
export { blankTemplatePlan, templatePlan } from '../../domain/standards/template/templatePlan';
export { describeTemplateProblem, readStandardsTemplate, type TemplateProblem } from '../../domain/standards/template/readTemplate';
export { TEMPLATE_SHEETS } from '../../domain/standards/template/templateLayout';
export { isBundledId } from '../../domain/standards/bundled';
