/**
 * The popup and the options page in Chromium and Firefox: findings grouped by vendor, click to reveal a finding,
 * evidence exports, problem reports that show exactly what would be sent, pausing a site, the watchlist's version
 * and age, profile, sensitivity, where VendorWatch runs, import/export of settings, the user's own entries,
 * keyboard use, and axe-core checks. Chromium also saves the README's screenshots.
 *
 * A second launch per browser starts the browser in German with a dark system theme (Chromium: `--lang=de`,
 * `--force-dark-mode`; Firefox: `intl.locale.requested` with a minimal German language pack, and the
 * color-scheme prefs), so the translated interface and the dark theme are checked for real in both browsers.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRows } from '../../lib/documents/csv';
import { formatDay, freshness } from '../../lib/watchlist/freshness';
import { axeViolations } from './axe';
import { BROWSERS, type ExtensionRun, launchWithExtension, openStoredReport } from './harness';
import { type StaticServer, startServer } from './server';

const ROOT = resolve(import.meta.dirname, '../..');
/** The list the extension bundles, and how current it says it is. */
const bundledMeta = JSON.parse(readFileSync(join(ROOT, 'public/watchlist.json'), 'utf8')).meta;
const bundledFreshness = freshness(bundledMeta, new Date());

/** Text of the file the page offered for download through a blob link. */
async function downloaded(page: Page): Promise<string> {
  await page.waitForSelector('a[data-testid="export-link"]');
  const text = await page.evaluate(async () => {
    const links = document.querySelectorAll('a[data-testid="export-link"]');
    const link = links[links.length - 1] as HTMLAnchorElement;
    return (await fetch(link.href)).text();
  });
  await page.evaluate(() => {
    for (const link of document.querySelectorAll('a[data-testid="export-link"]')) link.remove();
  });
  return text;
}

const clickText = (page: Page, text: string) => page.locator(`button::-p-text(${text})`).click();

/** Clicks through the DOM, not at screen coordinates (works in a background tab). */
const domClick = (page: Page, selector: string) => page.$eval(selector, (element) => (element as HTMLElement).click());

/** Sets a textarea's or input's value and fires `change`, as leaving the field after typing does. */
const setField = (page: Page, selector: string, value: string) =>
  page.$eval(
    selector,
    (element, text) => {
      (element as HTMLTextAreaElement).value = text;
      element.dispatchEvent(new Event('input', { bubbles: true }));
      element.dispatchEvent(new Event('change', { bubbles: true }));
    },
    value,
  );

/** Waits until the stored user settings have `field` equal to `expected` (asked from an extension page). */
async function waitForStored(ui: Page, field: string, expected: unknown): Promise<void> {
  await ui.waitForFunction(
    async (key: string, wanted: string) => {
      type Api = { storage: { local: { get(key: string): Promise<Record<string, Record<string, unknown>>> } } };
      const scope = globalThis as unknown as { browser?: Api; chrome?: Api };
      const stored = (await (scope.browser ?? scope.chrome)!.storage.local.get('settings')).settings ?? {};
      return JSON.stringify(stored[key]) === wanted;
    },
    { polling: 100, timeout: 15_000 },
    field,
    JSON.stringify(expected),
  );
}

