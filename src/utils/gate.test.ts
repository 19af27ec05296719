import fc from 'fast-check';
import { Gate } from './gate';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Gate', () => {
  it('admits up to its concurrency at once and queues the rest in arrival order', async () => {
    const gate = new Gate(2, 10);
    const order: number[] = [];
    const releases = await Promise.all([gate.enter(), gate.enter()]);
    const waiting = [3, 4].map((n) => gate.enter().then((release) => (order.push(n), release)));
    await tick();
    expect(gate.inUse).toBe(2);
    expect(gate.queued).toBe(2);
    expect(order).toEqual([]);
    releases[0]!();
    await tick();
    expect(order).toEqual([3]);
    releases[1]!();
    await tick();
    expect(order).toEqual([3, 4]);
    expect(gate.inUse).toBe(2);
    for (const release of await Promise.all(waiting)) release!();
    expect(gate.inUse).toBe(0);
  });

  it('refuses when the waiting line is full', async () => {
    const gate = new Gate(1, 1);
    const first = await gate.enter();
    const second = gate.enter();
    expect(await gate.enter()).toBeNull();
    first!();
    (await second)!();
    expect(gate.inUse).toBe(0);
  });

  it('ignores a second release of the same slot', async () => {
    const gate = new Gate(1, 5);
    const release = await gate.enter();
    release!();
    release!();
    expect(gate.inUse).toBe(0);
    const again = await gate.enter();
    expect(gate.inUse).toBe(1);
    again!();
  });

  it('never exceeds its concurrency and always drains (any interleaving)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 40 }), async (concurrency, holds) => {
        const gate = new Gate(concurrency, 1000);
        let peak = 0;
        await Promise.all(
          holds.map(async (ticks) => {
            const release = await gate.enter();
            peak = Math.max(peak, gate.inUse);
            for (let i = 0; i < ticks; i += 1) await tick();
            release!();
          })
        );
        return peak <= concurrency && gate.inUse === 0 && gate.queued === 0;
      }),
      { numRuns: 200 }
    );
  });

  it('rejects nonsense sizes', () => {
    expect(() => new Gate(0, 1)).toThrow(/concurrency/);
    expect(() => new Gate(1, -1)).toThrow(/maxWaiting/);
  });
});
