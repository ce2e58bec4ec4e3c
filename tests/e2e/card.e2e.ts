/**
 * The warning card floats: on a grid of narrow product tiles the pills wrap inside their tiles and add no
 * horizontal overflow; the first real click (or tap) opens the card; the opened card is in the top layer, next to
 * its pill and inside the viewport from 320 to 1,920 px wide, and the page's layout is exactly the same with it
 * open as closed; Escape, a click outside and focus leaving close it; only one is open at a time. A first tap on a
 * touch screen opens it too, and a possible match reads "Possible match: <vendor>" (one colon).
 */
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { BROWSERS, extensionSuite } from './harness';

const ROOT = resolve(import.meta.dirname, '../..');

/** Every tile's and the document's box in page coordinates, to the pixel: what "the page's layout" means here. */
const layout = (page: Page) =>
  page.evaluate(() => ({
    scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
    boxes: [...document.querySelectorAll('.tile, .tile h3, header, footer')].map((element) => {
      const box = element.getBoundingClientRect();
      return [box.left + scrollX, box.top + scrollY, box.width, box.height].map(Math.round).join(',');
    }),
  }));

/** The state of each warning's card: open (shown in the top layer where the browser has one) and where. */
const cards = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('vendorwatch-warning')].map((host) => {
      const root = host.shadowRoot!;
      const card = root.querySelector('.card') as HTMLElement | null;
      const box = card?.getBoundingClientRect();
      return {
        vendor: host.getAttribute('data-vendorwatch-vendor'),
        expanded: root.querySelector('button.pill')!.getAttribute('aria-expanded'),
        open: Boolean(card),
        topLayer: card ? card.matches(':popover-open') : false,
        position: card ? getComputedStyle(card).position : '',
        box: box ? { left: box.left, top: box.top, right: box.right, bottom: box.bottom } : null,
        focused: root.activeElement?.className ?? null,
      };
    }),
  );

/** Clicks a vendor's pill with the real mouse, at its centre on screen. */
async function clickPill(page: Page, vendor: string): Promise<void> {
  const point = await page.evaluate((id: string) => {
    const host = document.querySelector(`vendorwatch-warning[data-vendorwatch-vendor="${id}"]`)!;
    const pill = host.shadowRoot!.querySelector('button.pill')!;
    pill.scrollIntoView({ block: 'center' });
    const box = pill.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  }, vendor);
  await page.mouse.click(point.x, point.y);
}

const openCards = async (page: Page) => (await cards(page)).filter((card) => card.open).map((card) => card.vendor);

async function waitForOpen(page: Page, vendors: string[]): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (JSON.stringify(await openCards(page)) === JSON.stringify(vendors)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(await openCards(page)).toEqual(vendors);
}

