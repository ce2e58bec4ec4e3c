import { render } from 'preact';
import { Options, type OptionsApi } from '../../components/options/Options';
import { setPageLanguage } from '../../components/page-language';
import type { CheckUpdatesNowMessage, GetWatchlistStatusMessage, WatchlistStatus } from '../../lib/messages';
import { readUserSettings, saveUserSettings } from '../../platform/storage';
import '../../components/extension-page.css';
import './options.css';

const api: OptionsApi = {
  onExternalChange: (listener) => {
    browser.storage.onChanged.addListener((_changes, area) => {
      if (area === 'managed' || area === 'local') listener();
    });
  },
  status: () =>
    browser.runtime.sendMessage({
      type: 'get-watchlist-status',
    } satisfies GetWatchlistStatusMessage) as Promise<WatchlistStatus>,
  checkNow: () =>
    browser.runtime.sendMessage({
      type: 'check-updates-now',
    } satisfies CheckUpdatesNowMessage) as Promise<WatchlistStatus>,
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
