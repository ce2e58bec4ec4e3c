/**
 * Scans a document block by block, anchors one warning per vendor per block, and follows the page as it
 * changes (infinite scroll, client-side navigation, lazy rendering). Reading is sliced so no main-thread task
 * runs long; matching happens elsewhere (`match`, the background's engine), off the page's main thread; new
 * content costs time in proportion to what was added.
 */
import type { BlockContext, Finding } from '../lib/engine/index';
import type { BlockMatch } from '../lib/matching/index';
import { chunkTexts } from '../lib/matching/wire';
import type { WarningView } from '../lib/present/warning-view';
import { cardsUnder } from './adapter-cards';
import type { SiteAdapter } from './adapters/types';
import { type Block, BlockWalker } from './blocks';
import { type MutationBatch, MutationBatcher } from './mutations';
import { placeWarning } from './placement';
import { TableContexts } from './table-cells';
import { type MountedWarning, mountWarning } from './warning-host';

/** Longest stretch of reading before yielding to the page (well under the 50 ms long-task line). */
const SLICE_BUDGET_MS = 8;
/**
 * Warnings written per frame. Every frame that changes a big page costs the browser a full layout of it, however
 * few elements changed, so warnings go in as few frames as possible; a batch this size renders in a few ms.
 */
const PLACEMENTS_PER_FRAME = 200;

/** A finding as the background sent it: with the reference it recorded it under for this tab. */
export type ScannedMatch = BlockMatch & { ref: number };

export interface PageFinding {
  /** The background's reference for this finding; reported back so it counts and exports its own record. */
  ref: number;
  finding: Finding;
  view: WarningView;
  block: Element;
  host: HTMLElement;
  /** Opens the warning's card with focus on its pill. */
  open(): void;
}

export interface PageScannerOptions {
  doc: Document;
  /** The content script's life: when it aborts (extension updated or removed), everything stops and is removed. */
  signal: AbortSignal;
  /** Findings (with their warning views) per text, in order, `undefined` for none; the background's engine. */
  /** `contexts`: the table context of some texts, by index (see table-cells.ts). */
  match(texts: string[], contexts: Array<[number, BlockContext]>): Promise<Array<ScannedMatch[] | undefined>>;
  /** True when the user dismissed this finding or said "not this vendor" for it on this site. */
  isSuppressed(finding: Finding): boolean;
  onDismiss(finding: Finding): void;
  onNotThisVendor(finding: Finding): void;
  /** Called after each scan batch with every finding currently shown. */
  onFindingsChanged(findings: PageFinding[]): void;
  /** The site's adapter, if one claims this page: cards are scanned whole and warnings go on their titles. */
  adapter?: SiteAdapter;
}

interface BlockState {
  text: string;
  warnings: Array<{ mounted: MountedWarning; pageFinding: PageFinding }>;
}

