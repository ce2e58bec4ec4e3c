/**
 * The watchlist page, on the real bundled list, rendered with Preact into linkedom in English: every vendor and
 * measure is there with an anchor the card and the popup link to; unconfirmed brands are marked as not flagged;
 * model families show examples; search narrows vendors and measures by names, brands and model numbers.
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWatchlist } from '../../../lib/watchlist/index';

const list = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);
let WatchlistBrowser: typeof import('../../../components/WatchlistBrowser').WatchlistBrowser;

beforeAll(async () => {
  const { window, document } = parseHTML('<!doctype html><html lang="en"><body></body></html>');
  Object.assign(globalThis, { window, document });
  ({ WatchlistBrowser } = await import('../../../components/WatchlistBrowser'));
});

function draw() {
  const root = document.createElement('div');
  document.body.append(root);
  render(h(WatchlistBrowser, { list, source: 'bundled' }), root);
  return root;
}

describe('the watchlist page', () => {
  it('lists every vendor and every measure under an anchor', () => {
    const root = draw();
    const vendorIds = [...root.querySelectorAll('article.vendor')].map((a) => a.id);
    expect(vendorIds).toEqual(list.vendors.map((v) => `vendor-${v.id}`));
    const measureIds = [...root.querySelectorAll('article.measure')].map((a) => a.id);
    expect(measureIds).toEqual(list.measures.map((m) => `measure-${m.id}`));
    expect(root.querySelector('#about')).not.toBeNull();
    // Every listing links to a measure on the page.
    for (const link of root.querySelectorAll('.listings a')) {
      expect(root.querySelector((link as HTMLAnchorElement).getAttribute('href')!)).not.toBeNull();
    }
  });

  it('marks unconfirmed brands as not flagged, and shows model families with examples', () => {
    const root = draw();
    const unconfirmed = list.vendors.flatMap((v) => v.brands.filter((b) => !b.confirmed).map((b) => b.name));
    expect(unconfirmed.length).toBeGreaterThan(0);
    for (const name of unconfirmed) {
      const item = root.querySelector(`li[data-brand="${name}"]`)!;
      expect(item.getAttribute('data-confirmed')).toBe('false');
      expect(item.textContent).toContain('not flagged: unconfirmed');
    }
    const hikvision = root.querySelector('#vendor-hikvision')!;
    expect(hikvision.querySelector('li[data-brand="HiLook"]')?.textContent).not.toContain('unconfirmed');
    expect(hikvision.querySelector('.models')?.textContent).toContain('DS-2CD');
  });

  it('search narrows by a model number, a brand or a measure', async () => {
    const root = draw();
    const search = root.querySelector('[data-testid="watchlist-search"]') as HTMLInputElement;
    const type = async (value: string) => {
      await act(() => {
        search.value = value;
        search.dispatchEvent(new window.Event('input'));
      });
      return [...root.querySelectorAll('article.vendor')].map((a) => a.getAttribute('data-vendor'));
    };
    expect(await type('DS-7608NI')).toEqual(['hikvision']);
    expect(await type('imou')).toEqual(['dahua']);
    expect(await type('zzzz-nothing')).toEqual([]);
    expect(root.querySelector('[data-testid="watchlist-count"]')?.textContent).toBe('Vendors: 0 · Measures: 0');
    await type('Covered List');
    expect(root.querySelectorAll('article.measure').length).toBeGreaterThan(0);
  });
});
