/**
 * The negative lexicon (data/lexicon/*.txt): dictionary words, company and brand names, surnames, from public
 * sources named in each file's header. The extension never ships it: the build keeps only the words fuzzy matching
 * would take for a listed name (`fuzzyExclusions` in the watchlist), so the runtime cost is a few hundred words.
 */
import { FuzzyIndex } from '../../lib/engine/fuzzy';
import { normaliseTerm } from '../../lib/engine/normalise';
import { buildTerms } from '../../lib/engine/terms';
import type { Watchlist } from '../../lib/watchlist/schema';

export interface LexiconFile {
  file: string;
  text: string;
}

/** The entries of one lexicon file: every line but the `#` header and blank lines. */
export function lexiconEntries(text: string): string[] {
  return text.split('\n').filter((line) => line.length > 0 && !line.startsWith('#'));
}

/** The header of a lexicon file must say where it comes from and how many entries it holds. */
export function lexiconHeaderProblem(file: LexiconFile): string | undefined {
  const header = file.text.split('\n').filter((line) => line.startsWith('#'));
  if (!header.some((line) => /^# origin: \S/.test(line))) return 'needs a "# origin: ..." header line';
  const count = header.map((line) => line.match(/^# entries: (\d+)$/)).find(Boolean);
  if (!count) return 'needs a "# entries: N" header line';
  const actual = lexiconEntries(file.text).length;
  if (Number(count[1]) !== actual) return `header says ${count[1]} entries, the file has ${actual}`;
  return undefined;
}

/** The words of an entry as the engine's candidate pass sees them: normalised, split at anything not [a-z0-9]. */
function entryWords(entry: string): string[] {
  // Most entries are dictionary words already as the candidate pass sees them.
  if (/^[a-z]{5,}$/.test(entry)) return [entry];
  return normaliseTerm(entry)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 5 && /^[a-z]/.test(word));
}

/** Every lexicon word that fuzzy matching over `list` would take for a listed name, sorted. */
export function fuzzyExclusions(list: Watchlist, files: readonly LexiconFile[]): string[] {
  const fuzzy = new FuzzyIndex(buildTerms(list));
  const near = new Set<string>();
  const seen = new Set<string>();
  for (const file of files) {
    for (const entry of lexiconEntries(file.text)) {
      for (const word of entryWords(entry)) {
        if (!fuzzy.mayConfirm(word.charCodeAt(0), word.length) || seen.has(word)) continue;
        seen.add(word);
        if (fuzzy.confirm(word)) near.add(word);
      }
    }
  }
  return [...near].sort();
}
