/**
 * One setting's control with the organisation's lock: a setting the policy locks is shown but disabled, and its
 * control points screen readers at the note saying why ("Set by your organisation; you cannot change it.").
 */
import type { ComponentChildren } from 'preact';
import type { SettingKey } from '../../lib/settings/index';
import { t } from '../i18n';

interface Lock {
  disabled: boolean;
  /** The id of the lock note, for aria-describedby; undefined when the setting is not locked. */
  describedBy: string | undefined;
}

interface LockableFieldProps {
  setting: SettingKey;
  locked: ReadonlySet<SettingKey>;
  /** The control's label, above it; the label wraps the control. */
  label?: string;
  /** Or a group of controls in a fieldset with this legend, disabled together. */
  legend?: string;
  legendClass?: string;
  /** The control, given whether it is locked; with neither label nor legend it brings its own label. */
  children: (lock: Lock) => ComponentChildren;
}

export function LockableField({ setting, locked, label, legend, legendClass, children }: LockableFieldProps) {
  const isLocked = locked.has(setting);
  const lock: Lock = { disabled: isLocked, describedBy: isLocked ? `locked-${setting}` : undefined };
  const note = isLocked ? (
    <p class="locked" id={lock.describedBy}>
      {t('optionsLocked')}
    </p>
  ) : null;
  if (legend !== undefined) {
    return (
      <>
        <fieldset disabled={lock.disabled} aria-describedby={lock.describedBy}>
          <legend class={legendClass}>{legend}</legend>
          {children(lock)}
        </fieldset>
        {note}
      </>
    );
  }
  return (
    <>
      {label !== undefined ? (
        // biome-ignore lint/a11y/noLabelWithoutControl: the control is `children`, rendered inside the label.
        <label>
          {label}
          <br />
          {children(lock)}
        </label>
      ) : (
        children(lock)
      )}
      {note}
    </>
  );
}
