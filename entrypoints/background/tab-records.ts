/**
 * What the background knows about each tab: every finding it sent the tab's content script (by reference), which
 * of them the content script reports as shown, and the state the popup and badge read. Evidence and summaries are
 * built from this record only, never from findings the page side supplies. Memory is the record while the worker
 * lives, and every reader reads it there; session storage keeps a copy, written coalesced after the changes (never
 * waited for by a reply: writing the whole record per message made a long page's replies seconds late, issue 17),
 * because an MV3 service worker or Firefox event page can be stopped at any time and must find the record again.
 */
import { itemExcerpt } from '../../lib/dismissals';
import type { EvidenceFinding } from '../../lib/evidence/report';
import type { BlockMatch } from '../../lib/matching/index';
import type { SparseMatches } from '../../lib/matching/wire';
import { createMirror } from '../../lib/mirror';
import type { WarningView } from '../../lib/present/warning-view';
import type { TabState } from '../../lib/protocol';
import { STORAGE } from '../../lib/storage';
import { emptyRecord, packRecord, sharedView, type TabRecord, tabStateOf, unpackRecord } from '../../lib/tab-record';
import { getItem, removeItems, setItem } from '../../platform/storage';

/**
 * How long changes gather before the copy is written: a page's match requests come in bursts; far less than the
 * idle time after which the browser stops the worker.
 */
const MIRROR_DELAY_MS = 200;

const records = new Map<number, TabRecord>();
/** Loads and changes per tab, one at a time: a page sends several match requests at once. */
const queues = new Map<number, Promise<unknown>>();

const mirror = createMirror<number>(
  async (tabId) => {
    const record = records.get(tabId);
    const item = STORAGE.tabRecord(tabId);
    // No record in memory: the tab was forgotten (closed), and its copy goes.
    if (record) await setItem(item, packRecord(record));
    else await removeItems('session', [item.key]);
  },
  { delayMs: MIRROR_DELAY_MS },
);

function serialised<T>(tabId: number, work: () => Promise<T>): Promise<T> {
  const next = (queues.get(tabId) ?? Promise.resolve()).then(work, work);
  queues.set(
    tabId,
    next.catch(() => undefined),
  );
  return next;
}

/** The tab's record: memory's, or after a restart of the worker the stored copy's. */
async function load(tabId: number): Promise<TabRecord | null> {
  const cached = records.get(tabId);
  if (cached) return cached;
  const stored = await getItem(STORAGE.tabRecord(tabId));
  // A change made while storage was read is newer than the copy.
  const current = records.get(tabId);
  if (current) return current;
  if (!stored) return null;
  const record = unpackRecord(stored);
  records.set(tabId, record);
  return record;
}

function save(tabId: number, record: TabRecord): void {
  records.set(tabId, record);
  mirror.save(tabId);
}

/** A new page in the tab: forget the previous page's findings. */
export function startPage(tabId: number, pageUrl: string): Promise<void> {
  return serialised(tabId, async () => save(tabId, emptyRecord(pageUrl)));
}

/**
 * Records the findings of a match reply under fresh references and returns them with their references. `texts`
 * are the blocks matched (by the reply's indexes): the start of each flagged block is kept as the finding's product
 * or lot text for the evidence record; blocks without a finding are not kept.
 */
export function recordMatches(
  tabId: number,
  pageUrl: string,
  hits: SparseMatches<BlockMatch>,
  texts: readonly string[] = [],
): Promise<Array<[number, Array<[number, BlockMatch]>]>> {
  return serialised(tabId, async () => {
    const record = (await load(tabId)) ?? emptyRecord(pageUrl);
    const seen = new Map<WarningView, WarningView>();
    const referenced = hits.map(([index, matches]): [number, Array<[number, BlockMatch]>] => [
      index,
      matches.map((match): [number, BlockMatch] => {
        const ref = record.nextRef++;
        record.views.set(ref, sharedView(record, match.view, seen));
        const text = texts[index];
        if (text) record.items.set(ref, itemExcerpt(text));
        return [ref, match];
      }),
    ]);
    if (hits.length > 0) save(tabId, { ...record, pageUrl });
    return referenced;
  });
}

/**
 * The content script's report of what it shows, by reference. Unknown references are refused; references issued
 * before the newest one shown and no longer shown are dropped (their warnings are gone), so the record stays the
 * size of the page's findings however long the page scrolls.
 */
export function recordShown(
  tabId: number,
  report: {
    url: string;
    title: string;
    refs: number[];
    dismissed?: Array<[number, string]>;
    listVersion: number;
    paused?: boolean;
  },
): Promise<TabState> {
  return serialised(tabId, async () => {
    const record = (await load(tabId)) ?? emptyRecord(report.url);
    const dismissed = report.dismissed ?? [];
    const all = [...report.refs, ...dismissed.map(([ref]) => ref)];
    const unknown = all.find((ref) => !record.views.has(ref));
    if (unknown !== undefined) throw new Error(`finding ${unknown} was never sent to this tab`);
    const newest = all.reduce((max, ref) => Math.max(max, ref), -1);
    const keep = new Set(all);
    const kept = ([ref]: [number, unknown]) => keep.has(ref) || ref > newest;
    const updated: TabRecord = {
      ...record,
      pageUrl: report.url,
      views: new Map([...record.views].filter(kept)),
      items: new Map([...record.items].filter(kept)),
      shown: report.refs,
      dismissed,
      report: {
        url: report.url,
        title: report.title,
        scannedAt: new Date().toISOString(),
        listVersion: report.listVersion,
        ...(report.paused ? { paused: true } : {}),
      },
    };
    save(tabId, updated);
    return tabStateOf(updated)!;
  });
}

export async function readTabState(tabId: number): Promise<TabState | null> {
  const record = await load(tabId);
  return record && tabStateOf(record);
}

/**
 * The shown findings' warning views as the background recorded them, with the page they were found on; each with
 * its product or lot text and its place among the page's findings (shown ones in page order, then dismissed ones).
 */
export async function shownFindings(tabId: number) {
  const record = await load(tabId);
  if (!record?.report) return null;
  const state = record.report;
  const dismissedRefs = record.dismissed;
  const total = record.shown.filter((ref) => record.views.has(ref)).length + dismissedRefs.length;
  let place = 0;
  const located = (ref: number): EvidenceFinding | null => {
    const view = record.views.get(ref);
    if (!view) return null;
    const item = record.items.get(ref);
    return { ...view, ...(item ? { item } : {}), location: `finding ${++place} of ${total} on the page` };
  };
  return {
    pageUrl: state.url,
    pageTitle: state.title,
    views: record.shown.flatMap((ref) => located(ref) ?? []),
    /** Findings a dismissal hides, with the dismissal's id (the caller checks it against the stored dismissals). */
    dismissed: dismissedRefs.flatMap(([ref, id]) => {
      const view = located(ref);
      return view ? [{ view, dismissalId: id }] : [];
    }),
  };
}

/** The tab closed: its record goes, from storage too (after any copy being written). */
export function forgetTab(tabId: number): Promise<void> {
  records.delete(tabId);
  queues.delete(tabId);
  return mirror.flush(tabId);
}
