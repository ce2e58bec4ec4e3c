/**
 * Issue 19, item 1: overlapping update checks must never roll the list back. A slow check that found an older list
 * and a fast one that found a newer list, run at once, in one background or two, leave the newer list in force; a
 * check stopped by the browser is recorded as interrupted at the next start.
 */
import { describe, expect, it } from 'vitest';
import { STORAGE, writeItem } from '../../../lib/storage';
import { createUpdater, readActiveList } from '../../../lib/update/updater';
import { bundled, deferred, keys, listWith, MemoryStore, NOW, signed } from './helpers';

const SLOW = 'https://slow.example.org/watchlist.json';
const FAST = 'https://fast.example.org/watchlist.json';

/** A fetch serving each address's signed files; the list at `held` waits for `gate` before answering. */
async function servers(lists: Record<string, number>, held?: { url: string; gate: Promise<unknown> }) {
  const files = Object.fromEntries(
    await Promise.all(Object.entries(lists).map(async ([url, version]) => [url, await signed(listWith(version))])),
  );
  const requested = deferred();
  const fetch = async (url: string) => {
    const list = files[url.replace(/\.sig$/, '')]!;
    if (url.endsWith('.sig')) return new Response(list.signature);
    if (held?.url === url) {
      requested.resolve();
      await held.gate;
    }
    return new Response(list.body as BodyInit);
  };
  return { fetch, slowRequested: requested.promise };
}

/** Settles when `promise` does or after a moment, whichever is first: lets a check run as far as it can. */
const settledOrMoment = (promise: Promise<unknown>) =>
  Promise.race([promise.catch(() => undefined), new Promise((done) => setTimeout(done, 100))]);

describe('overlapping checks', () => {
  it('in one background: the slow check for an older list cannot replace the newer list installed meanwhile', async () => {
    const store = new MemoryStore();
    const gate = deferred();
    const { fetch, slowRequested } = await servers({ [SLOW]: 2, [FAST]: 3 }, { url: SLOW, gate: gate.promise });
    const updater = createUpdater({ fetch, store, now: () => NOW, keys, bundled });

    const slow = updater.checkNow(SLOW);
    await slowRequested;
    const fast = updater.checkNow(FAST);
    // The slow server answers only once the fast check has finished (or could not start, as it must wait).
    await settledOrMoment(fast);
    gate.resolve();
    expect(await slow).toMatchObject({ result: 'updated', version: 2 });
    expect(await fast).toMatchObject({ result: 'updated', version: 3 });
    expect((await readActiveList(store, bundled, NOW)).list.meta.version).toBe(3);
    expect((await updater.lastCheck())?.version).toBe(3);
  });

  it('in two backgrounds sharing storage: the stored lease keeps the second check out until the first ends', async () => {
    const store = new MemoryStore();
    const gate = deferred();
    const { fetch, slowRequested } = await servers({ [SLOW]: 2, [FAST]: 3 }, { url: SLOW, gate: gate.promise });
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      await new Promise((done) => setTimeout(done, 5));
    };
    const first = createUpdater({ fetch, store, now: () => NOW, keys, bundled, sleep });
    const second = createUpdater({ fetch, store, now: () => NOW, keys, bundled, sleep });

    const slow = first.checkNow(SLOW);
    await slowRequested;
    expect((await store.get(STORAGE.checkLease.key)) as object).toMatchObject({ url: SLOW });
    const fast = second.checkNow(FAST);
    await settledOrMoment(fast);
    gate.resolve();
    await Promise.all([slow, fast]);
    expect(waits.length).toBeGreaterThan(0);
    expect((await readActiveList(store, bundled, NOW)).list.meta.version).toBe(3);
    // Released at the end: the next check does not wait.
    expect(await store.get(STORAGE.checkLease.key)).toBeNull();
  });

  it('compares with the list in force at write time, not the one seen when the check started', async () => {
    const store = new MemoryStore();
    const newer = listWith(3);
    const files = await signed(listWith(2));
    const fetch = async (url: string) => {
      if (url.endsWith('.sig')) {
        // Meanwhile something else installs version 3 (say, a check that outlived its lease).
        await writeItem(store, STORAGE.watchlistSlot('b'), newer);
        await writeItem(store, STORAGE.watchlistPointer, {
          slot: 'b',
          meta: newer.meta,
          url: FAST,
          acceptedAt: NOW.toISOString(),
        });
        return new Response(files.signature);
      }
      return new Response(files.body as BodyInit);
    };
    const check = await createUpdater({ fetch, store, now: () => NOW, keys, bundled }).checkNow(SLOW);
    expect(check).toMatchObject({
      result: 'refused',
      code: 'not-newer',
      message: 'refused: version 2 is not newer than the list in use (version 3)',
    });
    const active = await readActiveList(store, bundled, NOW);
    expect(active.list.meta.version).toBe(3);
    expect(active.pointer?.slot).toBe('b');
  });
});

describe('the lease', () => {
  it('a check the browser stopped is recorded as interrupted at the next start, and the lease is cleared', async () => {
    const store = new MemoryStore();
    const never = new Promise<Response>(() => undefined);
    const stopped = createUpdater({ fetch: () => never, store, now: () => NOW, keys, bundled });
    void stopped.checkNow(SLOW);
    // The worker is stopped here: its check never finishes. A new background starts on the same storage.
    await new Promise((done) => setTimeout(done, 10));
    expect(await store.get(STORAGE.checkLease.key)).toMatchObject({ url: SLOW });

    const { fetch } = await servers({ [FAST]: 2 });
    const sleep = () => Promise.reject(new Error('waited for a lease nobody holds'));
    const restarted = createUpdater({ fetch, store, now: () => NOW, keys, bundled, sleep });
    const interrupted = await restarted.recoverInterrupted();
    expect(interrupted).toMatchObject({
      url: SLOW,
      result: 'failed',
      code: 'interrupted',
      message: `failed: the check started at ${NOW.toISOString()} was interrupted (the browser stopped VendorWatch’s background before it finished)`,
    });
    expect(await restarted.lastCheck()).toEqual(interrupted);
    expect(await store.get(STORAGE.checkLease.key)).toBeNull();
    expect(await restarted.recoverInterrupted()).toBeNull();
    expect(await restarted.checkNow(FAST)).toMatchObject({ result: 'updated', version: 2 });
  });

  it('an expired lease is taken over without waiting; a live one is waited for', async () => {
    const store = new MemoryStore();
    const { fetch } = await servers({ [FAST]: 2 });
    const lease = (expiresAt: string) => ({ owner: 'elsewhere', url: SLOW, startedAt: NOW.toISOString(), expiresAt });

    await writeItem(store, STORAGE.checkLease, lease('2026-11-30T23:59:59Z'));
    const noWait = () => Promise.reject(new Error('waited for an expired lease'));
    expect(
      await createUpdater({ fetch, store, now: () => NOW, keys, bundled, sleep: noWait }).checkNow(FAST),
    ).toMatchObject({ result: 'updated' });

    await writeItem(store, STORAGE.checkLease, lease('2026-12-01T00:05:00Z'));
    const waits: number[] = [];
    // The other check ends while we wait.
    const sleep = async (ms: number) => {
      waits.push(ms);
      await writeItem(store, STORAGE.checkLease, null);
    };
    expect(await createUpdater({ fetch, store, now: () => NOW, keys, bundled, sleep }).checkNow(FAST)).toMatchObject({
      result: 'unchanged',
    });
    expect(waits).toEqual([1000]);
  });
});
