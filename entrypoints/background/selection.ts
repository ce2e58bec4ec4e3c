/**
 * "Check with VendorWatch" on selected text: the selection is handed to the Check documents page through session
 * storage (it can be longer than an address may carry) and checked there like pasted text. Nothing leaves the browser.
 */
import { STORAGE } from '../../lib/storage';
import { setItem } from '../../platform/storage';

export const SELECTION_MENU_ID = 'vendorwatch-check-selection';

export function listenForSelections(): void {
  // Menu items persist across background restarts, but must be created once per install or update.
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: SELECTION_MENU_ID,
      title: browser.i18n.getMessage('contextCheckSelection') || 'Check with VendorWatch',
      contexts: ['selection'],
    });
  });
  browser.contextMenus.onClicked.addListener(async (info) => {
    if (info.menuItemId !== SELECTION_MENU_ID || !info.selectionText) return;
    const id = crypto.randomUUID();
    await setItem(STORAGE.selection(id), info.selectionText);
    await browser.tabs.create({ url: browser.runtime.getURL(`/check-documents.html?selection=${id}`) });
  });
}
