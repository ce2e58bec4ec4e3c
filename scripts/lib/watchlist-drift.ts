/**
 * Compares the watchlist with an official list (read by official-lists.ts) for the vendors and brands in scope:
 * what is listed there and missing here, listed here and gone there, and dates that differ. Pure.
 *
 * An official entry belongs to a vendor when it contains one of the vendor's names (name, Latin legal names,
 * aliases, confirmed brands) as whole words, or when it cites the same statutory section as the vendor's listing
 * qualifier (the FCC's drone entry names DJI and Autel only through "Section 1709(a)(1) of the FY25 NDAA").
 */
import type { Measure, Vendor, Watchlist } from '../../lib/watchlist/schema';
import type { OfficialEntry, OfficialList, OfficialListKind } from './official-lists';

/** Which named measure of ours each official list is the source of. */
const MEASURE_OF: Record<OfficialListKind, string> = {
  'fcc-covered-list': 'us-fcc-covered-list',
  'dod-1260h': 'us-dod-1260h',
  'entity-list': 'us-entity-list',
};

const LIST_TITLE: Record<OfficialListKind, string> = {
  'fcc-covered-list': 'FCC Covered List',
  'dod-1260h': 'DoD section 1260H list',
  'entity-list': 'Entity List (Consolidated Screening List)',
};

interface Drift {
  list: OfficialList;
  /** Entries there that name a vendor with no listing here, or no vendor at all (FCC: every entry is in scope). */
  missingHere: Array<{ entry: OfficialEntry; vendor?: string }>;
  /** Category entries there (FCC "produced in a foreign country") with no category measure here. */
  categoryMissing: OfficialEntry[];
  /** Vendors listed here with no current entry there (`removed` when the source gives the entry an end date). */
  goneThere: Array<{ vendor: string; here: string[]; removed: boolean }>;
  /** The source's date for a vendor (or a category entry) differs from ours. */
  datesDiffer: Array<{ subject: string; here: string[]; there: string; entry: string }>;
  /** Vendors and category measures that agree. */
  agreeing: string[];
  /** Entries naming nothing in scope (DoD and Entity List name hundreds of companies outside our categories). */
  outOfScope: OfficialEntry[];
}

