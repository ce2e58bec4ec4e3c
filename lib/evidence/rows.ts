/**
 * One row per finding, the shape every export shares (the popup's CSV and JSON, the Check documents page's, the
 * printable report's tables): what was found (vendor, the product or lot text, the matched words), where (page or
 * file and the place in it), the verdict, and the measures by id. Measure details are given once per vendor in
 * the summary, not repeated on every row. Pure.
 */
import { renderText } from '../i18n/english';
import { VERDICT_LABELS } from '../present/labels';
import { shortVerdict } from '../present/verdict';
import type { MeasureView } from '../present/warning-view';
import type { EvidenceDismissal, EvidenceFinding, EvidenceReport } from './report';

export interface EvidenceRow {
  vendorId: string;
  vendorName: string;
  /** The product or lot the finding is in: the start of its card, row or paragraph text. */
  item: string;
  /** The words that matched. */
  evidence: string;
  /** The document the finding is in (Check documents); absent for a page. */
  file?: string;
  /** Where in the page (its place among the page's findings) or in the file ("page 4", "Sheet1!B12"). */
  location: string;
  /** "Listed vendor", "Brand of listed vendor", "Possible match". */
  verdict: string;
  /** The answer for the reader's profile (lib/present/verdict.ts), in English. */
  verdictLine: string;
  /** "HiLook: own brand of Hikvision". */
  brandPath: string;
  /** Measure ids, most relevant first for the profile. */
  measures: string[];
  /** Present when the person dismissed the finding: the record keeps it, marked. */
  dismissal?: EvidenceDismissal;
}

const brandPath = (finding: EvidenceFinding) =>
  finding.path
    ? `${finding.path.brand}: ${renderText(finding.path.phraseText)}${finding.path.caveat ? ` (${finding.path.caveat})` : ''}`
    : '';

export function evidenceRow(finding: EvidenceFinding): EvidenceRow {
  return {
    vendorId: finding.vendorId,
    vendorName: finding.vendorName,
    item: finding.item ?? '',
    evidence: finding.evidence,
    ...(finding.file !== undefined ? { file: finding.file } : {}),
    location: finding.location ?? '',
    verdict: VERDICT_LABELS[finding.verdict],
    verdictLine: renderText(finding.verdictLineText),
    brandPath: brandPath(finding),
    measures: finding.measures.map((m) => m.id),
    ...(finding.dismissal ? { dismissal: finding.dismissal } : {}),
  };
}

export const evidenceRows = (report: EvidenceReport): EvidenceRow[] => report.findings.map(evidenceRow);

/** A vendor's findings in one line of the summary: how many, the verdict, and the measures behind it. */
export interface VendorSummary {
  vendorId: string;
  vendorName: string;
  count: number;
  /** Of `count`, how many the person dismissed. */
  dismissed: number;
  /**
   * The verdict most of the vendor's findings carry (the first seen on a tie), in one sentence: a shopper's without
   * the careful-buyer advice (see shortVerdict).
   */
  verdictLine: string;
  /** Every measure any of the vendor's findings names, by id, in the order first seen. */
  measureIds: string[];
  /** Those measures in full, once each. */
  measures: MeasureView[];
}

/**
 * Groups items by vendor, in the order each vendor first appears; the popup groups its finding summaries with it and
 * the exports their findings.
 */
export function groupByVendor<T extends { vendorId: string; vendorName: string }>(
  items: readonly T[],
): Array<{ vendorId: string; vendorName: string; items: T[] }> {
  const groups = new Map<string, { vendorId: string; vendorName: string; items: T[] }>();
  for (const item of items) {
    let group = groups.get(item.vendorId);
    if (!group) {
      group = { vendorId: item.vendorId, vendorName: item.vendorName, items: [] };
      groups.set(item.vendorId, group);
    }
    group.items.push(item);
  }
  return [...groups.values()];
}

