/**
 * Enterprise policy in real Chromium: a policy file in Chromium's managed policy directory sets the update
 * address and sensitivity for VendorWatch; the options page shows them as set by the organisation and locked,
 * and the content script scans with the policy's sensitivity.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumExtensionId, E2E_EXTENSION_DIRS, type ExtensionRun, launchWithExtension } from './harness';
import { type StaticServer, startServer } from './server';

const ROOT = resolve(import.meta.dirname, '../..');
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = join(POLICY_DIR, 'vendorwatch-e2e-test.json');
const POLICY_URL = 'https://lists.example.org/vendorwatch/watchlist.json';

// Writing Chromium's machine-wide policy directory needs root (CI runs as root).
describe.skipIf(process.getuid?.() !== 0)('chromium: managed policy', () => {
  let run: ExtensionRun;
  let server: StaticServer;

  beforeAll(async () => {
    const extensionId = chromiumExtensionId(E2E_EXTENSION_DIRS.chromium);
    await mkdir(POLICY_DIR, { recursive: true });
    await writeFile(
      POLICY_FILE,
      JSON.stringify({
        '3rdparty': { extensions: { [extensionId]: { updateUrl: POLICY_URL, sensitivity: 'strict' } } },
      }),
    );
    server = await startServer({ '/fixtures/': join(ROOT, 'tests/fixtures/pages') });
    run = await launchWithExtension('chromium', { extensionDir: E2E_EXTENSION_DIRS.chromium });
    expect(run.extensionOrigin).toBe(`chrome-extension://${extensionId}`);
  });
  afterAll(async () => {
    await run?.close();
    await server?.close();
    await rm(POLICY_FILE, { force: true });
  });

  it("shows the organisation's update address and sensitivity, locked", async () => {
    const options = await run.openExtensionPage('options.html');
    // Chromium loads extension policy a moment after start-up; the page updates when managed storage changes.
    await options.waitForFunction(
      (url) => (document.querySelector('input[name="updateUrl"]') as HTMLInputElement | null)?.value === url,
      { timeout: 15_000 },
      POLICY_URL,
    );
    const field = await options.$eval('input[name="updateUrl"]', (input) => ({
      value: (input as HTMLInputElement).value,
      disabled: (input as HTMLInputElement).disabled,
    }));
    expect(field).toEqual({ value: POLICY_URL, disabled: true });
    expect(await options.$eval('input[value="strict"]', (input) => (input as HTMLInputElement).checked)).toBe(true);
    expect(await options.$eval('fieldset', (set) => (set as HTMLFieldSetElement).disabled)).toBe(true);
    const text = await options.$eval('main', (main) => main.textContent ?? '');
    expect(text).toContain('Set by your organisation');
  });

  it("scans pages with the policy's sensitivity", async () => {
    const page = await run.open(server.url('/fixtures/model-only.html'));
    expect(await run.warnings(page)).toEqual([]);
  });
});
