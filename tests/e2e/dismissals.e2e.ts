/**
 * Dismissals that keep the record, in Chromium and Firefox: dismissing one item leaves the vendor's other warnings;
 * the card turns into "Dismissed · Undo" and Undo brings the warning back; the popup lists the site's dismissals
 * and undoes them; the options page lists every site's and restores them; "Dismiss <vendor> on this site" hides
 * the vendor's other warnings; and the evidence export keeps a dismissed finding, marked with the decision, when
 * and the reason.
 */
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { BROWSERS, type ExtensionRun, extensionSuite } from './harness';

const ROOT = resolve(import.meta.dirname, '../..');
/** Three Hikvision items (Hikvision DS-2CD…, HiLook, EZVIZ) and one Dahua item, each its own product card. */
const SHOP = '/demo/shop-results.html';

interface HostInfo {
  vendor: string;
  evidence: string;
  dismissed: string | null;
}

const hosts = (page: Page): Promise<HostInfo[]> =>
  page.$$eval('vendorwatch-warning', (all) =>
    all.map((host) => ({
      vendor: host.getAttribute('data-vendorwatch-vendor') ?? '',
      evidence: host.getAttribute('data-vendorwatch-evidence') ?? '',
      dismissed: host.getAttribute('data-vendorwatch-dismissed'),
    })),
  );

/** The warnings shown (not dismissed), as "vendor:evidence", sorted. */
const shownWarnings = async (page: Page) =>
  (await hosts(page))
    .filter((h) => h.dismissed === null)
    .map((h) => `${h.vendor}:${h.evidence}`)
    .sort();

/** Waits until the shown warnings are exactly `expected` (the page changes after storage does). */
async function waitForShown(page: Page, expected: string[]): Promise<void> {
  const wanted = [...expected].sort();
  await page
    .waitForFunction(
      (list: string) =>
        JSON.stringify(
          [...document.querySelectorAll('vendorwatch-warning')]
            .filter((h) => !h.hasAttribute('data-vendorwatch-dismissed'))
            .map((h) => `${h.getAttribute('data-vendorwatch-vendor')}:${h.getAttribute('data-vendorwatch-evidence')}`)
            .sort(),
        ) === list,
      { polling: 100, timeout: 15_000 },
      JSON.stringify(wanted),
    )
    .catch(async (error: unknown) => {
      throw new Error(
        `shown warnings: ${JSON.stringify(await shownWarnings(page))}, wanted ${JSON.stringify(wanted)}`,
        {
          cause: error,
        },
      );
    });
}

/** Runs `selector`'s click inside the shadow root of the warning whose evidence is `evidence`, once it exists. */
async function clickInWarning(page: Page, evidence: string, selector: string): Promise<void> {
  await page.waitForFunction(
    (ev: string, sel: string) =>
      Boolean(
        document
          .querySelector(`vendorwatch-warning[data-vendorwatch-evidence="${ev}"]`)
          ?.shadowRoot?.querySelector(sel),
      ),
    { polling: 50, timeout: 10_000 },
    evidence,
    selector,
  );
  await page.evaluate(
    (ev: string, sel: string) =>
      (
        document
          .querySelector(`vendorwatch-warning[data-vendorwatch-evidence="${ev}"]`)!
          .shadowRoot!.querySelector(sel) as HTMLElement
      ).click(),
    evidence,
    selector,
  );
}

