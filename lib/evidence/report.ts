/**
 * The record a procurement officer keeps: what VendorWatch found on a page, when, against which list.
 * Built in the content script (which holds the findings) and formatted by the popup.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { WarningView } from '../present/warning-view';
import type { Watchlist } from '../watchlist/schema';

export interface EvidenceReport {
  pageUrl: string;
  pageTitle: string;
  capturedAt: string;
  watchlist: { version: number; generatedAt: string; sha256: string; source: 'bundled' | 'update' };
  findings: WarningView[];
}

/** SHA-256 of the list as serialised JSON, so a report names exactly which list it was made with. */
export function watchlistHash(list: Watchlist): string {
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify(list))));
}

export function buildEvidenceReport(input: {
  pageUrl: string;
  pageTitle: string;
  now: Date;
  list: Watchlist;
  source: 'bundled' | 'update';
  findings: WarningView[];
}): EvidenceReport {
  return {
    pageUrl: input.pageUrl,
    pageTitle: input.pageTitle,
    capturedAt: input.now.toISOString(),
    watchlist: {
      version: input.list.meta.version,
      generatedAt: input.list.meta.generatedAt,
      sha256: watchlistHash(input.list),
      source: input.source,
    },
    findings: input.findings,
  };
}
