/**
 * Extra watchlists an organisation publishes for its own machines (set by enterprise policy), signed with the
 * organisation's key. Each is installed by the same updater as the main list, in its own storage namespace, and
 * merged on top of the list in force with its vendors and measures labelled as the organisation's.
 */
import type { Watchlist } from '../watchlist/schema';
import type { TrustedKey } from './keys';

export interface OrganisationList {
  url: string;
  keyId: string;
  /** The organisation's Ed25519 public key, base64. */
  publicKey: string;
  /** Shown next to its entries, e.g. "Example County Council". */
  label: string;
}

export const organisationNamespace = (list: OrganisationList) => `org:${list.keyId}`;

export const organisationKey = (list: OrganisationList): TrustedKey => ({
  keyId: list.keyId,
  publicKey: list.publicKey,
  label: list.label,
});

/** An empty list: the floor for an organisation list that has never been fetched. */
export const EMPTY_LIST: Watchlist = {
  meta: { schemaVersion: 1, version: 0, generatedAt: '1970-01-01T00:00:00Z', expiresAt: '9999-12-31T00:00:00Z' },
  measures: [],
  vendors: [],
};

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'organisation';

/**
 * The main list with the organisation lists on top. Their ids are prefixed so they never collide with the main
 * list's, and vendor names say whose list they come from.
 */
export function mergeOrganisationLists(base: Watchlist, extras: Array<{ label: string; list: Watchlist }>): Watchlist {
  if (extras.length === 0) return base;
  const measures = [...base.measures];
  const vendors = [...base.vendors];
  for (const { label, list } of extras) {
    const prefix = `org-${slug(label)}-`;
    const measureIds = new Set(list.measures.map((m) => m.id));
    measures.push(...list.measures.map((m) => ({ ...m, id: `${prefix}${m.id}`, title: `${m.title} (${label})` })));
    vendors.push(
      ...list.vendors.map((vendor) => ({
        ...vendor,
        id: `${prefix}${vendor.id}`,
        name: `${vendor.name} (${label})`,
        // The shown name says whose list it is; the vendor's own name is still matched.
        aliases: [vendor.name, ...vendor.aliases],
        // The organisation asked for these: they show even without a measure, like a user's own entries.
        userEntry: true,
        // Listings may point at the organisation's own measures or at the main list's.
        listings: vendor.listings.map((l) =>
          measureIds.has(l.measure) ? { ...l, measure: `${prefix}${l.measure}` } : l,
        ),
      })),
    );
  }
  return { ...base, measures, vendors };
}
