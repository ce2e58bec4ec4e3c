/** What a person reads on the warning card, built from a real finding and the real list. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../lib/engine/index';
import { renderText } from '../../../lib/i18n/english';
import { VERDICT_LABELS } from '../../../lib/present/labels';
import { buildWarningView } from '../../../lib/present/warning-view';
import { loadWatchlist } from '../../../lib/watchlist/index';

const list = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);
const engine = createEngine(list);
const first = (text: string) => engine.scanText(text)[0]!;

describe('warning view', () => {
  it('puts the measures of the user’s own jurisdiction first', () => {
    const finding = first('Hikvision dome camera');
    expect(buildWarningView(list, finding, 'uk-public').measures[0]!.jurisdiction).toBe('GB');
    expect(buildWarningView(list, finding, 'us-federal').measures[0]!.jurisdiction).toBe('US');
    expect(buildWarningView(list, finding, 'au-government').measures[0]!.jurisdiction).toBe('AU');
    expect(buildWarningView(list, finding, 'consumer').measures[0]!.id).toBe('us-fcc-equipment-authorisation');
  });

  it('explains a category measure in its own words, and the vendor-specific limits of a named one', () => {
    const view = buildWarningView(list, first('Dahua bullet camera'), 'uk-public');
    const uk = view.measures.find((m) => m.id === 'uk-surveillance-sensitive-sites')!;
    expect(renderText(uk.basis!)).toMatch(
      /^Applies by category: visual surveillance equipment produced by companies subject to the National Intelligence Law/,
    );
    expect(renderText(uk.basis!)).toMatch(/names no company; Dahua Technology is headquartered in China/);
    const fcc = view.measures.find((m) => m.id === 'us-fcc-covered-list')!;
    expect(fcc.qualifier).toMatch(/^to the extent it is used for public safety/);
    expect(fcc.sourceUrl).toMatch(/^https:\/\//);
  });

  it('gives the verdict line and the brand path', () => {
    const view = buildWarningView(list, first('HiLook IPC-B140H'), 'uk-public');
    expect(VERDICT_LABELS[view.verdict]).toBe('Brand of listed vendor');
    expect(view.path?.brand).toBe('HiLook');
    expect(renderText(view.path!.phraseText)).toBe('own brand of Hikvision');
    expect(renderText(view.verdictLineText)).toMatch(
      /^UK central government may not deploy Hikvision surveillance equipment on sensitive sites \(Cabinet Office, 2022\)\./,
    );
  });

  it('collapses whitespace in the evidence it shows', () => {
    expect(buildWarningView(list, first('Hangzhou Hikvision\n   Digital Technology')).evidence).toBe(
      'Hangzhou Hikvision Digital Technology',
    );
  });
});

describe('jurisdictions the user chose', () => {
  it('puts their measures first, and marks a warning with none of them as quiet', () => {
    const hikvision = first('Hikvision dome camera');
    const au = buildWarningView(list, hikvision, 'consumer', ['AU']);
    expect(au.relevant).toBe(true);
    expect(au.measures[0]!.jurisdiction).toBe('AU');
    const quectel = buildWarningView(list, first('Quectel EC25-E module'), 'consumer', ['GB']);
    expect(quectel.relevant).toBe(false);
    expect(buildWarningView(list, first('Quectel EC25-E module'), 'consumer', []).relevant).toBe(true);
  });
});

describe('brand caveats', () => {
  it('carries what the relationship alone does not say onto the warning (Imou: sale approved, not confirmed)', () => {
    const imou = first('Imou Ranger 2 indoor camera');
    expect(imou.vendorId).toBe('dahua');
    const view = buildWarningView(list, imou);
    expect(view.path?.brand).toBe('Imou');
    expect(view.path?.caveat).toMatch(/approved selling its whole stake.*not confirmed/);
    // Brands without a caveat get none.
    expect(buildWarningView(list, first('HiLook IPC-B140H bullet')).path?.caveat).toBeUndefined();
  });
});
