/**
 * The popup and the options page in Chromium and Firefox: findings grouped by vendor, evidence exports, problem
 * reports that show exactly what would be sent, pausing a site, profile, import/export of settings, the user's own
 * entries, and axe-core checks in light and dark. Chromium also saves the README's screenshots.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { BROWSERS, type ExtensionRun, launchWithExtension } from './harness';
import { type StaticServer, startServer } from './server';

const ROOT = resolve(import.meta.dirname, '../..');

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
    run = await launchWithExtension(name);
  });
  afterAll(async () => {
    await run?.close();
    await server?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  async function popupFor(page: Page): Promise<Page> {
    const popup = await run.openExtensionPage(`popup.html?tab=${await run.tabId(page)}`);
    await popup.waitForSelector('main h1');
    return popup;
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
    expect(report.findings.map((f: { vendorId: string }) => f.vendorId).sort()).toEqual([
      'dahua',
      'hikvision',
      'hikvision',
      'hikvision',
    ]);

    await clickText(popup, 'CSV');
    const csv = await downloaded(popup);
    expect(csv.split('\n')[0]).toMatch(/^page,captured_at,watchlist_version,watchlist_sha256,vendor/);
    expect(csv).toContain('NDAA FY2019 section 889');
    expect(csv).toContain('https://www.acq.osd.mil/dpap/dars/section889.html');

    await clickText(popup, 'Printable report');
    // The popup stores the report in session storage and opens report.html?id=...; open the same page here.
    let id: string | undefined;
    for (let i = 0; i < 50 && !id; i++) {
      id = await popup.evaluate(async () => {
        type Api = { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };
        const scope = globalThis as unknown as { browser?: Api; chrome?: Api };
        const all = await (scope.browser ?? scope.chrome)!.storage.session.get(null);
        return Object.keys(all)
          .find((key) => key.startsWith('report:'))
          ?.slice('report:'.length);
      });
      if (!id) await new Promise((r) => setTimeout(r, 100));
    }
    const printable = await run.openExtensionPage(`report.html?id=${id}`);
    await printable.waitForFunction(() => document.body.textContent?.includes('VendorWatch findings report'));
    const text = await printable.evaluate(() => document.body.textContent ?? '');
    expect(text).toContain('FCC Covered List');
    expect(text).toContain(page.url());
    await printable.close();
    await popup.close();
    await page.close();
  });

  it('shows exactly what a problem report would send, with the address detail the user picks', async () => {
    const page = await run.open(server.url('/demo/shop-results.html'));
    const popup = await popupFor(page);
    await popup.waitForSelector('section[data-vendor="dahua"]');
    await popup.locator('section[data-vendor="dahua"] button::-p-text(Report a problem)').click();
    const preview = () => popup.$eval('[data-testid="report-preview"]', (el) => el.textContent ?? '');
    await popup.waitForSelector('[data-testid="report-preview"]');
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
    let popup = await popupFor(page);
    await popup.click('input[name="pause"]');
    await popup.waitForFunction(() => (document.querySelector('input[name="pause"]') as HTMLInputElement).checked);
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
    const input = (await options.$('input[type="file"]')) as ElementHandle<HTMLInputElement>;
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
    await ((await options.$('input[type="file"]')) as ElementHandle<HTMLInputElement>).uploadFile(good);
    await options.waitForFunction(() => document.querySelector('[role="status"]')?.textContent?.includes('imported'));
    expect(await options.$eval('select[name="profile"]', (s) => (s as HTMLSelectElement).value)).toBe('au-government');
    expect(await options.$eval('input[value="strict"]', (i) => (i as HTMLInputElement).checked)).toBe(true);
    // Back to the defaults for the next tests.
    await options.click('input[value="balanced"]');
    await options.select('select[name="profile"]', 'consumer');
    await options.close();
  });

  it("flags the user's own entries, marked as theirs, and refuses invalid ones", async () => {
    const options = await run.openExtensionPage('options.html');
    await options.waitForSelector('textarea[name="userEntries"]');
    const setEntries = async (text: string) => {
      await options.$eval(
        'textarea[name="userEntries"]',
        (el, value) => {
          (el as HTMLTextAreaElement).value = value;
          el.dispatchEvent(new Event('input', { bubbles: true }));
        },
        text,
      );
      await clickText(options, 'Save my entries');
    };
    await setEntries('[{"id": "Bad Id"}]');
    await options.waitForSelector('[role="alert"]');
    expect(await options.$eval('[role="alert"]', (el) => el.textContent)).toMatch(/My entries: entry 0\.id is invalid/);
    await setEntries(
      JSON.stringify([
        {
          id: 'examplecam',
          name: 'ExampleCam',
          legalNames: [{ name: 'ExampleCam Ltd', script: 'Latn' }],
          country: 'CN',
          description: 'A maker our organisation does not buy from.',
          listings: [],
        },
      ]),
    );
    await options.waitForFunction(() => document.querySelector('[role="status"]')?.textContent?.includes('Saved'));
    await options.close();
    const page = await run.open(server.url('/fixtures/update-target.html'));
    const warnings = await run.warnings(page);
    expect(warnings.map((w) => w.vendor)).toEqual(['user-examplecam']);
    const state = await run.tabState(page);
    expect(state?.findings[0]?.vendorName).toBe('ExampleCam (your entry)');
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

  it('has no axe-core violations in the popup and options, light and dark', async () => {
    const page = await run.open(server.url('/demo/tender-notice.html'));
    for (const scheme of ['light', 'dark'] as const) {
      const popup = await popupFor(page);
      const options = await run.openExtensionPage('options.html');
      await options.waitForSelector('select[name="profile"]');
      for (const ui of [popup, options]) {
        await ui.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]).catch(() => undefined);
        expect(
          (await axeViolations(ui)).map((v) => v.id),
          `${scheme} ${ui.url()}`,
        ).toEqual([]);
      }
      if (name === 'chromium' && scheme === 'light') {
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
    }
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
});
