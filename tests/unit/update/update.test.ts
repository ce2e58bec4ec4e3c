/**
 * Signed updates: every refusal path keeps the last good list, an accepted update survives a crash between its two
 * writes, unchanged lists cost one conditional request, and the bundled list is the floor.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { RELEASE_KEYS, TEST_KEY, trustedKeys } from '../../../lib/update/keys';
import { signList } from '../../../lib/update/sign';
import {
  createUpdater,
  type KeyValueStore,
  nextCheckTime,
  readActiveList,
  STORAGE_KEYS,
  updateUrlProblem,
} from '../../../lib/update/updater';
import { verifyListUpdate } from '../../../lib/update/verify';
import { loadWatchlist, type Watchlist } from '../../../lib/watchlist/index';

const bundled = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);
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
    expect(verdict).toEqual({ ok: false, code: 'bad-signature', message: 'refused: signature does not match' });
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
    store.failOnKey = STORAGE_KEYS.pointer;
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
    expect(updateUrlProblem('http://lists.example.org/w.json')).toMatch(/https/);
    expect(updateUrlProblem('http://127.0.0.1:8080/w.json')).toMatch(/https/);
    expect(updateUrlProblem('http://127.0.0.1:8080/w.json', true)).toBeNull();
    expect(updateUrlProblem('https://lists.example.org/w.json')).toBeNull();
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
    const { EMPTY_LIST, mergeOrganisationLists, namespacedStore } = await import('../../../lib/update/organisation');
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
    expect(await store.get(STORAGE_KEYS.pointer)).toBeUndefined();
    const installed = await readActiveList(orgStore, EMPTY_LIST, NOW);
    const merged = mergeOrganisationLists(bundled, [{ label: 'Example Council', list: installed.list }]);
    const acme = merged.vendors.find((v) => v.id === 'org-example-council-acme')!;
    expect(acme).toMatchObject({ name: 'Acme (Example Council)', userEntry: true });
    // Listings that point at the main list's measures keep pointing there.
    expect(acme.listings.map((l) => l.measure)).toContain('us-fcc-covered-list');
    expect(merged.vendors.length).toBe(bundled.vendors.length + 1);
  });
});
