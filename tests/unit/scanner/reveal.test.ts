/**
 * Warnings built as their cards approach the viewport (scanner/reveal.ts), in linkedom with a fake
 * IntersectionObserver and fake layout boxes: what is near is built at once, the rest waits in the page bare (the
 * public attributes, no box) and is built and judged when the observer says its card came near; every finding is
 * reported at once either way.
 */
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageFinding, PageScanner as PageScannerType } from '../../../scanner/page-scanner';
import { inArea, nearArea, Reveal } from '../../../scanner/reveal';
import { engineMatch, NO_USER_ACTIONS } from './engine-scanner';

const VIEW = { innerWidth: 1000, innerHeight: 800 };

/** A layout box at `top` (viewport coordinates), as getBoundingClientRect answers. */
const box = (top: number, height = 100, left = 0, width = 300) =>
  ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top }) as DOMRect;

/** Stands in for the browser's observer: the test says which targets intersect, as the browser would after a frame. */
class FakeObserver {
  static all: FakeObserver[] = [];
  readonly targets = new Set<Element>();
  disconnected = false;
  constructor(
    private readonly callback: IntersectionObserverCallback,
    readonly init?: IntersectionObserverInit,
  ) {
    FakeObserver.all.push(this);
  }
  observe(target: Element) {
    this.disconnected = false;
    this.targets.add(target);
  }
  unobserve(target: Element) {
    this.targets.delete(target);
  }
  disconnect() {
    this.disconnected = true;
    this.targets.clear();
  }
  /** Delivers entries for `targets` (observed or not: the browser may deliver a last entry after unobserve). */
  fire(targets: Element[], isIntersecting = true) {
    const entries = targets.map((target) => ({ target, isIntersecting }) as IntersectionObserverEntry);
    this.callback(entries, this as unknown as IntersectionObserver);
  }
}
const Observer = FakeObserver as unknown as typeof IntersectionObserver;
const lastObserver = () => FakeObserver.all.at(-1)!;

const page = (body: string) => {
  const { window, document } = parseHTML(`<!doctype html><html lang="en"><body>${body}</body></html>`);
  Object.assign(window, VIEW);
  return { window, document };
};

describe('the area where warnings are built', () => {
  const area = nearArea(VIEW);

  it('is the viewport with two viewports above and below and one either side, as the observer is told', () => {
    expect(area).toEqual({ left: -1000, top: -1600, width: 3000, height: 4000 });
    expect(inArea(box(100), area)).toBe(true);
    expect(inArea(box(2_350), area)).toBe(true);
    expect(inArea(box(-1_650), area)).toBe(true);
    expect(inArea(box(2_401), area)).toBe(false);
    expect(inArea(box(-1_701), area)).toBe(false);
    expect(inArea(box(100, 100, 2_001), area)).toBe(false);
    new Reveal({ signal: new AbortController().signal, onShown: () => undefined, IntersectionObserver: Observer })
      // The observer is only made when something waits.
      .whenNear(page('<p></p>').document.querySelector('p')!, () => undefined);
    expect(lastObserver().init).toEqual({ rootMargin: '200% 100%' });
  });

  it('counts a card with no box as near: it may never get one an observer could see (display: contents)', () => {
    expect(inArea(box(5_000, 0, 0, 0), area)).toBe(true);
  });
});

