/** Updates are on by default: one publication address, used by fresh installs unless policy replaces or disables it. */
import { describe, expect, it } from 'vitest';
import { applyPolicy, DEFAULT_SETTINGS, readSettings } from '../../../lib/settings/index';
import { DEFAULT_UPDATE_URL, PUBLICATION_URL, retryDelayMs } from '../../../lib/update/defaults';
import { updateUrlProblemText } from '../../../lib/update/updater';

describe('the default update address', () => {
  it('is the project’s GitHub Pages address, over HTTPS, with the signature beside it', () => {
    expect(PUBLICATION_URL).toBe('https://vendorwatch.github.io/vendorwatch/watchlist.json');
    expect(updateUrlProblemText(PUBLICATION_URL)).toBeNull();
  });

  it('is what a fresh install and a settings record without an address use (outside test builds)', () => {
    expect(DEFAULT_UPDATE_URL).toBe(PUBLICATION_URL);
    expect(DEFAULT_SETTINGS.updateUrl).toBe(PUBLICATION_URL);
    expect(readSettings({ profile: 'uk-public' }).updateUrl).toBe(PUBLICATION_URL);
    // A user who cleared the field has turned updates off, and stays so.
    expect(readSettings({ updateUrl: '' }).updateUrl).toBe('');
  });

  it('an organisation’s policy can replace it or turn updates off', () => {
    expect(applyPolicy(DEFAULT_SETTINGS, { updateUrl: 'https://it.example.org/list.json' }).settings.updateUrl).toBe(
      'https://it.example.org/list.json',
    );
    const off = applyPolicy(DEFAULT_SETTINGS, { updateUrl: '' });
    expect(off.settings.updateUrl).toBe('');
    expect(off.locked.has('updateUrl')).toBe(true);
  });
});

describe('retryDelayMs', () => {
  const MIN = 60_000;
  it('waits 15 minutes after the first failure and doubles, up to 12 hours', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => retryDelayMs(n, 24) / MIN)).toEqual([
      15, 30, 60, 120, 240, 480, 720, 720, 720,
    ]);
  });

  it('never waits longer than the regular interval', () => {
    expect(retryDelayMs(10, 2)).toBe(120 * MIN);
    expect(retryDelayMs(1, 1)).toBe(15 * MIN);
  });
});
