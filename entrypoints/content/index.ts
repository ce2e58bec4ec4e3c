/**
 * Content script: thin glue between the page and the background. Reads the page block by block, sends the text
 * to the background's engine for matching (the engine, the list and its schema never load into the page's main
 * thread), writes the warnings, follows the page as it changes, and reports the findings for the badge and popup.
 * Page text goes to the extension's own background only, which matches it and keeps none of it.
 */

import type { EvidenceReport } from '../../lib/evidence/report';
import type { BlockMatch } from '../../lib/matching/index';
import { packTexts, unpackMatches } from '../../lib/matching/wire';
import {
  type BuildEvidenceMessage,
  type FindingSummary,
  type FindingsMessage,
  type GetEvidenceMessage,
  type GetScanConfigMessage,
  type MatchBlocksMessage,
  type MatchBlocksReply,
  type RevealFindingMessage,
  type ScanConfig,
  summariseView,
  type TabState,
} from '../../lib/messages';
import { adapterFor } from '../../scanner/adapters/index';
import { PageScanner } from '../../scanner/page-scanner';
import { findingKey, SuppressionStore } from '../../scanner/suppressions';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  async main(ctx) {
    const site = location.hostname;
    const config = (await browser.runtime.sendMessage({
      type: 'get-scan-config',
      site,
    } satisfies GetScanConfigMessage)) as ScanConfig;
    let listVersion = config.listVersion;
    const report = (findings: FindingSummary[], paused?: boolean) => {
      const state: TabState = {
        url: location.href,
        scannedAt: new Date().toISOString(),
        listVersion,
        findings,
        ...(paused ? { paused } : {}),
      };
      browser.runtime.sendMessage({ type: 'findings-changed', state } satisfies FindingsMessage).catch(() => {
        // The background may be restarting; the next change sends the findings again.
      });
    };
    if (!config.runs) {
      // Tell the popup this site is paused or not selected, so the switch can be turned back on.
      report([], true);
      return;
    }
    const suppressions = await SuppressionStore.load(site);

    const scanner = new PageScanner({
      doc: document,
      adapter: adapterFor(site),
      match: async (texts): Promise<Array<BlockMatch[] | undefined>> => {
        const reply = (await browser.runtime.sendMessage({
          type: 'match-blocks',
          packed: packTexts(texts),
        } satisfies MatchBlocksMessage)) as MatchBlocksReply;
        listVersion = reply.listVersion;
        return unpackMatches(reply.hits, texts.length);
      },
      isSuppressed: (finding) => suppressions.has(finding),
      onDismiss: (finding) => {
        void suppressions.add(finding, 'dismissed');
        scanner.hide((other) => findingKey(other) === findingKey(finding));
      },
      onNotThisVendor: (finding) => {
        void suppressions.add(finding, 'not-this-vendor');
        scanner.hide((other) => other.vendorId === finding.vendorId && other.evidence === finding.evidence);
      },
      onFindingsChanged: (findings) => report(findings.map(({ view }) => summariseView(view))),
    });
    browser.runtime.onMessage.addListener((raw: unknown) => {
      const message = raw as RevealFindingMessage | GetEvidenceMessage;
      if (message?.type === 'get-evidence') {
        return browser.runtime.sendMessage({
          type: 'build-evidence',
          pageUrl: location.href,
          pageTitle: document.title,
          findings: scanner.findings().map(({ view }) => view),
        } satisfies BuildEvidenceMessage) as Promise<EvidenceReport>;
      }
      if (message?.type !== 'reveal-finding') return undefined;
      const target = scanner.findings()[message.index];
      target?.host.scrollIntoView({ behavior: 'smooth', block: 'center' });
      // Focusing the pill opens the rationale card and tells screen readers where we are.
      (target?.host.shadowRoot?.querySelector('button.pill') as HTMLElement | null)?.focus();
      return Promise.resolve(Boolean(target));
    });
    await scanner.scan(document.body ?? document.documentElement);
    scanner.observe();
    ctx.onInvalidated(() => scanner.stop());
  },
});
