/**
 * Which measures apply to a vendor, and how serious each is. Named measures come from the vendor's own
 * listings; category measures (e.g. the UK direction on equipment "produced by companies subject to the National
 * Intelligence Law of the People's Republic of China") apply by the vendor's home jurisdiction and products.
 * Severity is derived from scope and status, never typed in by hand.
 */
import type { Listing, Measure, MeasureScope, MeasureStatus, Vendor, Watchlist } from './schema';

type Severity = 'high' | 'medium' | 'low' | 'info';

export interface AppliedMeasure {
  measure: Measure;
  basis: 'named' | 'category';
  listing?: Listing;
  qualifier?: string;
  status: MeasureStatus;
  /** When this vendor was listed (named) or the measure took effect (category). */
  date?: string;
  severity: Severity;
}

/** Restrictions on buying or using the equipment weigh most; export controls and advice least. */
const SCOPE_SEVERITY: Record<MeasureScope, Severity> = {
  'sales-ban': 'high',
  'equipment-authorisation': 'high',
  'federal-procurement': 'high',
  'government-ict': 'high',
  'government-sensitive-sites': 'high',
  'public-procurement-debarment': 'high',
  'telecom-network': 'medium',
  'defence-contracting': 'medium',
  'federal-subsidy': 'medium',
  'export-control': 'low',
  advisory: 'info',
};

export const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2, info: 3 };

function severityOf(scope: MeasureScope, status: MeasureStatus): Severity {
  if (status === 'withdrawn') return 'info';
  if (status === 'historical' || status === 'proposed') return 'low';
  return SCOPE_SEVERITY[scope];
}

/** One index per list of measures, however many vendors ask (an engine for 1,000 vendors asks 1,000 times). */
const indexes = new WeakMap<readonly Measure[], Map<string, Measure>>();
function measuresById(measures: readonly Measure[]): Map<string, Measure> {
  let index = indexes.get(measures);
  if (!index) {
    index = new Map(measures.map((m) => [m.id, m]));
    indexes.set(measures, index);
  }
  return index;
}

function appliesByCategory(measure: Measure, vendor: Vendor): boolean {
  const rule = measure.appliesTo;
  if (rule.kind !== 'category') return false;
  // An own entry whose maker's country the person did not give (ZZ): no measure is inferred from a guess.
  if (vendor.country === 'ZZ') return false;
  const home = rule.foreignTo ? vendor.country !== rule.foreignTo : rule.homeJurisdictions.includes(vendor.country);
  if (!home) return false;
  return (
    rule.productCategories.length === 0 || rule.productCategories.some((c) => vendor.productCategories.includes(c))
  );
}

/** Measures that apply to `vendor`: confirmed listings and matching category measures, never withdrawn ones. */
export function applicableMeasures(list: Watchlist, vendor: Vendor): AppliedMeasure[] {
  const byId = measuresById(list.measures);
  const applied: AppliedMeasure[] = [];
  for (const listing of vendor.listings) {
    const measure = byId.get(listing.measure);
    if (!measure || listing.confirmed === false) continue;
    const status = listing.status ?? measure.status;
    if (status === 'withdrawn') continue;
    applied.push({
      measure,
      basis: 'named',
      listing,
      qualifier: listing.qualifier,
      status,
      date: listing.date,
      severity: severityOf(measure.scope, status),
    });
  }
  const named = new Set(applied.map((a) => a.measure.id));
  for (const measure of list.measures) {
    if (named.has(measure.id) || measure.status === 'withdrawn' || !appliesByCategory(measure, vendor)) continue;
    applied.push({
      measure,
      basis: 'category',
      status: measure.status,
      date: measure.dates.effective ?? measure.dates.announced,
      severity: severityOf(measure.scope, measure.status),
    });
  }
  return applied.sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (b.date ?? '').localeCompare(a.date ?? ''),
  );
}
