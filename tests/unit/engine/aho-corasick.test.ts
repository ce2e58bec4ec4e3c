/**
 * The automaton against a naive search: every occurrence of every pattern, stepping over ignored characters, in
 * plain text, non-ASCII text, and past the row cache's capacity (where it flushes and rebuilds).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AhoCorasick, type AutomatonMatch } from '../../../lib/engine/aho-corasick';

const isIgnored = (code: number) => code === 45 || code === 32; // '-' and ' '

/** Matches found by trying every pattern at every start: quadratic, obviously right. */
function naive(patterns: readonly string[], text: string): AutomatonMatch[] {
  const found: AutomatonMatch[] = [];
  patterns.forEach((pattern, index) => {
    if (!pattern) return;
    for (let start = 0; start < text.length; start++) {
      if (isIgnored(text.charCodeAt(start))) continue;
      let at = start;
      let matched = 0;
      while (at < text.length && matched < pattern.length) {
        if (isIgnored(text.charCodeAt(at))) {
          at++;
          continue;
        }
        if (text[at] !== pattern[matched]) break;
        at++;
        matched++;
      }
      if (matched === pattern.length) found.push({ pattern: index, start, end: at });
    }
  });
  return sorted(found);
}

const sorted = (matches: AutomatonMatch[]) =>
  [...matches].sort((a, b) => a.end - b.end || a.pattern - b.pattern || a.start - b.start);

describe('AhoCorasick', () => {
  it('finds what a naive search finds, stepping over ignored characters', () => {
    const letters = fc.constantFrom('a', 'b', 'c', '大', '华', '😀');
    const pattern = fc.array(letters, { minLength: 1, maxLength: 5 }).map((p) => p.join(''));
    const text = fc.array(fc.oneof(letters, fc.constantFrom('-', ' ', 'x')), { maxLength: 60 }).map((t) => t.join(''));
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 12 }), text, (patterns, haystack) => {
        expect(sorted(new AhoCorasick(patterns, isIgnored).search(haystack))).toEqual(naive(patterns, haystack));
      }),
      { numRuns: 500 },
    );
  });

  it('stays right when the text visits more states than its row cache holds', () => {
    // 700 random 8-letter patterns have about 4,000 states; a text made of all of them visits every one, so the
    // 2,048-row cache fills and is flushed more than once during the search.
    const random = fc.sample(fc.stringMatching(/^[a-p]{8}$/), { numRuns: 700, seed: 7 });
    const patterns = [...new Set(random)];
    const text = patterns.join('-');
    const automaton = new AhoCorasick(patterns, isIgnored);
    const expected = naive(patterns, text);
    expect(sorted(automaton.search(text))).toEqual(expected);
    // And again, now that the cache holds rows from the first search.
    expect(sorted(automaton.search(text))).toEqual(expected);
  });
});
