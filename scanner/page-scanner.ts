/**
 * Scans a document block by block, anchors one warning per vendor per block, and follows the page as it
 * changes (infinite scroll, client-side navigation, lazy rendering). Work is sliced so no main-thread task
 * runs long, and new content costs time in proportion to what was added.
 */
import type { Engine, Finding } from '../lib/engine/index';
import { buildWarningView, type WarningView } from '../lib/present/warning-view';
import type { Profile } from '../lib/settings/index';
import type { Watchlist } from '../lib/watchlist/schema';
import type { SiteAdapter } from './adapters/types';
import { type Block, blockOf, collectBlocks, segmentAt, WARNING_HOST_TAG } from './blocks';
import { type MountedWarning, mountWarning } from './warning-host';

/** Longest stretch of scanning before yielding to the page (well under the 50 ms long-task line). */
const SLICE_BUDGET_MS = 8;
/** Mutations are collected for this long, then scanned together. */
const MUTATION_BATCH_DELAY_MS = 50;

/** Containers that may not hold a phrasing element directly: the warning goes beside the text instead. */
const NO_INLINE_CHILD = new Set(['TR', 'TABLE', 'TBODY', 'THEAD', 'TFOOT', 'UL', 'OL', 'DL', 'SELECT']);

export interface PageFinding {
  finding: Finding;
  view: WarningView;
  block: Element;
  host: HTMLElement;
}

export interface PageScannerOptions {
  doc: Document;
  list: Watchlist;
  engine: Engine;
  /** True when the user dismissed this finding or said "not this vendor" for it on this site. */
  isSuppressed(finding: Finding): boolean;
  onDismiss(finding: Finding): void;
  onNotThisVendor(finding: Finding): void;
  /** Called after each scan batch with every finding currently shown. */
  onFindingsChanged(findings: PageFinding[]): void;
  /** The site's adapter, if one claims this page: cards are scanned whole and warnings go on their titles. */
  adapter?: SiteAdapter;
  /** Decides which measures a warning shows first. */
  profile?: Profile;
}

interface BlockState {
  text: string;
  warnings: Array<{ mounted: MountedWarning; pageFinding: PageFinding }>;
}

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class PageScanner {
  private readonly states = new WeakMap<Element, BlockState>();
  private readonly shown = new Set<PageFinding>();
  private readonly pendingRoots = new Set<Element>();
  private observer: MutationObserver | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: PageScannerOptions) {}

  /** Scans everything under `root`; resolves when done. Scans are serialised so they never interleave. */
  scan(root: Element): Promise<void> {
    this.queue = this.queue.then(() => this.scanNow(root));
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
        const target =
          record.target.nodeType === Node.ELEMENT_NODE ? (record.target as Element) : record.target.parentElement;
        if (!target?.isConnected) continue;
        this.pendingRoots.add(blockOf(target) ?? target);
      }
      if (this.pendingRoots.size > 0 && this.flushTimer === null) {
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
    const roots = [...this.pendingRoots].filter((root) => root.isConnected);
    this.pendingRoots.clear();
    const outermost = roots.filter((root) => !roots.some((other) => other !== root && other.contains(root)));
    for (const root of outermost) void this.scan(root);
  }

  private async scanNow(root: Element): Promise<void> {
    if (!root.isConnected) return;
    const blocks = this.blocksUnder(root);
    let sliceStart = performance.now();
    for (const block of blocks) {
      this.scanBlock(block);
      if (performance.now() - sliceStart > SLICE_BUDGET_MS) {
        await yieldToPage();
        sliceStart = performance.now();
      }
    }
    this.pruneDetached();
    this.options.onFindingsChanged(this.findings());
  }

  /**
   * With an adapter, each card under `root` (or the card `root` sits in) is one block anchored at its title;
   * text outside cards gets the generic per-block scan.
   */
  private blocksUnder(root: Element): Block[] {
    const adapter = this.options.adapter;
    if (!adapter) return collectBlocks(root);
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
    const cards = items.flatMap((item) =>
      collectBlocks(item, { single: true }).map((block) => ({
        ...block,
        anchor: item.querySelector(adapter.titleSelector) ?? undefined,
      })),
    );
    if (enclosing) return cards;
    const outside = collectBlocks(root).filter((block) => !block.element.closest(adapter.itemSelector));
    return [...cards, ...outside];
  }

  private scanBlock(block: Block): void {
    const previous = this.states.get(block.element);
    if (previous && previous.text === block.text) return;
    if (previous) this.clearBlock(block.element, previous);
    const state: BlockState = { text: block.text, warnings: [] };
    this.states.set(block.element, state);

    const seenVendors = new Set<string>();
    for (const finding of this.options.engine.scanText(block.text)) {
      // One warning per vendor per block: a card naming Hikvision three times needs one badge.
      if (seenVendors.has(finding.vendorId) || this.options.isSuppressed(finding)) continue;
      seenVendors.add(finding.vendorId);
      const view = buildWarningView(this.options.list, finding, this.options.profile);
      const pageFinding: PageFinding = { finding, view, block: block.element, host: null as unknown as HTMLElement };
      const mounted = mountWarning(this.options.doc, {
        view,
        onDismiss: () => this.options.onDismiss(finding),
        onNotThisVendor: () => this.options.onNotThisVendor(finding),
      });
      pageFinding.host = mounted.host;
      placeWarning(block, finding, mounted.host);
      state.warnings.push({ mounted, pageFinding });
      this.shown.add(pageFinding);
    }
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
