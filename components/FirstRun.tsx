/**
 * The page VendorWatch opens once after install: who are you (the profile decides what a warning says first) and
 * where are you (a shopper's warning says whether it is legal to buy there). The country is suggested from the
 * browser's time zone and language; nothing is saved until the user says so.
 */
import { useState } from 'preact/hooks';
import type { Settings } from '../lib/settings/index';
import { CountrySelect, countryName } from './CountrySelect';
import { type MessageKey, t } from './i18n';

export const PROFILE_LABELS: Array<[Settings['profile'], MessageKey]> = [
  ['consumer', 'profileConsumer'],
  ['uk-public', 'profileUkPublic'],
  ['us-federal', 'profileUsFederal'],
  ['au-government', 'profileAuGovernment'],
  ['tw-government', 'profileTwGovernment'],
];

interface FirstRunProps {
  settings: Settings;
  /** Settings the organisation's policy has locked. */
  locked: ReadonlySet<string>;
  /** The country the browser suggests ('' if none). */
  suggestedCountry: string;
  save(choice: Pick<Settings, 'profile' | 'country'>): Promise<void>;
  openOptions(): void;
}

export function FirstRun({ settings, locked, suggestedCountry, save, openOptions }: FirstRunProps) {
  const [profile, setProfile] = useState(settings.profile);
  const [country, setCountry] = useState(settings.country || suggestedCountry);
  const [saved, setSaved] = useState(false);
  return (
    <main>
      <h1>{t('firstRunTitle')}</h1>
      <p>{t('firstRunIntro')}</p>
      <fieldset disabled={locked.has('profile')}>
        <legend>{t('optionsProfileLabel')}</legend>
        {PROFILE_LABELS.map(([value, label]) => (
          <label key={value}>
            <input
              type="radio"
              name="profile"
              value={value}
              checked={profile === value}
              onChange={() => setProfile(value)}
            />{' '}
            {t(label)}
          </label>
        ))}
      </fieldset>
      <CountrySelect value={country} disabled={locked.has('country')} onChange={setCountry} />
      {suggestedCountry && !settings.country ? (
        <p class="muted" data-testid="suggested-country">
          {t('firstRunSuggested', countryName(suggestedCountry))}
        </p>
      ) : null}
      <p>
        <button
          type="button"
          onClick={async () => {
            await save({ profile, country });
            setSaved(true);
          }}
        >
          {t('firstRunSave')}
        </button>{' '}
        <button type="button" onClick={openOptions}>
          {t('popupOptions')}
        </button>
      </p>
      {saved ? <p role="status">{t('firstRunSaved')}</p> : null}
    </main>
  );
}
