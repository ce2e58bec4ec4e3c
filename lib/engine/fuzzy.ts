/**
 * Fuzzy confirmation for the slips sellers make in a vendor's name ("Hikvison", "HlKVISION", "Huawie",
 * "Quectell"), and for nothing else: a misspelling that is really another word or another company's name would be
 * a wrong accusation, the worst bug this product can have.
 *
 * A word is taken for a name only when it is one slip from it, the slips allowed growing with the name's length:
 * - under 6 letters: none (Dahua, EZVIZ, Lorex: too many real words and surnames are one letter away);
 * - 6 or 7 letters: one look-alike (l/i/1, o/0, rn/m ...), one swap of neighbours, or one doubled or undoubled letter;
 * - 8 letters or more: one substitution, insertion, deletion or swap, and up to two slips if the others are look-alikes.
 * The first letter must be right. Words of the negative lexicon (data/lexicon: dictionary words, company names,
 * surnames) that are one slip from a name come with the watchlist (`fuzzyExclusions`, computed at build time) and are
 * never taken for it. Only the few words that survive a cheap pre-filter (first letter and length, from a table, in
 * the candidate pass) are ever compared.
 */
import type { Term } from './terms';

/** Below this many characters a one-letter slip is too likely to be another word. */
const MIN_FUZZY_LENGTH = 6;
/** From this many characters a name admits any one edit, not only the mild ones. */
const ANY_EDIT_LENGTH = 8;

/** Characters people (and OCR, and sellers dodging filters) put in place of one another. */
const LOOK_ALIKE_PAIRS = ['il', 'i1', 'l1', 'lj', 'o0', 's5', 'z2', 'b8', 'e3', 'g9', 'a4', 't7'];
const LOOK_ALIKE = new Set(LOOK_ALIKE_PAIRS.flatMap((p) => [p, `${p[1]}${p[0]}`]));
/** Two characters that read as one: "rn" for "m", "vv" for "w", "cl" for "d". */
const LOOK_ALIKE_DIGRAPHS: Record<string, string> = { m: 'rn', w: 'vv', d: 'cl' };

/** Costs in one number, so one dynamic programme counts three kinds of slip: hard edits, mild edits, look-alikes. */
const LOOK = 1;
const MILD = 16;
const HARD = 256;

interface Resemblance {
  /** Slips of each kind between the word and the name. */
  hard: number;
  mild: number;
  lookAlike: number;
}

/**
 * The fewest slips turning `key` (a name) into `word`: hard edits (substitution, insertion, deletion), mild edits
 * (swapped neighbours, a doubled or undoubled letter) and look-alikes. Undefined when more than two slips apart.
 */
export function resemblance(word: string, key: string): Resemblance | undefined {
  const n = key.length;
  const m = word.length;
  if (Math.abs(n - m) > 2 || n > 32 || m > 32) return undefined;
  const width = m + 1;
  const cost = SCRATCH;
  for (let j = 0; j <= m; j++) cost[j] = j * HARD;
  for (let i = 1; i <= n; i++) {
    cost[i * width] = i * HARD;
    let rowBest = cost[i * width]!;
    for (let j = 1; j <= m; j++) {
      // Cells more than two apart from the diagonal need more than two slips.
      if (j < i - 2 || j > i + 2) {
        cost[i * width + j] = TOO_FAR;
        continue;
      }
      const a = key[i - 1]!;
      const b = word[j - 1]!;
      let best = cost[(i - 1) * width + j - 1]! + (a === b ? 0 : LOOK_ALIKE.has(a + b) ? LOOK : HARD);
      // Deleting a letter of the name: mild only when it undoubles one ("Hikvison" is hard).
      best = Math.min(best, cost[(i - 1) * width + j]! + (i >= 2 && key[i - 2] === a ? MILD : HARD));
      // Inserting a letter into the name: mild only when it doubles one ("Quectell").
      best = Math.min(best, cost[i * width + j - 1]! + (j >= 2 && word[j - 2] === b ? MILD : HARD));
      if (i >= 2 && j >= 2 && a === word[j - 2] && key[i - 2] === b && a !== b) {
        best = Math.min(best, cost[(i - 2) * width + j - 2]! + MILD);
      }
      const digraph = LOOK_ALIKE_DIGRAPHS[a];
      if (digraph && j >= 2 && word[j - 2] === digraph[0] && b === digraph[1]) {
        best = Math.min(best, cost[(i - 1) * width + j - 2]! + LOOK);
      }
      const single = i >= 2 ? DIGRAPH_OF[a + key[i - 2]!] : undefined;
      if (single && b === single) best = Math.min(best, cost[(i - 2) * width + j - 1]! + LOOK);
      cost[i * width + j] = best;
      if (best < rowBest) rowBest = best;
    }
    // Every path through this row already costs more than any acceptable pair of slips.
    if (rowBest > MAX_ACCEPTABLE) return undefined;
  }
  const total = cost[n * width + m]!;
  const result = { hard: Math.floor(total / HARD), mild: Math.floor((total % HARD) / MILD), lookAlike: total % MILD };
  return result.hard + result.mild + result.lookAlike > 2 ? undefined : result;
}

