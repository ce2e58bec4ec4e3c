/**
 * The automaton, driven as the engine drives it (the candidate pass, names only), against a naive search: every
 * occurrence of every pattern, stepping over separators, in plain text, non-ASCII text, and past the row cache's
 * capacity (where it flushes and rebuilds).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AhoCorasick, type AutomatonMatch } from '../../../lib/engine/aho-corasick';
import { findCandidates, isSkippedByNames } from '../../../lib/engine/candidates';

/** Matches found by trying every pattern at every start: quadratic, obviously right. */
function naive(patterns: readonly string[], text: string): AutomatonMatch[] {
  const found: AutomatonMatch[] = [];
  patterns.forEach((pattern, index) => {
    if (!pattern) return;
    for (let start = 0; start < text.length; start++) {
      if (isSkippedByNames(text.charCodeAt(start))) continue;
      let at = start;
      let matched = 0;
      while (at < text.length && matched < pattern.length) {
        if (isSkippedByNames(text.charCodeAt(at))) {
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

function search(automaton: AhoCorasick, text: string): AutomatonMatch[] {
  return sorted(findCandidates(text, { automaton, models: null, fuzzy: null })!.names);
}

describe('AhoCorasick', () => {
  it('finds what a naive search finds, stepping over separators', () => {
    const letters = fc.constantFrom('a', 'b', 'c', '大', '华', '😀');
    const pattern = fc.array(letters, { minLength: 1, maxLength: 5 }).map((p) => p.join(''));
    const text = fc
      .array(fc.oneof(letters, fc.constantFrom('-', ' ', '.', '·', 'x')), { maxLength: 60 })
      .map((t) => t.join(''));
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 12 }), text, (patterns, haystack) => {
        expect(search(new AhoCorasick(patterns, isSkippedByNames), haystack)).toEqual(naive(patterns, haystack));
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
    const automaton = new AhoCorasick(patterns, isSkippedByNames);
    const expected = naive(patterns, text);
    expect(search(automaton, text)).toEqual(expected);
    // And again, now that the cache holds rows from the first search.
    expect(search(automaton, text)).toEqual(expected);
  });
});
