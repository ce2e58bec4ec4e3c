/**
 * The protocol's machinery, for any table of messages: the envelope, who a sender is, the router that validates
 * and checks the sender before any handler runs, and the sender that validates replies. lib/protocol.ts holds the
 * whole table (the background routes all of it); lib/content-protocol.ts the content script's part, so the content
 * script, which loads into every page, carries only its own messages' schemas (issue 17: evaluating the script with
 * every schema cost the page 40 to 90 ms in one task). Written with `zod/mini`, which the bundler can trim to what
 * is used; its schemas are zod schemas like any other (the same core validates them).
 */
import * as z from 'zod/mini';
import { lazy } from './lazy';

type SenderKind = 'content' | 'extension';
type Receiver = 'background' | 'content';

/** One message: who may send it, who receives it, its body (without `type`) and its reply. */
export interface MessageSpec {
  from: SenderKind;
  to: Receiver;
  request: z.core.$ZodType;
  reply: z.core.$ZodType;
}
export type MessageTable = Record<string, MessageSpec>;

/**
 * A message whose schemas are built on first use, once (a page uses a few of the content script's messages; building
 * them all at start-up was most of the script's evaluation, issue 17). `request` and `reply` are the built schemas.
 */
export function lazyMessage<
  F extends SenderKind,
  R extends Receiver,
  Q extends z.core.$ZodType,
  A extends z.core.$ZodType,
>(spec: {
  from: F;
  to: R;
  request: () => Q;
  reply: () => A;
}): { readonly from: F; readonly to: R; readonly request: Q; readonly reply: A } {
  const request = lazy(spec.request);
  const reply = lazy(spec.reply);
  return {
    from: spec.from,
    to: spec.to,
    get request() {
      return request();
    },
    get reply() {
      return reply();
    },
  };
}

export type RequestOf<P extends MessageTable, T extends keyof P> = z.input<P[T]['request']>;
export type ReplyOf<P extends MessageTable, T extends keyof P> = z.output<P[T]['reply']>;
type MessagesTo<P extends MessageTable, R extends Receiver> = {
  [T in keyof P]: P[T]['to'] extends R ? T : never;
}[keyof P];

const messageSchema = lazy(() => z.looseObject({ type: z.string() }));

/** What travels back: a reply, or a refusal in plain words. Never a bare value, so "no answer" is never a reply. */
const envelopeSchema = lazy(() =>
  z.union([
    z.object({ ok: z.literal(true), reply: z.unknown() }),
    z.object({ ok: z.literal(false), error: z.string() }),
  ]),
);
export type Envelope = z.infer<ReturnType<typeof envelopeSchema>>;

