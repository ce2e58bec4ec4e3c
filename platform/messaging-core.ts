/**
 * Browser glue for lib/protocol-core, for any table of messages: the receiving side's one listener, bound to this
 * extension's id and origin. platform/messaging.ts (background and extension pages: the whole protocol) and
 * platform/content-messaging.ts (the content script: its own messages only) build on it.
 */
import { createTableRouter, type HandlersOf, type MessageTable } from '../lib/protocol-core';

/** Installs the one message listener of the background or of a content script, for the messages of `table`. */
export function listenTo<P extends MessageTable, Receiver extends 'background' | 'content'>(
  table: P,
  receiver: Receiver,
  handlers: HandlersOf<P, Receiver>,
): void {
  const route = createTableRouter(table, {
    receiver,
    own: { id: browser.runtime.id, origin: browser.runtime.getURL('/') },
    handlers,
    onRefused: (type, reason) => console.warn(`VendorWatch: refused ${type}: ${reason}`),
  });
  browser.runtime.onMessage.addListener((raw: unknown, sender) => route(raw, sender));
}
