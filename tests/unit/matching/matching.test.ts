/** The background's matcher and the wire format between it and the content script. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMatcher, matchPackedPaced } from '../../../lib/matching/index';
import { packTexts, unpackMatches, unpackTexts } from '../../../lib/matching/wire';
import { DEFAULT_SETTINGS } from '../../../lib/settings/index';
import { loadWatchlist } from '../../../lib/watchlist/index';

const list = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);

describe('wire format', () => {
  it('packs block texts into one string and back, keeping every offset', () => {
    const texts = ['Hikvision DS-2CD2143G2-I', '', 'Axis M2025-LE', 'a\u0000b'];
    const unpacked = unpackTexts(packTexts(texts));
    expect(unpacked).toEqual(['Hikvision DS-2CD2143G2-I', '', 'Axis M2025-LE', 'a b']);
    expect(unpacked.map((t) => t.length)).toEqual(texts.map((t) => t.length));
    expect(unpackTexts(packTexts([]))).toEqual([]);
    expect(unpackTexts(packTexts(['\u0000', 'x\u0000\u0000', '']))).toEqual([' ', 'x  ', '']);
    expect(unpackTexts(packTexts(['a', 'b']))).toEqual(['a', 'b']);
  });

  it('answers only for blocks with findings, and ignores indexes out of range', async () => {
    const matcher = createMatcher(list, DEFAULT_SETTINGS);
    const texts = ['Reolink 4K camera', 'Hikvision DS-2CD2143G2-I dome', 'Bosch FLEXIDOME', 'Dahua IPC-HFW2431S'];
    const hits = await matchPackedPaced(matcher, packTexts(texts));
    expect(hits.map(([index]) => index)).toEqual([1, 3]);
    expect(hits[0]![1][0]!.finding.vendorId).toBe('hikvision');
    expect(hits[0]![1][0]!.view.vendorName).toBe('Hikvision');
    const all = unpackMatches([...hits, [7, []], [-1, []], [1.5, []]], texts.length);
    expect(all.length).toBe(4);
    expect(all.map((m) => m?.[0]?.finding.vendorId)).toEqual([undefined, 'hikvision', undefined, 'dahua']);
  });

  it('tells the engine which names the batch uses as a place, like the scan CLI', () => {
    const matcher = createMatcher(list, DEFAULT_SETTINGS);
    const texts = [
      'Dahua Yao autonomous county is located south of Hechi.',
      'Dahua has abundant hydropower resources.',
    ];
    expect(matcher.match(texts).map((block) => block.length)).toEqual([0, 0]);
    expect(matcher.match([texts[1]!]).map((block) => block.length)).toEqual([1]);
  });

  it('scans only the sites the settings allow', () => {
    const matcher = createMatcher(list, { ...DEFAULT_SETTINGS, pausedSites: ['shop.example'] });
    expect(matcher.runsOn('shop.example')).toBe(false);
    expect(matcher.runsOn('www.shop.example')).toBe(false);
    expect(matcher.runsOn('tenders.example')).toBe(true);
  });
});
