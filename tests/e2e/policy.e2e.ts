/**
 * Enterprise policy in real Chromium: a policy file in Chromium's managed policy directory sets the update
 * address and sensitivity for VendorWatch; the options page shows them as set by the organisation and locked,
 * and the content script scans with the policy's sensitivity.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY } from '../../lib/update/keys';
import { signList } from '../../lib/update/sign';
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
  let listsDir: string | undefined;

  beforeAll(async () => {
    const extensionId = chromiumExtensionId(E2E_EXTENSION_DIRS.chromium);
    await mkdir(POLICY_DIR, { recursive: true });
    // The organisation's own list: one vendor, signed with the organisation's key (the test key here).
    listsDir = await mkdtemp(join(tmpdir(), 'vendorwatch-org-'));
    server = await startServer({ '/fixtures/': join(ROOT, 'tests/fixtures/pages'), '/org/': listsDir });
    const orgList = {
      meta: { schemaVersion: 1, version: 3, generatedAt: '2026-11-01T00:00:00Z', expiresAt: '2099-01-01T00:00:00Z' },
      measures: [],
      vendors: [
        {
          id: 'examplecam',
          name: 'ExampleCam',
          legalNames: [{ name: 'ExampleCam Ltd', script: 'Latn' }],
          country: 'CN',
          description: 'A maker this organisation does not buy from.',
        },
      ],
    };
    const body = new TextEncoder().encode(JSON.stringify(orgList));
    const secret = (await readFile(join(ROOT, 'tests/keys/test-signing.key'), 'utf8')).trim();
    await writeFile(join(listsDir, 'list.json'), body);
    await writeFile(join(listsDir, 'list.json.sig'), JSON.stringify(await signList(body, secret, 'example-council')));
    const policy = {
      updateUrl: POLICY_URL,
      sensitivity: 'strict',
      // A value Chrome's schema lets through (a string) but VendorWatch does not know: ignored, said, still locked.
      profile: 'UK-Public',
      extraLists: [
        {
          url: server.url('/org/list.json'),
          keyId: 'example-council',
          publicKey: TEST_KEY.publicKey,
          label: 'Example Council',
        },
      ],
    };
    await writeFile(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: policy } } }));
    run = await launchWithExtension('chromium', { extensionDir: E2E_EXTENSION_DIRS.chromium });
    expect(run.extensionOrigin).toBe(`chrome-extension://${extensionId}`);
  });
  afterAll(async () => {
    await run?.close();
    await server?.close();
    await rm(POLICY_FILE, { force: true });
    if (listsDir) await rm(listsDir, { recursive: true, force: true });
  });

  it("shows the organisation's update address and sensitivity, locked", async () => {
    // Chromium loads extension policy a moment after start-up, and does not always announce that first load as a
    // storage change: wait until the extension can read it, as a user opening the options page later would.
    const probe = await run.openExtensionPage('popup.html');
    await probe.waitForFunction(
      async (url) => {
        type Api = { storage: { managed: { get(key: null): Promise<Record<string, unknown>> } } };
        const scope = globalThis as unknown as { browser?: Api; chrome?: Api };
        const managed = await (scope.browser ?? scope.chrome)!.storage.managed.get(null);
        return managed.updateUrl === url;
      },
      { timeout: 30_000, polling: 250 },
      POLICY_URL,
    );
    await probe.close();
    const options = await run.openExtensionPage('options.html');
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
    expect(
      await options.$eval('fieldset:has(input[name="sensitivity"])', (set) => (set as HTMLFieldSetElement).disabled),
    ).toBe(true);
    const text = await options.$eval('main', (main) => main.textContent ?? '');
    expect(text).toContain('Set by your organisation');
    expect(await options.$eval('[data-testid="policy-problems"]', (notice) => notice.textContent)).toMatch(
      /policy field profile: 'UK-Public'.*ignored/,
    );
    expect(await options.$eval('select[name="profile"]', (select) => (select as HTMLSelectElement).disabled)).toBe(
      true,
    );
  });

  it("scans pages with the policy's sensitivity", async () => {
    const page = await run.open(server.url('/fixtures/model-only.html'));
    expect(await run.warnings(page)).toEqual([]);
  });

  it("installs the organisation's own signed list and flags its vendors, labelled as the organisation's", async () => {
    const options = await run.openExtensionPage('options.html');
    await options.waitForSelector('button');
    await options.locator('button::-p-text(Check now)').click();
    await options.waitForFunction(
      () => document.querySelector('[data-testid="organisation-list"]')?.textContent?.includes('Version 3'),
      { timeout: 15_000 },
    );
    const page = await run.open(server.url('/fixtures/update-target.html'));
    expect((await run.warnings(page)).map((w) => w.vendor)).toEqual(['org-example-council-examplecam']);
    expect((await run.tabState(page))?.findings[0]?.vendorName).toBe('ExampleCam (Example Council)');
  });
});
