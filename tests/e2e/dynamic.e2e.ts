/**
 * Pages that change after load, in both browsers: infinite scroll, text rewritten in place, removed cards and
 * client-side navigation are followed; the extension's own warnings never trigger rescans.
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROWSERS, extensionSuite } from './harness';

const ROOT = resolve(import.meta.dirname, '../..');
const vendorsOf = (state: { findings: Array<{ vendorId: string }> }) => state.findings.map((f) => f.vendorId).sort();

describe.each(BROWSERS)('%s: dynamic pages', (name) => {
  const suite = extensionSuite(name, { '/dynamic/': join(ROOT, 'tests/fixtures/dynamic') });

  it('follows infinite scroll, in-place edits and removals, without rescanning its own warnings', async () => {
    const page = await suite.run.open(suite.server.url('/dynamic/infinite-scroll.html'));
    expect(vendorsOf((await suite.run.tabState(page))!)).toEqual(['hikvision']);

    await page.evaluate(() => (window as unknown as { loadMore(): void }).loadMore());
    await page.evaluate(() => (window as unknown as { loadMore(): void }).loadMore());
    await suite.run.waitForTabState(page, (state) => state.findings.length === 3);
    expect(vendorsOf((await suite.run.tabState(page))!)).toEqual(['dahua', 'dahua', 'hikvision']);

    await page.evaluate(() => (window as unknown as { renameFirst(): void }).renameFirst());
    await suite.run.waitForTabState(page, (state) => state.findings.length === 4);

    await page.evaluate(() => (window as unknown as { removeHikvision(): void }).removeHikvision());
    const settled = await suite.run.waitForTabState(page, (state) => state.findings.length === 3);
    expect(vendorsOf(settled)).toEqual(['dahua', 'dahua', 'hikvision']);
    expect((await suite.run.warnings(page)).length).toBe(3);

    // Quiet page: no more scans (each scan would record a new scannedAt), no duplicated warnings.
    await new Promise((r) => setTimeout(r, 1000));
    expect((await suite.run.tabState(page))!.scannedAt).toBe(settled.scannedAt);
    expect((await suite.run.warnings(page)).length).toBe(3);
  });

  it('builds warnings near the viewport, the rest as they are scrolled to or printed; every finding counts at once', async () => {
    const page = await suite.run.open(suite.server.url('/dynamic/long-results.html'));
    // 30 findings on a page 40 windows tall: all reported and all placed, with the public attributes.
    expect((await suite.run.tabState(page))!.findings).toHaveLength(30);
    const warnings = await suite.run.warnings(page);
    expect(warnings).toHaveLength(30);
    expect(new Set(warnings.map((w) => w.vendor))).toEqual(new Set(['hikvision']));
    // Built (the e2e build's open shadow root) per card: near the top yes, far down not yet.
    const built = () =>
      page.$$eval('vendorwatch-warning', (hosts) =>
        Object.fromEntries(hosts.map((host) => [host.closest('.card')!.id, host.shadowRoot !== null])),
      );
    const before = await built();
    expect(before['card-0']).toBe(true);
    expect(before['card-290']).toBe(false);

    await page.bringToFront();
    await page.evaluate(() => document.getElementById('card-290')!.scrollIntoView());
    await page.waitForFunction(
      () => document.querySelector('#card-290 vendorwatch-warning')?.shadowRoot?.querySelector('button.pill'),
      { polling: 100, timeout: 10_000 },
    );
    // Its pill is on screen once built (the visibility check left it in its card).
    const pill = await page.evaluate(() => {
      const host = document.querySelector('#card-290 vendorwatch-warning')!;
      const box = host.shadowRoot!.querySelector('button.pill')!.getBoundingClientRect();
      return { inCard: host.closest('.card')!.id, visible: box.width > 0 && box.bottom > 0 && box.top < innerHeight };
    });
    expect(pill).toEqual({ inCard: 'card-290', visible: true });
    expect((await built())['card-150']).toBe(false);

    // Printing builds everything first.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(Object.values(await built()).every(Boolean)).toBe(true);
    expect((await suite.run.tabState(page))!.findings).toHaveLength(30);
  });

  it('follows client-side navigation', async () => {
    const page = await suite.run.open(suite.server.url('/dynamic/spa.html'));
    expect(vendorsOf((await suite.run.tabState(page))!)).toEqual(['hikvision']);
    await page.evaluate(() => (window as unknown as { navigate(): void }).navigate());
    await page.waitForFunction(() => location.search === '?category=radios');
    const state = await suite.run.waitForTabState(
      page,
      (s) => s.findings.length === 1 && s.findings[0]!.vendorId === 'hytera',
    );
    expect(state.url).toContain('?category=radios');
    expect(await suite.run.warnings(page)).toEqual([expect.objectContaining({ vendor: 'hytera' })]);
  });
});
