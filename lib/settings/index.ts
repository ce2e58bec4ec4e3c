/**
 * User settings and the organisation policy that can override and lock them (browser enterprise policy through
 * managed storage). One schema validates storage, imports and policy, so a broken file never half-applies.
 */
import * as ed from '@noble/ed25519';
import { z } from 'zod';
import { renderText } from '../i18n/english';
import type { LocalText } from '../i18n/index';
import { DEFAULT_UPDATE_URL } from '../update/defaults';
import { type PatternProblem, withoutUnsafeRules } from '../watchlist/own-patterns';
import { jurisdictionCode, vendorSchema, type Watchlist } from '../watchlist/schema';

const sensitivitySchema = z.enum(['strict', 'balanced', 'broad']);
const profileSchema = z.enum(['uk-public', 'us-federal', 'au-government', 'tw-government', 'consumer']);
export type Profile = z.infer<typeof profileSchema>;

/** A hostname such as "www.amazon.co.uk" (lower case, no scheme or path). */
const hostname = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9.-]+$/, 'must be a site name such as www.example.com'));

export const settingsSchema = z.object({
  profile: profileSchema.default('consumer'),
  /** Where the user is (ISO code), so a consumer's warning can say whether it is legal to buy there; '' unknown. */
  country: z.union([jurisdictionCode, z.literal('')]).default(''),
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
  /**
   * HTTPS address of the signed watchlist; empty means automatic updates are off. Release builds start with the
   * project's publication address (lib/update/defaults.ts), so updates are on unless the user or policy says not.
   */
  updateUrl: z.string().default(DEFAULT_UPDATE_URL),
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

/**
 * Settings an administrator can set through Chrome enterprise policy or Firefox policies.json. A setting the policy
 * sets is also locked. `userEntries` is deliberately not settable: an organisation's own vendors come as a signed
 * organisation list (`extraLists`), but it can be locked (users may then not add their own entries).
 */
export const POLICY_SETTING_KEYS = [
  'updateUrl',
  'updateIntervalHours',
  'sensitivity',
  'profile',
  'country',
  'jurisdictions',
  'siteMode',
  'allowedSites',
  'pausedSites',
] as const satisfies readonly SettingKey[];
type PolicySettingKey = (typeof POLICY_SETTING_KEYS)[number];

/** List settings are read entry by entry: one bad entry is dropped, the rest still apply. */
const POLICY_LIST_ENTRIES = {
  jurisdictions: jurisdictionCode,
  allowedSites: hostname,
  pausedSites: hostname,
} satisfies Partial<Record<PolicySettingKey, z.ZodType>>;

/** An organisation's own signed list, merged on top of the VendorWatch list. */
const extraListSchema = z.object({
  url: z.string().min(1),
  keyId: z.string().min(1),
  publicKey: z.string().min(40),
  label: z.string().min(1),
});

/**
 * What is wrong with an organisation's public key, or undefined: standard base64 of 32 bytes that decode to a point
 * of the Ed25519 curve (RFC 8032 5.1.3). Checked when the policy is read, so a mistyped key is listed as a policy
 * problem instead of surfacing later as "signature does not match".
 */
export function ed25519KeyProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(trimmed) || trimmed.length % 4 !== 0) return 'is not base64';
  const bytes = Uint8Array.from(atob(trimmed), (char) => char.charCodeAt(0));
  if (bytes.length !== 32) return `is ${bytes.length} bytes, not the 32 of an Ed25519 public key`;
  try {
    ed.Point.fromBytes(bytes);
  } catch {
    return 'is not an Ed25519 public key (not a point on the curve)';
  }
  return undefined;
}

/** An address the policy may give: https, or http on this machine in the end-to-end test build only. */
function addressProblem(url: string, allowLoopbackHttp: boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a web address';
  }
  if (parsed.protocol === 'https:') return undefined;
  const loopback = parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost';
  if (parsed.protocol === 'http:' && loopback && allowLoopbackHttp) return undefined;
  return 'must be an https:// address';
}

