/**
 * The background's matcher follows the organisation's policy without waiting for a change event: Chromium may not
 * announce the first load of a policy, and an early read can answer `{}` before it arrives. Without an event it reads
 * the policy again at most every `maxAgeMs`, not for every request.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { policyKeyed } from '../../../lib/settings/policy-keyed';

/** A managed storage the test sets, with no events at all, and a build that records what it was given. */
function setup(initial: unknown = {}, maxAgeMs = 0) {
  let policy = initial;
  let reads = 0;
  const builds: unknown[] = [];
  let changes = 0;
  const keyed = policyKeyed(
    async () => {
      reads++;
      return policy;
    },
    async (seen) => {
      builds.push(seen);
      return { builtWith: seen, n: builds.length };
    },
    { onChange: () => changes++, maxAgeMs },
  );
  return {
    keyed,
    set: (next: unknown) => {
      policy = next;
    },
    builds,
    reads: () => reads,
    changes: () => changes,
  };
}

describe('policyKeyed', () => {
  it('builds from the policy read at the first use and keeps the value while the policy is the same', async () => {
    const s = setup({ sensitivity: 'strict' });
    const first = await s.keyed.get();
    expect(first.builtWith).toEqual({ sensitivity: 'strict' });
    expect(await s.keyed.get()).toBe(first);
    expect(s.builds).toHaveLength(1);
    expect(s.changes()).toBe(0);
  });

  it('with no maximum age, rebuilds when the policy arrives later with no event (read at every use)', async () => {
    const s = setup({}); // Chromium's early read, before the policy is loaded
    await s.keyed.check(); // start-up
    expect((await s.keyed.get()).builtWith).toEqual({});
    s.set({ sensitivity: 'strict', jurisdictions: ['US'] });
    const after = await s.keyed.get();
    expect(after.builtWith).toEqual({ sensitivity: 'strict', jurisdictions: ['US'] });
    expect(s.builds).toHaveLength(2);
    expect(s.changes()).toBe(1);
  });

  it('compares policies by content, not by the order of their keys', async () => {
    const s = setup({ sensitivity: 'strict', extraLists: [{ url: 'https://a.example/', label: 'A' }] });
    const first = await s.keyed.get();
    s.set({ extraLists: [{ label: 'A', url: 'https://a.example/' }], sensitivity: 'strict' });
    expect(await s.keyed.get()).toBe(first);
    // Array order is content: a reordered list is a different policy.
    s.set({ sensitivity: 'strict', extraLists: [{ url: 'https://b.example/' }, { url: 'https://a.example/' }] });
    expect(await s.keyed.get()).not.toBe(first);
    expect(s.changes()).toBe(1);
  });

  it('check() drops a value built for another policy and says so; an unchanged policy keeps it', async () => {
    const s = setup({ sensitivity: 'balanced' });
    const first = await s.keyed.get();
    await s.keyed.check();
    expect(s.changes()).toBe(0);
    expect(await s.keyed.get()).toBe(first);
    s.set({ sensitivity: 'strict' });
    await s.keyed.check();
    expect(s.changes()).toBe(1);
    expect(s.builds).toHaveLength(1); // dropped, built again only when asked
    expect((await s.keyed.get()).builtWith).toEqual({ sensitivity: 'strict' });
    expect(s.changes()).toBe(1); // the same change is told once
  });

  it('the first read is not a change, even when it finds a policy', async () => {
    const s = setup({ sensitivity: 'strict' });
    await s.keyed.check();
    await s.keyed.get();
    expect(s.changes()).toBe(0);
  });

  it('invalidate() builds again with the same policy and is not a policy change', async () => {
    const s = setup({ sensitivity: 'strict' });
    const first = await s.keyed.get();
    s.keyed.invalidate();
    const second = await s.keyed.get();
    expect(second).not.toBe(first);
    expect(second.builtWith).toEqual({ sensitivity: 'strict' });
    expect(s.changes()).toBe(0);
  });

  it('requests at the same time share one read and one build', async () => {
    const s = setup({ sensitivity: 'strict' });
    const values = await Promise.all([s.keyed.get(), s.keyed.get(), s.keyed.get()]);
    expect(new Set(values).size).toBe(1);
    expect(s.reads()).toBe(1);
    expect(s.builds).toHaveLength(1);
  });

  it('a failed build is not kept: the next use builds again', async () => {
    let fail = true;
    const keyed = policyKeyed(
      async () => ({}),
      async () => {
        if (fail) throw new Error('storage unavailable');
        return 'built';
      },
    );
    await expect(keyed.get()).rejects.toThrow('storage unavailable');
    fail = false;
    expect(await keyed.get()).toBe('built');
  });
});

