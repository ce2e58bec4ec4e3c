/**
 * The words a warning uses for a relationship follow the evidence: a reported OEM relabel is "reported to be
 * made by", never "owned by".
 */
import type { Measure, Relationship, Vendor } from './schema';

export function relationshipPhrase(relationship: Relationship, vendorName: string, until?: string): string {
  switch (relationship) {
    case 'brand':
      return `own brand of ${vendorName}`;
    case 'subsidiary':
      return `subsidiary of ${vendorName}`;
    case 'former-subsidiary':
      return `former subsidiary of ${vendorName}${until ? ` (until ${until})` : ''}`;
    case 'reported-oem':
      return `reported to be made by ${vendorName}`;
    case 'community-oem':
      return `said by integrators to be made by ${vendorName} (unconfirmed)`;
    case 'technical-link':
      return `shares technical identifiers with ${vendorName} (not an ownership link)`;
    case 'reported-front':
      return `reported to be linked to ${vendorName}`;
  }
}

const COUNTRY_NAMES: Record<string, string> = {
  CN: 'China',
  RU: 'Russia',
  US: 'the United States',
  GB: 'the United Kingdom',
  TW: 'Taiwan',
  AU: 'Australia',
};

/** Why a measure that names no company applies to this vendor, in the measure's own words. */
export function categoryBasisText(measure: Measure, vendor: Vendor): string {
  if (measure.appliesTo.kind !== 'category') return '';
  const country = COUNTRY_NAMES[vendor.country] ?? vendor.country;
  return `Applies by category: ${measure.appliesTo.wording}. The measure names no company; ${vendor.name} is headquartered in ${country}.`;
}
