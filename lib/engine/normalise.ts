/**
 * Normalisation that survives real markup: Unicode NFKC (full-width Latin, ligatures, compatibility forms),
 * case folding, every dash and hyphen variant to '-', zero-width characters and soft hyphens removed, all
 * whitespace (incl. non-breaking) collapsed to one space. Keeps a map from each normalised index back to the
 * original string, so findings point at the text exactly as the page shows it.
 */

export interface NormalisedText {
  /** The normalised text. */
  text: string;
  /** `origin[i]` is the index in the original string of normalised character `i`; `origin[text.length]` is the end. */
  origin: Uint32Array;
}

/** Removed outright: zero-width space/joiners, word joiner, BOM, soft hyphen, and similar invisible marks. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/;
/** Every dash, hyphen and minus that people (or word processors) put in model numbers. */
const DASHES = /[\u2010-\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D\u058A\u05BE\u1400\u1806\u2E17\u30A0]/;
const WHITESPACE = /\s/;

function foldCharacter(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x80) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : char;
  if (INVISIBLE.test(char)) return '';
  if (DASHES.test(char)) return '-';
  if (WHITESPACE.test(char)) return ' ';
  const folded = char.normalize('NFKC').toLowerCase();
  // NFKC can itself produce a dash variant or whitespace (e.g. full-width forms).
  return folded.length === 1 && DASHES.test(folded) ? '-' : folded;
}

export function normalise(input: string): NormalisedText {
  const out: string[] = [];
  const origin: number[] = [];
  let lastWasSpace = true; // drops leading whitespace
  for (let index = 0; index < input.length; ) {
    const code = input.codePointAt(index)!;
    const width = code > 0xffff ? 2 : 1;
    const folded = foldCharacter(input.slice(index, index + width));
    for (const char of folded) {
      if (char === ' ' || WHITESPACE.test(char)) {
        if (lastWasSpace) continue;
        lastWasSpace = true;
        out.push(' ');
      } else {
        lastWasSpace = false;
        out.push(char);
      }
      origin.push(index);
    }
    index += width;
  }
  const text = out.join('');
  const map = new Uint32Array(text.length + 1);
  // `out` may hold surrogate pairs as single entries; rebuild the map per UTF-16 unit.
  let unit = 0;
  for (let i = 0; i < out.length; i++) {
    for (let k = 0; k < out[i]!.length; k++) map[unit++] = origin[i]!;
  }
  map[text.length] = input.length;
  return { text, origin: map };
}

/** Normalises a watchlist term the same way as page text (no offset map needed). */
export function normaliseTerm(term: string): string {
  return normalise(term).text.trim();
}

/** Letters and digits in any script: a word character for boundary checks. */
export function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

/** Han, Hiragana, Katakana and Hangul need no word boundaries: those scripts do not separate words with spaces. */
export function isCjk(char: string | undefined): boolean {
  return char !== undefined && /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(char);
}