describe('Reveal', () => {
  const setup = (options: { observer?: boolean } = {}) => {
    const { window, document } = page('<div id="a"></div><div id="b"></div><div id="c"></div>');
    const controller = new AbortController();
    const batches: string[][] = [];
    const reveal = new Reveal<string>({
      signal: controller.signal,
      onShown: (shown) => batches.push(shown),
      ...(options.observer === false ? {} : { IntersectionObserver: Observer }),
    });
    const [a, b, c] = [...document.querySelectorAll('div')] as Element[] as [Element, Element, Element];
    return { window, document, controller, batches, reveal, a, b, c };
  };

  it('builds what waits when its card comes near, once, in one batch per observer callback', () => {
    const { batches, reveal, a, b, c } = setup();
    const built: string[] = [];
    const show = (name: string) => () => {
      built.push(name);
      return name;
    };
    reveal.whenNear(a, show('a1'));
    reveal.whenNear(a, show('a2'));
    reveal.whenNear(b, show('b'));
    reveal.whenNear(c, show('c'));
    const observer = lastObserver();
    // One observation per card, however many warnings it has.
    expect([...observer.targets]).toEqual([a, b, c]);
    expect(reveal.pending).toBe(4);

    // The observer's first report names every target; those far away stay waiting.
    observer.fire([b, c], false);
    expect(built).toEqual([]);
    observer.fire([a, b]);
    expect(built).toEqual(['a1', 'a2', 'b']);
    expect(batches).toEqual([['a1', 'a2', 'b']]);
    expect([...observer.targets]).toEqual([c]);
    // A late entry for a card already built builds nothing again.
    observer.fire([a]);
    expect(built).toEqual(['a1', 'a2', 'b']);
    expect(reveal.pending).toBe(1);
  });

  it('passes on only what was built for judging', () => {
    const { batches, reveal, a, b } = setup();
    reveal.whenNear(a, () => undefined);
    reveal.whenNear(b, () => 'b');
    lastObserver().fire([a, b]);
    expect(batches).toEqual([['b']]);
  });

  it('forgets a warning removed before its card came near, and stops observing a card with none left', () => {
    const { reveal, a } = setup();
    const built: string[] = [];
    const cancel1 = reveal.whenNear(a, () => void built.push('1'));
    const cancel2 = reveal.whenNear(a, () => void built.push('2'));
    cancel1();
    expect(lastObserver().targets.has(a)).toBe(true);
    cancel2();
    expect(lastObserver().targets.has(a)).toBe(false);
    lastObserver().fire([a]);
    expect(built).toEqual([]);
    expect(reveal.pending).toBe(0);
  });

  it('builds everything before the page is printed', () => {
    const { window, batches, reveal, a, b } = setup();
    reveal.whenNear(a, () => 'a');
    reveal.whenNear(b, () => 'b');
    window.dispatchEvent(new window.Event('beforeprint'));
    expect(batches).toEqual([['a', 'b']]);
    expect(reveal.pending).toBe(0);
    expect(lastObserver().disconnected).toBe(true);
    // Still works afterwards: a card added later waits again.
    reveal.whenNear(a, () => 'again');
    lastObserver().fire([a]);
    expect(batches.at(-1)).toEqual(['again']);
  });

  it('stops when the content script’s signal aborts: the observer disconnects and nothing more is built', () => {
    const { window, controller, batches, reveal, a } = setup();
    reveal.whenNear(a, () => 'a');
    const observer = lastObserver();
    controller.abort();
    expect(observer.disconnected).toBe(true);
    observer.fire([a]);
    window.dispatchEvent(new window.Event('beforeprint'));
    reveal.whenNear(a, () => 'late');
    expect(batches).toEqual([]);
  });

  it('builds at once where the browser has no IntersectionObserver', () => {
    const { batches, reveal, a } = setup({ observer: false });
    expect(reveal.near(a)).toBe(true);
    reveal.whenNear(a, () => 'a');
    expect(batches).toEqual([['a']]);
  });

  it('reads whether a card is near from its box', () => {
    const { reveal, a, b } = setup();
    a.getBoundingClientRect = () => box(500);
    b.getBoundingClientRect = () => box(9_000);
    expect([reveal.near(a), reveal.near(b)]).toEqual([true, false]);
  });
});

