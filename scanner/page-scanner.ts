/**
 * Scans a document block by block, anchors one warning per vendor per block, and follows the page as it
 * changes (infinite scroll, client-side navigation, lazy rendering). Reading is sliced so no main-thread task
 * runs long; matching happens elsewhere (`match`, the background's engine), off the page's main thread; new
 * content costs time in proportion to what was added. Every finding is placed and reported at once, but only the
 * warnings near the viewport are built; the rest are built as they approach it (reveal.ts).
 */
import { coveringDismissal, type DismissChoice, type DismissTarget, itemKey } from '../lib/dismissals';
import type { BlockContext, Finding } from '../lib/engine/index';
import type { BlockMatch } from '../lib/matching/index';
import { chunkTexts } from '../lib/matching/wire';
import type { WarningView } from '../lib/present/warning-view';
import type { Dismissal } from '../lib/storage';
import { cardsUnder } from './adapter-cards';
import type { SiteAdapter } from './adapters/types';
import { type Block, BlockWalker } from './blocks';
import { type MutationBatch, MutationBatcher } from './mutations';
import { placeWarning } from './placement';
import { Reveal } from './reveal';
import { TableContexts } from './table-cells';
import { keepVisible } from './visibility';
import { createWarning, type MountedWarning } from './warning-host';

/** Longest stretch of reading before yielding to the page (well under the 50 ms long-task line). */
const SLICE_BUDGET_MS = 8;
/**
 * Warnings written per frame. Every frame that changes a big page costs the browser a full layout of it, however
 * few elements changed, so warnings go in as few frames as possible; a batch this size renders in a few ms.
 */
const PLACEMENTS_PER_FRAME = 200;

/** A finding as the background sent it: with the reference it recorded it under for this tab. */
type ScannedMatch = BlockMatch & { ref: number };

export interface PageFinding {
  /** The background's reference for this finding; reported back so it counts and exports its own record. */
  ref: number;
  finding: Finding;
  view: WarningView;
  block: Element;
  host: HTMLElement;
  /** Opens the warning's card with focus on its pill (building it first if it was waiting). */
  open(): void;
}

interface PageScannerOptions {
  doc: Document;
  /** The content script's life: when it aborts (extension updated or removed), everything stops and is removed. */
  signal: AbortSignal;
  /** Findings (with their warning views) per text, in order, `undefined` for none; the background's engine. */
  /** `contexts`: the table context of some texts, by index (see table-cells.ts). */
  match(texts: string[], contexts: Array<[number, BlockContext]>): Promise<Array<ScannedMatch[] | undefined>>;
  /** The site's dismissals now (lib/dismissals.ts decides which findings each covers). */
  dismissals(): readonly Dismissal[];
  /** Records a dismissal the person chose on a card; resolves with the stored record. */
  onDismiss(target: DismissTarget, choice: DismissChoice): Promise<Dismissal>;
  /** Removes a dismissal (the card's "Undo"). */
  onUndo(id: string): Promise<void>;
  /** "Why is this flagged?" on a warning's card. */
  onWhy(finding: Finding): void;
  /**
   * Called after each scan batch with every finding currently shown, and the findings hidden by a dismissal (by
   * reference, with the dismissal's id), so the evidence record keeps them, marked.
   */
  onFindingsChanged(findings: PageFinding[], dismissed: Array<[ref: number, dismissalId: string]>): void;
  /** The site's adapter, if one claims this page: cards are scanned whole and warnings go on their titles. */
  adapter?: SiteAdapter;
}

interface BlockState {
  text: string;
  block: Block;
  /** The item's key (lib/dismissals itemKey): what "dismiss this item" matches. */
  key: string;
  /** Everything the engine found in the block, shown or not, so a dismissal undone elsewhere can show it again. */
  matches: ScannedMatch[];
  /** `undo`: the card shows "Dismissed · Undo" for that dismissal instead of the warning. */
  warnings: Array<{ mounted: MountedWarning; pageFinding: PageFinding; undo?: string; unwatch?: () => void }>;
  dismissed: Array<[number, string]>;
}

