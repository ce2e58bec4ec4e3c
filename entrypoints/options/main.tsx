import { render } from 'preact';
import { DocumentsLink, documentsPagePath } from '../../components/DocumentsLink';
import { Dismissals, type DismissalsApi } from '../../components/options/Dismissals';
import { Options, type OptionsApi } from '../../components/options/Options';
import { setPageLanguage } from '../../components/page-language';
import { withoutDismissal } from '../../lib/dismissals';
import { STORAGE, SUPPRESSIONS_PREFIX } from '../../lib/storage';
import { offerDownload } from '../../platform/download';
import { send } from '../../platform/messaging';
import { allDismissals, getItem, readUserSettings, saveUserSettings, setItem } from '../../platform/storage';
import '../../components/extension-page.css';
import './options.css';

/** recheck (2.9 MB) runs in a worker started the first time own entries with model patterns are saved. */
let recheckWorker: Worker | null = null;
let nextCheck = 0;
const checkPattern: OptionsApi['checkPattern'] = (source, flags) => {
  recheckWorker ??= new Worker(new URL('./recheck-worker.ts', import.meta.url), { type: 'module' });
  const worker = recheckWorker;
  const id = nextCheck++;
  return new Promise((resolve) => {
    const answer = (event: MessageEvent<{ id: number; status: 'safe' | 'vulnerable' | 'unknown' }>) => {
      if (event.data.id !== id) return;
      worker.removeEventListener('message', answer);
      resolve({ status: event.data.status });
    };
    worker.addEventListener('message', answer);
    // A worker that cannot start or dies answers "unknown": the pattern is refused as not proved, never hangs the page.
    worker.addEventListener('error', () => resolve({ status: 'unknown' }), { once: true });
    worker.postMessage({ id, source, flags });
  });
};

const api: OptionsApi = {
  onExternalChange: (listener) => {
    browser.storage.onChanged.addListener((_changes, area) => {
      if (area === 'managed' || area === 'local') listener();
    });
    // Chromium does not always announce the first load of an organisation's policy as a change: read again
    // whenever the page comes back into view, so a page opened early never shows stale locks for long.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') listener();
    });
  },
  status: () => send('get-watchlist-status', {}),
  checkNow: () => send('check-updates-now', {}),
  loadSettings: readUserSettings,
  saveSettings: saveUserSettings,
  checkPattern,
  download: (text, name) => offerDownload(text, 'application/json', name),
};

const dismissalsApi: DismissalsApi = {
  load: allDismissals,
  restore: async (site, id) => {
    // Pages open on the site follow this key and show the warnings again.
    await setItem(STORAGE.suppressions(site), withoutDismissal(await getItem(STORAGE.suppressions(site)), id));
  },
  onChange: (listener) =>
    browser.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && Object.keys(changes).some((key) => key.startsWith(SUPPRESSIONS_PREFIX))) listener();
    }),
};

setPageLanguage();
render(<Options api={api} />, document.getElementById('app')!);
render(<Dismissals api={dismissalsApi} />, document.getElementById('dismissals')!);
render(
  <DocumentsLink
    pdfUrl={null}
    onOpen={() => void browser.tabs.create({ url: browser.runtime.getURL(documentsPagePath()) })}
  />,
  document.getElementById('documents')!,
);
