/**
 * The candidate pass's shortcut: run on the merely lower-cased input, it must refuse exactly the texts normalisation
 * would change, and on the rest find what it finds in the normalised text.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AhoCorasick } from '../../../lib/engine/aho-corasick';
import { type Candidates, findCandidates, isSkippedByNames } from '../../../lib/engine/candidates';
import { FuzzyIndex } from '../../../lib/engine/fuzzy';
import { ModelIndex } from '../../../lib/engine/models';
import { isNormalBeyondAscii, normalise } from '../../../lib/engine/normalise';
import { buildTerms } from '../../../lib/engine/terms';
import { loadWatchlist } from '../../../lib/watchlist/index';

const list = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);
const terms = buildTerms(list);
const sources = {
  automaton: new AhoCorasick(
    terms.map((t) => t.key),
    isSkippedByNames,
  ),
  models: new ModelIndex(list),
  fuzzy: new FuzzyIndex(terms),
};

const pieces = [
  'Hikvision',
  'HIK-VISION',
  'hik·vision',
  'hik\u2019vision',
  'DS-2CD2143G2-I',
  'Hikvison',
  'Quectel',
  'EC25-E',
  'ip66',
  '大华',
  '摄像机',
  'ＨＩＫ',
  'İ',
  '\u212A',
  '𝟻',
  '😀',
  '£',
  'é',
  'É',
  '\u00A0',
  '\u200B',
  '\u2013',
  '\u0085',
  '\t',
  '\n',
  ' ',
  '  ',
  '-',
  '/',
  '+',
];
const text = fc
  .array(
    fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 }), fc.string({ unit: 'grapheme', maxLength: 2 })),
    {
      maxLength: 12,
    },
  )
  .map((parts) => parts.join(''));

/**
 * The rule the pass applies on lower-cased input, written out plainly: once whitespace is collapsed, lower-casing is
 * all normalisation would do when there are single spaces, nothing leading, and every other character is printable
 * ASCII or one that normalises to its own lower case ("£", "é", "大"; never C1 controls or astral characters).
 */
function isAlreadyNormal(input: string, lower: string): boolean {
  let lastWasSpace = true;
  for (let index = 0; index < lower.length; index++) {
    const code = lower.charCodeAt(index);
    if (code === 32) {
      if (lastWasSpace) return false;
      lastWasSpace = true;
      continue;
    }
    lastWasSpace = false;
    if (code > 32 && code < 127) continue;
    if (code < 128 || !isNormalBeyondAscii(input, lower, index)) return false;
  }
  return true;
}

/** What the normaliser does to ASCII whitespace and controls, done the obvious way. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: controls are the point
const collapse = (text: string) => text.replace(/[\x00-\x20]+/g, ' ').replace(/^ /, '');
const texts = (found: Candidates, text: string) => ({
  names: found.names.map((n) => n.pattern),
  codes: found.codes.map((c) => c.text),
  words: found.words.map((w) => text.slice(w.start, w.end)),
});

describe('findCandidates on lower-cased input', () => {
  it('refuses exactly the texts that need more than lower case and collapsed whitespace, and finds the same', () => {
    fc.assert(
      fc.property(text, (input) => {
        const lower = input.toLowerCase();
        fc.pre(lower.length === input.length);
        const quick = findCandidates(lower, sources, input);
        const collapsed = collapse(input);
        expect(quick !== null).toBe(isAlreadyNormal(collapsed, collapsed.toLowerCase()));
        if (quick === null) return;
        const norm = normalise(input);
        expect(norm.text).toBe(collapse(lower));
        const full = findCandidates(norm.text, sources)!;
        expect(quick.collapsible).toBe(
          norm.text !== lower && texts(quick, lower).names.length + quick.codes.length + quick.words.length > 0,
        );
        // Offsets are the input's when whitespace was collapsed; what was found is the same.
        if (quick.collapsible) expect(texts(quick, lower)).toEqual(texts(full, norm.text));
        else expect(quick).toEqual(full);
      }),
      { numRuns: 3000 },
    );
  });

  it('gives nothing for ordinary text and the three kinds of candidate for a listing', () => {
    expect(findCandidates('reolink 4k poe security camera', { ...sources, fuzzy: null })).toEqual({
      names: [],
      codes: [],
      words: [],
      collapsible: false,
    });
    const found = findCandidates('hikvison ds-2cd2143g2-i hik-vision', sources)!;
    expect(found.collapsible).toBe(false);
    expect(found.words).toEqual([{ start: 0, end: 8 }]);
    expect(found.codes.map((c) => c.text)).toEqual(['ds-2cd2143g2-i']);
    expect(found.names.map((n) => [n.start, n.end])).toEqual([[24, 34]]);
    // Indentation and newlines: found all the same, on the input's offsets, and flagged as needing the normaliser.
    const indented = '\n    hik-vision\n      ds-2cd2143g2-i  ';
    const screened = findCandidates(indented, sources, indented)!;
    expect(screened.collapsible).toBe(true);
    expect(screened.codes.map((c) => [c.text, c.start])).toEqual([['ds-2cd2143g2-i', 22]]);
    expect(screened.names.map((n) => n.end)).toEqual([15]);
  });
});
