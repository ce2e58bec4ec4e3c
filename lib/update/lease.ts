/**
 * One update check at a time, in storage so it outlives the service worker. A check holds a lease (owner, address,
 * start, expiry); another check waits until it is released or expires. A lease still present when the background
 * starts belongs to a check the browser stopped: the caller records that check as interrupted and clears it.
 *
 * storage.local has no compare-and-swap, so the lease is written and read back; two contexts racing in the same
 * instant could both believe they hold it. That is why the updater also serialises checks in memory (one background
 * runs them all) and compares against the list in force again at write time: the lease is the cross-restart part.
 */
import { type CheckLease, type KeyValueStore, readItem, STORAGE, writeItem } from '../storage';

export interface LeaseDeps {
  store: KeyValueStore;
  now: () => Date;
  /** How long a lease lasts: longer than a whole check can take, so only a stopped check's lease runs out. */
  ttlMs: number;
  sleep?: (ms: number) => Promise<void>;
  newOwner?: () => string;
}

/** How often a waiting check looks again at a lease held elsewhere. */
const LEASE_POLL_MS = 1_000;

const defaultSleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
const defaultOwner = () => globalThis.crypto.randomUUID();

/** Waits for the lease to be free (or expired), takes it and returns it. */
export async function acquireLease(deps: LeaseDeps, url: string): Promise<CheckLease> {
  const sleep = deps.sleep ?? defaultSleep;
  const owner = (deps.newOwner ?? defaultOwner)();
  for (;;) {
    const held = await readItem(deps.store, STORAGE.checkLease);
    const now = deps.now().getTime();
    const heldUntil = held ? Date.parse(held.expiresAt) : Number.NaN;
    if (held && heldUntil > now) {
      await sleep(Math.min(LEASE_POLL_MS, heldUntil - now));
      continue;
    }
    const mine: CheckLease = {
      owner,
      url,
      startedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + deps.ttlMs).toISOString(),
    };
    await writeItem(deps.store, STORAGE.checkLease, mine);
    // Read back: if another context wrote after us, it holds the lease and we wait for it.
    if ((await readItem(deps.store, STORAGE.checkLease))?.owner === owner) return mine;
  }
}

/** Gives the lease up, unless it has meanwhile expired and been taken by another check. */
export async function releaseLease(store: KeyValueStore, lease: CheckLease): Promise<void> {
  if ((await readItem(store, STORAGE.checkLease))?.owner === lease.owner)
    await writeItem(store, STORAGE.checkLease, null);
}

/** At background start: the lease of a check the browser stopped (and clears it), or null. */
export async function takeStaleLease(store: KeyValueStore): Promise<CheckLease | null> {
  const held = await readItem(store, STORAGE.checkLease);
  if (held) await writeItem(store, STORAGE.checkLease, null);
  return held;
}
