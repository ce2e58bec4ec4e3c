/**
 * Every stored key in one place: its area, its schema and its fallback. Reads go through `readItem`, which
 * validates; a value that fails (an older version's shape, a hand-edited profile, a half-written record) falls back
 * to the item's default (or what `salvage` can keep of it) and is reported, never thrown and never cast.
 * Pure: the browser's storage areas are passed in as KeyValueStores (platform/storage.ts).
 */
import { z } from 'zod';
import { measureSchema, tabledViewSchema } from './content-protocol';
import { checkRecordSchema, tabStateSchema } from './protocol';
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

const ref = z.number().int().nonnegative();

/**
 * The background's record of a tab's page (lib/tab-record.ts), as mirrored to session storage: each distinct
 * warning view and measure once (lib/matching/view-table.ts), every finding it sent the content script by reference
 * pointing at its view, so the record grows with the page's distinct findings, not findings times views (issue 17).
 */
const tabRecordSchema = z
  .object({
    pageUrl: z.string(),
    nextRef: ref,
    measures: z.array(measureSchema()),
    views: z.array(tabledViewSchema()),
    /** [reference, view index, the start of its block's text (its product or lot, for the evidence record)]. */
    refs: z.array(z.tuple([ref, ref, z.string().max(300).optional()])),
    /** The references the content script reports as shown, in page order. */
    shown: z.array(ref),
    /** The references a dismissal hides, with the dismissal's id (kept for the evidence record). */
    dismissed: z.array(z.tuple([ref, z.string()])).optional(),
    /** The content script's last report (the popup's and badge's state without its findings); none before it. */
    report: tabStateSchema.omit({ findings: true }).optional(),
  })
  .superRefine(({ measures, views, refs }, ctx) => {
    if (views.some((view) => view.measures.some((m) => m >= measures.length)))
      ctx.addIssue({ code: 'custom', message: 'a view names a measure the record does not carry', path: ['views'] });
    if (refs.some(([, view]) => view >= views.length))
      ctx.addIssue({ code: 'custom', message: 'a reference names a view the record does not carry', path: ['refs'] });
  });
export type StoredTabRecord = z.infer<typeof tabRecordSchema>;

export const STORAGE = {
  settings: item('local', 'settings', settingsSchema, DEFAULT_SETTINGS, readSettings),
  /** The user's dismissals ("dismiss this item", "dismiss this vendor on this site", "not this vendor") on one site. */
  suppressions: suppressionsItem,
  /** What the background knows of a tab's page, and what its popup and badge show (session: gone with the tab). */
  tabRecord: (tabId: number) => item('session', `tab-record:${tabId}`, tabRecordSchema.nullable(), null),
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
