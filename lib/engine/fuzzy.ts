/**
 * Fuzzy confirmation for typos ("Hikvison", "Dahau", "Quectell"). fuse.js only ever sees the few words that
 * survive a cheap pre-filter (same first letter, similar length, shared letter pairs), never the page text:
 * it caps patterns at 32 characters and would cost text x watchlist.
 */
import Fuse from 'fuse.js';
import type { Term } from './terms';

/** Below this many characters a one-letter typo is too likely to be another word. */
export const MIN_FUZZY_LENGTH = 6;
/** fuse.js score (0 = exact, 1 = nothing alike) at or under which a typo is accepted as a possible match. */
export const MAX_FUZZY_SCORE = 0.25;

function pairs(word: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < word.length - 1; i++) out.add(word.slice(i, i + 2));
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const pair of a) if (b.has(pair)) shared++;
  return (2 * shared) / (a.size + b.size || 1);
}

interface Candidate {
  term: Term;
  pairs: Set<string>;
}

export class FuzzyIndex {
  private readonly byInitial = new Map<string, Candidate[]>();
  /** Pages repeat words; remember each word's verdict (bounded so a hostile page cannot grow it forever). */
  private readonly cache = new Map<string, { term: Term; score: number } | null>();

  constructor(terms: readonly Term[]) {
    for (const term of terms) {
      // Only single Latin words long enough to tell a typo from another word.
      if (term.cjkStart || term.key.length < MIN_FUZZY_LENGTH || !/^[a-z]+$/.test(term.key)) continue;
      const list = this.byInitial.get(term.key[0]!) ?? [];
      list.push({ term, pairs: pairs(term.key) });
      this.byInitial.set(term.key[0]!, list);
      const row = (term.key.charCodeAt(0) - 97) * 33;
      for (let length = term.key.length - 2; length <= Math.min(32, term.key.length + 2); length++) {
        this.lengths[row + length] = 1;
      }
    }
  }

  /**
   * Word lengths worth a look, by first letter: `lengths[(letter - 97) * 33 + n]` is set when some term starting with
   * that letter is within two characters of length `n` (at most 32). Everything `confirm` would turn away on first
   * letter and length alone is turned away here, without building the word.
   */
  private readonly lengths = new Uint8Array(26 * 33);

  /** Whether `confirm` could accept a word of `length` letters starting with char code `first`. */
  mayConfirm(first: number, length: number): boolean {
    return (
      first >= 97 &&
      first <= 122 &&
      length >= MIN_FUZZY_LENGTH &&
      length <= 32 &&
      this.lengths[(first - 97) * 33 + length] === 1
    );
  }

  /** The best term `word` is a likely misspelling of, with fuse's score; undefined if none. */
  confirm(word: string): { term: Term; score: number } | undefined {
    if (word.length < MIN_FUZZY_LENGTH || word.length > 32) return undefined;
    const known = this.cache.get(word);
    if (known !== undefined) return known ?? undefined;
    const result = this.lookup(word);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(word, result ?? null);
    return result;
  }

  private lookup(word: string): { term: Term; score: number } | undefined {
    const sameStart = (this.byInitial.get(word[0]!) ?? []).filter(
      (c) => Math.abs(c.term.key.length - word.length) <= 2,
    );
    if (sameStart.length === 0) return undefined;
    const wordPairs = pairs(word);
    const shortlist = sameStart.filter((c) => dice(c.pairs, wordPairs) >= 0.5);
    if (shortlist.length === 0) return undefined;
    const fuse = new Fuse(shortlist, {
      keys: ['term.key'],
      includeScore: true,
      threshold: MAX_FUZZY_SCORE,
      ignoreLocation: true,
    });
    const [best] = fuse.search(word);
    if (!best || best.score === undefined || best.score > MAX_FUZZY_SCORE) return undefined;
    return { term: best.item.term, score: best.score };
  }
}
