import { render } from 'preact';
import { DocumentsLink, documentsPagePath, looksLikePdf } from '../../components/DocumentsLink';
import { type ExportFormat, Popup } from '../../components/Popup';
import { setPageLanguage } from '../../components/page-language';
import { withoutDismissal } from '../../lib/dismissals';
import { toCsv, toJson, toPrintableHtml } from '../../lib/evidence/format';
import { STORAGE } from '../../lib/storage';
import { freshness } from '../../lib/watchlist/freshness';
import { offerDownload } from '../../platform/download';
import { send, sendToTab } from '../../platform/messaging';
import { getItem, readUserSettings, saveUserSettings, setItem } from '../../platform/storage';
import '../../components/extension-page.css';
import './popup.css';

/** The tab the popup describes: the active tab, or `?tab=<id>` (used by the end-to-end tests). */
async function targetTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function start() {
  setPageLanguage();
  const tabId = await targetTabId();
  const [state, status] = await Promise.all([
    tabId === undefined ? null : send('get-tab-state', { tabId }),
    send('get-watchlist-status', {}),
  ]);
  const pauseLocked = status.locked.includes('pausedSites');
  const site = state ? new URL(state.url).hostname : null;
  const ageDays = Math.max(0, Math.floor((Date.now() - Date.parse(status.generatedAt)) / 86_400_000));
  const { reviewedOn, sources } = freshness(status, new Date());

  let dismissals = site ? await getItem(STORAGE.suppressions(site)) : [];
  let pausedNow = site !== null && status.effective.pausedSites.includes(site);

  const draw = (paused: boolean) => {
    pausedNow = paused;
    render(
      <Popup
        state={state}
        site={site}
        paused={paused}
        pauseLocked={pauseLocked}
        listAgeDays={ageDays}
        reviewed={{ version: status.version, reviewedOn, sources }}
        extensionVersion={browser.runtime.getManifest().version}
        onReveal={(index) => {
          if (tabId === undefined) return;
          void sendToTab(tabId)('reveal-finding', { index }).then(() => window.close());
        }}
        onOpenOptions={() => void browser.runtime.openOptionsPage()}
        onOpenWatchlist={(part) =>
          void browser.tabs.create({ url: browser.runtime.getURL(`/watchlist.html${part ? `#${part}` : ''}`) })
        }
        onTogglePause={async (pause) => {
          if (!site || pauseLocked) return;
          const current = await readUserSettings();
          const pausedSites = pause
            ? [...new Set([...current.pausedSites, site])]
            : current.pausedSites.filter((s) => s !== site);
          await saveUserSettings({ ...current, pausedSites });
          draw(pause);
        }}
        onExport={async (format: ExportFormat) => {
          if (tabId === undefined) return;
          const report = await send('build-evidence', { tabId });
          if (!report) return;
          const stamp = report.capturedAt.slice(0, 19).replace(/[:T]/g, '-');
          if (format === 'csv') offerDownload(toCsv(report), 'text/csv', `vendorwatch-${stamp}.csv`);
          else if (format === 'json') offerDownload(toJson(report), 'application/json', `vendorwatch-${stamp}.json`);
          else {
            const id = crypto.randomUUID();
            await setItem(STORAGE.report(id), toPrintableHtml(report));
            await browser.tabs.create({ url: browser.runtime.getURL(`/report.html?id=${id}`) });
          }
        }}
        onOpenReport={(url) => void browser.tabs.create({ url })}
        dismissals={dismissals}
        onUndoDismissal={async (dismissal) => {
          if (!site) return;
          // The page follows this key and shows the warnings again (scanner/suppressions.ts).
          const current = await getItem(STORAGE.suppressions(site));
          dismissals = withoutDismissal(current, dismissal.id);
          await setItem(STORAGE.suppressions(site), dismissals);
          draw(pausedNow);
        }}
      />,
      document.getElementById('app')!,
    );
  };
  // The paused sites in effect: the organisation's wherever its policy sets them.
  draw(pausedNow);
}

void start();

/** The way to the Check documents page, with "Check this PDF" when the tab shows a PDF (its address needs activeTab). */
async function showDocumentsLink() {
  const tabId = await targetTabId();
  const url = tabId === undefined ? undefined : (await browser.tabs.get(tabId).catch(() => undefined))?.url;
  render(
    <DocumentsLink
      pdfUrl={looksLikePdf(url) ? (url ?? null) : null}
      onOpen={(pdfUrl) => void browser.tabs.create({ url: browser.runtime.getURL(documentsPagePath(pdfUrl)) })}
    />,
    document.getElementById('documents')!,
  );
}

void showDocumentsLink();
