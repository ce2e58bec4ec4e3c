/**
 * Every stored key in one place: its area, its schema and its fallback. Reads go through `readItem`, which
 * validates; a value that fails (an older version's shape, a hand-edited profile, a half-written record) falls back
 * to the item's default (or what `salvage` can keep of it) and is reported, never thrown and never cast.
 * Pure: the browser's storage areas are passed in as KeyValueStores (platform/storage.ts).
 */
import { z } from 'zod';
import { checkRecordSchema, tabStateSchema, warningViewSchema } from './protocol';
import { DEFAULT_SETTINGS, readSettings, settingsSchema } from './settings/index';
import { listMetaSchema, watchlistSchema } from './watchlist/schema';

/** One storage area (browser.storage.local or .session), or a namespace of one. */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(entries: Record<string, unknown>): Promise<void>;
}

export type StorageArea = 'local' | 'session';

export interface StorageItem<T> {
  area: StorageArea;
  key: string;
  schema: z.ZodType<T>;
  fallback: T;
  /** Keeps the valid parts of an invalid value (settings: field by field) instead of the whole fallback. */
  salvage?: (raw: unknown) => T;
}

function item<T>(
  area: StorageArea,
  key: string,
  schema: z.ZodType<T>,
  fallback: NoInfer<T>,
  salvage?: (raw: unknown) => T,
): StorageItem<T> {
  return salvage ? { area, key, schema, fallback, salvage } : { area, key, schema, fallback };
}

/** Where a corrupt value is reported; the background and pages log it, tests collect it. */
type CorruptReporter = (key: string, problem: string) => void;

const warnCorrupt: CorruptReporter = (key, problem) =>
  console.warn(`VendorWatch: stored ${key} is not valid (${problem}); using the default`);

/** The value of `item` from what storage returned: valid, or the fallback (salvaged where it can be), reported. */
export function decodeItem<T>(item: StorageItem<T>, raw: unknown, report: CorruptReporter = warnCorrupt): T {
  if (raw === undefined) return item.fallback;
  const parsed = item.schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  report(item.key, issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'invalid');
  return item.salvage ? item.salvage(raw) : item.fallback;
}

export async function readItem<T>(store: KeyValueStore, item: StorageItem<T>, report?: CorruptReporter): Promise<T> {
  return decodeItem(item, await store.get(item.key), report);
}

export function writeItem<T>(store: KeyValueStore, item: StorageItem<T>, value: T): Promise<void> {
  return store.set({ [item.key]: value });
}

/** Keeps each organisation list's records apart from the main list's (same keys, own prefix). */
export function namespacedStore(store: KeyValueStore, namespace: string): KeyValueStore {
  return {
    get: (key) => store.get(`${namespace}:${key}`),
    set: (entries) =>
      store.set(Object.fromEntries(Object.entries(entries).map(([key, value]) => [`${namespace}:${key}`, value]))),
  };
}

/** The pre-1.x record: vendor and matched text on a site, no scope or reason. Read as an "evidence" dismissal. */
const legacySuppressionSchema = z.object({
  vendorId: z.string(),
  evidence: z.string(),
  reason: z.enum(['dismissed', 'not-this-vendor']),
  at: z.string(),
});

/**
 * A person's decision about a finding on one site, kept as a record (who-what-when-why) rather than a silent filter:
 * shown in the popup and options page, undoable, and carried into the evidence export. The scope says how much it
 * covers: one item (this vendor in this item's text), the vendor on the whole site, or one matched text on the
 * site ("not this vendor": the words are not that vendor's).
 */
const dismissalSchema = z.object({
  id: z.string().min(1).max(100),
  site: z.string().max(300),
  vendorId: z.string().max(200),
  vendorName: z.string().max(300),
  evidence: z.string().max(1_000),
  scope: z.enum(['item', 'vendor', 'evidence']),
  decision: z.enum(['dismissed', 'not-this-vendor']),
  /** Hash of the item's normalised text (lib/dismissals.ts itemKey); what an "item" dismissal matches. */
  itemKey: z.string().max(100),
  /** The start of the item's text, so a person can recognise it in a list. */
  itemText: z.string().max(300),
  reason: z.string().max(500).optional(),
  at: z.string(),
});
export type Dismissal = z.infer<typeof dismissalSchema>;

