/**
 * How current the list in force is, for people: the day it was last reviewed against the official sources
 * (`meta.reviewed`), and whether that is so long ago that the options page should warn. Pure: `now` is passed in.
 */
import type { ListMeta, Review } from './schema';

/** The options page warns when the list in force was last reviewed more than this many days ago. */
export const STALE_AFTER_DAYS = 60;

const DAY_MS = 86_400_000;

interface Freshness {
  /** The day (YYYY-MM-DD) the list was last reviewed; a list without reviews counts from the day it was generated. */
  reviewedOn: string;
  /** The sources compared on that day, by their short names. */
  sources: string[];
  /** Every review the list records, newest first. */
  reviews: Review[];
  /** Whole days from `reviewedOn` to now (0 for a date in the future). */
  ageDays: number;
  stale: boolean;
}

export function freshness(meta: Pick<ListMeta, 'generatedAt' | 'reviewed'>, now: Date): Freshness {
  const reviews = [...(meta.reviewed ?? [])].sort((a, b) => b.date.localeCompare(a.date));
  const reviewedOn = reviews[0]?.date ?? meta.generatedAt.slice(0, 10);
  const ageDays = Math.max(0, Math.floor((now.getTime() - Date.parse(`${reviewedOn}T00:00:00Z`)) / DAY_MS));
  return {
    reviewedOn,
    sources: reviews.filter((review) => review.date === reviewedOn).map((review) => review.source),
    reviews,
    ageDays,
    stale: ageDays > STALE_AFTER_DAYS,
  };
}

/** A calendar day (YYYY-MM-DD) as "2 Dec 2026" in `locale`; the day itself, whatever the reader's time zone. */
export function formatDay(day: string, locale?: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
