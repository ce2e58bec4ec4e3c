/**
 * Browser glue for lib/storage: the extension's storage areas as KeyValueStores, typed reads and writes of the
 * items lib/storage defines, and the settings in effect (the user's, with the organisation's policy from managed
 * storage applied).
 */
import { applyPolicy, type EffectiveSettings, keepLocked, type SettingKey, type Settings } from '../lib/settings/index';
import { type Dismissal, decodeItem, STORAGE, SUPPRESSIONS_PREFIX } from '../lib/storage';
import { readManagedStorage } from './quirks/managed-storage';
import { getItem, setItem } from './storage-areas';

export { getItem, localStore, removeItems, setItem } from './storage-areas';

export function readUserSettings(): Promise<Settings> {
  return getItem(STORAGE.settings);
}

/**
 * Saves the user's settings, except those the organisation locks, which keep their stored value (keepLocked).
 * Resolves to the locked settings the caller asked to change and that were left unchanged. A failed write (the
 * storage quota) rejects and leaves the stored settings as they were.
 */
export async function saveUserSettings(settings: Settings): Promise<SettingKey[]> {
  const [stored, policy] = await Promise.all([readUserSettings(), readManagedStorage()]);
  const { settings: allowed, unchanged } = keepLocked(stored, settings, applyPolicy(stored, policy, POLICY_OPTIONS));
  await setItem(STORAGE.settings, allowed);
  return unchanged;
}

/** The end-to-end build's test servers are http on 127.0.0.1 (as the updater allows there); release builds never. */
const POLICY_OPTIONS = { allowLoopbackHttp: import.meta.env.MODE === 'e2e' };

/** The settings in effect: the user's with the organisation's policy applied (read now, unless the caller has it). */
export async function effectiveSettings(policy?: unknown): Promise<EffectiveSettings> {
  const [user, managed] = await Promise.all([readUserSettings(), policy ?? readManagedStorage()]);
  return applyPolicy(user, managed, POLICY_OPTIONS);
}

/** Every site's dismissals (the keys `suppressions:<site>`), each list validated like any stored item. */
export async function allDismissals(): Promise<Array<[string, Dismissal[]]>> {
  const everything = await browser.storage.local.get(null);
  return Object.entries(everything)
    .filter(([key]) => key.startsWith(SUPPRESSIONS_PREFIX))
    .map(([key, raw]) => {
      const site = key.slice(SUPPRESSIONS_PREFIX.length);
      return [site, decodeItem(STORAGE.suppressions(site), raw)];
    });
}