/** One buffer for every comparison (words and names are at most 32 characters). */
const SCRATCH = new Uint32Array(34 * 34);
const TOO_FAR = 1 << 20;
/** The most a pair of slips `acceptable` takes can cost: one hard edit and one look-alike. */
const MAX_ACCEPTABLE = HARD + LOOK;

/** "rn" (read backwards as the programme meets it: "nr") -> "m", and so on. */
const DIGRAPH_OF: Record<string, string> = Object.fromEntries(
  Object.entries(LOOK_ALIKE_DIGRAPHS).map(([single, pair]) => [`${pair[1]}${pair[0]}`, single]),
);

/** Whether `slips` are few and mild enough for a name of `length` letters (see the rules at the top). */
function acceptable(slips: Resemblance, length: number): boolean {
  const { hard, mild, lookAlike } = slips;
  const total = hard + mild + lookAlike;
  if (total === 0 || length < MIN_FUZZY_LENGTH) return false;
  if (length < ANY_EDIT_LENGTH) return hard === 0 && total === 1;
  return hard + mild <= 1 && total <= 2;
}

/** The slips between a word and a name, if fuzzy matching would take the word for the name. */
export function misspelling(word: string, key: string): Resemblance | undefined {
  if (word[0] !== key[0]) return undefined;
  const slips = resemblance(word, key);
  return slips && acceptable(slips, key.length) ? slips : undefined;
}

interface Candidate {
  term: Term;
}

interface FuzzyMatch {
  term: Term;
  /** 0 = one look-alike ... 1 = nothing alike; what the confidence is derived from. */
  score: number;
}

export class FuzzyIndex {
  private readonly byInitial = new Map<string, Candidate[]>();
  /** Pages repeat words; remember each word's verdict (bounded so a hostile page cannot grow it forever). */
  private readonly cache = new Map<string, FuzzyMatch | null>();
  /**
   * Word lengths worth a look, by first letter: `lengths[(letter - 97) * 33 + n]` is set when some term starting with
   * that letter is within two characters of length `n` (at most 32). Everything `confirm` would turn away on first
   * letter and length alone is turned away here, without building the word.
   */
  private readonly lengths = new Uint8Array(26 * 33);

  /** `exclusions`: words that are never a misspelling (the watchlist's `fuzzyExclusions`). */
  constructor(
    terms: readonly Term[],
    private readonly exclusions: ReadonlySet<string> = new Set(),
  ) {
    for (const term of terms) {
      // Only single Latin words long enough to tell a slip from another word.
      if (term.cjkStart || term.otherCompany || term.key.length < MIN_FUZZY_LENGTH || !/^[a-z]+$/.test(term.key))
        continue;
      const list = this.byInitial.get(term.key[0]!) ?? [];
      list.push({ term });
      this.byInitial.set(term.key[0]!, list);
      const row = (term.key.charCodeAt(0) - 97) * 33;
      for (let length = term.key.length - 2; length <= Math.min(32, term.key.length + 2); length++) {
        this.lengths[row + length] = 1;
      }
    }
  }

  /** Whether `confirm` could accept a word of `length` characters starting with char code `first`. */
  mayConfirm(first: number, length: number): boolean {
    return (
      first >= 97 &&
      first <= 122 &&
      length >= MIN_FUZZY_LENGTH - 1 &&
      length <= 32 &&
      this.lengths[(first - 97) * 33 + length] === 1
    );
  }

  /** The term `word` is a likely misspelling of; undefined if none. */
  confirm(word: string): FuzzyMatch | undefined {
    if (word.length < MIN_FUZZY_LENGTH - 1 || word.length > 32) return undefined;
    const known = this.cache.get(word);
    if (known !== undefined) return known ?? undefined;
    const result = this.exclusions.has(word) ? undefined : this.lookup(word);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(word, result ?? null);
    return result;
  }

  private lookup(word: string): FuzzyMatch | undefined {
    let best: FuzzyMatch | undefined;
    for (const { term } of this.byInitial.get(word[0]!) ?? []) {
      if (Math.abs(term.key.length - word.length) > 2) continue;
      const slips = misspelling(word, term.key);
      if (!slips) continue;
      const score = (slips.hard * 3 + slips.mild * 2 + slips.lookAlike) / (2 * term.key.length);
      // A word one slip from two names is not a misspelling of either.
      if (best && best.term.vendorIndex !== term.vendorIndex) return undefined;
      if (!best || score < best.score) best = { term, score };
    }
    return best;
  }
}
