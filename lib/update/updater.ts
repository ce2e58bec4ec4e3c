/**
 * Fetches, verifies and installs watchlist updates. Pure: the browser's fetch and storage are passed in, so the
 * whole flow runs in Node tests.
 *
 * Crash safety: a new list is written to the slot not in use, then one small pointer record is switched. A
 * service worker stopped between the two writes leaves the old pointer, so the old list stays in force. The bundled
 * list is the floor: a stored list is only used while it is newer than the bundled one and not expired.
 *
 * One check at a time (lib/update/lease.ts), and the version is compared again with the list in force just before
 * writing, so overlapping checks can never roll the list back.
 */
import type { z } from 'zod';
import { errorMessage } from '../error-message';
import { renderText } from '../i18n/english';
import type { LocalText } from '../i18n/index';
import type { checkRecordSchema } from '../protocol';
import { type ActivePointer, type KeyValueStore, readItem, STORAGE, writeItem } from '../storage';
import type { Watchlist } from '../watchlist/schema';
import { discardBody, readCappedBody } from './body';
import { DEFAULT_LIMITS, type FetchLimits, type FetchProblem, MAX_REDIRECTS, openBounded } from './fetch';
import type { TrustedKey } from './keys';
import { acquireLease, type LeaseDeps, releaseLease, takeStaleLease } from './lease';
import { DEFAULT_MAX_BYTES, refusedText, verifyListUpdate } from './verify';

type ListSource = 'bundled' | 'update';

/** One update check: when, where, what happened (stored; the options page shows the last one). */
export type CheckRecord = z.infer<typeof checkRecordSchema>;

/** The parts of a check record that say what happened: `message` is `text` in English. */
export function checkWords(text: LocalText): Pick<CheckRecord, 'message' | 'text'> {
  return { message: renderText(text), text };
}

const failedText = (reason: LocalText): LocalText => ({ key: 'updateFailed', subs: [reason] });

interface UpdaterDeps {
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  store: KeyValueStore;
  now: () => Date;
  keys: readonly TrustedKey[];
  bundled: Watchlist;
  maxBytes?: number;
  /** Test builds only: accept http:// on 127.0.0.1 / localhost. */
  allowLoopbackHttp?: boolean;
  /** Deadlines for each request's headers and body (DEFAULT_LIMITS). */
  limits?: FetchLimits;
  /** How a check waits for another's lease (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>;
}

/** HTTPS only; plain http just for a loopback test server when the build allows it. Localisable. */
export function updateUrlProblemText(url: string, allowLoopbackHttp = false): LocalText | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { key: 'updateInvalidUrl' };
  }
  if (parsed.protocol === 'https:') return null;
  const loopback = parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost';
  if (parsed.protocol === 'http:' && loopback && allowLoopbackHttp) return null;
  return { key: 'updateNotHttps' };
}

/** The list in force: a valid stored update newer than the bundled list, else the bundled list. */
export async function readActiveList(
  store: KeyValueStore,
  bundled: Watchlist,
  now: Date,
): Promise<{ list: Watchlist; source: ListSource; pointer: ActivePointer | null }> {
  const pointer = await readItem(store, STORAGE.watchlistPointer);
  if (pointer && pointer.meta.version > bundled.meta.version && Date.parse(pointer.meta.expiresAt) > now.getTime()) {
    const list = await readItem(store, STORAGE.watchlistSlot(pointer.slot));
    if (list?.meta.version === pointer.meta.version) return { list, source: 'update', pointer };
  }
  return { list: bundled, source: 'bundled', pointer };
}

/** When to check next: the interval with +-10% jitter, so a fleet of browsers does not call at once. */
export function nextCheckTime(from: Date, intervalHours: number, random: number): Date {
  const jitter = 1 + (random - 0.5) * 0.2;
  return new Date(from.getTime() + intervalHours * 3_600_000 * jitter);
}

/** Whether two validated lists are the same list: same version and the same content. */
function sameList(a: Watchlist, b: Watchlist): boolean {
  return a.meta.version === b.meta.version && JSON.stringify(a) === JSON.stringify(b);
}

/** Signature files are about a hundred bytes; anything far larger is not one. */
const MAX_SIGNATURE_BYTES = 16 * 1024;

type Download =
  | { kind: 'downloaded'; response: Response; body: Uint8Array; signature: string | null }
  | { kind: 'not-modified' }
  | { kind: 'stopped'; check: Omit<CheckRecord, 'at' | 'url'> };

const stopped = (check: Omit<CheckRecord, 'at' | 'url'>): Download => ({ kind: 'stopped', check });
const seconds = (ms: number) => String(ms / 1000);

