/**
 * Quirk: the Popover API is missing in older Chromium.
 *
 * An opened warning card goes into the top layer with showPopover(), above anything the page stacks. Firefox has
 * had it since 125 (our minimum is 142), Chromium since 114; the manifest sets no minimum Chrome version, so older
 * Chromium has no showPopover and the card's own `position: fixed` and top z-index keep it on top instead.
 * Compatibility: https://developer.mozilla.org/en-US/docs/Web/API/HTMLElement/showPopover#browser_compatibility
 */

/** Shows `card` in the top layer where the browser supports popovers; otherwise its fixed position keeps it on top. */
export function showInTopLayer(card: HTMLElement): void {
  const popover = card as HTMLElement & { showPopover?: () => void };
  if (typeof popover.showPopover !== 'function') return;
  try {
    popover.showPopover();
  } catch {
    // Not connected yet, or already shown: the fixed position still floats it.
  }
}
