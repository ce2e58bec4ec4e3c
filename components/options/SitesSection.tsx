/** The options page's "Sites": everywhere or only the listed sites, and the sites where VendorWatch is paused. */
import type { SettingKey, Settings } from '../../lib/settings/index';
import { type MessageKey, t } from '../i18n';
import { LockableField } from './LockableField';
import { siteLines } from './options-state';
import { RadioSetting } from './RadioSetting';
import type { SectionProps } from './section';

const SITE_MODES: Array<[Settings['siteMode'], MessageKey]> = [
  ['everywhere', 'optionsSitesEverywhere'],
  ['listed', 'optionsSitesListed'],
];

export function SitesSection({ shown, locked, change }: SectionProps) {
  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading">{t('optionsSites')}</h2>
      <RadioSetting
        setting="siteMode"
        locked={locked}
        legend={t('optionsSites')}
        choices={SITE_MODES}
        value={shown.siteMode}
        onChoose={(siteMode) => void change({ siteMode })}
      />
      <SiteList
        setting="allowedSites"
        locked={locked}
        label={t('optionsAllowedSites')}
        sites={shown.allowedSites}
        onSites={(allowedSites) => void change({ allowedSites })}
      />
      <SiteList
        setting="pausedSites"
        locked={locked}
        label={t('optionsPausedSites')}
        sites={shown.pausedSites}
        onSites={(pausedSites) => void change({ pausedSites })}
      />
    </section>
  );
}

/** A list of sites, one a line, under the organisation's lock. */
function SiteList(props: {
  setting: SettingKey;
  locked: ReadonlySet<SettingKey>;
  label: string;
  sites: string[];
  onSites(sites: string[]): void;
}) {
  return (
    <LockableField setting={props.setting} locked={props.locked} label={props.label}>
      {(lock) => (
        <textarea
          name={props.setting}
          rows={3}
          value={props.sites.join('\n')}
          disabled={lock.disabled}
          aria-describedby={lock.describedBy}
          onChange={(event) => props.onSites(siteLines((event.target as HTMLTextAreaElement).value))}
        />
      )}
    </LockableField>
  );
}
