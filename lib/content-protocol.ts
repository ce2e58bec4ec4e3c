/**
 * The messages a content script sends or receives, with their schemas (lib/protocol.ts has the rest and the whole
 * table the background routes). Kept apart, and written with `zod/mini`, so the content script, which loads into
 * every page a person opens, bundles these schemas and nothing of the settings, the watchlist or the extension
 * pages' messages (issue 17). Every schema is built on first use (`lazy`), so evaluating the script builds none and
 * a page builds only those of the messages it sends and receives. Pure: no browser APIs.
 */
import * as z from 'zod/mini';
import { VERDICTS } from './engine/verdicts';
import { isMessageKey, type LocalText } from './i18n/index';
import { lazy } from './lazy';
import type { PlacelessFinding, TabledHit, TabledView } from './matching/view-table';
import type { MeasureView, WarningView } from './present/warning-view';
import { lazyMessage, type MessageSpec, type ReplyOf } from './protocol-core';

const nonnegativeInt = () => z.int().check(z.nonnegative());

const measureFields = lazy(() =>
  z.looseObject({
    id: z.string(),
    title: z.string(),
    jurisdiction: z.string(),
    sourceUrl: z.string(),
  }),
);
export const measureSchema = lazy(() =>
  z.custom<MeasureView>((value) => z.safeParse(measureFields(), value).success, { message: 'not a measure' }),
);

const localTextShape: () => z.ZodMiniType = lazy(() =>
  z.looseObject({
    key: z.string().check(z.refine(isMessageKey, 'unknown message key')),
    subs: z.optional(z.array(z.union([z.string(), z.lazy(localTextShape)]))),
  }),
);

/** A WarningView as built by the background (lib/present); checked for the fields every reader relies on. */
export const warningViewShape = lazy(() =>
  z.looseObject({
    vendorId: z.string(),
    vendorName: z.string(),
    evidence: z.string(),
    verdict: z.enum(VERDICTS),
    verdictLineText: z.lazy(localTextShape),
    measures: z.array(measureSchema()),
    listVersion: z.number(),
  }),
);
export const warningViewSchema = lazy(() =>
  z.custom<WarningView>((value) => z.safeParse(warningViewShape(), value).success, {
    message: 'not a warning view',
  }),
);

export const findingShape = lazy(() =>
  z.looseObject({
    vendorId: z.string(),
    vendorName: z.string(),
    evidence: z.string(),
    start: nonnegativeInt(),
    end: nonnegativeInt(),
    verdict: z.string(),
    measures: z.array(z.string()),
  }),
);
/** A finding without its place in the text (the match-blocks reply sends each once: view-table.ts). */
const placelessFindingSchema = lazy(() => {
  const shape = z.omit(findingShape(), { start: true, end: true });
  return z.custom<PlacelessFinding>((value) => z.safeParse(shape, value).success, { message: 'not a finding' });
});

/** Localisable words: a known message key, substitutions that are words or more localisable words. */
export const localTextSchema = lazy(() =>
  z.custom<LocalText>((value) => z.safeParse(localTextShape(), value).success, {
    message: 'not localisable text',
  }),
);

export const empty = lazy(() => z.strictObject({}));
/** Reference the background gave a finding in its match reply; the content script reports findings by it. */
const findingRef = nonnegativeInt;

/** Table context of some blocks, by block index (lib/documents/table-context.ts, as the content script reads it). */
export const blockContexts = lazy(() => {
  const contextText = z.string().check(z.maxLength(1_000));
  const blockContext = z.strictObject({
    header: z.optional(contextText),
    item: z.optional(
      z.readonly(
        z.array(z.strictObject({ text: contextText, header: z.optional(contextText) })).check(z.maxLength(32)),
      ),
    ),
  });
  return z.optional(z.array(z.tuple([nonnegativeInt(), blockContext])).check(z.maxLength(200_000)));
});

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

/** A warning view with its measures as indexes into a table (the match reply's; the stored tab record's). */
export const tabledViewSchema = lazy(() => {
  const shape = z.extend(warningViewShape(), { measures: z.array(nonnegativeInt()) });
  return z.custom<TabledView>((value) => z.safeParse(shape, value).success, { message: 'not a warning view' });
});

/**
 * The match-blocks reply: each distinct measure and warning view once, findings referring to them by index
 * (lib/matching/view-table.ts; the whole views made the reply megabytes on a long page, issue 17).
 */