/** extraListSchema with the address and the key checked as applyPolicy reads them. */
const organisationListSchema = (allowLoopbackHttp: boolean) =>
  extraListSchema.superRefine((list, context) => {
    const url = addressProblem(list.url, allowLoopbackHttp);
    if (url) context.addIssue({ code: 'custom', path: ['url'], message: url });
    const key = ed25519KeyProblem(list.publicKey);
    if (key) context.addIssue({ code: 'custom', path: ['publicKey'], message: key });
  });

interface PolicyOptions {
  /** Test builds only: accept http:// addresses on 127.0.0.1 / localhost (the updater allows the same). */
  allowLoopbackHttp?: boolean;
}

/** The whole policy, every field optional. applyPolicy reads it field by field with these same rules. */
export const policySchema = z
  .object({
    ...(Object.fromEntries(POLICY_SETTING_KEYS.map((key) => [key, settingsSchema.shape[key].unwrap()])) as {
      [K in PolicySettingKey]: (typeof settingsSchema.shape)[K] extends z.ZodDefault<infer T> ? T : never;
    }),
    /** Settings users may not change; the settings the policy sets are locked too. */
    lockedSettings: z.array(z.enum(Object.keys(settingsSchema.shape) as [SettingKey, ...SettingKey[]])),
    extraLists: z.array(extraListSchema),
  })
  .partial();
type Policy = z.infer<typeof policySchema>;

export interface EffectiveSettings {
  settings: Settings;
  /** Settings the user may not change (set by the organisation). */
  locked: Set<SettingKey>;
  /** Organisation lists from policy. */
  extraLists: NonNullable<Policy['extraLists']>;
  /** What was wrong with the policy, in plain words for the options page; the rest of the policy still applies. */
  problems: string[];
}

/** An object of named values as stored or set by policy (not an array), its values still to be checked. */
const plainObject = z.record(z.string(), z.unknown());

/** A setting's name, as a policy's lockedSettings gives it. */
const settingKeySchema = settingsSchema.keyof();

/** Reads stored settings field by field: one bad field falls back to its default instead of losing the rest. */
export function readSettings(stored: unknown): Settings {
  const input = plainObject.safeParse(stored).data ?? {};
  const settings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(settingsSchema.shape) as SettingKey[]) {
    const field = settingsSchema.shape[key].safeParse(input[key]);
    if (field.success && input[key] !== undefined) (settings as Record<string, unknown>)[key] = field.data;
  }
  return settings;
}

/** A policy value as an administrator would recognise it in a message. */
function shown(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  array: 'a list',
  object: 'an object',
  boolean: 'true or false',
};

/** Why a value was refused, from the first zod issue: "is not one of strict, balanced, broad". */
function whyInvalid(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join('.')} ` : '';
  switch (issue.code) {
    case 'invalid_value':
      return `${where}is not one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_type':
      return `${where}${issue.message.endsWith('received undefined') ? 'is missing' : `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`}`;
    case 'too_small':
      return issue.origin === 'number' ? `${where}must be at least ${issue.minimum}` : `${where}is too short`;
    case 'too_big':
      return issue.origin === 'number' ? `${where}must be at most ${issue.maximum}` : `${where}is too long`;
    default:
      return `${where}${issue.message}`;
  }
}

/**
 * Policy values win over the user's, and every setting the policy gives is locked with the listed ones.
 *
 * The policy is read field by field, so one mistake does not discard the rest: an invalid field is ignored and
 * reported in `problems`. A setting whose policy value is invalid is still locked (the administrator meant to
 * control it) but keeps its current value, since there is no value from the policy to trust. An invalid entry of a
 * list (a site, a jurisdiction, an organisation list) drops that entry only.
 */
