/**
 * After placement, a check that the page has not hidden the pill by means the host's pinned styles cannot reach
 * (an ancestor's `text-indent: -9999px`, `overflow: hidden` with a fixed height, a zero-size container): the pill
 * must have a box, and be on screen whenever its card is (below the fold inside a tall card is not hidden). A hidden pill is moved to just after its card, once; if it
 * is still hidden there, the host says so (`data-vendorwatch-hidden="page"`) for the record.
 */
import type { MountedWarning } from './warning-host';

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

const onScreen = (box: Box, view: { width: number; height: number }) =>
  box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0 && box.left < view.width && box.top < view.height;

/**
 * Whether the page hides a pill whose card has box `card`: no box of its own, or pushed off screen while the card is
 * on it. Below (or above) the fold is not hidden: a tall card straddling the window's edge has its pill off screen
 * and in place. So vertically the pill counts as pushed away only when it also lies outside its card's span, where
 * `withinCard` says it belongs (false once the pill has been moved to just after its card).
 */
export function hiddenByPage(
  pill: Box | null,
  card: Box,
  view: { width: number; height: number },
  withinCard = true,
): boolean {
  // A card with no box is hidden by the page as a whole (or not laid out at all): nothing to say about the pill.
  if (!pill || card.width === 0 || card.height === 0) return false;
  if (pill.width === 0 || pill.height === 0) return true;
  if (!onScreen(card, view) || onScreen(pill, view)) return false;
  const offSideways = pill.right <= 0 || pill.left >= view.width;
  const outsideCardSpan = pill.bottom <= card.top || pill.top >= card.bottom;
  return offSideways || (withinCard && outsideCardSpan);
}

/** Checks each placed warning (one layout for all of them) and moves the hidden ones; returns how many were moved. */
export function keepVisible(placed: ReadonlyArray<{ mounted: MountedWarning; card: Element }>): number {
  const hidden = placed.filter(({ mounted, card }) => {
    const view = card.ownerDocument.defaultView;
    if (!view || !mounted.host.isConnected) return false;
    return hiddenByPage(mounted.pillBox(), card.getBoundingClientRect(), {
      width: view.innerWidth,
      height: view.innerHeight,
    });
  });
  for (const { mounted, card } of hidden) card.after(mounted.host);
  for (const { mounted, card } of hidden) {
    const view = card.ownerDocument.defaultView!;
    const still = hiddenByPage(
      mounted.pillBox(),
      card.getBoundingClientRect(),
      {
        width: view.innerWidth,
        height: view.innerHeight,
      },
      false,
    );
    if (still) mounted.host.setAttribute('data-vendorwatch-hidden', 'page');
  }
  return hidden.length;
}