/** A stored dismissal, new or old-shaped (old ones keep what they hid: the vendor's matched text on the site). */
const storedDismissalSchema = z.union([
  dismissalSchema,
  legacySuppressionSchema.transform(
    (old): Dismissal => ({
      id: `legacy:${old.vendorId}:${old.evidence.trim().toLowerCase()}`,
      site: '',
      vendorId: old.vendorId,
      vendorName: old.vendorId,
      evidence: old.evidence,
      scope: 'evidence',
      decision: old.reason,
      itemKey: '',
      itemText: '',
      at: old.at,
    }),
  ),
]);

const activePointerSchema = z.object({
  slot: z.enum(['a', 'b']),
  meta: listMetaSchema,
  url: z.string(),
  acceptedAt: z.string(),
});
export type ActivePointer = z.infer<typeof activePointerSchema>;

/** The update check that holds the lock (lib/update/lease.ts): who, for which address, since when, until when. */
const checkLeaseSchema = z.object({
  owner: z.string(),
  url: z.string(),
  startedAt: z.string(),
  expiresAt: z.string(),
});
export type CheckLease = z.infer<typeof checkLeaseSchema>;

/**
 * What the background recorded for a tab's page: every finding it sent the content script, by reference, so the
 * popup, badge and evidence report use the background's own record, never findings the page side supplies.
 */
const tabFindingsSchema = z.object({
  pageUrl: z.string(),
  nextRef: z.number().int().nonnegative(),
  views: z.record(z.string(), warningViewSchema),
  /** The start of each finding's block text (its product or lot), by reference, for the evidence record. */
  items: z.record(z.string(), z.string().max(300)).optional(),
  /** The references the content script reports as shown, in page order. */
  shown: z.array(z.number().int().nonnegative()),
  /** The references a dismissal hides, with the dismissal's id (kept for the evidence record). */
  dismissed: z.array(z.tuple([z.number().int().nonnegative(), z.string()])).optional(),
});
export type TabFindings = z.infer<typeof tabFindingsSchema>;

/** Prefix of the per-site suppression keys: changes to them do not touch the matcher. */
export const SUPPRESSIONS_PREFIX = 'suppressions:';

export const STORAGE = {
  settings: item('local', 'settings', settingsSchema, DEFAULT_SETTINGS, readSettings),
  /** The user's dismissals ("dismiss this item", "dismiss this vendor on this site", "not this vendor") on one site. */
  suppressions: (site: string) =>
    item('local', `${SUPPRESSIONS_PREFIX}${site}`, z.array(storedDismissalSchema), [] as Dismissal[]),
  /** What the popup and badge show for a tab (session: gone with the browser, like the tab). */
  tabState: (tabId: number) => item('session', `tab:${tabId}`, tabStateSchema.nullable(), null),
  tabFindings: (tabId: number) => item('session', `tab-findings:${tabId}`, tabFindingsSchema.nullable(), null),
  /** A printable evidence report, handed from the popup to the report page. */
  report: (id: string) => item('session', `report:${id}`, z.string().nullable(), null),
  /** The updater's records (also under an organisation list's namespace). */
  watchlistPointer: item('local', 'watchlist:pointer', activePointerSchema.nullable(), null),
  watchlistSlot: (slot: 'a' | 'b') => item('local', `watchlist:slot:${slot}`, watchlistSchema.nullable(), null),
  etags: item('local', 'watchlist:etag', z.record(z.string(), z.string()), {}),
  lastCheck: item('local', 'watchlist:lastCheck', checkRecordSchema.nullable(), null),
  checkLease: item('local', 'watchlist:checkLease', checkLeaseSchema.nullable(), null),
  nextCheckAt: item('local', 'watchlist:nextCheckAt', z.string().nullable(), null),
  /** Scheduled checks that failed in a row (network, server error): the next one waits longer (update/defaults). */
  failedChecks: item('local', 'watchlist:failedChecks', z.number().int().nonnegative(), 0),
} as const;

/** The tab-related session keys, so closing a tab can drop them all. */
export const tabKeys = (tabId: number) => [STORAGE.tabState(tabId).key, STORAGE.tabFindings(tabId).key];
