/**
 * Every stored key in one place: its area, its schema and its fallback. Reads go through `readItem`, which
 * validates; a value that fails (an older version's shape, a hand-edited profile, a half-written record) falls back
 * to the item's default (or what `salvage` can keep of it) and is reported, never thrown and never cast.
 * Pure: the browser's storage areas are passed in as KeyValueStores (platform/storage.ts).
 */
import { z } from 'zod';
import { checkRecordSchema, tabStateSchema, warningViewSchema } from './protocol';
import { DEFAULT_SETTINGS, readSettings, settingsSchema } from './settings/index';
import { item, suppressionsItem } from './storage-item';
import { listMetaSchema, watchlistSchema } from './watchlist/schema';

export {
  type Dismissal,
  decodeItem,
  type KeyValueStore,
  namespacedStore,
  readItem,
  type StorageArea,
  type StorageItem,
  SUPPRESSIONS_PREFIX,
  writeItem,
} from './storage-item';

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

export const STORAGE = {
  settings: item('local', 'settings', settingsSchema, DEFAULT_SETTINGS, readSettings),
  /** The user's dismissals ("dismiss this item", "dismiss this vendor on this site", "not this vendor") on one site. */
  suppressions: suppressionsItem,
  /** What the popup and badge show for a tab (session: gone with the browser, like the tab). */
  tabState: (tabId: number) => item('session', `tab:${tabId}`, tabStateSchema.nullable(), null),
  tabFindings: (tabId: number) => item('session', `tab-findings:${tabId}`, tabFindingsSchema.nullable(), null),
  /** A printable evidence report, handed from the popup or the Check documents page to the report page. */
  report: (id: string) => item('session', `report:${id}`, z.string().nullable(), null),
  /** Text selected on a page for "Check with VendorWatch", handed from the background to the Check documents page. */
  selection: (id: string) => item('session', `selection:${id}`, z.string().nullable(), null),
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
