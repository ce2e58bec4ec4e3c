/**
 * Background: remembers what each tab's content script found (in session storage, since an MV3 service worker
 * or Firefox event page can be stopped at any time) and keeps the toolbar badge in step.
 */
import { type ExtensionMessage, type TabState, tabStateKey } from '../../lib/messages';

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    const message = raw as ExtensionMessage;
    if (message?.type === 'findings-changed' && sender.tab?.id !== undefined) {
      return recordTabState(sender.tab.id, message.state);
    }
    if (message?.type === 'get-tab-state') {
      return readTabState(message.tabId);
    }
    return undefined;
  });
  browser.tabs.onRemoved.addListener((tabId) => void browser.storage.session.remove(tabStateKey(tabId)));
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
