/**
 * Scans a document block by block, anchors one warning per vendor per block, and follows the page as it
 * changes (infinite scroll, client-side navigation, lazy rendering). Reading is sliced so no main-thread task
 * runs long; matching happens elsewhere (`match`, the background's engine), off the page's main thread; new
 * content costs time in proportion to what was added.
 */
import type { Finding } from '../lib/engine/index';
import type { BlockMatch } from '../lib/matching/index';
import type { WarningView } from '../lib/present/warning-view';
import type { SiteAdapter } from './adapters/types';
import { type Block, BlockWalker, blockOf, isBlockElement, segmentAt, WARNING_HOST_TAG } from './blocks';
import { type MountedWarning, mountWarning } from './warning-host';

/** Longest stretch of reading before yielding to the page (well under the 50 ms long-task line). */
const SLICE_BUDGET_MS = 8;
/**
 * Warnings written per frame. Every frame that changes a big page costs the browser a full layout of it, however
 * few elements changed, so warnings go in as few frames as possible; a batch this size renders in a few ms.
 */
const PLACEMENTS_PER_FRAME = 200;
/** Text sent for matching per message: big enough to keep messages few, small enough to start matching early. */
const MATCH_CHUNK_CHARS = 256 * 1024;
/** Mutations are collected for this long, then scanned together. */
const MUTATION_BATCH_DELAY_MS = 50;

