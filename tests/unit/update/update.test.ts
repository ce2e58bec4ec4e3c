/**
 * Signed updates: every refusal path keeps the last good list, an accepted update survives a crash between its two
 * writes, unchanged lists cost one conditional request, and the bundled list is the floor.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { type KeyValueStore, STORAGE } from '../../../lib/storage';
import { RELEASE_KEYS, TEST_KEY, trustedKeys } from '../../../lib/update/keys';
import { signList } from '../../../lib/update/sign';
import { createUpdater, nextCheckTime, readActiveList, updateUrlProblemText } from '../../../lib/update/updater';
import { verifyListUpdate } from '../../../lib/update/verify';
import { loadWatchlist, type Watchlist } from '../../../lib/watchlist/index';

// The bundled list as version 1, so the version numbers below stay meaningful whatever the published version is.
const published = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);
const bundled: Watchlist = { ...published, meta: { ...published.meta, version: 1 } };
const testSecret = readFileSync(new URL('../../keys/test-signing.key', import.meta.url), 'utf8').trim();
const keys = [TEST_KEY];
const NOW = new Date('2026-12-01T00:00:00Z');
const URL_ = 'https://lists.example.org/watchlist.json';

function listWith(version: number, changes: Partial<Watchlist['meta']> = {}): Watchlist {
  return { ...structuredClone(bundled), meta: { ...bundled.meta, version, ...changes } };
}
const bytes = (list: unknown) => new TextEncoder().encode(JSON.stringify(list));
async function signed(list: unknown) {
  const body = bytes(list);
  return { body, signature: JSON.stringify(await signList(body, testSecret, TEST_KEY.keyId)) };
}

class MemoryStore implements KeyValueStore {
  data = new Map<string, unknown>();
  failOnKey: string | null = null;
  async get(key: string) {
    return structuredClone(this.data.get(key));
  }
  async set(entries: Record<string, unknown>) {
    for (const [key, value] of Object.entries(entries)) {
      if (key === this.failOnKey) throw new Error('service worker stopped');
      this.data.set(key, structuredClone(value));
    }
  }
}

/** A tiny update server: serves a body and its signature, honours If-None-Match. */
function server(files: { body: Uint8Array; signature: string | null; etag?: string }) {
  const requests: Array<{ url: string; ifNoneMatch?: string }> = [];
  const fetch = async (url: string, init?: RequestInit) => {
    const ifNoneMatch = (init?.headers as Record<string, string> | undefined)?.['If-None-Match'];
    requests.push({ url, ifNoneMatch });
    if (url.endsWith('.sig'))
      return files.signature ? new Response(files.signature) : new Response('', { status: 404 });
    if (files.etag && ifNoneMatch === files.etag) return new Response(null, { status: 304 });
    return new Response(files.body as BodyInit, { headers: files.etag ? { etag: files.etag } : {} });
  };
  return { fetch, requests };
}

describe('verifyListUpdate refuses', () => {
  it('a list over the size cap, before checking anything else', async () => {
    const { body, signature } = await signed(listWith(2));
    const verdict = await verifyListUpdate({ body, signature, keys, current: bundled.meta, now: NOW, maxBytes: 100 });
    expect(verdict).toMatchObject({ ok: false, code: 'too-large' });
  });

  it('an unsigned list', async () => {
    const verdict = await verifyListUpdate({
      body: bytes(listWith(2)),
      signature: null,
      keys,
      current: bundled.meta,
      now: NOW,
    });
    expect(verdict).toMatchObject({ ok: false, code: 'unsigned' });
  });

  it('a list signed with a key the extension does not trust', async () => {
    const { body, signature } = await signed(listWith(2));
    const verdict = await verifyListUpdate({ body, signature, keys: RELEASE_KEYS, current: bundled.meta, now: NOW });
    expect(verdict).toMatchObject({ ok: false, code: 'unknown-key' });
  });

  it('a tampered list (one byte changed after signing)', async () => {
    const { body, signature } = await signed(listWith(2));
    const tampered = new TextEncoder().encode(new TextDecoder().decode(body).replace('"Hikvision"', '"Hikvisiom"'));
    const verdict = await verifyListUpdate({ body: tampered, signature, keys, current: bundled.meta, now: NOW });
    expect(verdict).toMatchObject({ ok: false, code: 'bad-signature', message: 'refused: signature does not match' });
  });

  it('a signed list that is not JSON, or does not match the schema', async () => {
    const notJson = new TextEncoder().encode('<html>captive portal</html>');
    const sigNotJson = JSON.stringify(await signList(notJson, testSecret, TEST_KEY.keyId));
    expect(
      await verifyListUpdate({ body: notJson, signature: sigNotJson, keys, current: null, now: NOW }),
    ).toMatchObject({ code: 'invalid-json' });
    const { body, signature } = await signed({ ...listWith(2), vendors: [{ id: 'Not A Slug' }] });
    expect(await verifyListUpdate({ body, signature, keys, current: null, now: NOW })).toMatchObject({
      code: 'invalid-schema',
    });
  });

  it('an older or equal version (no rollback)', async () => {
    const { body, signature } = await signed(listWith(1));
    const verdict = await verifyListUpdate({
      body,
      signature,
      keys,
      current: { ...bundled.meta, version: 5 },
      now: NOW,
    });
    expect(verdict).toMatchObject({ ok: false, code: 'not-newer' });
    if (!verdict.ok) expect(verdict.message).toBe('refused: version 1 is not newer than the list in use (version 5)');
  });

  it('an expired list', async () => {
    const { body, signature } = await signed(listWith(2, { expiresAt: '2026-11-30T00:00:00Z' }));
    expect(await verifyListUpdate({ body, signature, keys, current: bundled.meta, now: NOW })).toMatchObject({
      code: 'expired',
    });
  });

  it('accepts a valid newer signed list', async () => {
    const { body, signature } = await signed(listWith(2));
    const verdict = await verifyListUpdate({ body, signature, keys, current: bundled.meta, now: NOW });
    expect(verdict.ok && verdict.list.meta.version).toBe(2);
  });
});

