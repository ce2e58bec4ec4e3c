/**
 * The evidence record in the formats a procurement file needs: CSV for a spreadsheet, JSON for systems, and a
 * printable HTML report. All three are built from the same rows (./rows.ts): one per finding, measures by id, the
 * measures' details once per vendor. Everything from the page is escaped; nothing is rendered as markup.
 */
import { csvField } from '../documents/csv';
import { renderText } from '../i18n/english';
import { STATUS_LABELS } from '../present/labels';
import type { MeasureView } from '../present/warning-view';
import type { EvidenceReport } from './report';
import {
  csvCells,
  csvHeader,
  DECISION_WORDS,
  type EvidenceRow,
  evidenceRows,
  scopeWords,
  type VendorSummary,
  vendorSummaries,
} from './rows';

/** The record for systems: the page and list, a summary per vendor with its measures in full, one row per finding. */
export function toJson(report: EvidenceReport): string {
  const { findings, ...header } = report;
  const summary = vendorSummaries(findings).map(({ measures, measureIds: _ids, ...vendor }) => ({
    ...vendor,
    measures: measures.map((m) => ({
      id: m.id,
      title: m.title,
      authority: m.authority,
      instrument: m.instrument,
      jurisdiction: m.jurisdiction,
      status: m.status,
      ...(m.date ? { date: m.date } : {}),
      scope: m.scopeText,
      ...(m.qualifier ? { qualifier: m.qualifier } : {}),
      ...(m.basis ? { basis: renderText(m.basis) } : {}),
      sourceUrl: m.sourceUrl,
      sourceTitle: m.sourceTitle,
    })),
  }));
  return `${JSON.stringify({ ...header, summary, findings: evidenceRows(report) }, null, 2)}\n`;
}