/** Containers that may not hold a phrasing element directly: the warning goes beside the text instead. */
const NO_INLINE_CHILD = new Set(['TR', 'TABLE', 'TBODY', 'THEAD', 'TFOOT', 'UL', 'OL', 'DL', 'SELECT']);

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
  /** Findings (with their warning views) per text, in order, `undefined` for none; the background's engine. */
  match(texts: string[]): Promise<Array<ScannedMatch[] | undefined>>;
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
  private readonly pendingRoots = new Set<Element>();
  private observer: MutationObserver | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private queue: Promise<void> = Promise.resolve();
  /** Cards were removed: drop their findings at the next flush without rescanning anything. */
  private pruneRequested = false;

  constructor(private readonly options: PageScannerOptions) {}

  /** Scans everything under `root`; resolves when done. Scans are serialised so they never interleave. */
  scan(root: Element): Promise<void> {
    return this.scanAll([root]);
  }

  /** Scans several subtrees as one job: one slicing budget, one batch of warnings, one report. */
  private scanAll(roots: Element[]): Promise<void> {
    // A failed scan (the background could not be reached) must not stop every later one.
    this.queue = this.queue
      .then(() => this.scanNow(roots))
      .catch((error: unknown) => console.warn('VendorWatch: this part of the page was not scanned', error));
    return this.queue;
  }

  findings(): PageFinding[] {
    return [...this.shown];
  }

  /** Follows the page: every added or changed subtree is rescanned in batches. */
  observe(): void {
    const { doc } = this.options;
    this.observer = new MutationObserver((records) => {
      for (const record of records) {
        if (isOwnMutation(record)) continue;
        // Rescan only what changed: an added block subtree by itself, otherwise the block whose text changed.
        // A whole results list is never rescanned because one card was appended to it.
        const changed: Node[] =
          record.type === 'childList' && record.addedNodes.length > 0 ? [...record.addedNodes] : [record.target];
        for (const node of changed) {
          const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
          if (!element?.isConnected || element.localName === WARNING_HOST_TAG) continue;
          this.pendingRoots.add(
            node !== record.target && isBlockElement(element) ? element : (blockOf(element) ?? element),
          );
        }
        if (record.type === 'childList' && record.removedNodes.length > 0) {
          // Removed cards only need their findings dropped; removed inline text changes its block's text.
          const onlyBlocks = [...record.removedNodes].every(
            (removed) => removed.nodeType === Node.ELEMENT_NODE && isBlockElement(removed as Element),
          );
          const target = record.target.nodeType === Node.ELEMENT_NODE ? (record.target as Element) : null;
          if (onlyBlocks) this.pruneRequested = true;
          else if (target?.isConnected) this.pendingRoots.add(blockOf(target) ?? target);
        }
      }
      if ((this.pendingRoots.size > 0 || this.pruneRequested) && this.flushTimer === null) {
        this.flushTimer = setTimeout(() => this.flush(), MUTATION_BATCH_DELAY_MS);
      }
    });
    this.observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
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

  private flush(): void {
    this.flushTimer = null;
    // Drop roots nested in other pending roots: their blocks are collected by the outer one.
    const pending = new Set([...this.pendingRoots].filter((root) => root.isConnected));
    this.pendingRoots.clear();
    // Keep roots with no pending ancestor (linear in roots x depth; a batch may add thousands of cards).
    const outermost = [...pending].filter((root) => {
      for (let up = root.parentElement; up; up = up.parentElement) if (pending.has(up)) return false;
      return true;
    });
    if (outermost.length > 0) void this.scanAll(outermost);
    if (this.pruneRequested && outermost.length === 0) {
      this.queue = this.queue.then(() => {
        this.pruneDetached();
        this.options.onFindingsChanged(this.findings());
      });
    }
    this.pruneRequested = false;
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
    const changed = blocks.filter((block) => this.states.get(block.element)?.text !== block.text);
    const matches = await this.matchAll(
      changed.map((block) => block.text),
      pause,
    );
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
  private async matchAll(texts: string[], pause: () => Promise<void>): Promise<Array<ScannedMatch[] | undefined>> {
    const chunks: Array<{ offset: number; texts: string[] }> = [];
    let size = 0;
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i]!;
      const last = chunks[chunks.length - 1];
      if (!last || (size + text.length > MATCH_CHUNK_CHARS && last.texts.length > 0)) {
        chunks.push({ offset: i, texts: [text] });
        size = text.length;
      } else {
        last.texts.push(text);
        size += text.length;
      }
    }
    const all = new Array<ScannedMatch[] | undefined>(texts.length);
    const replies: Array<Promise<void>> = [];
    for (const chunk of chunks) {
      const reply = this.options.match(chunk.texts).then((results) => {
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
        await yieldToPage();
        slice.start = performance.now();
      }
      return walker.blocks();
    };
    const adapter = this.options.adapter;
    if (!adapter) return walk(root);
    // Selectors may match a card and an element inside it (a wrapper and its link): the outermost is the card.
    const outermost = (element: Element): Element => {
      let card = element;
      for (
        let up = card.parentElement?.closest(adapter.itemSelector);
        up;
        up = up.parentElement?.closest(adapter.itemSelector)
      )
        card = up;
      return card;
    };
    const inside = root.closest(adapter.itemSelector);
    const enclosing = inside ? outermost(inside) : null;
    const items = enclosing
      ? [enclosing]
      : [...root.querySelectorAll(adapter.itemSelector)].filter((item) => outermost(item) === item);
    const cards: Block[] = [];
    for (const item of items) {
      const anchor = item.querySelector(adapter.titleSelector) ?? undefined;
      for (const block of await walk(item, { single: true })) cards.push({ ...block, anchor });
      await pause();
    }
    if (enclosing) return cards;
    const outside = (await walk(root)).filter((block) => !block.element.closest(adapter.itemSelector));
    return [...cards, ...outside];
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
        const mounted = mountWarning(this.options.doc, {
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
          placeWarning(block, finding, mounted.host);
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

/**
 * Puts the warning at the end of the title or block, where a person reading it will see it. Never inside a
 * link or button: a click on the warning would follow the link.
 */
function placeWarning(block: Block, finding: Finding, host: HTMLElement): void {
  const target = block.anchor ?? block.element;
  const interactive = target.closest(INTERACTIVE) ?? target.querySelector(`:scope > ${INTERACTIVE}:only-child`);
  if (interactive && interactive !== target.ownerDocument.body) {
    // Outermost interactive ancestor, so the warning sits just after the whole link.
    let outer = interactive;
    for (let up = outer.parentElement?.closest(INTERACTIVE); up; up = up.parentElement?.closest(INTERACTIVE))
      outer = up;
    outer.after(host);
    return;
  }
  if (!NO_INLINE_CHILD.has(target.tagName)) {
    target.append(host);
    return;
  }
  const segment = segmentAt(block, finding.start);
  const node = segment?.node ?? target.lastChild;
  if (node?.parentNode) node.parentNode.insertBefore(host, node.nextSibling);
  else target.append(host);
}

const INTERACTIVE = 'a[href], button, label, summary, select';

/** Mutations made by our own warnings must never trigger a rescan (that would loop). */
function isOwnMutation(record: MutationRecord): boolean {
  const target = record.target as Element;
  if (
    target.nodeType === Node.ELEMENT_NODE &&
    (target.localName === WARNING_HOST_TAG || target.closest?.(WARNING_HOST_TAG))
  ) {
    return true;
  }
  if (record.type !== 'childList') return false;
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.length > 0 && nodes.every((node) => (node as Element).localName === WARNING_HOST_TAG);
}