describe('updater', () => {
  let store: MemoryStore;
  beforeEach(() => {
    store = new MemoryStore();
  });
  const updater = (fetch: ReturnType<typeof server>['fetch']) =>
    createUpdater({ fetch, store, now: () => NOW, keys, bundled });

  it('installs a valid update and keeps it in force', async () => {
    const check = await updater(server(await signed(listWith(2))).fetch).checkNow(URL_);
    expect(check).toMatchObject({ result: 'updated', version: 2, message: 'updated to version 2' });
    const active = await readActiveList(store, bundled, NOW);
    expect(active).toMatchObject({ source: 'update' });
    expect(active.list.meta.version).toBe(2);
  });

  it('keeps the last good list after every kind of refusal, and says why', async () => {
    await updater(server(await signed(listWith(2))).fetch).checkNow(URL_);
    const good = await signed(listWith(3));
    const tampered = {
      body: new TextEncoder().encode(new TextDecoder().decode(good.body).replace('Dahua', 'Dahub')),
      signature: good.signature,
    };
    const messages: string[] = [];
    for (const files of [tampered, { body: good.body, signature: null }, await signed(listWith(1))]) {
      const check = await updater(server(files).fetch).checkNow(URL_);
      expect(check.result).toBe('refused');
      messages.push((await updater(server(files).fetch).lastCheck())!.message);
      expect((await readActiveList(store, bundled, NOW)).list.meta.version).toBe(2);
    }
    expect(messages).toEqual([
      'refused: signature does not match',
      'refused: the list has no signature',
      'refused: version 1 is not newer than the list in use (version 2)',
    ]);
  });

  it('survives a stop between writing the list and switching the pointer', async () => {
    await updater(server(await signed(listWith(2))).fetch).checkNow(URL_);
    store.failOnKey = STORAGE.watchlistPointer.key;
    await expect(updater(server(await signed(listWith(3))).fetch).checkNow(URL_)).rejects.toThrow(
      'service worker stopped',
    );
    const active = await readActiveList(store, bundled, NOW);
    expect(active.list.meta.version).toBe(2);
  });

  it('sends If-None-Match and treats 304 as unchanged', async () => {
    const files = { ...(await signed(listWith(2))), etag: '"v2"' };
    const updateServer = server(files);
    await updater(updateServer.fetch).checkNow(URL_);
    const second = await updater(updateServer.fetch).checkNow(URL_);
    expect(second.result).toBe('unchanged');
    expect(updateServer.requests.at(-1)).toEqual({ url: URL_, ifNoneMatch: '"v2"' });
    // Unchanged costs one request: no signature download.
    expect(updateServer.requests.filter((r) => r.url.endsWith('.sig'))).toHaveLength(1);
  });

  it('treats the bundled list as the floor', async () => {
    await updater(server(await signed(listWith(2))).fetch).checkNow(URL_);
    const newerBundle = listWith(7);
    expect((await readActiveList(store, newerBundle, NOW)).source).toBe('bundled');
    // An update that has since expired is dropped in favour of the bundled list.
    expect((await readActiveList(store, bundled, new Date('2030-01-01T00:00:00Z'))).source).toBe('bundled');
  });

  it('refuses plain http except loopback in test builds', async () => {
    expect(updateUrlProblemText('http://lists.example.org/w.json')).toEqual({ key: 'updateNotHttps' });
    expect(updateUrlProblemText('http://127.0.0.1:8080/w.json')).toEqual({ key: 'updateNotHttps' });
    expect(updateUrlProblemText('http://127.0.0.1:8080/w.json', true)).toBeNull();
    expect(updateUrlProblemText('https://lists.example.org/w.json')).toBeNull();
    expect(updateUrlProblemText('not an address')).toEqual({ key: 'updateInvalidUrl' });
    const check = await updater(server(await signed(listWith(2))).fetch).checkNow('http://lists.example.org/w.json');
    expect(check).toMatchObject({ result: 'refused', code: 'insecure-url' });
  });

  it('records a network failure without touching the list', async () => {
    const failing = async () => {
      throw new TypeError('Failed to fetch');
    };
    const check = await createUpdater({ fetch: failing, store, now: () => NOW, keys, bundled }).checkNow(URL_);
    expect(check).toMatchObject({ result: 'failed', code: 'network' });
    expect((await readActiveList(store, bundled, NOW)).source).toBe('bundled');
  });
});

