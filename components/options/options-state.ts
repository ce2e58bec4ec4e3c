/**
 * The options page's settings as state, in pure functions (unit-tested without a DOM). Every change is applied to
 * the latest state by the reducer, never to the settings a control saw when it last rendered: two quick changes
 * (arrow keys, Space pressed twice) both stay. Storage reads that arrive while this page's own change is on its way
 * are ignored, so a read taken before the write cannot undo the change on screen or become the base of the next.
 */
import type { WatchlistStatus } from '../../lib/protocol';
import { type SettingKey, type Settings, settingsSchema } from '../../lib/settings/index';

/** A change to the settings: fields to set, or fields computed from the settings as they are now. */
export type SettingsChange = Partial<Settings> | ((current: Settings) => Partial<Settings>);

export interface SettingsState {
  /** What the page shows: storage's settings with this page's changes applied; null until first loaded. */
  settings: Settings | null;
  /** A change is shown but not yet handed to storage. */
  unsaved: boolean;
  /** Saves handed to storage that have not yet answered. */
  saving: number;
}

export type SettingsAction =
  | { type: 'loaded'; settings: Settings }
  | { type: 'changed'; change: SettingsChange }
  | { type: 'save-started' }
  | { type: 'save-ended' };

export const INITIAL_SETTINGS_STATE: SettingsState = { settings: null, unsaved: false, saving: 0 };

export function settingsReducer(state: SettingsState, action: SettingsAction): SettingsState {
  switch (action.type) {
    case 'loaded':
      // The save's end reloads once nothing else is on its way; until then the page's own state is newer.
      return state.unsaved || state.saving > 0 ? state : { ...state, settings: action.settings };
    case 'changed': {
      if (!state.settings) return state;
      const change = typeof action.change === 'function' ? action.change(state.settings) : action.change;
      return { ...state, settings: { ...state.settings, ...change }, unsaved: true };
    }
    case 'save-started':
      return { ...state, unsaved: false, saving: state.saving + 1 };
    case 'save-ended':
      return { ...state, saving: Math.max(0, state.saving - 1) };
  }
}

/** The settings the organisation locks, from the background's status (unknown names are dropped). */
export const lockedSettings = (status: Pick<WatchlistStatus, 'locked'>): ReadonlySet<SettingKey> =>
  new Set(status.locked.filter((key): key is SettingKey => Object.hasOwn(settingsSchema.shape, key)));

/**
 * What the page shows: the organisation's value for each locked setting (every setting the policy sets is locked),
 * the page's own state for the rest. The status is read after each save, so taking the rest from it too would show
 * a change only once that read came back, and base the next change on the value before it.
 */
export function shownSettings(
  settings: Settings,
  status: Pick<WatchlistStatus, 'effective'>,
  locked: ReadonlySet<SettingKey>,
): Settings {
  const shown = { ...settings };
  for (const key of locked) (shown as Record<SettingKey, unknown>)[key] = status.effective[key];
  return shown;
}

/** A jurisdiction ticked on or off, keeping the others in their order. */
export const toggled = (list: readonly string[], code: string, on: boolean): string[] =>
  on ? (list.includes(code) ? [...list] : [...list, code]) : list.filter((c) => c !== code);

/** A site list typed one per line (or separated by spaces): lower case, no blanks. */
export const siteLines = (text: string): string[] =>
  text
    .split(/\s+/)
    .map((line) => line.trim().toLowerCase())
    .filter(Boolean);

/** The update interval typed in hours, or undefined when it is not a whole number within the allowed range. */
export function intervalHours(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const parsed = settingsSchema.shape.updateIntervalHours.safeParse(Number(text));
  return parsed.success ? parsed.data : undefined;
}
