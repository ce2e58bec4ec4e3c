/**
 * The record a procurement officer keeps: what VendorWatch found on a page, when, against which list.
 * Built in the content script (which holds the findings) and formatted by the popup.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { WarningView } from '../present/warning-view';
import type { Dismissal } from '../storage';
import { freshness } from '../watchlist/freshness';
import type { Review, Watchlist } from '../watchlist/schema';

/** The person's decision on a finding they dismissed: the record keeps the finding, marked with it. */
export interface EvidenceDismissal {
  decision: 'dismissed' | 'not-this-vendor';
  scope: 'item' | 'vendor' | 'evidence';
  at: string;
  reason?: string;
}

/**
 * A finding in the record, with the product or lot it is in (`item`: the start of its card, row or paragraph) and
 * where: its place among the page's findings, or in a document (the Check documents page) which file and where in
 * it; a dismissed one carries the decision.
 */
export type EvidenceFinding = WarningView & {
  item?: string;
  file?: string;
  location?: string;
  dismissal?: EvidenceDismissal;
};

export interface EvidenceReport {
  pageUrl: string;
  pageTitle: string;
  capturedAt: string;
  watchlist: {
    version: number;
    generatedAt: string;
    sha256: string;
    source: 'bundled' | 'update';
    /** The day the list was last reviewed against the official sources (its generation day if it records none). */
    reviewedOn: string;
    /** Each source and the day it was compared, newest first, so the record says how current the list was. */
    reviewed: Review[];
  };
  findings: EvidenceFinding[];
}

/**
 * SHA-256 of the list's canonical JSON: `JSON.stringify(list, null, 2)` plus a final newline, exactly the bytes
 * `npm run watchlist:build` writes to public/watchlist.json (and that maintainers publish and sign). So the hash in a
 * report can be checked against the published file with `sha256sum watchlist.json`. The round trip is exact for
 * a list parsed from that file (JSON.parse, or the zod schema, which keeps the key order); a unit test holds it.
 */
export function watchlistHash(list: Watchlist): string {
  return bytesToHex(sha256(utf8ToBytes(`${JSON.stringify(list, null, 2)}\n`)));
}

/**
 * The dismissed findings for the record: each view with its dismissal, when the site's stored dismissals hold that
 * id for that vendor (the page side only names the id; the decision, time and reason come from storage).
 */
export function dismissedFindings(
  dismissed: Array<{ view: EvidenceFinding; dismissalId: string }>,
  stored: readonly Dismissal[],
): EvidenceFinding[] {
  return dismissed.flatMap(({ view, dismissalId }) => {
    const dismissal = stored.find((d) => d.id === dismissalId && d.vendorId === view.vendorId);
    if (!dismissal) return [];
    const { decision, scope, at, reason } = dismissal;
    // The item's text as the dismissal recorded it, when the page's record has none (a legacy record has neither).
    const item = view.item ?? (dismissal.itemText || undefined);
    return [{ ...view, ...(item ? { item } : {}), dismissal: { decision, scope, at, ...(reason ? { reason } : {}) } }];
  });
}

export function buildEvidenceReport(input: {
  pageUrl: string;
  pageTitle: string;
  now: Date;
  list: Watchlist;
  source: 'bundled' | 'update';
  findings: EvidenceFinding[];
}): EvidenceReport {
  const { reviewedOn, reviews } = freshness(input.list.meta, input.now);
  return {
    pageUrl: input.pageUrl,
    pageTitle: input.pageTitle,
    capturedAt: input.now.toISOString(),
    watchlist: {
      version: input.list.meta.version,
      generatedAt: input.list.meta.generatedAt,
      sha256: watchlistHash(input.list),
      source: input.source,
      reviewedOn,
      reviewed: reviews,
    },
    findings: input.findings,
  };
}
