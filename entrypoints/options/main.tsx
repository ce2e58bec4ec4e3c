import { render } from 'preact';
import { DocumentsLink, documentsPagePath } from '../../components/DocumentsLink';
import { Dismissals, type DismissalsApi } from '../../components/options/Dismissals';
import { Options, type OptionsApi } from '../../components/options/Options';
import { setPageLanguage } from '../../components/page-language';
import { withoutDismissal } from '../../lib/dismissals';
import { STORAGE, SUPPRESSIONS_PREFIX } from '../../lib/storage';
import { offerDownload } from '../../platform/download';
import { send } from '../../platform/messaging';
import { onPolicyMayHaveChanged } from '../../platform/quirks/managed-storage';
import { checkPatternInWorker } from '../../platform/quirks/pattern-check-worker';
import { allDismissals, getItem, readUserSettings, saveUserSettings, setItem } from '../../platform/storage';
import '../../components/extension-page.css';
import './options.css';

const api: OptionsApi = {
  onExternalChange: (listener) => {
    browser.storage.onChanged.addListener((_changes, area) => {
      if (area === 'local') listener();
    });
    onPolicyMayHaveChanged(listener);
  },
  status: () => send('get-watchlist-status', {}),
  checkNow: () => send('check-updates-now', {}),
  loadSettings: readUserSettings,
  saveSettings: saveUserSettings,
  checkPattern: checkPatternInWorker,
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
