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

  it('lets the organisation set and lock the jurisdictions that matter', () => {
    const { settings, locked } = applyPolicy({ ...DEFAULT_SETTINGS, jurisdictions: ['US'] }, { jurisdictions: ['GB'] });
    expect(settings.jurisdictions).toEqual(['GB']);
    expect(locked.has('jurisdictions')).toBe(true);
    expect(applyPolicy(DEFAULT_SETTINGS, { jurisdictions: ['gb'] }).settings.jurisdictions).toEqual([]);
  });

  it('ignores a malformed policy instead of breaking the extension', () => {
    const { settings, locked } = applyPolicy(DEFAULT_SETTINGS, { sensitivity: 42 });
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(locked.size).toBe(0);
  });
});

describe('import, export, sites and own entries', () => {
  it('round-trips an export and refuses broken files with a clear reason', async () => {
    const { exportSettings, parseSettingsImport } = await import('../../../lib/settings/index');
    const settings = { ...DEFAULT_SETTINGS, profile: 'tw-government' as const, pausedSites: ['example.org'] };
    expect(parseSettingsImport(exportSettings(settings))).toEqual({ ok: true, settings });
    expect(parseSettingsImport('{oops')).toEqual({
      ok: false,
      error: 'This file is not valid JSON, so nothing was changed.',
    });
    expect(parseSettingsImport('{"hello": 1}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a VendorWatch settings file/),
    });
    const bad = parseSettingsImport(
      JSON.stringify({ format: 'vendorwatch-settings', version: 1, settings: { siteMode: 'sometimes' } }),
    );
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/"siteMode" is invalid/) });
  });

  it('runs everywhere but paused sites, or only on listed sites (subdomains included)', async () => {
    const { runsOn } = await import('../../../lib/settings/index');
    const paused = { ...DEFAULT_SETTINGS, pausedSites: ['amazon.co.uk'] };
    expect(runsOn(paused, 'www.amazon.co.uk')).toBe(false);
    expect(runsOn(paused, 'www.ebay.co.uk')).toBe(true);
    const listed = { ...DEFAULT_SETTINGS, siteMode: 'listed' as const, allowedSites: ['find-tender.service.gov.uk'] };
    expect(runsOn(listed, 'www.find-tender.service.gov.uk')).toBe(true);
    expect(runsOn(listed, 'www.amazon.com')).toBe(false);
  });

  it('adds own entries under their own ids, marked as the user’s', async () => {
    const { withUserEntries, readSettings } = await import('../../../lib/settings/index');
    const settings = readSettings({
      userEntries: [
        {
          id: 'acme',
          name: 'Acme Cameras',
          legalNames: [{ name: 'Acme Cameras Ltd', script: 'Latn' }],
          country: 'CN',
          description: 'Our own do-not-buy entry.',
        },
      ],
    });
    const list = {
      meta: {
        schemaVersion: 1 as const,
        version: 1,
        generatedAt: '2026-01-01T00:00:00Z',
        expiresAt: '2027-01-01T00:00:00Z',
      },
      measures: [],
      vendors: [],
    };
    expect(withUserEntries(list, settings).vendors).toEqual([
      expect.objectContaining({ id: 'user-acme', name: 'Acme Cameras (your entry)', userEntry: true }),
    ]);
  });
});
