/**
 * The options page: the watchlist in force and its updates, and the settings that decide how VendorWatch warns.
 * Settings an organisation's policy has locked are shown but cannot be changed.
 */
import { useEffect, useState } from 'preact/hooks';
import type { WatchlistStatus } from '../../lib/protocol';
import {
  exportSettings,
  parseSettingsImport,
  SETTINGS_IMPORT_MAX_BYTES,
  type SettingKey,
  type Settings,
  settingsSchema,
} from '../../lib/settings/index';
import { formatDay, freshness } from '../../lib/watchlist/freshness';
import { ownModelProblems, type SafetyCheck } from '../../lib/watchlist/own-patterns';
import type { Vendor } from '../../lib/watchlist/schema';
import { CountrySelect } from '../CountrySelect';
import { type MessageKey, t, tx } from '../i18n';
import { OwnEntries } from './OwnEntries';

export interface OptionsApi {
  /** Calls `listener` when settings or the organisation's policy change elsewhere. */
  onExternalChange(listener: () => void): void;
  status(): Promise<WatchlistStatus>;
  checkNow(): Promise<WatchlistStatus>;
  loadSettings(): Promise<Settings>;
  /**
   * Saves what the user may change; resolves to the locked settings `settings` asked to change, which were left
   * unchanged. Rejects (the storage quota) having changed nothing.
   */
  saveSettings(settings: Settings): Promise<SettingKey[]>;
  download(text: string, name: string): void;
  /** recheck's proof that a model pattern cannot backtrack catastrophically (the bundled list's check). */
  checkPattern: SafetyCheck;
  /** The time now (tests pass a fixed one); the browser's clock otherwise. */
  now?(): Date;
}

const PROFILES: Array<[Settings['profile'], MessageKey]> = [
  ['uk-public', 'profileUkPublic'],
  ['us-federal', 'profileUsFederal'],
  ['au-government', 'profileAuGovernment'],
  ['tw-government', 'profileTwGovernment'],
  ['consumer', 'profileConsumer'],
];

const JURISDICTIONS: Array<[string, MessageKey]> = [
  ['GB', 'jurisdictionGB'],
  ['US', 'jurisdictionUS'],
  ['EU', 'jurisdictionEU'],
  ['DE', 'jurisdictionDE'],
  ['AU', 'jurisdictionAU'],
  ['TW', 'jurisdictionTW'],
  ['LT', 'jurisdictionLT'],
];

const SENSITIVITIES: Array<[Settings['sensitivity'], MessageKey]> = [
  ['strict', 'sensitivityStrict'],
  ['balanced', 'sensitivityBalanced'],
  ['broad', 'sensitivityBroad'],
];

/** What an update check found, in the reader's language; records stored by older versions only have English. */
const checkMessage = (check: NonNullable<WatchlistStatus['lastCheck']>) =>
  check.text ? tx(check.text) : check.message;

/** Dates in the interface language (the page's lang, set from the browser's i18n locale). */
const formatDate = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString(document.documentElement.lang || undefined) : t('optionsNever');

