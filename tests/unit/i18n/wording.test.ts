/** Localisable wording from lib/: English by default, the reader's language through an injected translate. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../lib/engine/index';
import { renderText } from '../../../lib/i18n/english';
import { fillMessage, type Translate } from '../../../lib/i18n/index';
import { STATUS_LABELS } from '../../../lib/present/labels';
import { buildWarningView, STATUS_KEYS, VERDICT_KEYS } from '../../../lib/present/warning-view';
import { loadWatchlist } from '../../../lib/watchlist/index';

const ROOT = resolve(import.meta.dirname, '../../..');
const german = JSON.parse(readFileSync(join(ROOT, 'public/_locales/de/messages.json'), 'utf8')) as Record<
  string,
  { message: string }
>;
/** What browser.i18n.getMessage does with the German locale. */
const inGerman: Translate = (key, subs) => fillMessage(german[key]!.message, subs);

const list = loadWatchlist(JSON.parse(readFileSync(join(ROOT, 'public/watchlist.json'), 'utf8')));
const engine = createEngine(list);
const first = (text: string) => engine.scanText(text)[0]!;

describe('localisable wording', () => {
  it('fills $1..$9 and $$ as the browser does', () => {
    expect(fillMessage('$1 costs $$$2 ($3)', ['It', '5'])).toBe('It costs $5 ($3)');
    expect(fillMessage('$1 and $2', ['$2', 'x'])).toBe('$2 and x');
  });

  it('renders the verdict line, path, statuses and category basis in English by default', () => {
    const view = buildWarningView(list, first('HiLook IPC-B140H'), 'uk-public');
    expect(renderText(view.path!.phraseText)).toBe('own brand of Hikvision');
    expect(renderText(view.verdictLineText)).toMatch(/^UK central government may not deploy Hikvision surveillance/);
    expect(STATUS_LABELS[view.measures[0]!.status]).toBe('In force');
  });

  it('renders the same view in German with a translate function, keeping the data as written', () => {
    const view = buildWarningView(list, first('HiLook IPC-B140H'), 'uk-public', []);
    expect(renderText({ key: VERDICT_KEYS[view.verdict] }, inGerman)).toBe('Marke eines gelisteten Anbieters');
    expect(renderText(view.path!.phraseText, inGerman)).toBe('Eigenmarke von Hikvision');
    expect(renderText(view.verdictLineText, inGerman)).toMatch(
      /^Die britische Zentralregierung darf Überwachungstechnik von Hikvision nicht an sensiblen Standorten einsetzen/,
    );
    expect(renderText({ key: STATUS_KEYS[view.measures[0]!.status] }, inGerman)).toBe('In Kraft');
    const category = view.measures.find((m) => m.basis);
    if (category)
      expect(renderText(category.basis!, inGerman)).toMatch(
        /^Gilt nach Kategorie: .+; Hikvision hat seinen Hauptsitz in China\.$/,
      );
  });

  it('carries the sentences as message keys so the interface can render them in any language', () => {
    const view = buildWarningView(list, first('HiLook IPC-B140H'), 'uk-public');
    expect(view.verdictLineText).toEqual({ key: 'verdictUkSensitiveSites', subs: ['Hikvision'] });
    expect(view.path?.phraseText).toEqual({ key: 'relationshipBrand', subs: ['Hikvision'] });
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });
});
