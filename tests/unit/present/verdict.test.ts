/** The first line of a warning per profile, and the one measure shown first, for real findings and the real list. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../lib/engine/index';
import { renderText } from '../../../lib/i18n/english';
import { pluralKey } from '../../../lib/i18n/plural';
import { buildWarningView, type WarningView } from '../../../lib/present/warning-view';
import type { Profile } from '../../../lib/settings/index';
import { loadWatchlist } from '../../../lib/watchlist/index';

const list = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);
const engine = createEngine(list);
const first = (text: string) => engine.scanText(text)[0]!;
/** The view with its verdict line in English, as the CLI and the exports read it. */
const english = (view: WarningView) => ({ ...view, verdictLine: renderText(view.verdictLineText) });
const hikvision = first('Hikvision DS-2CD2143G2-I dome camera');
const view = (profile: Profile, jurisdictions: string[] = [], country = '') =>
  english(buildWarningView(list, hikvision, profile, jurisdictions, country));

describe('the verdict line for each profile', () => {
  it('US federal: section 889 first, with the FAR clauses and what to do', () => {
    const us = view('us-federal');
    expect(us.measures[0]!.id).toBe('us-ndaa-889');
    expect(us.measures[0]!.instrument).toMatch(/FAR 52\.204-24\/25\/26/);
    expect(us.verdictLine).toMatch(/^Not allowed in US federal contracts: do not offer or provide Hikvision/);
    expect(us.verdictLine).toMatch(/FAR 52\.204-25.*52\.204-24 and 52\.204-26.*report any you find after award\.$/);
  });

  it('UK public body: the UK instruction first, and that it binds central government, not councils', () => {
    const uk = view('uk-public');
    expect(uk.measures[0]!.id).toBe('uk-surveillance-sensitive-sites');
    expect(uk.verdictLine).toMatch(/^UK central government may not deploy Hikvision surveillance equipment/);
    expect(uk.verdictLine).toMatch(/binds central government, not councils/);
  });

  it('Australia and Taiwan: their own measures first, in plain words', () => {
    const au = view('au-government');
    expect(au.measures[0]!.id).toBe('au-commonwealth-cameras-2023');
    expect(au.verdictLine).toMatch(/not a general ban on sale\.$/);
    const tw = view('tw-government');
    expect(tw.measures[0]!.id).toBe('tw-ey-prc-ict');
    expect(tw.verdictLine).toMatch(/^Taiwan government: agencies, public schools and their contractors may not use/);
  });

  it('consumer: legal to buy where they are, what the restrictions are about, what to check', () => {
    const gb = view('consumer', [], 'GB');
    expect(gb.measures[0]!.jurisdiction).toBe('GB');
    expect(gb.verdictLine).toBe(
      'Legal to buy in the United Kingdom: nothing on the list stops shoppers. The restrictions on Hikvision there are about what governments buy and where they install it. A careful buyer checks where the device sends its data and that it still gets security updates.',
    );
    const us = view('consumer', [], 'US');
    expect(us.measures[0]!.id).toBe('us-fcc-equipment-authorisation');
    expect(us.verdictLine).toMatch(/^Legal to buy in the United States for models already on sale, but new Hikvision/);
    expect(view('consumer', [], 'FR').verdictLine).toMatch(
      /^Legal to buy in FR: nothing on the list restricts Hikvision there\. It is restricted elsewhere \((?:[A-Z]{2}, )*US(?:, [A-Z]{2})*\)\./,
    );
    expect(view('consumer').verdictLine).toMatch(/Choose your country in the options/);
  });

  it('a sales ban where the shopper is says it may not be sold there', () => {
    const kaspersky = english(buildWarningView(list, first('Kaspersky Total Security 2025'), 'consumer', [], 'US'));
    expect(kaspersky.measures[0]!.scope).toBe('sales-ban');
    expect(kaspersky.verdictLine).toMatch(/^Not legal to sell in the United States: Kaspersky/);
  });

  it('a public body whose jurisdiction names nobody hears so, and where the vendor is restricted', () => {
    const quectel = english(buildWarningView(list, first('Quectel EC25-E LTE module'), 'uk-public'));
    expect(quectel.measures.some((m) => m.jurisdiction === 'GB')).toBe(false);
    expect(quectel.verdictLine).toMatch(
      /^No measure in the United Kingdom names Quectel; it is restricted elsewhere \(.*US.*\)\.$/,
    );
  });

  it('ticking jurisdictions puts their measures next, after the profile’s own', () => {
    const ordered = view('uk-public', ['AU']).measures.map((m) => m.jurisdiction);
    const firstNonGb = ordered.findIndex((j) => j !== 'GB');
    expect(ordered[firstNonGb]).toBe('AU');
    expect(view('consumer', ['TW']).measures[0]!.jurisdiction).toBe('TW');
  });
});

describe('plural forms', () => {
  it('follow each language’s rules', () => {
    expect(pluralKey('warningMoreMeasures', 1, 'en')).toBe('warningMoreMeasures_one');
    expect(pluralKey('warningMoreMeasures', 2, 'en')).toBe('warningMoreMeasures_other');
    expect(pluralKey('warningMoreMeasures', 0, 'fr')).toBe('warningMoreMeasures_one');
    expect(pluralKey('warningMoreMeasures', 0, 'de')).toBe('warningMoreMeasures_other');
    expect(pluralKey('warningMoreMeasures', 1, 'zh-CN')).toBe('warningMoreMeasures_other');
  });
});
