/**
 * Every message the extension's parts exchange: one zod schema per request and per reply, who may send it, and the
 * router and sender both sides use. Pure (no browser APIs): platform/messaging.ts binds it to `browser.runtime`.
 *
 * Two kinds of sender:
 * - `content`: the content script, which runs beside an untrusted page (and is what a compromised renderer
 *   controls). It may only ask about its own tab: the tab comes from the browser's `sender`, never from the body.
 * - `extension`: the extension's own pages (popup, options, report...), recognised by `sender.url` on the
 *   extension's origin. Only they may read another tab's state, the settings, or start network checks.
 *
 * Why our own and not @webext-core/messaging: that library types a protocol map but validates nothing at run time
 * and leaves sender checks to every handler; here the schema and the allowed sender sit in one table the router
 * enforces before any handler runs, and the same table drives the refusal tests.
 */
import { z } from 'zod';
import { VERDICTS } from './engine/verdicts';
import { isMessageKey, type LocalText } from './i18n/index';
import type { BlockMatch } from './matching/index';
import type { PlacelessFinding, TabledHit, TabledView } from './matching/view-table';
import type { MeasureView, WarningView } from './present/warning-view';
import { settingsSchema } from './settings/index';
import { reviewSchema, watchlistSchema } from './watchlist/schema';

type SenderKind = 'content' | 'extension';

const measureFields = z.looseObject({
  id: z.string(),
  title: z.string(),
  jurisdiction: z.string(),
  sourceUrl: z.string(),
});
const measureShape = z.custom<MeasureView>((value) => measureFields.safeParse(value).success, {
  message: 'not a measure',
});

/** A WarningView as built by the background (lib/present); checked for the fields every reader relies on. */
const warningViewShape = z.looseObject({
  vendorId: z.string(),
  vendorName: z.string(),
  evidence: z.string(),
  verdict: z.enum(VERDICTS),
  verdictLineText: z.lazy(() => localTextShape),
  measures: z.array(measureShape),
  listVersion: z.number(),
});
export const warningViewSchema = z.custom<WarningView>((value) => warningViewShape.safeParse(value).success, {
  message: 'not a warning view',
});

const findingShape = z.looseObject({
  vendorId: z.string(),
  vendorName: z.string(),
  evidence: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  verdict: z.string(),
  measures: z.array(z.string()),
});
/** A finding without its place in the text (the match-blocks reply sends each once: view-table.ts). */
const placelessFindingShape = findingShape.omit({ start: true, end: true });
const placelessFindingSchema = z.custom<PlacelessFinding>((value) => placelessFindingShape.safeParse(value).success, {
  message: 'not a finding',
});
/** One finding in one block, as the background sends it, with the reference it recorded it under for the tab. */
const blockMatchShape = z.looseObject({ finding: findingShape, view: warningViewShape });
const blockMatchSchema = z.custom<BlockMatch>((value) => blockMatchShape.safeParse(value).success, {
  message: 'not a block match',
});

const localTextShape: z.ZodType = z.looseObject({
  key: z.string().refine(isMessageKey, 'unknown message key'),
  subs: z.array(z.union([z.string(), z.lazy(() => localTextShape)])).optional(),
});
/** Localisable words: a known message key, substitutions that are words or more localisable words. */
const localTextSchema = z.custom<LocalText>((value) => localTextShape.safeParse(value).success, {
  message: 'not localisable text',
});

/** What the popup and the badge need to know about one finding; never the page's text beyond the match. */
export const findingSummarySchema = z.object({
  vendorId: z.string(),
  vendorName: z.string(),
  verdict: z.enum(VERDICTS),
  /** The answer for the reader's profile, as localisable text (see lib/present/verdict.ts). */
  verdictLineText: localTextSchema,
  evidence: z.string(),
  measures: z.array(z.object({ id: z.string(), title: z.string(), jurisdiction: z.string() })),
});
export type FindingSummary = z.infer<typeof findingSummarySchema>;

