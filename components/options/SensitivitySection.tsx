/** The options page's "Sensitivity": how much evidence a warning needs (strict, balanced, broad). */
import type { Settings } from '../../lib/settings/index';
import { type MessageKey, t } from '../i18n';
import { RadioSetting } from './RadioSetting';
import type { SectionProps } from './section';

const SENSITIVITIES: Array<[Settings['sensitivity'], MessageKey]> = [
  ['strict', 'sensitivityStrict'],
  ['balanced', 'sensitivityBalanced'],
  ['broad', 'sensitivityBroad'],
];

export function SensitivitySection({ shown, locked, change }: SectionProps) {
  return (
    <section aria-labelledby="sensitivity-heading">
      <h2 id="sensitivity-heading">{t('optionsSensitivity')}</h2>
      <RadioSetting
        setting="sensitivity"
        locked={locked}
        legend={t('optionsSensitivityLegend')}
        choices={SENSITIVITIES}
        value={shown.sensitivity}
        onChoose={(sensitivity) => void change({ sensitivity })}
      />
    </section>
  );
}
