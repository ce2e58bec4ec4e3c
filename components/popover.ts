/**
 * Keeps an opened warning card floating above the page (in the top layer where the browser can, see
 * platform/quirks/popover.ts): next to its pill, inside the viewport; closed by Escape, a click outside or focus
 * leaving it; and only one open at a time. A floating card never changes the page's layout.
 */

/** Space kept between the card and the viewport's edges, and between the pill and the card. */
const EDGE = 8;
const GAP = 4;
/** The card's widest, for reading; narrower viewports get their width less the edges. */
const CARD_WIDTH = 420;

/** The one card open on this page (all warnings of a content script share this module). */
let openCard: { close(): void } | null = null;

/** Closes whichever card is open (one at a time) and remembers `card` as the open one. */
export function claimOpen(card: { close(): void }): () => void {
  if (openCard && openCard !== card) openCard.close();
  openCard = card;
  return () => {
    if (openCard === card) openCard = null;
  };
}

/** Puts `card` below `anchor` (above it when there is no room below), clamped inside the viewport. */
export function placeCard(card: HTMLElement, anchor: HTMLElement): void {
  const view = card.ownerDocument.defaultView;
  if (!view) return;
  const viewportWidth = card.ownerDocument.documentElement.clientWidth || view.innerWidth;
  const viewportHeight = view.innerHeight;
  card.style.maxWidth = `${Math.max(0, Math.min(CARD_WIDTH, viewportWidth - 2 * EDGE))}px`;
  card.style.maxHeight = `${Math.max(0, viewportHeight - 2 * EDGE)}px`;
  const pill = anchor.getBoundingClientRect();
  const box = card.getBoundingClientRect();
  const left = Math.max(EDGE, Math.min(pill.left, viewportWidth - box.width - EDGE));
  let top = pill.bottom + GAP;
  if (top + box.height > viewportHeight - EDGE) {
    const above = pill.top - GAP - box.height;
    top = above >= EDGE ? above : Math.max(EDGE, viewportHeight - EDGE - box.height);
  }
  card.style.left = `${Math.round(left)}px`;
  card.style.top = `${Math.round(top)}px`;
}

/**
 * While a card is open: follow its pill on scroll and resize, and close on Escape or a pointer press outside the
 * warning (`host`, which holds the pill and the card). Returns what undoes all of it.
 */
export function followAndDismiss(
  card: HTMLElement,
  anchor: HTMLElement,
  host: Element,
  close: (how: 'escape' | 'outside') => void,
): () => void {
  const doc = card.ownerDocument;
  const view = doc.defaultView;
  let frame = 0;
  const follow = () => {
    if (frame || !view) return;
    frame = view.requestAnimationFrame(() => {
      frame = 0;
      placeCard(card, anchor);
    });
  };
  const pointer = (event: Event) => {
    if (!event.composedPath().includes(host)) close('outside');
  };
  const key = (event: KeyboardEvent) => {
    if (event.key === 'Escape') close('escape');
  };
  view?.addEventListener('scroll', follow, { capture: true, passive: true });
  view?.addEventListener('resize', follow, { passive: true });
  doc.addEventListener('pointerdown', pointer, true);
  doc.addEventListener('keydown', key, true);
  return () => {
    if (frame) view?.cancelAnimationFrame(frame);
    view?.removeEventListener('scroll', follow, { capture: true });
    view?.removeEventListener('resize', follow);
    doc.removeEventListener('pointerdown', pointer, true);
    doc.removeEventListener('keydown', key, true);
  };
}
