/**
 * Turns an engine finding into what a person reads on the warning card: a verdict in plain words, the brand
 * path, and each applicable measure with its authority, date, status, scope and source. Pure, so the
 * content script, the popup, the evidence export and the tests all describe a finding the same way.
 */
import type { Finding } from '../engine/index';
import type { Profile } from '../settings/index';
import { type AppliedMeasure, applicableMeasures, SEVERITY_RANK } from '../watchlist/measures';
import type { MeasureScope, MeasureStatus, Watchlist } from '../watchlist/schema';
import { categoryBasisText, relationshipPhrase } from '../watchlist/wording';

export interface MeasureView {
  id: string;
  title: string;
  authority: string;
  instrument: string;
  jurisdiction: string;
  status: MeasureStatus;
  statusLabel: string;
  /** The date this vendor was listed, or the measure took effect. */
  date?: string;
  scopeText: string;
  /** A vendor-specific limit, e.g. the FCC's "to the extent used for..." wording. */
  qualifier?: string;
  /** For category measures: why it applies although it names no company. */
  basisText?: string;
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
  verdictLabel: string;
  kind: Finding['kind'];
  confidence: number;
  /** e.g. "HiLook: own brand of Hikvision". */
  path?: { brand: string; phrase: string; sourceUrl?: string; sourceTitle?: string };
  /** One line a person who has never heard of the FCC can understand. */
  headline: string;
  measures: MeasureView[];
  /** False when none of the measures is in a jurisdiction the user chose: the warning is shown quietly. */
  relevant: boolean;
  listVersion: number;
}

export const VERDICT_LABELS: Record<Finding['verdict'], string> = {
  'listed-vendor': 'Listed vendor',
  'brand-of-listed-vendor': 'Brand of listed vendor',
  'possible-match': 'Possible match: review',
};

const STATUS_LABELS: Record<MeasureStatus, string> = {
  'in-force': 'In force',
  proposed: 'Proposed',
  historical: 'Historical',
  withdrawn: 'Withdrawn',
};

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
    statusLabel: STATUS_LABELS[applied.status],
    date: applied.date,
    scopeText: measure.scopeText,
    qualifier: applied.qualifier,
    severity: applied.severity,
    scope: measure.scope,
    sourceUrl: source.url,
    sourceTitle: source.title,
  };
}

function headlineFor(vendorName: string, measures: MeasureView[]): string {
  const first = measures[0];
  if (!first) return `${vendorName} is on the VendorWatch list, but no measure applies to your settings.`;
  const others = measures.length > 1 ? ` and ${measures.length - 1} more` : '';
  return `${vendorName}: ${first.title} (${first.authority}, ${first.statusLabel.toLowerCase()}${first.date ? ` since ${first.date}` : ''})${others}.`;
}

/** Which jurisdiction each profile cares about first. */
const PROFILE_JURISDICTION: Record<Profile, string | null> = {
  'uk-public': 'GB',
  'us-federal': 'US',
  'au-government': 'AU',
  'tw-government': 'TW',
  consumer: null,
};

/** Restrictions a shopper meets at the till come first for consumers. */
const CONSUMER_SCOPES = new Set(['sales-ban', 'equipment-authorisation']);

/**
 * Orders measures for a profile: the profile's own jurisdiction first (for consumers: sales and equipment bans),
 * then measures that name the vendor before category measures, then by severity and date.
 */
export function orderForProfile(
  measures: MeasureView[],
  profile: Profile,
  jurisdictions: string[] = [],
): MeasureView[] {
  const home = PROFILE_JURISDICTION[profile];
  const chosen = new Set(jurisdictions);
  // The profile's own jurisdiction first, then the ones the user chose, then (for consumers) sales and
  // equipment bans; within each, measures that name the vendor before category measures, then severity.
  const rank = (m: MeasureView) =>
    (home && m.jurisdiction !== home ? 400 : 0) +
    (chosen.size > 0 && !chosen.has(m.jurisdiction) ? 200 : 0) +
    (!home && !CONSUMER_SCOPES.has(m.scope) ? 100 : 0) +
    (m.basisText ? 10 : 0) +
    SEVERITY_RANK[m.severity];
  return [...measures].sort((a, b) => rank(a) - rank(b) || (b.date ?? '').localeCompare(a.date ?? ''));
}

export function buildWarningView(
  list: Watchlist,
  finding: Finding,
  profile: Profile = 'consumer',
  jurisdictions: string[] = [],
): WarningView {
  const vendor = list.vendors.find((v) => v.id === finding.vendorId);
  const wanted = new Set(finding.measures);
  const applied = vendor ? applicableMeasures(list, vendor).filter((m) => wanted.has(m.measure.id)) : [];
  const measures = orderForProfile(
    applied.map((m) => {
      const view = measureView(m);
      if (vendor && m.basis === 'category') view.basisText = categoryBasisText(m.measure, vendor);
      return view;
    }),
    profile,
    jurisdictions,
  );
  const home = PROFILE_JURISDICTION[profile];
  const relevant =
    jurisdictions.length === 0 ||
    measures.some((m) => jurisdictions.includes(m.jurisdiction) || m.jurisdiction === home);
  const brand = finding.brand;
  return {
    vendorId: finding.vendorId,
    vendorName: finding.vendorName,
    evidence: finding.evidence.replace(/\s+/g, ' '),
    verdict: finding.verdict,
    verdictLabel: VERDICT_LABELS[finding.verdict],
    kind: finding.kind,
    confidence: finding.confidence,
    path: brand
      ? {
          brand: brand.name,
          phrase: relationshipPhrase(brand.relationship, finding.vendorName, brand.until),
          sourceUrl: brand.sources[0]?.url,
          sourceTitle: brand.sources[0]?.title,
        }
      : undefined,
    headline: headlineFor(finding.vendorName, measures),
    measures,
    relevant,
    listVersion: list.meta.version,
  };
}