const normaliseName = (text: string): string =>
  ` ${text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;

/** The names an official entry may use for a vendor; unconfirmed brands are not in scope. */
function namesInScope(vendor: Vendor): string[] {
  const names = [
    vendor.name,
    ...vendor.legalNames.filter((l) => l.script === 'Latn').map((l) => l.name),
    ...vendor.aliases,
    ...vendor.brands.filter((b) => b.confirmed).flatMap((b) => [b.name, ...b.aliases]),
  ];
  return [...new Set(names.map(normaliseName))].filter((n) => n.trim().length >= 3);
}

const sectionsIn = (text: string) =>
  new Set([...text.matchAll(/section (\d+[a-z]?(?:\([0-9a-z]+\))+)/gi)].map((m) => m[1]!.toLowerCase()));

function entryNames(entry: OfficialEntry, vendor: Vendor, qualifiers: string[]): boolean {
  const text = normaliseName(entry.text);
  if (namesInScope(vendor).some((name) => text.includes(name))) return true;
  const cited = sectionsIn(entry.text);
  return qualifiers.some((q) => [...sectionsIn(q)].some((s) => cited.has(s)));
}

const isCategoryEntry = (entry: OfficialEntry) => /produced in a foreign country|foreign-produced/i.test(entry.text);

/** Our category measure for an FCC category entry: the same opening words ("Routers produced in a foreign ..."). */
function categoryMeasureFor(entry: OfficialEntry, measures: Measure[]): Measure | undefined {
  const opening = (text: string) => normaliseName(text).trim().split(' ').slice(0, 4).join(' ');
  return measures.find((m) => m.appliesTo.kind === 'category' && opening(m.appliesTo.wording) === opening(entry.text));
}

/** Our date (possibly `YYYY-MM` or `YYYY`) agrees with the source's day when it is a prefix of it. */
const sameDate = (here: string, there: string) => there.startsWith(here);

export function compareWithOfficialList(list: Watchlist, official: OfficialList): Drift {
  const measureId = MEASURE_OF[official.kind];
  const drift: Drift = {
    list: official,
    missingHere: [],
    categoryMissing: [],
    goneThere: [],
    datesDiffer: [],
    agreeing: [],
    outOfScope: [],
  };
  const claimed = new Set<OfficialEntry>();
  for (const vendor of list.vendors) {
    const listings = vendor.listings.filter(
      (l) => l.measure === measureId && l.confirmed !== false && l.status !== 'historical' && l.status !== 'withdrawn',
    );
    const rows = official.entries.filter((entry) =>
      entryNames(
        entry,
        vendor,
        listings.map((l) => l.qualifier ?? ''),
      ),
    );
    for (const row of rows) claimed.add(row);
    const current = rows.filter((row) => !row.ended);
    const here = listings.map((l) => l.date);
    if (!listings.length) {
      for (const entry of current) drift.missingHere.push({ entry, vendor: vendor.id });
      continue;
    }
    if (!current.length) {
      drift.goneThere.push({ vendor: vendor.id, here, removed: rows.length > 0 });
      continue;
    }
    const differing =
      official.kind === 'fcc-covered-list'
        ? // Each FCC entry is its own listing (Kaspersky has two): every entry's date must be one of ours.
          current.filter((row) => row.date && !here.some((d) => sameDate(d, row.date!)))
        : // The DoD and the Entity List list a company (and its affiliates) once: compare the first listing.
          [...rows]
            .filter((row) => row.date)
            .sort((a, b) => a.date!.localeCompare(b.date!))
            .slice(0, 1)
            .filter((row) => !here.some((d) => sameDate(d, row.date!)));
    for (const row of differing)
      drift.datesDiffer.push({ subject: vendor.id, here, there: row.date!, entry: row.text });
    if (!differing.length) drift.agreeing.push(vendor.id);
  }
  for (const entry of official.entries) {
    if (entry.ended) continue;
    const category = official.kind === 'fcc-covered-list' && isCategoryEntry(entry);
    // A category entry may also name vendors (the drone entry, through section 1709(a)(1)): check both.
    if (claimed.has(entry) && !category) continue;
    if (official.kind !== 'fcc-covered-list') {
      drift.outOfScope.push(entry);
      continue;
    }
    if (!category) {
      drift.missingHere.push({ entry });
      continue;
    }
    const measure = categoryMeasureFor(entry, list.measures);
    if (!measure) drift.categoryMissing.push(entry);
    else if (entry.date && measure.dates.announced !== entry.date)
      drift.datesDiffer.push({
        subject: measure.id,
        here: measure.dates.announced ? [measure.dates.announced] : [],
        there: entry.date,
        entry: entry.text,
      });
    else drift.agreeing.push(measure.id);
  }
  return drift;
}

export const hasDrift = (d: Drift) =>
  d.missingHere.length + d.categoryMissing.length + d.goneThere.length + d.datesDiffer.length > 0;

const clip = (text: string, max = 110) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Plain-text report, one section per file. */
export function formatDrift(d: Drift, options: { all?: boolean } = {}): string {
  const lines = [`${LIST_TITLE[d.list.kind]} (${d.list.file}): ${d.list.entries.length} entries`];
  const section = (title: string, items: string[]) => {
    if (items.length) lines.push(`  ${title}:`, ...items.map((item) => `    - ${item}`));
  };
  section('listed there, missing here', [
    ...d.missingHere.map(
      ({ entry, vendor }) =>
        `"${clip(entry.text)}" (${entry.date ?? 'no date'}): ${vendor ? `vendor ${vendor} has no ${MEASURE_OF[d.list.kind]} listing` : 'no vendor in the watchlist'}`,
    ),
    ...d.categoryMissing.map(
      (entry) => `category entry "${clip(entry.text)}" (${entry.date ?? 'no date'}): no category measure here`,
    ),
  ]);
  section(
    'listed here, gone there',
    d.goneThere.map(
      (g) =>
        `${g.vendor} (here since ${g.here.join(', ') || '?'}): ${g.removed ? 'ended there' : `not found in ${d.list.file}`}`,
    ),
  );
  section(
    'dates that differ',
    d.datesDiffer.map((x) => `${x.subject}: there ${x.there} ("${clip(x.entry, 70)}"), here ${x.here.join(', ')}`),
  );
  if (d.agreeing.length) lines.push(`  in agreement: ${d.agreeing.join(', ')}`);
  if (d.outOfScope.length) {
    lines.push(
      `  ${d.outOfScope.length} entries name no vendor or brand in the watchlist${options.all ? ':' : ' (--all lists them)'}`,
    );
    if (options.all) lines.push(...d.outOfScope.map((e) => `    - ${clip(e.text)} (${e.date ?? 'no date'})`));
  }
  if (!hasDrift(d)) lines.push('  no drift');
  return lines.join('\n');
}
