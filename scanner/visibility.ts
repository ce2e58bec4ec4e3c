/**
 * After a warning is built, a check that the page has not hidden the pill by means the host's pinned styles cannot
 * reach (an ancestor's `text-indent: -9999px`, `overflow: hidden` with a fixed height, a zero-size container): the pill
 * must have a box, and be in view whenever its card is (below the fold inside a tall card is not hidden). A warning is
 * judged when it is built, which is when its card comes within the margin above or below the viewport where warnings
 * are built (reveal.ts), and never before (a waiting host has no pill to judge): so "in view" is the window's width
 * and, vertically, the window with that margin. A hidden pill is
 * moved to just after its card, once; if it is still hidden there, the host says so (`data-vendorwatch-hidden="page"`)
 * for the record.
 */
import { MARGIN } from './reveal';
import type { MountedWarning } from './warning-host';

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

/** The area a pill is judged in, in viewport coordinates: the window (left and top 0), or more around it. */
interface View {
  width: number;
  height: number;
  left?: number;
  top?: number;
}

const inView = (box: Box, view: View) =>
  box.width > 0 &&
  box.height > 0 &&
  box.right > (view.left ?? 0) &&
  box.bottom > (view.top ?? 0) &&
  box.left < (view.left ?? 0) + view.width &&
  box.top < (view.top ?? 0) + view.height;

/**
 * Whether the page hides a pill whose card has box `card`: no box of its own, or pushed off screen while the card is
 * on it. Below (or above) the fold is not hidden: a tall card straddling the window's edge has its pill off screen
 * and in place. So vertically the pill counts as pushed away only when it also lies outside its card's span, where
 * `withinCard` says it belongs (false once the pill has been moved to just after its card).
 */
export function hiddenByPage(pill: Box | null, card: Box, view: View, withinCard = true): boolean {
  // A card with no box is hidden by the page as a whole (or not laid out at all): nothing to say about the pill.
  if (!pill || card.width === 0 || card.height === 0) return false;
  if (pill.width === 0 || pill.height === 0) return true;
  if (!inView(card, view) || inView(pill, view)) return false;
  const left = view.left ?? 0;
  const offSideways = pill.right <= left || pill.left >= left + view.width;
  const outsideCardSpan = pill.bottom <= card.top || pill.top >= card.bottom;
  return offSideways || (withinCard && outsideCardSpan);
}

/** The window's width, and its height with the margin warnings are built in above and below. */
const judgedArea = (window: Window): View => ({
  width: window.innerWidth,
  top: -MARGIN.y * window.innerHeight,
  height: (1 + 2 * MARGIN.y) * window.innerHeight,
});

/**
 * Checks each newly built warning (one layout for all of them) and moves the hidden ones; returns how many were moved.
 * Warnings not built yet are not judged.
 */
export function keepVisible(placed: ReadonlyArray<{ mounted: MountedWarning; card: Element }>): number {
  const judged = (mounted: MountedWarning, card: Element, withinCard: boolean) => {
    const window = card.ownerDocument.defaultView;
    if (!window || !mounted.built || !mounted.host.isConnected) return false;
    return hiddenByPage(mounted.pillBox(), card.getBoundingClientRect(), judgedArea(window), withinCard);
  };
  const hidden = placed.filter(({ mounted, card }) => judged(mounted, card, true));
  for (const { mounted, card } of hidden) card.after(mounted.host);
  for (const { mounted, card } of hidden) {
    if (judged(mounted, card, false)) mounted.host.setAttribute('data-vendorwatch-hidden', 'page');
  }
  return hidden.length;
}
