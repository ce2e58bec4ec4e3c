/**
 * Browser glue for lib/protocol: typed `send` to the background or to a tab's content script, and the receiving
 * side's router bound to this extension's id and origin. The content script uses platform/content-messaging.ts,
 * which carries only its own messages' schemas.
 */
import { createSender, type Handlers, PROTOCOL } from '../lib/protocol';
import { listenTo } from './messaging-core';

/** Requests to the background (from extension pages). */
export const send = createSender((message) => browser.runtime.sendMessage(message));

/** Requests from an extension page to the content script of one tab. */
export const sendToTab = (tabId: number) => createSender((message) => browser.tabs.sendMessage(tabId, message));

/** Installs the one message listener of the background (every message of the protocol, validated). */
export function listen<Receiver extends 'background' | 'content'>(
  receiver: Receiver,
  handlers: Handlers<Receiver>,
): void {
  listenTo(PROTOCOL, receiver, handlers);
}
