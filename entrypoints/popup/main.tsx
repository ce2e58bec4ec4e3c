import { render } from 'preact';
import { Popup } from '../../components/Popup';
import type { GetTabStateMessage, RevealFindingMessage, TabState } from '../../lib/messages';
import './popup.css';

/** The tab the popup describes: the active tab, or `?tab=<id>` (used by the end-to-end tests). */
async function targetTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function start() {
  const tabId = await targetTabId();
  const request: GetTabStateMessage = { type: 'get-tab-state', tabId: tabId ?? -1 };
  const state = tabId === undefined ? null : ((await browser.runtime.sendMessage(request)) as TabState | null);
  const reveal = (index: number) => {
    if (tabId === undefined) return;
    const message: RevealFindingMessage = { type: 'reveal-finding', index };
    void browser.tabs.sendMessage(tabId, message).then(() => window.close());
  };
  render(
    <Popup state={state} onReveal={reveal} onOpenOptions={() => void browser.runtime.openOptionsPage()} />,
    document.getElementById('app')!,
  );
}

void start();