/** The browser's description of who sent a message (runtime.MessageSender, the parts we read). */
export interface MessageSender {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

/** Who the message came from, as far as the browser says; `null` with a reason when it is no one we answer. */
type SenderContext =
  | { kind: 'content'; tabId: number; url: string; frameId: number }
  | { kind: 'extension'; url: string; tabId?: number };

/** Classifies a sender. `ownOrigin` is the extension's base URL (runtime.getURL('')), `ownId` its id. */
function identifySender(
  sender: MessageSender,
  own: { id: string; origin: string },
): SenderContext | { refused: string } {
  if (sender.id !== own.id) return { refused: 'sender is not this extension' };
  if (sender.url?.startsWith(own.origin)) {
    return sender.tab?.id === undefined
      ? { kind: 'extension', url: sender.url }
      : { kind: 'extension', url: sender.url, tabId: sender.tab.id };
  }
  // Content scripts run in the top frame only (frames the page embeds are read from there), so a message from a
  // sub-frame is not ours to trust.
  if (sender.tab?.id !== undefined && sender.tab.id >= 0 && sender.url && (sender.frameId ?? 0) !== 0) {
    return { refused: 'content script messages come from the top frame only' };
  }
  if (sender.tab?.id !== undefined && sender.tab.id >= 0 && sender.url) {
    return { kind: 'content', tabId: sender.tab.id, url: sender.url, frameId: sender.frameId ?? 0 };
  }
  return { refused: 'sender is neither an extension page nor a content script in a tab' };
}

export type HandlersOf<P extends MessageTable, R extends Receiver> = {
  [T in MessagesTo<P, R>]: (
    request: z.output<P[T]['request']>,
    sender: Extract<SenderContext, { kind: P[T]['from'] }>,
  ) => Promise<ReplyOf<P, T>> | ReplyOf<P, T>;
};

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

const refuse = (error: string): Envelope => ({ ok: false, error });

/** A one-line account of why a body was refused: the first problem, with its path. */
function firstProblem(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
}

/**
 * The one listener of a receiver: validates the body, checks who sent it, and runs the handler. Anything else gets
 * a refusal in plain words, never silence and never a handler call. Messages of the table for the other receiver
 * are left unanswered (`undefined`), so both can listen on the same channel; types not in the table are refused.
 */
export function createTableRouter<P extends MessageTable, R extends Receiver>(
  table: P,
  options: {
    receiver: R;
    own: { id: string; origin: string };
    handlers: HandlersOf<P, R>;
    /** Reports a refusal (logged by the receiver; tests collect them). */
    onRefused?: (type: string, reason: string) => void;
  },
): (raw: unknown, sender: MessageSender) => Promise<Envelope> | undefined {
  // Each handler is called only after its body and sender passed the checks its signature promises (method
  // syntax: parameters are compared bivariantly, so the typed handlers fit one lookup table without a cast).
  const handlers: Partial<Record<string, { call(request: unknown, sender: SenderContext): unknown }['call']>> =
    options.handlers;
  return (raw, sender) => {
    const message = z.safeParse(messageSchema(), raw);
    const type = message.success ? message.data.type : typeof raw;
    const refusal = (reason: string) => {
      options.onRefused?.(type, reason);
      return Promise.resolve(refuse(`VendorWatch refused ${JSON.stringify(type.slice(0, 60))}: ${reason}`));
    };
    if (!message.success) return refusal('not a message');
    const spec = Object.hasOwn(table, type) ? table[type] : undefined;
    if (!spec) return refusal('unknown message type');
    const handler = Object.hasOwn(handlers, type) ? handlers[type] : undefined;
    if (spec.to !== options.receiver || !handler) return undefined;
    const who = identifySender(sender, options.own);
    if ('refused' in who) return refusal(who.refused);
    if (who.kind !== spec.from) {
      return refusal(
        spec.from === 'extension'
          ? 'only the extension’s own pages may send this'
          : 'only a content script may send this',
      );
    }
    const { type: _type, ...body } = message.data;
    const parsed = z.safeParse(spec.request, body);
    if (!parsed.success) return refusal(`malformed body (${firstProblem(parsed.error)})`);
    return Promise.resolve()
      .then(() => handler(parsed.data, who))
      .then(
        (reply): Envelope => ({ ok: true, reply: reply === undefined ? null : reply }),
        (error: unknown): Envelope => refuse(error instanceof Error ? error.message : String(error)),
      );
  };
}

/**
 * Sends typed requests through `transport` and validates what comes back against the table's reply schema;
 * refusals become ProtocolErrors. `replies` is the table typed per key (checked key by key), so no cast is needed.
 */
export function createTableSender<P extends MessageTable>(
  replies: { [T in keyof P]: { reply: z.core.$ZodType<ReplyOf<P, T>> } },
  transport: (message: { type: keyof P & string } & Record<string, unknown>) => Promise<unknown>,
) {
  return async function send<T extends keyof P & string>(type: T, request: RequestOf<P, T>): Promise<ReplyOf<P, T>> {
    const answer = z.safeParse(envelopeSchema(), await transport(Object.assign({}, request, { type })));
    if (!answer.success) throw new ProtocolError(`${type}: no valid answer (is the receiver running?)`);
    if (!answer.data.ok) throw new ProtocolError(answer.data.error);
    const reply = z.safeParse(replies[type].reply, answer.data.reply);
    if (!reply.success) throw new ProtocolError(`${type}: malformed reply (${firstProblem(reply.error)})`);
    return reply.data;
  };
}
