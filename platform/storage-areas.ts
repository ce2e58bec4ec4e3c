/**
 * The extension's storage areas as KeyValueStores, and typed reads and writes of stored items (lib/storage-item.ts).
 * Apart from platform/storage.ts (settings, policy) so the content script loads no settings schema (issue 17).
 */
import { type KeyValueStore, readItem, type StorageArea, type StorageItem, writeItem } from '../lib/storage-item';

// The area is looked up at each use, not when the module is evaluated: the polyfill wraps each namespace on first
// access, and the content script, which loads into every page, never uses the session area (issue 17).
const storeOf = (area: StorageArea): KeyValueStore => ({
  get: async (key) => (await browser.storage[area].get(key))[key],
  set: (entries) => browser.storage[area].set(entries),
});

const AREAS: Record<StorageArea, KeyValueStore> = { local: storeOf('local'), session: storeOf('session') };

export const localStore = AREAS.local;

export function getItem<T>(item: StorageItem<T>): Promise<T> {
  return readItem(AREAS[item.area], item);
}

export function setItem<T>(item: StorageItem<T>, value: T): Promise<void> {
  return writeItem(AREAS[item.area], item, value);
}

export function removeItems(area: StorageArea, keys: string[]): Promise<void> {
  return browser.storage[area].remove(keys);
}
