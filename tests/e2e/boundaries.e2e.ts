/**
 * Text wherever the page shows it, in both browsers: open shadow roots (also ones attached after load), same-origin
 * and srcdoc frames, with the warnings placed inside them; and cards the page adds 60-500 ms after load, while the
 * first scan may still be reading, are flagged too.
 */
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { BROWSERS, extensionSuite } from './harness';

const ROOT = resolve(import.meta.dirname, '../..');

/** Every warning host in the page, its shadow roots and its same-origin frames, with where it sits. */
const warningsEverywhere = (page: Page) =>
  page.evaluate(() => {
    const found: Array<{ vendor: string; where: string }> = [];
    const visit = (root: Document | ShadowRoot, where: string) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.localName === 'vendorwatch-warning') {
          found.push({ vendor: element.getAttribute('data-vendorwatch-vendor') ?? '', where });
        } else if (element.shadowRoot && element.localName !== 'vendorwatch-warning') {
          visit(element.shadowRoot, `shadow:${element.id}`);
        } else if (element.localName === 'iframe') {
          const doc = (element as HTMLIFrameElement).contentDocument;
          if (doc) visit(doc, `frame:${element.id}`);
        }
      }
    };
    visit(document, 'page');
    return found.sort((a, b) => a.vendor.localeCompare(b.vendor));
  });

describe.each(BROWSERS)('%s: shadow roots, frames and early changes', (name) => {
  const suite = extensionSuite(name, { '/dynamic/': join(ROOT, 'tests/fixtures/dynamic') });

  it('flags text in shadow roots and same-origin frames, and cards added while the first scan reads', async () => {
    const page = await suite.run.open(suite.server.url('/dynamic/boundaries.html'));
    const expected = ['dahua', 'fibocom', 'hikvision', 'huawei', 'hytera', 'quectel', 'zte'];
    const state = await suite.run.waitForTabState(page, (s) => new Set(s.findings.map((f) => f.vendorId)).size === 7);
    expect([...new Set(state.findings.map((f) => f.vendorId))].sort()).toEqual(expected);
    await page.waitForFunction(
      () => {
        let count = document.querySelectorAll('vendorwatch-warning').length;
        for (const host of document.querySelectorAll('product-card'))
          count += host.shadowRoot?.querySelectorAll('vendorwatch-warning').length ?? 0;
        for (const frame of document.querySelectorAll('iframe'))
          count += frame.contentDocument?.querySelectorAll('vendorwatch-warning').length ?? 0;
        return count >= 7;
      },
      { timeout: 15_000 },
    );
    const warnings = await warningsEverywhere(page);
    expect(warnings.filter((w) => w.vendor !== 'huawei' || w.where === 'page')).toEqual(
      expect.arrayContaining([
        { vendor: 'dahua', where: 'shadow:late-shadow' },
        { vendor: 'fibocom', where: 'page' },
        { vendor: 'hikvision', where: 'shadow:early-shadow' },
        { vendor: 'hytera', where: 'frame:same-origin' },
        { vendor: 'quectel', where: 'frame:srcdoc' },
        { vendor: 'zte', where: 'page' },
      ]),
    );
    // One warning per finding: nothing read twice (the page and the frames are separate documents).
    expect(warnings).toHaveLength(state.findings.length);
  });
});
