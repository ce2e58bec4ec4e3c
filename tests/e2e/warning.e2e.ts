/**
 * The inline warning in both browsers: dismissals and "not this vendor" survive a reload, it works from the
 * keyboard, axe-core finds no accessibility violations in it on light and dark pages, hostile page CSS cannot hide
 * it, and page text never becomes markup inside it.
 */
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { BROWSERS, extensionSuite } from './harness';

const ROOT = resolve(import.meta.dirname, '../..');

/** Clicks a button inside the n-th warning's shadow root (by its text). */
async function clickInWarning(page: Page, index: number, text: string) {
  await page.evaluate(
    (i, label) => {
      const host = document.querySelectorAll('vendorwatch-warning')[i]!;
      const button = [...host.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.includes(label));
      (button as HTMLButtonElement).click();
    },
    index,
    text,
  );
}

/** axe-core violations whose nodes are inside a VendorWatch warning. */
async function warningViolations(page: Page): Promise<string[]> {
  return (await axeViolations(page))
    .filter((v) => v.targets.some((t) => t.includes('vendorwatch-warning')))
    .map((v) => `${v.id}: ${v.targets.join(' ')}`);
}

describe.each(BROWSERS)('%s: the inline warning', (name) => {
  const suite = extensionSuite(name, {
    '/demo/': join(ROOT, 'demo/pages'),
    '/fixtures/': join(ROOT, 'tests/fixtures/pages'),
  });

  it('remembers "Dismiss" and "Not this vendor" across a reload', async () => {
    const url = suite.server.url('/demo/tender-notice.html');
    let page = await suite.run.open(url);
    expect((await suite.run.warnings(page)).map((w) => w.vendor)).toContain('hytera');
    const index = (await suite.run.warnings(page)).findIndex((w) => w.vendor === 'hytera');
    await page.evaluate(
      (i) =>
        (
          document.querySelectorAll('vendorwatch-warning')[i]!.shadowRoot!.querySelector('button.pill') as HTMLElement
        ).click(),
      index,
    );
    await clickInWarning(page, index, 'Not this vendor');
    await suite.run.waitForTabState(page, (state) => !state.findings.some((f) => f.vendorId === 'hytera'));
    const quectel = (await suite.run.warnings(page)).findIndex((w) => w.vendor === 'quectel');
    await page.evaluate(
      (i) =>
        (
          document.querySelectorAll('vendorwatch-warning')[i]!.shadowRoot!.querySelector('button.pill') as HTMLElement
        ).click(),
      quectel,
    );
    // "Dismiss" asks which: this item, or the vendor on this site.
    await clickInWarning(page, quectel, 'Dismiss');
    await page.waitForFunction(
      (i) =>
        Boolean(document.querySelectorAll('vendorwatch-warning')[i]!.shadowRoot!.querySelector('button.dismiss-item')),
      { polling: 50 },
      quectel,
    );
    await clickInWarning(page, quectel, 'Dismiss this item');
    await suite.run.waitForTabState(page, (state) => !state.findings.some((f) => f.vendorId === 'quectel'));
    await page.close();

    page = await suite.run.open(url);
    const after = (await suite.run.warnings(page)).map((w) => w.vendor).sort();
    expect(after).toEqual(['dahua', 'hikvision']);
    await page.close();
  });

  it('opens from the keyboard with Enter, not on focus, and closes with Escape', async () => {
    const page = await suite.run.open(suite.server.url('/fixtures/dark.html'));
    // Tab until focus reaches the warning (the page's own link comes first).
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.localName === 'vendorwatch-warning')) break;
    }
    const expanded = () =>
      page.evaluate(() =>
        document
          .querySelector('vendorwatch-warning')!
          .shadowRoot!.querySelector('button.pill')!
          .getAttribute('aria-expanded'),
      );
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe('vendorwatch-warning');
    // Focus alone does not open the card (tabbing through a page must not pop cards over it); Enter does.
    expect(await expanded()).toBe('false');
    await page.keyboard.press('Enter');
    expect(await expanded()).toBe('true');
    await page.keyboard.press('Escape');
    expect(await expanded()).toBe('false');
    await page.keyboard.press('Enter');
    expect(await expanded()).toBe('true');
    await page.close();
  });

  it('has no axe-core violations, collapsed or open, on light and dark pages', async () => {
    for (const path of ['/demo/shop-results.html', '/fixtures/dark.html']) {
      const page = await suite.run.open(suite.server.url(path));
      expect(await warningViolations(page), `${path} collapsed`).toEqual([]);
      await page.evaluate(() =>
        (
          document.querySelector('vendorwatch-warning')!.shadowRoot!.querySelector('button.pill') as HTMLElement
        ).click(),
      );
      expect(await warningViolations(page), `${path} open`).toEqual([]);
      await page.close();
    }
  });

  it('stays visible under hostile page CSS and never turns page text into markup', async () => {
    const page = await suite.run.open(suite.server.url('/fixtures/hostile.html'));
    const state = await page.evaluate(() => {
      const host = document.querySelector('vendorwatch-warning') as HTMLElement;
      const pill = host.shadowRoot!.querySelector('button.pill') as HTMLElement;
      const box = pill.getBoundingClientRect();
      return {
        display: getComputedStyle(host).display,
        visibility: getComputedStyle(host).visibility,
        pillVisible: box.width > 20 && box.height > 8 && box.left >= 0,
        fontSize: getComputedStyle(pill).fontSize,
        images: host.shadowRoot!.querySelectorAll('img').length,
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      };
    });
    expect(state).toEqual({
      // Inline on purpose: a collapsed warning never changes the height of the line it sits in.
      display: 'inline',
      visibility: 'visible',
      pillVisible: true,
      fontSize: '12px',
      images: 0,
      pwned: null,
    });
    await page.close();
  });
});
