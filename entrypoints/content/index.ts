/**
 * Content script: thin glue between the page and the engine. Loads the list in force, scans the page, follows
 * it as it changes, and reports the count to the background for the toolbar badge. Page text never leaves
 * this script.
 */

import { createEngine } from '../../lib/engine/index';
import { buildEvidenceReport } from '../../lib/evidence/report';
import type { FindingSummary, FindingsMessage, GetEvidenceMessage, RevealFindingMessage } from '../../lib/messages';
import type { WarningView } from '../../lib/present/warning-view';
import { runsOn, withUserEntries } from '../../lib/settings/index';
import {
  EMPTY_LIST,
  mergeOrganisationLists,
  namespacedStore,
  type OrganisationList,
  organisationNamespace,
} from '../../lib/update/organisation';
import { readActiveList } from '../../lib/update/updater';
import type { Watchlist } from '../../lib/watchlist/index';
import { effectiveSettings, localStore } from '../../platform/storage';
import bundledList from '../../public/watchlist.json';
import { adapterFor } from '../../scanner/adapters/index';
import { PageScanner } from '../../scanner/page-scanner';
import { findingKey, SuppressionStore } from '../../scanner/suppressions';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  async main(ctx) {
    const [active, { settings, extraLists }] = await Promise.all([activeList(), effectiveSettings()]);
    const site = location.hostname;
    if (!runsOn(settings, site)) {
      // Tell the popup this site is paused or not selected, so the switch can be turned back on.
      const message: FindingsMessage = {
        type: 'findings-changed',
        state: {
          url: location.href,
          scannedAt: new Date().toISOString(),
          listVersion: active.list.meta.version,
          findings: [],
          paused: true,
        },
      };
      browser.runtime.sendMessage(message).catch(() => undefined);
      return;
    }
    const list = withUserEntries(mergeOrganisationLists(active.list, await organisationLists(extraLists)), settings);
    const engine = createEngine(list, { sensitivity: settings.sensitivity });
    const suppressions = await SuppressionStore.load(site);

    const scanner = new PageScanner({
      doc: document,
      adapter: adapterFor(site),
      profile: settings.profile,
      jurisdictions: settings.jurisdictions,
      list,
      engine,
      isSuppressed: (finding) => suppressions.has(finding),
      onDismiss: (finding) => {
        void suppressions.add(finding, 'dismissed');
        scanner.hide((other) => findingKey(other) === findingKey(finding));
      },
      onNotThisVendor: (finding) => {
        void suppressions.add(finding, 'not-this-vendor');
        scanner.hide((other) => other.vendorId === finding.vendorId && other.evidence === finding.evidence);
      },
      onFindingsChanged: (findings) => {
        const message: FindingsMessage = {
          type: 'findings-changed',
          state: {
            url: location.href,
            scannedAt: new Date().toISOString(),
            listVersion: list.meta.version,
            findings: findings.map(({ view }) => summarise(view)),
          },
        };
        browser.runtime.sendMessage(message).catch(() => {
          // The background may be restarting; the next change sends the count again.
        });
      },
    });
    browser.runtime.onMessage.addListener((raw: unknown) => {
      const message = raw as RevealFindingMessage | GetEvidenceMessage;
      if (message?.type === 'get-evidence') {
        return Promise.resolve(
          buildEvidenceReport({
            pageUrl: location.href,
            pageTitle: document.title,
            now: new Date(),
            list: active.list,
            source: active.source,
            findings: scanner.findings().map(({ view }) => view),
          }),
        );
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

/** The organisation lists from policy that have been fetched and verified. */
async function organisationLists(extras: OrganisationList[]) {
  const now = new Date();
  const installed = await Promise.all(
    extras.map(async (extra) => ({
      label: extra.label,
      ...(await readActiveList(namespacedStore(localStore, organisationNamespace(extra)), EMPTY_LIST, now, false)),
    })),
  );
  return installed.filter((entry) => entry.source === 'update');
}

/** The list an accepted update left in storage, else the bundled one (the floor). */
async function activeList() {
  // The bundled list is checked against the schema at build time and in the tests; parsing it again here would
  // cost every page tens of milliseconds.
  return readActiveList(localStore, bundledList as Watchlist, new Date(), false);
}

function summarise(view: WarningView): FindingSummary {
  return {
    vendorId: view.vendorId,
    vendorName: view.vendorName,
    verdict: view.verdict,
    verdictLabel: view.verdictLabel,
    evidence: view.evidence,
    measures: view.measures.map(({ id, title, jurisdiction }) => ({ id, title, jurisdiction })),
  };
}
