/** How current the list in force is: the review day people see, and the 60-day warning. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDay, freshness, STALE_AFTER_DAYS } from '../../../lib/watchlist/freshness';
import { loadWatchlist } from '../../../lib/watchlist/index';

const meta = {
  generatedAt: '2026-11-30T00:00:00Z',
  reviewed: [
    { source: 'US Entity List', url: 'https://www.trade.gov/consolidated-screening-list', date: '2026-11-24' },
    { source: 'FCC Covered List', url: 'https://www.fcc.gov/supplychain/coveredlist', date: '2026-12-02' },
    { source: 'US DoD section 1260H list', url: 'https://www.war.gov/', date: '2026-12-02', against: 'June 2026' },
  ],
};

describe('freshness', () => {
  it('dates the list by its newest review and names the sources compared that day', () => {
    const result = freshness(meta, new Date('2026-12-10T12:00:00Z'));
    expect(result.reviewedOn).toBe('2026-12-02');
    expect(result.sources).toEqual(['FCC Covered List', 'US DoD section 1260H list']);
    expect(result.reviews.map((r) => r.date)).toEqual(['2026-12-02', '2026-12-02', '2026-11-24']);
    expect(result.ageDays).toBe(8);
    expect(result.stale).toBe(false);
  });

  it('is stale only after more than 60 days', () => {
    expect(STALE_AFTER_DAYS).toBe(60);
    // 2 Dec 2026 + 60 days = 31 Jan 2027; + 61 days = 1 Feb 2027.
    expect(freshness(meta, new Date('2027-01-31T23:59:59Z'))).toMatchObject({ ageDays: 60, stale: false });
    expect(freshness(meta, new Date('2027-02-01T00:00:00Z'))).toMatchObject({ ageDays: 61, stale: true });
  });

  it('counts a list that records no review from the day it was generated', () => {
    const result = freshness({ generatedAt: meta.generatedAt }, new Date('2027-03-01T00:00:00Z'));
    expect(result).toMatchObject({ reviewedOn: '2026-11-30', sources: [], reviews: [], ageDays: 91, stale: true });
  });

  it('never reports a negative age (a clock behind the review day)', () => {
    expect(freshness(meta, new Date('2026-11-01T00:00:00Z')).ageDays).toBe(0);
  });

  it('the bundled list records its reviews', () => {
    const list = loadWatchlist(
      JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
    );
    const result = freshness(list.meta, new Date(`${list.meta.reviewed![0]!.date}T12:00:00Z`));
    expect(result.sources.length).toBeGreaterThan(0);
    for (const review of list.meta.reviewed!) expect(review.url).toMatch(/^https:\/\//);
  });

  it('formats the day as that calendar day in any time zone', () => {
    expect(formatDay('2026-12-02', 'en-GB')).toBe('2 Dec 2026');
    expect(formatDay('2026-01-01', 'en-GB')).toBe('1 Jan 2026');
  });
});