/** What a request that did not get a usable response tells the person. */
function problemCheck(problem: FetchProblem): Omit<CheckRecord, 'at' | 'url'> {
  switch (problem.kind) {
    case 'timeout':
      return problem.phase === 'headers'
        ? {
            result: 'failed',
            code: 'timeout',
            ...checkWords(failedText({ key: 'updateTimeoutHeaders', subs: [seconds(problem.ms)] })),
          }
        : bodyTimeout(problem.ms, 0);
    case 'redirect':
      return {
        result: 'refused',
        code: 'redirect',
        ...checkWords(
          refusedText(
            problem.to ? { key: 'updateRedirectRefused', subs: [problem.to] } : { key: 'updateRedirectHidden' },
          ),
        ),
      };
    case 'too-many-redirects':
      return {
        result: 'refused',
        code: 'redirect',
        ...checkWords(refusedText({ key: 'updateTooManyRedirects', subs: [String(MAX_REDIRECTS)] })),
      };
    case 'network':
      return {
        result: 'failed',
        code: 'network',
        ...checkWords(failedText({ key: 'updateUnreachable', subs: [problem.message] })),
      };
  }
}

const bodyTimeout = (ms: number, bytesRead: number): Omit<CheckRecord, 'at' | 'url'> => ({
  result: 'failed',
  code: 'timeout',
  ...checkWords(failedText({ key: 'updateTimeoutBody', subs: [seconds(ms), String(bytesRead)] })),
});

/** Fetches the list (conditionally) and its signature, within the size cap and the deadlines; any failure is a check result. */
async function downloadList(
  url: string,
  options: { fetch: UpdaterDeps['fetch']; maxBytes: number; limits: FetchLimits; ifNoneMatch?: string },
): Promise<Download> {
  const { maxBytes, limits } = options;
  const opened = await openBounded(
    options.fetch,
    url,
    { cache: 'no-store', headers: options.ifNoneMatch ? { 'If-None-Match': options.ifNoneMatch } : {} },
    limits,
  );
  if (!opened.ok) return stopped(problemCheck(opened.problem));
  const { response } = opened;
  try {
    if (response.status === 304) return { kind: 'not-modified' };
    if (!response.ok) {
      await discardBody(response);
      return stopped({
        result: 'failed',
        code: 'http-error',
        ...checkWords(failedText({ key: 'updateServerAnswered', subs: [String(response.status)] })),
      });
    }
    const declared = Number(response.headers.get('content-length'));
    if (declared > maxBytes) {
      await discardBody(response);
      return stopped({
        result: 'refused',
        code: 'too-large',
        ...checkWords(refusedText({ key: 'updateTooLarge', subs: [String(declared), String(maxBytes)] })),
      });
    }
    // Content-Length may be missing or wrong: count the bytes as they arrive and stop past the cap.
    const read = await readCappedBody(response, maxBytes, opened.signal);
    if (!read.ok && read.why === 'aborted') return stopped(bodyTimeout(limits.bodyMs, read.bytesRead));
    if (!read.ok) {
      return stopped({
        result: 'refused',
        code: 'too-large',
        ...checkWords(refusedText({ key: 'updateTooLargeStopped', subs: [String(maxBytes), String(read.bytesRead)] })),
      });
    }
    const signature = await downloadSignature(url, options);
    if (typeof signature !== 'string' && signature !== null) return signature;
    return { kind: 'downloaded', response, body: read.body, signature };
  } catch (error) {
    return stopped(problemCheck({ kind: 'network', message: errorMessage(error) }));
  } finally {
    opened.done();
  }
}

/** The signature file next to the list: its text, null when the server has none, or why the check stopped. */
async function downloadSignature(
  url: string,
  options: { fetch: UpdaterDeps['fetch']; limits: FetchLimits },
): Promise<string | null | Download> {
  const opened = await openBounded(options.fetch, `${url}.sig`, { cache: 'no-store' }, options.limits);
  if (!opened.ok) return stopped(problemCheck(opened.problem));
  try {
    if (!opened.response.ok) {
      await discardBody(opened.response);
      return null;
    }
    const sig = await readCappedBody(opened.response, MAX_SIGNATURE_BYTES, opened.signal);
    if (!sig.ok && sig.why === 'aborted') return stopped(bodyTimeout(options.limits.bodyMs, sig.bytesRead));
    if (!sig.ok)
      return stopped({
        result: 'refused',
        code: 'unsigned',
        ...checkWords(refusedText({ key: 'updateSignatureTooLarge', subs: [String(MAX_SIGNATURE_BYTES)] })),
      });
    return new TextDecoder().decode(sig.body);
  } finally {
    opened.done();
  }
}

/** A lease outlasts the longest possible check: two requests, each within both deadlines, plus storage. */
const leaseTtlMs = (limits: FetchLimits) => 2 * (limits.headersMs + limits.bodyMs) + 60_000;

