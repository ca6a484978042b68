/**
 * A code chunk fetched once and shared by every caller. A failed fetch (offline, or a new version
 * deployed meanwhile) is forgotten, so the next call tries again instead of failing for good.
 */
export function onceChunk<T>(fetchChunk: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= fetchChunk().catch((e: unknown) => {
      pending = undefined;
      throw e;
    });
    return pending;
  };
}
