import { onceChunk } from '../../src/taskpane/logic/onceChunk';

describe('onceChunk: the pane fetches each code chunk once', () => {
  it('shares one fetch between every caller', async () => {
    let fetches = 0;
    const load = onceChunk(async () => {
      fetches += 1;
      return { chunk: fetches };
    });
    const [a, b] = await Promise.all([load(), load()]);
    expect(await load()).toBe(a);
    expect(b).toBe(a);
    expect(fetches).toBe(1);
  });

  it('forgets a failed fetch, so the next call tries again', async () => {
    let fetches = 0;
    const load = onceChunk(async () => {
      fetches += 1;
      if (fetches === 1) throw new Error('ChunkLoadError: offline');
      return 'loaded';
    });
    await expect(load()).rejects.toThrow('offline');
    expect(await load()).toBe('loaded');
    expect(fetches).toBe(2);
  });
});
