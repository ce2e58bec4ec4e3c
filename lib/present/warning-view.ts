/**
 * Turns an engine finding into what a person reads on the warning card: a verdict in plain words, the brand
 * path, and each applicable measure with its authority, date, status, scope and source. Pure, so the
 * content script, the popup, the evidence export and the tests all describe a finding the same way.
 *
 * Each sentence is localisable text (`LocalText`: message key + substitutions, see lib/i18n), and only that: the
 * extension's interface renders it in the reader's language, the CLI and the exports in English (labels.ts).
 * Vendor names, measure titles, authorities and scope texts are data, in the list's own words.
 */
import type { Finding } from '../engine/index';
import type { LocalText, MessageKey } from '../i18n/index';
import type { Profile } from '../settings/index';
import { type AppliedMeasure, applicableMeasures, SEVERITY_RANK } from '../watchlist/measures';
import type { MeasureScope, MeasureStatus, Watchlist } from '../watchlist/schema';
import { categoryBasis, relationshipText } from '../watchlist/wording';
import { PROFILE_JURISDICTION, profileVerdict } from './verdict';

export interface MeasureView {
  id: string;
  title: string;
  authority: string;
  instrument: string;
  jurisdiction: string;
  status: MeasureStatus;
  /** The date this vendor was listed, or the measure took effect. */
  date?: string;
  scopeText: string;
  /** A vendor-specific limit, e.g. the FCC's "to the extent used for..." wording. */
  qualifier?: string;
  /** For category measures: why it applies although it names no company. */
  basis?: LocalText;
  severity: AppliedMeasure['severity'];
  scope: MeasureScope;
  sourceUrl: string;
  sourceTitle: string;
}

export interface WarningView {
  vendorId: string;
  vendorName: string;
  evidence: string;
  verdict: Finding['verdict'];
  kind: Finding['kind'];
  confidence: number;
  /** e.g. "HiLook: own brand of Hikvision". */
  path?: {
    brand: string;
    phraseText: LocalText;
    /** What the relationship alone does not say, in the list's words (see the brand's `caveat`). */
    caveat?: string;
    sourceUrl?: string;
    sourceTitle?: string;
  };
  /** The answer for this reader's profile, in plain words (see verdict.ts): the card's first line. */
  verdictLineText: LocalText;
  measures: MeasureView[];
  /**
   * False when none of the measures is in a jurisdiction the user chose: the warning is shown quietly (as a mention
   * always is, see `verdict`).
   */
  relevant: boolean;
  /** For the user's or organisation's own entry: why it is on their list, as they wrote it. */
  ownReason?: string;
  listVersion: number;
}

export const VERDICT_KEYS = {
  'listed-vendor': 'verdictListedVendor',
  'brand-of-listed-vendor': 'verdictBrandOfListedVendor',
  'possible-match': 'verdictPossibleMatch',
  mention: 'verdictMention',
} as const satisfies Record<Finding['verdict'], MessageKey>;

export const STATUS_KEYS = {
  'in-force': 'statusInForce',
  proposed: 'statusProposed',
  historical: 'statusHistorical',
  withdrawn: 'statusWithdrawn',
} as const satisfies Record<MeasureStatus, MessageKey>;

function measureView(applied: AppliedMeasure): MeasureView {
  const { measure } = applied;
  const vendorSource = applied.listing?.sources[0];
  const source = vendorSource ?? measure.sources.find((s) => s.primary) ?? measure.sources[0]!;
  return {
    id: measure.id,
    title: measure.title,
    authority: measure.authority,
    instrument: measure.instrument,
    jurisdiction: measure.jurisdiction,
    status: applied.status,
    date: applied.date,
    scopeText: measure.scopeText,
    qualifier: applied.qualifier,
    severity: applied.severity,
    scope: measure.scope,
    sourceUrl: source.url,
    sourceTitle: source.title,
  };
}

/**
 * The kinds of measure each reader acts on, most relevant first: a federal contractor's procurement rules, a public
 * body's rules on what government buys and installs, a shopper's rules on what may be sold.
 */
