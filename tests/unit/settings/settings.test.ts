import { describe, expect, it } from 'vitest';
import { applyPolicy, DEFAULT_SETTINGS, readSettings } from '../../../lib/settings/index';

describe('settings', () => {
  it('falls back field by field: one bad value does not lose the others', () => {
    const settings = readSettings({ sensitivity: 'paranoid', profile: 'uk-public', updateIntervalHours: 'soon' });
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, profile: 'uk-public' });
  });

  it('treats missing or broken storage as defaults', () => {
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(readSettings('garbage')).toEqual(DEFAULT_SETTINGS);
  });

  it('lets the organisation policy win and locks what it sets plus what it lists', () => {
    const user = { ...DEFAULT_SETTINGS, sensitivity: 'broad' as const, updateUrl: 'https://mine.example/list.json' };
    const { settings, locked } = applyPolicy(user, {
      updateUrl: 'https://it.example.org/list.json',
      lockedSettings: ['profile', 'not-a-setting'],
    });
    expect(settings.updateUrl).toBe('https://it.example.org/list.json');
    expect(settings.sensitivity).toBe('broad');
    expect([...locked].sort()).toEqual(['profile', 'updateUrl']);
  });

  it('ignores a malformed policy instead of breaking the extension', () => {
    const { settings, locked } = applyPolicy(DEFAULT_SETTINGS, { sensitivity: 42 });
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(locked.size).toBe(0);
  });
});