describe('PageScanner with warnings built near the viewport', () => {
  let PageScanner: typeof PageScannerType;

  beforeAll(async () => {
    // The warning's component renders with the document it is given; Preact only needs globals to exist.
    const { window, document } = page('');
    Object.assign(globalThis, { window, document, IntersectionObserver: Observer });
    ({ PageScanner } = await import('../../../scanner/page-scanner'));
  });
  afterAll(() => {
    Reflect.deleteProperty(globalThis, 'IntersectionObserver');
  });

  /**
   * A results page of cards `spacing` px apart (viewport coordinates, scrolled to the top); cards 0, 3, 6… name a
   * listed vendor. Layout is faked: a card's box is its place; a pill is laid out at the top of its card, or has no
   * box where the card has `data-hides-pills` (the page squeezed it away), or where it was moved out of its card.
   */
  const results = (count: number, spacing: number) => {
    const cards = Array.from({ length: count }, (_, i) => {
      const title = i % 3 === 0 ? `Hikvision DS-2CD2143G2-I dome ${i}` : `Axis M2025-LE bullet ${i}`;
      return `<div class="card" id="card-${i}"><h3>${title}</h3><p>In stock</p></div>`;
    });
    const { window, document } = page(`<main>${cards.join('')}</main>`);
    const place = new Map<Element, number>();
    for (const [i, card] of document.querySelectorAll('.card').entries()) place.set(card, i * spacing);
    const scrolled = { by: 0 };
    const Element = (window as unknown as { Element: typeof globalThis.Element }).Element;
    Element.prototype.getBoundingClientRect = function (this: Element) {
      const card = this.closest('.card');
      if (card) return box(place.get(card)! - scrolled.by, spacing);
      const host = (this.getRootNode() as ShadowRoot).host;
      const cardOfPill = host?.parentElement?.closest('.card');
      if (!cardOfPill || cardOfPill.hasAttribute('data-hides-pills')) return box(0, 0, 0, 0);
      return box(place.get(cardOfPill)! - scrolled.by, 16, 10, 90);
    };
    return { window, document, scrolled };
  };

  const scan = async (count: number, spacing: number, hides: number[] = []) => {
    const { document, scrolled } = results(count, spacing);
    for (const i of hides) document.getElementById(`card-${i}`)!.setAttribute('data-hides-pills', '');
    const controller = new AbortController();
    const reports: PageFinding[][] = [];
    const scanner = new PageScanner({
      doc: document,
      signal: controller.signal,
      match: engineMatch(),
      ...NO_USER_ACTIONS,
      onFindingsChanged: (findings) => reports.push(findings),
    });
    await scanner.start(document.body);
    const hosts = () => [...document.querySelectorAll('vendorwatch-warning')] as HTMLElement[];
    // The shadow root is closed outside the e2e build: a built host is told by its style.
    const built = () => hosts().filter((host) => host.getAttribute('style') !== 'display: none !important;');
    // Where a host is: in its card's title, or moved to just after the title (the block) by the visibility check.
    const cardOf = (host: Element) =>
      `${host.closest('.card')!.id}${host.parentElement!.localName === 'h3' ? '' : ', moved'}`;
    // Without an adapter each title is a block of its own: the observer watches titles.
    const title = (i: number) => document.querySelector(`#card-${i} h3`)!;
    return { document, controller, reports, scanner, hosts, built, cardOf, title, scrolled, observer: lastObserver() };
  };

  it('places and reports every finding at once, builds only the warnings near the viewport', async () => {
    // 30 cards 300 px apart: the viewport is 800 px tall, the area ends 2,400 px down (cards 0 to 8).
    const { reports, hosts, built, cardOf } = await scan(30, 300);
    expect(reports.at(-1)).toHaveLength(10);
    expect(hosts()).toHaveLength(10);
    // The public contract holds for every warning, built or waiting.
    for (const host of hosts()) {
      expect(host.getAttribute('data-vendorwatch-vendor')).toBe('hikvision');
      expect(host.getAttribute('data-vendorwatch-evidence')).toMatch(/Hikvision/);
      expect(host.getAttribute('data-vendorwatch-verdict')).toBeTruthy();
      expect(host.getAttribute('data-vendorwatch-measures')).toBeTruthy();
    }
    expect(hosts().map(cardOf)).toEqual(Array.from({ length: 10 }, (_, i) => `card-${i * 3}`));
    expect(built().map(cardOf)).toEqual(['card-0', 'card-3', 'card-6']);
    // A waiting host has no box: the page lays nothing out for it.
    expect(built()[0]!.getAttribute('style')).toMatch(/display: inline !important/);
  });

  it('builds a waiting warning when its card comes near, and only then judges whether the page hides it', async () => {
    const { document, hosts, built, cardOf, title, scrolled, observer, reports } = await scan(30, 300, [3, 27]);
    // Card 3 was near: built and judged at once (its pill had no box: moved after its block, still hidden there).
    expect(built().map(cardOf)).toEqual(['card-0', 'card-3, moved', 'card-6']);
    expect(document.querySelector('#card-3 vendorwatch-warning')!.getAttribute('data-vendorwatch-hidden')).toBe('page');
    const waiting = document.querySelector('#card-27 vendorwatch-warning')!;
    // Not built, so not judged: still in its card, not marked.
    expect(waiting.hasAttribute('data-vendorwatch-hidden')).toBe(false);
    expect(observer.targets.has(title(27))).toBe(true);
    expect(observer.targets.has(title(0))).toBe(false);

    // Scrolled down to it; the observer reports the titles that came into the area.
    scrolled.by = 27 * 300 - 200;
    observer.fire([title(24), title(27)]);
    // Built at once; judged after the next frame has laid them out (no frames here: the scanner's 100 ms fallback).
    expect(built().map(cardOf)).toEqual(['card-0', 'card-3, moved', 'card-6', 'card-24', 'card-27']);
    expect(waiting.hasAttribute('data-vendorwatch-hidden')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(built().map(cardOf)).toEqual(['card-0', 'card-3, moved', 'card-6', 'card-24', 'card-27, moved']);
    expect(waiting.getAttribute('data-vendorwatch-hidden')).toBe('page');
    expect(document.querySelector('#card-24 vendorwatch-warning')!.hasAttribute('data-vendorwatch-hidden')).toBe(false);
    // Nothing to report: every finding was counted at the first scan.
    expect(reports.at(-1)).toHaveLength(10);
    expect(hosts()).toHaveLength(10);
  });

  it('opens a waiting warning from the popup by building it first', async () => {
    const { scanner, built, cardOf } = await scan(30, 300);
    const finding = scanner.findings().find((f) => f.block.closest('.card')!.id === 'card-24')!;
    expect(built().map(cardOf)).not.toContain('card-24');
    finding.open();
    expect(built().map(cardOf)).toContain('card-24');
    expect(finding.host.getAttribute('style')).toMatch(/display: inline !important/);
  });

  it('stops on abort: warnings go, the observer disconnects, nothing waiting is built later', async () => {
    const { controller, hosts, title, observer } = await scan(30, 300);
    const far = title(27);
    controller.abort();
    expect(hosts()).toHaveLength(0);
    expect(observer.disconnected).toBe(true);
    observer.fire([far]);
    expect(hosts()).toHaveLength(0);
  });

  it('forgets waiting warnings whose card was removed', async () => {
    const { document, scanner, title, observer } = await scan(30, 300);
    const removed = title(27);
    expect(observer.targets.has(removed)).toBe(true);
    document.getElementById('card-27')!.remove();
    await scanner.refresh();
    expect(observer.targets.has(removed)).toBe(false);
  });
});
