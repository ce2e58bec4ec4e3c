/**
 * The options page: the watchlist in force and its updates, and the settings that decide how VendorWatch warns.
 * Settings an organisation's policy has locked are shown but cannot be changed.
 */
import { useEffect, useState } from 'preact/hooks';
import type { WatchlistStatus } from '../../lib/messages';
import { exportSettings, parseSettingsImport, type Settings, settingsSchema } from '../../lib/settings/index';
import { t } from '../i18n';

export interface OptionsApi {
  /** Calls `listener` when settings or the organisation's policy change elsewhere. */
  onExternalChange(listener: () => void): void;
  status(): Promise<WatchlistStatus>;
  checkNow(): Promise<WatchlistStatus>;
  loadSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<void>;
  download(text: string, name: string): void;
}

const PROFILES: Array<[Settings['profile'], string]> = [
  ['uk-public', 'UK public body'],
  ['us-federal', 'US federal contractor or grantee'],
  ['au-government', 'Australian government'],
  ['tw-government', 'Taiwan government'],
  ['consumer', 'Other / consumer'],
];

const JURISDICTIONS: Array<[string, string]> = [
  ['GB', 'United Kingdom'],
  ['US', 'United States'],
  ['EU', 'European Union'],
  ['DE', 'Germany'],
  ['AU', 'Australia'],
  ['TW', 'Taiwan'],
  ['LT', 'Lithuania'],
];

const SENSITIVITIES: Array<[Settings['sensitivity'], string]> = [
  ['strict', 'Strict: listed names and their own brands only'],
  ['balanced', 'Balanced: also model numbers and likely misspellings (recommended)'],
  ['broad', 'Broad: also former subsidiaries and reported relabels, as possible matches to review'],
];

const formatDate = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : 'never');

