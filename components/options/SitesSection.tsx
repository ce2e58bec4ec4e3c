/** The options page's "Sites": everywhere or only the listed sites, and the sites where VendorWatch is paused. */
import type { Settings } from '../../lib/settings/index';
import { type MessageKey, t } from '../i18n';
import { LockableField } from './LockableField';
import { siteLines } from './options-state';
import type { SectionProps } from './section';

const SITE_MODES: Array<[Settings['siteMode'], MessageKey]> = [
  ['everywhere', 'optionsSitesEverywhere'],
  ['listed', 'optionsSitesListed'],
];

export function SitesSection({ shown, locked, change }: SectionProps) {
  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading">{t('optionsSites')}</h2>
      <LockableField setting="siteMode" locked={locked} legend={t('optionsSites')} legendClass="muted">
        {() =>
          SITE_MODES.map(([value, label]) => (
            <label key={value}>
              <input
                type="radio"
                name="siteMode"
                value={value}
                checked={shown.siteMode === value}
                onChange={() => void change({ siteMode: value })}
              />{' '}
              {t(label)}
            </label>
          ))
        }
      </LockableField>
      <LockableField setting="allowedSites" locked={locked} label={t('optionsAllowedSites')}>
        {(lock) => (
          <textarea
            name="allowedSites"
            rows={3}
            value={shown.allowedSites.join('\n')}
            disabled={lock.disabled}
            aria-describedby={lock.describedBy}
            onChange={(event) => void change({ allowedSites: siteLines((event.target as HTMLTextAreaElement).value) })}
          />
        )}
      </LockableField>
      <LockableField setting="pausedSites" locked={locked} label={t('optionsPausedSites')}>
        {(lock) => (
          <textarea
            name="pausedSites"
            rows={3}
            value={shown.pausedSites.join('\n')}
            disabled={lock.disabled}
            aria-describedby={lock.describedBy}
            onChange={(event) => void change({ pausedSites: siteLines((event.target as HTMLTextAreaElement).value) })}
          />
        )}
      </LockableField>
    </section>
  );
}
