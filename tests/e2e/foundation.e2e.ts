/**
 * The foundation slice, in both browsers: the built extension flags the demo pages, leaves a clean page alone,
 * and every warning honours the DESIGN.md contract (data attributes on the host, Preact UI in a shadow root).
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROWSERS, extensionSuite } from './harness';
import type { RouteHandler } from './server';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The demo shop page under the strictest policies a site can send: a Content-Security-Policy that allows no script,
 * style, image or connection of any origin, and one that sandboxes the page (an opaque origin, as raw file hosts
 * send). Neither may stop the content script, which the loader imports from the extension
 * (platform/content-loading.ts), nor its warnings' styles.
 */
const STRICT_POLICIES: Record<string, string> = {
  '/strict-csp/shop-results.html': "default-src 'none'; base-uri 'none'; form-action 'none'",
  '/sandboxed/shop-results.html': 'sandbox',
};
const strictPolicyPage: RouteHandler = async (request, response) => {
  const policy = STRICT_POLICIES[request.url ?? ''];
  if (!policy) return false;
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy });
  response.end(await readFile(join(ROOT, 'demo/pages/shop-results.html')));
  return true;
};

describe.each(BROWSERS)('%s: foundation', (name) => {
  const suite = extensionSuite(
    name,
    {
      '/demo/': join(ROOT, 'demo/pages'),
      '/fixtures/': join(ROOT, 'tests/fixtures/pages'),
    },
    { routes: [strictPolicyPage] },
  );

  it('flags the restricted vendors and brands on the demo shop page, and nothing else', async () => {
    const page = await suite.run.open(suite.server.url('/demo/shop-results.html'));
    const warnings = await suite.run.warnings(page);
    const vendors = warnings.map((w) => w.vendor).sort();
    expect(vendors).toEqual(['dahua', 'hikvision', 'hikvision', 'hikvision']);
    const evidence = warnings.map((w) => w.evidence.toLowerCase());
    expect(evidence).toEqual(expect.arrayContaining(['hilook', 'ezviz']));
    // Near-miss brands on the same page stay clean.
    const cleanCards = await page.$$eval('article.card', (cards) =>
      cards
        .filter((card) => !card.querySelector('vendorwatch-warning'))
        .map((card) => card.querySelector('h3')?.textContent ?? ''),
    );
    expect(cleanCards.join(' | ')).toMatch(/Axis.*Hanwha.*Reolink.*Bosch/);
  });

  it.each(Object.keys(STRICT_POLICIES))(
    "flags the demo shop page as well under the site's policy: %s",
    async (path) => {
      const page = await suite.run.open(suite.server.url(path));
      const vendors = (await suite.run.warnings(page)).map((w) => w.vendor).sort();
      expect(vendors).toEqual(['dahua', 'hikvision', 'hikvision', 'hikvision']);
      // The warning's own styles apply (a pill with no box would mean they were refused).
      const pill = await page.$eval('vendorwatch-warning', (host) => {
        const box = host.shadowRoot!.querySelector('button.pill')!.getBoundingClientRect();
        return { width: box.width, height: box.height };
      });
      expect(pill.width).toBeGreaterThan(20);
      expect(pill.height).toBeGreaterThan(10);
    },
  );

  it('flags the lots of the demo tender notice', async () => {
    const page = await suite.run.open(suite.server.url('/demo/tender-notice.html'));
    const vendors = new Set((await suite.run.warnings(page)).map((w) => w.vendor));
    expect([...vendors].sort()).toEqual(['dahua', 'hikvision', 'hytera', 'quectel']);
  });

  it('flags a code other makers share where its row or the page names the maker, and not under another maker', async () => {
    const page = await suite.run.open(suite.server.url('/fixtures/tender-lot-table.html'));
    const found = (await suite.run.warnings(page)).map((w) => `${w.vendor}: ${w.evidence}`).sort();
    expect(found).toEqual(['hytera: Hytera', 'hytera: PD785', 'quectel: EG25-G', 'quectel: Quectel']);
  });

  it('puts no warning on a page without restricted vendors', async () => {
    const page = await suite.run.open(suite.server.url('/fixtures/no-restricted-vendors.html'));
    expect(await suite.run.warnings(page)).toEqual([]);
    expect((await suite.run.tabState(page))?.findings).toEqual([]);
  });

  it('styles every warning with the one shared constructed stylesheet, adopted from the content script', async () => {
    // The <style>-per-root fallback is for browsers that refuse a sheet from an extension's world; both of ours adopt.
    const page = await suite.run.open(suite.server.url('/demo/shop-results.html'));
    const sheets = await page.$$eval('vendorwatch-warning', (hosts) =>
      hosts.map((host) => ({
        adopted: host.shadowRoot!.adoptedStyleSheets.length,
        elements: host.shadowRoot!.querySelectorAll('style').length,
      })),
    );
    expect(sheets.length).toBeGreaterThan(1);
    expect(sheets).toEqual(sheets.map(() => ({ adopted: 1, elements: 0 })));
  });

  it('renders the warning in a shadow root with the vendor, the matched text and the rationale', async () => {
    const page = await suite.run.open(suite.server.url('/demo/shop-results.html'));
    const card = await page.$eval('article[data-sku="412877"] vendorwatch-warning', (host) => {
      const shadow = host.shadowRoot!;
      (shadow.querySelector('button.pill') as HTMLButtonElement).click();
      return new Promise<{ pill: string; card: string; links: string[]; firstMeasures: number }>((done) =>
        setTimeout(() => {
          const firstMeasures = shadow.querySelectorAll('.measure').length;
          (shadow.querySelector('button.more') as HTMLButtonElement | null)?.click();
          setTimeout(
            () =>
              done({
                pill: shadow.querySelector('button.pill')?.textContent ?? '',
                card: shadow.querySelector('.card')?.textContent ?? '',
                links: [...shadow.querySelectorAll('.card a')].map((a) => (a as HTMLAnchorElement).href),
                firstMeasures,
              }),
            100,
          );
        }, 100),
      );
    });
    expect(card.pill).toContain('Hikvision');
    // The most relevant measure first, the rest behind "n more measures".
    expect(card.firstMeasures).toBe(1);
    expect(card.card).toContain('“Hikvision”');
    expect(card.card).toContain('FCC Covered List');
    expect(card.card).toContain('NDAA FY2019 section 889');
    // The FCC entry for Hikvision is limited by use; the card must say so rather than "banned".
    expect(card.card).toContain('to the extent it is used for public safety');
    expect(card.links.length).toBeGreaterThan(0);
    for (const link of card.links) expect(link).toMatch(/^https:\/\//);
  });

  it('reports the findings to the background for the badge and popup', async () => {
    const page = await suite.run.open(suite.server.url('/demo/shop-results.html'));
    const state = await suite.run.tabState(page);
    expect(state?.findings.length).toBe((await suite.run.warnings(page)).length);
    expect(state?.listVersion).toBeGreaterThan(0);
  });
});