export function applyPolicy(
  user: Settings,
  rawPolicy: unknown,
  { allowLoopbackHttp = false }: PolicyOptions = {},
): EffectiveSettings {
  const policy = plainObject.safeParse(rawPolicy).data ?? {};
  const problems: string[] = [];
  if (rawPolicy !== undefined && rawPolicy !== null && !plainObject.safeParse(rawPolicy).success)
    problems.push(`the policy is ${shown(rawPolicy)}, not an object of settings; ignored`);
  const settings = { ...user };
  const locked = new Set<SettingKey>();
  const set = (key: PolicySettingKey, value: unknown) => {
    (settings as Record<string, unknown>)[key] = value;
    locked.add(key);
  };

  for (const key of POLICY_SETTING_KEYS) {
    const value = policy[key];
    if (value === undefined) continue;
    const entrySchema = (POLICY_LIST_ENTRIES as Partial<Record<PolicySettingKey, z.ZodType>>)[key];
    if (entrySchema && Array.isArray(value)) {
      const entries: unknown[] = [];
      value.forEach((entry, index) => {
        const parsed = entrySchema.safeParse(entry);
        if (parsed.success) entries.push(parsed.data);
        else problems.push(`policy field ${key}[${index}]: ${shown(entry)} ${whyInvalid(parsed.error)}; entry ignored`);
      });
      set(key, entries);
      continue;
    }
    const parsed = settingsSchema.shape[key].safeParse(value);
    // An update address that is set must be https: the updater would refuse it anyway, unexplained.
    const address =
      key === 'updateUrl' && parsed.success && typeof parsed.data === 'string' && parsed.data !== ''
        ? addressProblem(parsed.data, allowLoopbackHttp)
        : undefined;
    if (address) {
      locked.add(key);
      problems.push(
        `policy field ${key}: ${shown(value)} ${address}; ignored (${key} stays locked at its current value)`,
      );
    } else if (parsed.success) {
      set(key, parsed.data);
    } else {
      locked.add(key);
      problems.push(
        `policy field ${key}: ${shown(value)} ${whyInvalid(parsed.error)}; ignored (${key} stays locked at its current value)`,
      );
    }
  }

  const lockedSettings = policy.lockedSettings;
  if (Array.isArray(lockedSettings)) {
    for (const key of lockedSettings) {
      const setting = settingKeySchema.safeParse(key);
      if (setting.success) locked.add(setting.data);
      else problems.push(`policy field lockedSettings: ${shown(key)} is not a VendorWatch setting; ignored`);
    }
  } else if (lockedSettings !== undefined) {
    problems.push(`policy field lockedSettings: ${shown(lockedSettings)} must be a list of setting names; ignored`);
  }

  const extraLists: EffectiveSettings['extraLists'] = [];
  const rawLists = policy.extraLists;
  if (Array.isArray(rawLists)) {
    rawLists.forEach((entry, index) => {
      const parsed = organisationListSchema(allowLoopbackHttp).safeParse(entry);
      if (!parsed.success) {
        problems.push(`policy field extraLists[${index}]: ${whyInvalid(parsed.error)}; this list ignored`);
      } else if (extraLists.some((other) => other.keyId === parsed.data.keyId)) {
        // Each list is stored under its key id, so two lists with one id would overwrite each other.
        problems.push(
          `policy field extraLists[${index}]: key id '${parsed.data.keyId}' is already used by another list; this list ignored`,
        );
      } else {
        extraLists.push(parsed.data);
      }
    });
  } else if (rawLists !== undefined) {
    problems.push(`policy field extraLists: ${shown(rawLists)} must be a list of organisation lists; ignored`);
  }

  const known = new Set<string>([...POLICY_SETTING_KEYS, 'lockedSettings', 'extraLists']);
  for (const key of Object.keys(policy)) {
    if (!known.has(key)) problems.push(`policy field ${key} is not a VendorWatch policy setting; ignored`);
  }
  return { settings, locked, extraLists, problems };
}

/** Deep equality for settings values (plain JSON data from zod), independent of object key order. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const defined = (value: object) => Object.entries(value).filter(([, inner]) => inner !== undefined);
  const aEntries = defined(a);
  const bEntries = new Map(defined(b));
  return (
    aEntries.length === bEntries.size &&
    aEntries.every(([k, inner]) => bEntries.has(k) && sameValue(inner, bEntries.get(k)))
  );
}

/**
 * What a save may write: `incoming` for every setting the user may change, the stored value for every locked one.
 * Every write of the user's settings (controls, own entries, import, popup, first run) goes through this, so an
 * import obeys the organisation's locks exactly as the disabled controls do. `unchanged` names the locked
 * settings where `incoming` asked for something other than what is in effect, so the page can say so.
 */
