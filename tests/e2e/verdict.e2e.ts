/**
 * The verdict for the reader: the first-run page suggests a country and saves the profile; each profile's warning
 * on Hikvision starts with its own measure (the host's `data-vendorwatch-measures` is the order shown) and a plain
 * verdict line, shows that one measure and "n more"; ticking a jurisdiction moves its measures up.
 */
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { BROWSERS, extensionSuite } from './harness';

const ROOT = resolve(import.meta.dirname, '../..');

/** Hikvision's warning on the tile grid: measure ids in the order shown, and its card's first line and measures. */
async function hikvisionCard(page: Page) {
  return page.evaluate(async () => {
    const host = document.querySelector('vendorwatch-warning[data-vendorwatch-vendor="hikvision"]')!;
    const root = host.shadowRoot!;
    (root.querySelector('button.pill') as HTMLElement).click();
    for (let i = 0; i < 50 && !root.querySelector('.card'); i++) await new Promise((r) => setTimeout(r, 50));
    return {
      measures: (host.getAttribute('data-vendorwatch-measures') ?? '').split(' '),
      verdictLine: root.querySelector('.verdict-line')?.textContent ?? '',
      shown: root.querySelectorAll('li.measure').length,
      more: root.querySelector('button.more')?.textContent ?? '',
    };
  });
}

describe.each(BROWSERS)('%s: a verdict for the reader', (name) => {
  const suite = extensionSuite(name, { '/fixtures/': join(ROOT, 'tests/fixtures/pages') });

  it('opens the first-run page after install, suggests a country, and saves the choice', async () => {
    let firstRun: Page | undefined;
    for (let i = 0; i < 100 && !firstRun; i++) {
      for (const candidate of await suite.run.browser.pages()) {
        const href = await candidate.evaluate(() => location.href).catch(() => '');
        if (href.endsWith('/first-run.html')) firstRun = candidate;
      }
      if (!firstRun) await new Promise((r) => setTimeout(r, 100));
    }
    expect(firstRun, 'the first-run tab').toBeDefined();
    const page = firstRun!;
    await page.waitForSelector('select[name="country"]');
    // The suggestion is what the browser's own time zone and languages say, shown as such.
    const suggestion = await page.$eval('select[name="country"]', (select) => (select as HTMLSelectElement).value);
    if (suggestion)
      expect(await page.$eval('[data-testid="suggested-country"]', (p) => p.textContent)).toMatch(/suggested/);
    await page.$eval('input[name="profile"][value="us-federal"]', (input) => (input as HTMLInputElement).click());
    await page.$eval('select[name="country"]', (select) => {
      (select as HTMLSelectElement).value = 'US';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.$$eval('button', (buttons) => buttons.find((b) => b.textContent === 'Save and start')!.click());
    await page.waitForSelector('[role="status"]');
    const grid = await suite.run.open(suite.server.url('/fixtures/tile-grid.html'));
    const card = await hikvisionCard(grid);
    expect(card.measures[0]).toBe('us-ndaa-889');
    await grid.close();
  });

  const profiles: Array<[Record<string, unknown>, string, RegExp]> = [
    [
      { profile: 'us-federal', country: '' },
      'us-ndaa-889',
      /^Not allowed in US federal contracts: do not offer or provide Hikvision .*FAR 52\.204-25/,
    ],
    [
      { profile: 'uk-public', country: '' },
      'uk-surveillance-sensitive-sites',
      /binds central government, not councils/,
    ],
    [{ profile: 'au-government', country: '' }, 'au-commonwealth-cameras-2023', /^Australian Government: /],
    [{ profile: 'tw-government', country: '' }, 'tw-ey-prc-ict', /^Taiwan government: /],
    [
      { profile: 'consumer', country: 'GB' },
      'uk-surveillance-sensitive-sites',
      /^Legal to buy in the United Kingdom: /,
    ],
    [
      { profile: 'consumer', country: 'US' },
      'us-fcc-equipment-authorisation',
      /^Legal to buy in the United States for models already on sale/,
    ],
  ];

  it.each(profiles)('%o: Hikvision starts with %s and a plain verdict', async (settings, measure, verdict) => {
    await suite.run.setSettings({ jurisdictions: [], ...settings });
    const page = await suite.run.open(suite.server.url('/fixtures/tile-grid.html'));
    const card = await hikvisionCard(page);
    expect(card.measures[0]).toBe(measure);
    expect(card.verdictLine).toMatch(verdict);
    // The one most relevant measure, then the rest behind "n more".
    expect(card.shown).toBe(1);
    expect(card.more).toBe(`${card.measures.length - 1} more measures`);
    await page.close();
  });

  it('puts a ticked jurisdiction’s measures right after the profile’s own', async () => {
    await suite.run.setSettings({ profile: 'uk-public', country: '', jurisdictions: ['GB', 'TW'] });
    const page = await suite.run.open(suite.server.url('/fixtures/tile-grid.html'));
    const { measures } = await hikvisionCard(page);
    expect(measures[0]).toBe('uk-surveillance-sensitive-sites');
    expect(measures[1]).toBe('tw-ey-prc-ict');
    await page.close();
  });
});
