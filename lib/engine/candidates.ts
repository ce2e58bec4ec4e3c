/**
 * The candidate pass: one walk over normalised text, character code by character code, collecting everything the
 * later stages look at. Its cost grows with the text, not with text x watchlist, and it builds no strings but for
 * the few tokens that look like model codes:
 *
 * - names, aliases and brands: the Aho-Corasick automaton steps over separators (so "Hik-Vision" and
 *   "HIK VISION" meet the term "hikvision");
 * - code-like tokens (letters and digits joined by '-', '/' or '+', at least three characters with a digit) whose
 *   head or a tail after '-' or '/' starts like some model rule's examples;
 * - whole Latin words (a letter, then letters or digits: "hikv1sion") of 5 to 32 characters that start like a fuzzy
 *   term and are within two characters of its length.
 *
 * Ordinary text yields nothing, and the engine is done with it.
 */
import { AhoCorasick, type AutomatonMatch } from './aho-corasick';
import type { FuzzyIndex } from './fuzzy';
import type { Span } from './intervals';
import type { CodeToken, ModelIndex } from './models';
import { isNormalBeyondAscii, isWordChar } from './normalise';
import { isSeparatorCode } from './terms';

export interface Candidates {
  /** In order of their end. */
  names: AutomatonMatch[];
  /** In text order. */
  codes: CodeToken[];
  /** In text order. */
  words: Span[];
  /**
   * Only when run on lower-cased input: the text had whitespace to collapse (newlines, indentation, a leading space),
   * so the offsets are the input's, not the normalised text's. Enough to tell that nothing can match; if something
   * may, the caller normalises and runs the pass again.
   */
  collapsible: boolean;
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
/** Spaces, tabs, newlines and other controls up to 32: the normaliser makes each run one space. */
const BLANK = 16;
/** DEL: the full normaliser's business. */
const CONTROL = 64;
/** Stepped over by the name automaton (`isSkippedByNames`). */
const SEPARATOR = 32;
const ALPHANUMERIC = LOWER | DIGIT;
/** What a code token is made of besides its joiners: `[a-z0-9+]`. */
const TOKEN = ALPHANUMERIC | PLUS;

/**
 * What the name automaton steps over: the separators people put inside names (terms.ts), and every character the
 * normaliser turns into a space, so a pass over lower-cased input with newlines and tabs still meets "hik\nvision"
 * as the normalised text would. The engine builds its automaton with this.
 */
export const isSkippedByNames = (code: number): boolean => code <= 32 || isSeparatorCode(code);

const ASCII_CLASS = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  if (code >= 97 && code <= 122) ASCII_CLASS[code] = LOWER;
  else if (code >= 48 && code <= 57) ASCII_CLASS[code] = DIGIT;
  else if (code === 43) ASCII_CLASS[code] = PLUS;
  if (isSkippedByNames(code)) ASCII_CLASS[code]! |= SEPARATOR;
  if (code === 45 || code === 47) ASCII_CLASS[code]! |= JOINER;
  if (code <= 32) ASCII_CLASS[code]! |= BLANK;
  if (code === 127) ASCII_CLASS[code]! |= CONTROL;
}

const classAt = (text: string, index: number): number => {
  const code = text.charCodeAt(index);
  return code < 128 ? ASCII_CLASS[code]! : 0;
};

/** A whole Latin word (no letter or digit of any script either side) that `fuzzy` could take for a typo. */
function isFuzzyWord(text: string, start: number, end: number, fuzzy: FuzzyIndex | null): boolean {
  return (
    fuzzy?.mayConfirm(text.charCodeAt(start), end - start) === true &&
    !isWordChar(text[start - 1]) &&
    !isWordChar(text[end])
  );
}

function isModelToken(text: string, start: number, end: number, hasDigit: boolean, models: ModelIndex | null): boolean {
  return models !== null && hasDigit && end - start >= 3 && models.mayMatch(text, start, end);
}

