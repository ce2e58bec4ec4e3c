/**
 * Signed updates in real Chromium: a valid newer list changes what is flagged; tampered, unsigned, older, expired
 * and oversized lists change nothing and the options page says why. Uses the test build, which trusts the test
 * key (tests/keys) and a loopback http server.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY } from '../../lib/update/keys';
import { signList } from '../../lib/update/sign';
import type { Watchlist } from '../../lib/watchlist/schema';
import { E2E_EXTENSION_DIRS, type ExtensionRun, launchWithExtension, saveUpdateAddress } from './harness';
import { type StaticServer, startServer } from './server';

const ROOT = resolve(import.meta.dirname, '../..');

describe('chromium: signed watchlist updates', () => {
  let run: ExtensionRun;
  let server: StaticServer;
  let listsDir: string;
  let options: Page;

  /** Writes `<name>.json` and, unless unsigned, `<name>.json.sig`; `mutate` edits bytes after signing. */
  async function publish(name: string, list: unknown, how: { sign?: boolean; tamper?: boolean } = {}) {
    let body = new TextEncoder().encode(JSON.stringify(list));
    const secret = (await readFile(join(ROOT, 'tests/keys/test-signing.key'), 'utf8')).trim();
    const signature = await signList(body, secret, TEST_KEY.keyId);
    if (how.tamper) body = new TextEncoder().encode(new TextDecoder().decode(body).replace('ExampleCam', 'ExampleCan'));
    await writeFile(join(listsDir, `${name}.json`), body);
    if (how.sign !== false) await writeFile(join(listsDir, `${name}.json.sig`), JSON.stringify(signature));
    return server.url(`/lists/${name}.json`);
  }

  /** Sets the update address in the options page, presses Check now, returns the last-check text. */
  async function checkFrom(url: string): Promise<string> {
    // The options tab may be behind a fixture page or the first-run tab: bring it forward, and poll on a timer
    // (a hidden tab runs no animation frames, which waitForFunction polls on by default).
    await options.bringToFront();
    await options.reload();
    await saveUpdateAddress(options, url);
    // Through the DOM, not at screen coordinates: the options tab is in the background after a fixture page opened,
    // and a hidden tab draws no frames, which a coordinate click waits for.
    await options.$$eval('button', (buttons) =>
      (buttons.find((button) => button.textContent?.trim() === 'Check now') as HTMLButtonElement).click(),
    );
    // Check now again, enabled (the page has other buttons that are disabled until used, like the entries form's).
    await options.waitForFunction(
      () => [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Check now' && !b.disabled),
      { polling: 100 },
    );
    await options.waitForFunction(
      (previous) => document.querySelector('[data-testid="last-check"]')?.textContent !== previous,
      { polling: 100 },
      'never',
    );
    return (await options.$eval('[data-testid="last-check"]', (el) => el.textContent ?? '')).trim();
  }

  async function flaggedOnFixture(): Promise<string[]> {
    const page = await run.open(server.url('/fixtures/update-target.html'));
    const vendors = (await run.warnings(page)).map((w) => `${w.vendor}:${w.evidence}`);
    await page.close();
    return vendors;
  }

  beforeAll(async () => {
    listsDir = await mkdtemp(join(tmpdir(), 'vendorwatch-lists-'));
    server = await startServer({ '/lists/': listsDir, '/fixtures/': join(ROOT, 'tests/fixtures/pages') });
    run = await launchWithExtension('chromium', { extensionDir: E2E_EXTENSION_DIRS.chromium });
    options = await run.openExtensionPage('options.html');
  });
  afterAll(async () => {
    await run?.close();
    await server?.close();
    if (listsDir) await rm(listsDir, { recursive: true, force: true });
  });

  it('starts with no update address: a test build never reaches the project’s publication address', async () => {
    await options.waitForSelector('input[name="updateUrl"]');
    expect(await options.$eval('input[name="updateUrl"]', (input) => (input as HTMLInputElement).value)).toBe('');
    expect(await options.$eval('[data-testid="next-check"]', (el) => el.textContent)).toMatch(
      /automatic updates are off/,
    );
  });

  it('changes nothing for bad lists, and says why in the options page', async () => {
    const bundled = JSON.parse(await readFile(join(ROOT, 'public/watchlist.json'), 'utf8')) as Watchlist;
    const next = (version: number, changes: Partial<Watchlist['meta']> = {}): Watchlist => {
      const list = structuredClone(bundled);
      list.meta = { ...list.meta, version, ...changes };
      list.vendors.find((v) => v.id === 'dahua')!.aliases.push('ExampleCam');
      return list;
    };
    // Versions relative to the bundled list's, so publishing a new list version does not break the test.
    const v = bundled.meta.version;
    expect(await flaggedOnFixture()).toEqual([]);

    const cases: Array<[string, Promise<string>, RegExp]> = [
      ['tampered', publish('tampered', next(v + 1), { tamper: true }), /refused: signature does not match/],
      ['unsigned', publish('unsigned', next(v + 1), { sign: false }), /refused: the list has no signature/],
      [
        'older',
        publish('older', next(v)),
        new RegExp(`refused: version ${v} is not newer than the list in use \\(version ${v}\\)`),
      ],
      ['expired', publish('expired', next(v + 1, { expiresAt: '2020-01-01T00:00:00Z' })), /refused: the list expired/],
      [
        'oversized',
        publish('oversized', { ...next(v + 1), padding: 'x'.repeat(6 * 1024 * 1024) }),
        // The test server sends no Content-Length, so the updater counts the bytes and stops past the cap.
        /refused: the list is (\d+ bytes, more than|larger than) the \d+-byte limit/,
      ],
    ];
    for (const [name, url, reason] of cases) {
      expect(await checkFrom(await url), name).toMatch(reason);
      expect(await options.$eval('[data-testid="list-version"]', (el) => el.textContent), name).toMatch(
        new RegExp(`Version ${v} \\(bundled`),
      );
    }
    expect(await flaggedOnFixture()).toEqual([]);
  });

  it('installs a valid newer list, which changes what is flagged', async () => {
    const bundled = JSON.parse(await readFile(join(ROOT, 'public/watchlist.json'), 'utf8')) as Watchlist;
    const list = structuredClone(bundled);
    const v = bundled.meta.version + 1;
    list.meta.version = v;
    list.vendors.find((vendor) => vendor.id === 'dahua')!.aliases.push('ExampleCam');
    expect(await checkFrom(await publish('valid', list))).toMatch(`updated to version ${v}`);
    expect(await options.$eval('[data-testid="list-version"]', (el) => el.textContent)).toMatch(
      new RegExp(`Version ${v} \\(updated\\)`),
    );
    expect(await flaggedOnFixture()).toEqual(['dahua:ExampleCam']);
  });
});
