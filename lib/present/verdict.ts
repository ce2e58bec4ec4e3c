/**
 * The first line of a warning: the answer for this reader, in plain words. A US federal contractor reads what
 * section 889 and the FAR clause make them do; a UK public body reads what the UK instruction says and whom it
 * binds; a shopper reads whether it is legal to buy where they are, what the restrictions are about, and what a
 * careful buyer checks. Every sentence follows from the measures in the list (and their own scope texts), never
 * from opinion. Pure: returns localisable text.
 */
import type { LocalText, MessageKey } from '../i18n/index';
import type { Profile } from '../settings/index';
import type { MeasureScope } from '../watchlist/schema';
import { countryLocative } from '../watchlist/wording';

/** What the verdict needs of a measure (a MeasureView has it all). */
interface VerdictMeasure {
  id: string;
  title: string;
  authority: string;
  jurisdiction: string;
  scope: MeasureScope;
}

/** Which jurisdiction each public-body profile answers for; a consumer's is where they are (their country). */
export const PROFILE_JURISDICTION: Record<Profile, string | null> = {
  'uk-public': 'GB',
  'us-federal': 'US',
  'au-government': 'AU',
  'tw-government': 'TW',
  consumer: null,
};

/**
 * Measures whose consequence for a public buyer we can say in a sentence of our own, taken from the measure's
 * instrument and scope text in data/measures (the FAR clauses of section 889; the UK statement's reach).
 */
const MEASURE_VERDICTS: Record<string, MessageKey> = {
  'us-ndaa-889': 'verdictUs889',
  'uk-surveillance-sensitive-sites': 'verdictUkSensitiveSites',
  'au-commonwealth-cameras-2023': 'verdictAuCommonwealthSites',
  'tw-ey-prc-ict': 'verdictTwGovernmentIct',
};

/** What a kind of restriction is about, for a shopper. */
const SCOPE_ABOUT: Record<MeasureScope, MessageKey> = {
  'sales-ban': 'scopeAboutSales',
  'equipment-authorisation': 'scopeAboutSales',
  'federal-procurement': 'scopeAboutGovernment',
  'government-ict': 'scopeAboutGovernment',
  'government-sensitive-sites': 'scopeAboutGovernment',
  'public-procurement-debarment': 'scopeAboutGovernment',
  'defence-contracting': 'scopeAboutGovernment',
  'federal-subsidy': 'scopeAboutGovernment',
  'telecom-network': 'scopeAboutNetworks',
  'export-control': 'scopeAboutExports',
  advisory: 'scopeAboutAdvice',
};

/** The jurisdictions of `measures`, in order, once each: "US, AU, TW". */
function jurisdictionList(measures: readonly VerdictMeasure[]): string {
  return [...new Set(measures.map((m) => m.jurisdiction))].join(', ');
}

function consumerVerdict(vendorName: string, measures: readonly VerdictMeasure[], country: string | null): LocalText {
  const advice: LocalText = { key: 'verdictCarefulBuyer' };
  const withAdvice = (main: LocalText): LocalText => ({ key: 'verdictWithAdvice', subs: [main, advice] });
  const first = measures[0]!;
  if (!country) {
    return withAdvice({ key: 'verdictConsumerNoCountry', subs: [vendorName, { key: SCOPE_ABOUT[first.scope] }] });
  }
  const where = countryLocative(country);
  const home = measures.filter((m) => m.jurisdiction === country);
  const sales = home.find((m) => m.scope === 'sales-ban');
  if (sales) return withAdvice({ key: 'verdictConsumerSalesBan', subs: [vendorName, where, sales.title] });
  const authorisation = home.find((m) => m.scope === 'equipment-authorisation');
  if (authorisation) {
    return withAdvice({ key: 'verdictConsumerAuthorisation', subs: [vendorName, where, authorisation.authority] });
  }
  if (home.length === 0) {
    return withAdvice({ key: 'verdictConsumerLegalElsewhere', subs: [vendorName, where, jurisdictionList(measures)] });
  }
  return withAdvice({ key: 'verdictConsumerLegal', subs: [vendorName, where, { key: SCOPE_ABOUT[home[0]!.scope] }] });
}

/**
 * The verdict line for `profile`, given the measures in the order they are shown (most relevant first; see
 * orderForProfile). `country` is where a consumer is (their setting, or the first jurisdiction they ticked).
 */
export function profileVerdict(
  vendorName: string,
  measures: readonly VerdictMeasure[],
  profile: Profile,
  country: string | null,
): LocalText {
  const first = measures[0];
  if (!first) return { key: 'headlineNoMeasure', subs: [vendorName] };
  if (profile === 'consumer') return consumerVerdict(vendorName, measures, country);
  const home = PROFILE_JURISDICTION[profile]!;
  if (first.jurisdiction !== home) {
    return { key: 'verdictNothingAtHome', subs: [vendorName, countryLocative(home), jurisdictionList(measures)] };
  }
  const own = MEASURE_VERDICTS[first.id];
  if (own) return { key: own, subs: [vendorName] };
  return { key: 'verdictHomeMeasure', subs: [vendorName, first.title, first.authority] };
}

/**
 * The verdict in one sentence, for a summary line (the popup's): a shopper's verdict without the careful-buyer advice
 * the card adds after it.
 */
export function shortVerdict(text: LocalText): LocalText {
  const main = text.key === 'verdictWithAdvice' ? text.subs?.[0] : undefined;
  return main && typeof main !== 'string' ? main : text;
}
