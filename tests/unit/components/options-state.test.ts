/**
 * The options page's settings state (components/options/options-state.ts): every change is applied to the latest
 * state, storage reads taken before the page's own write cannot undo it, and the organisation's values show only
 * where the policy locks a setting. Then the page itself, rendered into linkedom with a slow stub storage: two
 * changes made before either save answers are both stored.
 */
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  INITIAL_SETTINGS_STATE,
  intervalHours,
  lockedSettings,
  type SettingsAction,
  type SettingsState,
  settingsReducer,
  shownSettings,
  siteLines,
  toggled,
} from '../../../components/options/options-state';
import type { WatchlistStatus } from '../../../lib/protocol';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/index';
import { renderOptions } from './render-options';

const run = (actions: SettingsAction[], from: SettingsState = INITIAL_SETTINGS_STATE) =>
  actions.reduce(settingsReducer, from);
const loaded = (settings: Settings): SettingsAction => ({ type: 'loaded', settings });

describe('settingsReducer', () => {
  it('applies each change to the state the previous change left, not to the settings a control last saw', () => {
    const state = run([
      loaded(DEFAULT_SETTINGS),
      { type: 'changed', change: (s) => ({ jurisdictions: toggled(s.jurisdictions, 'US', true) }) },
      { type: 'changed', change: (s) => ({ jurisdictions: toggled(s.jurisdictions, 'GB', true) }) },
      { type: 'changed', change: { sensitivity: 'broad' } },
    ]);
    expect(state.settings).toEqual({ ...DEFAULT_SETTINGS, jurisdictions: ['US', 'GB'], sensitivity: 'broad' });
    expect(state.unsaved).toBe(true);
  });

  it('ignores storage reads while a change is unsaved or a save is on its way, and takes them once all answered', () => {
    const before = { ...DEFAULT_SETTINGS };
    let state = run([loaded(before), { type: 'changed', change: { profile: 'us-federal' } }]);
    // Read before the write: it would put the old profile back on screen.
    state = run([loaded(before)], state);
    expect(state.settings?.profile).toBe('us-federal');
    state = run([{ type: 'save-started' }, loaded(before)], state);
    expect(state).toMatchObject({ unsaved: false, saving: 1, settings: { profile: 'us-federal' } });
    // The save answered: storage holds what it holds (here a locked profile kept its value).
    state = run([{ type: 'save-ended' }, loaded(before)], state);
    expect(state).toMatchObject({ unsaved: false, saving: 0, settings: { profile: 'consumer' } });
  });

  it('changes nothing before the first load', () => {
    expect(run([{ type: 'changed', change: { profile: 'us-federal' } }])).toEqual(INITIAL_SETTINGS_STATE);
  });
});

describe('what the options page shows', () => {
  const status = (effective: Partial<Settings>, locked: string[]) => ({
    effective: { ...DEFAULT_SETTINGS, ...effective },
    locked,
  });

  it("shows the organisation's value for locked settings and the page's own state for the rest", () => {
    const page = { ...DEFAULT_SETTINGS, sensitivity: 'strict' as const, profile: 'uk-public' as const };
    const s = status({ sensitivity: 'broad', profile: 'consumer' }, ['sensitivity', 'not-a-setting']);
    const locked = lockedSettings(s);
    expect([...locked]).toEqual(['sensitivity']);
    expect(shownSettings(page, s, locked)).toMatchObject({ sensitivity: 'broad', profile: 'uk-public' });
  });

  it('toggles jurisdictions, reads site lists and the update interval', () => {
    expect(toggled(['GB'], 'US', true)).toEqual(['GB', 'US']);
    expect(toggled(['GB', 'US'], 'US', true)).toEqual(['GB', 'US']);
    expect(toggled(['GB', 'US'], 'GB', false)).toEqual(['US']);
    expect(siteLines('  Www.Example.org\n\n127.0.0.1  shop.example ')).toEqual([
      'www.example.org',
      '127.0.0.1',
      'shop.example',
    ]);
    expect(['24', '1', '720', '0', '721', '1.5', '', 'x'].map(intervalHours)).toEqual([
      24,
      1,
      720,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('the options page with a slow storage', () => {
  let Options: typeof import('../../../components/options/Options').Options;
  beforeAll(async () => {
    const { window, document } = parseHTML('<!doctype html><html lang="en"><body></body></html>');
    Object.assign(globalThis, { window, document });
    ({ Options } = await import('../../../components/options/Options'));
  });
  const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('stores both of two changes made before the first save answered, and shows each at once', async () => {
    let stored: Settings = { ...DEFAULT_SETTINGS };
    const writes: Settings[] = [];
    const status = (): WatchlistStatus => ({
      version: 1,
      generatedAt: '2026-01-01T00:00:00Z',
      expiresAt: '2027-01-01T00:00:00Z',
      source: 'bundled',
      updateUrl: '',
      effective: stored,
      locked: [],
      lastCheck: null,
      nextCheckAt: null,
      organisationLists: [],
    });
    const root = await renderOptions(Options, status, 'input[name="jurisdiction"]', undefined, {
      loadSettings: async () => {
        const snapshot = stored;
        await tick(5);
        return snapshot;
      },
      saveSettings: async (settings) => {
        writes.push(settings);
        await tick(30);
        stored = settings;
        return [];
      },
    });
    const tickBox = (code: string) => {
      const box = root.querySelector(`input[name="jurisdiction"][value="${code}"]`) as HTMLInputElement;
      box.checked = true;
      box.dispatchEvent(new window.Event('change'));
    };
    tickBox('US');
    await tick(1);
    expect((root.querySelector('input[value="US"]') as HTMLInputElement).checked).toBe(true);
    tickBox('GB');
    for (let i = 0; i < 100 && stored.jurisdictions.length < 2; i++) await tick(10);
    await tick(50);
    expect(stored.jurisdictions).toEqual(['US', 'GB']);
    expect(writes.at(-1)?.jurisdictions).toEqual(['US', 'GB']);
    const checked = [...root.querySelectorAll('input[name="jurisdiction"]')]
      .filter((box) => (box as HTMLInputElement).checked)
      .map((box) => (box as HTMLInputElement).value);
    expect(checked).toEqual(['GB', 'US']);
    expect(root.querySelector('[role="status"]')?.textContent).toMatch(/^Saved\./);
    root.remove();
  });
});
