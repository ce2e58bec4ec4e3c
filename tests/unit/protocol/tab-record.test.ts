/**
 * The stored form of a tab's record (lib/tab-record.ts, schema in lib/storage.ts): read back through its schema it
 * is the record again, references to one view share one object, and its size grows with the distinct views, not
 * with every finding times its view.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../lib/matching/index';
import { DEFAULT_SETTINGS } from '../../../lib/settings/index';
import { decodeItem, STORAGE } from '../../../lib/storage';
import { emptyRecord, packRecord, sharedView, type TabRecord, tabStateOf, unpackRecord } from '../../../lib/tab-record';
import { loadWatchlist } from '../../../lib/watchlist/index';

const list = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);
const matcher = createMatcher(list, DEFAULT_SETTINGS);
const FLAGGED = ['Hikvision DS-2CD2143G2-I 4MP Dome', 'HiLook IPC-B140H 4MP bullet', 'Dahua IPC-HFW2431S-S-S2'];

/** A record of `cards` flagged cards, matched one message at a time as a page sends them (views not shared). */
function recordOf(cards: number): TabRecord {
  const record = emptyRecord('https://shop.example/cameras');
  for (let i = 0; i < cards; i++) {
    const text = `${FLAGGED[i % FLAGGED.length]} lot ${i}`;
    const seen = new Map();
    for (const { view } of matcher.match([text])[0]!) {
      record.views.set(record.nextRef, sharedView(record, view, seen));
      record.items.set(record.nextRef++, text);
    }
  }
  record.shown = [...record.views.keys()];
  record.report = { url: record.pageUrl, title: 'Cameras', scannedAt: '2026-12-03T16:00:00.000Z', listVersion: 1 };
  return record;
}

/** Through storage: structured clone is JSON-like for these plain values. */
const stored = (record: TabRecord) => JSON.parse(JSON.stringify(packRecord(record)));

describe('stored tab record', () => {
  it('reads back as the same record, with one view object per distinct view', () => {
    const record = recordOf(30);
    record.dismissed = [[record.shown.pop()!, 'dismissal-1']];
    const reports: string[] = [];
    const back = decodeItem(STORAGE.tabRecord(1), stored(record), (key, problem) => reports.push(`${key}: ${problem}`));
    expect(reports).toEqual([]);
    const unpacked = unpackRecord(back!);
    expect(unpacked).toEqual(record);
    expect(tabStateOf(unpacked)).toEqual(tabStateOf(record));
    expect(new Set(unpacked.views.values()).size).toBe(packRecord(record).views.length);
    expect(packRecord(record).views.length).toBeLessThanOrEqual(FLAGGED.length * 2);
  });

  it('grows with the distinct views, not with every finding times its view', () => {
    const small = JSON.stringify(packRecord(recordOf(50))).length;
    const large = JSON.stringify(packRecord(recordOf(500))).length;
    const record = recordOf(500);
    const findings = record.views.size;
    const wholeViews = JSON.stringify([...record.views.values()]).length;
    // Each further finding adds its reference, its item text and its place in `shown`: tens of bytes, where its view
    // alone is thousands.
    expect((large - small) / (findings - recordOf(50).views.size)).toBeLessThan(100);
    expect(large * 20).toBeLessThan(wholeViews);
  });

  it('falls back to no record, reported, when indexes point outside its tables', () => {
    const good = stored(recordOf(3));
    for (const corrupt of [
      { ...good, refs: [[0, good.views.length]] },
      { ...good, views: [{ ...good.views[0], measures: [good.measures.length] }] },
      { ...good, refs: [[0, 0, 'x'.repeat(301)]] },
    ]) {
      const reports: string[] = [];
      expect(decodeItem(STORAGE.tabRecord(1), corrupt, (key) => reports.push(key))).toBeNull();
      expect(reports).toEqual(['tab-record:1']);
    }
  });
});
