/**
 * How current the list is, as people see it: the options page lists each official source with the day the list was
 * compared with it and warns when that is more than 60 days ago; the popup's footer says when and against what.
 * Rendered with Preact into linkedom, in English.
 */

import { parseHTML } from 'linkedom';
import { h, render } from 'preact';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WatchlistStatus } from '../../../lib/protocol';
import { DEFAULT_SETTINGS } from '../../../lib/settings/index';
import { renderOptions } from './render-options';

let Options: typeof import('../../../components/options/Options').Options;
let Popup: typeof import('../../../components/Popup').Popup;

beforeAll(async () => {
  const { window, document } = parseHTML('<!doctype html><html lang="en-GB"><body></body></html>');
  Object.assign(globalThis, { window, document });
  ({ Options } = await import('../../../components/options/Options'));
  ({ Popup } = await import('../../../components/Popup'));
});

const REVIEWED = [
  {
    source: 'US Entity List',
    url: 'https://www.trade.gov/consolidated-screening-list',
    date: '2026-11-24',
  },
  {
    source: 'FCC Covered List',
    url: 'https://www.fcc.gov/supplychain/coveredlist',
    date: '2026-12-02',
    against: 'entries to 28 July 2026',
  },
];

const status = (reviewed?: typeof REVIEWED): WatchlistStatus => ({
  version: 3,
  generatedAt: '2026-12-01T00:00:00Z',
  expiresAt: '2027-12-01T00:00:00Z',
  source: 'bundled',
  updateUrl: '',
  effective: DEFAULT_SETTINGS,
  locked: [],
  lastCheck: null,
  nextCheckAt: null,
  organisationLists: [],
  ...(reviewed ? { reviewed } : {}),
});

const text = (root: HTMLElement, selector: string) => root.querySelector(selector)?.textContent ?? null;

describe('options: when the list was reviewed', () => {
  it('lists each source with its day and edition, newest first, and no warning within 60 days', async () => {
    const root = await renderOptions(
      Options,
      () => status(REVIEWED),
      'dd[data-testid="list-reviewed"]',
      new Date('2027-01-31T12:00:00Z'),
    );
    const items = [...root.querySelectorAll('[data-testid="list-reviewed"] li')].map((li) => li.textContent);
    expect(items).toEqual(['FCC Covered List: 2 Dec 2026 (entries to 28 July 2026)', 'US Entity List: 24 Nov 2026']);
    expect(root.querySelector('[data-testid="list-reviewed"] a')!.getAttribute('href')).toBe(
      'https://www.fcc.gov/supplychain/coveredlist',
    );
    expect(root.querySelector('[data-testid="list-stale"]')).toBeNull();
  });

  it('warns when the newest review is more than 60 days old', async () => {
    const root = await renderOptions(
      Options,
      () => status(REVIEWED),
      'dd[data-testid="list-reviewed"]',
      new Date('2027-02-01T00:00:00Z'),
    );
    expect(text(root, '[data-testid="list-stale"]')).toMatch(
      /^This watchlist was last reviewed on 2 Dec 2026, 61 days ago\./,
    );
  });

  it('a list without reviews says so, and ages from the day it was generated', async () => {
    const root = await renderOptions(
      Options,
      () => status(),
      'dd[data-testid="list-reviewed"]',
      new Date('2027-02-01T00:00:00Z'),
    );
    expect(text(root, '[data-testid="list-reviewed"]')).toMatch(/^not recorded/);
    expect(text(root, '[data-testid="list-stale"]')).toMatch(/last reviewed on 1 Dec 2026, 62 days ago/);
  });
});

describe('popup: when the list was reviewed', () => {
  const props = {
    state: null,
    site: null,
    paused: false,
    listAgeDays: 1,
    extensionVersion: '0.1.0',
    onReveal: () => undefined,
    onOpenOptions: () => undefined,
    onOpenWatchlist: () => undefined,
    onTogglePause: () => undefined,
    onExport: () => undefined,
    onOpenReport: () => undefined,
  };

  it('says the day and the sources compared that day', () => {
    const root = document.createElement('div');
    render(
      h(Popup, {
        ...props,
        reviewed: { version: 3, reviewedOn: '2026-12-02', sources: ['FCC Covered List', 'US DoD section 1260H list'] },
      }),
      root,
    );
    expect(text(root, '[data-testid="list-reviewed"]')).toBe(
      'Watchlist v3, reviewed 2 Dec 2026 against FCC Covered List, US DoD section 1260H list',
    );
  });

  it('falls back to the age when the list records no review', () => {
    const root = document.createElement('div');
    const state = { url: 'https://shop.example/', title: 't', scannedAt: '', listVersion: 3, findings: [] };
    render(h(Popup, { ...props, state, reviewed: { version: 3, reviewedOn: '2026-12-01', sources: [] } }), root);
    expect(text(root, '[data-testid="list-reviewed"]')).toBe('Watchlist v3, 1 days old');
  });
});
