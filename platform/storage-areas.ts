/**
 * The extension's storage areas as KeyValueStores, and typed reads and writes of stored items (lib/storage-item.ts).
 * Apart from platform/storage.ts (settings, policy) so the content script loads no settings schema (issue 17).
 */
import { type KeyValueStore, readItem, type StorageArea, type StorageItem, writeItem } from '../lib/storage-item';

const storeOf = (area: typeof browser.storage.local): KeyValueStore => ({
  get: async (key) => (await area.get(key))[key],
  set: (entries) => area.set(entries),
});

const AREAS: Record<StorageArea, KeyValueStore> = {
  local: storeOf(browser.storage.local),
  session: storeOf(browser.storage.session),
};

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
