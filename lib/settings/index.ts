/**
 * User settings and the organisation policy that can override and lock them (browser enterprise policy through
 * managed storage). One schema validates storage, imports and policy, so a broken file never half-applies.
 */
import { z } from 'zod';

export const SETTINGS_KEY = 'settings';

export const sensitivitySchema = z.enum(['strict', 'balanced', 'broad']);
export const profileSchema = z.enum(['uk-public', 'us-federal', 'au-government', 'tw-government', 'consumer']);
export type Profile = z.infer<typeof profileSchema>;

export const settingsSchema = z.object({
  profile: profileSchema.default('consumer'),
  sensitivity: sensitivitySchema.default('balanced'),
  /** HTTPS address of the signed watchlist; empty means automatic updates are off. */
  updateUrl: z.string().default(''),
  updateIntervalHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
});
export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/** What an administrator can set through Chrome enterprise policy or Firefox policies.json. */
export const policySchema = z
  .object({
    updateUrl: z.string(),
    updateIntervalHours: z.number().int().min(1),
    sensitivity: sensitivitySchema,
    profile: profileSchema,
    lockedSettings: z.array(z.string()),
  })
  .partial();
export type Policy = z.infer<typeof policySchema>;

export interface EffectiveSettings {
  settings: Settings;
  /** Settings the user may not change (set by the organisation). */
  locked: Set<SettingKey>;
}

/** Reads stored settings field by field: one bad field falls back to its default instead of losing the rest. */
export function readSettings(stored: unknown): Settings {
  const input = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const settings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(settingsSchema.shape) as SettingKey[]) {
    const field = settingsSchema.shape[key].safeParse(input[key]);
    if (field.success && input[key] !== undefined) (settings as Record<string, unknown>)[key] = field.data;
  }
  return settings;
}

/** Policy values win over the user's, and every setting the policy gives is locked with the listed ones. */
export function applyPolicy(user: Settings, rawPolicy: unknown): EffectiveSettings {
  const parsed = policySchema.safeParse(rawPolicy ?? {});
  const policy: Policy = parsed.success ? parsed.data : {};
  const settings = { ...user };
  const locked = new Set<SettingKey>();
  for (const key of Object.keys(settingsSchema.shape) as SettingKey[]) {
    const value = policy[key as keyof Policy];
    if (value !== undefined) {
      (settings as Record<string, unknown>)[key] = value;
      locked.add(key);
    }
  }
  for (const key of policy.lockedSettings ?? []) if (key in settingsSchema.shape) locked.add(key as SettingKey);
  return { settings, locked };
}
