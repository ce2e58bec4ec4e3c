/**
 * Every site adapter over its fixture page, below the end-to-end tier: the adapter finds the fixture's cards, the
 * real matcher flags exactly the expected vendors in each card (the restricted products, never the traps), and
 * the warning goes on the card's title, inside the card and never inside a link. The browsers repeat this at the
 * sites' real addresses in tests/e2e/sites.e2e.ts.
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../lib/matching/index';
import { DEFAULT_SETTINGS } from '../../../lib/settings/index';
import { loadWatchlist } from '../../../lib/watchlist/index';
import { cardsUnder } from '../../../scanner/adapter-cards';
import { ADAPTERS } from '../../../scanner/adapters/index';
import { BlockWalker } from '../../../scanner/blocks';
import { placeWarning } from '../../../scanner/placement';
import { fixtureExpectations, fixtureMentions } from '../../fixtures/sites/expectations';

const list = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);
const matcher = createMatcher(list, DEFAULT_SETTINGS);

describe.each(ADAPTERS.map((adapter) => [adapter.id, adapter] as const))('site fixture %s', (id, adapter) => {
  const html = readFileSync(new URL(`../../fixtures/sites/${id}.html`, import.meta.url), 'utf8');

  it('finds the cards, flags the restricted ones on their titles and leaves the traps alone', () => {
    const { document } = parseHTML(html);
    const expected = fixtureExpectations(document);
    const mentions = fixtureMentions(document);
    const { cards } = cardsUnder(document.body, adapter);
    const byId = new Map(cards.map((card) => [card.card.id, card]));
    expect([...byId.keys()].filter((key) => key in expected).sort(), 'cards found').toEqual(
      Object.keys(expected).sort(),
    );
    expect(
      Object.values(expected).some((vendors) => vendors.length > 0),
      'a restricted card',
    ).toBe(true);
    expect(
      Object.values(expected).some((vendors) => vendors.length === 0),
      'a trap',
    ).toBe(true);

    const blocks = cards.map(({ card, anchor }) => {
      const walker = new BlockWalker(card, { single: true });
      walker.step();
      const [block] = walker.blocks();
      return block && { ...block, anchor };
    });
    const results = matcher.match(blocks.map((block) => block?.text ?? ''));
    cards.forEach(({ card, anchor }, index) => {
      if (!(card.id in expected)) return;
      const found = [...new Set(results[index]!.map((match) => match.finding.vendorId))];
      expect(found, `${id} ${card.id} vendors`).toEqual(expected[card.id]);
      if (found.length === 0) return;
      // An accessory is a mention of its vendors, every finding on it; a product of theirs has none.
      const verdicts = results[index]!.map((match) => match.finding.verdict === 'mention');
      expect(verdicts, `${id} ${card.id} mentions`).toEqual(verdicts.map(() => mentions[card.id]));
      expect(anchor, `${id} ${card.id} has a title`).toBeDefined();
      const host = document.createElement('vendorwatch-warning');
      placeWarning(blocks[index]!, results[index]![0]!.finding.start, host);
      expect(card.contains(host), `${id} ${card.id} warning inside the card`).toBe(true);
      expect(host.closest('a'), `${id} ${card.id} warning outside links`).toBeNull();
      expect(
        anchor!.contains(host) || host.previousElementSibling?.contains(anchor!) === true,
        `${id} ${card.id} warning on the title`,
      ).toBe(true);
    });
  });
});
