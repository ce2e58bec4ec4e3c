/** The options page says when a failed update check will be retried; the page being read never hears of it. */
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WatchlistStatus } from '../../../lib/protocol';
import { DEFAULT_SETTINGS } from '../../../lib/settings/index';
import { PUBLICATION_URL } from '../../../lib/update/defaults';
import { renderOptions } from './render-options';

let Options: typeof import('../../../components/options/Options').Options;

beforeAll(async () => {
  const { window, document } = parseHTML('<!doctype html><html lang="en-GB"><body></body></html>');
  Object.assign(globalThis, { window, document });
  ({ Options } = await import('../../../components/options/Options'));
});

const status = (failedChecks: number): WatchlistStatus => ({
  version: 2,
  generatedAt: '2026-12-01T00:00:00Z',
  expiresAt: '2027-12-01T00:00:00Z',
  source: 'bundled',
  updateUrl: PUBLICATION_URL,
  effective: DEFAULT_SETTINGS,
  locked: [],
  lastCheck: {
    at: '2026-12-02T10:00:00Z',
    url: PUBLICATION_URL,
    result: 'failed',
    message: 'failed: could not reach the server (Failed to fetch)',
  },
  nextCheckAt: '2026-12-02T11:00:00Z',
  failedChecks,
  organisationLists: [],
});

describe('options: update checks', () => {
  it('shows the publication address by default', async () => {
    const root = await renderOptions(Options, () => status(0), 'input[name="updateUrl"]');
    expect((root.querySelector('input[name="updateUrl"]') as HTMLInputElement).value).toBe(PUBLICATION_URL);
    expect(root.querySelector('[data-testid="next-check"]')!.textContent).not.toContain('retry');
  });

  it('says the next check is a retry after failed checks in a row', async () => {
    const root = await renderOptions(Options, () => status(3), 'input[name="updateUrl"]');
    expect(root.querySelector('[data-testid="last-check"]')!.textContent).toContain('could not reach the server');
    expect(root.querySelector('[data-testid="next-check"]')!.textContent).toContain(
      '(a retry: 3 checks in a row failed; each wait is twice the last, up to 12 hours)',
    );
  });
});
