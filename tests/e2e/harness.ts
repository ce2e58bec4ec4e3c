/**
 * Loads the *built* extension into real headless Chromium and Firefox ESR and answers the questions end-to-end
 * tests ask: which warnings did the page get, and what does the extension's background know about the tab.
 *
 * Adding a test: `const run = await launchWithExtension(name); const page = await run.open(url);
 * expect(await run.warnings(page)).toEqual(...)`.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import type { TabState } from '../../lib/protocol';
import { CHROMIUM_ARGS, chromiumPath, firefoxPath } from './browsers';
import { type RouteHandler, type StaticServer, startServer } from './server';

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: BrowserName[] = ['chromium', 'firefox'];

const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION_DIRS: Record<BrowserName, string> = {
  chromium: join(ROOT, '.output/chrome-mv3'),
  firefox: join(ROOT, '.output/firefox-mv3'),
};
/** Test builds (`npm run build:e2e`): trust the test signing key and a loopback http update server, and keep the
 * warning's shadow root open (closed in release builds); the tests load these unless they ask for a release build. */
export const E2E_EXTENSION_DIRS: Record<BrowserName, string> = {
  chromium: join(ROOT, '.output/chrome-mv3-e2e'),
  firefox: join(ROOT, '.output/firefox-mv3-e2e'),
};
const GECKO_ID = 'vendorwatch@vendorwatch.dev';

