/** The options page's "Import and export": the settings as a file, and a settings file read back in. */

import type { LocalText } from '../../lib/i18n/index';
import {
  exportSettings,
  parseSettingsImport,
  SETTINGS_IMPORT_MAX_BYTES,
  type Settings,
} from '../../lib/settings/index';
import { t } from '../i18n';

interface ImportSectionProps {
  /** The user's own settings (not the organisation's values): what an export carries. */
  settings: Settings;
  download(text: string, name: string): void;
  /** A file that could not be read as settings, with why. */
  refused(text: LocalText): void;
  /** Stores the file's settings (checks and locks are the page's). */
  import(settings: Settings): Promise<void>;
}

export function ImportSection({ settings, download, refused, import: importSettings }: ImportSectionProps) {
  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">{t('optionsImportExport')}</h2>
      <button type="button" onClick={() => download(exportSettings(settings), 'vendorwatch-settings.json')}>
        {t('optionsExport')}
      </button>
      <label>
        {t('optionsImport')}
        <br />
        <input
          type="file"
          name="import"
          accept="application/json,.json"
          onChange={async (event) => {
            const input = event.target as HTMLInputElement;
            const file = input.files?.[0];
            if (!file) return;
            // Refused before reading: a huge file would only be parsed to fail the storage quota.
            const result =
              file.size > SETTINGS_IMPORT_MAX_BYTES
                ? parseSettingsImport('', file.size)
                : parseSettingsImport(await file.text());
            input.value = '';
            if (result.ok) await importSettings(result.settings);
            else refused(result.text);
          }}
        />
      </label>
    </section>
  );
}
