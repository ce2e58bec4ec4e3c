/**
 * The options page: the watchlist in force and its updates, and the settings that decide how VendorWatch warns.
 * Settings an organisation's policy has locked are shown but cannot be changed.
 */
import { useEffect, useState } from 'preact/hooks';
import type { WatchlistStatus } from '../../lib/messages';
import type { Settings } from '../../lib/settings/index';

export interface OptionsApi {
  /** Calls `listener` when settings or the organisation's policy change elsewhere. */
  onExternalChange(listener: () => void): void;
  status(): Promise<WatchlistStatus>;
  checkNow(): Promise<WatchlistStatus>;
  loadSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<void>;
}

const PROFILES: Array<[Settings['profile'], string]> = [
  ['uk-public', 'UK public body'],
  ['us-federal', 'US federal contractor or grantee'],
  ['au-government', 'Australian government'],
  ['tw-government', 'Taiwan government'],
  ['consumer', 'Other / consumer'],
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
    setSaved('Saved. Pages you open from now on use the new settings.');
    setStatus(await api.status());
  };
  const lockedNote = (key: keyof Settings) =>
    locked.has(key) ? <p class="locked">Set by your organisation; you cannot change it.</p> : null;

  return (
    <main>
      <h1>VendorWatch options</h1>
      <p class="muted" role="status">
        {saved}
      </p>

      <section aria-labelledby="watchlist-heading">
        <h2 id="watchlist-heading">Watchlist</h2>
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
          {checking ? 'Checking…' : 'Check now'}
        </button>
      </section>

      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">Who you are</h2>
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
      </section>

      <section aria-labelledby="sensitivity-heading">
        <h2 id="sensitivity-heading">Sensitivity</h2>
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
    </main>
  );
}