/** Chromium's id for an unpacked extension: the first 32 hex digits of SHA-256(path), written with a-p. */
export function chromiumExtensionId(extensionDir: string): string {
  const hex = createHash('sha256').update(resolve(extensionDir)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}
/** Fixed moz-extension UUID so tests can open the extension's own pages in Firefox. */
const FIREFOX_EXTENSION_UUID = '5c7d8f3e-9b1a-4c2d-8e6f-0a1b2c3d4e5f';

export interface WarningInfo {
  vendor: string;
  evidence: string;
  verdict: string;
}

export interface ExtensionRun {
  name: BrowserName;
  browser: Browser;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  extensionOrigin: string;
  /** Opens `url` in a new tab and waits until the extension has finished its first scan of it. */
  open(url: string): Promise<Page>;
  /** Warnings on the page, from the public data-attribute contract. */
  warnings(page: Page): Promise<WarningInfo[]>;
  /** What the background recorded for the page's tab (null if it never scanned). */
  tabState(page: Page): Promise<TabState | null>;
  /** Waits until the tab's recorded findings satisfy `predicate` (for dynamic pages). */
  waitForTabState(page: Page, predicate: (state: TabState) => boolean, timeoutMs?: number): Promise<TabState>;
  /** The browser's id for the page's tab (as extension pages see it). */
  tabId(page: Page): Promise<number>;
  /** An extension page (popup/options) opened in a tab. */
  openExtensionPage(path: string): Promise<Page>;
  /** Changes the user's settings as the options page would (e.g. `{ profile: 'uk-public', country: 'GB' }`). */
  setSettings(changes: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Defaults to the build in .output/. */
  extensionDir?: string;
  /** Defaults to true; the demo runs headed when a display exists. */
  headless?: boolean;
  /** `host:port` of a test server to use as HTTP proxy (see StaticServer.addVirtualPage). Loopback is direct. */
  proxy?: string;
  /** Accept the test servers' throwaway certificates (implied by `proxy`), e.g. for an https update server. */
  acceptInsecureCerts?: boolean;
  /** Extra Chromium command-line flags (e.g. `--lang=de`). */
  chromiumArgs?: string[];
  /** Extra Firefox preferences (e.g. `intl.locale.requested`, `ui.systemUsesDarkTheme`). */
  firefoxPrefs?: Record<string, string | number | boolean>;
  /** Extra environment variables for the browser process (e.g. `LANGUAGE`). */
  env?: Record<string, string>;
  /** Firefox: unpacked add-ons (e.g. a language pack) installed before VendorWatch. */
  firefoxAddonsFirst?: string[];
}

export async function launchWithExtension(name: BrowserName, options: LaunchOptions = {}): Promise<ExtensionRun> {
  const headless = options.headless ?? true;
  // The e2e build by default: it keeps the warning's shadow root open so tests can read and click inside it.
  const extensionDir = options.extensionDir ?? E2E_EXTENSION_DIRS[name];
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}. Run \`npm run build\` and \`npm run build:e2e\` first.`);
  }
  const profile = await mkdtemp(join(tmpdir(), `vendorwatch-${name}-`));
  let browser: Browser;
  let extensionOrigin: string;
  if (name === 'chromium') {
    browser = await puppeteer.launch({
      executablePath: chromiumPath(),
      headless,
      pipe: true,
      acceptInsecureCerts: Boolean(options.proxy || options.acceptInsecureCerts),
      defaultViewport: headless ? { width: 1280, height: 900 } : null,
      enableExtensions: [extensionDir],
      userDataDir: profile,
      ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
      args: [
        ...CHROMIUM_ARGS,
        ...(options.chromiumArgs ?? []),
        // Plain-http virtual sites must not be upgraded to https (there is no https behind the test proxy).
        '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable',
        ...(options.proxy ? [`--proxy-server=http://${options.proxy}`] : []),
      ],
    });
    const worker = await browser.waitForTarget(
      (target) => target.type() === 'service_worker' && target.url().startsWith('chrome-extension://'),
      { timeout: 20_000 },
    );
    // `new URL('chrome-extension://id/...').origin` is "null" in Node, so cut the origin out by hand.
    extensionOrigin = worker.url().split('/').slice(0, 3).join('/');
  } else {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath(),
      headless,
      acceptInsecureCerts: Boolean(options.proxy || options.acceptInsecureCerts),
      userDataDir: profile,
      ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
      // Firefox 153+ only lets WebDriver open moz-extension:// pages (popup, options) with system access.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
        // MV3 host permissions are opt-in on Firefox; a test profile grants them as a user would at install.
        'extensions.originControls.grantByDefault': true,
        'datareporting.policy.dataSubmissionEnabled': false,
        'dom.security.https_first': false,
        'dom.security.https_only_mode': false,
        ...(options.proxy
          ? {
              'network.proxy.type': 1,
              'network.proxy.http': options.proxy.split(':')[0]!,
              'network.proxy.http_port': Number(options.proxy.split(':')[1]),
              'network.proxy.ssl': options.proxy.split(':')[0]!,
              'network.proxy.ssl_port': Number(options.proxy.split(':')[1]),
              'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
            }
          : {}),
        'browser.shell.checkDefaultBrowser': false,
        ...options.firefoxPrefs,
      },
    });
    for (const addon of options.firefoxAddonsFirst ?? []) await browser.installExtension(addon);
    await browser.installExtension(extensionDir);
    extensionOrigin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
  }

  // One extension page stays open to ask the background about tabs.
  const probe = await browser.newPage();
  await gotoExtensionPage(probe, `${extensionOrigin}/popup.html`);

  /** The ids of every open tab (ids need no "tabs" permission; addresses would). */
  const openTabIds = (): Promise<number[]> =>
    probe.evaluate(async () => {
      type Api = { tabs: { query(q: object): Promise<Array<{ id?: number }>> } };
      const scope = globalThis as unknown as { browser?: Api; chrome?: Api };
      const tabs = await (scope.browser ?? scope.chrome)!.tabs.query({});
      return tabs.flatMap((tab) => (tab.id === undefined ? [] : [tab.id]));
    });
  // Pages opened through `open` know their tab: an older tab still showing the same address (an earlier test's)
  // must not stand in for a page whose scan has not reported yet.
  const knownTabs = new WeakMap<Page, number>();

  /** The tab showing `page`, with what the background recorded for it (asked from an extension page). */
  const findTab = (page: Page): Promise<{ id: number; state: TabState } | null> =>
    probe.evaluate(
      async (url: string, onlyTab: number | null) => {
        // Runs in the extension page: Firefox exposes `browser`, Chromium `chrome` (promise-based in MV3).
        type Api = {
          tabs: { query(q: object): Promise<Array<{ id?: number }>> };
          runtime: { sendMessage(message: object): Promise<unknown> };
        };
        const scope = globalThis as unknown as { browser?: Api; chrome?: Api };
        const api = (scope.browser ?? scope.chrome)!;
        // Tab URLs need the "tabs" permission, which VendorWatch does not ask for: match on the recorded URL.
        for (const tab of await api.tabs.query({})) {
          if (tab.id === undefined || (onlyTab !== null && tab.id !== onlyTab)) continue;
          // The background answers in the protocol's envelope (lib/protocol.ts): { ok, reply } or { ok: false, error }.
          const answer = (await api.runtime.sendMessage({ type: 'get-tab-state', tabId: tab.id })) as {
            ok: boolean;
            reply?: TabState | null;
            error?: string;
          };
          if (!answer.ok) throw new Error(`get-tab-state refused: ${answer.error}`);
          const state = answer.reply ?? null;
          if (state?.url === url) return { id: tab.id, state };
        }
        return null;
      },
      page.url(),
      knownTabs.get(page) ?? null,
    );
  const tabState = async (page: Page) => (await findTab(page))?.state ?? null;

  const waitForTabState = async (page: Page, predicate: (state: TabState) => boolean, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    let last: TabState | null = null;
    while (Date.now() < deadline) {
      last = await tabState(page);
      if (last && predicate(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(
      `${name}: tab state for ${page.url()} did not reach the expected state; last: ${JSON.stringify(last)}`,
    );
  };

  /** The id of the tab showing `page`, once the background has a record of its page (a rescan starts it afresh). */
  const tabId = async (page: Page, timeoutMs = 15_000): Promise<number> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const tab = await findTab(page);
      if (tab) return tab.id;
      if (Date.now() > deadline) throw new Error(`${name}: no scanned tab for ${page.url()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  return {
    name,
    browser,
    extensionOrigin,
    tabId,
    async open(url) {
      const before = new Set(await openTabIds());
      const page = await browser.newPage();
      const added = (await openTabIds()).filter((id) => !before.has(id));
      if (added.length === 1) knownTabs.set(page, added[0]!);
      await page.goto(url, { waitUntil: 'load' });
      await waitForTabState(page, () => true);
      return page;
    },
    warnings: (page) =>
      page.$$eval('vendorwatch-warning', (hosts) =>
        hosts.map((host) => ({
          vendor: host.getAttribute('data-vendorwatch-vendor') ?? '',
          evidence: host.getAttribute('data-vendorwatch-evidence') ?? '',
          verdict: host.getAttribute('data-vendorwatch-verdict') ?? '',
        })),
      ),
    tabState,
    waitForTabState,
    async setSettings(changes) {
      await probe.evaluate(async (wanted: Record<string, unknown>) => {
        type Api = {
          storage: {
            local: {
              get(key: string): Promise<Record<string, unknown>>;
              set(items: Record<string, unknown>): Promise<void>;
            };
          };
        };
        const scope = globalThis as unknown as { browser?: Api; chrome?: Api };
        const api = (scope.browser ?? scope.chrome)!;
        const stored = ((await api.storage.local.get('settings')).settings ?? {}) as Record<string, unknown>;
        await api.storage.local.set({ settings: { ...stored, ...wanted } });
      }, changes);
    },
    async openExtensionPage(path) {
      const page = await browser.newPage();
      await gotoExtensionPage(page, `${extensionOrigin}/${path.replace(/^\//, '')}`);
      return page;
    },
    async close() {
      // A browser that does not shut down within a while is killed: teardown must never outlast the hook timeout.
      const closed = browser.close().then(
        () => true,
        () => false,
      );
      const inTime = await Promise.race([closed, new Promise<false>((done) => setTimeout(() => done(false), 20_000))]);
      if (!inTime) browser.process()?.kill('SIGKILL');
      await rm(profile, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

/**
 * Navigates to an extension page. Firefox loads moz-extension:// pages but puppeteer's BiDi navigation never
 * sees the load finish, so we start the navigation and poll the document ourselves.
 */
async function gotoExtensionPage(page: Page, url: string, timeoutMs = 15_000): Promise<void> {
  const navigation = page.goto(url, { timeout: timeoutMs }).catch(() => undefined);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ready = await page
      .evaluate((wanted: string) => location.href.startsWith(wanted) && document.readyState === 'complete', url)
      .catch(() => false);
    if (ready) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  await navigation;
  throw new Error(`extension page ${url} did not load`);
}

/**
 * The usual suite set-up: a static server with `mounts` and the extension in `name`, started before the tests and
 * closed after them. Read `suite.run` and `suite.server` inside tests.
 */
export function extensionSuite(
  name: BrowserName,
  mounts: Record<string, string>,
  options: LaunchOptions & { proxied?: boolean; routes?: RouteHandler[] } = {},
): { run: ExtensionRun; server: StaticServer } {
  const suite = {} as { run: ExtensionRun; server: StaticServer };
  beforeAll(async () => {
    suite.server = await startServer(mounts, options.routes);
    suite.run = await launchWithExtension(name, {
      ...options,
      proxy: options.proxied ? suite.server.proxy : options.proxy,
    });
  });
  afterAll(async () => {
    await suite.run?.close();
    await suite.server?.close();
  });
  return suite;
}

/**
 * The report page the popup's "Printable report" opened, opened again here: the popup stores the report in session
 * storage under `report:<id>` and opens report.html?id=<id> (a tab the test cannot otherwise reach in Firefox).
 */
export async function openStoredReport(run: ExtensionRun, popup: Page): Promise<Page> {
  for (let i = 0; i < 50; i++) {
    const id = await popup.evaluate(async () => {
      type Api = { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };
      const scope = globalThis as unknown as { browser?: Api; chrome?: Api };
      const all = await (scope.browser ?? scope.chrome)!.storage.session.get(null);
      return Object.keys(all)
        .find((key) => key.startsWith('report:'))
        ?.slice('report:'.length);
    });
    if (id) return run.openExtensionPage(`report.html?id=${id}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the popup stored no report');
}

/** Enters `url` as the update address on the options page (a change event, as leaving the field) and waits for "Saved". */
export async function saveUpdateAddress(options: Page, url: string): Promise<void> {
  await options.waitForSelector('input[name="updateUrl"]');
  await options.$eval(
    'input[name="updateUrl"]',
    (input, value) => {
      (input as HTMLInputElement).value = value;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    url,
  );
  // Polled on a timer: the options tab may be hidden behind a fixture page (no animation frames there).
  await options.waitForFunction(() => document.querySelector('[role="status"]')?.textContent?.includes('Saved'), {
    polling: 100,
  });
}
