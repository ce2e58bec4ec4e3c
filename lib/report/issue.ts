/**
 * "Report a problem": a pre-filled issue for the project's tracker. The user chooses how much of the page address
 * to include and sees the exact text before anything leaves the browser; no page text beyond the matched words is
 * ever included.
 */
import { VERDICT_LABELS } from '../present/labels';
import type { FindingSummary } from '../protocol';

/** The project's public issue tracker (keep in step with package.json "bugs.url"). */
export const ISSUE_TRACKER_URL = 'https://github.com/vendorwatch/vendorwatch/issues/new';

export type AddressDetail = 'none' | 'site' | 'path' | 'full';

export function addressFor(pageUrl: string, detail: AddressDetail): string {
  if (detail === 'none') return '(not included)';
  const url = new URL(pageUrl);
  if (detail === 'site') return url.hostname;
  if (detail === 'path') return `${url.origin}${url.pathname}`;
  return url.href;
}

interface ProblemReport {
  title: string;
  body: string;
  /** The address the browser will open: the tracker with title and body filled in. */
  url: string;
}

export function buildProblemReport(input: {
  finding: FindingSummary;
  pageUrl: string;
  detail: AddressDetail;
  listVersion: number;
  extensionVersion: string;
}): ProblemReport {
  const { finding } = input;
  const title = `Possible wrong finding: ${finding.vendorName} (“${finding.evidence}”)`;
  const body = [
    '### What VendorWatch showed',
    `- Vendor: ${finding.vendorName} (\`${finding.vendorId}\`)`,
    `- Verdict: ${VERDICT_LABELS[finding.verdict]}`,
    `- Matched text: “${finding.evidence}”`,
    `- Measures: ${finding.measures.map((m) => m.id).join(', ') || 'none'}`,
    `- Page address: ${addressFor(input.pageUrl, input.detail)}`,
    `- Watchlist version: ${input.listVersion}; extension version: ${input.extensionVersion}`,
    '',
    '### What is wrong',
    '(Please describe: wrong vendor, outdated measure, wrong wording...)',
  ].join('\n');
  const url = `${ISSUE_TRACKER_URL}?${new URLSearchParams({ title, body, labels: 'watchlist' }).toString()}`;
  return { title, body, url };
}
