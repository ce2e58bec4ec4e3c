/**
 * Products named in words and numbers rather than one code ("DJI Matrice 30T", "Phantom 4 RTK", "Autel EVO Max 4T"):
 * the code-token pass cuts them apart at the spaces, so such a rule names its product-line words (`lines`), the name
 * automaton meets those words on its one pass over the text, and only there is the rule's pattern tried, anchored at
 * the word and ending at a word boundary. Text without a line word costs nothing more.
 */
import type { ModelRule, Watchlist } from '../watchlist/schema';
import { isCjk, isWordChar, normaliseTerm } from './normalise';
import { squeeze } from './terms';

interface LineRule {
  rule: ModelRule;
  vendorIndex: number;
  /** Sticky, so it is tried at the line word only. */
  regex: RegExp | null;
}

interface LineWord {
  /** Normalised and squeezed, as the automaton meets it. */
  key: string;
  rules: LineRule[];
}

const compile = (pattern: string): RegExp | null => {
  try {
    // The lookahead lets the pattern back off to a shorter name rather than end inside a word.
    return new RegExp(`(?:${pattern})(?![a-z0-9])`, 'iy');
  } catch {
    return null;
  }
};

export function buildLineWords(list: Watchlist): LineWord[] {
  const byKey = new Map<string, LineRule[]>();
  list.vendors.forEach((vendor, vendorIndex) => {
    for (const rule of vendor.models) {
      const regex = rule.lines ? compile(rule.pattern) : null;
      for (const line of rule.lines ?? []) {
        const key = squeeze(normaliseTerm(line));
        if (key.length < 3) continue;
        const rules = byKey.get(key) ?? [];
        rules.push({ rule, vendorIndex, regex });
        byKey.set(key, rules);
      }
    }
  });
  return [...byKey].map(([key, rules]) => ({ key, rules }));
}

/** The longest product name a line word's rules find starting at `start` in normalised `text`. */
export function productAt(
  text: string,
  start: number,
  word: LineWord,
): { compiled: LineRule; start: number; end: number } | undefined {
  // A line word must start a word: "Phantom" in "Phantom 4", not in "xphantom 4".
  const before = text[start - 1];
  if (isWordChar(before) && !isCjk(before)) return undefined;
  let best: { compiled: LineRule; start: number; end: number } | undefined;
  for (const compiled of word.rules) {
    if (!compiled.regex) continue;
    compiled.regex.lastIndex = start;
    const found = compiled.regex.exec(text);
    if (!found) continue;
    const end = start + found[0].length;
    if (!best || end > best.end) best = { compiled, start, end };
  }
  return best;
}
