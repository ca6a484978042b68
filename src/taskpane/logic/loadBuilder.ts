import type * as builder from './buildGrids';

export type Builder = typeof builder;

let pending: Promise<Builder> | undefined;

/**
 * The grid builders (and, through the tracker, the standards schema) as a separate chunk: not
 * needed to show the pane, fetched in the background once it is up, awaited when Build is pressed.
 */
export function loadBuilder(): Promise<Builder> {
  pending ??= import(/* webpackChunkName: "builder" */ './buildGrids').catch((e: unknown) => {
    pending = undefined;
    throw e;
  });
  return pending;
}
