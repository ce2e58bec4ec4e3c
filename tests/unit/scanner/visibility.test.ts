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
    // Pushed far above or below its card while the card is on screen (a negative top, a clipped fixed-height box).
    expect(hiddenByPage(box(120, -99_999, 80, 16), card, view)).toBe(true);
    expect(hiddenByPage(box(120, 5_000, 80, 16), card, view)).toBe(true);
  });
  it('passes a pill below the fold inside a tall card that straddles the bottom of the window', () => {
    // AusTender's last notice in an 800x600 Firefox window: the card starts on screen, its "Full Details" pill is
    // in the card, 50 px below the fold. Moving it after the card would take it out of the notice.
    const straddling = box(12, 520, 760, 180);
    expect(hiddenByPage(box(105, 652, 195, 19), straddling, { width: 800, height: 600 })).toBe(false);
  });
  it('judges a pill already moved after its card by its box and sideways position only', () => {
    expect(hiddenByPage(box(12, 700, 195, 19), box(12, 520, 760, 180), { width: 800, height: 600 }, false)).toBe(false);
    expect(hiddenByPage(box(-9_999, 300, 195, 19), card, view, false)).toBe(true);
  });
});
