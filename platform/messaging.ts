/**
 * Browser glue for lib/protocol: typed `send` to the background or to a tab's content script, and the receiving
 * side's router bound to this extension's id and origin.
 */
import { createRouter, createSender, type Handlers } from '../lib/protocol';

/** Requests to the background (from content scripts and extension pages). */
export const send = createSender((message) => browser.runtime.sendMessage(message));

/** Requests from an extension page to the content script of one tab. */
export const sendToTab = (tabId: number) => createSender((message) => browser.tabs.sendMessage(tabId, message));

/** Installs the one message listener of the background or of a content script. */
export function listen<Receiver extends 'background' | 'content'>(
  receiver: Receiver,
  handlers: Handlers<Receiver>,
): void {
  const route = createRouter({
    receiver,
    own: { id: browser.runtime.id, origin: browser.runtime.getURL('/') },
    handlers,
    onRefused: (type, reason) => console.warn(`VendorWatch: refused ${type}: ${reason}`),
  });
  browser.runtime.onMessage.addListener((raw: unknown, sender) => route(raw, sender));
}
