/**
 * The background's matcher follows the organisation's policy without waiting for a change event: Chromium may not
 * announce the first load of a policy, and an early read can answer `{}` before it arrives.
 */
import { describe, expect, it } from 'vitest';
import { policyKeyed } from '../../../lib/settings/policy-keyed';

/** A managed storage the test sets, with no events at all, and a build that records what it was given. */
function setup(initial: unknown = {}) {
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
    () => changes++,
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

  it('rebuilds when the policy arrives later with no event (read at every use and compared)', async () => {
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
