import { render } from 'preact';
import { FirstRun } from '../../components/FirstRun';
import { setPageLanguage } from '../../components/page-language';
import { suggestCountry } from '../../lib/settings/country';
import { effectiveSettings, readUserSettings, saveUserSettings } from '../../platform/storage';
import '../../components/extension-page.css';
import '../options/options.css';

async function main() {
  const { settings, locked } = await effectiveSettings();
  setPageLanguage();
  render(
    <FirstRun
      settings={settings}
      locked={locked}
      suggestedCountry={suggestCountry(Intl.DateTimeFormat().resolvedOptions().timeZone, navigator.languages)}
      save={async (choice) => {
        // Only what the user may change: a locked profile or country stays as the organisation set it.
        const user = await readUserSettings();
        await saveUserSettings({
          ...user,
          ...(locked.has('profile') ? {} : { profile: choice.profile }),
          ...(locked.has('country') ? {} : { country: choice.country }),
        });
      }}
      openOptions={() => void browser.runtime.openOptionsPage()}
    />,
    document.getElementById('app')!,
  );
}

void main();
