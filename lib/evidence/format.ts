/**
 * The evidence record in the formats a procurement file needs: CSV for a spreadsheet, JSON for systems, and a
 * printable HTML report. Everything from the page is escaped; nothing is rendered as markup.
 */
import { csvField } from '../documents/csv';
import type { EvidenceFinding, EvidenceReport } from './report';

export function toJson(report: EvidenceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const CSV_HEADER = [
  'page',
  'captured_at',
  'watchlist_version',
  'watchlist_sha256',
  'watchlist_reviewed',
  'vendor',
  'vendor_name',
  'evidence',
  'verdict',
  'brand_path',
  'measure',
  'authority',
  'jurisdiction',
  'status',
  'date',
  'source',
  'decision',
  'decided_at',
  'decision_scope',
  'decision_reason',
];

/** How a dismissal reads in the record, in words a reader of the file understands. */
const DECISION_WORDS = {
  dismissed: 'dismissed by the user',
  'not-this-vendor': 'marked "not this vendor" by the user',
};
const SCOPE_WORDS = {
  item: 'this item',
  vendor: 'this vendor on this site',
  evidence: 'this matched text on this site',
};

/** The decision columns of a finding: empty for one still shown. */
const decisionFields = (finding: EvidenceFinding) =>
  finding.dismissal
    ? [
        DECISION_WORDS[finding.dismissal.decision],
        finding.dismissal.at,
        SCOPE_WORDS[finding.dismissal.scope],
        finding.dismissal.reason ?? '',
      ]
    : ['', '', '', ''];

/** One row per finding and measure, so a spreadsheet can filter by either. Document findings add file and location. */
export function toCsv(report: EvidenceReport): string {
  const fromDocuments = report.findings.some((finding) => finding.file !== undefined);
  const rows = [(fromDocuments ? [...CSV_HEADER, 'file', 'location'] : CSV_HEADER).join(',')];
  for (const finding of report.findings) {
    const measures = finding.measures.length > 0 ? finding.measures : [null];
    for (const measure of measures) {
      rows.push(
        [
          report.pageUrl,
          report.capturedAt,
          report.watchlist.version,
          report.watchlist.sha256,
          report.watchlist.reviewedOn,
          finding.vendorId,
          finding.vendorName,
          finding.evidence,
          finding.verdictLabel,
          finding.path
            ? `${finding.path.brand}: ${finding.path.phrase}${finding.path.caveat ? ` (${finding.path.caveat})` : ''}`
            : '',
          measure?.title ?? '',
          measure?.authority ?? '',
          measure?.jurisdiction ?? '',
          measure?.statusLabel ?? '',
          measure?.date ?? '',
          measure?.sourceUrl ?? '',
          ...decisionFields(finding),
          ...(fromDocuments ? [finding.file ?? '', finding.location ?? ''] : []),
        ]
          .map((value) => csvField(value))
          .join(','),
      );
    }
  }
  return `${rows.join('\n')}\n`;
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

const dismissedCount = (report: EvidenceReport) => report.findings.filter((finding) => finding.dismissal).length;

/** A self-contained HTML report to print or save as PDF. */
export function toPrintableHtml(report: EvidenceReport): string {
  const findings = report.findings
    .map(
      (finding) => `<section class="finding">
  <h2>${escapeHtml(finding.vendorName)}: ${escapeHtml(finding.verdictLabel)}${finding.dismissal ? ' (dismissed)' : ''}</h2>
  ${finding.dismissal ? `<p class="decision"><strong>Decision:</strong> ${escapeHtml(DECISION_WORDS[finding.dismissal.decision])} on ${escapeHtml(finding.dismissal.at)}, for ${escapeHtml(SCOPE_WORDS[finding.dismissal.scope])}${finding.dismissal.reason ? `. <strong>Reason:</strong> ${escapeHtml(finding.dismissal.reason)}` : ''}</p>\n  ` : ''}  ${finding.file !== undefined ? `<p><strong>File:</strong> ${escapeHtml(finding.file)}${finding.location ? `, ${escapeHtml(finding.location)}` : ''}</p>\n  ` : ''}<p><strong>Matched text:</strong> “${escapeHtml(finding.evidence)}”${finding.path ? `<br><strong>Why this vendor:</strong> ${escapeHtml(finding.path.brand)}: ${escapeHtml(finding.path.phrase)}${finding.path.caveat ? ` <em>${escapeHtml(finding.path.caveat)}</em>` : ''}` : ''}</p>
  <table><thead><tr><th>Measure</th><th>Authority</th><th>Status</th><th>Since</th><th>Scope</th><th>Source</th></tr></thead><tbody>
${finding.measures
  .map(
    (m) =>
      `    <tr><td>${escapeHtml(m.title)} (${escapeHtml(m.jurisdiction)})</td><td>${escapeHtml(m.authority)}</td><td>${escapeHtml(m.statusLabel)}</td><td>${escapeHtml(m.date ?? '')}</td><td>${escapeHtml(m.scopeText)}${m.qualifier ? ` Only ${escapeHtml(m.qualifier)}.` : ''}${m.basisText ? ` ${escapeHtml(m.basisText)}` : ''}</td><td><a href="${escapeHtml(m.sourceUrl)}">${escapeHtml(m.sourceTitle)}</a><br><small>${escapeHtml(m.sourceUrl)}</small></td></tr>`,
  )
  .join('\n')}
  </tbody></table>
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>VendorWatch report: ${escapeHtml(report.pageTitle)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:4px 6px;text-align:left;vertical-align:top}h1{font-size:20px}h2{font-size:16px;margin-top:1.5em}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}dt{font-weight:600}@media print{a{color:#111}}</style>
</head><body>
<h1>VendorWatch findings report</h1>
<dl>
  <dt>Page</dt><dd>${escapeHtml(report.pageTitle)}<br><small>${escapeHtml(report.pageUrl)}</small></dd>
  <dt>Captured</dt><dd>${escapeHtml(report.capturedAt)}</dd>
  <dt>Watchlist</dt><dd>version ${escapeHtml(report.watchlist.version)} (${escapeHtml(report.watchlist.source)}), generated ${escapeHtml(report.watchlist.generatedAt)}<br><small>SHA-256 of the list's canonical JSON (the published watchlist.json): ${escapeHtml(report.watchlist.sha256)}</small></dd>
  <dt>Watchlist reviewed</dt><dd>${escapeHtml(report.watchlist.reviewedOn)}${reviewedAgainst(report)}</dd>
  <dt>Findings</dt><dd>${report.findings.length}${dismissedCount(report) > 0 ? ` (${dismissedCount(report)} dismissed by the user, kept below and marked)` : ''}</dd>
</dl>
${findings || '<p>No restricted vendors were found on this page.</p>'}
<p><small>Produced locally by the VendorWatch browser extension; no page content was sent anywhere.</small></p>
</body></html>
`;
}