/** Opens the warning's card, asks to dismiss, gives a reason and chooses the scope. */
async function dismiss(page: Page, evidence: string, scope: 'item' | 'vendor', reason: string): Promise<void> {
  await clickInWarning(page, evidence, 'button.pill');
  await clickInWarning(page, evidence, 'button.dismiss');
  await clickInWarning(page, evidence, 'input.reason');
  await page.evaluate(
    (ev: string, text: string) => {
      const input = document
        .querySelector(`vendorwatch-warning[data-vendorwatch-evidence="${ev}"]`)!
        .shadowRoot!.querySelector('input.reason') as HTMLInputElement;
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    evidence,
    reason,
  );
  await clickInWarning(page, evidence, scope === 'item' ? 'button.dismiss-item' : 'button.dismiss-vendor');
}

/** The popup for `page`'s tab, once it has rendered. */
async function openPopup(run: ExtensionRun, page: Page): Promise<Page> {
  const popup = await run.openExtensionPage(`popup.html?tab=${await run.tabId(page)}`);
  await popup.waitForSelector('main h1');
  return popup;
}

/** Text of the file the page offered for download through a blob link. */
async function downloaded(page: Page): Promise<string> {
  await page.waitForSelector('a[data-testid="export-link"]');
  const text = await page.evaluate(async () => {
    const links = document.querySelectorAll('a[data-testid="export-link"]');
    return (await fetch((links[links.length - 1] as HTMLAnchorElement).href)).text();
  });
  await page.evaluate(() => {
    for (const link of document.querySelectorAll('a[data-testid="export-link"]')) link.remove();
  });
  return text;
}

const ALL = ['dahua:Dahua Technology', 'hikvision:EZVIZ', 'hikvision:HiLook', 'hikvision:Hikvision'];

describe.each(BROWSERS)('%s: dismissals', (name) => {
  const suite = extensionSuite(name, { '/demo/': join(ROOT, 'demo/pages') });

  it('dismisses one item only, marks it in the export, and undoes from the card', async () => {
    const page = await suite.run.open(suite.server.url(SHOP));
    // The page's own findings, whatever the adapter makes of the cards: this is the baseline.
    await waitForShown(page, ALL);
    await dismiss(page, 'HiLook', 'item', 'Replaced in order 4471');
    // Only that item goes: the vendor's other two items and the Dahua one stay.
    await waitForShown(
      page,
      ALL.filter((w) => w !== 'hikvision:HiLook'),
    );
    const card = (await hosts(page)).find((h) => h.evidence === 'HiLook')!;
    expect(card.dismissed).toBe('item');
    // "Dismissed · Undo" is reachable and labelled: focus is on Undo, and axe-core finds nothing in the warnings.
    expect(
      await page.evaluate(
        () =>
          document.querySelector('vendorwatch-warning[data-vendorwatch-dismissed]')!.shadowRoot!.activeElement
            ?.className,
      ),
    ).toBe('undo');
    const violations = (await axeViolations(page)).filter((v) =>
      v.targets.some((t) => t.includes('vendorwatch-warning')),
    );
    expect(violations.map((v) => v.id)).toEqual([]);
    await suite.run.waitForTabState(page, (state) => state.findings.length === 3);

    // The export keeps the dismissed finding, marked with the decision, when and why.
    const popup = await openPopup(suite.run, page);
    await popup.locator('button::-p-text(JSON)').click();
    const report = JSON.parse(await downloaded(popup)) as {
      findings: Array<{
        evidence: string;
        item: string;
        measures: string[];
        dismissal?: { decision: string; scope: string; at: string; reason: string };
      }>;
      summary: Array<{ vendorId: string; count: number; dismissed: number }>;
    };
    expect(report.findings).toHaveLength(4);
    expect(report.summary.map((s) => [s.vendorId, s.count, s.dismissed]).sort()).toEqual([
      ['dahua', 1, 0],
      ['hikvision', 3, 1],
    ]);
    const hilook = report.findings.find((f) => f.evidence === 'HiLook')!;
    expect(hilook.dismissal).toMatchObject({ decision: 'dismissed', scope: 'item', reason: 'Replaced in order 4471' });
    expect(Date.parse(hilook.dismissal!.at)).not.toBeNaN();
    expect(hilook.item).toContain('HiLook 4MP IP Dome Camera');
    expect(hilook.measures.length).toBeGreaterThan(1);
    expect(report.findings.filter((f) => f.dismissal)).toHaveLength(1);
    await popup.locator('button::-p-text(CSV)').click();
    const csv = await downloaded(popup);
    // One row per finding (not per finding and measure), with the product's text and the measures by id.
    const lines = csv.trimEnd().split('\n');
    const header = lines[0]!.split(',');
    expect(lines).toHaveLength(1 + 4);
    const hilookRows = lines.filter((row) => row.includes(',HiLook,'));
    expect(hilookRows).toHaveLength(1);
    expect(hilookRows[0]).toContain('HiLook 4MP IP Dome Camera with Night Vision');
    expect(hilookRows[0]).toContain('dismissed by the user');
    expect(hilookRows[0]).toContain('Replaced in order 4471');
    expect(header).toEqual(expect.arrayContaining(['item', 'location', 'verdict', 'measures', 'decision']));
    expect(hilookRows[0]).toMatch(/"[a-z0-9-]+(;[a-z0-9-]+)+"/);
    await popup.close();

    // Undo on the card brings the warning back.
    await clickInWarning(page, 'HiLook', 'button.undo');
    await waitForShown(page, ALL);
    await suite.run.waitForTabState(page, (state) => state.findings.length === 4);
    await page.close();
  });

  it('lists the site’s dismissals in the popup and undoes them there', async () => {
    let page = await suite.run.open(suite.server.url(SHOP));
    await waitForShown(page, ALL);
    await dismiss(page, 'EZVIZ', 'item', '');
    await waitForShown(
      page,
      ALL.filter((w) => w !== 'hikvision:EZVIZ'),
    );
    await page.close();
    // After a reload the item stays dismissed (no card at all now), and the others stay.
    page = await suite.run.open(suite.server.url(SHOP));
    await waitForShown(
      page,
      ALL.filter((w) => w !== 'hikvision:EZVIZ'),
    );
    expect((await hosts(page)).some((h) => h.evidence === 'EZVIZ')).toBe(false);

    const popup = await openPopup(suite.run, page);
    await popup.waitForSelector('section.dismissed li[data-scope="item"]');
    expect(await popup.$eval('section.dismissed li', (li) => li.textContent)).toContain('EZVIZ');
    await popup.$eval('section.dismissed li button.undo', (button) => (button as HTMLElement).click());
    await popup.waitForFunction(() => !document.querySelector('section.dismissed'), { polling: 100 });
    // The open page follows: the warning comes back without a reload.
    await waitForShown(page, ALL);
    await popup.close();
    await page.close();
  });

  it('dismisses a vendor on the site, and the options page restores it', async () => {
    const page = await suite.run.open(suite.server.url(SHOP));
    await waitForShown(page, ALL);
    await dismiss(page, 'HiLook', 'vendor', 'Approved by security team');
    await waitForShown(page, ['dahua:Dahua Technology']);
    expect((await hosts(page)).find((h) => h.evidence === 'HiLook')?.dismissed).toBe('vendor');

    const options = await suite.run.openExtensionPage('options.html');
    const site = new URL(page.url()).hostname;
    await options.waitForSelector(`[data-testid="dismissals"] section[data-site="${site}"] li[data-scope="vendor"]`);
    expect(await options.$eval('[data-testid="dismissals"] li', (li) => li.textContent)).toContain(
      'Approved by security team',
    );
    await options.$eval('[data-testid="dismissals"] li button.undo', (button) => (button as HTMLElement).click());
    await options.waitForSelector('[data-testid="no-dismissals"]');
    await waitForShown(page, ALL);
    await options.close();
    await page.close();
  });
});
