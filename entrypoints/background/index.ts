/**
 * Background: answers the protocol (lib/protocol.ts) through one router that validates every message and checks
 * who sent it; matches the block text content scripts send (see matching.ts); records what each tab's content
 * script was sent and shows (tab-records.ts); keeps the toolbar badge in step; and keeps the watchlist up to date.
 * No `externally_connectable`, so a web page cannot message it; its content script can, and is held to its own tab.
 */
import { t } from '../../components/i18n';
import { pluralKey } from '../../lib/i18n/plural';
import { tableMatches } from '../../lib/matching/view-table';
import { unpackTexts } from '../../lib/matching/wire';
import { alarmCount } from '../../lib/protocol';
import { readSettings } from '../../lib/settings/index';
import { STORAGE, SUPPRESSIONS_PREFIX } from '../../lib/storage';
import { listen, sendToTab } from '../../platform/messaging';
import {
  checkPolicy,
  evidenceReport,
  forgetPageMakers,
  invalidateMatcher,
  listInUse,
  matchBlocks,
  matchDocuments,
  onPolicyChanged,
  scanConfig,
} from './matching';
import { listenForSelections } from './selection';
import { forgetTab, readTabState, recordMatches, recordShown, startPage } from './tab-records';
import {
  checkNowAndReport,
  onUpdateAlarm,
  recoverInterruptedChecks,
  scheduleNextCheck,
  watchlistStatus,
} from './updates';

export default defineBackground(() => {
  listen('background', {
    'get-scan-config': async (_request, sender) => {
      await startPage(sender.tabId, sender.url);
      forgetPageMakers(sender.tabId);
      return scanConfig(new URL(sender.url).hostname);
    },
    'get-site-running': async (_request, sender) => ({
      runs: (await scanConfig(new URL(sender.url).hostname)).runs,
    }),
    'match-blocks': async ({ packed, contexts }, sender) => {
      const { listVersion, hits } = await matchBlocks(sender.tabId, packed, contexts);
      // Each measure and view once, findings referring to them: the page deserialises and validates the reply.
      return { listVersion, ...tableMatches(await recordMatches(sender.tabId, sender.url, hits, unpackTexts(packed))) };
    },
    'findings-changed': async ({ url, title, findings, dismissed, paused }, sender) => {
      if (!sameOrigin(url, sender.url)) throw new Error('the page address is not on the sender’s origin');
      const { listVersion } = await scanConfig(new URL(sender.url).hostname);
      const state = await recordShown(sender.tabId, { url, title, refs: findings, dismissed, listVersion, paused });
      await showBadge(sender.tabId, alarmCount(state.findings));
      return null;
    },
    'get-tab-state': ({ tabId }) => readTabState(tabId),
    'build-evidence': ({ tabId }) => evidenceReport(tabId),
    'match-documents': ({ packed, contexts }) => matchDocuments(packed, contexts),
    'get-watchlist-status': () => watchlistStatus(),
    'check-updates-now': () => checkNowAndReport(),
    'get-watchlist': () => listInUse(),
    'open-watchlist': async ({ vendorId }) => {
      await browser.tabs.create({ url: browser.runtime.getURL(`/watchlist.html#vendor-${vendorId}`) });
      return null;
    },
  });
  // Settings, the list in force, organisation lists and policy all shape the matcher: rebuild it on any change.
  // Suppressions are applied by the content script, and tab state lives in session storage.
  browser.storage.onChanged.addListener((changes, area) => {
    // The policy is compared with the last one read, not taken from the event (which Chromium may not send for
    // its first load): checkPolicy drops the matcher and calls onPolicyChanged when it differs.
    if (area === 'managed') void checkPolicy();
    if (area === 'local' && Object.keys(changes).some((key) => !key.startsWith(SUPPRESSIONS_PREFIX)))
      invalidateMatcher();
    // Own entries are what a person adds to see them flagged now: open tabs read their pages again.
    const settings = area === 'local' ? changes[STORAGE.settings.key] : undefined;
    if (settings && ownEntriesChanged(settings.oldValue, settings.newValue)) void rescanOpenTabs();
    // A site paused or resumed: open tabs ask whether they still run, and take their warnings off (or scan) at once.
    if (settings && sitesChanged(settings.oldValue, settings.newValue)) void tellOpenTabs('sites-changed');
  });
  // The organisation's policy changed (however it was found out): open tabs ask whether they still run.
  onPolicyChanged(() => void tellOpenTabs('sites-changed'));
  // Read the policy at start-up; matcher requests read it again when the last read is a few seconds old (matching.ts).
  void checkPolicy();
  browser.tabs.onRemoved.addListener((tabId) => {
    forgetPageMakers(tabId);
    void forgetTab(tabId);
  });
  browser.alarms.onAlarm.addListener(onUpdateAlarm);
  // Once, after install: who the user is decides what each warning says first (components/FirstRun.tsx).
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/first-run.html') });
  });
  listenForSelections();
  // Alarms may not survive a browser restart: re-create ours from the persisted due time at every start.
  void scheduleNextCheck();
  // A check the browser stopped along with the previous worker is recorded as interrupted.
  void recoverInterruptedChecks();
});

/**
 * Whether the stored settings' own entries differ. Both values are read as the matcher reads them (readSettings:
 * validated field by field), and compared as JSON (both come from the same writer).
 */
function ownEntriesChanged(before: unknown, after: unknown): boolean {
  const entries = (value: unknown) => JSON.stringify(readSettings(value).userEntries);
  return entries(before) !== entries(after);
}

/** Whether the stored settings changed where VendorWatch runs (paused sites, listed sites, the site mode). */
function sitesChanged(before: unknown, after: unknown): boolean {
  const sites = (value: unknown) => {
    const { pausedSites, allowedSites, siteMode } = readSettings(value);
    return JSON.stringify([pausedSites, allowedSites, siteMode]);
  };
  return sites(before) !== sites(after);
}

/** Asks every tab's content script to read its page again. */
const rescanOpenTabs = () => tellOpenTabs('rescan');

/** Sends a bare notice to every tab's content script; tabs without one (browser pages) do not answer. */
async function tellOpenTabs(type: 'rescan' | 'sites-changed'): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map((tab) => (tab.id === undefined ? undefined : sendToTab(tab.id)(type, {}).catch(() => undefined))),
  );
}

/** Same scheme, host and port. A pushState address stays on its document's origin, so this is what it may claim. */
function sameOrigin(claimed: string, actual: string): boolean {
  try {
    return new URL(claimed).origin === new URL(actual).origin;
  } catch {
    return false;
  }
}

async function showBadge(tabId: number, count: number): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' }),
    browser.action.setBadgeBackgroundColor({ tabId, color: '#b3261e' }),
    browser.action.setTitle({
      tabId,
      title: count > 0 ? t(pluralKey('badgeTitle', count, t('localeCode')), count) : 'VendorWatch',
    }),
  ]);
}