/** Builds one warning off the page and returns what puts it in. */
type Placement = () => () => void;
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
  private readonly mutations: MutationBatcher;
  private readonly frames = new WeakSet<HTMLIFrameElement>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: PageScannerOptions) {
    this.mutations = new MutationBatcher((batch) => this.onMutations(batch), options.signal);
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

  private onMutations({ roots, removed }: MutationBatch): void {
    if (roots.length > 0) {
      void this.scanAll(roots);
      return;
    }
    if (removed) {
      this.queue = this.queue.then(() => {
        this.pruneDetached();
        this.options.onFindingsChanged(this.findings());
      });
    }
  }

  private stop(): void {
    for (const pageFinding of this.shown) pageFinding.host.remove();
    this.shown.clear();
  }

  /** Removes every warning for findings matching `predicate` (after a dismissal or suppression). */
  hide(predicate: (finding: Finding) => boolean): void {
    for (const pageFinding of [...this.shown]) {
      if (!predicate(pageFinding.finding)) continue;
      const state = this.states.get(pageFinding.block);
      if (state) state.warnings = state.warnings.filter((w) => w.pageFinding !== pageFinding);
      pageFinding.host.remove();
      this.shown.delete(pageFinding);
    }
    this.options.onFindingsChanged(this.findings());
  }

  private async scanNow(roots: Element[]): Promise<void> {
    const slice = { start: performance.now() };
    const pause = async () => {
      if (performance.now() - slice.start > SLICE_BUDGET_MS) {
        await yieldToPage();
        slice.start = performance.now();
      }
    };
    const blocks: Block[] = [];
    for (const root of roots) {
      if (!root.isConnected) continue;
      // A loop, not push(...found): an enormous page can have more blocks than a call can take arguments.
      for (const block of await this.blocksUnder(root, slice, pause)) blocks.push(block);
    }
    if (this.options.signal.aborted) return;
    const changed = blocks.filter((block) => this.states.get(block.element)?.text !== block.text);
    // Cells get their column's header and the rest of their row, so a code meets the maker in the next cell.
    const tables = new TableContexts();
    const contexts: Array<[number, BlockContext]> = [];
    changed.forEach((block, index) => {
      const context = tables.of(block.element, block.text);
      if (context) contexts.push([index, context]);
    });
    const matches = await this.matchAll(
      changed.map((block) => block.text),
      contexts,
      pause,
    );
    if (this.options.signal.aborted) return;
    slice.start = performance.now();
    const placements: Placement[] = [];
    changed.forEach((block, i) => {
      const found = this.placementsFor(block, matches[i]);
      if (found.length > 0) placements.push(...found);
    });
    // Warnings are built off the page in slices, then put in together: every frame that changes a big page costs
    // the browser a layout of all of it, so the page should change in as few frames as possible.
    for (let i = 0; i < placements.length; i += PLACEMENTS_PER_FRAME) {
      if (i > 0) await afterNextFrame();
      if (this.options.signal.aborted) return;
      const attach: Array<() => void> = [];
      for (const prepare of placements.slice(i, i + PLACEMENTS_PER_FRAME)) {
        attach.push(prepare());
        await pause();
      }
      for (const put of attach) put();
    }
    this.pruneDetached();
    this.options.onFindingsChanged(this.findings());
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
   * text outside cards gets the generic per-block scan. The page is read in slices.
   */
  private async blocksUnder(root: Element, slice: { start: number }, pause: () => Promise<void>): Promise<Block[]> {
    const walk = async (element: Element, options: { single?: boolean } = {}) => {
      const walker = new BlockWalker(element, options);
      while (!walker.step(slice.start + SLICE_BUDGET_MS)) {
        if (this.options.signal.aborted) return [];
        await yieldToPage();
        slice.start = performance.now();
      }
      // Follow the shadow roots read: their changes do not reach the document's observer.
      for (const shadow of walker.shadowRoots) this.mutations.watch(shadow);
      return walker.blocks();
    };
    const frames = this.framesUnder(root);
    const adapter = this.options.adapter;
    if (!adapter) return [...(await walk(root)), ...frames];
    const { cards: found, insideCard } = cardsUnder(root, adapter);
    const cards: Block[] = [];
    for (const { card, anchor } of found) {
      for (const block of await walk(card, { single: true })) cards.push(anchor ? { ...block, anchor } : block);
      await pause();
    }
    if (insideCard) return cards;
    const outside = (await walk(root)).filter((block) => !block.element.closest(adapter.itemSelector));
    return [...cards, ...outside, ...frames];
  }

  /**
   * Same-origin frames under `root` (including srcdoc and about:blank ones) are part of the page a person reads:
   * their documents are followed and scanned like the top one, now and whenever they load again. Cross-origin
   * frames cannot be read from here and are left alone.
   */
  private framesUnder(root: Element): Block[] {
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
    return [];
  }

  /** Records a block's new text and findings; returns the DOM writes (placing its warnings) for the caller to batch. */
  private placementsFor(block: Block, matches: ScannedMatch[] = []): readonly Placement[] {
    const previous = this.states.get(block.element);
    if (previous?.text === block.text) return NOTHING_TO_PLACE;
    if (previous) this.clearBlock(block.element, previous);
    // Only blocks with findings are remembered: the thousands without cost nothing to send again if they change.
    if (matches.length === 0) return NOTHING_TO_PLACE;
    const state: BlockState = { text: block.text, warnings: [] };
    this.states.set(block.element, state);

    const placements: Placement[] = [];
    const seenVendors = new Set<string>();
    for (const { finding, view, ref } of matches) {
      // One warning per vendor per block: a card naming Hikvision three times needs one badge.
      if (seenVendors.has(finding.vendorId) || this.options.isSuppressed(finding)) continue;
      seenVendors.add(finding.vendorId);
      placements.push(() => {
        // Built while detached from the page: nothing is laid out until `attach`.
        const mounted = mountWarning(block.element.ownerDocument, {
          view,
          onDismiss: () => this.options.onDismiss(finding),
          onNotThisVendor: () => this.options.onNotThisVendor(finding),
        });
        return () => {
          if (!block.element.isConnected || this.states.get(block.element) !== state) return;
          const pageFinding: PageFinding = {
            ref,
            finding,
            view,
            block: block.element,
            host: mounted.host,
            open: () => mounted.open(),
          };
          placeWarning(block, finding.start, mounted.host);
          state.warnings.push({ mounted, pageFinding });
          this.shown.add(pageFinding);
        };
      });
    }
    return placements;
  }

  private clearBlock(element: Element, state: BlockState): void {
    for (const { mounted, pageFinding } of state.warnings) {
      mounted.remove();
      this.shown.delete(pageFinding);
    }
    state.warnings = [];
    this.states.delete(element);
  }

  private pruneDetached(): void {
    for (const pageFinding of this.shown) {
      if (!pageFinding.block.isConnected) this.shown.delete(pageFinding);
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
