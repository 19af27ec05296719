import fc from 'fast-check';
import { Gate } from './gate';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Gate', () => {
  it('admits up to its concurrency at once and queues the rest in arrival order', async () => {
    const gate = new Gate({ concurrency: 2, maxWaiting: 10 });
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

  it('admits one waiting holder per event-loop turn, never the whole line at once', async () => {
    // A synchronous read (better-sqlite3) runs to its end once admitted: admitting several in one
    // turn would keep Node from accepting connections and reading other requests meanwhile.
    const turns: Array<() => void> = [];
    const gate = new Gate({ concurrency: 8, maxWaiting: 10, nextTurn: (task) => turns.push(task) });
    const admitted: number[] = [];
    for (const n of [1, 2, 3]) void gate.enter().then(() => admitted.push(n));
    const runTurn = async () => {
      turns.shift()!();
      await Promise.resolve();
      await Promise.resolve();
    };
    expect(turns).toHaveLength(1);
    await runTurn();
    expect(admitted).toEqual([1]);
    expect(turns).toHaveLength(1);
    await runTurn();
    expect(admitted).toEqual([1, 2]);
    await runTurn();
    expect(admitted).toEqual([1, 2, 3]);
    expect(turns).toHaveLength(0);
    expect(gate.inUse).toBe(3);
  });

  /** Two reads through a gate; the first runs synchronously for `readMs` and sets a timer meanwhile. */
  const twoReads = async (gate: Gate, readMs: number) => {
    const events: string[] = [];
    const reads = [1, 2].map((n) =>
      gate.enter().then((release) => {
        events.push(`read ${n}`);
        if (n === 1) {
          // Work that becomes due while the first read runs (a timer here; in the server an
          // accepted connection or a save) comes before the second read if the turn ends.
          setTimeout(() => events.push('other work'), 0);
          const until = Date.now() + readMs;
          while (Date.now() < until);
        }
        release!();
      })
    );
    await Promise.all(reads);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return events;
  };

  it('lets other work run before the next holder once a turn has used its budget', async () => {
    expect(await twoReads(new Gate({ concurrency: 4, maxWaiting: 10, turnBudgetMs: 0 }), 5)).toEqual(['read 1', 'other work', 'read 2']);
    expect(await twoReads(new Gate({ concurrency: 4, maxWaiting: 10, turnBudgetMs: 10 }), 20)).toEqual(['read 1', 'other work', 'read 2']);
  });

  it('hands the slot straight on within the budget (no turn wasted on quick holders)', async () => {
    expect(await twoReads(new Gate({ concurrency: 4, maxWaiting: 10, turnBudgetMs: 1000 }), 5)).toEqual(['read 1', 'read 2', 'other work']);
  });

  it('refuses when the waiting line is full', async () => {
    const gate = new Gate({ concurrency: 1, maxWaiting: 1 });
    const first = await gate.enter();
    const second = gate.enter();
    expect(await gate.enter()).toBeNull();
    first!();
    (await second)!();
    expect(gate.inUse).toBe(0);
  });

  it('ignores a second release of the same slot', async () => {
    const gate = new Gate({ concurrency: 1, maxWaiting: 5 });
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
        const gate = new Gate({ concurrency, maxWaiting: 1000 });
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

  it('schedules no turn while every slot is taken, and one when a slot frees', async () => {
    // A turn scheduled while full would admit nobody and schedule itself again: a busy loop of
    // event-loop turns for as long as the holders hold.
    const turns: Array<() => void> = [];
    const gate = new Gate({ concurrency: 1, maxWaiting: 5, nextTurn: (task) => turns.push(task) });
    const first = gate.enter();
    turns.shift()!();
    const release = await first;
    const waiting = gate.enter();
    expect(turns).toHaveLength(0);
    expect(gate.queued).toBe(1);
    release!();
    expect(gate.inUse).toBe(1);
    (await waiting)!();
  });

  it('hands the slot straight on only while the turn is strictly within its budget', async () => {
    // A fake clock: the turn starts at 0 and the holder releases at exactly the budget.
    let clock = 0;
    const turns: Array<() => void> = [];
    const gate = new Gate({ concurrency: 1, maxWaiting: 5, turnBudgetMs: 10, now: () => clock, nextTurn: (task) => turns.push(task) });
    const first = gate.enter();
    turns.shift()!();
    const release = await first;
    const second = gate.enter();
    clock = 10;
    release!();
    expect(gate.inUse).toBe(0);
    expect(turns).toHaveLength(1);
    clock = 25;
    turns.shift()!();
    const releaseSecond = await second;
    const third = gate.enter();
    clock = 34;
    releaseSecond!();
    expect(gate.inUse).toBe(1);
    (await third)!();
  });

  it('rejects nonsense sizes', () => {
    expect(() => new Gate({ concurrency: 1, maxWaiting: 0 })).not.toThrow();
    expect(() => new Gate({ concurrency: 0, maxWaiting: 1 })).toThrow(/concurrency/);
    expect(() => new Gate({ concurrency: 1, maxWaiting: -1 })).toThrow(/maxWaiting/);
    expect(() => new Gate({ concurrency: 1, maxWaiting: 1, turnBudgetMs: Number.NaN })).toThrow(/turnBudgetMs/);
  });
});
