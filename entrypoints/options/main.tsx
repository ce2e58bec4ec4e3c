import { render } from 'preact';
import { DocumentsLink, documentsPagePath } from '../../components/DocumentsLink';
import { Dismissals, type DismissalsApi } from '../../components/options/Dismissals';
import { Options, type OptionsApi } from '../../components/options/Options';
import { setPageLanguage } from '../../components/page-language';
import { withoutDismissal } from '../../lib/dismissals';
import { STORAGE, SUPPRESSIONS_PREFIX } from '../../lib/storage';
import { send } from '../../platform/messaging';
import { allDismissals, getItem, readUserSettings, saveUserSettings, setItem } from '../../platform/storage';
import '../../components/extension-page.css';
import './options.css';

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
  // recheck is 2.9 MB: loaded only when someone saves or imports own entries with model patterns.
  checkPattern: async (source, flags) => (await import('recheck')).check(source, flags, { timeout: 10_000 }),
  download: (text, name) => {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    link.download = name;
    link.dataset.testid = 'export-link';
    link.hidden = true;
    document.body.append(link);
    link.click();
  },
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