/** The summary of a warning the popup and badge get: the matched words and the measures, nothing else. */
export function summariseView(view: WarningView): FindingSummary {
  return {
    vendorId: view.vendorId,
    vendorName: view.vendorName,
    verdict: view.verdict,
    verdictLineText: view.verdictLineText,
    evidence: view.evidence,
    measures: view.measures.map(({ id, title, jurisdiction }) => ({ id, title, jurisdiction })),
  };
}

/**
 * The toolbar badge's number: findings of the vendors' products. Mentions (an accessory "for Hikvision") are listed
 * in the popup, but raise no alarm: a page of junction boxes for Hikvision cameras shows no count.
 */
export function alarmCount(findings: readonly Pick<FindingSummary, 'verdict'>[]): number {
  return findings.filter((finding) => finding.verdict !== 'mention').length;
}

/** What the background recorded for a tab: the address is the browser's (sender.url), never the page's word. */
export const tabStateSchema = z.object({
  url: z.string(),
  title: z.string(),
  scannedAt: z.string(),
  listVersion: z.number(),
  findings: z.array(findingSummarySchema),
  /** VendorWatch does not run on this site (paused, or not among the listed sites). */
  paused: z.boolean().optional(),
});
export type TabState = z.infer<typeof tabStateSchema>;

export const checkRecordSchema = z.object({
  at: z.string(),
  url: z.string(),
  result: z.enum(['updated', 'unchanged', 'refused', 'failed']),
  code: z.string().optional(),
  /** Plain words, in English. */
  message: z.string(),
  /** The same words, localisable. */
  text: localTextSchema.optional(),
  version: z.number().optional(),
});

const watchlistStatusSchema = z.object({
  version: z.number(),
  generatedAt: z.string(),
  expiresAt: z.string(),
  source: z.enum(['bundled', 'update']),
  updateUrl: z.string(),
  /** The settings in effect: the user's, with the organisation's policy applied. */
  effective: settingsSchema,
  /** Settings the organisation's policy has locked. */
  locked: z.array(z.string()),
  lastCheck: checkRecordSchema.nullable(),
  nextCheckAt: z.string().nullable(),
  /** Scheduled checks that failed in a row; the next is a retry after a doubling wait (lib/update/defaults.ts). */
  failedChecks: z.number().int().nonnegative().optional(),
  /** The organisation's own lists set by policy, with the version in force (0: none yet). */
  organisationLists: z.array(
    z.object({ label: z.string(), url: z.string(), version: z.number(), lastCheck: checkRecordSchema.nullable() }),
  ),
  /** What was wrong with the organisation's policy, one plain line each; the rest of the policy still applies. */
  policyProblems: z.array(z.string()).optional(),
  /** When the list in force was last reviewed against each official source (its `meta.reviewed`). */
  reviewed: z.array(reviewSchema).optional(),
});
export type WatchlistStatus = z.infer<typeof watchlistStatusSchema>;

export const evidenceReportSchema = z.object({
  pageUrl: z.string(),
  pageTitle: z.string(),
  capturedAt: z.string(),
  watchlist: z.object({
    version: z.number(),
    generatedAt: z.string(),
    sha256: z.string(),
    source: z.enum(['bundled', 'update']),
    /** The day the list was last reviewed against the official sources, and each review (lib/watchlist/freshness). */
    reviewedOn: z.string(),
    reviewed: z.array(reviewSchema),
  }),
  findings: z.array(
    z.intersection(
      warningViewSchema,
      z.object({
        /** The product or lot the finding is in (the start of its text) and where it is on the page. */
        item: z.string().max(300).optional(),
        location: z.string().max(300).optional(),
        /** Dismissed by the person: kept in the record, marked with the decision, when and why. */
        dismissal: z
          .object({
            decision: z.enum(['dismissed', 'not-this-vendor']),
            scope: z.enum(['item', 'vendor', 'evidence']),
            at: z.string(),
            reason: z.string().optional(),
          })
          .optional(),
      }),
    ),
  ),
});

const empty = z.object({}).strict();
const tabId = z.number().int().nonnegative();
/** Reference the background gave a finding in its match reply; the content script reports findings by it. */
const findingRef = z.number().int().nonnegative();

