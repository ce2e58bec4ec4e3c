/**
 * A copy in storage of state kept in memory, written coalesced per key. A save asks for one write of the state as
 * it is when the write starts, so every save made while a write waits (up to `delayMs`) or has not started yet ends
 * in that one write; saves made while one is under way end in one more after it. Nothing waits for storage but
 * `flush`. The copy is at most `delayMs` and two writes behind memory: what a stopped MV3 service worker or Firefox
 * event page (stopped only after tens of seconds idle) can lose. Pure apart from the timer.
 */

/** Where a failed write is reported: the background logs it, tests collect it. */
type WriteFailureReporter<K> = (key: K, error: unknown) => void;

interface Mirror<K> {
  /** Asks for a write of `key`'s state. A failed write is reported; the next save writes the whole state again. */
  save(key: K): void;
  /** Writes `key`'s state now (after any write under way) and resolves when it is written or has failed. */
  flush(key: K): Promise<void>;
}

export function createMirror<K>(
  write: (key: K) => Promise<void>,
  {
    delayMs,
    report = (key, error) => console.warn(`VendorWatch: could not store the record of ${String(key)}`, error),
  }: { delayMs: number; report?: WriteFailureReporter<K> },
): Mirror<K> {
  const timers = new Map<K, ReturnType<typeof setTimeout>>();
  /** Keys with a write queued behind the one under way, not started: it will write their latest state. */
  const queued = new Set<K>();
  /** The last write of each key (never rejects): writes of one key run one at a time, in order. */
  const chains = new Map<K, Promise<void>>();

  const start = (key: K): Promise<void> => {
    clearTimeout(timers.get(key));
    timers.delete(key);
    const last = chains.get(key) ?? Promise.resolve();
    if (queued.has(key)) return last;
    queued.add(key);
    const next = last.then(async () => {
      queued.delete(key);
      try {
        await write(key);
      } catch (error) {
        report(key, error);
      }
    });
    chains.set(key, next);
    void next.then(() => {
      if (chains.get(key) === next) chains.delete(key);
    });
    return next;
  };

  return {
    save(key) {
      if (timers.has(key) || queued.has(key)) return;
      timers.set(
        key,
        setTimeout(() => void start(key), delayMs),
      );
    },
    flush: start,
  };
}
