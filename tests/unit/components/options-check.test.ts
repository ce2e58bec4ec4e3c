/**
 * Issue 19, item 7: "Check now" never stays at "Checking…". When the background stops mid-check (the message
 * fails), the button comes back and the page shows the record the restarted background left: interrupted.
 */
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WatchlistStatus } from '../../../lib/protocol';
import { DEFAULT_SETTINGS } from '../../../lib/settings/index';
import { renderOptions } from './render-options';

let Options: typeof import('../../../components/options/Options').Options;

beforeAll(async () => {
  const { window, document } = parseHTML('<!doctype html><html lang="en"><body></body></html>');
  Object.assign(globalThis, { window, document });
  ({ Options } = await import('../../../components/options/Options'));
});

const INTERRUPTED = {
  at: '2026-12-01T00:01:00Z',
  url: 'https://lists.example.org/w.json',
  result: 'failed' as const,
  code: 'interrupted',
  message: 'failed: the check started at 2026-12-01T00:00:00Z was interrupted',
};

describe('Check now', () => {
  it('comes back from "Checking…" and shows the interrupted check when the background stops mid-check', async () => {
    let lastCheck: WatchlistStatus['lastCheck'] = null;
    const status = (): WatchlistStatus => ({
      version: 1,
      generatedAt: '2026-01-01T00:00:00Z',
      expiresAt: '2027-01-01T00:00:00Z',
      source: 'bundled',
      updateUrl: INTERRUPTED.url,
      effective: DEFAULT_SETTINGS,
      locked: [],
      lastCheck,
      nextCheckAt: null,
      organisationLists: [],
    });
    const root = await renderOptions(Options, status, 'button', undefined, {
      checkNow: async () => {
        // The worker stopped: the message port closes without an answer; its next start records the check.
        lastCheck = INTERRUPTED;
        throw new Error('The message port closed before a response was received.');
      },
    });
    const button = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Check now')!;
    button.click();
    for (
      let i = 0;
      i < 100 && !root.querySelector('[data-testid="last-check"]')?.textContent?.includes('interrupted');
      i++
    )
      await new Promise((done) => setTimeout(done, 10));
    expect(root.querySelector('[data-testid="last-check"]')?.textContent).toContain(INTERRUPTED.message);
    expect(button.textContent).toBe('Check now');
    expect(button.hasAttribute('disabled')).toBe(false);
  });
});
