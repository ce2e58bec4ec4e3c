/**
 * The words a warning uses for a relationship follow the evidence: a reported OEM relabel is "reported to be
 * made by", never "owned by".
 *
 * These functions return localisable text (`LocalText`, see lib/i18n). Vendor names, authorities, measure titles
 * and source titles are data and are passed through as written.
 */
import type { LocalText, MessageKey } from '../i18n/index';
import type { Measure, Relationship, Vendor } from './schema';

const RELATIONSHIP_KEYS: Record<Relationship, MessageKey> = {
  brand: 'relationshipBrand',
  subsidiary: 'relationshipSubsidiary',
  'former-subsidiary': 'relationshipFormerSubsidiary',
  'reported-oem': 'relationshipReportedOem',
  'community-oem': 'relationshipCommunityOem',
  'technical-link': 'relationshipTechnicalLink',
  'reported-front': 'relationshipReportedFront',
};

export function relationshipText(relationship: Relationship, vendorName: string, until?: string): LocalText {
  if (relationship === 'former-subsidiary' && until) {
    return { key: 'relationshipFormerSubsidiaryUntil', subs: [vendorName, until] };
  }
  return { key: RELATIONSHIP_KEYS[relationship], subs: [vendorName] };
}

/** "in China", "in the United Kingdom": where a vendor is headquartered, as a phrase of its own per language. */
const COUNTRY_LOCATIVE_KEYS: Record<string, MessageKey> = {
  CN: 'countryInCN',
  RU: 'countryInRU',
  US: 'countryInUS',
  GB: 'countryInGB',
  TW: 'countryInTW',
  AU: 'countryInAU',
};

/** "in the United Kingdom" for GB; "in FR" where the interface has no name for the country. */
export function countryLocative(country: string): LocalText {
  const key = COUNTRY_LOCATIVE_KEYS[country];
  return key ? { key } : { key: 'countryInOther', subs: [country] };
}

/** Why a measure that names no company applies to this vendor, in the measure's own words. */
export function categoryBasis(measure: Measure, vendor: Vendor): LocalText | undefined {
  if (measure.appliesTo.kind !== 'category') return undefined;
  const where = countryLocative(vendor.country);
  return { key: 'categoryBasis', subs: [measure.appliesTo.wording, vendor.name, where] };
}
