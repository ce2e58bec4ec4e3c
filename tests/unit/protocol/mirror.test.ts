/**
 * The coalesced copy of in-memory state (lib/mirror.ts): a burst of saves is one write of the latest state, a save
 * during a write is one more write after it, a failed write is reported and the next save writes again, and nothing
 * is ever more than the delay and two writes behind.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMirror } from '../../../lib/mirror';

const DELAY = 200;

/** State in memory, the copies written, and writes that finish when the test says (or at once). */
function setup({ manual = false } = {}) {
  const state = new Map<string, number>();
  const written: Array<[string, number | undefined]> = [];
  const finishing: Array<() => void> = [];
  const failures: string[] = [];
  let fail = false;
  const mirror = createMirror<string>(
    async (key) => {
      if (fail) throw new Error('quota');
      // The state as it is when the write starts is what storage gets.
      const value = state.get(key);
      if (manual) await new Promise<void>((resolve) => finishing.push(resolve));
      written.push([key, value]);
    },
    { delayMs: DELAY, report: (key, error) => failures.push(`${key}: ${(error as Error).message}`) },
  );
  const change = (key: string, value: number) => {
    state.set(key, value);
    mirror.save(key);
  };
  return {
    mirror,
    change,
    written,
    failures,
    finishNext: () => finishing.shift()?.(),
    failWrites: (value: boolean) => {
      fail = value;
    },
  };
}

describe('coalesced mirror', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes a burst of saves once, with the latest state, after the delay', async () => {
    const { change, written } = setup();
    for (let i = 1; i <= 50; i++) change('tab:1', i);
    change('tab:2', 7);
    await vi.advanceTimersByTimeAsync(DELAY - 1);
    expect(written).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(written).toEqual([
      ['tab:1', 50],
      ['tab:2', 7],
    ]);
    await vi.advanceTimersByTimeAsync(DELAY * 10);
    expect(written).toHaveLength(2);
  });

  it('writes once more after a write under way, however many saves came during it', async () => {
    const { change, written, finishNext } = setup({ manual: true });
    change('tab:1', 1);
    await vi.advanceTimersByTimeAsync(DELAY);
    for (let i = 2; i <= 30; i++) change('tab:1', i);
    await vi.advanceTimersByTimeAsync(DELAY * 5);
    // The second write is queued behind the first, still under way (one write at a time per key), and not started:
    // a save now is written by it too.
    change('tab:1', 31);
    await vi.advanceTimersByTimeAsync(DELAY * 5);
    expect(written).toEqual([]);
    finishNext();
    await vi.advanceTimersByTimeAsync(0);
    finishNext();
    await vi.advanceTimersByTimeAsync(DELAY * 5);
    expect(written).toEqual([
      ['tab:1', 1],
      ['tab:1', 31],
    ]);
  });

  it('reports a failed write, and writes the whole latest state at the next save', async () => {
    const { change, written, failures, failWrites } = setup();
    failWrites(true);
    change('tab:1', 1);
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(failures).toEqual(['tab:1: quota']);
    expect(written).toEqual([]);
    failWrites(false);
    change('tab:1', 2);
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(written).toEqual([['tab:1', 2]]);
    expect(failures).toHaveLength(1);
  });

  it('keeps a steady stream of saves at most the delay and two writes behind', async () => {
    const { change, written } = setup();
    for (let i = 1; i <= 100; i++) {
      change('tab:1', i);
      await vi.advanceTimersByTimeAsync(20);
      const last = written.at(-1)?.[1] ?? 0;
      expect(i - last).toBeLessThanOrEqual(DELAY / 20);
    }
    // 2 s of saves every 20 ms: one write per delay, not one per save.
    expect(written.length).toBeLessThanOrEqual(2_000 / DELAY + 1);
  });

  it('flushes at once, after the write under way and never overtaken by it', async () => {
    const { mirror, change, written, finishNext } = setup({ manual: true });
    change('tab:1', 1);
    await vi.advanceTimersByTimeAsync(DELAY);
    change('tab:1', 2);
    const flushed = mirror.flush('tab:1');
    let done = false;
    void flushed.then(() => {
      done = true;
    });
    finishNext();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    finishNext();
    await flushed;
    expect(written).toEqual([
      ['tab:1', 1],
      ['tab:1', 2],
    ]);
    // The save that armed the timer was written by the flush: nothing more follows.
    await vi.advanceTimersByTimeAsync(DELAY * 5);
    expect(written).toHaveLength(2);
  });
});
