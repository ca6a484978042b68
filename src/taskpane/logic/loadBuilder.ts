import type * as builder from './buildGrids';
import { onceChunk } from './onceChunk';

export type Builder = typeof builder;

/**
 * The grid builders (and, through the tracker, the standards schema) as a separate chunk: not
 * needed to show the pane, fetched in the background once it is up, awaited when Build is pressed.
 */
export const loadBuilder: () => Promise<Builder> = onceChunk(() => import(/* webpackChunkName: "builder" */ './buildGrids'));
