/**
 * Dismissals on the Check documents page: the same records as on pages (what, where, when, scope, reason), applying
 * to their file; the export keeps every dismissed finding, marked with the decision, as the page export does.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type DismissChoice, itemExcerpt, itemKey, newDismissal } from '../../../lib/dismissals';
import { csvRows } from '../../../lib/documents/csv';
import { createEngine } from '../../../lib/engine/index';
import { type DocumentFinding, documentDismissal, documentEvidence } from '../../../lib/evidence/documents';
import { toCsv, toJson, toPrintableHtml } from '../../../lib/evidence/format';
import type { EvidenceReport } from '../../../lib/evidence/report';
import { buildWarningView } from '../../../lib/present/warning-view';
import type { Dismissal } from '../../../lib/storage';
import { loadWatchlist } from '../../../lib/watchlist/index';

const list = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);
const engine = createEngine(list);

let nextId = 0;
/** The findings of one block as the Check documents page makes them (lib/dismissals itemKey of the whole block). */
const findingsIn = (block: string, location: string): DocumentFinding[] =>
  engine.scanText(block).map((finding) => ({
    id: nextId++,
    location,
    item: itemExcerpt(block),
    key: itemKey(block),
    view: buildWarningView(list, finding, 'uk-public'),
  }));

const spec = {
  file: 'pack.zip/Lot 1/spec.pdf',
  findings: [
    ...findingsIn('Item 2: Hikvision DS-2CD2143G2-I dome camera, 12 units', 'page 1'),
    ...findingsIn('Item 5: DS-7608NI-K2 recorder', 'page 2'),
    ...findingsIn('Radios compatible with the existing Hytera fleet', 'page 3'),
  ],
};
const schedule = {
  file: 'schedule.xlsx',
  findings: findingsIn('Item 2: Hikvision DS-2CD2143G2-I dome camera, 12 units', "'Price schedule'!C2"),
};
const results = [spec, schedule];

/** The record the page makes when a person dismisses `finding` in `file` (entrypoints/check-documents). */
const dismiss = (file: string, finding: DocumentFinding, choice: DismissChoice, id: string): Dismissal => ({
  ...newDismissal({
    id,
    site: file,
    target: { ...finding.view, itemText: finding.item },
    choice,
    now: new Date('2026-12-03T08:00:00.000Z'),
  }),
  itemKey: finding.key,
});

const covered = (dismissals: Dismissal[]) =>
  results.flatMap(({ file, findings }) =>
    findings
      .filter((f) => documentDismissal(dismissals, file, f))
      .map((f) => `${file} ${f.location} ${f.view.evidence}`),
  );

