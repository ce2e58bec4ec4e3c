/** The options page's "Sensitivity": how much evidence a warning needs (strict, balanced, broad). */
import type { Settings } from '../../lib/settings/index';
import { type MessageKey, t } from '../i18n';
import { LockableField } from './LockableField';
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
      <LockableField setting="sensitivity" locked={locked} legend={t('optionsSensitivityLegend')} legendClass="muted">
        {() =>
          SENSITIVITIES.map(([value, label]) => (
            <label key={value}>
              <input
                type="radio"
                name="sensitivity"
                value={value}
                checked={shown.sensitivity === value}
                onChange={() => void change({ sensitivity: value })}
              />{' '}
              {t(label)}
            </label>
          ))
        }
      </LockableField>
    </section>
  );
}