/** The verdict most of `lines` say; the first seen wins a tie. */
export function commonest<T>(lines: readonly T[], key: (line: T) => string = String): T | undefined {
  const counts = new Map<string, number>();
  let best: T | undefined;
  let bestCount = 0;
  for (const line of lines) {
    const count = (counts.get(key(line)) ?? 0) + 1;
    counts.set(key(line), count);
    if (count > bestCount) {
      best = line;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The finding whose verdict line speaks for a vendor's findings: the commonest among its products, and only when
 * the vendor is merely mentioned (accessories "for Hikvision") the commonest mention.
 */
export function summaryFinding<T extends { verdict: string; verdictLineText: unknown }>(findings: readonly T[]): T {
  const products = findings.filter((f) => f.verdict !== 'mention');
  const pool = products.length > 0 ? products : findings;
  return commonest(pool, (f) => JSON.stringify(f.verdictLineText)) ?? pool[0]!;
}

export function vendorSummaries(findings: readonly EvidenceFinding[]): VendorSummary[] {
  return groupByVendor(findings).map(({ vendorId, vendorName, items }) => {
    const measures = new Map<string, MeasureView>();
    for (const finding of items) for (const m of finding.measures) if (!measures.has(m.id)) measures.set(m.id, m);
    return {
      vendorId,
      vendorName,
      count: items.length,
      dismissed: items.filter((f) => f.dismissal).length,
      verdictLine: renderText(shortVerdict(summaryFinding(items).verdictLineText)),
      measureIds: [...measures.keys()],
      measures: [...measures.values()],
    };
  });
}

/** How a dismissal reads in the record, in words a reader of the file understands. */
export const DECISION_WORDS = {
  dismissed: 'dismissed by the user',
  'not-this-vendor': 'marked "not this vendor" by the user',
} as const;
const SCOPE_WORDS = {
  item: 'this item',
  vendor: 'this vendor on this site',
  evidence: 'this matched text on this site',
} as const;
/** The same for a finding in a document (the Check documents page), where a dismissal applies to its file. */
const SCOPE_WORDS_IN_FILE = {
  item: 'this item',
  vendor: 'this vendor in this file',
  evidence: 'this matched text in this file',
} as const;

/** What a row's dismissal covered, in words: on a page its site, in a document its file. */
export const scopeWords = (row: EvidenceRow): string =>
  row.dismissal ? (row.file !== undefined ? SCOPE_WORDS_IN_FILE : SCOPE_WORDS)[row.dismissal.scope] : '';

/** Measure ids in one cell: `;` never appears in an id, and a spreadsheet splits on it when asked. */
const MEASURE_SEPARATOR = ';';

const CSV_COLUMNS = [
  'page',
  'captured_at',
  'watchlist_version',
  'watchlist_sha256',
  'watchlist_reviewed',
  'vendor',
  'vendor_name',
  'item',
  'evidence',
  'location',
  'verdict',
  'verdict_line',
  'brand_path',
  'measures',
  'decision',
  'decided_at',
  'decision_scope',
  'decision_reason',
] as const;

/** The CSV header: documents add the file each finding is in. */
export const csvHeader = (report: EvidenceReport): string[] =>
  report.findings.some((f) => f.file !== undefined) ? [...CSV_COLUMNS, 'file'] : [...CSV_COLUMNS];

/** A row's cells, in the header's order (as plain values; the caller quotes them). */
export function csvCells(report: EvidenceReport, row: EvidenceRow, withFile: boolean): Array<string | number> {
  const d = row.dismissal;
  return [
    report.pageUrl,
    report.capturedAt,
    report.watchlist.version,
    report.watchlist.sha256,
    report.watchlist.reviewedOn,
    row.vendorId,
    row.vendorName,
    row.item,
    row.evidence,
    row.location,
    row.verdict,
    row.verdictLine,
    row.brandPath,
    row.measures.join(MEASURE_SEPARATOR),
    d ? DECISION_WORDS[d.decision] : '',
    d?.at ?? '',
    scopeWords(row),
    d?.reason ?? '',
    ...(withFile ? [row.file ?? ''] : []),
  ];
}