const matchBlocksReply = () =>
  z
    .object({
      listVersion: z.number(),
      measures: z.array(measureSchema()),
      views: z.array(tabledViewSchema()),
      findings: z.array(placelessFindingSchema()),
      /** Findings of the blocks that have any: [block index, [reference, finding, start, end, view index][]]. */
      hits: z.custom<Array<[number, TabledHit[]]>>((value) => Array.isArray(value) && value.every(isBlockHits), {
        message: 'malformed hits',
      }),
    })
    .check(
      z.superRefine(({ measures, views, findings, hits }, ctx) => {
        if (views.some((view) => view.measures.some((m) => m >= measures.length)))
          ctx.addIssue({ code: 'custom', message: 'a view names a measure the reply does not carry', path: ['views'] });
        if (hits.some(([, matches]) => matches.some(([, finding]) => finding >= findings.length)))
          ctx.addIssue({ code: 'custom', message: 'a hit names a finding the reply does not carry', path: ['hits'] });
        if (hits.some(([, matches]) => matches.some(([, , start, end]) => end < start)))
          ctx.addIssue({ code: 'custom', message: 'a hit ends before it starts', path: ['hits'] });
        if (hits.some(([, matches]) => matches.some(([, , , , view]) => view >= views.length)))
          ctx.addIssue({ code: 'custom', message: 'a hit names a view the reply does not carry', path: ['hits'] });
      }),
    );

/**
 * The content script's messages. `from` is who may send the request; `request` is the body (without `type`);
 * `reply` is the answer. Requests to the content script (`to: 'content'`) come from the extension's pages through
 * `tabs.sendMessage`.
 */
export const CONTENT_PROTOCOL = {
  /** Before reading anything: does VendorWatch run on the sender's site? Starts a new record for the tab. */
  'get-scan-config': lazyMessage({
    from: 'content',
    to: 'background',
    request: empty,
    reply: () => z.object({ runs: z.boolean(), listVersion: z.number() }),
  }),
  /**
   * Does VendorWatch still run on the sender's site (the settings or policy changed: a site paused or resumed)?
   * Unlike get-scan-config it leaves the tab's record as it is.
   */
  'get-site-running': lazyMessage({
    from: 'content',
    to: 'background',
    request: empty,
    reply: () => z.object({ runs: z.boolean() }),
  }),
  /**
   * The text of some blocks to match, joined by `packTexts` (lib/matching/wire). The text goes no further than the
   * background, which matches it and keeps only the findings, under references the content script reports back.
   */
  'match-blocks': lazyMessage({
    from: 'content',
    to: 'background',
    request: () => z.strictObject({ packed: z.string(), contexts: blockContexts() }),
    reply: matchBlocksReply,
  }),
  /** After every scan batch: the findings shown now, by the references the background gave them. */
  'findings-changed': lazyMessage({
    from: 'content',
    to: 'background',
    request: () =>
      z.strictObject({
        /**
         * The page's address now (client-side navigation changes it without a new document); accepted only on the
         * origin the browser reports for the sender.
         */
        url: z.string().check(z.maxLength(8_192)),
        title: z.string().check(z.maxLength(2_000)),
        findings: z.array(findingRef()).check(z.maxLength(100_000)),
        /** Findings a dismissal hides, with the dismissal's id: the evidence record keeps them, marked. */
        dismissed: z.optional(
          z.array(z.tuple([findingRef(), z.string().check(z.maxLength(100))])).check(z.maxLength(100_000)),
        ),
        paused: z.optional(z.boolean()),
      }),
    reply: z.null,
  }),
  /** A warning card's "Why is this flagged?": opens the watchlist page at that vendor (a page cannot open it itself). */
  'open-watchlist': lazyMessage({
    from: 'content',
    to: 'background',
    request: () => z.strictObject({ vendorId: z.string().check(z.regex(/^[a-z0-9-]{1,80}$/)) }),
    reply: z.null,
  }),
  /** Popup -> content script: scroll to and open the n-th warning. */
  'reveal-finding': lazyMessage({
    from: 'extension',
    to: 'content',
    request: () => z.strictObject({ index: nonnegativeInt() }),
    reply: z.boolean,
  }),
  /** Background -> content script: where VendorWatch runs may have changed (a site paused or resumed); ask again. */
  'sites-changed': lazyMessage({ from: 'extension', to: 'content', request: empty, reply: z.null }),
  /** Background -> content script: the user's own entries changed, read the page again with the new list. */
  rescan: lazyMessage({ from: 'extension', to: 'content', request: empty, reply: z.null }),
} as const satisfies Record<string, MessageSpec>;

export type ContentProtocol = typeof CONTENT_PROTOCOL;
type ContentMessageType = keyof ContentProtocol;
type ContentReply<T extends ContentMessageType> = ReplyOf<ContentProtocol, T>;

/** The reply schemas by type, typed per key (checked key by key), so a sender needs no cast. */
export const CONTENT_REPLIES: { [T in ContentMessageType]: { reply: z.core.$ZodType<ContentReply<T>> } } =
  CONTENT_PROTOCOL;
