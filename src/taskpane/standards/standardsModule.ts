/*
 * Everything that needs the bundled standards (about 800 KB of JSON) or the schema validator, in
 * one module the pane loads lazily (see loadStandards.ts), so the pane's first script stays small.
 */
export { bundledCatalog } from '../../domain/standards/bundled';
export { Catalog } from '../../domain/standards/catalog';
export { parseQualification, parseStandardsText } from '../../domain/standards/parseQualification';
