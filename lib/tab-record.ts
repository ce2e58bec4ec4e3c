/**
 * The background's record of a tab's page (entrypoints/background/tab-records.ts) in memory, and its stored form
 * (lib/storage.ts). In memory each reference points at its warning view, shared by the findings that name the same
 * thing the same way; stored, each distinct view and measure is written once (view-table.ts), so writing the record
 * costs what the page's distinct findings cost, not every finding times its view (issue 17). Pure.
 */
import { viewTable, wholeViews } from './matching/view-table';
import type { WarningView } from './present/warning-view';
import { summariseView, type TabState } from './protocol';
import type { StoredTabRecord } from './storage';

export interface TabRecord {
  pageUrl: string;
  nextRef: number;
  /** Every finding sent to the content script and not yet dropped, by reference (equal views: one object). */
  views: Map<number, WarningView>;
  /** Each distinct view held, by its JSON: the matcher shares view objects only within one reply. */
  distinct: Map<string, WarningView>;
  /** The start of each finding's block text (its product or lot), by reference, for the evidence record. */
  items: Map<number, string>;
  /** The references the content script reports as shown, in page order. */
  shown: number[];
  /** The references a dismissal hides, with the dismissal's id. */
  dismissed: Array<[number, string]>;
  /** The content script's last report; none before its first (the popup then has no state for the tab). */
  report?: Omit<TabState, 'findings'>;
}

export const emptyRecord = (pageUrl: string): TabRecord => ({
  pageUrl,
  nextRef: 0,
  views: new Map(),
  distinct: new Map(),
  items: new Map(),
  shown: [],
  dismissed: [],
});

/**
 * The record's object for `view`: the one it holds for an equal view, so that packing compares each distinct view
 * once (not once per reply that sent it: milliseconds a write on a long page). `seen` spares a reply's shared
 * objects a second look.
 */
export function sharedView(record: TabRecord, view: WarningView, seen: Map<WarningView, WarningView>): WarningView {
  let shared = seen.get(view);
  if (!shared) {
    const key = JSON.stringify(view);
    shared = record.distinct.get(key) ?? view;
    record.distinct.set(key, shared);
    seen.set(view, shared);
  }
  return shared;
}

export function packRecord(record: TabRecord): StoredTabRecord {
  const table = viewTable();
  const refs = [...record.views].map(([ref, view]): StoredTabRecord['refs'][number] => {
    const item = record.items.get(ref);
    return item === undefined ? [ref, table.add(view)] : [ref, table.add(view), item];
  });
  return {
    pageUrl: record.pageUrl,
    nextRef: record.nextRef,
    measures: table.measures,
    views: table.views,
    refs,
    shown: record.shown,
    ...(record.dismissed.length > 0 ? { dismissed: record.dismissed } : {}),
    ...(record.report ? { report: record.report } : {}),
  };
}

/** The record from its stored form (indexes checked by the schema); references to one view share one object. */
export function unpackRecord(stored: StoredTabRecord): TabRecord {
  const views = wholeViews(stored.measures, stored.views);
  return {
    pageUrl: stored.pageUrl,
    nextRef: stored.nextRef,
    views: new Map(stored.refs.map(([ref, view]) => [ref, views[view]!])),
    distinct: new Map(views.map((view) => [JSON.stringify(view), view])),
    items: new Map(stored.refs.flatMap(([ref, , item]) => (item === undefined ? [] : [[ref, item] as const]))),
    shown: stored.shown,
    dismissed: stored.dismissed ?? [],
    ...(stored.report ? { report: stored.report } : {}),
  };
}

/** What the popup and badge show: the last report with the summaries of the findings shown. */
export function tabStateOf(record: TabRecord): TabState | null {
  if (!record.report) return null;
  return {
    ...record.report,
    findings: record.shown.flatMap((ref) => {
      const view = record.views.get(ref);
      return view ? [summariseView(view)] : [];
    }),
  };
}
