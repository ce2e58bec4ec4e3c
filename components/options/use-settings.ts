/**
 * The options page's settings: loaded from storage, changed through the reducer in options-state.ts (each change
 * applied to the latest state), shown at once and saved one write at a time in order, then read back so a refused
 * or locked change never stays on screen.
 */
import { useLayoutEffect, useReducer, useRef } from 'preact/hooks';
import type { SettingKey, Settings } from '../../lib/settings/index';
import { INITIAL_SETTINGS_STATE, type SettingsChange, settingsReducer } from './options-state';

interface SettingsStore {
  loadSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<SettingKey[]>;
}

export interface SaveOutcome {
  /** The save went through; `unchanged` are the locked settings it asked to change and were kept. */
  saved(unchanged: SettingKey[]): void;
  failed(error: unknown): void;
}

interface UseSettings {
  settings: Settings | null;
  /**
   * Applies a change to the latest settings, shows it and saves it (the outcome goes to `changed`); resolves true
   * once stored, false if storage refused it.
   */
  change(change: SettingsChange): Promise<boolean>;
  /** Saves settings that do not come from the page's state (an imported file); resolves true when stored. */
  save(settings: Settings, outcome: SaveOutcome): Promise<boolean>;
  /** Reads storage again (another page or the policy changed it). */
  reload(): void;
}

/** `changed` says how a control's save went; `afterSave` runs after every save, e.g. to refresh the status. */
export function useSettings(store: SettingsStore, changed: SaveOutcome, afterSave: () => void): UseSettings {
  const [state, dispatch] = useReducer(settingsReducer, INITIAL_SETTINGS_STATE);
  /** The writes, chained so a later one never lands before an earlier one. */
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  /** Callers of change() whose change is shown but not yet handed to storage. */
  const waiting = useRef<Array<(stored: boolean) => void>>([]);

  const reload = () => void store.loadSettings().then((settings) => dispatch({ type: 'loaded', settings }));
  const save = (settings: Settings, outcome: SaveOutcome): Promise<boolean> => {
    dispatch({ type: 'save-started' });
    const result = queue.current
      .then(() => store.saveSettings(settings))
      .then(
        (unchanged) => {
          outcome.saved(unchanged);
          return true;
        },
        (error: unknown) => {
          outcome.failed(error);
          return false;
        },
      )
      .finally(() => {
        dispatch({ type: 'save-ended' });
        // What storage really holds (a refused write, a locked setting kept); ignored if another change is on its way.
        reload();
        afterSave();
      });
    queue.current = result;
    return result;
  };

  // A change shown but not yet saved: save the settings as they are now (changes made together are saved together).
  useLayoutEffect(() => {
    if (!state.unsaved || !state.settings) return;
    const callers = waiting.current.splice(0);
    void save(state.settings, changed).then((stored) => {
      for (const resolve of callers) resolve(stored);
    });
  }, [state]);

  return {
    settings: state.settings,
    change: (change) =>
      new Promise((resolve) => {
        waiting.current.push(resolve);
        dispatch({ type: 'changed', change });
      }),
    save,
    reload,
  };
}
