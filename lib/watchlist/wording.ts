/**
 * The words a warning uses for a relationship follow the evidence: a reported OEM relabel is "reported to be
 * made by", never "owned by".
 *
 * Interface wording is localisable: these functions return a message key with substitutions (`LocalText`), which
 * the extension renders with the browser's i18n (`public/_locales`) and everything else (CLI, tests) renders in
 * English with `renderText`. Vendor names, authorities, measure titles and source titles are data and are passed
 * through as written. This module stays pure: no browser APIs.
 */
import english from '../../public/_locales/en/messages.json';
import type { Measure, Relationship, Vendor } from './schema';

export type MessageKey = keyof typeof english;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(english, key);
}

/** A localisable sentence: a message key and its substitutions ($1, $2, ... in the message), which may nest. */
export interface LocalText {
  key: MessageKey;
  subs?: Array<string | LocalText>;
}

/** Looks up a message in the reader's language; undefined (or empty) falls back to English. */
export type Translate = (key: MessageKey, substitutions: string[]) => string | undefined;

/** `$1`..`$9` replaced by the substitutions, `$$` by `$`, as browser.i18n.getMessage does. */
export function fillMessage(message: string, substitutions: string[]): string {
  return message.replace(/\$(\$|[1-9])/g, (whole, which: string) =>
    which === '$' ? '$' : (substitutions[Number(which) - 1] ?? whole),
  );
}

export function englishMessage(key: MessageKey, substitutions: string[] = []): string {
  return fillMessage(english[key].message, substitutions);
}

/** Renders localisable text with `translate`, or in English. */
export function renderText(text: LocalText, translate?: Translate): string {
  const subs = (text.subs ?? []).map((sub) => (typeof sub === 'string' ? sub : renderText(sub, translate)));
  return translate?.(text.key, subs) || englishMessage(text.key, subs);
}

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

export function relationshipPhrase(
  relationship: Relationship,
  vendorName: string,
  until?: string,
  translate?: Translate,
): string {
  return renderText(relationshipText(relationship, vendorName, until), translate);
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

export function categoryBasisText(measure: Measure, vendor: Vendor, translate?: Translate): string {
  const basis = categoryBasis(measure, vendor);
  return basis ? renderText(basis, translate) : '';
}
