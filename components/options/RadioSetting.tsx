/** One setting chosen from a few values with radio buttons, under the organisation's lock (Sensitivity, Sites). */
import type { SettingKey } from '../../lib/settings/index';
import { type MessageKey, t } from '../i18n';
import { LockableField } from './LockableField';

interface RadioSettingProps<V extends string> {
  setting: SettingKey;
  locked: ReadonlySet<SettingKey>;
  legend: string;
  /** Each value with the message that names it, in the order shown. */
  choices: Array<[V, MessageKey]>;
  value: V;
  onChoose(value: V): void;
}

export function RadioSetting<V extends string>({
  setting,
  locked,
  legend,
  choices,
  value,
  onChoose,
}: RadioSettingProps<V>) {
  return (
    <LockableField setting={setting} locked={locked} legend={legend} legendClass="muted">
      {() =>
        choices.map(([choice, label]) => (
          <label key={choice}>
            <input
              type="radio"
              name={setting}
              value={choice}
              checked={value === choice}
              onChange={() => onChoose(choice)}
            />{' '}
            {t(label)}
          </label>
        ))
      }
    </LockableField>
  );
}
