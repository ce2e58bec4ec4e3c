/** What every settings section of the options page is given. */
import type { SettingKey, Settings } from '../../lib/settings/index';
import type { SettingsChange } from './options-state';

export interface SectionProps {
  /** The settings as shown: the user's, with the organisation's value wherever the policy sets one. */
  shown: Settings;
  locked: ReadonlySet<SettingKey>;
  change(change: SettingsChange): Promise<boolean>;
}
