/** The watchlist: schema, loading, applicable measures and wording. */
import { type Vendor, type Watchlist, watchlistSchema } from './schema';

export * from './measures';
export * from './schema';
export * from './wording';

/** Validates `json` as a watchlist; throws an Error naming the first bad field. */
export function loadWatchlist(json: unknown): Watchlist {
  const result = watchlistSchema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new Error(`invalid watchlist at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

/**
 * Every name a vendor is known by: name, legal names, aliases, local names and script forms, context names, and its
 * brands with their aliases, script forms and context names.
 */
export function vendorNames(vendor: Vendor): string[] {
  return [
    vendor.name,
    ...vendor.legalNames.map((legal) => legal.name),
    ...vendor.aliases,
    ...vendor.localNames.map((local) => local.name),
    ...vendor.scriptForms,
    ...vendor.contextNames,
    ...vendor.brands.flatMap((brand) => [
      brand.name,
      ...brand.aliases,
      ...brand.localNames.map((local) => local.name),
      ...brand.scriptForms,
      ...brand.contextNames,
    ]),
  ];
}