export function createUpdater(deps: UpdaterDeps) {
  const limits = deps.limits ?? DEFAULT_LIMITS;
  const record = async (entry: Omit<CheckRecord, 'at'>): Promise<CheckRecord> => {
    const full: CheckRecord = { at: deps.now().toISOString(), ...entry };
    await writeItem(deps.store, STORAGE.lastCheck, full);
    return full;
  };
  const leaseDeps: LeaseDeps = {
    store: deps.store,
    now: deps.now,
    ttlMs: leaseTtlMs(limits),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  };
  // Checks from this context run one after another (the alarm, "Check now", a page's request); the stored lease
  // keeps out checks from elsewhere and tells the next start about a check the browser stopped.
  let queue: Promise<unknown> = Promise.resolve();

  async function checkOnce(url: string): Promise<CheckRecord> {
    const active = await readActiveList(deps.store, deps.bundled, deps.now());
    const etags = await readItem(deps.store, STORAGE.etags);
    const maxBytes = deps.maxBytes ?? DEFAULT_MAX_BYTES;
    const download = await downloadList(url, {
      fetch: deps.fetch,
      maxBytes,
      limits,
      ifNoneMatch: active.source === 'update' ? etags[url] : undefined,
    });
    if (download.kind === 'not-modified')
      return record({
        url,
        result: 'unchanged',
        ...checkWords({ key: 'updateUnchanged', subs: [String(active.list.meta.version)] }),
      });
    if (download.kind === 'stopped') return record({ url, ...download.check });
    const { response, body, signature } = download;
    const verdict = await verifyListUpdate({
      body,
      signature,
      keys: deps.keys,
      current: active.list.meta,
      now: deps.now(),
      maxBytes,
    });
    const etag = response.headers.get('etag');
    if (!verdict.ok && verdict.code === 'not-newer' && verdict.list && sameList(verdict.list, active.list)) {
      // The list in force, downloaded again: after a stop between switching the pointer and saving the ETag, or
      // a server serving the bundled list. Not a refusal; save the ETag so the next check is conditional again.
      if (etag) await writeItem(deps.store, STORAGE.etags, { ...etags, [url]: etag });
      return record({
        url,
        result: 'unchanged',
        ...checkWords({ key: 'updateUnchanged', subs: [String(active.list.meta.version)] }),
      });
    }
    if (!verdict.ok)
      return record({ url, result: 'refused', code: verdict.code, message: verdict.message, text: verdict.text });

    // Compare again with the list in force now, not the one seen at the start: whatever was installed meanwhile
    // (by a check that outlived its lease, say), an older or equal list never replaces it.
    const now = await readActiveList(deps.store, deps.bundled, deps.now());
    if (verdict.list.meta.version <= now.list.meta.version) {
      const text = refusedText({
        key: 'updateNotNewer',
        subs: [String(verdict.list.meta.version), String(now.list.meta.version)],
      });
      return record({ url, result: 'refused', code: 'not-newer', ...checkWords(text) });
    }
    // Write the list to the free slot first; only then switch the pointer (one small write).
    const slot = now.pointer?.slot === 'a' ? 'b' : 'a';
    await writeItem(deps.store, STORAGE.watchlistSlot(slot), verdict.list);
    const pointer: ActivePointer = { slot, meta: verdict.list.meta, url, acceptedAt: deps.now().toISOString() };
    await writeItem(deps.store, STORAGE.watchlistPointer, pointer);
    if (etag) {
      const latest = await readItem(deps.store, STORAGE.etags);
      await writeItem(deps.store, STORAGE.etags, { ...latest, [url]: etag });
    }
    return record({
      url,
      result: 'updated',
      version: verdict.list.meta.version,
      ...checkWords({ key: 'updateUpdated', subs: [String(verdict.list.meta.version)] }),
    });
  }

  async function leasedCheck(url: string): Promise<CheckRecord> {
    const lease = await acquireLease(leaseDeps, url);
    try {
      return await checkOnce(url);
    } finally {
      await releaseLease(deps.store, lease);
    }
  }

  return {
    activeList: () => readActiveList(deps.store, deps.bundled, deps.now()),

    async lastCheck(): Promise<CheckRecord | null> {
      return readItem(deps.store, STORAGE.lastCheck);
    },

    /** Checks `url` for a newer list, after any check already running; never two at once. */
    checkNow(url: string): Promise<CheckRecord> {
      const problem = updateUrlProblemText(url, deps.allowLoopbackHttp);
      if (problem) return record({ url, result: 'refused', code: 'insecure-url', ...checkWords(refusedText(problem)) });
      const run = queue.then(() => leasedCheck(url));
      queue = run.catch(() => undefined);
      return run;
    },

    /**
     * At background start, before any check: a lease left in storage is a check the browser stopped. It is
     * recorded as interrupted (so the options page does not wait for it) and the lease is cleared.
     */
    recoverInterrupted(): Promise<CheckRecord | null> {
      const run = queue.then(async () => {
        const stale = await takeStaleLease(deps.store);
        if (!stale) return null;
        return record({
          url: stale.url,
          result: 'failed',
          code: 'interrupted',
          ...checkWords(failedText({ key: 'updateInterrupted', subs: [stale.startedAt] })),
        });
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

export type Updater = ReturnType<typeof createUpdater>;
