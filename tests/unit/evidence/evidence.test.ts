/** The evidence record (CSV, JSON, printable HTML) and the "Report a problem" issue, built from real findings. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { csvField, csvRows } from '../../../lib/documents/csv';
import { createEngine } from '../../../lib/engine/index';
import { toCsv, toJson, toPrintableHtml } from '../../../lib/evidence/format';
import {
  buildEvidenceReport,
  dismissedFindings,
  type EvidenceFinding,
  watchlistHash,
} from '../../../lib/evidence/report';
import { renderText } from '../../../lib/i18n/english';
import { buildWarningView, type WarningView } from '../../../lib/present/warning-view';
import { evidenceReportSchema, type FindingSummary, summariseView } from '../../../lib/protocol';
import { addressFor, buildProblemReport, ISSUE_TRACKER_URL } from '../../../lib/report/issue';
import type { Dismissal } from '../../../lib/storage';
import { loadWatchlist, type Watchlist } from '../../../lib/watchlist/index';

const publishedBytes = readFileSync(new URL('../../../public/watchlist.json', import.meta.url));
const rawList = JSON.parse(publishedBytes.toString('utf8')) as Watchlist;
const list = loadWatchlist(rawList);
const engine = createEngine(list);
const views = (text: string): WarningView[] =>
  engine.scanText(text).map((finding) => buildWarningView(list, finding, 'uk-public'));

const PAGE_URL = 'https://www.find-tender.service.gov.uk/Notice/012345-2025?token=secret#lot-2';

function report(findings: EvidenceFinding[], overrides: Partial<{ pageTitle: string; pageUrl: string }> = {}) {
  return buildEvidenceReport({
    pageUrl: overrides.pageUrl ?? PAGE_URL,
    pageTitle: overrides.pageTitle ?? 'CCTV upgrade – Find a Tender',
    now: new Date('2025-03-04T10:20:30Z'),
    list,
    source: 'bundled',
    findings,
  });
}

/** Replaces one finding's evidence, as if the page had said it. */
const withEvidence = (view: WarningView, evidence: string): WarningView => ({ ...view, evidence });

describe('csvField', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Dahua NVR, 16 channel')).toBe('"Dahua NVR, 16 channel"');
    expect(csvField('the "5000i" model')).toBe('"the ""5000i"" model"');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField('a; b\tc')).toBe('"a; b\tc"');
    expect(csvField(0.8)).toBe('0.8');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvField('=HYPERLINK("https://evil.example","click")')).toBe(
      '"\'=HYPERLINK(""https://evil.example"",""click"")"',
    );
    expect(csvField('+1+cmd|/C calc')).toBe("'+1+cmd|/C calc");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe('"\'\t=1"');
    // Only at the start, and never for numbers.
    expect(csvField('DS-2CD2143G2-I')).toBe('DS-2CD2143G2-I');
    expect(csvField(-1)).toBe('-1');
  });
});

