import { render } from 'preact';
import { DocumentsLink, documentsPagePath } from '../../components/DocumentsLink';
import { Options, type OptionsApi } from '../../components/options/Options';
import { setPageLanguage } from '../../components/page-language';
import { send } from '../../platform/messaging';
import { readUserSettings, saveUserSettings } from '../../platform/storage';
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

setPageLanguage();
render(<Options api={api} />, document.getElementById('app')!);
render(
  <DocumentsLink
    pdfUrl={null}
    onOpen={() => void browser.tabs.create({ url: browser.runtime.getURL(documentsPagePath()) })}
  />,
  document.getElementById('documents')!,
);
