/**
 * Model-number rules, bucketed by the first two characters of their example codes. The page text is cut into
 * code-like tokens in one pass; each token is tested only against the rules in its bucket, never against every
 * rule (and never through one giant alternation).
 */
import type { ModelRule, Watchlist } from '../watchlist/schema';
import { normaliseTerm } from './normalise';

export interface CompiledRule {
  rule: ModelRule;
  vendorIndex: number;
  /** Compiled on first use: most rules never meet a token in their bucket on a given page. */
  regex?: RegExp;
}

export interface CodeToken {
  /** Normalised token text (lower case). */
  text: string;
  start: number;
  end: number;
}

/** Letters/digits joined by '-', '/' or '+': "ds-2cd2143g2-i", "ipc-t289h-mu/sl", "rm500q-gl". */
const TOKEN = /[a-z0-9](?:[a-z0-9+]|[-/](?=[a-z0-9]))*/g;
const HAS_DIGIT = /[0-9]/;

export const bucketKey = (code: string) => code.slice(0, 2);

export class ModelIndex {
  private readonly buckets = new Map<string, CompiledRule[]>();

  constructor(list: Watchlist) {
    list.vendors.forEach((vendor, vendorIndex) => {
      for (const rule of vendor.models) {
        const compiled: CompiledRule = { rule, vendorIndex };
        const keys = new Set(rule.examples.map((example) => bucketKey(normaliseTerm(example))));
        for (const key of keys) {
          const bucket = this.buckets.get(key) ?? [];
          bucket.push(compiled);
          this.buckets.set(key, bucket);
        }
      }
    });
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Code-like tokens (at least one digit) in normalised text. */
  static tokens(normalised: string): CodeToken[] {
    const tokens: CodeToken[] = [];
    for (const match of normalised.matchAll(TOKEN)) {
      if (match[0].length >= 3 && HAS_DIGIT.test(match[0])) {
        tokens.push({ text: match[0], start: match.index, end: match.index + match[0].length });
      }
    }
    return tokens;
  }

  /**
   * The first rule matching the token, or one of its tails after a '-' or '/' ("dhi-nvr4208-8p" is tried as
   * itself and as "nvr4208-8p", "8p"), with the matched span.
   */
  match(token: CodeToken): { compiled: CompiledRule; start: number } | undefined {
    // Pages repeat the same codes and non-codes ("1080p", "4k", "2mp"): remember each token's answer.
    let known = this.cache.get(token.text);
    if (known === undefined) {
      known = this.matchText(token.text) ?? null;
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(token.text, known);
    }
    return known ? { compiled: known.compiled, start: token.start + known.offset } : undefined;
  }

  private readonly cache = new Map<string, { compiled: CompiledRule; offset: number } | null>();

  private matchText(text: string): { compiled: CompiledRule; offset: number } | undefined {
    for (let offset = 0; offset < text.length; ) {
      const tail = text.slice(offset);
      for (const compiled of this.buckets.get(bucketKey(tail)) ?? []) {
        compiled.regex ??= new RegExp(`^(?:${compiled.rule.pattern})$`, 'i');
        if (compiled.regex.test(tail)) return { compiled, offset };
      }
      const next = tail.search(/[-/]/);
      if (next < 0) break;
      offset += next + 1;
    }
    return undefined;
  }
}