/** Presses Tab until the focused element matches `selector`; fails if it never does. */
async function tabTo(ui: Page, selector: string, maxPresses = 60): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await ui.keyboard.press('Tab');
    if (await ui.evaluate((s: string) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Mean of the body's background colour channels: high in the light theme, low in the dark one. */
const backgroundLightness = (ui: Page) =>
  ui.evaluate(() => {
    const channels = (getComputedStyle(document.body).backgroundColor.match(/\d+/g) ?? []).slice(0, 3).map(Number);
    return channels.reduce((sum, c) => sum + c, 0) / Math.max(1, channels.length);
  });

const prefersDark = (ui: Page) => ui.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);

/** The popup for `page`'s tab, once it has rendered. */
async function openPopup(run: ExtensionRun, page: Page): Promise<Page> {
  const popup = await run.openExtensionPage(`popup.html?tab=${await run.tabId(page)}`);
  await popup.waitForSelector('main h1');
  return popup;
}

/** `ui` really is in `theme` (the media query and the painted background agree) and has no axe-core violations. */
async function expectThemeWithoutViolations(ui: Page, theme: 'light' | 'dark'): Promise<void> {
  expect(await prefersDark(ui), ui.url()).toBe(theme === 'dark');
  if (theme === 'dark') expect(await backgroundLightness(ui), ui.url()).toBeLessThan(60);
  else expect(await backgroundLightness(ui), ui.url()).toBeGreaterThan(200);
  expect(
    (await axeViolations(ui)).map((v) => v.id),
    `${theme} ${ui.url()}`,
  ).toEqual([]);
}

/** Opens the (single) pill of `vendor` on `page` and returns the texts of its card, read from the shadow root. */
function openCard(page: Page, vendor: string) {
  return page.evaluate(async (id: string) => {
    const host = document.querySelector(`vendorwatch-warning[data-vendorwatch-vendor="${id}"]`)!;
    const root = host.shadowRoot!;
    (root.querySelector('button.pill') as HTMLElement).click();
    for (let i = 0; i < 50 && !root.querySelector('.card'); i++) await new Promise((r) => setTimeout(r, 50));
    const all = (selector: string) => [...root.querySelectorAll(selector)].map((el) => el.textContent ?? '');
    return {
      verdictLine: root.querySelector('.verdict-line')?.textContent ?? '',
      terms: all('dt'),
      statuses: all('.measure .tag[class*="status-"]'),
      sources: all('a.source'),
      version: root.querySelector('.version')?.textContent ?? '',
      more: root.querySelector('button.more')?.textContent ?? '',
      measures: root.querySelectorAll('li.measure').length,
      borders: (() => {
        const style = getComputedStyle(root.querySelector('.card')!);
        return { left: style.borderLeftColor, top: style.borderTopColor };
      })(),
    };
  }, vendor);
}

describe.each(BROWSERS)('%s: popup and options', (name) => {
  let run: ExtensionRun;
  let server: StaticServer;
  let tmp: string;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'vendorwatch-ui-'));
    server = await startServer({
      '/demo/': join(ROOT, 'demo/pages'),
      '/fixtures/': join(ROOT, 'tests/fixtures/pages'),
    });
    run = await launchWithExtension(name, {
      // Firefox: downloads (the exports) go straight to a folder, without the downloads panel taking the focus.
      firefoxPrefs: {
        'browser.download.alwaysOpenPanel': false,
        'browser.download.panel.shown': true,
        'browser.download.folderList': 2,
        'browser.download.dir': tmp,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
      },
    });
  });
  afterAll(async () => {
    await run?.close();
    await server?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const popupFor = (page: Page) => openPopup(run, page);

  /**
   * The options tab the extension opened (runtime.openOptionsPage). Asks each new tab where it is: under Firefox
   * BiDi a tab's reported URL can stay about:blank for extension pages.
   */
  async function newOptionsTab(before: Set<Page>): Promise<Page> {
    for (let i = 0; i < 150; i++) {
      for (const candidate of await run.browser.pages()) {
        if (before.has(candidate)) continue;
        const href = await candidate.evaluate(() => location.href).catch(() => '');
        if (href.endsWith('/options.html')) return candidate;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${name}: the options page did not open`);
  }

  it('groups the findings by vendor and exports them as JSON, CSV and a printable report', async () => {
    const page = await run.open(server.url('/demo/shop-results.html'));
    const popup = await popupFor(page);
    await popup.waitForSelector('section[data-vendor="hikvision"]');
    expect(await popup.$$eval('section[data-vendor]', (s) => s.map((x) => x.getAttribute('data-vendor')))).toEqual([
      'hikvision',
      'dahua',
    ]);
    expect(await popup.$eval('[role="status"]', (el) => el.textContent)).toMatch(/^4 finding/);

    await clickText(popup, 'JSON');
    const report = JSON.parse(await downloaded(popup));
    expect(report.pageUrl).toBe(page.url());
    expect(report.watchlist.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The record says how current the list was: its review day and each source compared.
    expect(report.watchlist.reviewedOn).toBe(bundledFreshness.reviewedOn);
    expect(report.watchlist.reviewed).toEqual(bundledFreshness.reviews);
    expect(await popup.$eval('[data-testid="list-reviewed"]', (el) => el.textContent)).toMatch(
      new RegExp(`^Watchlist v${bundledMeta.version}, reviewed .+ against ${bundledFreshness.sources[0]}`),
    );
    expect(report.findings.map((f: { vendorId: string }) => f.vendorId).sort()).toEqual([
      'dahua',
      'hikvision',
      'hikvision',
      'hikvision',
    ]);

    await clickText(popup, 'CSV');
    const csv = await downloaded(popup);
    expect(csv.split('\n')[0]).toMatch(
      /^page,captured_at,watchlist_version,watchlist_sha256,watchlist_reviewed,vendor/,
    );
    expect(csv.split('\n')[1]).toContain(`,${bundledFreshness.reviewedOn},`);
    // One row per finding, the measures by id; their titles and sources are in the JSON summary, once per vendor.
    expect(csv.trimEnd().split('\n')).toHaveLength(1 + 4);
    expect(csv).toContain('us-ndaa-889');
    // Each row names its product (the start of its card), where it is on the page, the verdict and the measure ids.
    const [columns, ...rows] = csvRows(csv.trim());
    const cell = (row: string[], column: string) => row[columns!.indexOf(column)] ?? '';
    for (const row of rows) {
      expect(cell(row, 'item').length).toBeGreaterThan(10);
      expect(cell(row, 'item')).toContain(cell(row, 'evidence'));
      expect(cell(row, 'location')).toMatch(/^finding [1-4] of 4 on the page$/);
      expect(['Listed vendor', 'Brand of listed vendor', 'Possible match']).toContain(cell(row, 'verdict'));
      expect(cell(row, 'measures')).toMatch(/^[a-z0-9-]+(;[a-z0-9-]+)+$/);
    }
    const hikvision = report.summary.find((s: { vendorId: string }) => s.vendorId === 'hikvision');
    expect(JSON.stringify(hikvision.measures)).toContain('NDAA FY2019 section 889');
    expect(JSON.stringify(hikvision.measures)).toContain('https://www.acq.osd.mil/dpap/dars/section889.html');

    await clickText(popup, 'Printable report');
    const printable = await openStoredReport(run, popup);
    await printable.waitForFunction(() => document.body.textContent?.includes('VendorWatch findings report'));
    const text = await printable.evaluate(() => document.body.textContent ?? '');
    expect(text).toContain('FCC Covered List');
    expect(text).toContain(page.url());
    expect(text).toContain(`Watchlist reviewed${bundledFreshness.reviewedOn}`);
    await printable.close();
    await popup.close();
    await page.close();
  });

  it('shows exactly what a problem report would send, with the address detail the user picks', async () => {
    const page = await run.open(server.url('/demo/shop-results.html'));
    const popup = await popupFor(page);
    await popup.waitForSelector('section[data-vendor="dahua"]');
    // The vendor's line opens to its findings, each with "Report a problem".
    await popup.$eval('section[data-vendor="dahua"] summary', (summary) => (summary as HTMLElement).click());
    await popup.locator('section[data-vendor="dahua"] button::-p-text(Report a problem)').click();
    const preview = () => popup.$eval('[data-testid="report-preview"]', (el) => el.textContent ?? '');
    await popup.waitForSelector('[data-testid="report-preview"]');
    // Before anything is opened, the popup says where it goes: a public GitHub issue that needs an account.
    expect(await popup.$eval('section.report', (el) => el.textContent ?? '')).toMatch(
      /opens a public issue on GitHub, which anyone can read; you need a GitHub account/,
    );
    expect(await popup.$$eval('section.report button', (bs) => bs.map((b) => b.textContent))).toContain(
      'Open a public GitHub issue',
    );
    expect(await preview()).toContain('Page address: 127.0.0.1');
    await popup.click('input[value="none"]');
    expect(await preview()).toContain('Page address: (not included)');
    expect(await preview()).not.toContain('127.0.0.1');
    await popup.click('input[value="full"]');
    expect(await preview()).toContain(`Page address: ${page.url()}`);
    // Only the matched words travel, never the page's other text.
    expect(await preview()).toContain('Matched text: “Dahua Technology”');
    expect(await preview()).not.toMatch(/Lite IR|£64\.50|Hanwha/);
    await popup.close();
    await page.close();
  });

  it('pauses on a site and resumes', async () => {
    let page = await run.open(server.url('/fixtures/dark.html'));
    expect((await run.warnings(page)).map((w) => w.vendor)).toEqual(['dahua']);
    let popup = await popupFor(page);
    await popup.click('input[name="pause"]');
    await popup.waitForFunction(() => (document.querySelector('input[name="pause"]') as HTMLInputElement).checked);
    // The warnings already on the page go at once, without a reload, and the tab's record says paused.
    await page.waitForFunction(() => document.querySelectorAll('vendorwatch-warning').length === 0, {
      polling: 100,
      timeout: 10_000,
    });
    await expect.poll(async () => (await run.tabState(page))?.paused, { timeout: 10_000 }).toBe(true);
    // Resuming reads the page again, still without a reload.
    await popup.click('input[name="pause"]');
    // (A page in a background tab gets no animation frames, which the warnings are written in.)
    await page.bringToFront();
    await page.waitForFunction(() => document.querySelectorAll('vendorwatch-warning').length === 1, {
      polling: 100,
      timeout: 10_000,
    });
    await expect.poll(async () => (await run.tabState(page))?.findings.length, { timeout: 10_000 }).toBe(1);
    // Paused again, for the reload below.
    await popup.bringToFront();
    await popup.click('input[name="pause"]');
    await popup.waitForFunction(() => (document.querySelector('input[name="pause"]') as HTMLInputElement).checked);
    await page.waitForFunction(() => document.querySelectorAll('vendorwatch-warning').length === 0, {
      polling: 100,
      timeout: 10_000,
    });
    await popup.close();
    await page.close();
    page = await run.open(server.url('/fixtures/dark.html'));
    expect(await run.warnings(page)).toEqual([]);
    expect((await run.tabState(page))?.paused).toBe(true);
    popup = await popupFor(page);
    expect(await popup.$eval('input[name="pause"]', (i) => (i as HTMLInputElement).checked)).toBe(true);
    await popup.click('input[name="pause"]');
    await popup.waitForFunction(() => !(document.querySelector('input[name="pause"]') as HTMLInputElement).checked);
    await popup.close();
    await page.close();
    page = await run.open(server.url('/fixtures/dark.html'));
    expect((await run.warnings(page)).map((w) => w.vendor)).toEqual(['dahua']);
    await page.close();
  });

  it('shows when the list was reviewed against each source, warns only when that is over 60 days ago, and the test build starts with updates off', async () => {
    const options = await run.openExtensionPage('options.html');
    await options.waitForSelector('[data-testid="list-reviewed"]');
    const items = await options.$$eval('[data-testid="list-reviewed"] li', (lis) => lis.map((li) => li.textContent));
    expect(items).toHaveLength(bundledFreshness.reviews.length);
    expect(items[0]).toContain(bundledFreshness.reviews[0]!.source);
    expect(Boolean(await options.$('[data-testid="list-stale"]'))).toBe(bundledFreshness.stale);
    // The test build starts with no address (attacks-page.e2e checks the release build's publication address).
    expect(await options.$eval('input[name="updateUrl"]', (input) => (input as HTMLInputElement).value)).toBe('');
    await options.close();
  });

  it('keeps the profile, refuses a broken settings file, and round-trips export and import', async () => {
    const options = await run.openExtensionPage('options.html');
    await options.waitForSelector('select[name="profile"]');
    await options.select('select[name="profile"]', 'uk-public');
    await options.waitForFunction(() => document.querySelector('[role="status"]')?.textContent?.includes('Saved'));
    let reopened = await run.openExtensionPage('options.html');
    await reopened.waitForSelector('select[name="profile"]');
    expect(await reopened.$eval('select[name="profile"]', (s) => (s as HTMLSelectElement).value)).toBe('uk-public');
    await reopened.close();

    await clickText(options, 'Export settings');
    const exported = JSON.parse(await downloaded(options));
    expect(exported).toMatchObject({ format: 'vendorwatch-settings', version: 1, settings: { profile: 'uk-public' } });

    const broken = join(tmp, `broken-${name}.json`);
    await writeFile(broken, '{"format": "vendorwatch-settings", "version": 1, "settings": {"sensitivity": "extreme"}}');
    const input = (await options.$('input[name="import"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(broken);
    await options.waitForSelector('[role="alert"]');
    expect(await options.$eval('[role="alert"]', (el) => el.textContent)).toMatch(
      /"sensitivity" is invalid.*nothing was changed/,
    );
    reopened = await run.openExtensionPage('options.html');
    await reopened.waitForSelector('select[name="profile"]');
    expect(await reopened.$eval('select[name="profile"]', (s) => (s as HTMLSelectElement).value)).toBe('uk-public');
    await reopened.close();

    const good = join(tmp, `good-${name}.json`);
    await writeFile(
      good,
      JSON.stringify({
        ...exported,
        settings: { ...exported.settings, profile: 'au-government', sensitivity: 'strict' },
      }),
    );
    await ((await options.$('input[name="import"]')) as ElementHandle<HTMLInputElement>).uploadFile(good);
    await options.waitForFunction(() => document.querySelector('[role="status"]')?.textContent?.includes('imported'));
    expect(await options.$eval('select[name="profile"]', (s) => (s as HTMLSelectElement).value)).toBe('au-government');
    expect(await options.$eval('input[value="strict"]', (i) => (i as HTMLInputElement).checked)).toBe(true);
    // Back to the defaults for the next tests.
    await options.click('input[value="balanced"]');
    await options.select('select[name="profile"]', 'consumer');
    await options.close();
  });

  it("adds an own entry through the form: an open tab flags it by its name with the entry's reason", async () => {
    const reason = 'Not on our approved list: procurement policy 2026/3';
    // The tab is open before the entry exists: it must pick the entry up without a reload.
    const page = await run.open(server.url('/fixtures/update-target.html'));
    expect(await run.warnings(page)).toEqual([]);
    const options = await run.openExtensionPage('options.html');
    await options.waitForSelector('button.add-entry');
    await domClick(options, 'button.add-entry');
    await options.waitForSelector('input[name="own-name"]');
    // A name too short is refused in plain words, next to the field.
    await setField(options, 'input[name="own-name"]', 'E');
    await domClick(options, 'button.save-entry');
    await options.waitForSelector('#own-name-problem');
    expect(await options.$eval('#own-name-problem', (el) => el.textContent)).toBe(
      'Give the entry a name of at least 2 characters.',
    );
    expect(await options.$eval('.entry-form [role="alert"]', (el) => el.textContent)).toBe(
      'The entry was not saved. Please correct the fields marked below.',
    );
    await setField(options, 'input[name="own-name"]', 'ExampleCam');
    await setField(options, 'input[name="own-reason"]', reason);
    await domClick(options, 'button.save-entry');
    await options.waitForSelector('li[data-entry="examplecam"]');

    // The open tab reads its page again and flags the entry by its name, with the reason on the card.
    await page.waitForSelector('vendorwatch-warning[data-vendorwatch-vendor="user-examplecam"]', { timeout: 15_000 });
    expect((await run.warnings(page)).map((w) => [w.vendor, w.evidence])).toEqual([['user-examplecam', 'ExampleCam']]);
    await page.$eval('vendorwatch-warning', (host) =>
      (host.shadowRoot!.querySelector('button.pill') as HTMLElement).click(),
    );
    await page.waitForFunction(() =>
      Boolean(document.querySelector('vendorwatch-warning')?.shadowRoot?.querySelector('.own-reason')),
    );
    expect(
      await page.$eval('vendorwatch-warning', (host) => host.shadowRoot!.querySelector('.own-reason')!.textContent),
    ).toBe(`Your list: ${reason}`);
    const state = await run.waitForTabState(page, (s) => s.findings.length === 1);
    expect(state.findings[0]?.vendorName).toBe('ExampleCam (your entry)');

    // The entries as a file an IT team can share: exported, removed, imported again.
    await domClick(options, 'button.export-entries');
    const file = JSON.parse(await downloaded(options));
    expect(file).toMatchObject({
      format: 'vendorwatch-entries',
      version: 1,
      entries: [{ name: 'ExampleCam', ownReason: reason }],
    });
    await options.$eval('li[data-entry="examplecam"] button:last-of-type', (b) => (b as HTMLElement).click());
    await options.waitForSelector('[data-testid="no-entries"]');
    await page.waitForFunction(() => !document.querySelector('vendorwatch-warning'), { polling: 100, timeout: 15_000 });
    const shared = join(tmp, `entries-${name}.json`);
    await writeFile(shared, JSON.stringify(file));
    await ((await options.$('input[name="import-entries"]')) as ElementHandle<HTMLInputElement>).uploadFile(shared);
    await options.waitForSelector('[data-testid="entries-imported"]');
    await options.waitForSelector('li[data-entry="examplecam"]');
    await page.waitForSelector('vendorwatch-warning[data-vendorwatch-vendor="user-examplecam"]', { timeout: 15_000 });
    // A broken file is refused in plain words.
    const broken = join(tmp, `entries-broken-${name}.json`);
    await writeFile(broken, JSON.stringify({ ...file, entries: [{ name: 'No Legal Names', id: 'no-legal-names' }] }));
    await ((await options.$('input[name="import-entries"]')) as ElementHandle<HTMLInputElement>).uploadFile(broken);
    await options.waitForSelector('[data-testid="entries-file-problem"]');
    expect(await options.$eval('[data-testid="entries-file-problem"]', (el) => el.textContent)).toMatch(
      /^Entry 1 \(“No Legal Names”\) in the file has no /,
    );
    await options.close();
    await page.close();
  });

  it('shows warnings quietly when none of their measures is in a jurisdiction the user chose', async () => {
    const options = await run.openExtensionPage('options.html');
    await options.waitForSelector('input[name="jurisdiction"][value="GB"]');
    await options.$eval('input[name="jurisdiction"][value="GB"]', (box) => (box as HTMLInputElement).click());
    await options.waitForFunction(() => document.querySelector('[role="status"]')?.textContent?.includes('Saved'));
    const page = await run.open(server.url('/demo/tender-notice.html'));
    const tones = await page.$$eval('vendorwatch-warning', (hosts) =>
      Object.fromEntries(
        hosts.map((h) => [
          h.getAttribute('data-vendorwatch-vendor'),
          h.shadowRoot!.querySelector('.vw')!.classList.contains('quiet'),
        ]),
      ),
    );
    // Hikvision and Dahua fall under the UK direction; Quectel and Hytera have no UK measure.
    expect(tones).toEqual({ hikvision: false, dahua: false, hytera: true, quectel: true });
    // The options tab is behind the page now: click through the DOM, not at screen coordinates.
    await options.$eval('input[name="jurisdiction"][value="GB"]', (box) => (box as HTMLInputElement).click());
    // A background tab runs no animation frames, so poll on a timer.
    await options.waitForFunction(
      () => !(document.querySelector('input[name="jurisdiction"][value="GB"]') as HTMLInputElement).checked,
      { polling: 100 },
    );
    await options.close();
    await page.close();
  });

  it('has no axe-core violations in the popup and options in the light theme', async () => {
    const page = await run.open(server.url('/demo/tender-notice.html'));
    const popup = await popupFor(page);
    const options = await run.openExtensionPage('options.html');
    await options.waitForSelector('select[name="profile"]');
    // The dark theme is checked for real in its own launch below; this one must really be light.
    for (const ui of [popup, options]) await expectThemeWithoutViolations(ui, 'light');
    if (name === 'chromium') {
      // A background tab never paints: bring each page to the front before its screenshot.
      await popup.bringToFront();
      await popup.setViewport({ width: 400, height: 600 });
      await popup.screenshot({ path: join(ROOT, 'docs/screenshots/popup.png') });
      await options.bringToFront();
      await options.setViewport({ width: 900, height: 1100 });
      await options.screenshot({ path: join(ROOT, 'docs/screenshots/options.png') });
    }
    await popup.close();
    await options.close();
    if (name === 'chromium') {
      await page.bringToFront();
      await page.evaluate(() => {
        const host = document.querySelector('vendorwatch-warning')!;
        (host.shadowRoot!.querySelector('button.pill') as HTMLElement).click();
        host.scrollIntoView({ block: 'start' });
      });
      const card = await page.$('vendorwatch-warning');
      const box = await card!.boundingBox();
      await page.screenshot({
        path: join(ROOT, 'docs/screenshots/warning-card.png'),
        clip: { x: 0, y: Math.max(0, box!.y - 80), width: 960, height: 760 },
      });
    }
    await page.close();
  });

  it('reveals a finding from the popup: the page scrolls to it and its pill takes focus', async () => {
    const page = await run.open(server.url('/demo/tender-notice.html'));
    // Push the findings well below the fold, so revealing one has to scroll.
    await page.evaluate(() => {
      const spacer = document.createElement('div');
      spacer.style.height = '4000px';
      document.body.prepend(spacer);
      window.scrollTo(0, 0);
    });
    const state = (await run.tabState(page))!;
    const last = state.findings[state.findings.length - 1]!;
    const popup = await popupFor(page);
    await popup.waitForSelector(`section[data-vendor="${last.vendorId}"]`);
    await popup.$$eval(
      `section[data-vendor="${last.vendorId}"] li > button.link:not(.small)`,
      (buttons, evidence) => (buttons.find((b) => b.textContent === `“${evidence}”`) as HTMLElement).click(),
      last.evidence,
    );
    // The popup closes itself after the reveal (wait for that: Firefox fails to activate a tab while another
    // closes); then the page needs to be in front to run its smooth scroll.
    for (let i = 0; i < 50 && !popup.isClosed(); i++) await new Promise((r) => setTimeout(r, 100));
    await page.bringToFront().catch(async () => {
      await new Promise((r) => setTimeout(r, 500));
      await page.bringToFront();
    });
    await page.waitForFunction(() => window.scrollY > 3000, { polling: 100, timeout: 15_000 });
    await page.waitForFunction(
      (vendor: string) => {
        const host = document.activeElement;
        const pill = host?.shadowRoot?.activeElement;
        if (host?.localName !== 'vendorwatch-warning' || !pill?.matches('button.pill')) return false;
        const box = host.getBoundingClientRect();
        return (
          host.getAttribute('data-vendorwatch-vendor') === vendor &&
          pill.getAttribute('aria-expanded') === 'true' &&
          box.bottom > 0 &&
          box.top < window.innerHeight
        );
      },
      { polling: 100, timeout: 15_000 },
      last.vendorId,
    );
    await popup.close().catch(() => undefined);
    await page.close();
  });

  it("shows the watchlist's version and age, and links to the options page", async () => {
    const page = await run.open(server.url('/fixtures/dark.html'));
    const popup = await popupFor(page);
    const status = await popup.evaluate(async () => {
      type Reply = { version: number; generatedAt: string };
      type Api = { runtime: { sendMessage(message: object): Promise<{ ok: boolean; reply: Reply }> } };
      const scope = globalThis as unknown as { browser?: Api; chrome?: Api };
      return (await (scope.browser ?? scope.chrome)!.runtime.sendMessage({ type: 'get-watchlist-status' })).reply;
    });
    // The bundled list records its reviews, so the footer says when it was reviewed and against what.
    const footer = await popup.$eval('footer .muted', (el) => el.textContent ?? '');
    const match = /^Watchlist v(\d+), reviewed (.+) against (.+)$/.exec(footer);
    expect(match, footer).not.toBeNull();
    expect(Number(match![1])).toBe(status.version);
    expect(Number(match![1])).toBe((await run.tabState(page))!.listVersion);
    const lang = await popup.evaluate(() => document.documentElement.lang);
    expect(match![2]).toBe(formatDay(bundledFreshness.reviewedOn, lang || undefined));
    expect(match![3]).toBe(bundledFreshness.sources.join(', '));

    const before = new Set(await run.browser.pages());
    await domClick(popup, 'footer button');
    const options = await newOptionsTab(before);
    await options.waitForSelector('select[name="profile"]');
    expect(await options.$eval('h1', (h) => h.textContent)).toBe('VendorWatch options');
    await options.close();
    await popup.close();
    await page.close();
  });

  it('shows the most relevant measure, and the others on "n more measures"', async () => {
    const page = await run.open(server.url('/demo/tender-notice.html'));
    const card = await openCard(page, 'hikvision');
    const total = 1 + Number(/^(\d+) more measures$/.exec(card.more)?.[1]);
    expect(card.measures).toBe(1);
    expect(total).toBeGreaterThan(3);
    await page.evaluate(() => {
      const root = document.querySelector('vendorwatch-warning[data-vendorwatch-vendor="hikvision"]')!.shadowRoot!;
      (root.querySelector('button.more') as HTMLElement).click();
    });
    await page.waitForFunction(
      (n: number) =>
        document
          .querySelector('vendorwatch-warning[data-vendorwatch-vendor="hikvision"]')!
          .shadowRoot!.querySelectorAll('li.measure').length === n,
      { polling: 100 },
      total,
    );
    expect(
      await page.evaluate(
        () =>
          document
            .querySelector('vendorwatch-warning[data-vendorwatch-vendor="hikvision"]')!
            .shadowRoot!.querySelector('button.more') === null,
      ),
    ).toBe(true);
    await page.close();
  });

  it('flags model numbers alone in balanced sensitivity but not in strict', async () => {
    const options = await run.openExtensionPage('options.html');
    await options.waitForSelector('input[name="sensitivity"][value="strict"]');
    await domClick(options, 'input[name="sensitivity"][value="strict"]');
    await waitForStored(options, 'sensitivity', 'strict');
    let page = await run.open(server.url('/fixtures/model-only.html'));
    expect(await run.warnings(page)).toEqual([]);
    expect((await run.tabState(page))?.findings).toEqual([]);
    await page.close();

    await domClick(options, 'input[name="sensitivity"][value="balanced"]');
    await waitForStored(options, 'sensitivity', 'balanced');
    page = await run.open(server.url('/fixtures/model-only.html'));
    expect((await run.warnings(page)).map((w) => w.vendor)).toEqual(['hikvision']);
    await page.close();
    await options.close();
  });

  it('runs only on the listed sites when told to', async () => {
    const options = await run.openExtensionPage('options.html');
    await options.waitForSelector('input[name="siteMode"][value="listed"]');
    await domClick(options, 'input[name="siteMode"][value="listed"]');
    await waitForStored(options, 'siteMode', 'listed');
    await setField(options, 'textarea[name="allowedSites"]', 'www.example.org');
    await waitForStored(options, 'allowedSites', ['www.example.org']);
    let page = await run.open(server.url('/fixtures/dark.html'));
    expect(await run.warnings(page)).toEqual([]);
    expect((await run.tabState(page))?.paused).toBe(true);
    await page.close();

    await setField(options, 'textarea[name="allowedSites"]', 'www.example.org\n127.0.0.1');
    await waitForStored(options, 'allowedSites', ['www.example.org', '127.0.0.1']);
    page = await run.open(server.url('/fixtures/dark.html'));
    expect((await run.warnings(page)).map((w) => w.vendor)).toEqual(['dahua']);
    await page.close();

    // Back to the defaults for the next tests.
    await domClick(options, 'input[name="siteMode"][value="everywhere"]');
    await waitForStored(options, 'siteMode', 'everywhere');
    await setField(options, 'textarea[name="allowedSites"]', '');
    await waitForStored(options, 'allowedSites', []);
    await options.close();
  });

  it('pauses the sites typed into the paused-sites list, and resumes them when removed', async () => {
    const options = await run.openExtensionPage('options.html');
    await options.waitForSelector('textarea[name="pausedSites"]');
    await options.bringToFront();
    await options.focus('textarea[name="pausedSites"]');
    await options.keyboard.type('127.0.0.1');
    // Leaving the field saves it.
    await options.keyboard.press('Tab');
    await waitForStored(options, 'pausedSites', ['127.0.0.1']);
    let page = await run.open(server.url('/fixtures/dark.html'));
    expect(await run.warnings(page)).toEqual([]);
    expect((await run.tabState(page))?.paused).toBe(true);
    const popup = await popupFor(page);
    expect(await popup.$eval('input[name="pause"]', (i) => (i as HTMLInputElement).checked)).toBe(true);
    await popup.close();
    await page.close();

    await setField(options, 'textarea[name="pausedSites"]', '');
    await waitForStored(options, 'pausedSites', []);
    page = await run.open(server.url('/fixtures/dark.html'));
    expect((await run.warnings(page)).map((w) => w.vendor)).toEqual(['dahua']);
    await page.close();
    await options.close();
  });

  it('can be used from the keyboard: the popup', async () => {
    const page = await run.open(server.url('/demo/shop-results.html'));
    const popup = await popupFor(page);
    await popup.waitForSelector('section[data-vendor="hikvision"]');
    await popup.bringToFront();
    // Space on the pause switch, twice.
    await tabTo(popup, 'input[name="pause"]');
    await popup.keyboard.press(' ');
    await waitForStored(popup, 'pausedSites', ['127.0.0.1']);
    expect(await popup.$eval('input[name="pause"]', (i) => (i as HTMLInputElement).checked)).toBe(true);
    await popup.keyboard.press(' ');
    await waitForStored(popup, 'pausedSites', []);
    // Enter on the options link.
    await tabTo(popup, 'footer button');
    const before = new Set(await run.browser.pages());
    await popup.keyboard.press('Enter');
    const options = await newOptionsTab(before);
    await options.waitForSelector('select[name="profile"]');
    await options.close();
    await popup.close();
    // Enter on an export button, in a fresh popup (Firefox does not give the focus back to a tab after another
    // tab closes, and takes it away for a download).
    const again = await popupFor(page);
    await again.waitForSelector('section.exports');
    await again.bringToFront();
    await tabTo(again, 'section.exports button:nth-of-type(2)');
    expect(await again.evaluate(() => document.activeElement?.textContent)).toBe('JSON');
    await again.keyboard.press('Enter');
    expect(JSON.parse(await downloaded(again)).pageUrl).toBe(page.url());
    await again.close();
    await page.close();
  });

  it('can be used from the keyboard: the options page', async () => {
    const options = await run.openExtensionPage('options.html');
    await options.waitForSelector('select[name="profile"]');
    await options.bringToFront();
    // Space toggles a jurisdiction on and off.
    await tabTo(options, 'input[name="jurisdiction"][value="US"]');
    await options.keyboard.press(' ');
    await waitForStored(options, 'jurisdictions', ['US']);
    await options.keyboard.press(' ');
    await waitForStored(options, 'jurisdictions', []);
    // Tab enters the sensitivity group at the chosen radio; arrow keys move the choice.
    await tabTo(options, 'input[name="sensitivity"]:checked');
    expect(await options.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('balanced');
    await options.keyboard.press('ArrowDown');
    await waitForStored(options, 'sensitivity', 'broad');
    await options.keyboard.press('ArrowUp');
    await waitForStored(options, 'sensitivity', 'balanced');
    // Enter on a button.
    await tabTo(options, 'section[aria-labelledby="import-heading"] button');
    await options.keyboard.press('Enter');
    expect(JSON.parse(await downloaded(options))).toMatchObject({ format: 'vendorwatch-settings' });
    await options.close();
  });
});

describe.each(BROWSERS)('%s: German interface, dark theme', (name) => {
  let run: ExtensionRun;
  let server: StaticServer;
  let tmp: string;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'vendorwatch-de-'));
    // Firefox only offers the locales it has language packs for; an empty German pack is enough to make "de"
    // available, and the extension's own messages do the rest.
    const langpack = join(tmp, 'langpack-de');
    await mkdir(langpack);
    await writeFile(
      join(langpack, 'manifest.json'),
      JSON.stringify({
        manifest_version: 2,
        name: 'Deutsch (de) test language pack',
        version: '1.0',
        browser_specific_settings: { gecko: { id: 'langpack-de@vendorwatch.test', strict_min_version: '140.0' } },
        langpack_id: 'de',
        languages: { de: { chrome_resources: {}, version: '20260101000000' } },
        sources: { browser: { base_path: 'browser/' } },
      }),
    );
    server = await startServer({
      '/demo/': join(ROOT, 'demo/pages'),
      '/fixtures/': join(ROOT, 'tests/fixtures/pages'),
    });
    run = await launchWithExtension(name, {
      chromiumArgs: ['--lang=de', '--force-dark-mode'],
      env: { LANGUAGE: 'de' },
      firefoxPrefs: {
        'intl.locale.requested': 'de',
        'ui.systemUsesDarkTheme': 1,
        // 0: dark, for web content and the extension's pages alike.
        'layout.css.prefers-color-scheme.content-override': 0,
      },
      firefoxAddonsFirst: [langpack],
    });
  });
  afterAll(async () => {
    await run?.close();
    await server?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const popupFor = (page: Page) => openPopup(run, page);

  it('shows the popup, the options page and the warning card in German', async () => {
    const page = await run.open(server.url('/demo/tender-notice.html'));
    await page.bringToFront();
    const card = await openCard(page, 'hikvision');
    expect(card.terms.slice(0, 2)).toEqual(['Einstufung', 'Gefundener Text']);
    // In the dark theme the card floats too: in the top layer, fixed, across no edge of the window.
    const floating = await page.evaluate(() => {
      const open = document
        .querySelector('vendorwatch-warning[data-vendorwatch-vendor="hikvision"]')!
        .shadowRoot!.querySelector('.card') as HTMLElement;
      const box = open.getBoundingClientRect();
      return {
        topLayer: open.matches(':popover-open'),
        position: getComputedStyle(open).position,
        inside: box.left >= 0 && box.right <= document.documentElement.clientWidth,
      };
    });
    expect(floating).toEqual({ topLayer: true, position: 'fixed', inside: true });
    // The dark card keeps its accent stripe: the left border is not the colour of the other three.
    expect(card.borders.left).not.toBe(card.borders.top);
    expect(card.borders.left).toBe('rgb(179, 38, 30)');
    expect(card.statuses).toContain('In Kraft');
    expect(card.sources[0]).toMatch(/^Quelle: /);
    expect(card.version).toMatch(/^Liste v\d+$/);
    expect(card.more).toMatch(/^\d+ weitere Maßnahmen$/);
    // The verdict line is German; measure titles and authorities are data and stay as published.
    // (A consumer who has not said where they are is asked to.)
    expect(card.verdictLine).toMatch(
      /^Die Einschränkungen für Hikvision betreffen das, was verkauft werden darf\. Wählen Sie in den Einstellungen Ihr Land/,
    );

    const popup = await popupFor(page);
    expect(await popup.$eval('[role="status"]', (el) => el.textContent)).toMatch(/^\d+ Treffer auf dieser Seite$/);
    expect(await popup.$eval('footer .muted', (el) => el.textContent)).toMatch(
      /^Liste v\d+, am .+ abgeglichen mit .+$/,
    );
    expect(await popup.$eval('footer button', (el) => el.textContent)).toBe('Einstellungen');
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('de');

    const options = await run.openExtensionPage('options.html');
    await options.waitForSelector('select[name="profile"]');
    expect(await options.$eval('h1', (h) => h.textContent)).toBe('VendorWatch-Einstellungen');
    expect(await options.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await options.$eval('[data-testid="list-version"]', (el) => el.textContent)).toMatch(
      /^Version \d+ \(mit der Erweiterung geliefert\)$/,
    );
    expect(await options.$eval('option[value="uk-public"]', (el) => el.textContent)).toBe(
      'Öffentliche Stelle im Vereinigten Königreich',
    );
    expect(await options.$eval('input[value="strict"]', (el) => el.parentElement?.textContent?.trim())).toBe(
      'Streng: nur gelistete Namen und deren Eigenmarken',
    );
    await options.close();
    await popup.close();
    await page.close();
  });

  it.each([320, 1920])('floats the dark card on screen with its accent stripe at %i px', async (width) => {
    const page = await run.open(server.url('/demo/tender-notice.html'));
    await page.setViewport({ width, height: 800 });
    await page.bringToFront();
    // Bring the warning's block near the viewport: far ones are built only as they approach it.
    await page.evaluate(() =>
      document
        .querySelector('vendorwatch-warning[data-vendorwatch-vendor="hikvision"]')!
        .parentElement!.scrollIntoView(),
    );
    await page.waitForFunction(
      () =>
        document
          .querySelector('vendorwatch-warning[data-vendorwatch-vendor="hikvision"]')
          ?.shadowRoot?.querySelector('button.pill'),
      { polling: 100 },
    );
    const card = await openCard(page, 'hikvision');
    expect(card.borders.left).toBe('rgb(179, 38, 30)');
    expect(card.borders.left).not.toBe(card.borders.top);
    const floating = await page.evaluate(() => {
      const open = document
        .querySelector('vendorwatch-warning[data-vendorwatch-vendor="hikvision"]')!
        .shadowRoot!.querySelector('.card') as HTMLElement;
      const box = open.getBoundingClientRect();
      return {
        dark: matchMedia('(prefers-color-scheme: dark)').matches,
        topLayer: open.matches(':popover-open'),
        position: getComputedStyle(open).position,
        inside:
          box.left >= 0 &&
          box.top >= 0 &&
          box.right <= document.documentElement.clientWidth &&
          box.bottom <= window.innerHeight,
      };
    });
    expect(floating).toEqual({ dark: true, topLayer: true, position: 'fixed', inside: true });
    await page.close();
  });

  it('is really dark, and has no axe-core violations in the popup and options', async () => {
    const page = await run.open(server.url('/demo/tender-notice.html'));
    const popup = await popupFor(page);
    const options = await run.openExtensionPage('options.html');
    await options.waitForSelector('select[name="profile"]');
    for (const ui of [popup, options]) await expectThemeWithoutViolations(ui, 'dark');
    await popup.close();
    await options.close();
    await page.close();
  });
});