describe('evidence report', () => {
  const findings = views('Hikvision DS-2CD2143G2-I dome camera; HiLook IPC-B140H bullet');

  it('names the list by version and by the SHA-256 of the published watchlist.json bytes', () => {
    const built = report(findings);
    expect(built.watchlist).toEqual({
      version: list.meta.version,
      generatedAt: list.meta.generatedAt,
      sha256: createHash('sha256').update(publishedBytes).digest('hex'),
      source: 'bundled',
      reviewedOn: '2026-12-02',
      reviewed: [...list.meta.reviewed!].sort((a, b) => b.date.localeCompare(a.date)),
    });
    expect(built.watchlist.reviewed.length).toBeGreaterThanOrEqual(3);
    expect(built.watchlist.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The same for the list as the extension holds it (imported JSON) and after the schema check (an update).
    expect(watchlistHash(rawList)).toBe(built.watchlist.sha256);
    expect(watchlistHash(list)).toBe(built.watchlist.sha256);
    // Any change to the list changes the hash.
    expect(watchlistHash({ ...list, meta: { ...list.meta, version: list.meta.version + 1 } })).not.toBe(
      built.watchlist.sha256,
    );
  });

  it('JSON: page, time and list, a summary per vendor with its measures in full, one row per finding', () => {
    const built = report(findings);
    const parsed = JSON.parse(toJson(built)) as {
      pageUrl: string;
      capturedAt: string;
      watchlist: unknown;
      summary: Array<{
        vendorId: string;
        count: number;
        verdictLine: string;
        measures: Array<{ id: string; sourceUrl: string }>;
      }>;
      findings: Array<{ vendorId: string; evidence: string; verdict: string; measures: string[] }>;
    };
    expect(Object.keys(parsed)).toEqual(['pageUrl', 'pageTitle', 'capturedAt', 'watchlist', 'summary', 'findings']);
    expect(parsed.watchlist).toEqual(built.watchlist);
    expect(parsed.capturedAt).toBe('2025-03-04T10:20:30.000Z');
    expect(parsed.findings.map((f) => f.vendorId)).toEqual(findings.map((f) => f.vendorId));
    const first = parsed.findings[0]!;
    expect(first).toMatchObject({ vendorId: 'hikvision', evidence: 'Hikvision', verdict: 'Listed vendor' });
    expect(first.measures).toEqual(findings[0]!.measures.map((m) => m.id));
    // Both findings are Hikvision's: one summary line, its measures once each, with their sources.
    expect(parsed.summary).toHaveLength(1);
    expect(parsed.summary[0]).toMatchObject({ vendorId: 'hikvision', count: findings.length });
    expect(parsed.summary[0]!.verdictLine).toBe(renderText(findings[0]!.verdictLineText));
    const ids = parsed.summary[0]!.measures.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(findings.flatMap((f) => f.measures.map((m) => m.id))));
    expect(parsed.summary[0]!.measures.every((m) => m.sourceUrl.startsWith('https://'))).toBe(true);
    expect(toJson(built).endsWith('}\n')).toBe(true);
  });

  it('CSV: one row per finding, measures by id joined with ";", every row carrying page, time and list', () => {
    const built = report(findings.map((f) => ({ ...f, item: `${f.evidence} camera, 4 MP`, location: 'finding 1' })));
    const rows = csvRows(toCsv(built).trimEnd());
    expect(rows[0]).toEqual([
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
    ]);
    expect(rows.length - 1).toBe(findings.length);
    for (const row of rows.slice(1)) {
      expect(row.length).toBe(18);
      expect(row.slice(0, 5)).toEqual([
        PAGE_URL,
        built.capturedAt,
        String(list.meta.version),
        built.watchlist.sha256,
        '2026-12-02',
      ]);
    }
    // csvRows splits on ";" too, so read the measures cell from the raw line: one quoted cell.
    const firstLine = toCsv(built).split('\n')[1]!;
    expect(firstLine).toContain(`"${findings[0]!.measures.map((m) => m.id).join(';')}"`);
    const hilook = rows.find((r) => r[8] === 'HiLook')!;
    expect(hilook[7]).toBe('HiLook camera, 4 MP');
    expect(hilook[9]).toBe('finding 1');
    expect(hilook[12]).toBe('HiLook: own brand of Hikvision');
  });

  it('CSV: page-derived text with commas, quotes, line breaks and formulas survives and is neutralised', () => {
    const nasty = '=cmd|"/C calc"!A0, then\nmore';
    const built = report([{ ...withEvidence(findings[0]!, nasty), item: '@SUM(1+1), lot 3', measures: [] }], {
      pageUrl: 'https://shop.example/p?a=1,2',
    });
    const rows = csvRows(toCsv(built));
    expect(rows).toHaveLength(2);
    expect(rows[1]![0]).toBe('https://shop.example/p?a=1,2');
    expect(rows[1]![7]).toBe("'@SUM(1+1), lot 3");
    expect(rows[1]![8]).toBe(`'${nasty}`);
    expect(rows[1]!.length).toBe(18);
  });

  it('CSV: a finding with no measures still gets its row', () => {
    const rows = csvRows(toCsv(report([{ ...findings[0]!, measures: [] }])).trimEnd());
    expect(rows).toHaveLength(2);
    expect(rows[1]![13]).toBe('');
  });

  it('printable HTML: page title, address and evidence appear as text, never as markup', () => {
    const title = '<img src=x onerror=alert(1)>';
    const evil = { ...withEvidence(findings[0]!, '<script>alert("x")</script>'), item: '<b onclick=x>lot</b>' };
    const html = toPrintableHtml(
      report([evil], { pageTitle: title, pageUrl: 'https://shop.example/?q="><svg onload=alert(2)>' }),
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<svg');
    expect(html).not.toContain('<b ');
    const { document } = parseHTML(html);
    expect(document.querySelectorAll('img, script, svg, b').length).toBe(0);
    expect(document.querySelector('title')!.textContent).toBe(`VendorWatch report: ${title}`);
    expect(document.querySelector('dd')!.textContent).toContain(title);
    expect(document.querySelector('dd small')!.textContent).toBe('https://shop.example/?q="><svg onload=alert(2)>');
    const cells = document.querySelectorAll('tr.finding td');
    expect(cells[1]!.textContent).toBe('<b onclick=x>lot</b>');
    expect(cells[2]!.textContent).toContain('“<script>alert("x")</script>”');
  });

  it('printable HTML: a summary table first, then every finding on a line, then each measure once', () => {
    const dahua = views('Dahua NVR5216-16P-4KS2E recorder');
    const built = report([...findings, ...dahua]);
    const { document } = parseHTML(toPrintableHtml(built));
    const summary = document.querySelector('table.summary')!;
    const html = document.body.innerHTML;
    expect(html.indexOf('class="summary"')).toBeLessThan(html.indexOf('class="findings"'));
    expect(html.indexOf('class="findings"')).toBeLessThan(html.indexOf('class="measures"'));
    const lines = [...summary.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent),
    );
    expect(lines.map((l) => l[0])).toEqual(['Hikvision', 'Dahua Technology']);
    expect(lines[0]![1]).toBe(String(findings.length));
    expect(lines[0]![2]).toBe(renderText(findings[0]!.verdictLineText));
    expect(lines[0]![3]).toContain(findings[0]!.measures[0]!.id);
    expect(document.querySelectorAll('tr.finding').length).toBe(findings.length + dahua.length);
    // Each measure once, naming the vendors here it applies to; its source linked once.
    const all = new Set([...findings, ...dahua].flatMap((f) => f.measures.map((m) => m.id)));
    const measureRows = [...document.querySelectorAll('table.measures tbody tr')];
    expect(measureRows.map((tr) => tr.getAttribute('id'))).toEqual([...all].map((id) => `measure-${id}`));
    const links = [...document.querySelectorAll('table.measures a')].map((a) => a.getAttribute('href'));
    expect(links).toHaveLength(all.size);
    expect(links.every((href) => href?.startsWith('https://'))).toBe(true);
    const shared = document.querySelector('#measure-us-ndaa-889')!.querySelectorAll('td')[1]!.textContent!;
    expect(shared).toContain('Hikvision');
    expect(shared).toContain('Dahua Technology');
    expect(document.body.textContent).toContain(
      `SHA-256 of the list's canonical JSON (the published watchlist.json): ${built.watchlist.sha256}`,
    );
    expect(document.body.textContent).toContain('HiLook: own brand of Hikvision');
    // How current the list was: the review day and each source compared, with its edition.
    const reviewed = [...document.querySelectorAll('dt')].find((dt) => dt.textContent === 'Watchlist reviewed')!;
    const items = [...reviewed.nextElementSibling!.querySelectorAll('li')].map((li) => li.textContent);
    expect(reviewed.nextElementSibling!.textContent).toMatch(/^2026-12-02/);
    expect(items).toHaveLength(list.meta.reviewed!.length);
    expect(items.some((item) => item?.startsWith('FCC Covered List: 2026-12-02, against '))).toBe(true);
  });

  it('a list that records no review is dated by the day it was generated, and says so', () => {
    const unreviewed = { ...list, meta: { ...list.meta, reviewed: undefined } };
    const built = buildEvidenceReport({
      pageUrl: PAGE_URL,
      pageTitle: 'x',
      now: new Date('2027-01-01T00:00:00Z'),
      list: unreviewed,
      source: 'update',
      findings,
    });
    expect(built.watchlist.reviewedOn).toBe(list.meta.generatedAt.slice(0, 10));
    expect(built.watchlist.reviewed).toEqual([]);
    expect(csvRows(toCsv(built))[1]![4]).toBe(list.meta.generatedAt.slice(0, 10));
    expect(toPrintableHtml(built)).toContain('(no review recorded: the day the list was generated)');
  });

  it('printable HTML: says so when nothing was found', () => {
    expect(toPrintableHtml(report([]))).toContain('No restricted vendors were found on this page.');
  });
});

