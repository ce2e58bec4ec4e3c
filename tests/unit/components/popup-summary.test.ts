/**
 * The popup summarises: one line per vendor with its count and the verdict for the reader's profile, opening to its
 * findings; no measure titles repeated per finding; counts in the reader's plural forms (Intl.PluralRules), here
 * English and French (one/other) and Chinese (one form). Rendered with Preact into linkedom, real findings.
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { h, render } from 'preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../lib/engine/index';
import { fillMessage, type Translate } from '../../../lib/i18n/index';
import { buildWarningView } from '../../../lib/present/warning-view';
import { type FindingSummary, summariseView, type TabState } from '../../../lib/protocol';
import { loadWatchlist } from '../../../lib/watchlist/index';

let Popup: typeof import('../../../components/Popup').Popup;

const list = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);
const engine = createEngine(list);
const summaries = (text: string): FindingSummary[] =>
  engine.scanText(text).map((finding) => summariseView(buildWarningView(list, finding, 'us-federal')));

/** 24 findings, one per product: 12 Hikvision items (name and brands), 11 Dahua, 1 Hytera, as on a big results page. */
const first = (text: string) => summaries(text).slice(0, 1);
const many = [
  ...Array.from({ length: 4 }, () => ['Hikvision camera', 'HiLook dome', 'EZVIZ plug'].flatMap(first)).flat(),
  ...Array.from({ length: 11 }, () => first('Dahua Technology recorder')).flat(),
  ...first('Hytera radio'),
];

const messages = (locale: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../public/_locales/${locale}/messages.json`, import.meta.url), 'utf8'),
  ) as Record<string, { message: string }>;
const speak = (locale: string) => {
  const table = messages(locale);
  const translate: Translate = (key, subs) => fillMessage(table[key]!.message, subs);
  Object.assign(globalThis, { browser: { i18n: { getMessage: translate } } });
};

function renderPopup(findings: FindingSummary[]): HTMLElement {
  const state: TabState = { url: 'https://shop.example/', title: 'Shop', scannedAt: '', listVersion: 1, findings };
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  const noop = () => undefined;
  render(
    h(Popup, {
      state,
      site: 'shop.example',
      paused: false,
      listAgeDays: 1,
      extensionVersion: '0.1.0',
      onReveal: noop,
      onOpenOptions: noop,
      onOpenWatchlist: noop,
      onTogglePause: noop,
      onExport: noop,
      onOpenReport: noop,
    }),
    root,
  );
  return root;
}

beforeAll(async () => {
  const { window, document } = parseHTML('<!doctype html><html lang="en"><body></body></html>');
  Object.assign(globalThis, { window, document });
  ({ Popup } = await import('../../../components/Popup'));
});
afterEach(() => {
  Object.assign(globalThis, { browser: undefined });
});

describe('popup summary', () => {
  it('one line per vendor with its count and verdict, its findings inside, no measure titles per finding', () => {
    expect(many.length).toBe(24);
    speak('en');
    const root = renderPopup(many);
    expect(root.querySelector('[role="status"]')!.textContent).toBe('24 findings on this page');
    const sections = [...root.querySelectorAll('section[data-vendor]')];
    expect(sections.map((s) => s.getAttribute('data-vendor'))).toEqual(['hikvision', 'dahua', 'hytera']);
    expect(sections.map((s) => s.querySelector('[data-testid="vendor-count"]')!.textContent)).toEqual([
      '12 findings',
      '11 findings',
      '1 finding',
    ]);
    // Each line opens to its findings (closed at first), one list item per finding.
    expect(sections.every((s) => s.querySelector('details') && !s.querySelector('details')!.hasAttribute('open'))).toBe(
      true,
    );
    expect(sections.map((s) => s.querySelectorAll('details li').length)).toEqual([12, 11, 1]);
    // The verdict for a US federal reader, once per vendor.
    const verdict = sections[0]!.querySelector('summary .verdict-line')!.textContent!;
    expect(verdict).toMatch(/section 889/);
    expect(root.textContent!.split(verdict).length - 1).toBe(1);
    // Measure titles are not repeated on every finding: the popup's text names none of them.
    for (const m of many.flatMap((f) => f.measures)) expect(root.textContent).not.toContain(m.title);
    expect(sections[0]!.querySelector('.measures')!.textContent).toMatch(/^\d+ measures: US/);
  });

  it('plural forms by the reader’s language', () => {
    speak('fr');
    let root = renderPopup(many.slice(0, 1));
    expect(root.querySelector('[role="status"]')!.textContent).toBe('1 résultat sur cette page');
    expect(root.querySelector('[data-testid="vendor-count"]')!.textContent).toBe('1 résultat');
    root = renderPopup(many.slice(0, 2));
    expect(root.querySelector('[role="status"]')!.textContent).toBe('2 résultats sur cette page');
    speak('zh_CN');
    root = renderPopup(many.slice(0, 1));
    expect(root.querySelector('[role="status"]')!.textContent).toBe('本页有 1 项发现');
    speak('de');
    root = renderPopup(many.slice(0, 1));
    expect(root.querySelector('.measures')!.textContent).toMatch(/^\d+ Maßnahmen: /);
  });

  it('a shopper’s verdict line leaves out the careful-buyer advice the card adds', () => {
    speak('en');
    const consumer = engine
      .scanText('Hikvision camera')
      .map((finding) => summariseView(buildWarningView(list, finding, 'consumer', [], 'GB')));
    const root = renderPopup(consumer);
    const line = root.querySelector('.verdict-line')!.textContent!;
    expect(line).toMatch(/United Kingdom/);
    expect(line).not.toContain('careful buyer');
  });
});
