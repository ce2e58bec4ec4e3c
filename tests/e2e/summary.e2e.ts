/**
 * Summaries, in Chromium and Firefox: a page with 24 findings gives a compact popup (one line per vendor with its
 * count and verdict, opening to its findings; before, every finding repeated its 7–8 measure titles and the popup
 * was 4,884 px tall), and the printable report starts with a summary table and fits A4 portrait (Chromium prints
 * it to PDF; in both, no element is wider than the printable width).
 */
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { BROWSERS, type ExtensionRun, extensionSuite, openStoredReport } from './harness';

const ROOT = resolve(import.meta.dirname, '../..');

async function openPopup(run: ExtensionRun, page: Page): Promise<Page> {
  const popup = await run.openExtensionPage(`popup.html?tab=${await run.tabId(page)}`);
  await popup.waitForSelector('main h1');
  await popup.setViewport({ width: 420, height: 600 });
  return popup;
}

/** The height the popup's content needs (what the browser sizes its popup window to). */
const contentHeight = (popup: Page) => popup.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));

/** A4 portrait less the report's page margins (12 mm each side, 14 mm top and bottom), in CSS pixels. */
const MM = 96 / 25.4;
const PRINTABLE_WIDTH = Math.floor((210 - 24) * MM);
const PRINTABLE_HEIGHT = Math.floor((297 - 28) * MM);

/** The printable report from the popup's button, in front, once its summary table is drawn. */
async function openReport(run: ExtensionRun, popup: Page): Promise<Page> {
  await popup.$$eval('section.exports button', (buttons) =>
    (buttons.find((b) => b.textContent === 'Printable report') as HTMLButtonElement).click(),
  );
  const report = await openStoredReport(run, popup);
  await report.bringToFront();
  await report.waitForSelector('table.summary', { timeout: 15_000 });
  return report;
}

describe.each(BROWSERS)('%s: summaries', (name) => {
  const suite = extensionSuite(name, {
    '/demo/': join(ROOT, 'demo/pages'),
    '/fixtures/': join(ROOT, 'tests/fixtures/pages'),
  });

  it('a page with 24 findings gives a compact popup: vendors with counts and verdicts, opening to findings', async () => {
    const { run, server } = suite;
    const small = await run.open(server.url('/demo/shop-results.html'));
    await run.waitForTabState(small, (state) => state.findings.length === 4);
    const smallPopup = await openPopup(run, small);
    await smallPopup.waitForSelector('section[data-vendor]');
    const smallHeight = await contentHeight(smallPopup);
    await smallPopup.close();
    await small.close();

    const page = await run.open(server.url('/fixtures/many-findings.html'));
    await run.waitForTabState(page, (state) => state.findings.length === 24);
    const popup = await openPopup(run, page);
    await popup.waitForSelector('section[data-vendor]');
    expect(await popup.$eval('[role="status"]', (el) => el.textContent)).toBe('24 findings on this page');
    const lines = await popup.$$eval('section[data-vendor]', (sections) =>
      sections.map((s) => ({
        vendor: s.getAttribute('data-vendor'),
        count: s.querySelector('[data-testid="vendor-count"]')?.textContent,
        verdict: s.querySelector('summary .verdict-line')?.textContent ?? '',
      })),
    );
    expect(lines.map(({ vendor, count }) => [vendor, count])).toEqual([
      ['hikvision', '12 findings'],
      ['dahua', '11 findings'],
      ['hytera', '1 finding'],
    ]);
    for (const line of lines) expect(line.verdict.length).toBeGreaterThan(20);
    // Compact: one more vendor line than the 4-finding page, whatever the number of findings.
    const height = await contentHeight(popup);
    expect(height, `24 findings: ${height} px; 4 findings: ${smallHeight} px`).toBeLessThan(smallHeight + 150);
    expect(height).toBeLessThan(800);
    const state = (await run.tabState(page))!;
    // No measure title is repeated per finding (hidden ones included): each at most once per vendor, in a verdict.
    const text = await popup.evaluate(() => document.querySelector('main')!.textContent ?? '');
    for (const title of new Set(state.findings.flatMap((f) => f.measures.map((m) => m.title)))) {
      expect(text.split(title).length - 1, title).toBeLessThanOrEqual(lines.length);
    }
    // A vendor's line opens to its findings.
    await popup.$eval('section[data-vendor="hikvision"] summary', (summary) => (summary as HTMLElement).click());
    await popup.waitForFunction(
      () => document.querySelector('section[data-vendor="hikvision"] details')?.hasAttribute('open'),
      { polling: 100 },
    );
    const evidence = await popup.$$eval('section[data-vendor="hikvision"] li button.link:not(.small)', (buttons) =>
      buttons.map((b) => b.textContent),
    );
    expect(evidence).toHaveLength(12);
    expect(new Set(evidence)).toEqual(new Set(['“Hikvision”', '“HiLook”', '“EZVIZ”']));
    expect(await contentHeight(popup)).toBeGreaterThan(height);
    await popup.close();
    await page.close();
  });

  it('the printable report starts with a summary table and fits A4 portrait', async () => {
    const { run, server } = suite;
    const page = await run.open(server.url('/fixtures/tender-seven-lots.html'));
    const state = await run.waitForTabState(page, (s) => s.findings.length === 7);
    const popup = await openPopup(run, page);
    const report = await openReport(run, popup);
    await popup.close();
    const summary = await report.$$eval('table.summary tbody tr', (rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    const vendors = [...new Set(state.findings.map((f) => f.vendorName))];
    expect(summary.map((row) => row[0])).toEqual(vendors);
    expect(summary.reduce((sum, row) => sum + Number(row[1]!.split(' ')[0]), 0)).toBe(state.findings.length);
    expect(await report.$$eval('tr.finding', (rows) => rows.length)).toBe(state.findings.length);

    // Laid out at the printable width, nothing is wider than it, and the summary ends on the first page.
    await report.setViewport({ width: PRINTABLE_WIDTH, height: PRINTABLE_HEIGHT });
    if (name === 'chromium') await report.emulateMediaType('print');
    const layout = await report.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const wide = [...document.body.querySelectorAll('*')]
        .filter((el) => el.getBoundingClientRect().right > width + 1)
        .map((el) => `${el.localName}.${el.className}: ${Math.round(el.getBoundingClientRect().right)}`);
      const table = document.querySelector('table.summary')!.getBoundingClientRect();
      return { width, scrollWidth: document.documentElement.scrollWidth, wide, summaryBottom: table.bottom + scrollY };
    });
    expect(layout.wide).toEqual([]);
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width);
    expect(layout.summaryBottom).toBeLessThan(PRINTABLE_HEIGHT);

    if (name === 'chromium') {
      const pdf = Buffer.from(await report.pdf({ format: 'A4' })).toString('latin1');
      const pages = pdf.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
      // Before: 16 A4 pages for 7 findings, each repeating its measures. Now each measure is printed once.
      expect(pages, `7 findings: ${pages} pages`).toBeGreaterThan(0);
      expect(pages, `7 findings: ${pages} pages`).toBeLessThanOrEqual(5);
    }
    await report.close();
    await page.close();
  });
});