describe('problem report', () => {
  const view = views('Dahua Technology NVR5216-16P-4KS2E, sold with a free mount')[0]!;
  const finding: FindingSummary = summariseView(view);
  const build = (detail: 'none' | 'site' | 'path' | 'full') =>
    buildProblemReport({ finding, pageUrl: PAGE_URL, detail, listVersion: 42, extensionVersion: '0.1.0' });

  it('includes the finding, its measures and the versions, and opens the project tracker', () => {
    const report = build('site');
    expect(report.title).toBe(`Possible wrong finding: ${finding.vendorName} (“${finding.evidence}”)`);
    expect(report.body).toContain(`- Vendor: ${finding.vendorName} (\`${finding.vendorId}\`)`);
    expect(report.body).toContain(`- Measures: ${finding.measures.map((m) => m.id).join(', ')}`);
    expect(report.body).toContain('- Watchlist version: 42; extension version: 0.1.0');
    const url = new URL(report.url);
    expect(`${url.origin}${url.pathname}`).toBe(ISSUE_TRACKER_URL);
    expect(url.searchParams.get('title')).toBe(report.title);
    expect(url.searchParams.get('body')).toBe(report.body);
  });

  it('contains no page text beyond the matched words', () => {
    const report = build('full');
    expect(report.body).toContain(`“${finding.evidence}”`);
    for (const word of ['sold with', 'free mount']) {
      expect(report.body).not.toContain(word);
      expect(report.title).not.toContain(word);
      expect(decodeURIComponent(report.url)).not.toContain(word);
    }
  });

  it('honours the address detail the user chose', () => {
    expect(addressFor(PAGE_URL, 'none')).toBe('(not included)');
    expect(addressFor(PAGE_URL, 'site')).toBe('www.find-tender.service.gov.uk');
    expect(addressFor(PAGE_URL, 'path')).toBe('https://www.find-tender.service.gov.uk/Notice/012345-2025');
    expect(addressFor(PAGE_URL, 'full')).toBe(PAGE_URL);
    for (const detail of ['none', 'site', 'path'] as const) {
      const sent = new URL(build(detail).url).searchParams.get('body')!;
      expect(sent).toContain(`- Page address: ${addressFor(PAGE_URL, detail)}`);
      expect(sent).not.toContain('token=secret');
      expect(sent).not.toContain('#lot-2');
    }
    expect(new URL(build('none').url).searchParams.get('body')).not.toContain('find-tender');
    expect(new URL(build('site').url).searchParams.get('body')).not.toContain('/Notice/');
    expect(new URL(build('full').url).searchParams.get('body')).toContain(PAGE_URL);
  });
});

