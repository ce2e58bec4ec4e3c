/** The row builder every export shares, and the per-vendor summary the popup and the report start with. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../lib/engine/index';
import type { EvidenceFinding } from '../../../lib/evidence/report';
import { commonest, evidenceRow, groupByVendor, vendorSummaries } from '../../../lib/evidence/rows';
import { renderText } from '../../../lib/i18n/english';
import { buildWarningView } from '../../../lib/present/warning-view';
import { loadWatchlist } from '../../../lib/watchlist/index';

const list = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);
const engine = createEngine(list);
const views = (text: string, profile: 'uk-public' | 'us-federal' = 'uk-public') =>
  engine.scanText(text).map((finding) => buildWarningView(list, finding, profile));

describe('evidenceRow', () => {
  it('one row per finding: item, evidence, where, verdict, the profile verdict, brand path and measure ids', () => {
    const [view] = views('HiLook IPC-B140H bullet camera', 'us-federal');
    const finding: EvidenceFinding = {
      ...view!,
      item: 'HiLook IPC-B140H bullet camera, 4 MP',
      file: 'tender.zip/Lot 2/bom.xlsx',
      location: 'Sheet1!B12',
    };
    const row = evidenceRow(finding);
    expect(row).toEqual({
      vendorId: 'hikvision',
      vendorName: 'Hikvision',
      item: 'HiLook IPC-B140H bullet camera, 4 MP',
      evidence: view!.evidence,
      file: 'tender.zip/Lot 2/bom.xlsx',
      location: 'Sheet1!B12',
      verdict: 'Brand of listed vendor',
      verdictLine: renderText(view!.verdictLineText),
      brandPath: 'HiLook: own brand of Hikvision',
      measures: view!.measures.map((m) => m.id),
    });
    // The US federal reader's measure comes first, as on the card.
    expect(row.measures[0]).toBe('us-ndaa-889');
    expect(row.measures.length).toBeGreaterThan(3);
  });

  it('keeps the decision of a dismissed finding, and leaves item and location empty when unknown', () => {
    const [view] = views('Hikvision DS-2CD2143G2-I');
    const dismissal = { decision: 'not-this-vendor', scope: 'evidence', at: '2026-12-02T10:00:00.000Z' } as const;
    const row = evidenceRow({ ...view!, dismissal });
    expect(row.dismissal).toEqual(dismissal);
    expect(row.item).toBe('');
    expect(row.location).toBe('');
    expect('file' in row).toBe(false);
  });
});

describe('summaries by vendor', () => {
  it('groups in the order vendors first appear, keeping each item', () => {
    const items = [
      { vendorId: 'b', vendorName: 'B', n: 1 },
      { vendorId: 'a', vendorName: 'A', n: 2 },
      { vendorId: 'b', vendorName: 'B', n: 3 },
    ];
    expect(groupByVendor(items)).toEqual([
      { vendorId: 'b', vendorName: 'B', items: [items[0], items[2]] },
      { vendorId: 'a', vendorName: 'A', items: [items[1]] },
    ]);
    expect(groupByVendor([])).toEqual([]);
  });

  it('the commonest verdict wins, the first seen on a tie', () => {
    expect(commonest(['x', 'y', 'y'])).toBe('y');
    expect(commonest(['x', 'y'])).toBe('x');
    expect(commonest([])).toBeUndefined();
  });

  it('counts, dismissed counts, one verdict and each measure once', () => {
    const hikvision = views('Hikvision DS-2CD2143G2-I dome; HiLook IPC-B140H bullet; EZVIZ C6N');
    const dahua = views('Dahua Technology NVR5216');
    expect(hikvision.length).toBeGreaterThanOrEqual(3);
    const findings: EvidenceFinding[] = [
      hikvision[0]!,
      dahua[0]!,
      ...hikvision
        .slice(1)
        .map((view, i) =>
          i === 0 ? { ...view, dismissal: { decision: 'dismissed' as const, scope: 'item' as const, at: 'x' } } : view,
        ),
    ];
    const summaries = vendorSummaries(findings);
    expect(summaries.map((s) => [s.vendorId, s.count, s.dismissed])).toEqual([
      ['hikvision', hikvision.length, 1],
      ['dahua', 1, 0],
    ]);
    const [first] = summaries;
    expect(first!.verdictLine).toBe(renderText(hikvision[0]!.verdictLineText));
    const all = hikvision.flatMap((v) => v.measures.map((m) => m.id));
    expect(first!.measureIds).toEqual([...new Set(all)]);
    expect(first!.measures.map((m) => m.id)).toEqual(first!.measureIds);
  });

  it('a shopper’s summary verdict is one sentence; the row keeps the whole verdict', () => {
    const consumer = engine
      .scanText('Hikvision camera')
      .map((finding) => buildWarningView(list, finding, 'consumer', [], 'GB'));
    expect(evidenceRow(consumer[0]!).verdictLine).toContain('careful buyer');
    const [summary] = vendorSummaries(consumer);
    expect(summary!.verdictLine).toMatch(/United Kingdom/);
    expect(summary!.verdictLine).not.toContain('careful buyer');
  });
});
