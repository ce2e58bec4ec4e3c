/**
 * Model-number rules, bucketed by the first two characters of their example codes. The candidate pass cuts the
 * page text into code-like tokens (letters and digits joined by '-', '/' or '+': "ds-2cd2143g2-i", "ipc-t289h-mu/sl",
 * "rm500q-gl"); each token is tested only against the rules in its bucket, never against every rule (and never
 * through one giant alternation).
 */
import type { ModelRule, Watchlist } from '../watchlist/schema';
import { normaliseTerm } from './normalise';

interface CompiledRule {
  rule: ModelRule;
  vendorIndex: number;
  /** Compiled on first use: most rules never meet a token in their bucket on a given page; null: does not compile. */
  regex?: RegExp | null;
}

/** A code-like token found by the candidate pass (candidates.ts). */
export interface CodeToken {
  /** Normalised token text (lower case). */
  text: string;
  start: number;
  end: number;
}

const bucketKey = (code: string) => code.slice(0, 2);

/**
 * A rule's anchored RegExp, or null when its pattern does not compile (an own entry stored without the options
 * page's checks): that rule never matches, and every other rule and the rest of the block still do.
 */
function compile(pattern: string): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern})$`, 'i');
  } catch {
    return null;
  }
}

export class ModelIndex {
  private readonly buckets = new Map<string, CompiledRule[]>();

  constructor(list: Watchlist) {
    list.vendors.forEach((vendor, vendorIndex) => {
      for (const rule of vendor.models) {
        // Product names in words ("Matrice 30T") are met by the name automaton (see lines.ts), not as code tokens.
        if (rule.lines) continue;
        const compiled: CompiledRule = { rule, vendorIndex };
        const keys = new Set(rule.examples.map((example) => bucketKey(normaliseTerm(example))));
        for (const key of keys) {
          const bucket = this.buckets.get(key) ?? [];
          bucket.push(compiled);
          this.buckets.set(key, bucket);
          const first = key.charCodeAt(0);
          const second = key.length > 1 ? key.charCodeAt(1) : 128;
          if (key.length > 0 && first < 128 && second <= 128) this.keys[first * 129 + second] = 1;
        }
      }
    });
  }

  /**
   * Bucket keys by character codes: `keys[first * 129 + second]`, `second` 128 for a one-character key. Tokens are
   * ASCII, so a key with any other character can never be met and is left out.
   */
  private readonly keys = new Uint8Array(128 * 129);

  /**
   * Whether the token `text.slice(start, end)` (as the candidate pass cuts it), or one of its tails after a '-' or '/', starts
   * with a bucket's key: the candidate pass's filter, without building a string.
   */
  mayMatch(text: string, start: number, end: number): boolean {
    for (let tail = start; tail < end; tail++) {
      if (tail > start) {
        const before = text.charCodeAt(tail - 1);
        if (before !== 45 && before !== 47) continue;
      }
      const second = tail + 1 < end ? text.charCodeAt(tail + 1) : 128;
      if (this.keys[text.charCodeAt(tail) * 129 + second]) return true;
    }
    return false;
  }

  get size(): number {
    return this.buckets.size;
  }

  /**
   * The codes in a token: the first rule matching the token, or one of its tails after a '-' or '/' ("dhi-nvr4208-8p"
   * is tried as itself and as "nvr4208-8p", "8p"), with the matched span. A token that lists two whole codes of one
   * maker ("e3372h-153/e3372s-153") gives both; a tail that is only a variant ("ds-2cd2387g2p-lsu/sl",
   * "ds-7608ni-k2/8p") stays part of its code.
   */
  match(token: CodeToken): Array<{ compiled: CompiledRule; start: number; end: number }> {
    // Pages repeat the same codes and non-codes ("1080p", "4k", "2mp"): remember each token's answer.
    let known = this.cache.get(token.text);
    if (known === undefined) {
      known = this.codesIn(token.text);
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(token.text, known);
    }
    return known.map((code) => ({
      compiled: code.compiled,
      start: token.start + code.offset,
      end: token.start + code.offset + code.length,
    }));
  }

  private readonly cache = new Map<string, ReadonlyArray<{ compiled: CompiledRule; offset: number; length: number }>>();

  private codesIn(text: string): Array<{ compiled: CompiledRule; offset: number; length: number }> {
    const listed = text.includes('/') ? this.listOfCodes(text) : undefined;
    if (listed) return listed;
    const found = this.matchText(text);
    if (!found) return this.headOfNumberList(text);
    const { compiled, offset } = found;
    // Split at a '/' when what follows is itself a whole code of the same maker and what precedes it still is one.
    for (let slash = text.indexOf('/', offset); slash > offset; slash = text.indexOf('/', slash + 1)) {
      const tail = text.slice(slash + 1);
      const next = this.wholeCode(tail);
      if (!next || next.vendorIndex !== compiled.vendorIndex || tail.length < 4) continue;
      const head = this.wholeCode(text.slice(offset, slash));
      if (head?.vendorIndex !== compiled.vendorIndex) continue;
      const rest = this.codesIn(tail).map((code) => ({ ...code, offset: code.offset + slash + 1 }));
      if (rest[0]?.offset !== slash + 1) continue;
      return [{ compiled: head, offset, length: slash - offset }, ...rest];
    }
    return [{ compiled, offset, length: text.length - offset }];
  }

  /**
   * "mf110/mf627/mf636/mf190", "e3372/e3372h/e8372": a list of codes joined by '/', where a rule takes each part on its
   * own but none the whole token (ZTE's and Huawei's modem rules have no '/' variants, so only the last part matched).
   * Each part of at least four characters that is a code starts a code; a shorter part or one no rule takes ("8p", "sl",
   * "16p") is a variant of the code before it, kept with it when its rule takes the two together ("ds-7608ni-k2/8p").
   * A number right after a code, written without its letters ("mf190/mf627/628"), is that code shortened when
   * `shortened` says so. Undefined unless at least two parts are codes written out: one code with variants or
   * shortened numbers is left to the readings below. No part becomes a code by being in a list, only by a rule taking
   * it (with the letters put back); whether each needs its maker named is the engine's (index.ts, vouchedBySiblings).
   */
  private listOfCodes(text: string): Array<{ compiled: CompiledRule; offset: number; length: number }> | undefined {
    const codes: Array<{ compiled: CompiledRule; offset: number; length: number; end: number }> = [];
    // The last code written out whole with nothing after it yet, which a number after the slash may shorten.
    let head: { compiled: CompiledRule; text: string } | undefined;
    let whole = 0;
    for (let start = 0; start < text.length; ) {
      const slash = text.indexOf('/', start);
      const end = slash < 0 ? text.length : slash;
      const found = end - start >= 4 ? this.matchText(text.slice(start, end)) : undefined;
      const shortened = !found && head ? this.shortened(head.text, head.compiled, text.slice(start, end)) : undefined;
      if (found) {
        const offset = start + found.offset;
        codes.push({ compiled: found.compiled, offset, length: end - offset, end });
        head = { compiled: found.compiled, text: text.slice(offset, end) };
        whole++;
      } else if (shortened) codes.push({ compiled: shortened, offset: start, length: end - start, end });
      else if (codes.length > 0) {
        codes[codes.length - 1]!.end = end;
        head = undefined;
      }
      start = end + 1;
    }
    if (whole < 2) return undefined;
    return codes.map(({ compiled, offset, length, end }) => {
      if (end === offset + length) return { compiled, offset, length };
      const withVariants = this.wholeCode(text.slice(offset, end));
      return withVariants ? { compiled: withVariants, offset, length: end - offset } : { compiled, offset, length };
    });
  }

  /**
   * "em120/160", "mf627/628/636", "e1750/1752/1820": a code followed by other numbers of its family after slashes,
   * the letters in front left out, which no rule takes as a whole. The code before the first slash counts, and each
   * number after it is read with the head's letters put back ("628" as "mf628") when it has as many digits as the
   * head's and the code so made is taken by a rule of the head's maker, written alone; the span is the number as
   * written; the ends of a range after the slash ("mf627/628-636") likewise. Anything else after a slash (a date's
   * "06/2024", "1080", another maker's number) is no code. A code followed by short variants that its rule does not
   * write with a slash ("ma5800-x7/x15/x17": MA5800-X15 and -X17 chassis) counts as the code before the first slash.
   */
  private headOfNumberList(text: string): Array<{ compiled: CompiledRule; offset: number; length: number }> {
    const slash = text.indexOf('/');
    if (slash < 3) return [];
    const tail = text.slice(slash + 1);
    const numbers = /^[0-9]{2,4}[a-z]?(?:[-/][0-9]{2,4}[a-z]?)*$/.test(tail);
    // Or short variants after the code, which its rule does not write with a slash ("ma5800-x7/x15/x17").
    if (!numbers && !/^[0-9a-z+]{1,4}(?:\/[0-9a-z+]{1,4})*$/.test(tail)) return [];
    const head = this.matchText(text.slice(0, slash));
    if (!head) return [];
    const codes = [{ compiled: head.compiled, offset: head.offset, length: slash - head.offset }];
    if (!numbers) return codes;
    // Numbers joined by '/' or, as a range's ends, by '-' ("mf627/628-636").
    for (const number of tail.matchAll(/[0-9a-z]+/g)) {
      const compiled = this.shortened(text.slice(head.offset, slash), head.compiled, number[0]);
      if (compiled) codes.push({ compiled, offset: slash + 1 + number.index, length: number[0].length });
    }
    return codes;
  }

  /**
   * The rule taking `part` ("628", "520n") as the code `head` ("mf627", "rm500q": letters, a number of 2-4 digits, at
   * most one letter) would be with the same letters in front ("mf628"), when `part` is a number of as many digits and
   * that rule is of the head's maker; undefined otherwise.
   */
  private shortened(head: string, headRule: CompiledRule, part: string): CompiledRule | undefined {
    const shape = /^([a-z]{1,4}-?)([0-9]{2,4})[a-z]?$/.exec(head);
    if (!shape || !/^[0-9]{2,4}[a-z]?$/.test(part) || /^[0-9]+/.exec(part)?.[0].length !== shape[2]!.length)
      return undefined;
    const compiled = this.wholeCode(shape[1]! + part);
    return compiled?.vendorIndex === headRule.vendorIndex ? compiled : undefined;
  }

  /** The rule taking the whole of `text` as one code, from its first character. */
  private wholeCode(text: string): CompiledRule | undefined {
    for (const compiled of this.buckets.get(bucketKey(text)) ?? []) {
      compiled.regex ??= compile(compiled.rule.pattern);
      if (compiled.regex?.test(text)) return compiled;
    }
    return undefined;
  }

  private matchText(text: string): { compiled: CompiledRule; offset: number } | undefined {
    for (let offset = 0; offset < text.length; ) {
      const tail = text.slice(offset);
      const compiled = this.wholeCode(tail);
      if (compiled) return { compiled, offset };
      const next = tail.search(/[-/]/);
      if (next < 0) break;
      offset += next + 1;
    }
    return undefined;
  }
}
