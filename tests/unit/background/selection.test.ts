/**
 * "Check with VendorWatch" on selected text: the menu item is created once per install in the reader's language, and a
 * click hands the selection to the Check documents page through session storage (never in the address, which the
 * text could outgrow and which history keeps), opening the page on it. The browser APIs are stand-ins that record
 * calls; the page's side is tested end to end (tests/e2e/documents.e2e.ts).
 */
import { beforeEach, describe, expect, it } from 'vitest';

type Listener = (...args: unknown[]) => unknown;
const calls = {
  menus: [] as unknown[],
  stored: [] as Array<Record<string, unknown>>,
  opened: [] as string[],
  installed: [] as Listener[],
  clicked: [] as Listener[],
};

beforeEach(() => {
  for (const list of Object.values(calls)) list.length = 0;
  Object.assign(globalThis, {
    browser: {
      runtime: {
        onInstalled: { addListener: (listener: Listener) => calls.installed.push(listener) },
        getURL: (path: string) => `chrome-extension://vendorwatch${path}`,
      },
      i18n: { getMessage: (key: string) => (key === 'contextCheckSelection' ? 'Mit VendorWatch prüfen' : '') },
      contextMenus: {
        create: (item: unknown) => calls.menus.push(item),
        onClicked: { addListener: (listener: Listener) => calls.clicked.push(listener) },
      },
      storage: { session: { set: async (items: Record<string, unknown>) => void calls.stored.push(items) } },
      tabs: { create: async ({ url }: { url: string }) => void calls.opened.push(url) },
    },
  });
});

describe('check a selection', () => {
  it('creates the menu item on install, for selections, in the reader’s language', async () => {
    const { listenForSelections, SELECTION_MENU_ID } = await import('../../../entrypoints/background/selection');
    listenForSelections();
    expect(calls.menus).toEqual([]);
    calls.installed[0]!({ reason: 'install' });
    expect(calls.menus).toEqual([{ id: SELECTION_MENU_ID, title: 'Mit VendorWatch prüfen', contexts: ['selection'] }]);
  });

  it('hands the selected text to the Check documents page through session storage', async () => {
    const { listenForSelections, SELECTION_MENU_ID } = await import('../../../entrypoints/background/selection');
    listenForSelections();
    const text = 'Lot 2: Hikvision DS-7608NI-K2 recorder';
    await calls.clicked[0]!({ menuItemId: SELECTION_MENU_ID, selectionText: text });
    expect(calls.stored).toHaveLength(1);
    const [key, value] = Object.entries(calls.stored[0]!)[0]!;
    expect(value).toBe(text);
    const id = key.replace(/^selection:/, '');
    expect(calls.opened).toEqual([`chrome-extension://vendorwatch/check-documents.html?selection=${id}`]);
    // Another extension's menu item, or a click with nothing selected, does nothing.
    await calls.clicked[0]!({ menuItemId: 'other', selectionText: text });
    await calls.clicked[0]!({ menuItemId: SELECTION_MENU_ID, selectionText: '' });
    expect(calls.opened).toHaveLength(1);
  });
});