describe.each(BROWSERS)('%s: the floating warning card', (name) => {
  const suite = extensionSuite(name, { '/fixtures/': join(ROOT, 'tests/fixtures/pages') });

  async function openGrid(width: number): Promise<Page> {
    const page = await suite.run.open(suite.server.url('/fixtures/tile-grid.html'));
    await page.setViewport({ width, height: 800 });
    await page.bringToFront();
    await page.waitForFunction(() => document.querySelectorAll('vendorwatch-warning').length === 6);
    return page;
  }

  it.each([320, 1280, 1920])(
    'wraps pills inside 230 px tiles and adds no horizontal overflow at %i px',
    async (width) => {
      const page = await openGrid(width);
      expect((await suite.run.warnings(page)).map((w) => w.vendor).sort()).toEqual(
        ['dahua', 'dahua', 'hikvision', 'hikvision', 'hikvision', 'uniview'].sort(),
      );
      const fit = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        tiles: [...document.querySelectorAll('.tile')].map((tile) => tile.scrollWidth - tile.clientWidth),
        pills: [...document.querySelectorAll('vendorwatch-warning')].map((host) => {
          const tile = host.closest('.tile')!.getBoundingClientRect();
          const pill = host.shadowRoot!.querySelector('button.pill')!.getBoundingClientRect();
          return pill.left >= tile.left && pill.right <= tile.right;
        }),
      }));
      expect(fit.page).toBe(0);
      expect(fit.tiles.every((overflow) => overflow <= 0)).toBe(true);
      expect(fit.pills.every(Boolean)).toBe(true);
      await page.close();
    },
  );

  it.each([320, 1280, 1920])(
    'opens with the first click, on top and on screen, without moving the page at %i px',
    async (width) => {
      const page = await openGrid(width);
      const before = await layout(page);
      // The last flagged tile: at the right edge of the grid on wide screens.
      await clickPill(page, 'uniview');
      await waitForOpen(page, ['uniview']);
      const after = await layout(page);
      expect(after).toEqual(before);
      const card = (await cards(page)).find((c) => c.open)!;
      expect(card.expanded).toBe('true');
      expect(card.topLayer).toBe(true);
      expect(card.position).toBe('fixed');
      const viewport = await page.evaluate(() => ({
        width: document.documentElement.clientWidth,
        height: window.innerHeight,
      }));
      expect(card.box!.left).toBeGreaterThanOrEqual(0);
      expect(card.box!.top).toBeGreaterThanOrEqual(0);
      expect(card.box!.right).toBeLessThanOrEqual(viewport.width);
      expect(card.box!.bottom).toBeLessThanOrEqual(viewport.height);
      await page.keyboard.press('Escape');
      await waitForOpen(page, []);
      // Escape from the warning hands focus back to its pill.
      expect((await cards(page)).find((c) => c.vendor === 'uniview')!.focused).toBe('pill');
      await page.close();
    },
  );

  it('opens with the first tap on a touch screen', async () => {
    const page = await openGrid(1280);
    const point = await page.evaluate(() => {
      const pill = document
        .querySelector('vendorwatch-warning[data-vendorwatch-vendor="uniview"]')!
        .shadowRoot!.querySelector('button.pill')!;
      pill.scrollIntoView({ block: 'center' });
      const box = pill.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    });
    await page.touchscreen.tap(point.x, point.y);
    await waitForOpen(page, ['uniview']);
    await page.close();
  });

  it('says "Possible match: <vendor>" with one colon, on the pill and the card', async () => {
    await suite.run.setSettings({ sensitivity: 'broad' });
    try {
      const page = await suite.run.open(suite.server.url('/fixtures/possible-match.html'));
      await page.bringToFront();
      expect(await suite.run.warnings(page)).toEqual([
        { vendor: 'hikvision', evidence: 'Hikvison', verdict: 'possible-match' },
      ]);
      const texts = await page.evaluate(async () => {
        const root = document.querySelector('vendorwatch-warning')!.shadowRoot!;
        const pill = root.querySelector('.pill-text')!.textContent;
        (root.querySelector('button.pill') as HTMLElement).click();
        for (let i = 0; i < 50 && !root.querySelector('.card'); i++) await new Promise((r) => setTimeout(r, 50));
        return { pill, card: root.querySelector('.card')?.textContent ?? '' };
      });
      expect(texts.pill).toBe('Possible match: Hikvision');
      expect(texts.card).toContain('Possible match');
      expect(texts.card).not.toMatch(/:\s*review\s*:|:\s*:/i);
      await page.close();
    } finally {
      await suite.run.setSettings({ sensitivity: 'balanced' });
    }
  });

  it('keeps one card open at a time, and closes on a click outside and when focus leaves it', async () => {
    const page = await openGrid(1280);
    await clickPill(page, 'uniview');
    await waitForOpen(page, ['uniview']);
    // Another pill, from the keyboard (the open card may cover it on screen).
    await page.evaluate(() =>
      (
        document
          .querySelector('vendorwatch-warning[data-vendorwatch-vendor="dahua"]')!
          .shadowRoot!.querySelector('button.pill') as HTMLElement
      ).click(),
    );
    await waitForOpen(page, ['dahua']);
    // A click on the page outside the warning.
    await page.mouse.click(5, 5);
    await waitForOpen(page, []);
    // Focus: the pill opens with Enter, Tab walks through the card, and leaving the card closes it.
    await clickPill(page, 'uniview');
    await waitForOpen(page, ['uniview']);
    for (let i = 0; i < 20 && (await openCards(page)).length > 0; i++) await page.keyboard.press('Tab');
    expect(await openCards(page)).toEqual([]);
    expect(await page.evaluate(() => document.activeElement?.localName)).not.toBe('vendorwatch-warning');
    // Focus alone never opens a card: tabbing through the whole page leaves every card closed.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (let i = 0; i < 15; i++) await page.keyboard.press('Tab');
    expect(await openCards(page)).toEqual([]);
    await page.close();
  });
});
