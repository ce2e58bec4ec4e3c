/**
 * The match-blocks reply without repetition. A page of 250 restricted cards names the same vendor and the same
 * measures 250 times; sending each finding with its whole warning view (every measure's texts) made the reply
 * ~4 MB, which the page's main thread deserialised and validated in 35–50 ms tasks (issue 17). Here each distinct
 * measure and each distinct view travel once per reply, and findings refer to them by index; the content script
 * puts the views back together (sharing the objects, which nothing mutates).
 */

import type { Finding } from '../engine/index';
import type { MeasureView, WarningView } from '../present/warning-view';
import type { BlockMatch } from './index';
import type { SparseMatches } from './wire';

/** A warning view with its measures as indexes into the reply's measure table. */
export type TabledView = Omit<WarningView, 'measures'> & { measures: number[] };

interface TabledMatches {
  measures: MeasureView[];
  views: TabledView[];
  /** [block index, [reference, finding, view index][]]. */
  hits: Array<[number, Array<[number, Finding, number]>]>;
}

/** Keeps one copy of each value equal by JSON (all of them are plain data built by lib/present). */
function table<T>() {
  const index = new Map<string, number>();
  const values: T[] = [];
  return {
    values,
    add(value: T): number {
      const key = JSON.stringify(value);
      let at = index.get(key);
      if (at === undefined) {
        at = values.push(value) - 1;
        index.set(key, at);
      }
      return at;
    },
  };
}

export function tableMatches(hits: Array<[number, Array<[number, BlockMatch]>]>): TabledMatches {
  const measures = table<MeasureView>();
  const views = table<TabledView>();
  const tabled = hits.map(([block, matches]): [number, Array<[number, Finding, number]>] => [
    block,
    matches.map(([ref, { finding, view }]): [number, Finding, number] => [
      ref,
      finding,
      views.add({ ...view, measures: view.measures.map((measure) => measures.add(measure)) }),
    ]),
  ]);
  return { measures: measures.values, views: views.values, hits: tabled };
}

/** The reply's findings with their whole views again, by block; indexes were checked by the reply's schema. */
export function untableMatches({ measures, views, hits }: TabledMatches): SparseMatches<BlockMatch & { ref: number }> {
  const whole = views.map((view): WarningView => ({ ...view, measures: view.measures.map((m) => measures[m]!) }));
  return hits.map(([block, matches]) => [
    block,
    matches.map(([ref, finding, view]) => ({ ref, finding, view: whole[view]! })),
  ]);
}
