/**
 * A site adapter's cards under a root: each outermost element matching the adapter's item selector (selectors may
 * match a card and an element inside it, a wrapper and its link), or the card the root itself sits in.
 */
import type { SiteAdapter } from './adapters/types';

interface CardsUnder {
  cards: Array<{ card: Element; anchor?: Element }>;
  /** The root is inside one card: nothing outside it needs reading. */
  insideCard: boolean;
}

function outermost(element: Element, selector: string): Element {
  let card = element;
  for (let up = card.parentElement?.closest(selector); up; up = up.parentElement?.closest(selector)) card = up;
  return card;
}

export function cardsUnder(root: Element, adapter: Pick<SiteAdapter, 'itemSelector' | 'titleSelector'>): CardsUnder {
  const inside = root.closest(adapter.itemSelector);
  const items = inside
    ? [outermost(inside, adapter.itemSelector)]
    : [...root.querySelectorAll(adapter.itemSelector)].filter((item) => outermost(item, adapter.itemSelector) === item);
  return {
    insideCard: inside !== null,
    cards: items.map((card) => {
      const anchor = card.querySelector(adapter.titleSelector);
      return anchor ? { card, anchor } : { card };
    }),
  };
}
