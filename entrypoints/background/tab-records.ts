/**
 * What the background knows about each tab: every finding it sent the tab's content script (by reference), which
 * of them the content script reports as shown, and the state the popup and badge read. Evidence and summaries are
 * built from this record only, never from findings the page side supplies. Kept in memory and mirrored to session
 * storage, since an MV3 service worker or Firefox event page can be stopped at any time.
 */
import { itemExcerpt } from '../../lib/dismissals';
import type { EvidenceFinding } from '../../lib/evidence/report';
import type { BlockMatch } from '../../lib/matching/index';
import type { SparseMatches } from '../../lib/matching/wire';
import { summariseView, type TabState } from '../../lib/protocol';
import { STORAGE, type TabFindings, tabKeys } from '../../lib/storage';
import { getItem, removeItems, setItem } from '../../platform/storage';

const records = new Map<number, TabFindings>();
/** Read-modify-write per tab, one at a time: a page sends several match requests at once. */
const queues = new Map<number, Promise<unknown>>();

function serialised<T>(tabId: number, work: () => Promise<T>): Promise<T> {
  const next = (queues.get(tabId) ?? Promise.resolve()).then(work, work);
  queues.set(
    tabId,
    next.catch(() => undefined),
  );
  return next;
}

async function load(tabId: number): Promise<TabFindings | null> {
  const cached = records.get(tabId);
  if (cached) return cached;
  const stored = await getItem(STORAGE.tabFindings(tabId));
  if (stored) records.set(tabId, stored);
  return stored;
}

async function save(tabId: number, record: TabFindings): Promise<void> {
  records.set(tabId, record);
  await setItem(STORAGE.tabFindings(tabId), record);
}

/** A new page in the tab: forget the previous page's findings. */
export function startPage(tabId: number, pageUrl: string): Promise<void> {
  return serialised(tabId, async () => {
    await save(tabId, { pageUrl, nextRef: 0, views: {}, shown: [] });
    await removeItems('session', [STORAGE.tabState(tabId).key]);
  });
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
    const record = (await load(tabId)) ?? { pageUrl, nextRef: 0, views: {}, shown: [] };
    const items = { ...record.items };
    const referenced = hits.map(([index, matches]): [number, Array<[number, BlockMatch]>] => [
      index,
      matches.map((match): [number, BlockMatch] => {
        const ref = record.nextRef++;
        record.views[ref] = match.view;
        const text = texts[index];
        if (text) items[ref] = itemExcerpt(text);
        return [ref, match];
      }),
    ]);
    if (Object.keys(items).length > 0) record.items = items;
    if (hits.length > 0) await save(tabId, { ...record, pageUrl });
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
    const record = (await load(tabId)) ?? { pageUrl: report.url, nextRef: 0, views: {}, shown: [] };
    const dismissed = report.dismissed ?? [];
    const all = [...report.refs, ...dismissed.map(([ref]) => ref)];
    const unknown = all.find((ref) => !record.views[ref]);
    if (unknown !== undefined) throw new Error(`finding ${unknown} was never sent to this tab`);
    const newest = all.reduce((max, ref) => Math.max(max, ref), -1);
    const keep = new Set(all);
    const kept = ([ref]: [string, unknown]) => keep.has(Number(ref)) || Number(ref) > newest;
    const views = Object.fromEntries(Object.entries(record.views).filter(kept));
    const items = Object.fromEntries(Object.entries(record.items ?? {}).filter(kept));
    await save(tabId, { ...record, pageUrl: report.url, views, items, shown: report.refs, dismissed });
    const state: TabState = {
      url: report.url,
      title: report.title,
      scannedAt: new Date().toISOString(),
      listVersion: report.listVersion,
      findings: report.refs.flatMap((ref) => {
        const view = views[ref];
        return view ? [summariseView(view)] : [];
      }),
      ...(report.paused ? { paused: true } : {}),
    };
    await setItem(STORAGE.tabState(tabId), state);
    return state;
  });
}

export function readTabState(tabId: number): Promise<TabState | null> {
  return getItem(STORAGE.tabState(tabId));
}

/**
 * The shown findings' warning views as the background recorded them, with the page they were found on; each with
 * its product or lot text and its place among the page's findings (shown ones in page order, then dismissed ones).
 */
export async function shownFindings(tabId: number) {
  const [state, record] = await Promise.all([readTabState(tabId), load(tabId)]);
  if (!state || !record) return null;
  const dismissedRefs = record.dismissed ?? [];
  const total = record.shown.filter((ref) => record.views[ref]).length + dismissedRefs.length;
  let place = 0;
  const located = (ref: number): EvidenceFinding | null => {
    const view = record.views[ref];
    if (!view) return null;
    const item = record.items?.[ref];
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

export function forgetTab(tabId: number): Promise<void> {
  records.delete(tabId);
  queues.delete(tabId);
  return removeItems('session', tabKeys(tabId));
}