describe('keys and scheduling', () => {
  it('trusts the test key only when asked (test builds)', () => {
    expect(trustedKeys({ includeTestKey: false }).map((k) => k.keyId)).not.toContain(TEST_KEY.keyId);
    expect(trustedKeys({ includeTestKey: true }).map((k) => k.keyId)).toContain(TEST_KEY.keyId);
  });

  it('spreads checks around the interval with jitter', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const early = nextCheckTime(from, 24, 0).getTime() - from.getTime();
    const late = nextCheckTime(from, 24, 1).getTime() - from.getTime();
    expect(early).toBeCloseTo(24 * 3_600_000 * 0.9, -3);
    expect(late).toBeCloseTo(24 * 3_600_000 * 1.1, -3);
  });
});

describe('organisation lists', () => {
  it('are verified with the organisation key, kept in their own namespace, and merged labelled', async () => {
    const { createUpdater, readActiveList } = await import('../../../lib/update/updater');
    const { EMPTY_LIST, mergeOrganisationLists } = await import('../../../lib/update/organisation');
    const { namespacedStore } = await import('../../../lib/storage');
    const store = new MemoryStore();
    const orgStore = namespacedStore(store, 'org:council');
    const orgList = {
      ...listWith(4),
      vendors: [{ ...bundled.vendors.find((v) => v.id === 'dahua')!, id: 'acme', name: 'Acme' }],
      measures: [],
    };
    const files = await signed(orgList);
    const org = createUpdater({
      fetch: server(files).fetch,
      store: orgStore,
      now: () => NOW,
      keys: [{ ...TEST_KEY, keyId: TEST_KEY.keyId }],
      bundled: EMPTY_LIST,
    });
    expect((await org.checkNow(URL_)).result).toBe('updated');
    // The main list's records are untouched.
    expect(await store.get(STORAGE.watchlistPointer.key)).toBeUndefined();
    const installed = await readActiveList(orgStore, EMPTY_LIST, NOW);
    const merged = mergeOrganisationLists(bundled, [{ label: 'Example Council', list: installed.list }]);
    const acme = merged.vendors.find((v) => v.id === 'org-example-council-acme')!;
    expect(acme).toMatchObject({ name: 'Acme (Example Council)', userEntry: true });
    // Listings that point at the main list's measures keep pointing there.
    expect(acme.listings.map((l) => l.measure)).toContain('us-fcc-covered-list');
    expect(merged.vendors.length).toBe(bundled.vendors.length + 1);
  });
});

describe('key rotation', () => {
  it('accepts a list signed by the second of two trusted keys, and refuses it when only the first is trusted', async () => {
    const ed = await import('@noble/ed25519');
    const { toBase64 } = await import('../../../lib/update/encoding');
    const { secretKey, publicKey } = await ed.keygenAsync();
    const next = { keyId: 'vw-next', publicKey: toBase64(publicKey), label: 'next release key' };
    const body = bytes(listWith(2));
    const signature = JSON.stringify(await signList(body, toBase64(secretKey), next.keyId));
    const both = [TEST_KEY, next];
    const verdict = await verifyListUpdate({ body, signature, keys: both, current: bundled.meta, now: NOW });
    expect(verdict.ok && verdict.list.meta.version).toBe(2);
    expect(
      await verifyListUpdate({ body, signature, keys: [TEST_KEY], current: bundled.meta, now: NOW }),
    ).toMatchObject({ ok: false, code: 'unknown-key' });
    // The new key's id with the old key's public key: the signature must match the key named, not any trusted one.
    const swapped = [TEST_KEY, { ...next, publicKey: TEST_KEY.publicKey }];
    expect(await verifyListUpdate({ body, signature, keys: swapped, current: bundled.meta, now: NOW })).toMatchObject({
      ok: false,
      code: 'bad-signature',
    });
    // And through the updater, with both keys trusted as a rotating release would.
    const store = new MemoryStore();
    const check = await createUpdater({
      fetch: server({ body, signature }).fetch,
      store,
      now: () => NOW,
      keys: both,
      bundled,
    }).checkNow(URL_);
    expect(check).toMatchObject({ result: 'updated', version: 2 });
  });
});