/** One row per finding, each carrying page, time and list, so a spreadsheet can filter and pivot as it likes. */
export function toCsv(report: EvidenceReport): string {
  const header = csvHeader(report);
  const withFile = header.includes('file');
  const rows = evidenceRows(report).map((row) =>
    csvCells(report, row, withFile)
      .map((value) => csvField(value))
      .join(','),
  );
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

const escapeHtml = (text: string | number) =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The sources the list was compared with, each with its day and edition, for the printable report. */
const reviewedAgainst = (report: EvidenceReport) =>
  report.watchlist.reviewed.length === 0
    ? ' (no review recorded: the day the list was generated)'
    : `<ul>${report.watchlist.reviewed
        .map(
          (r) =>
            `<li>${escapeHtml(r.source)}: ${escapeHtml(r.date)}${r.against ? `, against ${escapeHtml(r.against)}` : ''}<br><small>${escapeHtml(r.url)}</small></li>`,
        )
        .join('')}</ul>`;

/** The first page: one line per vendor, so the reader sees the answer before the detail. */
const summaryTable = (summaries: VendorSummary[]) => `<table class="summary">
  <colgroup><col class="c-vendor"><col class="c-count"><col><col class="c-measures"></colgroup>
  <thead><tr><th>Vendor</th><th>Findings</th><th>Verdict</th><th>Measures</th></tr></thead><tbody>
${summaries
  .map(
    (s) =>
      `    <tr><td>${escapeHtml(s.vendorName)}</td><td>${s.count}${s.dismissed > 0 ? ` <small>(${s.dismissed} dismissed)</small>` : ''}</td><td>${escapeHtml(s.verdictLine)}</td><td class="ids">${s.measureIds.map(escapeHtml).join(', ')}</td></tr>`,
  )
  .join('\n')}
  </tbody></table>`;

const decisionText = (row: EvidenceRow) =>
  row.dismissal
    ? `<span class="decision">${escapeHtml(DECISION_WORDS[row.dismissal.decision])} on ${escapeHtml(row.dismissal.at)}, for ${escapeHtml(scopeWords(row))}${row.dismissal.reason ? `. Reason: ${escapeHtml(row.dismissal.reason)}` : ''}</span>`
    : '';

const where = (row: EvidenceRow) =>
  [row.file, row.location]
    .filter(Boolean)
    .map((part) => escapeHtml(part!))
    .join(', ');

/** Every finding, one line each, grouped by vendor in the summary's order. */
function findingsTable(summaries: VendorSummary[], rows: EvidenceRow[]): string {
  const ordered = summaries.flatMap((s) => rows.filter((row) => row.vendorId === s.vendorId));
  return `<table class="findings">
  <colgroup><col class="c-vendor"><col class="c-item"><col class="c-evidence"><col class="c-where"><col class="c-kind"></colgroup>
  <thead><tr><th>Vendor</th><th>Product or lot</th><th>Matched text</th><th>Where</th><th>Verdict</th></tr></thead><tbody>
${ordered
  .map(
    (row) =>
      `    <tr class="finding${row.dismissal ? ' dismissed' : ''}" data-vendor="${escapeHtml(row.vendorId)}"><td>${escapeHtml(row.vendorName)}</td><td>${escapeHtml(row.item)}</td><td>“${escapeHtml(row.evidence)}”${row.brandPath ? `<br><small>${escapeHtml(row.brandPath)}</small>` : ''}</td><td>${where(row)}</td><td>${escapeHtml(row.verdict)}${row.dismissal ? `<br>${decisionText(row)}` : ''}</td></tr>`,
  )
  .join('\n')}
  </tbody></table>`;
}

/**
 * Each measure once, with the vendors it names here (each with its own listing date and limits): most measures name
 * several of the vendors on a page, and repeating them per vendor is what made the report run to many pages.
 */
/**
 * A measure that names no company applies by category (e.g. ICT made by PRC companies): its wording is said once in
 * the scope, and each vendor's reason (where it is headquartered) beside its name, so vendors with the same reason
 * share a line.
 */
const categoryWording = (m: MeasureView) => {
  const wording = m.basis?.subs?.[0];
  return typeof wording === 'string' ? ` Applies by category, naming no company: ${escapeHtml(wording)}.` : '';
};
const categoryWhere = (m: MeasureView) => {
  const where = m.basis?.subs?.[2];
  return where && typeof where !== 'string' ? `: headquartered ${escapeHtml(renderText(where))}` : '';
};

function measuresTable(summaries: VendorSummary[]): string {
  // Per measure, the vendors it names here, those with the same listing date and limits together.
  const measures = new Map<
    string,
    { measure: MeasureView; names: Map<string, { terms: string; vendors: string[] }> }
  >();
  for (const summary of summaries) {
    for (const m of summary.measures) {
      const entry = measures.get(m.id) ?? { measure: m, names: new Map() };
      const terms = `${m.date ? ` (${escapeHtml(m.date)})` : ''}${m.qualifier ? `: only ${escapeHtml(m.qualifier)}` : ''}${categoryWhere(m)}`;
      const same = entry.names.get(terms) ?? { terms, vendors: [] };
      same.vendors.push(escapeHtml(summary.vendorName));
      entry.names.set(terms, same);
      measures.set(m.id, entry);
    }
  }
  if (measures.size === 0) return '';
  return `<h2>Measures</h2>
<table class="measures">
  <colgroup><col class="c-measure"><col class="c-names"><col><col class="c-source"></colgroup>
  <thead><tr><th>Measure</th><th>Names here</th><th>Scope</th><th>Source</th></tr></thead><tbody>
${[...measures.values()]
  .map(
    ({ measure: m, names }) =>
      `    <tr id="measure-${escapeHtml(m.id)}"><td><strong>${escapeHtml(m.title)}</strong> (${escapeHtml(m.jurisdiction)})<br>${escapeHtml(m.authority)} · ${escapeHtml(STATUS_LABELS[m.status])}<br><small class="ids">${escapeHtml(m.id)}</small></td><td>${[
        ...names.values(),
      ]
        .map(({ terms, vendors }) => `${vendors.join(', ')}${terms}`)
        .join(
          '<br>',
        )}</td><td>${escapeHtml(m.scopeText)}${categoryWording(m)}</td><td><a href="${escapeHtml(m.sourceUrl)}">${escapeHtml(m.sourceTitle)}</a><br><small class="url">${escapeHtml(m.sourceUrl)}</small></td></tr>`,
  )
  .join('\n')}
  </tbody></table>`;
}

/**
 * Fits A4 portrait: fixed table layouts with set column widths, long words and addresses broken anywhere, rows kept
 * whole, header rows repeated on each page; the Print button is not printed.
 */
const REPORT_CSS = `@page{size:A4 portrait;margin:14mm 12mm}
body{font:13px/1.4 system-ui,sans-serif;margin:2em auto;max-width:60rem;padding:0 1em;color:#111}
table{border-collapse:collapse;width:100%;table-layout:fixed;margin:6px 0 10px}
th,td{border:1px solid #999;padding:3px 5px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#eee}
small,.url,.ids,dd{overflow-wrap:anywhere}
h1{font-size:20px;margin:0 0 8px}h2{font-size:15px;margin:16px 0 4px}
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:2px 12px;margin:0 0 10px}dt{font-weight:600}dd{margin:0}
dd ul{margin:2px 0;padding-left:1.2em}
.c-vendor{width:15%}.c-count{width:12%}.c-measures{width:28%}
.c-item{width:33%}.c-evidence{width:18%}.c-where{width:14%}.c-kind{width:20%}
.c-measure{width:24%}.c-names{width:24%}.c-source{width:22%}
table.measures{font-size:12px}
.ids{font-size:11px}.page{margin:0 0 6px}
tr.dismissed td{color:#555}.decision{font-style:italic}
@media print{body{margin:0;max-width:none;padding:0;font-size:9.5pt}.no-print{display:none}a{color:#111}
thead{display:table-header-group}tr{break-inside:avoid}h2{break-after:avoid}small{font-size:7.5pt}table.measures{font-size:8.5pt}}`;

/**
 * A self-contained HTML report to print or save as PDF: a summary table first (vendor, count, verdict, measures),
 * then the record's details (page, time, list and its hash and reviews), every finding on one line, and each
 * measure once with its source.
 */
export function toPrintableHtml(report: EvidenceReport): string {
  const summaries = vendorSummaries(report.findings);
  const rows = evidenceRows(report);
  const dismissed = rows.filter((row) => row.dismissal).length;
  const body = `<h2>Findings</h2>
${findingsTable(summaries, rows)}
${measuresTable(summaries)}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>VendorWatch report: ${escapeHtml(report.pageTitle)}</title>
<style>${REPORT_CSS}</style>
</head><body>
<h1>VendorWatch findings report</h1>
<p class="page">${escapeHtml(report.pageTitle)}<br><small>${escapeHtml(report.pageUrl)}</small><br>Captured ${escapeHtml(report.capturedAt)} · watchlist version ${escapeHtml(report.watchlist.version)}</p>
${summaries.length > 0 ? `<h2>Summary</h2>\n${summaryTable(summaries)}` : '<p>No restricted vendors were found on this page.</p>'}
<h2>Record</h2>
<dl>
  <dt>Page</dt><dd>${escapeHtml(report.pageTitle)}<br><small>${escapeHtml(report.pageUrl)}</small></dd>
  <dt>Captured</dt><dd>${escapeHtml(report.capturedAt)}</dd>
  <dt>Watchlist</dt><dd>version ${escapeHtml(report.watchlist.version)} (${escapeHtml(report.watchlist.source)}), generated ${escapeHtml(report.watchlist.generatedAt)}<br><small>SHA-256 of the list's canonical JSON (the published watchlist.json): ${escapeHtml(report.watchlist.sha256)}</small></dd>
  <dt>Watchlist reviewed</dt><dd>${escapeHtml(report.watchlist.reviewedOn)}${reviewedAgainst(report)}</dd>
  <dt>Findings</dt><dd>${rows.length}${dismissed > 0 ? ` (${dismissed} dismissed by the user, kept below and marked)` : ''}</dd>
</dl>
${summaries.length > 0 ? body : ''}
<p><small>Produced locally by the VendorWatch browser extension; no page content was sent anywhere.</small></p>
</body></html>
`;
}
