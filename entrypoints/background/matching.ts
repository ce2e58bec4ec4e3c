/**
 * Browser glue around lib/matching: builds the Matcher from the list in force (an accepted update or the bundled
 * list), the organisation's lists and the user's settings and entries, and rebuilds it whenever any of those
 * changes in storage (the policy is also read again every few seconds in use: Chromium may not announce its first
 * load). Content scripts send block text here; it is matched and dropped (tab-records.ts keeps only the start of a
 * block with a finding, in the tab's session record, as the product or lot text of the evidence record).
 */
import { buildEvidenceReport, dismissedFindings, type EvidenceReport } from '../../lib/evidence/report';
import {
  type BlockMatch,
  createMatcher,
  type Matcher,
  type MatchOptions,
  matchPackedPaced,
} from '../../lib/matching/index';
import type { SparseMatches } from '../../lib/matching/wire';
import { withUserEntries } from '../../lib/settings/index';
import { policyKeyed } from '../../lib/settings/policy-keyed';
import { STORAGE } from '../../lib/storage';
import { mergeOrganisationLists, type OrganisationList } from '../../lib/update/organisation';
import type { Watchlist } from '../../lib/watchlist/schema';
import { readManagedStorage } from '../../platform/quirks/managed-storage';
import { effectiveSettings, getItem } from '../../platform/storage';
import { shownFindings } from './tab-records';
import { organisationUpdater, updater } from './updates';

/**
 * How long a read of the policy is trusted without an event: the longest a policy that arrives unannounced (Chromium's
 * first load) goes unnoticed. Managed storage is not read for every batch a page sends.
 */
const POLICY_MAX_AGE_MS = 10_000;

interface MatchingState {
  matcher: Matcher;
  /** The VendorWatch list in force, for evidence records (without the organisation's or user's additions). */
  active: { list: Watchlist; source: 'bundled' | 'update' };
  /** The list the matcher was built from: the list in force with the organisation's lists and the user's entries. */
  matched: Watchlist;
}

/**
 * Rebuilt when the policy differs from the one it was built with, event or not (lib/settings/policy-keyed.ts): read
 * at start-up, on a managed storage change, and at most every POLICY_MAX_AGE_MS while pages ask for matching.
 */
const matching = policyKeyed(readManagedStorage, build, {
  onChange: () => {
    for (const listener of policyListeners) listener();
  },
  maxAgeMs: POLICY_MAX_AGE_MS,
});
const policyListeners: Array<() => void> = [];

/** Drops the matcher so the next request builds one from what storage holds now. */
export function invalidateMatcher(): void {
  matching.invalidate();
}

/** Reads the organisation's policy and compares it with the last one seen: at start-up, and when told it changed. */
export function checkPolicy(): Promise<void> {
  return matching.check();
}

/** Calls `listener` when a read finds the organisation's policy changed (announced by the browser or not). */
export function onPolicyChanged(listener: () => void): void {
  policyListeners.push(listener);
}

const current = () => matching.get();

async function build(policy: unknown): Promise<MatchingState> {
  const [active, { settings, extraLists }] = await Promise.all([updater.activeList(), effectiveSettings(policy)]);
  const list = withUserEntries(
    mergeOrganisationLists(active.list, await organisationLists(extraLists)),
    settings,
    ({ vendor, rule, reason }) =>
      console.warn(`VendorWatch: own entry ${vendor}, model rule ${rule} not used: ${reason}`),
  );
  return { matcher: createMatcher(list, settings), active, matched: list };
}

/** The list the matcher uses, for the watchlist page: what is flagged is exactly what it shows. */
export async function listInUse(): Promise<{ list: Watchlist; source: 'bundled' | 'update' }> {
  const { matched, active } = await current();
  return { list: matched, source: active.source };
}

/** The organisation lists from policy that have been fetched and verified. */
async function organisationLists(extras: OrganisationList[]) {
  const installed = await Promise.all(
    extras.map(async (extra) => ({ label: extra.label, ...(await organisationUpdater(extra).activeList()) })),
  );
  return installed.filter((entry) => entry.source === 'update');
}

export async function scanConfig(site: string): Promise<{ runs: boolean; listVersion: number }> {
  const { matcher } = await current();
  return { runs: matcher.runsOn(site), listVersion: matcher.listVersion };
}

/**
 * The vendors each tab's page has named so far, so a model code in a later batch (infinite scroll, a table below
 * the fold) still meets a maker named in an earlier one. Memory only: a restarted worker starts again, which costs
 * only that context.
 */
const pageMakers = new Map<number, Set<string>>();

/** A new document in the tab (or the tab closed): its makers start again. */
export function forgetPageMakers(tabId: number): void {
  pageMakers.delete(tabId);
}

export async function matchBlocks(
  tabId: number,
  packed: string,
  contexts?: MatchOptions['contexts'],
): Promise<{ listVersion: number; hits: SparseMatches<BlockMatch> }> {
  const { matcher } = await current();
  const page = pageMakers.get(tabId) ?? new Set<string>();
  pageMakers.set(tabId, page);
  return { listVersion: matcher.listVersion, hits: await matchPackedPaced(matcher, packed, { contexts, page }) };
}

/** The evidence record of what the tab shows, from the background's own record, against the list in force. */
export async function evidenceReport(tabId: number): Promise<EvidenceReport | null> {
  const [{ active }, shown] = await Promise.all([current(), shownFindings(tabId)]);
  if (!shown) return null;
  const stored = await getItem(STORAGE.suppressions(new URL(shown.pageUrl).hostname));
  return buildEvidenceReport({
    pageUrl: shown.pageUrl,
    pageTitle: shown.pageTitle,
    now: new Date(),
    list: active.list,
    source: active.source,
    findings: [...shown.views, ...dismissedFindings(shown.dismissed, stored)],
  });
}

/** The "Check documents" page's blocks, matched like a page's, and the identity of the list for its evidence record. */
export async function matchDocuments(packed: string, contexts?: MatchOptions['contexts']) {
  const { matcher, active } = await current();
  const hits = await matchPackedPaced(matcher, packed, { contexts });
  const { watchlist } = buildEvidenceReport({
    pageUrl: '',
    pageTitle: '',
    now: new Date(),
    list: active.list,
    source: active.source,
    findings: [],
  });
  return { watchlist, hits };
}
