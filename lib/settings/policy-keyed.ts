/**
 * Something built from the organisation's policy (the background's matcher), kept only while the policy is the one
 * it was built with. Chromium may not announce the first load of a policy (no `storage.onChanged` for it, see
 * platform/quirks/managed-storage.ts), and a read early after start-up can answer `{}` before the policy arrives;
 * so every use reads the policy and compares it with the last one seen, instead of waiting for an event.
 */

interface PolicyKeyed<T> {
  /** The value for the policy in force now: the kept one if the policy is unchanged, else built anew. */
  get(): Promise<T>;
  /** Reads the policy and compares it with the last one seen (at start-up, or on a change event). */
  check(): Promise<void>;
  /** Drops the kept value (something else it is built from changed); the next `get()` builds again. */
  invalidate(): void;
}

/**
 * `read` answers the policy as stored (unvalidated); `build` makes the value from that same read, so the value always
 * matches the policy it is kept for. `onChange` hears when a policy differs from the last one seen (not for the
 * first read): whatever was done with the old one (pages scanned, sites paused) is out of date.
 */
export function policyKeyed<T>(
  read: () => Promise<unknown>,
  build: (policy: unknown) => Promise<T>,
  onChange: () => void = () => undefined,
): PolicyKeyed<T> {
  let kept: { policy: string; value: Promise<T> } | null = null;
  let lastSeen: string | undefined;
  let reading: Promise<unknown> | null = null;

  /** One read for every caller waiting at the same time (a page's batches arrive together). */
  const readShared = () => {
    reading ??= read().finally(() => {
      reading = null;
    });
    return reading;
  };

  /** Reads the policy, notes a change, and answers it with its canonical form. */
  async function seen(): Promise<{ raw: unknown; key: string }> {
    const raw = await readShared();
    const key = canonicalJson(raw);
    if (lastSeen !== undefined && lastSeen !== key) onChange();
    lastSeen = key;
    return { raw, key };
  }

  return {
    async get() {
      const { raw, key } = await seen();
      if (kept?.policy === key) return kept.value;
      const entry = { policy: key, value: build(raw) };
      kept = entry;
      // A failed build is not kept: the next use tries again.
      entry.value.catch(() => {
        if (kept === entry) kept = null;
      });
      return entry.value;
    },
    async check() {
      const { key } = await seen();
      if (kept && kept.policy !== key) kept = null;
    },
    invalidate() {
      kept = null;
    },
  };
}

/** JSON with object keys sorted, so the same policy compares equal however the browser orders its keys. */
function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
  return text ?? 'undefined';
}
