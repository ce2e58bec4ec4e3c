/**
 * What every stored item is (area, key, schema, fallback) and how it is read and written, and the one item the
 * content script uses: a site's dismissals. lib/storage.ts lists every key in one place (this one too); this part is
 * apart, written with `zod/mini`, so the content script, which loads into every page, carries none of the other
 * items' schemas (settings, watchlist, tab records: issue 17). Pure: the browser's storage areas are passed in as
 * KeyValueStores (platform/storage-areas.ts).
 */
import * as z from 'zod/mini';
import { lazy } from './lazy';

/** One storage area (browser.storage.local or .session), or a namespace of one. */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(entries: Record<string, unknown>): Promise<void>;
}

export type StorageArea = 'local' | 'session';

export interface StorageItem<T> {
  area: StorageArea;
  key: string;
  schema: z.core.$ZodType<T>;
  fallback: T;
  /** Keeps the valid parts of an invalid value (settings: field by field) instead of the whole fallback. */
  salvage?: (raw: unknown) => T;
}

export function item<T>(
  area: StorageArea,
  key: string,
  schema: z.core.$ZodType<T>,
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
  const parsed = z.safeParse(item.schema, raw);
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

const upTo = (length: number) => z.string().check(z.maxLength(length));

/**
 * A person's decision about a finding on one site, kept as a record (who-what-when-why) rather than a silent filter:
 * shown in the popup and options page, undoable, and carried into the evidence export. The scope says how much it
 * covers: one item (this vendor in this item's text), the vendor on the whole site, or one matched text on the
 * site ("not this vendor": the words are not that vendor's).
 */
const dismissalSchema = () =>
  z.object({
    id: z.string().check(z.minLength(1), z.maxLength(100)),
    site: upTo(300),
    vendorId: upTo(200),
    vendorName: upTo(300),
    evidence: upTo(1_000),
    scope: z.enum(['item', 'vendor', 'evidence']),
    decision: z.enum(['dismissed', 'not-this-vendor']),
    /** Hash of the item's normalised text (lib/dismissals.ts itemKey); what an "item" dismissal matches. */
    itemKey: upTo(100),
    /** The start of the item's text, so a person can recognise it in a list. */
    itemText: upTo(300),
    reason: z.optional(upTo(500)),
    at: z.string(),
  });
export type Dismissal = z.infer<ReturnType<typeof dismissalSchema>>;

/** The stored dismissals of a site, new or old-shaped (built on first use: the content script reads one site's). */
const storedDismissals = lazy(() => {
  /** The pre-1.x record: vendor and matched text on a site, no scope or reason. Read as an "evidence" dismissal. */
  const legacySuppression = z.object({
    vendorId: z.string(),
    evidence: z.string(),
    reason: z.enum(['dismissed', 'not-this-vendor']),
    at: z.string(),
  });
  // Old ones keep what they hid: the vendor's matched text on the site.
  const fromLegacy = z.pipe(
    legacySuppression,
    z.transform(
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
  );
  return z.array(z.union([dismissalSchema(), fromLegacy]));
});

/** Prefix of the per-site suppression keys: changes to them do not touch the matcher. */
export const SUPPRESSIONS_PREFIX = 'suppressions:';

/** The user's dismissals ("dismiss this item", "dismiss this vendor on this site", "not this vendor") on one site. */
export const suppressionsItem = (site: string) =>
  item('local', `${SUPPRESSIONS_PREFIX}${site}`, storedDismissals(), [] as Dismissal[]);
