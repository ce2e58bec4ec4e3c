/**
 * Overlap checks that stay linear (or n log n) in the number of hits per block. A page that repeats a vendor name
 * thousands of times in one block must not cost hits x hits: every check here is O(log n) or amortised O(1).
 */

export interface Span {
  start: number;
  end: number;
}

/**
 * A growing set of disjoint spans over positions 0..size, answering "does [start, end) touch any of them?" in
 * O(log size). Positions are counted in a Fenwick tree; since the spans never overlap, marking them costs at most
 * `size` updates in total.
 */
export class Occupancy {
  private readonly tree: Int32Array;

  constructor(private readonly size: number) {
    this.tree = new Int32Array(size + 1);
  }

  /** Number of occupied positions before `index`. */
  private prefix(index: number): number {
    let sum = 0;
    for (let i = Math.min(index, this.size); i > 0; i -= i & -i) sum += this.tree[i]!;
    return sum;
  }

  overlaps(start: number, end: number): boolean {
    return end > start && this.prefix(end) - this.prefix(start) > 0;
  }

  /** Marks [start, end); the caller guarantees it overlaps nothing already added. */
  add(start: number, end: number): void {
    for (let position = start; position < end && position < this.size; position++) {
      for (let i = position + 1; i <= this.size; i += i & -i) this.tree[i]!++;
    }
  }
}

/**
 * Sweeps spans sorted by start against `blockers`, which are sorted by start and pairwise disjoint (so their ends
 * are sorted too). Returns a predicate to be called with spans in non-decreasing start order; each call is
 * amortised O(1).
 */
export function overlapSweep(blockers: readonly Span[]): (start: number, end: number) => boolean {
  let next = 0;
  return (start, end) => {
    while (next < blockers.length && blockers[next]!.end <= start) next++;
    const blocker = blockers[next];
    return blocker !== undefined && blocker.start < end;
  };
}

/** Merges two lists sorted by start into one (stable: `a` first on ties). */
export function mergeByStart<T extends Span>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(b[j]!.start < a[i]!.start ? b[j++]! : a[i++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}