describe('dismissals on the Check documents page', () => {
  it('finds what the test needs: Hikvision by name and model, a recorder by model, Hytera; the schedule as page 1', () => {
    expect(spec.findings.map((f) => [f.location, f.view.vendorId, f.view.evidence])).toEqual([
      ['page 1', 'hikvision', 'Hikvision'],
      ['page 1', 'hikvision', 'DS-2CD2143G2-I'],
      ['page 2', 'hikvision', 'DS-7608NI-K2'],
      ['page 3', 'hytera', 'Hytera'],
    ]);
    expect(schedule.findings.map((f) => f.view.evidence)).toEqual(['Hikvision', 'DS-2CD2143G2-I']);
  });

  it('"this item" covers that item in that file only, not the same text in another file', () => {
    const first = spec.findings[0]!;
    const record = dismiss(spec.file, first, { scope: 'item', decision: 'dismissed', reason: 'spare part' }, 'd1');
    expect(record).toMatchObject({
      site: spec.file,
      vendorId: 'hikvision',
      vendorName: 'Hikvision',
      scope: 'item',
      decision: 'dismissed',
      reason: 'spare part',
      itemText: 'Item 2: Hikvision DS-2CD2143G2-I dome camera, 12 units',
      at: '2026-12-03T08:00:00.000Z',
    });
    // That vendor in that item: its name and its model number; the same item in the schedule stays.
    expect(covered([record])).toEqual([`${spec.file} page 1 Hikvision`, `${spec.file} page 1 DS-2CD2143G2-I`]);
  });

  it('"the vendor in this file" covers every finding of that vendor in the file, and nothing else', () => {
    const record = dismiss(spec.file, spec.findings[2]!, { scope: 'vendor', decision: 'dismissed' }, 'd2');
    expect(covered([record])).toEqual([
      `${spec.file} page 1 Hikvision`,
      `${spec.file} page 1 DS-2CD2143G2-I`,
      `${spec.file} page 2 DS-7608NI-K2`,
    ]);
  });

  it('"not this vendor" covers those matched words in the file, and not the vendor’s other words', () => {
    const model = spec.findings[1]!;
    const record = dismiss(spec.file, model, { scope: 'evidence', decision: 'not-this-vendor' }, 'd3');
    expect(record.evidence).toBe('DS-2CD2143G2-I');
    expect(covered([record])).toEqual([`${spec.file} page 1 DS-2CD2143G2-I`]);
  });

  it('keeps every finding in the export, a dismissed one marked with the decision, scope, time and reason', () => {
    const dismissals = [
      dismiss(spec.file, spec.findings[0]!, { scope: 'item', decision: 'dismissed', reason: 'spare part' }, 'd1'),
      dismiss(spec.file, spec.findings[3]!, { scope: 'vendor', decision: 'dismissed' }, 'd2'),
    ];
    const findings = documentEvidence(results, dismissals);
    expect(findings.map((f) => [f.file, f.location, f.evidence, f.dismissal?.scope ?? null])).toEqual([
      [spec.file, 'page 1', 'Hikvision', 'item'],
      [spec.file, 'page 1', 'DS-2CD2143G2-I', 'item'],
      [spec.file, 'page 2', 'DS-7608NI-K2', null],
      [spec.file, 'page 3', 'Hytera', 'vendor'],
      [schedule.file, "'Price schedule'!C2", 'Hikvision', null],
      [schedule.file, "'Price schedule'!C2", 'DS-2CD2143G2-I', null],
    ]);
    expect(findings[0]!.item).toBe('Item 2: Hikvision DS-2CD2143G2-I dome camera, 12 units');
    expect(findings[0]!.dismissal).toEqual({
      decision: 'dismissed',
      scope: 'item',
      at: '2026-12-03T08:00:00.000Z',
      reason: 'spare part',
    });

    const report: EvidenceReport = {
      pageUrl: '',
      pageTitle: 'Documents',
      capturedAt: '2026-12-03T08:05:00.000Z',
      watchlist: {
        version: list.meta.version,
        generatedAt: list.meta.generatedAt,
        sha256: 'x',
        source: 'bundled',
        reviewedOn: '2026-12-02',
        reviewed: [],
      },
      findings,
    };
    const [columns, ...rows] = csvRows(toCsv(report).trim());
    const cell = (row: string[], name: string) => row[columns!.indexOf(name)];
    expect(rows).toHaveLength(6);
    expect(cell(rows[0]!, 'decision')).toBe('dismissed by the user');
    expect(cell(rows[0]!, 'decided_at')).toBe('2026-12-03T08:00:00.000Z');
    expect(cell(rows[0]!, 'decision_scope')).toBe('this item');
    expect(cell(rows[0]!, 'decision_reason')).toBe('spare part');
    expect(cell(rows[2]!, 'decision')).toBe('');
    expect(cell(rows[3]!, 'decision_scope')).toBe('this vendor in this file');
    expect(cell(rows[4]!, 'file')).toBe('schedule.xlsx');
    expect(cell(rows[4]!, 'decision')).toBe('');

    const json = JSON.parse(toJson(report)) as { findings: Array<{ dismissal?: unknown }> };
    expect(json.findings.map((f) => f.dismissal ?? null)).toEqual(findings.map((f) => f.dismissal ?? null));
    expect(json.findings.filter((f) => f.dismissal)).toHaveLength(3);

    const html = toPrintableHtml(report);
    expect(html).toContain('dismissed by the user on 2026-12-03T08:00:00.000Z, for this item. Reason: spare part');
    expect(html).toContain('for this vendor in this file');
    expect(html).not.toContain('on this site');
  });
});
