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
import {
  blockContexts,
  CONTENT_PROTOCOL,
  empty,
  findingShape,
  localTextSchema,
  warningViewSchema,
  warningViewShape,
} from './content-protocol';
import { VERDICTS } from './engine/verdicts';
import type { BlockMatch } from './matching/index';
import type { WarningView } from './present/warning-view';
import {
  createTableRouter,
  createTableSender,
  type Envelope,
  type HandlersOf,
  type MessageSender,
  type MessageSpec,
  ProtocolError,
  type ReplyOf,
  type RequestOf,
} from './protocol-core';
import { settingsSchema } from './settings/index';
import { reviewSchema, watchlistSchema } from './watchlist/schema';

export { type Envelope, type MessageSender, ProtocolError };

/** One finding in one block, as the background sends it, with the reference it recorded it under for the tab. */
const blockMatchShape = z.looseObject({ finding: findingShape(), view: warningViewShape() });
const blockMatchSchema = z.custom<BlockMatch>((value) => blockMatchShape.safeParse(value).success, {
  message: 'not a block match',
});

/** What the popup and the badge need to know about one finding; never the page's text beyond the match. */
export const findingSummarySchema = z.object({
  vendorId: z.string(),
  vendorName: z.string(),
  verdict: z.enum(VERDICTS),
  /** The answer for the reader's profile, as localisable text (see lib/present/verdict.ts). */
  verdictLineText: localTextSchema(),
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
  text: z.optional(localTextSchema()),
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
      warningViewSchema(),
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

const tabId = z.number().int().nonnegative();

/**
 * The protocol: the content script's messages (lib/content-protocol.ts) and the extension pages'. `from` is who may
 * send the request; `request` is the body (without `type`); `reply` is the answer. The background routes the whole
 * table, so every request it answers is validated against its schema and its sender checked.
 */
export const PROTOCOL = {
  ...CONTENT_PROTOCOL,
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
    request: z.object({ packed: z.string().max(64 * 1024 * 1024), contexts: blockContexts() }).strict(),
    reply: z.object({
      watchlist: evidenceReportSchema.shape.watchlist,
      hits: z.array(z.tuple([z.number().int().nonnegative(), z.array(blockMatchSchema)])),
    }),
  },
  /** The list in force, the settings in effect and the last update check. */
  'get-watchlist-status': { from: 'extension', to: 'background', request: empty(), reply: watchlistStatusSchema },
  /** Check for a watchlist update now (network). */
  'check-updates-now': { from: 'extension', to: 'background', request: empty(), reply: watchlistStatusSchema },
  /** The watchlist page: the list the matcher uses (the list in force with the organisation's and the user's entries). */
  'get-watchlist': {
    from: 'extension',
    to: 'background',
    request: empty(),
    reply: z.object({ list: watchlistSchema, source: z.enum(['bundled', 'update']) }),
  },
} as const satisfies Record<string, MessageSpec>;

type Protocol = typeof PROTOCOL;
export type MessageType = keyof Protocol;
export type Request<T extends MessageType> = RequestOf<Protocol, T>;
export type Reply<T extends MessageType> = ReplyOf<Protocol, T>;
export type Handlers<Receiver extends 'background' | 'content'> = HandlersOf<Protocol, Receiver>;

/** The router of the whole protocol (the background's); see createTableRouter. */
export function createRouter<Receiver extends 'background' | 'content'>(
  options: Parameters<typeof createTableRouter<Protocol, Receiver>>[1],
) {
  return createTableRouter(PROTOCOL, options);
}

/** The reply schemas by type, typed per key (checked key by key), so `send` needs no cast. */
const REPLIES: { [T in MessageType]: { reply: z.core.$ZodType<Reply<T>> } } = PROTOCOL;

/** Sends typed requests of the whole protocol through `transport` and validates what comes back. */
export function createSender(
  transport: (message: { type: MessageType } & Record<string, unknown>) => Promise<unknown>,
) {
  return createTableSender<Protocol>(REPLIES, transport);
}
