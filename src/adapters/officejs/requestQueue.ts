/*
 * Request accounting for the office-js adapter: queue actions, sync only when the next one would
 * overflow the budget.
 */
import type { ApplyStats } from '../workbookAdapter';
import { ACTION_OVERHEAD_BYTES, jsonBytes } from './payload';

/**
 * ApplyStats as this adapter counts them: `syncs` round trips; `requests` actions queued (property
 * writes, method calls, loads; estimated); `maxRequestBytes`/`totalBytes` estimated payload.
 * `oversizedRequests` counts syncs that exceeded the budget because one action (a single cell)
 * could not be split further.
 */
export interface OfficeApplyStats extends ApplyStats {
  oversizedRequests: number;
}

export class RequestQueue {
  private pendingBytes = 0;
  private pendingActions = 0;
  /** Actions other than the per-request prologue; a request with only a prologue is never sent early. */
  private payloadActions = 0;
  readonly stats: OfficeApplyStats = { syncs: 0, requests: 0, maxRequestBytes: 0, totalBytes: 0, oversizedRequests: 0 };
  /** Queued first in every request that carries writes (suspend calculation until that sync). */
  prologue: { bytes: number; queue: () => void } | null = null;

  constructor(
    private readonly context: Excel.RequestContext,
    readonly limit: number,
  ) {}

  /** Queue actions whose payload is estimated at `bytes`; they always travel in one request. */
  async add(bytes: number, ...queue: (() => void)[]): Promise<void> {
    if (this.payloadActions > 0 && this.pendingBytes + bytes > this.limit) await this.sync();
    if (this.pendingActions === 0 && this.prologue) {
      this.prologue.queue();
      this.pendingBytes += this.prologue.bytes;
      this.pendingActions++;
      this.stats.requests++;
    }
    for (const q of queue) q();
    this.pendingBytes += bytes;
    this.pendingActions += queue.length;
    this.payloadActions += queue.length;
    this.stats.requests += queue.length;
  }

  /** One small action: its JSON argument plus the per-action allowance. */
  async small(arg: unknown, queue: () => void): Promise<void> {
    await this.add(ACTION_OVERHEAD_BYTES + jsonBytes(arg ?? null), queue);
  }

  async sync(): Promise<void> {
    if (this.pendingActions === 0) return;
    await this.context.sync();
    this.stats.syncs++;
    this.stats.totalBytes += this.pendingBytes;
    this.stats.maxRequestBytes = Math.max(this.stats.maxRequestBytes, this.pendingBytes);
    if (this.pendingBytes > this.limit) this.stats.oversizedRequests++;
    this.pendingBytes = 0;
    this.pendingActions = 0;
    this.payloadActions = 0;
  }
}