describe('policyKeyed with a maximum age (the background: not a read per request)', () => {
  const MAX_AGE = 10_000;
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('uses within the maximum age of the last read do not read again', async () => {
    const s = setup({ sensitivity: 'strict' }, MAX_AGE);
    const first = await s.keyed.get();
    for (let i = 0; i < 20; i++) {
      await vi.advanceTimersByTimeAsync(100);
      expect(await s.keyed.get()).toBe(first);
    }
    expect(s.reads()).toBe(1);
  });

  it('a use after the maximum age reads again and rebuilds for a policy that arrived with no event', async () => {
    const s = setup({}, MAX_AGE);
    await s.keyed.check(); // start-up: the early read answers {}
    const early = await s.keyed.get();
    s.set({ sensitivity: 'strict' }); // arrives silently
    expect(await s.keyed.get()).toBe(early); // within the maximum age: trusted
    await vi.advanceTimersByTimeAsync(MAX_AGE);
    const later = await s.keyed.get();
    expect(later.builtWith).toEqual({ sensitivity: 'strict' });
    expect(s.changes()).toBe(1);
  });

  it('a policy that arrives silently is found when the last trusted read turns stale, with no further use', async () => {
    const s = setup({}, MAX_AGE);
    await s.keyed.get();
    await vi.advanceTimersByTimeAsync(2_000);
    await s.keyed.get(); // trusted: leaves one check due at 10 s
    await s.keyed.get();
    s.set({ sensitivity: 'strict' });
    await vi.advanceTimersByTimeAsync(MAX_AGE - 2_000 - 1);
    expect(s.changes()).toBe(0);
    expect(s.reads()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.reads()).toBe(2); // one check, though two uses trusted the read
    expect(s.changes()).toBe(1); // open tabs are told
    expect(s.builds).toHaveLength(1); // built again only when asked
    expect((await s.keyed.get()).builtWith).toEqual({ sensitivity: 'strict' });
    expect(s.reads()).toBe(3); // a build reads the policy it is built from
  });

  it('an idle background reads nothing: no check is left due by a use that read', async () => {
    const s = setup({ sensitivity: 'strict' }, MAX_AGE);
    await s.keyed.check();
    await s.keyed.get();
    await vi.advanceTimersByTimeAsync(10 * MAX_AGE);
    expect(s.reads()).toBe(2);
  });

  it('a change event reads at once, even within the maximum age, and uses wait for that read', async () => {
    const s = setup({ sensitivity: 'balanced' }, MAX_AGE);
    const first = await s.keyed.get();
    s.set({ sensitivity: 'strict' });
    const checked = s.keyed.check(); // storage.onChanged for the managed area
    const during = s.keyed.get();
    await checked;
    expect((await during).builtWith).toEqual({ sensitivity: 'strict' });
    expect(await s.keyed.get()).not.toBe(first);
    expect(s.changes()).toBe(1);
    expect(s.reads()).toBe(2);
  });

  it('invalidate() rebuilds at the next use from the policy read then', async () => {
    const s = setup({ sensitivity: 'balanced' }, MAX_AGE);
    await s.keyed.get();
    s.set({ sensitivity: 'strict' });
    s.keyed.invalidate(); // settings changed: the matcher is built again, and its policy read with it
    expect((await s.keyed.get()).builtWith).toEqual({ sensitivity: 'strict' });
  });
});
