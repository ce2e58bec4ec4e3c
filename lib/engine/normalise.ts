/**
 * Normalisation that survives real markup: Unicode NFKC (full-width Latin, ligatures, compatibility forms),
 * case folding, every dash and hyphen variant to '-', zero-width characters and soft hyphens removed, all
 * whitespace (incl. non-breaking) collapsed to one space. Keeps a map from each normalised index back to the
 * original string, so findings point at the text exactly as the page shows it.
 */

export interface NormalisedText {
  /** The normalised text. */
  readonly text: string;
  /** `origin[i]` is the index in the original string of normalised character `i`; `origin[text.length]` is the end. */
  readonly origin: Uint32Array;
}

/** Removed outright: zero-width space/joiners, word joiner, BOM, soft hyphen, and similar invisible marks. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/;
/**
 * Trade mark signs, which NFKC would spell out as letters ("Hikvision™" as "hikvisiontm", hiding the name): dropped
 * like the invisible marks. ("®" and "©" are symbols already and stay.)
 */
const TRADE_MARKS = /[\u2120\u2122]/;
/** Every dash, hyphen and minus that people (or word processors) put in model numbers. */
const DASHES = /[\u2010-\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D\u058A\u05BE\u1400\u1806\u2E17\u30A0]/;
const WHITESPACE = /\s/;

/** Pages repeat the same few non-ASCII characters ("£", "·", "é"): fold each once (bounded for hostile pages). */
const folded = new Map<string, string>();

function foldCharacter(char: string): string {
  const known = folded.get(char);
  if (known !== undefined) return known;
  const result = foldUncached(char);
  if (folded.size > 4096) folded.clear();
  folded.set(char, result);
  return result;
}

function foldUncached(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x80) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : char;
  if (INVISIBLE.test(char) || TRADE_MARKS.test(char)) return '';
  if (DASHES.test(char)) return '-';
  if (WHITESPACE.test(char)) return ' ';
  const folded = char.normalize('NFKC').toLowerCase();
  // NFKC can itself produce a dash variant or whitespace (e.g. full-width forms).
  return folded.length === 1 && DASHES.test(folded) ? '-' : folded;
}

/**
 * One pass. Runs of plain ASCII (almost all shop and tender text, even on pages with a "£" or an accent) are
 * copied as slices of the lower-cased input; only whitespace runs and non-ASCII characters are handled one by one.
 */
let scratch = new Uint32Array(4096);

export function normalise(input: string): NormalisedText {
  const lower = input.toLowerCase();
  // toLowerCase keeps the length for everything but a few letters (e.g. "İ"); those inputs take the slow path.
  const fast = lower.length === input.length;
  // One scratch buffer for every call (the result gets its own exact-size copy): no big allocation per block.
  if (scratch.length < input.length * 3 + 5)
    scratch = new Uint32Array(Math.max(input.length * 3 + 5, scratch.length * 2));
  const origin = scratch;
  let text = '';
  let length = 0;
  let runStart = 0;
  let lastWasSpace = true; // drops leading whitespace
  const flush = (end: number) => {
    if (end > runStart) {
      text += lower.slice(runStart, end);
      for (let k = runStart; k < end; k++) origin[length++] = k;
    }
  };
  const emit = (piece: string, index: number) => {
    for (let k = 0; k < piece.length; k++) {
      const char = piece[k]!;
      const space = char === ' ' || WHITESPACE.test(char);
      if (space && lastWasSpace) continue;
      lastWasSpace = space;
      text += space ? ' ' : char;
      if (length < origin.length) origin[length++] = index;
    }
  };
  for (let index = 0; index < input.length; ) {
    const code = input.charCodeAt(index);
    const plain = fast && code < 0x80 && code > 32;
    if (plain) {
      lastWasSpace = false;
      index++;
      continue;
    }
    flush(index);
    if (code === 32 && !lastWasSpace) {
      // An ordinary single space stays part of the run.
      lastWasSpace = true;
      runStart = index;
      index++;
      continue;
    }
    const width = code >= 0xd800 && code <= 0xdbff && index + 1 < input.length ? 2 : 1;
    emit(
      code < 0x80 ? (code <= 32 ? ' ' : input[index]!.toLowerCase()) : foldCharacter(input.slice(index, index + width)),
      index,
    );
    index += width;
    runStart = index;
  }
  flush(input.length);
  const map = new Uint32Array(text.length + 1);
  map.set(origin.subarray(0, text.length));
  map[text.length] = input.length;
  return { text, origin: map };
}

/**
 * For a character of `lower` (`input.toLowerCase()`) beyond ASCII: whether normalisation leaves it as lower-casing
 * did. C1 controls and surrogate pairs (NFKC folds many astral letters and digits: "𝟻" is "5") never are.
 */
export function isNormalBeyondAscii(input: string, lower: string, index: number): boolean {
  const code = lower.charCodeAt(index);
  if (code < 0xa0 || (code >= 0xd800 && code <= 0xdfff)) return false;
  return foldCharacter(input[index]!) === lower[index];
}

/** Text that normalisation leaves as it is (but for case): the offset map is the identity, built only if asked. */
export class Unchanged implements NormalisedText {
  private map: Uint32Array | undefined;
  constructor(readonly text: string) {}

  get origin(): Uint32Array {
    if (!this.map) {
      this.map = new Uint32Array(this.text.length + 1);
      for (let k = 0; k <= this.text.length; k++) this.map[k] = k;
    }
    return this.map;
  }
}

/** Normalises a watchlist term the same way as page text (no offset map needed). */
export function normaliseTerm(term: string): string {
  // Printable ASCII (most names and codes) needs no offset map: a much cheaper path keeps engine start-up fast.
  if (PRINTABLE_ASCII.test(term)) return term.toLowerCase().replace(/\s+/g, ' ').trim();
  return normalise(term).text.trim();
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Letters and digits in any script: a word character for boundary checks. */
export function isWordChar(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  // ASCII (nearly every call) without a Unicode RegExp.
  if (code < 0x80) return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  return WORD_CHAR.test(char);
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Han, Hiragana, Katakana and Hangul need no word boundaries: those scripts do not separate words with spaces. */
export function isCjk(char: string | undefined): boolean {
  return char !== undefined && /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(char);
}
