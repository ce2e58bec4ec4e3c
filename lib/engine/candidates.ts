/**
 * The candidate pass: one walk over normalised text, character code by character code, collecting everything the
 * later stages look at. Its cost grows with the text, not with text x watchlist, and it builds no strings but for
 * the few tokens that look like model codes:
 *
 * - names, aliases and brands: the Aho-Corasick automaton steps over separators (so "Hik-Vision" and
 *   "HIK VISION" meet the term "hikvision");
 * - code-like tokens (letters and digits joined by '-', '/' or '+', at least three characters with a digit) whose
 *   head or a tail after '-' or '/' starts like some model rule's examples;
 * - whole Latin words of 6 to 32 letters that start like a fuzzy term and are within two letters of its length.
 *
 * Ordinary text yields nothing, and the engine is done with it.
 */
import { AhoCorasick, type AutomatonMatch } from './aho-corasick';
import type { FuzzyIndex } from './fuzzy';
import type { Span } from './intervals';
import type { CodeToken, ModelIndex } from './models';
import { isWordChar } from './normalise';
import { isSeparatorCode } from './terms';

export interface Candidates {
  /** In order of their end. */
  names: AutomatonMatch[];
  /** In text order. */
  codes: CodeToken[];
  /** In text order. */
  words: Span[];
}

export interface CandidateSources {
  automaton: AhoCorasick;
  /** Null when model numbers are not matched (strict sensitivity). */
  models: ModelIndex | null;
  /** Null when typos are not matched (strict sensitivity). */
  fuzzy: FuzzyIndex | null;
}

/** Character classes of ASCII, as bits: one table read per character instead of a chain of comparisons. */
const LOWER = 1;
const DIGIT = 2;
const PLUS = 4;
/** '-' and '/': inside a code token only when a letter or digit follows. */
const JOINER = 8;
const UPPER = 16;
/** Stepped over by the name automaton (terms.ts SEPARATORS). */
const SEPARATOR = 32;
const ALPHANUMERIC = LOWER | DIGIT;
/** What a code token is made of besides its joiners: `[a-z0-9+]`. */
const TOKEN = ALPHANUMERIC | PLUS;
/** A letter or digit of any script; non-ASCII characters are looked up when a boundary needs them. */
const WORD = ALPHANUMERIC | UPPER;

const ASCII_CLASS = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  if (code >= 97 && code <= 122) ASCII_CLASS[code] = LOWER;
  else if (code >= 65 && code <= 90) ASCII_CLASS[code] = UPPER;
  else if (code >= 48 && code <= 57) ASCII_CLASS[code] = DIGIT;
  else if (code === 43) ASCII_CLASS[code] = PLUS;
  if (isSeparatorCode(code)) ASCII_CLASS[code]! |= SEPARATOR;
  if (code === 45 || code === 47) ASCII_CLASS[code]! |= JOINER;
}

const classAt = (text: string, index: number): number => {
  const code = text.charCodeAt(index);
  return code < 128 ? ASCII_CLASS[code]! : 0;
};

function isWordCharAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const code = text.charCodeAt(index);
  return code < 128 ? (ASCII_CLASS[code]! & WORD) !== 0 : isWordChar(text[index]);
}

const NOTHING: Candidates = Object.freeze({ names: [], codes: [], words: [] });

export function findCandidates(text: string, { automaton, models, fuzzy }: CandidateSources): Candidates {
  const names: AutomatonMatch[] = [];
  const rows = automaton.rows;
  let row = AhoCorasick.ROOT;
  const codes: CodeToken[] = [];
  const words: Span[] = [];
  let tokenStart = -1;
  let tokenHasDigit = false;
  let wordStart = -1;
  const length = text.length;
  for (let index = 0; index <= length; index++) {
    // One past the end is a character of no class: it closes the last word and token.
    const code = index < length ? text.charCodeAt(index) : 0;
    const kind = code < 128 ? ASCII_CLASS[code]! : 0;

    // Latin words for the fuzzy stage: a maximal run of a-z with no letter or digit of any script either side.
    if (kind & LOWER) {
      if (wordStart < 0) wordStart = index;
    } else if (wordStart >= 0) {
      if (
        fuzzy !== null &&
        index - wordStart >= 6 &&
        fuzzy.mayConfirm(text.charCodeAt(wordStart), index - wordStart) &&
        !isWordCharAt(text, wordStart - 1) &&
        !isWordCharAt(text, index)
      ) {
        words.push({ start: wordStart, end: index });
      }
      wordStart = -1;
    }

    // Code tokens: /[a-z0-9](?:[a-z0-9+]|[-/](?=[a-z0-9]))*/ without a RegExp.
    if (tokenStart >= 0) {
      if (kind & TOKEN || (kind & JOINER && index + 1 < length && classAt(text, index + 1) & ALPHANUMERIC)) {
        if (kind & DIGIT) tokenHasDigit = true;
      } else {
        if (models !== null && tokenHasDigit && index - tokenStart >= 3 && models.mayMatch(text, tokenStart, index)) {
          codes.push({ text: text.slice(tokenStart, index), start: tokenStart, end: index });
        }
        tokenStart = -1;
      }
    }
    if (tokenStart < 0 && kind & ALPHANUMERIC) {
      tokenStart = index;
      tokenHasDigit = (kind & DIGIT) !== 0;
    }

    // Names: the automaton steps over separators, as if the text had been squeezed.
    if (index === length || kind & SEPARATOR || (code >= 128 && isSeparatorCode(code))) continue;
    let entry = code < 128 ? rows[row + code]! : -1;
    if (entry < 0) entry = automaton.transition(row, code);
    row = entry & ~1;
    if (entry & 1) automaton.report(row, text, index, names);
  }
  return names.length + codes.length + words.length === 0 ? NOTHING : { names, codes, words };
}
