import type * as standardsModule from './standardsModule';

export type StandardsModule = typeof standardsModule;

/** The bundled standards and the validator, as a separate chunk loaded on first use. */
export function loadStandards(): Promise<StandardsModule> {
  return import(/* webpackChunkName: "standards" */ './standardsModule');
}
