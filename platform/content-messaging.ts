/**
 * The content script's side of the protocol (lib/content-protocol.ts): typed `send` to the background, whose
 * replies are validated, and the listener for what the extension's pages ask of the content script. Only the
 * content script's own messages are here, so the page loads none of the other schemas (issue 17).
 */
import { CONTENT_PROTOCOL, CONTENT_REPLIES, type ContentProtocol } from '../lib/content-protocol';
import { createTableSender, type HandlersOf } from '../lib/protocol-core';
import { listenTo } from './messaging-core';

/** Requests to the background. */
export const send = createTableSender<ContentProtocol>(CONTENT_REPLIES, (message) =>
  browser.runtime.sendMessage(message),
);

/** Installs the content script's one message listener. */
export function listen(handlers: HandlersOf<ContentProtocol, 'content'>): void {
  listenTo(CONTENT_PROTOCOL, 'content', handlers);
}