describe('not newer, and the same list again', () => {
  let store: MemoryStore;
  beforeEach(() => {
    store = new MemoryStore();
  });
  const updater = (fetch: ReturnType<typeof server>['fetch']) =>
    createUpdater({ fetch, store, now: () => NOW, keys, bundled });

  it('refuses an older list (lower version than the one in use) with the reason, and keeps the newer one', async () => {
    await updater(server(await signed(listWith(3))).fetch).checkNow(URL_);
    const check = await updater(server(await signed(listWith(2))).fetch).checkNow(URL_);
    expect(check).toMatchObject({
      result: 'refused',
      code: 'not-newer',
      message: 'refused: version 2 is not newer than the list in use (version 3)',
    });
    expect((await readActiveList(store, bundled, NOW)).list.meta.version).toBe(3);
  });

  it('refuses a different list that reuses the version in use', async () => {
    await updater(server(await signed(listWith(3))).fetch).checkNow(URL_);
    const other = { ...listWith(3), vendors: listWith(3).vendors.slice(1) };
    const check = await updater(server(await signed(other)).fetch).checkNow(URL_);
    expect(check).toMatchObject({ result: 'refused', code: 'not-newer' });
    expect((await readActiveList(store, bundled, NOW)).list.vendors).toHaveLength(bundled.vendors.length);
  });

  it('after a stop between switching the pointer and saving the ETag, reports the same list as unchanged', async () => {
    const files = { ...(await signed(listWith(2))), etag: '"v2"' };
    const updateServer = server(files);
    store.failOnKey = STORAGE.etags.key;
    await expect(updater(updateServer.fetch).checkNow(URL_)).rejects.toThrow('service worker stopped');
    // The pointer was switched: the new list is in force, but no ETag was kept.
    expect((await readActiveList(store, bundled, NOW)).list.meta.version).toBe(2);
    expect(await store.get(STORAGE.etags.key)).toBeUndefined();
    store.failOnKey = null;

    const again = await updater(updateServer.fetch).checkNow(URL_);
    expect(updateServer.requests.at(-2)).toEqual({ url: URL_, ifNoneMatch: undefined });
    expect(again).toMatchObject({ result: 'unchanged', message: 'no change: version 2 is current' });
    expect(again.code).toBeUndefined();
    // The ETag is saved now, so the next check is a conditional request again.
    expect(await store.get(STORAGE.etags.key)).toEqual({ [URL_]: '"v2"' });
    expect((await updater(updateServer.fetch).checkNow(URL_)).result).toBe('unchanged');
    expect(updateServer.requests.at(-1)).toEqual({ url: URL_, ifNoneMatch: '"v2"' });
  });

  it('reports a server that serves the bundled list as unchanged, not refused', async () => {
    const check = await updater(server(await signed(bundled)).fetch).checkNow(URL_);
    expect(check).toMatchObject({
      result: 'unchanged',
      message: `no change: version ${bundled.meta.version} is current`,
    });
    expect((await readActiveList(store, bundled, NOW)).source).toBe('bundled');
  });
});

/** A body that arrives chunk by chunk, without Content-Length, counting how much of it was pulled. */
function streamedBody(chunks: Uint8Array[]) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = chunks[state.pulled];
        if (!chunk) return controller.close();
        state.pulled++;
        controller.enqueue(chunk);
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}
const chunked = (body: Uint8Array, size: number) =>
  Array.from({ length: Math.ceil(body.byteLength / size) }, (_, i) => body.slice(i * size, (i + 1) * size));

