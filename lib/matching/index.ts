/**
 * Matching as a service for content scripts. The background builds one Matcher from the list in force and the
 * settings in effect; content scripts send it the text of the blocks they read and get back findings with their
 * warning views. The engine, the list and the schema code therefore load once per browser, in the extension's own
 * process, instead of on the main thread of every page. Pure: no browser APIs.
 */
import { type BlockContext, createEngine, type Finding } from '../engine/index';
import { buildWarningView, type WarningView } from '../present/warning-view';
import { runsOn, type Settings } from '../settings/index';
import type { Watchlist } from '../watchlist/schema';
import { type SparseMatches, unpackTexts } from './wire';

/** One finding in one block, with everything the inline warning shows. */
export interface BlockMatch {
  finding: Finding;
  view: WarningView;
}

export interface Matcher {
  readonly listVersion: number;
  /** Whether VendorWatch scans pages of this host (not paused, and among the listed sites if the user chose some). */
  runsOn(host: string): boolean;
  /**
   * Findings per text, in the same order as `texts`. `contexts` gives some texts their table context (by index);
   * `page` collects the vendors named anywhere on the page or document: this call's texts are added to it before
   * any is scanned, so a caller that keeps it (one per tab) lets a code meet a maker named in an earlier batch.
   */
  match(texts: readonly string[], options?: MatchOptions): BlockMatch[][];
  /** `match`, one text at a time (the page's names are all collected first), so a caller can pause between texts. */
  matchEach(texts: readonly string[], options?: MatchOptions): Generator<BlockMatch[]>;
}

export interface MatchOptions {
  contexts?: ReadonlyArray<readonly [index: number, context: BlockContext]>;
  page?: Set<string>;
}

export function createMatcher(list: Watchlist, settings: Settings): Matcher {
  const engine = createEngine(list, { sensitivity: settings.sensitivity });
  const build = (finding: Finding) =>
    buildWarningView(list, finding, settings.profile, settings.jurisdictions, settings.country);
  function* matchEach(texts: readonly string[], options: MatchOptions = {}): Generator<BlockMatch[]> {
    // A view is made from its finding apart from the finding's place in the text: the cards of a page that name the
    // same thing the same way share one view object (built once; the reply tables it once: view-table.ts).
    const views = new Map<string, WarningView>();
    const view = (finding: Finding) => {
      const { start: _start, end: _end, ...placeless } = finding;
      const key = JSON.stringify(placeless);
      let shared = views.get(key);
      if (!shared) {
        shared = build(finding);
        views.set(key, shared);
      }
      return shared;
    };
    const page = options.page ?? new Set<string>();
    // Names this batch uses as a place or person ("Dahua Yao Autonomous County"): the bare name is that too. Read
    // right after namedIn, from the engine's cache of it.
    const placeNames = new Set<string>();
    for (const text of texts) {
      for (const id of engine.namedIn(text)) page.add(id);
      for (const id of engine.namesAsPlaces(text)) placeNames.add(id);
    }
    const contexts = new Map(options.contexts ?? []);
    for (let index = 0; index < texts.length; index++) {
      yield engine
        .scanText(texts[index]!, { ...contexts.get(index), page, placeNames })
        .map((finding) => ({ finding, view: view(finding) }));
    }
  }
  return {
    listVersion: list.meta.version,
    runsOn: (host) => runsOn(settings, host),
    match: (texts, options) => [...matchEach(texts, options)],
    matchEach,
  };
}

/** How long matching runs before it lets the background answer other messages (other tabs, the popup). */
const MATCH_SLICE_MS = 8;

/**
 * Matches texts packed by `packTexts` and answers only for the blocks with findings, block by block, yielding to the event loop whenever a slice of `sliceMs` has run, so one page's
 * long message (or a slow own-entry rule) never holds up another tab's. `now` and `pause` are the clock and the
 * yield (tests pass their own).
 */
export async function matchPackedPaced(
  matcher: Matcher,
  packed: string,
  options?: MatchOptions,
  {
    sliceMs = MATCH_SLICE_MS,
    now = () => performance.now(),
    pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
  }: { sliceMs?: number; now?: () => number; pause?: () => Promise<void> } = {},
): Promise<SparseMatches<BlockMatch>> {
  const hits: SparseMatches<BlockMatch> = [];
  let sliceStart = now();
  let index = 0;
  for (const matches of matcher.matchEach(unpackTexts(packed), options)) {
    if (matches.length > 0) hits.push([index, matches]);
    index++;
    if (now() - sliceStart >= sliceMs) {
      await pause();
      sliceStart = now();
    }
  }
  return hits;
}