export function keepLocked(
  stored: Settings,
  incoming: Settings,
  effective: Pick<EffectiveSettings, 'settings' | 'locked'>,
): { settings: Settings; unchanged: SettingKey[] } {
  const settings = { ...incoming };
  const unchanged: SettingKey[] = [];
  for (const key of Object.keys(settingsSchema.shape) as SettingKey[]) {
    if (!effective.locked.has(key)) continue;
    (settings as Record<string, unknown>)[key] = stored[key];
    if (!sameValue(incoming[key], effective.settings[key])) unchanged.push(key);
  }
  return { settings, unchanged };
}

/** Whether VendorWatch should scan pages of `host` with these settings. */
export function runsOn(settings: Settings, host: string): boolean {
  const matches = (site: string) => host === site || host.endsWith(`.${site}`);
  if (settings.pausedSites.some(matches)) return false;
  return settings.siteMode === 'everywhere' || settings.allowedSites.some(matches);
}

/**
 * The list with the user's own entries added; their ids are prefixed so they never collide with the list's. A model
 * rule whose pattern fails the quick checks (stored before the options page checked patterns) is left out, so it
 * costs only itself; `report` hears about each.
 */
export function withUserEntries(
  list: Watchlist,
  settings: Settings,
  report: (problem: PatternProblem) => void = () => undefined,
): Watchlist {
  if (settings.userEntries.length === 0) return list;
  const { vendors, dropped } = withoutUnsafeRules(settings.userEntries);
  dropped.forEach(report);
  const own = vendors.map((vendor) => ({
    ...vendor,
    id: `user-${vendor.id}`,
    name: `${vendor.name} (your entry)`,
    // The shown name says whose entry it is; the entry's own name is still matched.
    aliases: [vendor.name, ...vendor.aliases],
    userEntry: true,
  }));
  return { ...list, vendors: [...list.vendors, ...own] };
}

const SETTINGS_FILE_FORMAT = 'vendorwatch-settings';

/** The settings as a JSON file a user can keep or share with colleagues. */
export function exportSettings(settings: Settings): string {
  return `${JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 1, settings }, null, 2)}\n`;
}

/**
 * The largest settings file an import reads. Exports are a few kilobytes (a long own-entry list tens of them); the
 * cap keeps a huge file from being parsed only to fail the browser's storage quota (10 MB in Chromium).
 */
export const SETTINGS_IMPORT_MAX_BYTES = 1024 * 1024;

/**
 * Reads an exported settings file. A broken or too large file gives a clear error and nothing else happens.
 * `size` is the file's size in bytes where known (the page checks it before reading the file).
 */
export function parseSettingsImport(
  text: string,
  size = text.length,
): { ok: true; settings: Settings } | { ok: false; error: string; text: LocalText } {
  /** `error` in English (logs, tests); `text` the same, for the options page in the reader's language. */
  const refuse = (words: LocalText) => ({ ok: false as const, error: renderText(words), text: words });
  if (size > SETTINGS_IMPORT_MAX_BYTES || text.length > SETTINGS_IMPORT_MAX_BYTES)
    return refuse({ key: 'settingsImportTooLarge', subs: [String(SETTINGS_IMPORT_MAX_BYTES / 1024 / 1024)] });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse({ key: 'settingsImportNotJson' });
  }
  const envelope = z
    .object({ format: z.literal(SETTINGS_FILE_FORMAT), version: z.literal(1), settings: z.unknown() })
    .safeParse(json);
  if (!envelope.success) return refuse({ key: 'settingsImportNotSettings' });
  const parsed = settingsSchema.safeParse(envelope.data.settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return refuse({ key: 'settingsImportInvalid', subs: [issue.path.join('.'), issue.message] });
  }
  return { ok: true, settings: parsed.data };
}
