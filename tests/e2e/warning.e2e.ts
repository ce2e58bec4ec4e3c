/**
 * The inline warning in both browsers: dismissals and "not this vendor" survive a reload, it works from the
 * keyboard, axe-core finds no accessibility violations in it on light and dark pages, hostile page CSS cannot hide
 * it, and page text never becomes markup inside it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, type ExtensionRun, launchWithExtension } from './harness';
import { type StaticServer, startServer } from './server';

const ROOT = resolve(import.meta.dirname, '../..');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

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
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: unknown,
            options: unknown,
          ): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> }>;
        };
      }
    ).axe;
    const { violations } = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] });
    return violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  return results
    .filter((v) => v.targets.some((t) => t.includes('vendorwatch-warning')))
    .map((v) => `${v.id}: ${v.targets.join(' ')}`);
}

describe.each(BROWSERS)('%s: the inline warning', (name) => {
  let run: ExtensionRun;
  let server: StaticServer;

  beforeAll(async () => {
    server = await startServer({
      '/demo/': join(ROOT, 'demo/pages'),
      '/fixtures/': join(ROOT, 'tests/fixtures/pages'),
    });
    run = await launchWithExtension(name);
  });
  afterAll(async () => {
    await run?.close();
    await server?.close();
  });

  it('remembers "Dismiss" and "Not this vendor" across a reload', async () => {
    const url = server.url('/demo/tender-notice.html');
    let page = await run.open(url);
    expect((await run.warnings(page)).map((w) => w.vendor)).toContain('hytera');
    const index = (await run.warnings(page)).findIndex((w) => w.vendor === 'hytera');
    await page.evaluate(
      (i) =>
        (
          document.querySelectorAll('vendorwatch-warning')[i]!.shadowRoot!.querySelector('button.pill') as HTMLElement
        ).click(),
      index,
    );
    await clickInWarning(page, index, 'Not this vendor');
    await run.waitForTabState(page, (state) => !state.findings.some((f) => f.vendorId === 'hytera'));
    const quectel = (await run.warnings(page)).findIndex((w) => w.vendor === 'quectel');
    await page.evaluate(
      (i) =>
        (
          document.querySelectorAll('vendorwatch-warning')[i]!.shadowRoot!.querySelector('button.pill') as HTMLElement
        ).click(),
      quectel,
    );
    await clickInWarning(page, quectel, 'Dismiss');
    await run.waitForTabState(page, (state) => !state.findings.some((f) => f.vendorId === 'quectel'));
    await page.close();

    page = await run.open(url);
    const after = (await run.warnings(page)).map((w) => w.vendor).sort();
    expect(after).toEqual(['dahua', 'hikvision']);
    await page.close();
  });

  it('opens from the keyboard and closes with Escape', async () => {
    const page = await run.open(server.url('/fixtures/dark.html'));
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
    expect(await expanded()).toBe('true');
    await page.keyboard.press('Escape');
    expect(await expanded()).toBe('false');
    await page.keyboard.press('Enter');
    expect(await expanded()).toBe('true');
    await page.close();
  });

  it('has no axe-core violations, collapsed or open, on light and dark pages', async () => {
    for (const path of ['/demo/shop-results.html', '/fixtures/dark.html']) {
      const page = await run.open(server.url(path));
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
    const page = await run.open(server.url('/fixtures/hostile.html'));
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
      display: 'inline-block',
      visibility: 'visible',
      pillVisible: true,
      fontSize: '12px',
      images: 0,
      pwned: null,
    });
    await page.close();
  });
});
