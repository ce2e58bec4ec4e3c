/**
 * Fuzzy matching takes only the slips sellers make for a listed name, scaled to the name's length, and never a real
 * word, another company's name, a trader's own name or a short name.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { misspelling, resemblance } from '../../../lib/engine/fuzzy';
import { createEngine } from '../../../lib/engine/index';
import { loadWatchlist } from '../../../lib/watchlist/index';

const list = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);
const engine = createEngine(list, { sensitivity: 'broad' });
const fuzzy = (text: string) =>
  engine
    .scanText(text)
    .filter((f) => f.kind === 'fuzzy')
    .map((f) => `${f.vendorId}:${f.evidence}`);

describe('slips', () => {
  it('counts look-alikes, swaps, doubled letters and plain edits apart', () => {
    expect(resemblance('hlkvision', 'hikvision')).toEqual({ hard: 0, mild: 0, lookAlike: 1 });
    expect(resemblance('fibocorn', 'fibocom')).toEqual({ hard: 0, mild: 0, lookAlike: 1 });
    expect(resemblance('huawie', 'huawei')).toEqual({ hard: 0, mild: 1, lookAlike: 0 });
    expect(resemblance('quectell', 'quectel')).toEqual({ hard: 0, mild: 1, lookAlike: 0 });
    expect(resemblance('hikvison', 'hikvision')).toEqual({ hard: 1, mild: 0, lookAlike: 0 });
    expect(resemblance('hkvsn', 'hikvision')).toBeUndefined();
  });

  it('allows any one edit only from 8 letters, mild slips from 6, nothing below', () => {
    expect(misspelling('hikvison', 'hikvision')).toBeDefined();
    expect(misspelling('hikvisiom', 'hikvision')).toBeDefined();
    expect(misspelling('huawen', 'huawei')).toBeUndefined(); // a plain substitution in a 6-letter name
    expect(misspelling('hytero', 'hytera')).toBeUndefined();
    expect(misspelling('huawie', 'huawei')).toBeDefined();
    expect(misspelling('dahau', 'dahua')).toBeUndefined(); // 5 letters: no fuzzy at all
    expect(misspelling('hikvisn', 'hikvision')).toBeUndefined(); // two deletions
    expect(misspelling('kikvision', 'hikvision')).toBeUndefined(); // the first letter must be right
  });
});

describe('fuzzy findings', () => {
  it.each([
    ['Hikvison 4MP dome camera', 'hikvision:Hikvison'],
    ['HlKVISION 8MP bullet', 'hikvision:HlKVISION'],
    ['Hikv1sion turret', 'hikvision:Hikv1sion'],
    ['Huawie 4G router', 'huawei:Huawie'],
    ['Quectell LTE module', 'quectel:Quectell'],
    ['Fibocorn L850-GL card', 'fibocom:Fibocorn'],
  ])('takes %s for a misspelling', (text, expected) => {
    expect(fuzzy(text)).toEqual([expected]);
  });

  it('says which name it looks like, for the card', () => {
    const [finding] = engine.scanText('Hikvison 4MP dome camera');
    expect(finding).toMatchObject({ kind: 'fuzzy', verdict: 'possible-match', resembles: 'Hikvision' });
  });

  it.each([
    'HiVision DVR 8 channel', // another company one letter from Hikvision (negative lexicon)
    'Dr. Anna Kasperski, project lead', // a surname one letter from Kaspersky
    'Huawen Electronics 4G router', // one plain substitution in a six-letter name
    'Fibocon Electronics Ltd - M.2 cards', // a trader's own name
    'Sold by Quectal Store', // the seller
    'Hikvisn camera', // two slips
    'Dahau camera', // a short name
  ])('leaves %s alone', (text) => {
    expect(fuzzy(text)).toEqual([]);
  });

  it('never runs at strict sensitivity', () => {
    expect(createEngine(list, { sensitivity: 'strict' }).scanText('Hikvison camera')).toEqual([]);
  });
});