/** A table cell's context (lib/documents/table-context.ts), as the content script reads it from the page. */
const contextText = z.string().max(1_000);
const blockContextSchema = z
  .object({
    header: contextText.optional(),
    item: z
      .array(z.object({ text: contextText, header: contextText.optional() }).strict())
      .max(32)
      .readonly()
      .optional(),
  })
  .strict();

/**
 * The match-blocks reply: each distinct measure and warning view once, findings referring to them by index
 * (lib/matching/view-table.ts; the whole views made the reply megabytes on a long page, issue 17).
 */
const index = z.number().int().nonnegative();
/**
 * The hits are thousands of small integers on a long page. Checked by one plain loop rather than a zod schema per
 * number, which cost the page's main thread milliseconds per reply before the engine's code was warm (issue 17).
 */
const isIndex = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isHit = (value: unknown): value is TabledHit =>
  Array.isArray(value) && value.length === 5 && value.every(isIndex);
const isBlockHits = (value: unknown): value is [number, TabledHit[]] =>
  Array.isArray(value) && value.length === 2 && isIndex(value[0]) && Array.isArray(value[1]) && value[1].every(isHit);
const hitsSchema = z.custom<Array<[number, TabledHit[]]>>((value) => Array.isArray(value) && value.every(isBlockHits), {
  message: 'malformed hits',
});
const tabledViewShape = warningViewShape.extend({ measures: z.array(index) });
const matchBlocksReplySchema = z
  .object({
    listVersion: z.number(),
    measures: z.array(measureShape),
    views: z.array(
      z.custom<TabledView>((value) => tabledViewShape.safeParse(value).success, { message: 'not a warning view' }),
    ),
    findings: z.array(placelessFindingSchema),
    /** Findings of the blocks that have any: [block index, [reference, finding, start, end, view index][]]. */
    hits: hitsSchema,
  })
  .superRefine(({ measures, views, findings, hits }, ctx) => {
    if (views.some((view) => view.measures.some((m) => m >= measures.length)))
      ctx.addIssue({ code: 'custom', message: 'a view names a measure the reply does not carry', path: ['views'] });
    if (hits.some(([, matches]) => matches.some(([, finding]) => finding >= findings.length)))
      ctx.addIssue({ code: 'custom', message: 'a hit names a finding the reply does not carry', path: ['hits'] });
    if (hits.some(([, matches]) => matches.some(([, , start, end]) => end < start)))
      ctx.addIssue({ code: 'custom', message: 'a hit ends before it starts', path: ['hits'] });
    if (hits.some(([, matches]) => matches.some(([, , , , view]) => view >= views.length)))
      ctx.addIssue({ code: 'custom', message: 'a hit names a view the reply does not carry', path: ['hits'] });
  });

/**
 * The protocol. `from` is who may send the request; `request` is the body (without `type`); `reply` is the answer.
 * Requests to the content script (`to: 'content'`) come from the extension's pages through `tabs.sendMessage`.
 */
