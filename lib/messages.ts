/** Messages and storage keys shared by the extension's parts. */

/** storage.local key holding the watchlist currently in force, when an update replaced the bundled one. */
export const ACTIVE_LIST_KEY = 'watchlist:active';

/** What the popup and the badge need to know about one finding; never the page's text beyond the match. */
export interface FindingSummary {
  vendorId: string;
  vendorName: string;
  verdict: 'listed-vendor' | 'brand-of-listed-vendor' | 'possible-match';
  verdictLabel: string;
  evidence: string;
  measures: Array<{ id: string; title: string; jurisdiction: string }>;
}

export interface TabState {
  url: string;
  scannedAt: string;
  listVersion: number;
  findings: FindingSummary[];
}

/** Content script -> background, after every scan batch. */
export interface FindingsMessage {
  type: 'findings-changed';
  state: TabState;
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

export type ExtensionMessage = FindingsMessage | GetTabStateMessage | RevealFindingMessage | GetEvidenceMessage;

export const tabStateKey = (tabId: number) => `tab:${tabId}`;
