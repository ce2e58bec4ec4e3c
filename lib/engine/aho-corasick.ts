/**
 * Aho-Corasick automaton: finds every occurrence of every pattern in one left-to-right pass, so the cost grows
 * with the text, not with text x number of patterns. The caller drives it through the cursor API below, in its own
 * loop over the text (candidates.ts), so one pass also does the other per-character work. (One RegExp alternation of thousands of words runs at
 * kilobytes per second in V8; see research/engineering-anchors.md.)
 *
 * The caller steps over ignorable characters (separators), so "Hik-Vision" meets "hikvision" without a squeezed
 * copy of the text; the automaton is told which they are so it can find where a match started.
 *
 * The hot loop is a lazy DFA over ASCII: each state visited gets a dense row of 128 transitions (failure links
 * already followed), built on first visit. Rows live in a bounded cache that is flushed when full, as RE2 does, so
 * a hostile page against a huge list cannot grow memory without bound. A row entry holds the target's row offset
 * (with bit 0 set when a pattern ends there) or, while the target has no row yet, -(target + 1).
 */

export interface AutomatonMatch {
  /** Index of the pattern (in the order given to the constructor). */
  pattern: number;
  /** Inclusive start and exclusive end in the searched text; ignorable characters inside count. */
  start: number;
  end: number;
}

/** At most 2,048 rows of 128 transitions (1 MB). Ordinary pages visit a few dozen states. */
const MAX_ROWS = 2048;

export class AhoCorasick {
  private readonly next: Array<Map<number, number>> = [new Map()];
  private readonly fail: number[] = [0];
  /** Patterns ending at each state, including those reached through failure links. */
  private readonly output: number[][] = [[]];
  private readonly lengths: number[];

  /** Room for every state's row, or for MAX_ROWS of them. */
  private readonly capacity: number;
  private readonly table: Int32Array;
  /** Offset of each state's row in `table`, or -1. */
  private rowOf = new Int32Array(0);
  /** The state each row belongs to, by row number (offset / 128). */
  private readonly stateOfRow: Int32Array;
  private rowCount = 0;
  /** Bumped by every flush, so a caller can tell its row offsets went stale. */
  private flushes = 0;

  /** `ignored(code)`: the characters the caller steps over; patterns must not contain them. */
  constructor(
    patterns: readonly string[],
    private readonly ignored: (code: number) => boolean,
  ) {
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
    this.capacity = Math.min(MAX_ROWS, this.next.length);
    this.table = new Int32Array(this.capacity * 128);
    this.stateOfRow = new Int32Array(this.capacity);
    this.flush();
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

  /**
   * The cursor API, for a caller's own loop over the text (the candidate pass does other work per character). A
   * position is a row offset, starting at `ROOT`. For an ASCII code, `table[row + code]` is the next entry; when it is
   * negative, or for any other code, ask `transition`. An entry's `& ~1` is the next row; `& 1` says some pattern
   * ends there, and `report` lists them. Characters the caller steps over must be the constructor's `ignored`.
   */
  static readonly ROOT = 0;

  /** The dense ASCII rows. Its identity never changes, so a loop may hold it. */
  get rows(): Int32Array {
    return this.table;
  }

  /** The entry after `code` in `row`, building what the dense table lacks. */
  transition(row: number, code: number): number {
    if (code < 128) {
      const entry = this.table[row + code]!;
      return entry >= 0 ? entry : this.resolve(row, code, -entry - 1);
    }
    return this.rowFor(this.follow(this.stateOfRow[row >> 7]!, code));
  }

  /** Appends the matches ending at `last` in `text`, where the search has reached `row` (an entry with bit 0 set). */
  report(row: number, text: string, last: number, matches: AutomatonMatch[]): void {
    for (const pattern of this.output[this.stateOfRow[row >> 7]!]!) {
      // Walk back over the pattern's characters, stepping over ignored ones.
      let start = last;
      for (let remaining = this.lengths[pattern]!; ; start--) {
        if (!this.ignored(text.charCodeAt(start)) && --remaining === 0) break;
      }
      matches.push({ pattern, start, end: last + 1 });
    }
  }

  /** A row entry whose target had no row yet: build it, and patch the entry unless that flushed the cache. */
  private resolve(row: number, code: number, target: number): number {
    const flushes = this.flushes;
    const entry = this.rowFor(target);
    if (this.flushes === flushes) this.table[row + code] = entry;
    return entry;
  }

  /** The encoded entry for `state`: its row offset (built now if need be), bit 0 set when a pattern ends there. */
  private rowFor(state: number): number {
    let offset = this.rowOf[state]!;
    if (offset < 0) offset = this.buildRow(state);
    return offset | (this.output[state]!.length > 0 ? 1 : 0);
  }

  private buildRow(state: number): number {
    if (this.rowCount === this.capacity) this.flush();
    if (this.rowOf[state]! >= 0) return this.rowOf[state]!; // the root, rebuilt by the flush
    const offset = this.rowCount * 128;
    this.stateOfRow[this.rowCount++] = state;
    this.rowOf[state] = offset;
    for (let code = 0; code < 128; code++) {
      const target = this.follow(state, code);
      const known = this.rowOf[target]!;
      this.table[offset + code] = known >= 0 ? known | (this.output[target]!.length > 0 ? 1 : 0) : -target - 1;
    }
    return offset;
  }

  /** Forgets every row but the root's. */
  private flush(): void {
    this.flushes++;
    this.rowOf = new Int32Array(this.next.length).fill(-1);
    this.rowCount = 0;
    this.buildRow(0);
  }

  /** The transition through the trie and failure links. */
  private follow(state: number, code: number): number {
    for (;;) {
      const target = this.next[state]!.get(code);
      if (target !== undefined) return target;
      if (state === 0) return 0;
      state = this.fail[state]!;
    }
  }
}
