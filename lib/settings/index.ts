/**
 * User settings and the organisation policy that can override and lock them (browser enterprise policy through
 * managed storage). One schema validates storage, imports and policy, so a broken file never half-applies.
 */
import { z } from 'zod';
import { jurisdictionCode, vendorSchema, type Watchlist } from '../watchlist/schema';

export const SETTINGS_KEY = 'settings';

export const sensitivitySchema = z.enum(['strict', 'balanced', 'broad']);
export const profileSchema = z.enum(['uk-public', 'us-federal', 'au-government', 'tw-government', 'consumer']);
export type Profile = z.infer<typeof profileSchema>;

/** A hostname such as "www.amazon.co.uk" (lower case, no scheme or path). */
const hostname = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9.-]+$/, 'must be a site name such as www.example.com'));

export const settingsSchema = z.object({
  profile: profileSchema.default('consumer'),
  /** Jurisdictions that matter to the user: their measures come first; warnings with none of them are quiet. */
  jurisdictions: z.array(jurisdictionCode).default([]),
  /** Where VendorWatch runs: everywhere, or only on the listed sites. */
  siteMode: z.enum(['everywhere', 'listed']).default('everywhere'),
  allowedSites: z.array(hostname).default([]),
  /** Sites where the user paused VendorWatch. */
  pausedSites: z.array(hostname).default([]),
  /** The user's or organisation's own vendors, validated with the watchlist schema and marked "your entry". */
  userEntries: z.array(vendorSchema).default([]),
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
    jurisdictions: z.array(jurisdictionCode),
    lockedSettings: z.array(z.string()),
    /** The organisation's own signed lists, merged on top of the VendorWatch list. */
    extraLists: z.array(
      z.object({ url: z.string(), keyId: z.string().min(1), publicKey: z.string().min(40), label: z.string().min(1) }),
    ),
  })
  .partial();
export type Policy = z.infer<typeof policySchema>;

export interface EffectiveSettings {
  settings: Settings;
  /** Settings the user may not change (set by the organisation). */
  locked: Set<SettingKey>;
  /** Organisation lists from policy. */
  extraLists: NonNullable<Policy['extraLists']>;
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
  return { settings, locked, extraLists: policy.extraLists ?? [] };
}

/** Whether VendorWatch should scan pages of `host` with these settings. */
export function runsOn(settings: Settings, host: string): boolean {
  const matches = (site: string) => host === site || host.endsWith(`.${site}`);
  if (settings.pausedSites.some(matches)) return false;
  return settings.siteMode === 'everywhere' || settings.allowedSites.some(matches);
}

/** The list with the user's own entries added; their ids are prefixed so they never collide with the list's. */
export function withUserEntries(list: Watchlist, settings: Settings): Watchlist {
  if (settings.userEntries.length === 0) return list;
  const own = settings.userEntries.map((vendor) => ({
    ...vendor,
    id: `user-${vendor.id}`,
    name: `${vendor.name} (your entry)`,
    userEntry: true,
  }));
  return { ...list, vendors: [...list.vendors, ...own] };
}

export const SETTINGS_FILE_FORMAT = 'vendorwatch-settings';

/** The settings as a JSON file a user can keep or share with colleagues. */
export function exportSettings(settings: Settings): string {
  return `${JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 1, settings }, null, 2)}\n`;
}

/** Reads an exported settings file. A broken file gives a clear error and nothing else happens. */
export function parseSettingsImport(text: string): { ok: true; settings: Settings } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'This file is not valid JSON, so nothing was changed.' };
  }
  const envelope = z
    .object({ format: z.literal(SETTINGS_FILE_FORMAT), version: z.literal(1), settings: z.unknown() })
    .safeParse(json);
  if (!envelope.success)
    return { ok: false, error: 'This is not a VendorWatch settings file, so nothing was changed.' };
  const parsed = settingsSchema.safeParse(envelope.data.settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      ok: false,
      error: `The setting "${issue.path.join('.')}" is invalid (${issue.message}), so nothing was changed.`,
    };
  }
  return { ok: true, settings: parsed.data };
}
