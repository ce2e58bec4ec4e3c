/**
 * Background: matches the block text content scripts send (see matching.ts), remembers what each tab's content
 * script found (in session storage, since an MV3 service worker or Firefox event page can be stopped at any time),
 * keeps the toolbar badge in step, and keeps the watchlist up to date. Only the extension's own parts can message
 * it: no `externally_connectable`, so a web page cannot.
 */
import { type ExtensionMessage, type TabState, tabStateKey } from '../../lib/messages';
import { evidenceReport, invalidateMatcher, matchBlocks, scanConfig } from './matching';
import { checkNowAndReport, onUpdateAlarm, scheduleNextCheck, watchlistStatus } from './updates';

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    const message = raw as ExtensionMessage;
    switch (message?.type) {
      case 'get-scan-config':
        return scanConfig(String(message.site));
      case 'match-blocks':
        return matchBlocks(message.packed);
      case 'build-evidence':
        return evidenceReport(message);
      case 'findings-changed':
        return sender.tab?.id === undefined ? undefined : recordTabState(sender.tab.id, message.state);
      case 'get-tab-state':
        return readTabState(message.tabId);
      case 'get-watchlist-status':
        return watchlistStatus();
      case 'check-updates-now':
        return checkNowAndReport();
      default:
        return undefined;
    }
  });
  // Settings, the list in force, organisation lists and policy all shape the matcher: rebuild it on any change.
  // Suppressions are applied by the content script, and tab state lives in session storage.
  browser.storage.onChanged.addListener((changes, area) => {
    if (
      area === 'managed' ||
      (area === 'local' && Object.keys(changes).some((key) => !key.startsWith('suppressions:')))
    )
      invalidateMatcher();
  });
  browser.tabs.onRemoved.addListener((tabId) => void browser.storage.session.remove(tabStateKey(tabId)));
  browser.alarms.onAlarm.addListener(onUpdateAlarm);
  // Alarms may not survive a browser restart: re-create ours from the persisted due time at every start.
  void scheduleNextCheck();
});

async function recordTabState(tabId: number, state: TabState): Promise<void> {
  await browser.storage.session.set({ [tabStateKey(tabId)]: state });
  const count = state.findings.length;
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' }),
    browser.action.setBadgeBackgroundColor({ tabId, color: '#b3261e' }),
    browser.action.setTitle({
      tabId,
      title: count > 0 ? `VendorWatch: ${count} finding${count === 1 ? '' : 's'} on this page` : 'VendorWatch',
    }),
  ]);
}

async function readTabState(tabId: number): Promise<TabState | null> {
  const stored = await browser.storage.session.get(tabStateKey(tabId));
  return (stored[tabStateKey(tabId)] as TabState | undefined) ?? null;
}
