/** Shared by the update tests: a version-1 copy of the bundled list, signing with the test key, a memory store. */
import { readFileSync } from 'node:fs';
import type { KeyValueStore } from '../../../lib/storage';
import { TEST_KEY } from '../../../lib/update/keys';
import { signList } from '../../../lib/update/sign';
import { loadWatchlist, type Watchlist } from '../../../lib/watchlist/index';

const published = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);
/** The bundled list as version 1, so the version numbers in tests stay meaningful whatever is published. */
export const bundled: Watchlist = { ...published, meta: { ...published.meta, version: 1 } };
const testSecret = readFileSync(new URL('../../keys/test-signing.key', import.meta.url), 'utf8').trim();
export const keys = [TEST_KEY];
export const NOW = new Date('2026-12-01T00:00:00Z');

export function listWith(version: number): Watchlist {
  return { ...structuredClone(bundled), meta: { ...bundled.meta, version } };
}

/** The list's bytes and its signature file's text. */
export async function signed(list: unknown): Promise<{ body: Uint8Array; signature: string }> {
  const body = new TextEncoder().encode(JSON.stringify(list));
  return { body, signature: JSON.stringify(await signList(body, testSecret, TEST_KEY.keyId)) };
}

export class MemoryStore implements KeyValueStore {
  data = new Map<string, unknown>();
  async get(key: string) {
    return structuredClone(this.data.get(key));
  }
  async set(entries: Record<string, unknown>) {
    for (const [key, value] of Object.entries(entries)) this.data.set(key, structuredClone(value));
  }
}

/** A promise and the function that settles it. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
