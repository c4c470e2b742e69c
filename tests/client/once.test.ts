/** `onceRetrying` (client/src/core/once.ts): one load shared by every caller, tried again after a failure. */
import { onceRetrying } from '../../client/src/core/once';

describe('onceRetrying', () => {
  it('runs the load once however many callers ask, before and after it settles', async () => {
    let calls = 0;
    const load = onceRetrying(async () => ({ n: ++calls }));
    const [a, b] = await Promise.all([load(), load()]);
    const c = await load();
    expect(calls).toBe(1);
    expect(a).toBe(b);
    expect(c).toBe(a);
  });

  it('forgets a failed load, so the next call tries again', async () => {
    let calls = 0;
    const load = onceRetrying(async () => {
      calls += 1;
      if (calls === 1) throw new Error('chunk failed to load');
      return 'loaded';
    });
    await expect(load()).rejects.toThrow('chunk failed to load');
    await expect(load()).resolves.toBe('loaded');
    await expect(load()).resolves.toBe('loaded');
    expect(calls).toBe(2);
  });
});
