/**
 * Update check results and settings import errors are shown in the reader's language: the options page renders
 * the recorded `text` with the browser's i18n (here a German stub over public/_locales/de), and falls back to the
 * English `message` for records stored by older versions. Rendered with Preact into linkedom.
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../../lib/i18n/english';
import { fillMessage, type Translate } from '../../../lib/i18n/index';
import type { WatchlistStatus } from '../../../lib/protocol';
import { DEFAULT_SETTINGS, parseSettingsImport } from '../../../lib/settings/index';
import type { KeyValueStore } from '../../../lib/storage';
import { TEST_KEY } from '../../../lib/update/keys';
import { signList } from '../../../lib/update/sign';
import { type CheckRecord, createUpdater } from '../../../lib/update/updater';
import { loadWatchlist, type Watchlist } from '../../../lib/watchlist/index';
import { renderOptions as renderWith } from './render-options';

type Messages = Record<string, { message: string }>;
const german = JSON.parse(
  readFileSync(new URL('../../../public/_locales/de/messages.json', import.meta.url), 'utf8'),
) as Messages;
const germanTranslate: Translate = (key, subs) => fillMessage(german[key]!.message, subs);

const bundled = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);
const testSecret = readFileSync(new URL('../../keys/test-signing.key', import.meta.url), 'utf8').trim();
const NOW = new Date('2026-12-01T00:00:00Z');
const URL_ = 'https://lists.example.org/watchlist.json';

let Options: typeof import('../../../components/options/Options').Options;

beforeAll(async () => {
  const { window, document } = parseHTML('<!doctype html><html lang="de"><body></body></html>');
  Object.assign(globalThis, { window, document });
  // The browser's i18n, answering in German as browser.i18n.getMessage does.
  Object.assign(globalThis, { browser: { i18n: { getMessage: germanTranslate } } });
  ({ Options } = await import('../../../components/options/Options'));
});

afterAll(() => {
  delete (globalThis as { browser?: unknown }).browser;
});

class MemoryStore implements KeyValueStore {
  data = new Map<string, unknown>();
  async get(key: string) {
    return structuredClone(this.data.get(key));
  }
  async set(entries: Record<string, unknown>) {
    for (const [key, value] of Object.entries(entries)) this.data.set(key, structuredClone(value));
  }
}

/** The record a real check leaves behind when the server serves `list` signed, with `tamper` applied after signing. */
async function checkAgainst(list: Watchlist, tamper = (text: string) => text): Promise<CheckRecord> {
  const original = new TextEncoder().encode(JSON.stringify(list));
  const signature = JSON.stringify(await signList(original, testSecret, TEST_KEY.keyId));
  const body = new TextEncoder().encode(tamper(JSON.stringify(list)));
  const fetch = async (url: string) =>
    url.endsWith('.sig') ? new Response(signature) : new Response(body as BodyInit);
  const updater = createUpdater({ fetch, store: new MemoryStore(), now: () => NOW, keys: [TEST_KEY], bundled });
  await updater.checkNow(URL_);
  return (await updater.lastCheck())!;
}

function status(lastCheck: CheckRecord | null, orgCheck: CheckRecord | null): WatchlistStatus {
  return {
    version: bundled.meta.version,
    generatedAt: bundled.meta.generatedAt,
    expiresAt: bundled.meta.expiresAt,
    source: 'bundled',
    updateUrl: URL_,
    effective: DEFAULT_SETTINGS,
    locked: [],
    lastCheck,
    nextCheckAt: null,
    organisationLists: [{ label: 'Example County Council', url: URL_, version: 0, lastCheck: orgCheck }],
  };
}

const renderOptions = (current: WatchlistStatus) => renderWith(Options, () => current, '[data-testid="last-check"]');

const text = (element: Element | null) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('options page in German', () => {
  it('shows a refused update and an organisation list result in German, keeping English in `message`', async () => {
    const tampered = await checkAgainst(
      { ...bundled, meta: { ...bundled.meta, version: bundled.meta.version + 1 } },
      (json) => json.replace('Dahua', 'Dahub'),
    );
    expect(tampered).toMatchObject({ result: 'refused', code: 'bad-signature' });
    expect(tampered.message).toBe('refused: signature does not match');
    const v = bundled.meta.version;
    const notNewer = await checkAgainst({ ...bundled, meta: { ...bundled.meta, generatedAt: '2026-11-30T00:00:00Z' } });
    expect(notNewer.message).toBe(`refused: version ${v} is not newer than the list in use (version ${v})`);

    const root = await renderOptions(status(tampered, notNewer));
    expect(text(root.querySelector('[data-testid="last-check"]'))).toContain(
      'abgelehnt: die Signatur stimmt nicht überein',
    );
    expect(text(root.querySelector('[data-testid="organisation-list"]'))).toContain(
      `(abgelehnt: Version ${v} ist nicht neuer als die verwendete Liste (Version ${v}))`,
    );
    root.remove();
  });

  it('falls back to the English message for a record stored before checks were localisable', async () => {
    const old = { at: NOW.toISOString(), url: URL_, result: 'refused', message: 'refused: signature does not match' };
    const root = await renderOptions(status(old as CheckRecord, null));
    expect(text(root.querySelector('[data-testid="last-check"]'))).toContain('refused: signature does not match');
    root.remove();
  });

  it('shows a broken settings import in German', async () => {
    const root = await renderOptions(status(null, null));
    const input = root.querySelector('input[name="import"]')!;
    const file = { text: async () => JSON.stringify({ format: 'something-else' }) };
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new window.Event('change'));
    for (let i = 0; i < 100 && !root.querySelector('.problem'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(text(root.querySelector('.problem'))).toBe(
      'Dies ist keine VendorWatch-Einstellungsdatei, daher wurde nichts geändert.',
    );
    root.remove();
  });

  it('renders every import error in German with its details, and in English for `error`', () => {
    const notJson = parseSettingsImport('{oops');
    expect(notJson.ok).toBe(false);
    if (notJson.ok) return;
    expect(renderText(notJson.text, germanTranslate)).toBe(
      'Diese Datei ist kein gültiges JSON, daher wurde nichts geändert.',
    );
    const invalid = parseSettingsImport(
      JSON.stringify({ format: 'vendorwatch-settings', version: 1, settings: { siteMode: 'sometimes' } }),
    );
    if (invalid.ok) throw new Error('expected a refusal');
    expect(invalid.text).toMatchObject({ key: 'settingsImportInvalid', subs: ['siteMode', expect.any(String)] });
    expect(invalid.error).toMatch(/^The setting "siteMode" is invalid \(.+\), so nothing was changed\.$/);
    expect(renderText(invalid.text, germanTranslate)).toMatch(
      /^Die Einstellung „siteMode“ ist ungültig \(.+\), daher wurde nichts geändert\.$/,
    );
  });
});