describe('dismissed findings in the record', () => {
  const all = views('Hikvision DS-2CD2143G2-I dome camera; HiLook IPC-B140H bullet');
  const hikvision = all.find((view) => view.evidence === 'Hikvision');
  const hilook = all.find((view) => view.evidence === 'HiLook');
  const dismissal: Dismissal = {
    id: 'd-1',
    site: 'shop.example',
    vendorId: 'hikvision',
    vendorName: 'Hikvision',
    evidence: 'Hikvision',
    scope: 'item',
    decision: 'dismissed',
    itemKey: 'k',
    itemText: 'Hikvision DS-2CD2143G2-I dome camera',
    reason: 'Already replaced, see ticket 42',
    at: '2026-12-01T09:00:00.000Z',
  };

  it('keeps a dismissed finding, marked with the decision, when and why, only for a stored dismissal of its vendor', () => {
    const kept = dismissedFindings(
      [
        { view: hikvision!, dismissalId: 'd-1' },
        // An id the site never stored, and a stored id for another vendor: not marked, not kept.
        { view: hikvision!, dismissalId: 'made-up' },
        { view: { ...hilook!, vendorId: 'dahua' }, dismissalId: 'd-1' },
      ],
      [dismissal],
    );
    expect(kept).toHaveLength(1);
    expect(kept[0]!.dismissal).toEqual({
      decision: 'dismissed',
      scope: 'item',
      at: '2026-12-01T09:00:00.000Z',
      reason: 'Already replaced, see ticket 42',
    });
  });

  it('JSON, CSV and printable report all show the decision; the protocol keeps it', () => {
    const built = report([hilook!, ...dismissedFindings([{ view: hikvision!, dismissalId: 'd-1' }], [dismissal])]);
    // The background's reply keeps the decision and the item through the protocol's check.
    const checked = evidenceReportSchema.parse(built);
    expect(checked.findings.map((f) => f.dismissal?.decision ?? 'shown')).toEqual(['shown', 'dismissed']);
    expect(checked.findings[1]!.item).toBe('Hikvision DS-2CD2143G2-I dome camera');
    const parsed = JSON.parse(toJson(built)) as { findings: Array<{ evidence: string; dismissal?: unknown }> };
    expect(parsed.findings.map((f) => f.dismissal ?? 'shown')).toEqual([
      'shown',
      {
        decision: 'dismissed',
        scope: 'item',
        at: '2026-12-01T09:00:00.000Z',
        reason: 'Already replaced, see ticket 42',
      },
    ]);
    const rows = csvRows(toCsv(built).trimEnd());
    const header = rows[0]!;
    const column = (name: string) => header.indexOf(name);
    const dismissedRows = rows.slice(1).filter((row) => row[column('evidence')] === 'Hikvision');
    expect(dismissedRows).toHaveLength(1);
    const [row] = dismissedRows;
    expect(row![column('decision')]).toBe('dismissed by the user');
    expect(row![column('decided_at')]).toBe('2026-12-01T09:00:00.000Z');
    expect(row![column('decision_scope')]).toBe('this item');
    expect(row![column('decision_reason')]).toBe('Already replaced, see ticket 42');
    // The item's text comes from the dismissal's record when the page's record has none.
    expect(row![column('item')]).toBe('Hikvision DS-2CD2143G2-I dome camera');
    const shownRows = rows.slice(1).filter((r) => r[column('evidence')] === 'HiLook');
    expect(shownRows).toHaveLength(1);
    expect(shownRows[0]![column('decision')]).toBe('');
    const { document } = parseHTML(toPrintableHtml(built));
    const decision = document.querySelector('.decision')!.textContent!;
    expect(decision).toContain('dismissed by the user on 2026-12-01T09:00:00.000Z');
    expect(decision).toContain('Reason: Already replaced, see ticket 42');
    expect(document.body.textContent).toContain('1 dismissed by the user');
    expect(document.querySelector('table.summary td small')!.textContent).toBe('(1 dismissed)');
  });
});