export const PROTOCOL = {
  /** Before reading anything: does VendorWatch run on the sender's site? Starts a new record for the tab. */
  'get-scan-config': {
    from: 'content',
    to: 'background',
    request: empty,
    reply: z.object({ runs: z.boolean(), listVersion: z.number() }),
  },
  /**
   * Does VendorWatch still run on the sender's site (the settings or policy changed: a site paused or resumed)?
   * Unlike get-scan-config it leaves the tab's record as it is.
   */
  'get-site-running': {
    from: 'content',
    to: 'background',
    request: empty,
    reply: z.object({ runs: z.boolean() }),
  },
  /**
   * The text of some blocks to match, joined by `packTexts` (lib/matching/wire). The text goes no further than the
   * background, which matches it and keeps only the findings, under references the content script reports back.
   */
  'match-blocks': {
    from: 'content',
    to: 'background',
    request: z
      .object({
        packed: z.string(),
        /** Table context of some blocks, by block index. */
        contexts: z
          .array(z.tuple([z.number().int().nonnegative(), blockContextSchema]))
          .max(200_000)
          .optional(),
      })
      .strict(),
    reply: matchBlocksReplySchema,
  },
  /** After every scan batch: the findings shown now, by the references the background gave them. */
  'findings-changed': {
    from: 'content',
    to: 'background',
    request: z
      .object({
        /**
         * The page's address now (client-side navigation changes it without a new document); accepted only on the
         * origin the browser reports for the sender.
         */
        url: z.string().max(8_192),
        title: z.string().max(2_000),
        findings: z.array(findingRef).max(100_000),
        /** Findings a dismissal hides, with the dismissal's id: the evidence record keeps them, marked. */
        dismissed: z
          .array(z.tuple([findingRef, z.string().max(100)]))
          .max(100_000)
          .optional(),
        paused: z.boolean().optional(),
      })
      .strict(),
    reply: z.null(),
  },
  /** The state of a tab (the popup, and the end-to-end tests). */
  'get-tab-state': {
    from: 'extension',
    to: 'background',
    request: z.object({ tabId }).strict(),
    reply: tabStateSchema.nullable(),
  },
  /** The evidence record of a tab's findings, from what the background recorded for it, against the list in force. */
  'build-evidence': {
    from: 'extension',
    to: 'background',
    request: z.object({ tabId }).strict(),
    reply: evidenceReportSchema.nullable(),
  },
  /**
   * The "Check documents" page: text blocks read from the person's files (or pasted), joined by `packTexts`,
   * matched with the settings in effect; kept nowhere. The reply names the list in force for the evidence record.
   */
  'match-documents': {
    from: 'extension',
    to: 'background',
    request: z
      .object({
        packed: z.string().max(64 * 1024 * 1024),
        contexts: z
          .array(z.tuple([z.number().int().nonnegative(), blockContextSchema]))
          .max(200_000)
          .optional(),
      })
      .strict(),
    reply: z.object({
      watchlist: evidenceReportSchema.shape.watchlist,
      hits: z.array(z.tuple([z.number().int().nonnegative(), z.array(blockMatchSchema)])),
    }),
  },
  /** The list in force, the settings in effect and the last update check. */
  'get-watchlist-status': { from: 'extension', to: 'background', request: empty, reply: watchlistStatusSchema },
  /** Check for a watchlist update now (network). */
  'check-updates-now': { from: 'extension', to: 'background', request: empty, reply: watchlistStatusSchema },
  /** The watchlist page: the list the matcher uses (the list in force with the organisation's and the user's entries). */
  'get-watchlist': {
    from: 'extension',
    to: 'background',
    request: empty,
    reply: z.object({ list: watchlistSchema, source: z.enum(['bundled', 'update']) }),
  },
  /** A warning card's "Why is this flagged?": opens the watchlist page at that vendor (a page cannot open it itself). */
  'open-watchlist': {
    from: 'content',
    to: 'background',
    request: z.object({ vendorId: z.string().regex(/^[a-z0-9-]{1,80}$/) }).strict(),
    reply: z.null(),
  },
  /** Popup -> content script: scroll to and open the n-th warning. */
  'reveal-finding': {
    from: 'extension',
    to: 'content',
    request: z.object({ index: z.number().int().nonnegative() }).strict(),
    reply: z.boolean(),
  },
  /** Background -> content script: where VendorWatch runs may have changed (a site paused or resumed); ask again. */
  'sites-changed': { from: 'extension', to: 'content', request: empty, reply: z.null() },
  /** Background -> content script: the user's own entries changed, read the page again with the new list. */
  rescan: { from: 'extension', to: 'content', request: empty, reply: z.null() },
} as const satisfies Record<
  string,
  { from: SenderKind; to: 'background' | 'content'; request: z.ZodType; reply: z.ZodType }
>;