describe('size cap while downloading', () => {
  it('refuses on Content-Length alone, without reading the body or fetching the signature', async () => {
    const { stream, state } = streamedBody(chunked(new Uint8Array(10_000), 1000));
    const requests: string[] = [];
    const fetch = async (url: string) => {
      requests.push(url);
      return new Response(stream, { headers: { 'content-length': '10000' } });
    };
    const store = new MemoryStore();
    const check = await createUpdater({ fetch, store, now: () => NOW, keys, bundled, maxBytes: 2500 }).checkNow(URL_);
    expect(check).toMatchObject({
      result: 'refused',
      code: 'too-large',
      message: 'refused: the list is 10000 bytes, more than the 2500-byte limit',
    });
    expect(state.pulled).toBe(0);
    expect(state.cancelled).toBe(true);
    expect(requests).toEqual([URL_]);
  });

  it('without Content-Length, stops reading as soon as the body passes the cap', async () => {
    const { stream, state } = streamedBody(chunked(new Uint8Array(100_000), 1000));
    const requests: string[] = [];
    const fetch = async (url: string) => {
      requests.push(url);
      return new Response(stream);
    };
    const store = new MemoryStore();
    const check = await createUpdater({ fetch, store, now: () => NOW, keys, bundled, maxBytes: 2500 }).checkNow(URL_);
    expect(check).toMatchObject({
      result: 'refused',
      code: 'too-large',
      message: 'refused: the list is larger than the 2500-byte limit (stopped reading after 3000 bytes)',
    });
    // Three chunks of a hundred were read, then the download was cancelled; the signature was never fetched.
    expect(state.pulled).toBe(3);
    expect(state.cancelled).toBe(true);
    expect(requests).toEqual([URL_]);
    expect((await readActiveList(store, bundled, NOW)).source).toBe('bundled');
  });

  it('a lying Content-Length does not get past the count', async () => {
    const { stream, state } = streamedBody(chunked(new Uint8Array(100_000), 1000));
    const fetch = async () => new Response(stream, { headers: { 'content-length': '100' } });
    const check = await createUpdater({
      fetch,
      store: new MemoryStore(),
      now: () => NOW,
      keys,
      bundled,
      maxBytes: 2500,
    }).checkNow(URL_);
    expect(check).toMatchObject({ result: 'refused', code: 'too-large' });
    expect(state.pulled).toBe(3);
  });

  it('installs a streamed list under the cap', async () => {
    const files = await signed(listWith(2));
    const { stream, state } = streamedBody(chunked(files.body, 4096));
    const fetch = async (url: string) => (url.endsWith('.sig') ? new Response(files.signature) : new Response(stream));
    const store = new MemoryStore();
    const check = await createUpdater({ fetch, store, now: () => NOW, keys, bundled }).checkNow(URL_);
    expect(check).toMatchObject({ result: 'updated', version: 2 });
    expect(state.pulled).toBe(Math.ceil(files.body.byteLength / 4096));
  });

  it('refuses an oversized signature file without reading it all', async () => {
    const files = await signed(listWith(2));
    const { stream, state } = streamedBody(chunked(new Uint8Array(1_000_000), 1000));
    const fetch = async (url: string) =>
      url.endsWith('.sig') ? new Response(stream) : new Response(files.body as BodyInit);
    const check = await createUpdater({ fetch, store: new MemoryStore(), now: () => NOW, keys, bundled }).checkNow(
      URL_,
    );
    expect(check).toMatchObject({ result: 'refused', code: 'unsigned' });
    expect(state.pulled).toBeLessThan(20);
  });

  it('records a connection lost mid-download as a network failure', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(10));
        controller.error(new TypeError('network connection was lost'));
      },
    });
    const check = await createUpdater({
      fetch: async () => new Response(stream),
      store: new MemoryStore(),
      now: () => NOW,
      keys,
      bundled,
    }).checkNow(URL_);
    expect(check).toMatchObject({
      result: 'failed',
      code: 'network',
      message: expect.stringMatching(/connection was lost/),
    });
  });

  it('falls back to reading the whole body when there is no stream, and still applies the cap', async () => {
    const { readCappedBody } = await import('../../../lib/update/body');
    const noStream = (size: number) =>
      ({ body: null, arrayBuffer: async () => new ArrayBuffer(size) }) as unknown as Response;
    expect(await readCappedBody(noStream(3000), 2500)).toEqual({ ok: false, why: 'too-large', bytesRead: 3000 });
    const small = await readCappedBody(noStream(2000), 2500);
    expect(small.ok && small.body.byteLength).toBe(2000);
    // Exactly at the cap is allowed; an empty body is fine.
    const exact = await readCappedBody(new Response(new Uint8Array(2500)), 2500);
    expect(exact.ok && exact.body.byteLength).toBe(2500);
    expect(await readCappedBody(new Response(null), 2500)).toEqual({ ok: true, body: new Uint8Array(0) });
  });
});
