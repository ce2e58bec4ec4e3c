/**
 * The evidence record in the formats a procurement file needs: CSV for a spreadsheet, JSON for systems, and a
 * printable HTML report. All three are built from the same rows (./rows.ts): one per finding, measures by id, the
 * measures' details once per vendor. Everything from the page is escaped; nothing is rendered as markup.
 */
import { csvField } from '../documents/csv';
import { renderText } from '../i18n/index';
import { STATUS_LABELS } from '../present/warning-view';
import type { EvidenceReport } from './report';
import {
  csvCells,
  csvHeader,
  DECISION_WORDS,
  type EvidenceRow,
  evidenceRows,
  SCOPE_WORDS,
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

const plural = (count: number, one: string, other: string) =>
  `${count} ${new Intl.PluralRules('en').select(count) === 'one' ? one : other}`;

/** The first page: one line per vendor, so the reader sees the answer before the detail. */
const summaryTable = (summaries: VendorSummary[]) => `<table class="summary">
  <colgroup><col class="c-vendor"><col class="c-count"><col><col class="c-measures"></colgroup>
  <thead><tr><th>Vendor</th><th>Findings</th><th>Verdict</th><th>Measures</th></tr></thead><tbody>
${summaries
  .map(
    (s) =>
      `    <tr><td><a href="#vendor-${escapeHtml(s.vendorId)}">${escapeHtml(s.vendorName)}</a></td><td>${s.count}${s.dismissed > 0 ? ` <small>(${s.dismissed} dismissed)</small>` : ''}</td><td>${escapeHtml(s.verdictLine)}</td><td class="ids">${s.measureIds.map(escapeHtml).join(', ')}</td></tr>`,
  )
  .join('\n')}
  </tbody></table>`;

const decisionText = (row: EvidenceRow) =>
  row.dismissal
    ? `<span class="decision">${escapeHtml(DECISION_WORDS[row.dismissal.decision])} on ${escapeHtml(row.dismissal.at)}, for ${escapeHtml(SCOPE_WORDS[row.dismissal.scope])}${row.dismissal.reason ? `. Reason: ${escapeHtml(row.dismissal.reason)}` : ''}</span>`
    : '';

/** A vendor's findings (one line each) and the measures behind them (once). */
function vendorSection(summary: VendorSummary, rows: EvidenceRow[]): string {
  const where = (row: EvidenceRow) =>
    [row.file, row.location]
      .filter(Boolean)
      .map((part) => escapeHtml(part!))
      .join(', ');
  return `<section class="vendor" id="vendor-${escapeHtml(summary.vendorId)}">
  <h2>${escapeHtml(summary.vendorName)}: ${plural(summary.count, 'finding', 'findings')}</h2>
  <p class="verdict-line">${escapeHtml(summary.verdictLine)}</p>
  <table class="findings">
    <colgroup><col class="c-item"><col class="c-evidence"><col class="c-where"><col class="c-kind"></colgroup>
    <thead><tr><th>Product or lot</th><th>Matched text</th><th>Where</th><th>Verdict</th></tr></thead><tbody>
${rows
  .map(
    (row) =>
      `    <tr class="finding${row.dismissal ? ' dismissed' : ''}"><td>${escapeHtml(row.item)}</td><td>“${escapeHtml(row.evidence)}”${row.brandPath ? `<br><small>${escapeHtml(row.brandPath)}</small>` : ''}</td><td>${where(row)}</td><td>${escapeHtml(row.verdict)}${row.dismissal ? `<br>${decisionText(row)}` : ''}</td></tr>`,
  )
  .join('\n')}
  </tbody></table>
  ${
    summary.measures.length === 0
      ? '<p>No measure names this vendor.</p>'
      : `<table class="measures">
    <colgroup><col class="c-measure"><col class="c-authority"><col class="c-status"><col><col class="c-source"></colgroup>
    <thead><tr><th>Measure</th><th>Authority</th><th>Status, since</th><th>Scope</th><th>Source</th></tr></thead><tbody>
${summary.measures
  .map(
    (m) =>
      `    <tr><td>${escapeHtml(m.title)} (${escapeHtml(m.jurisdiction)})<br><small class="ids">${escapeHtml(m.id)}</small></td><td>${escapeHtml(m.authority)}</td><td>${escapeHtml(STATUS_LABELS[m.status])}${m.date ? `, ${escapeHtml(m.date)}` : ''}</td><td>${escapeHtml(m.scopeText)}${m.qualifier ? ` Only ${escapeHtml(m.qualifier)}.` : ''}${m.basis ? ` ${escapeHtml(renderText(m.basis))}` : ''}</td><td><a href="${escapeHtml(m.sourceUrl)}">${escapeHtml(m.sourceTitle)}</a><br><small class="url">${escapeHtml(m.sourceUrl)}</small></td></tr>`,
  )
  .join('\n')}
    </tbody></table>`
  }
</section>`;
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
.c-vendor{width:16%}.c-count{width:10%}.c-measures{width:30%}
.c-item{width:40%}.c-evidence{width:22%}.c-where{width:16%}.c-kind{width:22%}
.c-measure{width:24%}.c-authority{width:16%}.c-status{width:14%}.c-source{width:22%}
.ids{font-size:11px}.verdict-line{margin:2px 0 4px}
tr.dismissed td{color:#555}.decision{font-style:italic}
@media print{body{margin:0;max-width:none;padding:0;font-size:10pt}.no-print{display:none}a{color:#111}
thead{display:table-header-group}tr{break-inside:avoid}h2{break-after:avoid}small{font-size:8pt}}`;

/** A self-contained HTML report to print or save as PDF: a summary table first, then each vendor's findings. */
export function toPrintableHtml(report: EvidenceReport): string {
  const summaries = vendorSummaries(report.findings);
  const rows = evidenceRows(report);
  const dismissed = rows.filter((row) => row.dismissal).length;
  const sections = summaries
    .map((summary) =>
      vendorSection(
        summary,
        rows.filter((row) => row.vendorId === summary.vendorId),
      ),
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>VendorWatch report: ${escapeHtml(report.pageTitle)}</title>
<style>${REPORT_CSS}</style>
</head><body>
<h1>VendorWatch findings report</h1>
<dl>
  <dt>Page</dt><dd>${escapeHtml(report.pageTitle)}<br><small>${escapeHtml(report.pageUrl)}</small></dd>
  <dt>Captured</dt><dd>${escapeHtml(report.capturedAt)}</dd>
  <dt>Watchlist</dt><dd>version ${escapeHtml(report.watchlist.version)} (${escapeHtml(report.watchlist.source)}), generated ${escapeHtml(report.watchlist.generatedAt)}<br><small>SHA-256 of the list's canonical JSON (the published watchlist.json): ${escapeHtml(report.watchlist.sha256)}</small></dd>
  <dt>Watchlist reviewed</dt><dd>${escapeHtml(report.watchlist.reviewedOn)}${reviewedAgainst(report)}</dd>
  <dt>Findings</dt><dd>${rows.length}${dismissed > 0 ? ` (${dismissed} dismissed by the user, kept below and marked)` : ''}</dd>
</dl>
${summaries.length > 0 ? `<h2>Summary</h2>\n${summaryTable(summaries)}\n${sections}` : '<p>No restricted vendors were found on this page.</p>'}
<p><small>Produced locally by the VendorWatch browser extension; no page content was sent anywhere.</small></p>
</body></html>
`;
}