export function Options({ api }: { api: OptionsApi }) {
  const [status, setStatus] = useState<WatchlistStatus | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [checking, setChecking] = useState(false);
  const [saved, setSaved] = useState('');
  const [problem, setProblem] = useState('');

  useEffect(() => {
    const refresh = () => {
      void api.status().then(setStatus);
      void api.loadSettings().then(setSettings);
    };
    refresh();
    api.onExternalChange(refresh);
  }, [api]);

  if (!status || !settings) return <main aria-busy="true">{t('optionsLoading')}</main>;
  const fresh = freshness(status, api.now?.() ?? new Date());
  const day = (iso: string) => formatDay(iso, document.documentElement.lang || undefined);
  const locked = new Set(status.locked);
  // What the page shows and saves is the organisation's value wherever the policy sets one.
  const shown: Settings = { ...settings, ...status.effective };
  /** Saves `next`; the page then shows what storage really holds, so a refused or locked change never shows. */
  const save = async (
    next: Settings,
    done: (unchanged: SettingKey[]) => string,
    optimistic = false,
  ): Promise<boolean> => {
    let unchanged: SettingKey[] | null = null;
    const before = settings;
    // A control's change is shown at once, so one moved twice quickly (arrow keys) starts from where it is.
    if (optimistic) setSettings(next);
    try {
      unchanged = await api.saveSettings(next);
      setProblem('');
      setSaved(done(unchanged));
    } catch (error) {
      if (optimistic) setSettings(before);
      setSaved('');
      setProblem(t('optionsSaveFailed', error instanceof Error ? error.message : String(error)));
    }
    // Then what is in effect and what storage really holds, so a refused or locked change never stays on screen
    // (the outcome is already said: the status may wait on an update check).
    setStatus(await api.status());
    if (!optimistic || unchanged?.length) setSettings(await api.loadSettings());
    return unchanged !== null;
  };
  const lockedMessage = (unchanged: SettingKey[]) =>
    unchanged.length > 0 ? ` ${t('optionsLockedUnchanged', unchanged.join(', '))}` : '';
  /** Own entries' model patterns get the bundled list's checks; each bad one is named with its reason. */
  const patternsRefused = async (entries: Vendor[]): Promise<boolean> => {
    const problems = await ownModelProblems(entries, api.checkPattern);
    if (problems.length === 0) return false;
    setSaved('');
    setProblem(problems.map((p) => t('ownPatternRefused', p.vendor, p.rule, p.reason)).join(' '));
    return true;
  };
  const update = (change: Partial<Settings>) =>
    save({ ...settings, ...change }, (unchanged) => `${t('optionsSaved')}${lockedMessage(unchanged)}`, true);
  const lockedNote = (key: keyof Settings) =>
    locked.has(key) ? (
      <p class="locked" id={`locked-${key}`}>
        {t('optionsLocked')}
      </p>
    ) : null;
  /** Screen readers hear why a locked control cannot be used. */
  const describedBy = (key: keyof Settings) => (locked.has(key) ? `locked-${key}` : undefined);
  const lines = (text: string) =>
    text
      .split(/\s+/)
      .map((line) => line.trim().toLowerCase())
      .filter(Boolean);
  /** The own entries from the form (components/options/OwnEntries.tsx), already checked field by field. */
  const saveEntries = async (entries: Vendor[]) => {
    const parsed = settingsSchema.shape.userEntries.safeParse(entries);
    if (!parsed.success) return false;
    if (await patternsRefused(parsed.data)) return false;
    return update({ userEntries: parsed.data });
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
      {status.policyProblems?.length ? (
        <div class="problem" role="alert" data-testid="policy-problems">
          <p>{t('optionsPolicyProblems')}</p>
          <ul>
            {status.policyProblems.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <section aria-labelledby="watchlist-heading">
        <h2 id="watchlist-heading">{t('optionsWatchlist')}</h2>
        {fresh.stale ? (
          // Not an alert: it is there when the page opens, and read in order with the list it is about.
          <p class="problem" data-testid="list-stale">
            {t('optionsListStale', day(fresh.reviewedOn), fresh.ageDays)}
          </p>
        ) : null}
        <dl>
          <dt>{t('optionsListInForce')}</dt>
          <dd data-testid="list-version">
            {t(status.source === 'bundled' ? 'optionsVersionBundled' : 'optionsVersionUpdated', status.version)}
          </dd>
          <dt>{t('optionsReviewed')}</dt>
          <dd data-testid="list-reviewed">
            {fresh.reviews.length > 0 ? (
              <ul>
                {fresh.reviews.map((review) => (
                  <li key={review.source}>
                    <a href={review.url}>{review.source}</a>: {day(review.date)}
                    {review.against ? <span class="muted"> ({review.against})</span> : null}
                  </li>
                ))}
              </ul>
            ) : (
              t('optionsNotReviewed')
            )}
          </dd>
          <dt>{t('optionsGenerated')}</dt>
          <dd>{formatDate(status.generatedAt)}</dd>
          <dt>{t('optionsExpires')}</dt>
          <dd>{formatDate(status.expiresAt)}</dd>
          <dt>{t('optionsLastCheck')}</dt>
          <dd data-testid="last-check">
            {status.lastCheck ? (
              <>
                <span class={`result-${status.lastCheck.result}`}>{checkMessage(status.lastCheck)}</span>{' '}
                <span class="muted">({formatDate(status.lastCheck.at)})</span>
              </>
            ) : (
              t('optionsNever')
            )}
          </dd>
          {status.organisationLists.map((org) => (
            <>
              <dt key={`${org.url}-label`}>{org.label}</dt>
              <dd key={org.url} data-testid="organisation-list">
                {org.version > 0 ? t('optionsOrgVersion', org.version) : t('optionsOrgNotInstalled')}
                {org.lastCheck ? ` (${checkMessage(org.lastCheck)})` : ''}
              </dd>
            </>
          ))}
          <dt>{t('optionsNextCheck')}</dt>
          <dd data-testid="next-check">
            {shown.updateUrl ? formatDate(status.nextCheckAt) : t('optionsUpdatesOff')}
            {shown.updateUrl && status.failedChecks ? (
              <span class="muted"> {t('optionsRetrying', status.failedChecks)}</span>
            ) : null}
          </dd>
        </dl>
        <label>
          {t('optionsUpdateUrl')}
          <br />
          <input
            type="url"
            name="updateUrl"
            value={shown.updateUrl}
            disabled={locked.has('updateUrl')}
            aria-describedby={describedBy('updateUrl')}
            onChange={(event) => void update({ updateUrl: (event.target as HTMLInputElement).value.trim() })}
          />
        </label>
        {lockedNote('updateUrl')}
        <label>
          {t('optionsUpdateInterval')}
          <br />
          <input
            type="number"
            name="updateIntervalHours"
            min={1}
            max={24 * 30}
            step={1}
            value={shown.updateIntervalHours}
            disabled={locked.has('updateIntervalHours')}
            aria-describedby={describedBy('updateIntervalHours')}
            onChange={(event) => {
              const hours = Number((event.target as HTMLInputElement).value);
              const valid = settingsSchema.shape.updateIntervalHours.safeParse(hours);
              if (valid.success) void update({ updateIntervalHours: valid.data });
            }}
          />
        </label>
        {lockedNote('updateIntervalHours')}
        <button
          type="button"
          disabled={checking}
          onClick={async () => {
            setChecking(true);
            try {
              setStatus(await api.checkNow());
            } catch {
              // The background stopped mid-check (its next start records the check as interrupted): show that.
              setStatus(await api.status().catch(() => status));
            } finally {
              setChecking(false);
            }
          }}
        >
          {checking ? t('optionsChecking') : t('optionsCheckNow')}
        </button>
      </section>

      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t('optionsProfile')}</h2>
        <label>
          {t('optionsProfileLabel')}
          <br />
          <select
            name="profile"
            value={shown.profile}
            disabled={locked.has('profile')}
            aria-describedby={describedBy('profile')}
            onChange={(event) =>
              void update({ profile: (event.target as HTMLSelectElement).value as Settings['profile'] })
            }
          >
            {PROFILES.map(([value, label]) => (
              <option key={value} value={value}>
                {t(label)}
              </option>
            ))}
          </select>
        </label>
        {lockedNote('profile')}
        <CountrySelect
          value={shown.country}
          disabled={locked.has('country')}
          describedBy={describedBy('country')}
          onChange={(country) => void update({ country })}
        />
        {lockedNote('country')}
        <fieldset disabled={locked.has('jurisdictions')} aria-describedby={describedBy('jurisdictions')}>
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
              {t(label)}
            </label>
          ))}
        </fieldset>
        {lockedNote('jurisdictions')}
      </section>

      <section aria-labelledby="sensitivity-heading">
        <h2 id="sensitivity-heading">{t('optionsSensitivity')}</h2>
        <fieldset disabled={locked.has('sensitivity')} aria-describedby={describedBy('sensitivity')}>
          <legend class="muted">{t('optionsSensitivityLegend')}</legend>
          {SENSITIVITIES.map(([value, label]) => (
            <label key={value}>
              <input
                type="radio"
                name="sensitivity"
                value={value}
                checked={shown.sensitivity === value}
                onChange={() => void update({ sensitivity: value })}
              />{' '}
              {t(label)}
            </label>
          ))}
        </fieldset>
        {lockedNote('sensitivity')}
      </section>

      <section aria-labelledby="sites-heading">
        <h2 id="sites-heading">{t('optionsSites')}</h2>
        <fieldset disabled={locked.has('siteMode')} aria-describedby={describedBy('siteMode')}>
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
        {lockedNote('siteMode')}
        <label>
          {t('optionsAllowedSites')}
          <br />
          <textarea
            name="allowedSites"
            rows={3}
            value={shown.allowedSites.join('\n')}
            disabled={locked.has('allowedSites')}
            aria-describedby={describedBy('allowedSites')}
            onChange={(event) => void update({ allowedSites: lines((event.target as HTMLTextAreaElement).value) })}
          />
        </label>
        {lockedNote('allowedSites')}
        <label>
          {t('optionsPausedSites')}
          <br />
          <textarea
            name="pausedSites"
            rows={3}
            value={shown.pausedSites.join('\n')}
            disabled={locked.has('pausedSites')}
            aria-describedby={describedBy('pausedSites')}
            onChange={(event) => void update({ pausedSites: lines((event.target as HTMLTextAreaElement).value) })}
          />
        </label>
        {lockedNote('pausedSites')}
      </section>

      <section aria-labelledby="entries-heading">
        <h2 id="entries-heading">{t('optionsEntries')}</h2>
        <OwnEntries
          entries={shown.userEntries}
          locked={locked.has('userEntries')}
          describedBy={describedBy('userEntries')}
          onSave={saveEntries}
          download={api.download}
        />
        {lockedNote('userEntries')}
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
              const input = event.target as HTMLInputElement;
              const file = input.files?.[0];
              if (!file) return;
              // Refused before reading: a huge file would only be parsed to fail the storage quota.
              const result =
                file.size > SETTINGS_IMPORT_MAX_BYTES
                  ? parseSettingsImport('', file.size)
                  : parseSettingsImport(await file.text());
              input.value = '';
              if (!result.ok) {
                setSaved('');
                setProblem(tx(result.text));
                return;
              }
              // Entries the organisation locks are not imported at all, so only others need the check.
              if (!locked.has('userEntries') && (await patternsRefused(result.settings.userEntries))) return;
              await save(result.settings, (unchanged) => `${t('optionsImported')}${lockedMessage(unchanged)}`);
            }}
          />
        </label>
      </section>
    </main>
  );
}
