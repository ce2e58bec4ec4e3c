/** The options page rendered into the test's (linkedom) document with a stub API, once `ready` has appeared. */
import { h, render } from 'preact';
import { check } from 'recheck';
import type { OptionsApi, Options as OptionsComponent } from '../../../components/options/Options';
import type { WatchlistStatus } from '../../../lib/protocol';
import { DEFAULT_SETTINGS } from '../../../lib/settings/index';

export async function renderOptions(
  // Passed in: the tests import the component only after they have put a document (and i18n) in place.
  Options: typeof OptionsComponent,
  status: () => WatchlistStatus,
  ready: string,
  now?: Date,
  /** Replaces parts of the stub API (e.g. a check that fails). */
  overrides: Partial<OptionsApi> = {},
): Promise<HTMLElement> {
  const root = document.createElement('div');
  document.body.append(root);
  const api: OptionsApi = {
    onExternalChange: () => undefined,
    status: async () => status(),
    checkNow: async () => status(),
    loadSettings: async () => DEFAULT_SETTINGS,
    saveSettings: async () => [],
    download: () => undefined,
    checkPattern: (source, flags) => check(source, flags, { timeout: 60_000 }),
    ...(now ? { now: () => now } : {}),
    ...overrides,
  };
  render(h(Options, { api }), root);
  for (let i = 0; i < 100 && !root.querySelector(ready); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return root;
}
