/**
 * Follows the page as it changes: collects what mutations touched (an added block subtree by itself, otherwise the
 * block whose text changed), waits a little so a burst becomes one batch, and hands over the outermost roots.
 * Observes the document and every open shadow root and same-origin frame the scanner finds, from before the first
 * scan reads anything, so nothing added while it reads is missed. Stops for good when `signal` aborts.
 */
import { blockOf, isBlockElement, isOwnWarning } from './blocks';

/** Mutations are collected for this long, then scanned together. */
const MUTATION_BATCH_DELAY_MS = 50;

export interface MutationBatch {
  /** Changed subtrees, none inside another. */
  roots: Element[];
  /** Cards were removed: drop their findings without rescanning anything. */
  removed: boolean;
}

export class MutationBatcher {
  private readonly pending = new Set<Element>();
  private readonly observers: MutationObserver[] = [];
  private readonly watched = new WeakSet<Node>();
  private removed = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly onBatch: (batch: MutationBatch) => void,
    private readonly signal: AbortSignal,
    private readonly delayMs = MUTATION_BATCH_DELAY_MS,
  ) {
    signal.addEventListener('abort', () => this.disconnect(), { once: true });
  }

  /** Starts following `target` (a document, or a shadow root), once; its window supplies the observer. */
  watch(target: Document | ShadowRoot): void {
    if (this.signal.aborted || this.watched.has(target)) return;
    const view = (target.nodeType === 9 ? (target as Document) : target.ownerDocument)?.defaultView;
    if (!view) return;
    this.watched.add(target);
    const observer = new view.MutationObserver((records) => this.collect(records));
    observer.observe(target.nodeType === 9 ? (target as Document).documentElement : target, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    this.observers.push(observer);
  }

  private collect(records: MutationRecord[]): void {
    for (const record of records) {
      if (isOwnMutation(record)) continue;
      // Rescan only what changed: an added block subtree by itself, otherwise the block whose text changed.
      // A whole results list is never rescanned because one card was appended to it.
      // A removal alone changes nothing to read but its block (handled below): the list it left is not rescanned.
      const changed: Node[] =
        record.type !== 'childList' ? [record.target] : record.addedNodes.length > 0 ? [...record.addedNodes] : [];
      for (const node of changed) {
        const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
        if (!element?.isConnected || isOwnWarning(element)) continue;
        this.pending.add(node !== record.target && isBlockElement(element) ? element : (blockOf(element) ?? element));
      }
      if (record.type === 'childList' && record.removedNodes.length > 0) {
        // Removed cards only need their findings dropped; removed inline text changes its block's text.
        const onlyBlocks = [...record.removedNodes].every(
          (removed) => removed.nodeType === 1 && isBlockElement(removed as Element),
        );
        const target = record.target.nodeType === 1 ? (record.target as Element) : null;
        if (onlyBlocks) this.removed = true;
        else if (target?.isConnected) this.pending.add(blockOf(target) ?? target);
      }
    }
    if ((this.pending.size > 0 || this.removed) && this.timer === null && !this.signal.aborted) {
      this.timer = setTimeout(() => this.flush(), this.delayMs);
    }
  }

  private flush(): void {
    this.timer = null;
    const pending = new Set([...this.pending].filter((root) => root.isConnected));
    this.pending.clear();
    // Keep roots with no pending ancestor (linear in roots x depth; a batch may add thousands of cards).
    const roots = [...pending].filter((root) => {
      for (let up = root.parentElement; up; up = up.parentElement) if (pending.has(up)) return false;
      return true;
    });
    const removed = this.removed;
    this.removed = false;
    if (roots.length > 0 || removed) this.onBatch({ roots, removed });
  }

  private disconnect(): void {
    for (const observer of this.observers) observer.disconnect();
    this.observers.length = 0;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }
}

/** Mutations made by our own warnings must never trigger a rescan (that would loop). */
function isOwnMutation(record: MutationRecord): boolean {
  const target = record.target;
  if (target.nodeType === 1) {
    const element = target as Element;
    // Inside one of our (open, in the test build) shadow roots, or the host itself.
    const root = element.getRootNode();
    if (isOwnWarning(element) || (root.nodeType === 11 && isOwnWarning((root as ShadowRoot).host))) return true;
  }
  if (record.type !== 'childList') return false;
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.length > 0 && nodes.every((node) => node.nodeType === 1 && isOwnWarning(node as Element));
}