const PUBLIC_BODY_SCOPES: MeasureScope[] = [
  'government-sensitive-sites',
  'government-ict',
  'public-procurement-debarment',
  'federal-procurement',
  'telecom-network',
];
const SCOPE_PREFERENCE: Record<Profile, MeasureScope[]> = {
  'us-federal': ['federal-procurement', 'defence-contracting', 'government-ict', 'equipment-authorisation'],
  'uk-public': PUBLIC_BODY_SCOPES,
  'au-government': PUBLIC_BODY_SCOPES,
  'tw-government': PUBLIC_BODY_SCOPES,
  consumer: ['sales-ban', 'equipment-authorisation'],
};

/** Where the reader is: the profile's jurisdiction, or for a consumer their country (or first ticked jurisdiction). */
function readerJurisdiction(profile: Profile, jurisdictions: string[] = [], country = ''): string | null {
  return PROFILE_JURISDICTION[profile] ?? (country || jurisdictions[0] || null);
}

/**
 * Orders measures for a reader: their own jurisdiction first, then the other jurisdictions they ticked; within
 * each, the kinds of measure the profile acts on (see SCOPE_PREFERENCE), measures that name the vendor before
 * category measures, then severity and date.
 */
function orderForProfile(
  measures: MeasureView[],
  profile: Profile,
  jurisdictions: string[] = [],
  country = '',
): MeasureView[] {
  const home = readerJurisdiction(profile, jurisdictions, country);
  const chosen = new Set(jurisdictions);
  const preferred = SCOPE_PREFERENCE[profile];
  const scopeRank = (scope: MeasureScope) => {
    const index = preferred.indexOf(scope);
    return index === -1 ? preferred.length : index;
  };
  const rank = (m: MeasureView) =>
    (home && m.jurisdiction !== home ? 10_000 : 0) +
    (chosen.size > 0 && !chosen.has(m.jurisdiction) ? 5_000 : 0) +
    scopeRank(m.scope) * 100 +
    (m.basis ? 10 : 0) +
    SEVERITY_RANK[m.severity];
  return [...measures].sort((a, b) => rank(a) - rank(b) || (b.date ?? '').localeCompare(a.date ?? ''));
}

export function buildWarningView(
  list: Watchlist,
  finding: Finding,
  profile: Profile = 'consumer',
  jurisdictions: string[] = [],
  /** Where a consumer is (ISO code), for "is it legal to buy here?"; empty: unknown. */
  country = '',
): WarningView {
  const vendor = list.vendors.find((v) => v.id === finding.vendorId);
  const wanted = new Set(finding.measures);
  const applied = vendor ? applicableMeasures(list, vendor).filter((m) => wanted.has(m.measure.id)) : [];
  const measures = orderForProfile(
    applied.map((m) => {
      const view = measureView(m);
      const basis = vendor && m.basis === 'category' ? categoryBasis(m.measure, vendor) : undefined;
      if (basis) view.basis = basis;
      return view;
    }),
    profile,
    jurisdictions,
    country,
  );
  const home = readerJurisdiction(profile, jurisdictions, country);
  const relevant =
    jurisdictions.length === 0 ||
    measures.some((m) => jurisdictions.includes(m.jurisdiction) || m.jurisdiction === home);
  const brand = finding.brand;
  const phraseText = brand ? relationshipText(brand.relationship, finding.vendorName, brand.until) : undefined;
  // A mention (an accessory "for Hikvision") says so first, whatever the reader's profile: it is not the vendor's product.
  const verdictLineText: LocalText =
    finding.verdict === 'mention'
      ? { key: 'verdictLineMention', subs: [finding.vendorName] }
      : profileVerdict(finding.vendorName, measures, profile, home);
  return {
    vendorId: finding.vendorId,
    vendorName: finding.vendorName,
    evidence: finding.evidence.replace(/\s+/g, ' '),
    verdict: finding.verdict,
    kind: finding.kind,
    confidence: finding.confidence,
    path:
      brand && phraseText
        ? {
            brand: brand.name,
            phraseText,
            ...(brand.caveat ? { caveat: brand.caveat } : {}),
            sourceUrl: brand.sources[0]?.url,
            sourceTitle: brand.sources[0]?.title,
          }
        : undefined,
    verdictLineText,
    measures,
    relevant,
    ...(vendor?.userEntry && vendor.ownReason ? { ownReason: vendor.ownReason } : {}),
    listVersion: list.meta.version,
  };
}
