/** The check after placement: a pill with no box, or off screen while its card is on, is hidden by the page. */
import { describe, expect, it } from 'vitest';
import { hiddenByPage } from '../../../scanner/visibility';

const box = (left: number, top: number, width: number, height: number) => ({
  left,
  top,
  width,
  height,
  right: left + width,
  bottom: top + height,
});
const view = { width: 1280, height: 900 };

describe('hiddenByPage', () => {
  const card = box(100, 100, 300, 200);
  it('passes a pill with a box on screen, and any pill of a card that has no box', () => {
    expect(hiddenByPage(box(120, 110, 80, 16), card, view)).toBe(false);
    expect(hiddenByPage(box(0, 0, 0, 0), box(0, 0, 0, 0), view)).toBe(false);
    expect(hiddenByPage(null, card, view)).toBe(false);
  });
  it('flags a pill squeezed to nothing, or pushed off screen while its card is on it', () => {
    expect(hiddenByPage(box(120, 110, 0, 16), card, view)).toBe(true);
    expect(hiddenByPage(box(-99_999, 110, 80, 16), card, view)).toBe(true);
    // A card scrolled out of view takes its pill with it: that is not the page hiding it.
    expect(hiddenByPage(box(120, 2_000, 80, 16), box(100, 1_990, 300, 200), view)).toBe(false);
  });
});
