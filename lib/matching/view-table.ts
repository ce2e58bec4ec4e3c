/**
 * The match-blocks reply without repetition. A page of 250 restricted cards names the same vendor and the same
 * measures 250 times; sending each finding with its whole warning view (every measure's texts) made the reply
 * ~4 MB, which the page's main thread deserialised and validated in 35–50 ms tasks (issue 17). Here each distinct
 * measure and each distinct view travel once per reply, and findings refer to them by index; the content script
 * puts the views back together (sharing the objects, which nothing mutates). Findings repeat too (the same vendor,
 * brand path, sources and measure ids for every card that names it): each distinct finding without its place in the
 * text travels once, and each hit is five numbers.
 */

import type { Finding } from '../engine/index';
import type { MeasureView, WarningView } from '../present/warning-view';
import type { BlockMatch } from './index';
import type { SparseMatches } from './wire';

/** A warning view with its measures as indexes into the reply's measure table. */
export type TabledView = Omit<WarningView, 'measures'> & { measures: number[] };

/** A finding without its place in the block's text: what cards naming the same thing the same way share. */
export type PlacelessFinding = Omit<Finding, 'start' | 'end'>;

/** One finding in a block: its reference, its finding's and view's indexes, and where it is in the text. */
export type TabledHit = [ref: number, finding: number, start: number, end: number, view: number];

interface TabledMatches {
  measures: MeasureView[];
  views: TabledView[];
  findings: PlacelessFinding[];
  /** [block index, hits][]. */
  hits: Array<[number, TabledHit[]]>;
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

/**
 * Each distinct view once, with each distinct measure once (a view's measures are indexes into `measures`): the
 * match reply, and the tab's record in session storage (lib/tab-record.ts).
 */
export function viewTable() {
  const measures = table<MeasureView>();
  const views = table<TabledView>();
  // The matcher shares one view object among the findings that differ only in place (lib/matching/index.ts): a view
  // object seen before is not written out and compared again (its measures are most of a reply's text).
  const seen = new Map<WarningView, number>();
  return {
    measures: measures.values,
    views: views.values,
    add(view: WarningView): number {
      let at = seen.get(view);
      if (at === undefined) {
        at = views.add({ ...view, measures: view.measures.map((measure) => measures.add(measure)) });
        seen.set(view, at);
      }
      return at;
    },
  };
}

/** The whole views of a table, one object per distinct view (what refers to the same index shares it). */
export function wholeViews(measures: readonly MeasureView[], views: readonly TabledView[]): WarningView[] {
  return views.map((view): WarningView => ({ ...view, measures: view.measures.map((m) => measures[m]!) }));
}

export function tableMatches(hits: Array<[number, Array<[number, BlockMatch]>]>): TabledMatches {
  const views = viewTable();
  const findings = table<PlacelessFinding>();
  const tabled = hits.map(([block, matches]): [number, TabledHit[]] => [
    block,
    matches.map(([ref, { finding, view }]): TabledHit => {
      const { start, end, ...placeless } = finding;
      return [ref, findings.add(placeless), start, end, views.add(view)];
    }),
  ]);
  return { measures: views.measures, views: views.views, findings: findings.values, hits: tabled };
}

/** The reply's findings with their whole views again, by block; indexes were checked by the reply's schema. */
export function untableMatches({
  measures,
  views,
  findings,
  hits,
}: TabledMatches): SparseMatches<BlockMatch & { ref: number }> {
  const whole = wholeViews(measures, views);
  return hits.map(([block, matches]) => [
    block,
    matches.map(([ref, finding, start, end, view]) => ({
      ref,
      finding: { ...findings[finding]!, start, end },
      view: whole[view]!,
    })),
  ]);
}
