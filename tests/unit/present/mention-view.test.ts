/**
 * A mention (an accessory that names the vendor only as what it fits) all the way to what people see: the card's
 * first line says so in every locale, the pill is quiet and never says "Listed vendor", the popup's and the
 * export's vendor line speak for the vendor's products when there are any, and the badge counts no mentions.
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../lib/engine/index';
import { summaryFinding } from '../../../lib/evidence/rows';
import { renderText } from '../../../lib/i18n/english';
import { fillMessage } from '../../../lib/i18n/index';
import { VERDICT_LABELS } from '../../../lib/present/labels';
import { buildWarningView, VERDICT_KEYS } from '../../../lib/present/warning-view';
import { alarmCount, findingSummarySchema, summariseView } from '../../../lib/protocol';
import { loadWatchlist } from '../../../lib/watchlist/index';

const list = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);
const engine = createEngine(list);
const views = (text: string) => engine.scanText(text).map((finding) => buildWarningView(list, finding, 'us-federal'));
const accessory = 'Waterproof Junction Box Compatible with Hikvision Turret Cameras, Aluminium';
const product = 'Hikvision 4MP ColorVu PoE Turret Camera DS-2CD1347G0-L 2.8mm';

const messages = (locale: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../public/_locales/${locale}/messages.json`, import.meta.url), 'utf8'),
  ) as Record<string, { message: string }>;

let compactWarning: typeof import('../../../components/Warning').compactWarning;
let doc: Document;
beforeAll(async () => {
  const { window, document } = parseHTML('<!doctype html><html lang="en"><body></body></html>');
  Object.assign(globalThis, { window, document });
  doc = document;
  ({ compactWarning } = await import('../../../components/Warning'));
});

describe('a mention as people see it', () => {
  it('says it is a mention, not the vendor’s product, in English and in every locale the extension ships', () => {
    const [view] = views(accessory);
    expect(view!.verdict).toBe('mention');
    expect(VERDICT_LABELS[view!.verdict]).toBe('Mention');
    expect(renderText(view!.verdictLineText)).toBe(
      'Mentions Hikvision (compatible accessory): not a Hikvision product',
    );
    for (const locale of ['en', 'de', 'fr', 'zh_CN', 'zh_TW']) {
      const table = messages(locale);
      const line = renderText(view!.verdictLineText, (key, subs) => fillMessage(table[key]!.message, subs));
      expect(line, locale).toContain('Hikvision');
      expect(line, locale).not.toContain('$1');
      expect(table[VERDICT_KEYS.mention]!.message, locale).not.toBe(table[VERDICT_KEYS['listed-vendor']]!.message);
    }
  });

  it('is a quiet pill that never says "Listed vendor", even where its measures apply', () => {
    const [view] = views(accessory);
    const pill = compactWarning(doc, { ...view!, relevant: true });
    expect(pill.className).toBe('vw quiet');
    expect(pill.textContent).toContain('Mention: Hikvision');
    expect(pill.textContent).not.toMatch(/Listed vendor/);
    expect(compactWarning(doc, views(product)[0]!).className).toBe('vw alert');
  });

  it('crosses the message boundary as a known verdict', () => {
    expect(findingSummarySchema.safeParse(summariseView(views(accessory)[0]!)).success).toBe(true);
    expect(
      findingSummarySchema.safeParse({ ...summariseView(views(accessory)[0]!), verdict: 'accessory' }).success,
    ).toBe(false);
  });

  it('raises no alarm on the badge: only the vendors’ products count', () => {
    const findings = [...views(accessory), ...views(product)].map(summariseView);
    expect(findings.map((f) => f.verdict)).toEqual(['mention', 'listed-vendor', 'listed-vendor']);
    expect(alarmCount(findings)).toBe(2);
    expect(alarmCount(views(accessory).map(summariseView))).toBe(0);
  });

  it('lets the vendor’s products speak for it in a summary, and a mention only when there is nothing else', () => {
    const mentions = [...views(accessory), ...views(accessory)].map(summariseView);
    const products = views(product).map(summariseView);
    expect(summaryFinding([...mentions, ...products]).verdict).toBe('listed-vendor');
    expect(summaryFinding(mentions).verdict).toBe('mention');
  });
});

describe('one warning per vendor per block', () => {
  it('shows the vendor’s product over a mention of it, keeping vendors in the order they appear', async () => {
    const { ownProductsFirst } = await import('../../../scanner/page-scanner');
    const text = 'Dahua bullet, replacement for Hikvision DS-2CD2043G2-I. Hikvision DS-7608NI-K2 recorder';
    const matches = engine.scanText(text).map((finding) => ({ finding }));
    expect(matches.map(({ finding }) => `${finding.vendorId}:${finding.verdict}`)).toEqual([
      'dahua:listed-vendor',
      'hikvision:mention',
      'hikvision:mention',
      'hikvision:listed-vendor',
      'hikvision:listed-vendor',
    ]);
    const ordered = ownProductsFirst(matches).map(({ finding }) => `${finding.vendorId}:${finding.verdict}`);
    expect(ordered).toEqual([
      'dahua:listed-vendor',
      'hikvision:listed-vendor',
      'hikvision:listed-vendor',
      'hikvision:mention',
      'hikvision:mention',
    ]);
  });
});