export function Options({ api }: { api: OptionsApi }) {
  const [status, setStatus] = useState<WatchlistStatus | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [checking, setChecking] = useState(false);
  const [saved, setSaved] = useState('');
  const [problem, setProblem] = useState('');
  const [entriesText, setEntriesText] = useState<string | null>(null);

  useEffect(() => {
    const refresh = () => {
      void api.status().then(setStatus);
      void api.loadSettings().then(setSettings);
    };
    refresh();
    api.onExternalChange(refresh);
  }, [api]);

  if (!status || !settings) return <main aria-busy="true">Loading…</main>;
  const locked = new Set(status.locked);
  // What the page shows and saves is the organisation's value wherever the policy sets one.
  const shown: Settings = { ...settings, ...status.effective };
  const update = async (change: Partial<Settings>) => {
    const next = { ...settings, ...change };
    setSettings(next);
    await api.saveSettings(next);
    setProblem('');
    setSaved(t('optionsSaved'));
    setStatus(await api.status());
  };
  const lockedNote = (key: keyof Settings) => (locked.has(key) ? <p class="locked">{t('optionsLocked')}</p> : null);
  const lines = (text: string) =>
    text
      .split(/\s+/)
      .map((line) => line.trim().toLowerCase())
      .filter(Boolean);
  const entries = entriesText ?? (shown.userEntries.length > 0 ? JSON.stringify(shown.userEntries, null, 2) : '[]');
  const saveEntries = async () => {
    let json: unknown;
    try {
      json = JSON.parse(entries);
    } catch {
      setProblem('My entries: this is not valid JSON, so nothing was saved.');
      return;
    }
    const parsed = settingsSchema.shape.userEntries.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      setProblem(`My entries: entry ${issue.path.join('.')} is invalid (${issue.message}), so nothing was saved.`);
      return;
    }
    setEntriesText(null);
    await update({ userEntries: parsed.data });
  };

  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      <p class="muted" role="status">
        {saved}
      </p>
      {problem ? (
        <p class="problem" role="alert">
          {problem}
        </p>
      ) : null}

      <section aria-labelledby="watchlist-heading">
        <h2 id="watchlist-heading">{t('optionsWatchlist')}</h2>
        <dl>
          <dt>List in force</dt>
          <dd data-testid="list-version">
            Version {status.version} ({status.source === 'bundled' ? 'bundled with the extension' : 'updated'})
          </dd>
          <dt>Generated</dt>
          <dd>{formatDate(status.generatedAt)}</dd>
          <dt>Expires</dt>
          <dd>{formatDate(status.expiresAt)}</dd>
          <dt>Last check</dt>
          <dd data-testid="last-check">
            {status.lastCheck ? (
              <>
                <span class={`result-${status.lastCheck.result}`}>{status.lastCheck.message}</span>{' '}
                <span class="muted">({formatDate(status.lastCheck.at)})</span>
              </>
            ) : (
              'never'
            )}
          </dd>
          {status.organisationLists.map((org) => (
            <>
              <dt key={`${org.url}-label`}>{org.label}</dt>
              <dd key={org.url} data-testid="organisation-list">
                {org.version > 0 ? `Version ${org.version}` : 'not installed yet'}
                {org.lastCheck ? ` (${org.lastCheck.message})` : ''}
              </dd>
            </>
          ))}
          <dt>Next check</dt>
          <dd>{shown.updateUrl ? formatDate(status.nextCheckAt) : 'automatic updates are off (no address set)'}</dd>
        </dl>
        <label>
          Update address (HTTPS; the signature is read from the same address with .sig added)
          <br />
          <input
            type="url"
            name="updateUrl"
            value={shown.updateUrl}
            disabled={locked.has('updateUrl')}
            onChange={(event) => void update({ updateUrl: (event.target as HTMLInputElement).value.trim() })}
          />
        </label>
        {lockedNote('updateUrl')}
        <button
          type="button"
          disabled={checking}
          onClick={async () => {
            setChecking(true);
            setStatus(await api.checkNow());
            setChecking(false);
          }}
        >
          {checking ? t('optionsChecking') : t('optionsCheckNow')}
        </button>
      </section>

      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t('optionsProfile')}</h2>
        <label>
          Profile
          <br />
          <select
            name="profile"
            value={shown.profile}
            disabled={locked.has('profile')}
            onChange={(event) =>
              void update({ profile: (event.target as HTMLSelectElement).value as Settings['profile'] })
            }
          >
            {PROFILES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {lockedNote('profile')}
        <fieldset disabled={locked.has('jurisdictions')}>
          <legend>{t('optionsJurisdictions')}</legend>
          {JURISDICTIONS.map(([code, label]) => (
            <label key={code}>
              <input
                type="checkbox"
                name="jurisdiction"
                value={code}
                checked={shown.jurisdictions.includes(code)}
                onChange={(event) => {
                  const on = (event.target as HTMLInputElement).checked;
                  const next = on ? [...shown.jurisdictions, code] : shown.jurisdictions.filter((c) => c !== code);
                  void update({ jurisdictions: next });
                }}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
      </section>

      <section aria-labelledby="sensitivity-heading">
        <h2 id="sensitivity-heading">{t('optionsSensitivity')}</h2>
        <fieldset disabled={locked.has('sensitivity')}>
          <legend class="muted">How much VendorWatch reports</legend>
          {SENSITIVITIES.map(([value, label]) => (
            <label key={value}>
              <input
                type="radio"
                name="sensitivity"
                value={value}
                checked={shown.sensitivity === value}
                onChange={() => void update({ sensitivity: value })}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        {lockedNote('sensitivity')}
      </section>

      <section aria-labelledby="sites-heading">
        <h2 id="sites-heading">{t('optionsSites')}</h2>
        <fieldset>
          <legend class="muted">{t('optionsSites')}</legend>
          <label>
            <input
              type="radio"
              name="siteMode"
              value="everywhere"
              checked={shown.siteMode === 'everywhere'}
              onChange={() => void update({ siteMode: 'everywhere' })}
            />{' '}
            {t('optionsSitesEverywhere')}
          </label>
          <label>
            <input
              type="radio"
              name="siteMode"
              value="listed"
              checked={shown.siteMode === 'listed'}
              onChange={() => void update({ siteMode: 'listed' })}
            />{' '}
            {t('optionsSitesListed')}
          </label>
        </fieldset>
        <label>
          {t('optionsAllowedSites')}
          <br />
          <textarea
            name="allowedSites"
            rows={3}
            value={shown.allowedSites.join('\n')}
            onChange={(event) => void update({ allowedSites: lines((event.target as HTMLTextAreaElement).value) })}
          />
        </label>
        <label>
          {t('optionsPausedSites')}
          <br />
          <textarea
            name="pausedSites"
            rows={3}
            value={shown.pausedSites.join('\n')}
            onChange={(event) => void update({ pausedSites: lines((event.target as HTMLTextAreaElement).value) })}
          />
        </label>
      </section>

      <section aria-labelledby="entries-heading">
        <h2 id="entries-heading">{t('optionsEntries')}</h2>
        <label>
          {t('optionsEntriesHelp')}
          <br />
          <textarea
            name="userEntries"
            rows={8}
            value={entries}
            onInput={(event) => setEntriesText((event.target as HTMLTextAreaElement).value)}
          />
        </label>
        <button type="button" onClick={() => void saveEntries()}>
          {t('optionsSaveEntries')}
        </button>
      </section>

      <section aria-labelledby="import-heading">
        <h2 id="import-heading">{t('optionsImportExport')}</h2>
        <button type="button" onClick={() => api.download(exportSettings(settings), 'vendorwatch-settings.json')}>
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
              const file = (event.target as HTMLInputElement).files?.[0];
              if (!file) return;
              const result = parseSettingsImport(await file.text());
              if (!result.ok) {
                setSaved('');
                setProblem(result.error);
                return;
              }
              setSettings(result.settings);
              await api.saveSettings(result.settings);
              setProblem('');
              setSaved(t('optionsImported'));
              setStatus(await api.status());
            }}
          />
        </label>
      </section>
    </main>
  );
}
