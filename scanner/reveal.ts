/**
 * Builds warnings as they approach the viewport. A results page of thousands of cards needs every finding counted at
 * once (badge, popup, exports) but only the warnings a person can scroll to soon built and laid out: each built
 * warning is a shadow root, a pill and a layout of its card. So a warning far from the viewport waits (its host is in
 * the page, bare) and is built when its card comes within `MARGIN` of the viewport, told by an IntersectionObserver.
 * The margin is generous (two viewports above and below, one either side) so scrolling never shows a card without
 * its warning; printing builds everything first. Find-in-page has no event to hook (Chromium's `beforematch` needs
 * the text already in the page): a search that scrolls to a card brings its warning in with it.
 */

/** The area, around the viewport, where warnings are built: as fractions of the viewport's width and height. */
export const MARGIN = { x: 1, y: 2 } as const;

/** `rootMargin` for the observer, the same area as `near`. */
const ROOT_MARGIN = `${MARGIN.y * 100}% ${MARGIN.x * 100}%`;

interface Area {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The viewport of `view` with the margin around it, in viewport coordinates. */
export function nearArea(view: { innerWidth: number; innerHeight: number }): Area {
  return {
    left: -MARGIN.x * view.innerWidth,
    top: -MARGIN.y * view.innerHeight,
    width: (1 + 2 * MARGIN.x) * view.innerWidth,
    height: (1 + 2 * MARGIN.y) * view.innerHeight,
  };
}

/**
 * Whether a box lies in the area (touching counts, as for the observer). A card with no box at all counts as near: it
 * may never get one the observer could see (`display: contents`), and a hidden card's warning costs no layout.
 */
export function inArea(
  box: { left: number; top: number; right: number; bottom: number; width: number; height: number },
  area: Area,
): boolean {
  if (box.width === 0 && box.height === 0) return true;
  return (
    box.right >= area.left &&
    box.left <= area.left + area.width &&
    box.bottom >= area.top &&
    box.top <= area.top + area.height
  );
}

interface Waiting<T> {
  target: Element;
  show: () => T | undefined;
}

interface RevealOptions<T> {
  /** The content script's life: when it aborts, nothing more is built and the observer disconnects. */
  signal: AbortSignal;
  /** Called with what each batch of `show`s returned, after they ran: one layout can judge them all. */
  onShown(shown: T[]): void;
  /** Defaults to the global IntersectionObserver; without one, warnings are built at once. */
  IntersectionObserver?: typeof IntersectionObserver;
}

export class Reveal<T> {
  private readonly waiting = new Map<Element, Set<Waiting<T>>>();
  private observer: IntersectionObserver | null = null;
  private readonly Observer: typeof IntersectionObserver | undefined;
  private readonly printing = new WeakSet<Window>();

  constructor(private readonly options: RevealOptions<T>) {
    this.Observer =
      options.IntersectionObserver ?? (typeof IntersectionObserver === 'function' ? IntersectionObserver : undefined);
    options.signal.addEventListener('abort', () => this.stop(), { once: true });
  }

  /** Whether `target` is in the area where warnings are built now (a layout read: call before writing to the page). */
  near(target: Element): boolean {
    const view = target.ownerDocument.defaultView;
    if (!view || !this.Observer) return true;
    return inArea(target.getBoundingClientRect(), nearArea(view));
  }

  /**
   * Calls `show` once `target` comes near the viewport (at once where the browser has no observer); returns what
   * cancels it (the warning was removed first). `show` may return undefined: nothing to judge.
   */
  whenNear(target: Element, show: () => T | undefined): () => void {
    if (this.options.signal.aborted) return () => undefined;
    if (!this.Observer) {
      this.shown([show()]);
      return () => undefined;
    }
    const waiting: Waiting<T> = { target, show };
    let set = this.waiting.get(target);
    if (!set) {
      set = new Set();
      this.waiting.set(target, set);
      this.observe(target);
    }
    set.add(waiting);
    this.printAll(target.ownerDocument.defaultView);
    return () => this.forget(waiting);
  }

  /** How many warnings wait (for tests and the benchmark's sanity check). */
  get pending(): number {
    let count = 0;
    for (const set of this.waiting.values()) count += set.size;
    return count;
  }

  /** Builds every waiting warning now (printing: paper has no viewport to approach). */
  showAll(): void {
    const all = [...this.waiting.values()].flatMap((set) => [...set]);
    this.waiting.clear();
    this.observer?.disconnect();
    this.shown(all.map(({ show }) => show()));
  }

  private observe(target: Element): void {
    if (!this.observer) {
      this.observer = new this.Observer!((entries) => this.onEntries(entries), { rootMargin: ROOT_MARGIN });
    }
    this.observer.observe(target);
  }

  private onEntries(entries: IntersectionObserverEntry[]): void {
    if (this.options.signal.aborted) return;
    const results: Array<T | undefined> = [];
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const set = this.waiting.get(entry.target);
      this.waiting.delete(entry.target);
      this.observer?.unobserve(entry.target);
      for (const { show } of set ?? []) results.push(show());
    }
    this.shown(results);
  }

  private shown(results: Array<T | undefined>): void {
    const shown = results.filter((result): result is T => result !== undefined);
    if (shown.length > 0) this.options.onShown(shown);
  }

  private forget(waiting: Waiting<T>): void {
    const set = this.waiting.get(waiting.target);
    if (!set?.delete(waiting) || set.size > 0) return;
    this.waiting.delete(waiting.target);
    this.observer?.unobserve(waiting.target);
  }

  /** Once per window (frames print with their page): everything is built before the page is printed. */
  private printAll(view: Window | null): void {
    if (!view || this.printing.has(view)) return;
    this.printing.add(view);
    view.addEventListener('beforeprint', () => this.showAll(), { signal: this.options.signal });
  }

  private stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.waiting.clear();
  }
}
