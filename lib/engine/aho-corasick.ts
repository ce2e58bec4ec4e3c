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
  private readonly next: Array<Map<number, number>> = [new Map()];
  private readonly fail: number[] = [0];
  /** Patterns ending at each state, including those reached through failure links. */
  private readonly output: number[][] = [[]];
  private readonly lengths: number[];

  constructor(patterns: readonly string[]) {
    this.lengths = patterns.map((p) => p.length);
    patterns.forEach((pattern, index) => {
      if (pattern.length === 0) return;
      let state = 0;
      // UTF-16 units: astral characters become two steps, consistently for patterns and text.
      for (let i = 0; i < pattern.length; i++) {
        const char = pattern.charCodeAt(i);
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
    const next = this.next;
    for (let index = 0; index < text.length; index++) {
      const char = text.charCodeAt(index);
      let target = next[state]!.get(char);
      while (target === undefined && state !== 0) {
        state = this.fail[state]!;
        target = next[state]!.get(char);
      }
      state = target ?? 0;
      const output = this.output[state]!;
      for (let k = 0; k < output.length; k++) {
        const pattern = output[k]!;
        matches.push({ pattern, start: index + 1 - this.lengths[pattern]!, end: index + 1 });
      }
    }
    return matches;
  }
}
