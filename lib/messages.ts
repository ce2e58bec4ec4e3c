/** Messages and storage keys shared by the extension's parts. */
import type { SparseMatches } from './matching/index';
import type { WarningView } from './present/warning-view';
import type { Settings } from './settings/index';
import type { LocalText } from './watchlist/wording';

/** What the popup and the badge need to know about one finding; never the page's text beyond the match. */
export interface FindingSummary {
  vendorId: string;
  vendorName: string;
  verdict: 'listed-vendor' | 'brand-of-listed-vendor' | 'possible-match';
  verdictLabel: string;
  evidence: string;
  measures: Array<{ id: string; title: string; jurisdiction: string }>;
}

/** The summary of a warning the popup and badge get: the matched words and the measures, nothing else. */
export function summariseView(view: WarningView): FindingSummary {
  return {
    vendorId: view.vendorId,
    vendorName: view.vendorName,
    verdict: view.verdict,
    verdictLabel: view.verdictLabel,
    evidence: view.evidence,
    measures: view.measures.map(({ id, title, jurisdiction }) => ({ id, title, jurisdiction })),
  };
}

export interface TabState {
  url: string;
  scannedAt: string;
  listVersion: number;
  findings: FindingSummary[];
  /** VendorWatch does not run on this site (paused, or not among the listed sites). */
  paused?: boolean;
}

/** Content script -> background, after every scan batch. */
export interface FindingsMessage {
  type: 'findings-changed';
  state: TabState;
}

/** Content script -> background, before reading anything: does VendorWatch run on this site? (answer: ScanConfig) */
export interface GetScanConfigMessage {
  type: 'get-scan-config';
  site: string;
}

export interface ScanConfig {
  runs: boolean;
  listVersion: number;
}

/**
 * Content script -> background: the text of some blocks to match (answer: MatchBlocksReply). The text goes no
 * further than the extension's background, which matches it and keeps none of it.
 */
export interface MatchBlocksMessage {
  type: 'match-blocks';
  /** The blocks' texts, joined by `packTexts` (lib/matching). */
  packed: string;
}

export interface MatchBlocksReply {
  listVersion: number;
  /** Findings of the blocks that have any, by index in the order sent. */
  hits: SparseMatches;
}

/** Content script -> background: the evidence record of the findings shown, against the list in force. */
export interface BuildEvidenceMessage {
  type: 'build-evidence';
  pageUrl: string;
  pageTitle: string;
  findings: WarningView[];
}

/** Extension page -> background: the state of a tab (the popup, and the end-to-end tests). */
export interface GetTabStateMessage {
  type: 'get-tab-state';
  tabId: number;
}

/** Popup -> content script: scroll to and open the n-th warning. */
export interface RevealFindingMessage {
  type: 'reveal-finding';
  index: number;
}

/** Popup -> content script: the full evidence record of the page (answer: EvidenceReport from lib/evidence). */
export interface GetEvidenceMessage {
  type: 'get-evidence';
}

/** Options page -> background: check for a watchlist update now (answer: WatchlistStatus). */
export interface CheckUpdatesNowMessage {
  type: 'check-updates-now';
}

/** Options/popup -> background: the list in force and the last update check (answer: WatchlistStatus). */
export interface GetWatchlistStatusMessage {
  type: 'get-watchlist-status';
}

export interface WatchlistStatus {
  version: number;
  generatedAt: string;
  expiresAt: string;
  source: 'bundled' | 'update';
  updateUrl: string;
  /** The settings in effect: the user's, with the organisation's policy applied. */
  effective: Settings;
  /** Settings the organisation's policy has locked. */
  locked: string[];
  /** `message` in English; `text` the same, localisable (absent in records stored by older versions). */
  lastCheck: { at: string; url: string; result: string; message: string; text?: LocalText } | null;
  nextCheckAt: string | null;
  /** The organisation's own lists set by policy, with the version in force (0: none yet). */
  organisationLists: Array<{ label: string; url: string; version: number; lastCheck: WatchlistStatus['lastCheck'] }>;
  /**
   * What was wrong with the organisation's policy, in plain words (one line each, e.g. "policy field sensitivity:
   * 'Strict' is not one of strict, balanced, broad; ignored ..."). The rest of the policy still applies. Absent or
   * empty: nothing wrong.
   */
  policyProblems?: string[];
}

export type ExtensionMessage =
  | FindingsMessage
  | GetScanConfigMessage
  | MatchBlocksMessage
  | BuildEvidenceMessage
  | GetTabStateMessage
  | RevealFindingMessage
  | GetEvidenceMessage
  | CheckUpdatesNowMessage
  | GetWatchlistStatusMessage;

export const tabStateKey = (tabId: number) => `tab:${tabId}`;
