/** The options page's "Who you are": the profile the verdicts are written for, the country and jurisdictions. */
import type { Settings } from '../../lib/settings/index';
import { CountrySelect } from '../CountrySelect';
import { type MessageKey, t } from '../i18n';
import { LockableField } from './LockableField';
import { toggled } from './options-state';
import type { SectionProps } from './section';

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

const isProfile = (value: string): value is Settings['profile'] => PROFILES.some(([profile]) => profile === value);

export function ProfileSection({ shown, locked, change }: SectionProps) {
  return (
    <section aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t('optionsProfile')}</h2>
      <LockableField setting="profile" locked={locked} label={t('optionsProfileLabel')}>
        {(lock) => (
          <select
            name="profile"
            value={shown.profile}
            disabled={lock.disabled}
            aria-describedby={lock.describedBy}
            onChange={(event) => {
              const profile = (event.target as HTMLSelectElement).value;
              if (isProfile(profile)) void change({ profile });
            }}
          >
            {PROFILES.map(([value, label]) => (
              <option key={value} value={value}>
                {t(label)}
              </option>
            ))}
          </select>
        )}
      </LockableField>
      <LockableField setting="country" locked={locked}>
        {(lock) => (
          <CountrySelect
            value={shown.country}
            disabled={lock.disabled}
            describedBy={lock.describedBy}
            onChange={(country) => void change({ country })}
          />
        )}
      </LockableField>
      <LockableField setting="jurisdictions" locked={locked} legend={t('optionsJurisdictions')}>
        {() =>
          JURISDICTIONS.map(([code, label]) => (
            <label key={code}>
              <input
                type="checkbox"
                name="jurisdiction"
                value={code}
                checked={shown.jurisdictions.includes(code)}
                onChange={(event) => {
                  const on = (event.target as HTMLInputElement).checked;
                  void change((current) => ({ jurisdictions: toggled(current.jurisdictions, code, on) }));
                }}
              />{' '}
              {t(label)}
            </label>
          ))
        }
      </LockableField>
    </section>
  );
}
