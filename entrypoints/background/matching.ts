/**
 * Browser glue around lib/matching: builds the Matcher from the list in force (an accepted update or the bundled
 * list), the organisation's lists and the user's settings and entries, and rebuilds it whenever any of those
 * changes in storage. Content scripts send block text here; it is matched and dropped, never stored.
 */
import { buildEvidenceReport, type EvidenceReport } from '../../lib/evidence/report';
import { createMatcher, type Matcher, matchPacked } from '../../lib/matching/index';
import type { BuildEvidenceMessage, MatchBlocksReply, ScanConfig } from '../../lib/messages';
import { withUserEntries } from '../../lib/settings/index';
import { mergeOrganisationLists, type OrganisationList } from '../../lib/update/organisation';
import type { Watchlist } from '../../lib/watchlist/schema';
import { effectiveSettings } from '../../platform/storage';
import { organisationUpdater, updater } from './updates';

interface MatchingState {
  matcher: Matcher;
  /** The VendorWatch list in force, for evidence records (without the organisation's or user's additions). */
  active: { list: Watchlist; source: 'bundled' | 'update' };
}

let state: Promise<MatchingState> | null = null;

/** Drops the matcher so the next request builds one from what storage holds now. */
export function invalidateMatcher(): void {
  state = null;
}

function current(): Promise<MatchingState> {
  state ??= build().catch((error) => {
    state = null;
    throw error;
  });
  return state;
}

async function build(): Promise<MatchingState> {
  const [active, { settings, extraLists }] = await Promise.all([updater.activeList(), effectiveSettings()]);
  const list = withUserEntries(mergeOrganisationLists(active.list, await organisationLists(extraLists)), settings);
  return { matcher: createMatcher(list, settings), active };
}

/** The organisation lists from policy that have been fetched and verified. */
async function organisationLists(extras: OrganisationList[]) {
  const installed = await Promise.all(
    extras.map(async (extra) => ({ label: extra.label, ...(await organisationUpdater(extra).activeList()) })),
  );
  return installed.filter((entry) => entry.source === 'update');
}

export async function scanConfig(site: string): Promise<ScanConfig> {
  const { matcher } = await current();
  return { runs: matcher.runsOn(site), listVersion: matcher.listVersion };
}

export async function matchBlocks(packed: unknown): Promise<MatchBlocksReply> {
  const { matcher } = await current();
  // The sender is our own content script, but the text is the page's: only ever match a string.
  return { listVersion: matcher.listVersion, hits: matchPacked(matcher, typeof packed === 'string' ? packed : '') };
}

export async function evidenceReport(message: BuildEvidenceMessage): Promise<EvidenceReport> {
  const { active } = await current();
  return buildEvidenceReport({
    pageUrl: message.pageUrl,
    pageTitle: message.pageTitle,
    now: new Date(),
    list: active.list,
    source: active.source,
    findings: message.findings,
  });
}