/** What a block should show: warnings (some in their "Dismissed · Undo" state) and the findings dismissed. */
interface Decision {
  show: Array<{ match: ScannedMatch; undo?: Dismissal }>;
  dismissed: Array<[number, string]>;
}

/** A warning built in the page, for the visibility check. */
interface Placed {
  mounted: MountedWarning;
  card: Element;
}
/**
 * Makes one warning's host off the page and returns its card and what puts it in: built at once when `near` (its
 * card is near the viewport; the built warning is returned for the visibility check), else waiting to be built.
 */
type Placement = () => { card: Element; put(near: boolean): Placed | undefined };
/** Shared by the thousands of blocks with nothing to place; never mutated. */
const NOTHING_TO_PLACE: readonly Placement[] = [];

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
/** After the next frame has rendered: what one batch of warnings cost the page is paid before the next batch. */
const afterNextFrame = () =>
  new Promise<void>((resolve) => {
    // A background tab renders no frames; the timer keeps the scan going there.
    const timer = setTimeout(resolve, 100);
    if (typeof requestAnimationFrame !== 'function') return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });

export class PageScanner {
  private readonly states = new WeakMap<Element, BlockState>();
  private readonly shown = new Set<PageFinding>();
  /** Blocks with findings, for re-deciding them when the dismissals change. */
  private readonly live = new Set<BlockState>();
  /** Findings whose card was just dismissed: they keep a "Dismissed · Undo" card until the page goes. */
  private readonly undoable = new Map<number, string>();
  private readonly mutations: MutationBatcher;
  private readonly frames = new WeakSet<HTMLIFrameElement>();
  private readonly reveal: Reveal<Placed>;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: PageScannerOptions) {
    this.mutations = new MutationBatcher((batch) => this.onMutations(batch), options.signal);
    // Warnings built as their cards approach the viewport are judged together, in one layout.
    this.reveal = new Reveal<Placed>({ signal: options.signal, onShown: (built) => void this.judgeVisible(built) });
    options.signal.addEventListener('abort', () => this.stop(), { once: true });
  }

  /**
   * Follows the page, then scans everything under `root`; resolves when done. Following starts first, so what the
   * page adds while the first scan reads is scanned right after it. Scans are serialised so they never interleave.
   */
  start(root: Element): Promise<void> {
    this.mutations.watch(this.options.doc);
    return this.scanAll([root]);
  }

  /** Scans several subtrees as one job: one slicing budget, one batch of warnings, one report. */
  private scanAll(roots: Element[]): Promise<void> {
    // A failed scan (the background could not be reached) must not stop every later one.
    this.queue = this.queue
      .then(() => (this.options.signal.aborted ? undefined : this.scanNow(roots)))
      .catch((error: unknown) => console.warn('VendorWatch: this part of the page was not scanned', error));
    return this.queue;
  }

  /** A host the page attached an open shadow root to after it was read: follow the root and read the host again. */
  shadowAttached(host: Element): void {
    if (!host.shadowRoot || this.options.signal.aborted) return;
    this.mutations.watch(host.shadowRoot);
    void this.scanAll([host]);
  }

  findings(): PageFinding[] {
    return [...this.shown];
  }

  /** The findings a dismissal hides (or whose card shows "Dismissed · Undo"), with the dismissal's id. */
  dismissedFindings(): Array<[number, string]> {
    const all: Array<[number, string]> = [];
    for (const state of this.live) if (state.block.element.isConnected) all.push(...state.dismissed);
    return all;
  }

  private report(): void {
    this.options.onFindingsChanged(this.findings(), this.dismissedFindings());
  }

  /**
   * The dismissals changed (here, in the popup, the options page or another tab): each block with findings is
   * decided again, and only blocks whose warnings change are touched.
   */
  refresh(): Promise<void> {
    this.queue = this.queue.then(() => {
      if (this.options.signal.aborted) return;
      const changed: Array<{ state: BlockState; decision: Decision; near: boolean }> = [];
      for (const state of [...this.live]) {
        if (!state.block.element.isConnected) {
          this.removeWarnings(state);
          this.live.delete(state);
          continue;
        }
        const decision = this.decide(state);
        state.dismissed = decision.dismissed;
        const same =
          decision.show.length === state.warnings.length &&
          decision.show.every(
            (want, i) =>
              state.warnings[i]!.pageFinding.ref === want.match.ref && state.warnings[i]!.undo === want.undo?.id,
          );
        // Which cards are near the viewport is read for all of them before anything is written (one layout).
        if (!same) changed.push({ state, decision, near: this.reveal.near(state.block.element) });
      }
      const built: Placed[] = [];
      for (const { state, decision, near } of changed) {
        this.removeWarnings(state);
        for (const want of decision.show) {
          // "Dismissed · Undo" is on the card the person just used: built at once.
          const placed = this.warningFor(state, want)().put(near || want.undo !== undefined);
          if (placed) built.push(placed);
        }
      }
      // A person's own action: judged at once, so the card they used is where the report says.
      if (built.length > 0) keepVisible(built);
      this.report();
    });
    return this.queue;
  }

  /**
   * Whether the page hides the pills just built (visibility.ts), judged after the next frame has laid them out: read
   * at once, their boxes would make the browser lay the page out inside our task, and do it again for the frame.
   */
  private async judgeVisible(built: Placed[]): Promise<void> {
    if (built.length === 0) return;
    await afterNextFrame();
    if (!this.options.signal.aborted) keepVisible(built);
  }

  /** Reads the whole page again (the user's own entries changed, so the same text may now match differently). */
  rescan(): Promise<void> {
    this.queue = this.queue.then(() => {
      for (const state of [...this.live]) this.clearBlock(state.block.element, state);
    });
    return this.scanAll([this.options.doc.body ?? this.options.doc.documentElement]);
  }

  /** Which of a block's findings show, given the dismissals: one warning per vendor per block, as when scanned. */
  private decide(state: BlockState): Decision {
    const dismissals = this.options.dismissals();
    const decision: Decision = { show: [], dismissed: [] };
    const seenVendors = new Set<string>();
    for (const match of ownProductsFirst(state.matches)) {
      const { finding } = match;
      if (seenVendors.has(finding.vendorId)) continue;
      const dismissal = coveringDismissal(dismissals, finding, state.key);
      if (!dismissal) {
        seenVendors.add(finding.vendorId);
        decision.show.push({ match });
        continue;
      }
      // "Not this vendor" is about these words only: other words in the block may still name the vendor.
      if (dismissal.scope !== 'evidence') seenVendors.add(finding.vendorId);
      decision.dismissed.push([match.ref, dismissal.id]);
      if (this.undoable.get(match.ref) === dismissal.id) decision.show.push({ match, undo: dismissal });
    }
    for (const [ref, id] of this.undoable) {
      if (!dismissals.some((d) => d.id === id)) this.undoable.delete(ref);
    }
    return decision;
  }

  /** The person dismissed a finding on its card: record it, keep this card as "Dismissed · Undo", re-decide the rest. */
  private async dismiss(state: BlockState, match: ScannedMatch, choice: DismissChoice): Promise<void> {
    const { finding } = match;
    const dismissal = await this.options.onDismiss(
      { vendorId: finding.vendorId, vendorName: finding.vendorName, evidence: finding.evidence, itemText: state.text },
      choice,
    );
    this.undoable.set(match.ref, dismissal.id);
    const entry = state.warnings.find((w) => w.pageFinding.ref === match.ref);
    if (entry) {
      entry.undo = dismissal.id;
      this.shown.delete(entry.pageFinding);
    }
    await this.refresh();
  }

  private async undo(state: BlockState, match: ScannedMatch): Promise<void> {
    const id = this.undoable.get(match.ref);
    if (id === undefined) return;
    this.undoable.delete(match.ref);
    const entry = state.warnings.find((w) => w.pageFinding.ref === match.ref);
    if (entry) {
      entry.undo = undefined;
      this.shown.add(entry.pageFinding);
    }
    await this.options.onUndo(id);
    await this.refresh();
  }

  private onMutations({ roots, removed }: MutationBatch): void {
    if (roots.length > 0) {
      void this.scanAll(roots);
      return;
    }
    if (removed) {
      this.queue = this.queue.then(() => {
        this.pruneDetached();
        this.report();
      });
    }
  }

  private stop(): void {
    // The reveal stops itself on the same signal: nothing waiting is built after this.
    for (const state of this.live) for (const { pageFinding } of state.warnings) pageFinding.host.remove();
    for (const pageFinding of this.shown) pageFinding.host.remove();
    this.shown.clear();
    this.live.clear();
  }

  private async scanNow(roots: Element[]): Promise<void> {
    const slice = { start: performance.now() };
    const pause = async () => {
      if (performance.now() - slice.start > SLICE_BUDGET_MS) {
        await yieldToPage();
        slice.start = performance.now();
      }
    };
    let blocks: Block[] = [];
    const read = { cells: false };
    for (const root of roots) {
      if (!root.isConnected) continue;
      const found = await this.blocksUnder(root, slice, pause, read);
      // The first root's blocks are taken as they are (a page's first scan has one root and 20,000 blocks: no copy).
      // A loop, not push(...found): an enormous page can have more blocks than a call can take arguments.
      if (blocks.length === 0) blocks = found;
      else for (const block of found) blocks.push(block);
      // A batch of appended cards is a thousand small roots, each read whole without a look at the clock.
      await pause();
    }
    if (this.options.signal.aborted) return;
    // Blocks whose text is new, and their texts, in one pass (the first scan has no state: every block is new).
    const changed: Block[] = [];
    const texts: string[] = [];
    for (let index = 0; index < blocks.length; index++) {
      const block = blocks[index]!;
      if (index % 256 === 255) await pause();
      if (this.states.get(block.element)?.text === block.text) continue;
      changed.push(block);
      texts.push(block.text);
    }
    // Cells get their column's header and the rest of their row, so a code meets the maker in the next cell. What
    // has no table cell in it needs no look-up per block.
    const tables = new TableContexts();
    const contexts: Array<[number, BlockContext]> = [];
    for (let index = 0; read.cells && index < changed.length; index++) {
      const block = changed[index]!;
      const context = tables.of(block.element, block.text);
      if (context) contexts.push([index, context]);
      // A page has tens of thousands of blocks: look at the clock now and then, not every time.
      if (index % 256 === 255) await pause();
    }
    const matches = await this.matchAll(texts, contexts, pause);
    if (this.options.signal.aborted) return;
    slice.start = performance.now();
    const placements: Placement[] = [];
    for (let i = 0; i < changed.length; i++) {
      const found = this.placementsFor(changed[i]!, matches[i]);
      if (found.length > 0) placements.push(...found);
      if (i % 256 === 255) await pause();
    }
    // Hosts are made off the page in slices, then put in together: every frame that changes a big page costs
    // the browser a layout of all of it, so the page should change in as few frames as possible. Only warnings
    // near the viewport are built now; the others wait in the page, bare, until their cards approach it.
    const placed: Placed[] = [];
    for (let i = 0; i < placements.length; i += PLACEMENTS_PER_FRAME) {
      const prepared: Array<ReturnType<Placement>> = [];
      for (const prepare of placements.slice(i, i + PLACEMENTS_PER_FRAME)) {
        prepared.push(prepare());
        await pause();
      }
      // Which cards are near is read after a frame, before anything is written: the page's own changes (cards it
      // just added) are laid out by then, so the reads cost no layout in our task. Then written within the same
      // budget as the reading, so no task runs long (each host put in re-lays out its line; 200 of them made one
      // task of 20 to 30 ms, issue 17).
      // A hidden tab renders no frames (and throttles timers): nobody sees a layout there, so it is not waited for.
      if (this.options.doc.visibilityState !== 'hidden') await afterNextFrame();
      if (this.options.signal.aborted) return;
      const near = prepared.map(({ card }) => this.reveal.near(card));
      for (let j = 0; j < prepared.length; j++) {
        const warning = prepared[j]!.put(near[j]!);
        if (warning) placed.push(warning);
        await pause();
        if (this.options.signal.aborted) return;
      }
    }
    // Every finding is placed: reported now. Whether the page hides the pills just built is judged after the frame
    // that lays them out; that may move a pill, never changes what was found.
    this.pruneDetached();
    this.report();
    await this.judgeVisible(placed);
  }

  /**
   * Sends the texts for matching in chunks, all in flight at once (packing one is work on the page's main thread,
   * so `pause` may yield between them), and returns the findings per text.
   */
  private async matchAll(
    texts: string[],
    contexts: Array<[number, BlockContext]>,
    pause: () => Promise<void>,
  ): Promise<Array<ScannedMatch[] | undefined>> {
    const chunks = chunkTexts(texts);
    const all = new Array<ScannedMatch[] | undefined>(texts.length);
    const replies: Array<Promise<void>> = [];
    for (const chunk of chunks) {
      const end = chunk.offset + chunk.texts.length;
      const own = contexts
        .filter(([index]) => index >= chunk.offset && index < end)
        .map(([index, context]): [number, BlockContext] => [index - chunk.offset, context]);
      const reply = this.options.match(chunk.texts, own).then((results) => {
        results.forEach((matches, index) => {
          all[chunk.offset + index] = matches;
        });
      });
      // Handled below by Promise.all; this keeps a failure during the pause from counting as unhandled.
      reply.catch(() => undefined);
      replies.push(reply);
      await pause();
    }
    await Promise.all(replies);
    return all;
  }

  /**
   * With an adapter, each card under `root` (or the card `root` sits in) is one block anchored at its title;
   * text outside cards gets the generic per-block scan. The page is read in slices. `read.cells` is set when a table
   * cell was read.
   */
  private async blocksUnder(
    root: Element,
    slice: { start: number },
    pause: () => Promise<void>,
    read: { cells: boolean },
  ): Promise<Block[]> {
    const walk = async (element: Element, options: { single?: boolean } = {}) => {
      const walker = new BlockWalker(element, options);
      while (!walker.step(slice.start + SLICE_BUDGET_MS)) {
        if (this.options.signal.aborted) return [];
        await yieldToPage();
        slice.start = performance.now();
      }
      if (walker.cells) read.cells = true;
      // Follow the shadow roots read: their changes do not reach the document's observer.
      for (const shadow of walker.shadowRoots) this.mutations.watch(shadow);
      return walker.blocks();
    };
    // Same-origin frames are scanned as documents of their own (each scan queued): nothing to add here.
    this.framesUnder(root);
    const adapter = this.options.adapter;
    if (!adapter) return walk(root);
    const { cards: found, insideCard } = cardsUnder(root, adapter);
    const cards: Block[] = [];
    for (const { card, anchor } of found) {
      for (const block of await walk(card, { single: true })) cards.push(anchor ? { ...block, anchor } : block);
      await pause();
    }
    if (insideCard) return cards;
    for (const block of await walk(root)) if (!block.element.closest(adapter.itemSelector)) cards.push(block);
    return cards;
  }

  /**
   * Same-origin frames under `root` (including srcdoc and about:blank ones) are part of the page a person reads:
   * their documents are followed and scanned like the top one, now and whenever they load again. Cross-origin
   * frames cannot be read from here and are left alone.
   */
  private framesUnder(root: Element): void {
    for (const frame of root.querySelectorAll('iframe')) {
      if (this.frames.has(frame)) continue;
      this.frames.add(frame);
      const scanFrame = () => {
        const doc = sameOriginDocument(frame);
        if (!doc?.body || this.options.signal.aborted) return;
        this.mutations.watch(doc);
        void this.scanAll([doc.body]);
      };
      frame.addEventListener('load', scanFrame, { signal: this.options.signal });
      scanFrame();
    }
  }

  /** Records a block's new text and findings; returns the DOM writes (placing its warnings) for the caller to batch. */
  private placementsFor(block: Block, matches: ScannedMatch[] | undefined): readonly Placement[] {
    const previous = this.states.get(block.element);
    if (previous?.text === block.text) return NOTHING_TO_PLACE;
    if (previous) this.clearBlock(block.element, previous);
    // Only blocks with findings are remembered: the thousands without cost nothing to send again if they change.
    // (No default `[]` for `matches`: that would be a new array for each of them.)
    if (matches === undefined || matches.length === 0) return NOTHING_TO_PLACE;
    const state: BlockState = {
      text: block.text,
      block,
      key: itemKey(block.text),
      matches,
      warnings: [],
      dismissed: [],
    };
    this.states.set(block.element, state);
    this.live.add(state);
    const decision = this.decide(state);
    state.dismissed = decision.dismissed;
    return decision.show.map((want) => this.warningFor(state, want));
  }

  /** Makes one warning (or its "Dismissed · Undo" card) off the page; see `Placement`. */
  private warningFor(state: BlockState, { match, undo }: Decision['show'][number]): Placement {
    const { block } = state;
    const { finding, view, ref } = match;
    return () => {
      // Made while detached from the page: nothing is laid out until it is put in and built.
      const mounted = createWarning(block.element.ownerDocument, {
        view,
        onDismiss: (choice) => void this.dismiss(state, match, choice),
        onUndo: () => void this.undo(state, match),
        onWhy: () => this.options.onWhy(finding),
        offerVendorScope: true,
        ...(undo ? { dismissed: { scope: undo.scope, decision: undo.decision, reason: undo.reason } } : {}),
      });
      const card = block.element;
      const put = (near: boolean): Placed | undefined => {
        if (!card.isConnected || this.states.get(card) !== state) return undefined;
        const pageFinding: PageFinding = {
          ref,
          finding,
          view,
          block: card,
          host: mounted.host,
          open: () => mounted.open(),
        };
        placeWarning(block, finding.start, mounted.host);
        const entry: BlockState['warnings'][number] = { mounted, pageFinding, ...(undo ? { undo: undo.id } : {}) };
        state.warnings.push(entry);
        if (!undo) this.shown.add(pageFinding);
        const built = { mounted, card };
        if (near) {
          mounted.build();
          return built;
        }
        entry.unwatch = this.reveal.whenNear(card, () => {
          mounted.build();
          return built;
        });
        return undefined;
      };
      return { card, put };
    };
  }

  /** Takes a block's warnings out of the page (and out of the reveal's care, if they were waiting). */
  private removeWarnings(state: BlockState): void {
    for (const { mounted, pageFinding, unwatch } of state.warnings) {
      unwatch?.();
      mounted.remove();
      this.shown.delete(pageFinding);
    }
    state.warnings = [];
  }

  private clearBlock(element: Element, state: BlockState): void {
    this.removeWarnings(state);
    this.states.delete(element);
    this.live.delete(state);
  }

  private pruneDetached(): void {
    for (const pageFinding of this.shown) {
      if (!pageFinding.block.isConnected) this.shown.delete(pageFinding);
    }
    for (const state of this.live) {
      if (state.block.element.isConnected) continue;
      // Its warnings left with it; those still waiting must not keep the removed card alive in the observer.
      for (const { unwatch } of state.warnings) unwatch?.();
      this.live.delete(state);
    }
  }
}

/** The document of a frame the content script may read (same origin, srcdoc, about:blank), or null. */
function sameOriginDocument(frame: HTMLIFrameElement): Document | null {
  try {
    return frame.contentDocument;
  } catch {
    return null;
  }
}

/**
 * A block's matches with each vendor's own products before its mentions ("Hikvision DS-2CD2143G2-I ..., compatible
 * with Hikvision NVR": the warning is the product's, not the mention's); vendors stay in the order they first appear.
 */
export function ownProductsFirst<T extends { finding: { vendorId: string; verdict: string } }>(
  matches: readonly T[],
): T[] {
  if (!matches.some((m) => m.finding.verdict === 'mention')) return matches as T[];
  const firstSeen = new Map<string, number>();
  matches.forEach((m, index) => {
    if (!firstSeen.has(m.finding.vendorId)) firstSeen.set(m.finding.vendorId, index);
  });
  const rank = (m: T, index: number) =>
    [firstSeen.get(m.finding.vendorId)!, m.finding.verdict === 'mention' ? 1 : 0, index] as const;
  return matches
    .map((m, index) => ({ m, key: rank(m, index) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2])
    .map(({ m }) => m);
}