const NOTHING: Candidates = Object.freeze({ names: [], codes: [], words: [], collapsible: false });

/**
 * The candidates in normalised `text`. Given `original`, `text` is only `original.toLowerCase()` (same length), and
 * the pass also checks that lower-casing and collapsing whitespace is all normalisation had to do: every other
 * character printable ASCII or one `isNormalBeyondAscii` passes (candidates.test.ts holds the pass to that rule).
 * If more was needed, the answer is null and the caller normalises properly. Most blocks need nothing more, and this saves them the normaliser.
 */
export function findCandidates(text: string, sources: CandidateSources, original?: string): Candidates | null {
  const { automaton, models, fuzzy } = sources;
  const rows = automaton.rows;
  const checkNormal = original !== undefined;
  let row = AhoCorasick.ROOT;
  const names: AutomatonMatch[] = [];
  const codes: CodeToken[] = [];
  const words: Span[] = [];
  // Runs open at these offsets (-1: none): a Latin word for the fuzzy stage, a code token for the model stage.
  let wordStart = -1;
  let tokenStart = -1;
  let tokenHasDigit = 0;
  let lastWasSpace = true;
  let collapsible = false;
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    const kind = code < 128 ? ASCII_CLASS[code]! : 0;
    if (kind & TOKEN) {
      // [a-z0-9+]: continues or opens a code token; a-z continues or opens a word, a digit continues one (look-alikes
      // such as "hikv1sion"), anything else closes it.
      if (kind & LOWER) {
        if (wordStart < 0) wordStart = index;
      } else if (wordStart >= 0 && !(kind & DIGIT)) {
        if (isFuzzyWord(text, wordStart, index, fuzzy)) words.push({ start: wordStart, end: index });
        wordStart = -1;
      }
      if (tokenStart >= 0) tokenHasDigit |= kind & DIGIT;
      else if (kind & ALPHANUMERIC) {
        tokenStart = index;
        tokenHasDigit = kind & DIGIT;
      }
      lastWasSpace = false;
    } else {
      if (wordStart >= 0) {
        if (isFuzzyWord(text, wordStart, index, fuzzy)) words.push({ start: wordStart, end: index });
        wordStart = -1;
      }
      // A '-' or '/' stays inside a token when a letter or digit follows: /[a-z0-9](?:[a-z0-9+]|[-/](?=[a-z0-9]))*/.
      if (tokenStart >= 0 && !(kind & JOINER && index + 1 < length && classAt(text, index + 1) & ALPHANUMERIC)) {
        if (isModelToken(text, tokenStart, index, tokenHasDigit !== 0, models)) {
          codes.push({ text: text.slice(tokenStart, index), start: tokenStart, end: index });
        }
        tokenStart = -1;
      }
      if (checkNormal) {
        if (kind & BLANK) {
          if (code !== 32 || lastWasSpace) collapsible = true;
          lastWasSpace = true;
        } else {
          lastWasSpace = false;
          if (kind & CONTROL || (code >= 128 && !isNormalBeyondAscii(original, text, index))) return null;
        }
      }
      if (kind & SEPARATOR || (code >= 128 && isSkippedByNames(code))) continue;
    }
    // Names: the automaton steps over separators, as if the text had been squeezed.
    let entry = code < 128 ? rows[row + code]! : -1;
    if (entry < 0) entry = automaton.transition(row, code);
    row = entry & ~1;
    if (entry & 1) automaton.report(row, text, index, names);
  }
  if (wordStart >= 0 && isFuzzyWord(text, wordStart, length, fuzzy)) words.push({ start: wordStart, end: length });
  if (tokenStart >= 0 && isModelToken(text, tokenStart, length, tokenHasDigit !== 0, models)) {
    codes.push({ text: text.slice(tokenStart, length), start: tokenStart, end: length });
  }
  return names.length + codes.length + words.length === 0 ? NOTHING : { names, codes, words, collapsible };
}
