/**
 * Pages get the warning's collapsed pill as plain DOM and Preact hydrates it on first use. The two must be the
 * same markup node for node, or hydration would leave stale attributes or lose the focused button.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { h, hydrate, render } from 'preact';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../lib/engine/index';
import { buildWarningView, VERDICT_KEYS, type WarningView } from '../../../lib/present/warning-view';
import { loadWatchlist } from '../../../lib/watchlist/index';

const list = loadWatchlist(
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../public/watchlist.json'), 'utf8')),
);
const engine = createEngine(list, { sensitivity: 'broad' });
const viewOf = (text: string, jurisdictions: string[] = []): WarningView =>
  buildWarningView(list, engine.scanText(text)[0]!, 'consumer', jurisdictions);

let doc: Document;
let Warning: typeof import('../../../components/Warning').Warning;
let compactWarning: typeof import('../../../components/Warning').compactWarning;

beforeAll(async () => {
  const { window, document } = parseHTML('<!doctype html><html lang="en"><body></body></html>');
  Object.assign(globalThis, { window, document });
  doc = document;
  ({ Warning, compactWarning } = await import('../../../components/Warning'));
});

describe('the static pill', () => {
  const cases: Array<[string, () => WarningView]> = [
    ['a listed vendor', () => viewOf('Hikvision DS-2CD2143G2-I dome camera')],
    ['a brand of a listed vendor', () => viewOf('HiLook IPC-B140H bullet camera')],
    ['a warning shown quietly', () => viewOf('Quectel EC25 module', ['GB'])],
    [
      'page text that looks like markup',
      () => ({ ...viewOf('Dahua camera'), vendorName: '<img src=x onerror=alert(1)>' }),
    ],
  ];

  it.each(cases)('is exactly what the component renders collapsed: %s', (_, view) => {
    const rendered = doc.createElement('span');
    render(h(Warning, { view: view() }), rendered);
    const compact = doc.createElement('span');
    compact.append(compactWarning(doc, view()));
    expect(compact.innerHTML).toBe(rendered.innerHTML);
    expect(compact.querySelector('img')).toBeNull();
  });

  it('is taken over by Preact in place: the same button opens the card', () => {
    const view = viewOf('Hikvision DS-2CD2143G2-I dome camera');
    const container = doc.createElement('span');
    doc.body.append(container);
    container.append(compactWarning(doc, view));
    const button = container.querySelector('button.pill')!;
    hydrate(h(Warning, { view }), container);
    expect(container.querySelector('button.pill')).toBe(button);
    (button as HTMLButtonElement).click();
    return new Promise<void>((done) =>
      setTimeout(() => {
        expect(button.getAttribute('aria-expanded')).toBe('true');
        const card = container.querySelector('section.card');
        expect(card).not.toBeNull();
        expect(button.getAttribute('aria-controls')).toBe(card!.id);
        done();
      }, 20),
    );
  });
});

describe('the pill’s words (issue 18: "Possible match: review: Hikvision" had a double colon)', () => {
  const LOCALES = ['en', 'de', 'fr', 'zh_CN', 'zh_TW'];

  it('says "<verdict>: <vendor>" with one colon, for a possible match too', () => {
    const view = viewOf('Hikvison camera');
    expect(view.verdict).toBe('possible-match');
    const pill = compactWarning(doc, view).querySelector('.pill-text')!.textContent;
    expect(pill).toBe('Possible match: Hikvision');
    const rendered = doc.createElement('span');
    render(h(Warning, { view }), rendered);
    expect(rendered.querySelector('.pill-text')!.textContent).toBe('Possible match: Hikvision');
  });

  it.each(LOCALES)('no verdict label carries a colon of its own (%s), so the pill never shows two', (locale) => {
    const messages = JSON.parse(
      readFileSync(join(import.meta.dirname, `../../../public/_locales/${locale}/messages.json`), 'utf8'),
    ) as Record<string, { message: string }>;
    for (const key of Object.values(VERDICT_KEYS)) {
      const label = messages[key]?.message;
      expect(label, `${locale} ${key}`).toBeTruthy();
      expect(label, `${locale} ${key}`).not.toMatch(/[:：]/);
    }
  });
});
