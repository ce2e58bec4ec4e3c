/**
 * Aho-Corasick automaton: finds every occurrence of every pattern in one left-to-right pass, so the cost grows
 * with the text, not with text x number of patterns. (One RegExp alternation of thousands of words runs at
 * kilobytes per second in V8; see research/engineering-anchors.md.)
 */

export interface AutomatonMatch {
  /** Index of the pattern (in the order given to the constructor). */
  pattern: number;
  /** Inclusive start and exclusive end in the searched text. */
  start: number;
  end: number;
}

export class AhoCorasick {
  private readonly next: Array<Map<string, number>> = [new Map()];
  private readonly fail: number[] = [0];
  /** Patterns ending at each state, including those reached through failure links. */
  private readonly output: number[][] = [[]];
  private readonly lengths: number[];

  constructor(patterns: readonly string[]) {
    this.lengths = patterns.map((p) => p.length);
    patterns.forEach((pattern, index) => {
      if (pattern.length === 0) return;
      let state = 0;
      for (const char of pattern) {
        let target = this.next[state]!.get(char);
        if (target === undefined) {
          target = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.output.push([]);
          this.next[state]!.set(char, target);
        }
        state = target;
      }
      this.output[state]!.push(index);
    });
    this.buildFailureLinks();
  }

  private buildFailureLinks(): void {
    const queue: number[] = [];
    for (const child of this.next[0]!.values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      for (const [char, child] of this.next[state]!) {
        queue.push(child);
        let fallback = this.fail[state]!;
        while (fallback !== 0 && !this.next[fallback]!.has(char)) fallback = this.fail[fallback]!;
        const target = this.next[fallback]!.get(char);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        this.output[child]!.push(...this.output[this.fail[child]!]!);
      }
    }
  }

  /** All matches, in order of their end position. Indices are UTF-16 offsets into `text`. */
  search(text: string): AutomatonMatch[] {
    const matches: AutomatonMatch[] = [];
    let state = 0;
    for (let index = 0; index < text.length; ) {
      const code = text.codePointAt(index)!;
      const char = String.fromCodePoint(code);
      index += char.length;
      while (state !== 0 && !this.next[state]!.has(char)) state = this.fail[state]!;
      state = this.next[state]!.get(char) ?? 0;
      for (const pattern of this.output[state]!) {
        matches.push({ pattern, start: index - this.lengths[pattern]!, end: index });
      }
    }
    return matches;
  }
}
