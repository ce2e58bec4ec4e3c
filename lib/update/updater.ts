/**
 * Fetches, verifies and installs watchlist updates. Pure: the browser's fetch and storage are passed in, so the
 * whole flow runs in Node tests.
 *
 * Crash safety: a new list is written to the slot not in use, then one small pointer record is switched. A
 * service worker stopped between the two writes leaves the old pointer, so the old list stays in force. The bundled
 * list is the floor: a stored list is only used while it is newer than the bundled one and not expired.
 */
import type { ListMeta, Watchlist } from '../watchlist/schema';
import { watchlistSchema } from '../watchlist/schema';
import type { TrustedKey } from './keys';
import { DEFAULT_MAX_BYTES, type RefusalCode, verifyListUpdate } from './verify';

export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(entries: Record<string, unknown>): Promise<void>;
}

export type ListSource = 'bundled' | 'update';

export interface ActivePointer {
  slot: 'a' | 'b';
  meta: ListMeta;
  url: string;
  acceptedAt: string;
}

export interface CheckRecord {
  at: string;
  url: string;
  result: 'updated' | 'unchanged' | 'refused' | 'failed';
  code?: RefusalCode | 'insecure-url' | 'network' | 'http-error';
  /** Plain words for the options page. */
  message: string;
  version?: number;
}

export const STORAGE_KEYS = {
  pointer: 'watchlist:pointer',
  slot: (slot: 'a' | 'b') => `watchlist:slot:${slot}`,
  etag: 'watchlist:etag',
  lastCheck: 'watchlist:lastCheck',
  nextCheckAt: 'watchlist:nextCheckAt',
} as const;

export interface UpdaterDeps {
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  store: KeyValueStore;
  now: () => Date;
  keys: readonly TrustedKey[];
  bundled: Watchlist;
  maxBytes?: number;
  /** Test builds only: accept http:// on 127.0.0.1 / localhost. */
  allowLoopbackHttp?: boolean;
}

/** HTTPS only; plain http just for a loopback test server when the build allows it. */
export function updateUrlProblem(url: string, allowLoopbackHttp = false): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'the update address is not a valid URL';
  }
  if (parsed.protocol === 'https:') return null;
  const loopback = parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost';
  if (parsed.protocol === 'http:' && loopback && allowLoopbackHttp) return null;
  return 'the update address must use https';
}

/** The list in force: a valid stored update newer than the bundled list, else the bundled list. */
export async function readActiveList(
  store: KeyValueStore,
  bundled: Watchlist,
  now: Date,
  /** Full schema check of the stored list; content scripts skip it (the list was verified before it was stored). */
  validate = true,
): Promise<{ list: Watchlist; source: ListSource; pointer: ActivePointer | null }> {
  const pointer = (await store.get(STORAGE_KEYS.pointer)) as ActivePointer | undefined;
  if (pointer && pointer.meta.version > bundled.meta.version && Date.parse(pointer.meta.expiresAt) > now.getTime()) {
    const stored = await store.get(STORAGE_KEYS.slot(pointer.slot));
    const list = validate ? watchlistSchema.safeParse(stored).data : (stored as Watchlist | undefined);
    if (list?.meta?.version === pointer.meta.version && Array.isArray(list.vendors)) {
      return { list, source: 'update', pointer };
    }
  }
  return { list: bundled, source: 'bundled', pointer: pointer ?? null };
}

/** When to check next: the interval with +-10% jitter, so a fleet of browsers does not call at once. */
export function nextCheckTime(from: Date, intervalHours: number, random: number): Date {
  const jitter = 1 + (random - 0.5) * 0.2;
  return new Date(from.getTime() + intervalHours * 3_600_000 * jitter);
}

export function createUpdater(deps: UpdaterDeps) {
  const record = async (entry: Omit<CheckRecord, 'at'>): Promise<CheckRecord> => {
    const full: CheckRecord = { at: deps.now().toISOString(), ...entry };
    await deps.store.set({ [STORAGE_KEYS.lastCheck]: full });
    return full;
  };

  return {
    activeList: () => readActiveList(deps.store, deps.bundled, deps.now()),

    async lastCheck(): Promise<CheckRecord | null> {
      return ((await deps.store.get(STORAGE_KEYS.lastCheck)) as CheckRecord | undefined) ?? null;
    },

    async checkNow(url: string): Promise<CheckRecord> {
      const problem = updateUrlProblem(url, deps.allowLoopbackHttp);
      if (problem) return record({ url, result: 'refused', code: 'insecure-url', message: `refused: ${problem}` });

      const active = await readActiveList(deps.store, deps.bundled, deps.now());
      const etags = ((await deps.store.get(STORAGE_KEYS.etag)) as Record<string, string> | undefined) ?? {};
      let response: Response;
      let signature: string | null;
      try {
        response = await deps.fetch(url, {
          cache: 'no-store',
          headers: etags[url] && active.source === 'update' ? { 'If-None-Match': etags[url] } : {},
        });
        if (response.status === 304) {
          return record({
            url,
            result: 'unchanged',
            message: `no change: version ${active.list.meta.version} is current`,
          });
        }
        if (!response.ok) {
          return record({
            url,
            result: 'failed',
            code: 'http-error',
            message: `failed: the server answered ${response.status}`,
          });
        }
        const declared = Number(response.headers.get('content-length'));
        const maxBytes = deps.maxBytes ?? DEFAULT_MAX_BYTES;
        if (declared > maxBytes) {
          return record({
            url,
            result: 'refused',
            code: 'too-large',
            message: `refused: the list is ${declared} bytes, more than the ${maxBytes}-byte limit`,
          });
        }
        const sigResponse = await deps.fetch(`${url}.sig`, { cache: 'no-store' });
        signature = sigResponse.ok ? await sigResponse.text() : null;
      } catch (error) {
        return record({
          url,
          result: 'failed',
          code: 'network',
          message: `failed: could not reach the update server (${(error as Error).message})`,
        });
      }
      const body = new Uint8Array(await response.arrayBuffer());
      const verdict = await verifyListUpdate({
        body,
        signature,
        keys: deps.keys,
        current: active.list.meta,
        now: deps.now(),
        maxBytes: deps.maxBytes,
      });
      if (!verdict.ok) return record({ url, result: 'refused', code: verdict.code, message: verdict.message });

      // Write the list to the free slot first; only then switch the pointer (one small write).
      const slot = active.pointer?.slot === 'a' ? 'b' : 'a';
      await deps.store.set({ [STORAGE_KEYS.slot(slot)]: verdict.list });
      const pointer: ActivePointer = { slot, meta: verdict.list.meta, url, acceptedAt: deps.now().toISOString() };
      await deps.store.set({ [STORAGE_KEYS.pointer]: pointer });
      const etag = response.headers.get('etag');
      if (etag) await deps.store.set({ [STORAGE_KEYS.etag]: { ...etags, [url]: etag } });
      return record({
        url,
        result: 'updated',
        version: verdict.list.meta.version,
        message: `updated to version ${verdict.list.meta.version}`,
      });
    },
  };
}

export type Updater = ReturnType<typeof createUpdater>;
