/**
 * Something built from the organisation's policy (the background's matcher), kept only while the policy is the one
 * it was built with. Chromium may not announce the first load of a policy (no `storage.onChanged` for it, see
 * platform/quirks/managed-storage.ts), and a read early after start-up can answer `{}` before the policy arrives;
 * so the policy is read again and compared instead of waiting for an event: at start-up and on a change event
 * (`check()`), and for a use (`get()`) when the last read is older than `maxAgeMs`. A use served from a younger read
 * leaves one check due when that read turns `maxAgeMs` old, so a policy that arrives silently is found within
 * `maxAgeMs` even when no further use comes; a page's batches do not each read managed storage.
 */

interface PolicyKeyed<T> {
  /** The value for the policy in force: the kept one if the policy is unchanged, else built anew. */
  get(): Promise<T>;
  /** Reads the policy now and compares it with the last one seen (at start-up, or on a change event). */
  check(): Promise<void>;
  /** Drops the kept value (something else it is built from changed); the next `get()` builds again. */
  invalidate(): void;
}

interface PolicyKeyedOptions {
  /** Called when a read finds the policy different from the last one seen (not for the first read). */
  onChange?: () => void;
  /** How old the last read may be for a use to trust it without reading again; 0 reads at every use. */
  maxAgeMs?: number;
}

/**
 * `read` answers the policy as stored (unvalidated); `build` makes the value from that same read, so the value always
 * matches the policy it is kept for. `onChange`: whatever was done with the old policy (pages scanned, sites
 * paused) is out of date.
 */
export function policyKeyed<T>(
  read: () => Promise<unknown>,
  build: (policy: unknown) => Promise<T>,
  { onChange = () => undefined, maxAgeMs = 0 }: PolicyKeyedOptions = {},
): PolicyKeyed<T> {
  let kept: { policy: string; value: Promise<T> } | null = null;
  let lastSeen: string | undefined;
  /** When the last read began (Date.now()); a read that began earlier may have missed a later change. */
  let readAt = Number.NEGATIVE_INFINITY;
  let reading: Promise<unknown> | null = null;
  let due: ReturnType<typeof setTimeout> | null = null;

  /** One read for every caller waiting at the same time (a page's batches arrive together). */
  const readShared = () => {
    if (!reading) {
      readAt = Date.now();
      reading = read().finally(() => {
        reading = null;
      });
    }
    return reading;
  };

  /** Reads the policy, notes a change (dropping a value built for another policy), and answers it. */
  async function seen(): Promise<{ raw: unknown; key: string }> {
    const raw = await readShared();
    const key = canonicalJson(raw);
    if (lastSeen !== undefined && lastSeen !== key) onChange();
    lastSeen = key;
    if (kept && kept.policy !== key) kept = null;
    return { raw, key };
  }

  /** After a use trusted a recent read: one check when that read is `maxAgeMs` old (none if one is due already). */
  function checkWhenStale() {
    if (due) return;
    due = setTimeout(
      () => {
        due = null;
        void seen().catch(() => undefined);
      },
      Math.max(0, readAt + maxAgeMs - Date.now()),
    );
  }

  return {
    async get() {
      // A read under way (a change event's) is joined: it may bring a new policy.
      if (kept && !reading && Date.now() - readAt < maxAgeMs) {
        checkWhenStale();
        return kept.value;
      }
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
      await seen();
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