export type MessageType = keyof typeof PROTOCOL;
export type Request<T extends MessageType> = z.input<(typeof PROTOCOL)[T]['request']>;
export type Reply<T extends MessageType> = z.output<(typeof PROTOCOL)[T]['reply']>;
type MessagesTo<Receiver extends 'background' | 'content'> = {
  [T in MessageType]: (typeof PROTOCOL)[T]['to'] extends Receiver ? T : never;
}[MessageType];

const messageSchema = z.looseObject({ type: z.string() });
const isMessageType = (type: string): type is MessageType => Object.hasOwn(PROTOCOL, type);

/** What travels back: a reply, or a refusal in plain words. Never a bare value, so "no answer" is never a reply. */
const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), reply: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type Envelope = z.infer<typeof envelopeSchema>;

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

export type Handlers<Receiver extends 'background' | 'content'> = {
  [T in MessagesTo<Receiver>]: (
    request: z.output<(typeof PROTOCOL)[T]['request']>,
    sender: Extract<SenderContext, { kind: (typeof PROTOCOL)[T]['from'] }>,
  ) => Promise<Reply<T>> | Reply<T>;
};

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

const refuse = (error: string): Envelope => ({ ok: false, error });

/** A one-line account of why a body was refused: the first problem, with its path. */
function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
}

/**
 * The one listener of a receiver: validates the body, checks who sent it, and runs the handler. Anything else gets
 * a refusal in plain words, never silence and never a handler call. Messages for the other receiver are left
 * unanswered (`undefined`), so both can listen on the same channel.
 */
export function createRouter<Receiver extends 'background' | 'content'>(options: {
  receiver: Receiver;
  own: { id: string; origin: string };
  handlers: Handlers<Receiver>;
  /** Reports a refusal (logged by the receiver; tests collect them). */
  onRefused?: (type: string, reason: string) => void;
}): (raw: unknown, sender: MessageSender) => Promise<Envelope> | undefined {
  // Each handler is called only after its body and sender passed the checks its signature promises (method
  // syntax: parameters are compared bivariantly, so the typed handlers fit one lookup table without a cast).
  const handlers: Partial<Record<MessageType, { call(request: unknown, sender: SenderContext): unknown }['call']>> =
    options.handlers;
  return (raw, sender) => {
    const message = messageSchema.safeParse(raw);
    const type = message.success ? message.data.type : typeof raw;
    const refusal = (reason: string) => {
      options.onRefused?.(type, reason);
      return Promise.resolve(refuse(`VendorWatch refused ${JSON.stringify(type.slice(0, 60))}: ${reason}`));
    };
    if (!message.success) return refusal('not a message');
    if (!isMessageType(type)) return refusal('unknown message type');
    const spec = PROTOCOL[type];
    const handler = handlers[type];
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
    const parsed = spec.request.safeParse(body);
    if (!parsed.success) return refusal(`malformed body (${firstProblem(parsed.error)})`);
    return Promise.resolve()
      .then(() => handler(parsed.data, who))
      .then(
        (reply): Envelope => ({ ok: true, reply: reply === undefined ? null : reply }),
        (error: unknown): Envelope => refuse(error instanceof Error ? error.message : String(error)),
      );
  };
}

/** The reply schemas by type, typed per key (checked key by key), so `send` needs no cast. */
const REPLIES: { [T in MessageType]: { reply: z.ZodType<Reply<T>> } } = PROTOCOL;

/** Sends typed requests through `transport` and validates what comes back; refusals become ProtocolErrors. */
export function createSender(
  transport: (message: { type: MessageType } & Record<string, unknown>) => Promise<unknown>,
) {
  return async function send<T extends MessageType>(type: T, request: Request<T>): Promise<Reply<T>> {
    const answer = envelopeSchema.safeParse(await transport({ ...request, type }));
    if (!answer.success) throw new ProtocolError(`${type}: no valid answer (is the receiver running?)`);
    if (!answer.data.ok) throw new ProtocolError(answer.data.error);
    const schema = REPLIES[type].reply;
    const reply = schema.safeParse(answer.data.reply);
    if (!reply.success) throw new ProtocolError(`${type}: malformed reply (${firstProblem(reply.error)})`);
    return reply.data;
  };
}
