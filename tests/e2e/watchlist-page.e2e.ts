/**
 * The watchlist page in Chromium and Firefox: a warning card's "Why is this flagged?" opens it at that vendor, which
 * shows the measures naming it with their sources; search narrows the list; the popup's "Why was nothing flagged?"
 * opens it at the explanation of what is and is not flagged.
 */
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { BROWSERS, extensionSuite } from './harness';

const ROOT = resolve(import.meta.dirname, '../..');

/** The tab that opens after `before` was taken (Firefox reports extension tabs' addresses as about:blank). */
async function waitForNewPage(pages: () => Promise<Page[]>, before: Page[]): Promise<Page> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const added = (await pages()).find((page) => !before.includes(page));
    if (added) return added;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error('no new tab opened');
}

describe.each(BROWSERS)('%s: the watchlist page', (name) => {
  const suite = extensionSuite(name, {
    '/demo/': join(ROOT, 'demo/pages'),
    '/fixtures/': join(ROOT, 'tests/fixtures/pages'),
  });

  it('opens from a warning card at that vendor, with the measures that name it', async () => {
    const page = await suite.run.open(suite.server.url('/demo/shop-results.html'));
    const before = await suite.run.browser.pages();
    await page.$eval('article[data-sku="412877"] vendorwatch-warning', async (host) => {
      const shadow = host.shadowRoot!;
      (shadow.querySelector('button.pill') as HTMLButtonElement).click();
      await new Promise((done) => setTimeout(done, 300));
      const why = [...shadow.querySelectorAll('button')].find((b) => b.textContent === 'Why is this flagged?');
      why!.click();
    });
    const watchlist = await waitForNewPage(() => suite.run.browser.pages(), before);
    await watchlist.waitForFunction(() => location.href.endsWith('/watchlist.html#vendor-hikvision'), {
      timeout: 10_000,
    });
    await watchlist.waitForSelector('#vendor-hikvision');
    await watchlist.waitForFunction(() => document.activeElement?.id === 'vendor-hikvision', { timeout: 10_000 });
    const measures = await watchlist.$$eval('#vendor-hikvision .listings li', (items) =>
      items.map((item) => item.getAttribute('data-measure')),
    );
    expect(measures).toEqual(expect.arrayContaining(['us-fcc-covered-list', 'us-ndaa-889']));
    // Each measure the vendor links to is on the page, with its source.
    const source = await watchlist.$eval(
      '#measure-us-fcc-covered-list .sources a',
      (a) => (a as HTMLAnchorElement).href,
    );
    expect(source).toMatch(/^https:\/\/(www\.)?fcc\.gov\//);
  });

  it('opens from the popup\u2019s "Why was nothing flagged?" at what is and is not flagged', async () => {
    const page = await suite.run.open(suite.server.url('/fixtures/no-restricted-vendors.html'));
    expect(await suite.run.warnings(page)).toEqual([]);
    const popup = await suite.run.openExtensionPage(`popup.html?tab=${await suite.run.tabId(page)}`);
    await popup.waitForSelector('[data-testid="why-nothing"]');
    const before = await suite.run.browser.pages();
    await popup.$eval('[data-testid="why-nothing"]', (button) => (button as HTMLButtonElement).click());
    const watchlist = await waitForNewPage(() => suite.run.browser.pages(), before);
    await watchlist.waitForFunction(() => location.href.endsWith('/watchlist.html#about'), { timeout: 10_000 });
    await watchlist.waitForFunction(() => document.activeElement?.id === 'about', { timeout: 10_000 });
    const about = await watchlist.$eval('#about', (section) => section.textContent ?? '');
    // The reasons something is not flagged, in words: only listed vendors and confirmed brands, paused sites.
    expect(about).toMatch(/paus/i);
    expect(about).toMatch(/confirmed/i);
    await watchlist.close();
    await popup.close();
    await page.close();
  });

  it('narrows the list as a person types, and passes axe-core', async () => {
    const page = await suite.run.openExtensionPage('watchlist.html');
    await page.waitForSelector('[data-testid="watchlist-search"]');
    await page.type('[data-testid="watchlist-search"]', 'Tapo');
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('article.vendor')].map((a) => a.getAttribute('data-vendor')).join() === 'tp-link',
      { timeout: 10_000 },
    );
    expect((await axeViolations(page)).map((violation) => violation.id)).toEqual([]);
  });
});
