/**
 * Browser glue shared by the extension's parts: the local key-value store the pure modules write through, and the
 * settings in effect (the user's, with the organisation's policy from managed storage applied).
 */
import { applyPolicy, type EffectiveSettings, readSettings, SETTINGS_KEY, type Settings } from '../lib/settings/index';
import type { KeyValueStore } from '../lib/update/updater';

export const localStore: KeyValueStore = {
  get: async (key) => (await browser.storage.local.get(key))[key],
  set: (entries) => browser.storage.local.set(entries),
};

export async function readUserSettings(): Promise<Settings> {
  return readSettings(await localStore.get(SETTINGS_KEY));
}

export async function saveUserSettings(settings: Settings): Promise<void> {
  await localStore.set({ [SETTINGS_KEY]: settings });
}

/** Managed storage exists only where an administrator set a policy; elsewhere reading it may throw. */
async function readPolicy(): Promise<unknown> {
  try {
    return await browser.storage.managed.get(null);
  } catch {
    return {};
  }
}

export async function effectiveSettings(): Promise<EffectiveSettings> {
  const [user, policy] = await Promise.all([readUserSettings(), readPolicy()]);
  return applyPolicy(user, policy);
}
