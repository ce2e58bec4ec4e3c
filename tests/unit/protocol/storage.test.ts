/** Stored values are read through their schema: corrupt ones fall back to the default and are reported, not thrown. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../lib/settings/index';
import { decodeItem, namespacedStore, readItem, STORAGE, type StorageItem, writeItem } from '../../../lib/storage';

function memoryStore() {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key: string) => data.get(key),
    set: async (entries: Record<string, unknown>) => {
      for (const [key, value] of Object.entries(entries)) data.set(key, value);
    },
  };
}

const collect = () => {
  const reports: string[] = [];
  return { reports, report: (key: string, problem: string) => reports.push(`${key}: ${problem}`) };
};

describe('storage items', () => {
  it('returns the default for a missing value, silently', () => {
    const { reports, report } = collect();
    expect(decodeItem(STORAGE.settings, undefined, report)).toEqual(DEFAULT_SETTINGS);
    expect(decodeItem(STORAGE.suppressions('shop.example'), undefined, report)).toEqual([]);
    expect(decodeItem(STORAGE.lastCheck, undefined, report)).toBeNull();
    expect(reports).toEqual([]);
  });

  it('falls back and reports every corrupt value instead of throwing', () => {
    const corrupt: Array<[StorageItem<unknown>, unknown]> = [
      [STORAGE.suppressions('shop.example'), 'dismissed everything'],
      [STORAGE.suppressions('shop.example'), [{ vendorId: 'hikvision', evidence: 'x', reason: 'because', at: '' }]],
      [STORAGE.tabRecord(3), { pageUrl: 1 }],
      // Indexes outside the record's tables: a half-written or hand-edited record.
      [
        STORAGE.tabRecord(3),
        { pageUrl: 'https://a.example/', nextRef: 1, measures: [], views: [], refs: [[0, 0]], shown: [0] },
      ],
      [
        STORAGE.tabRecord(3),
        {
          pageUrl: 'https://a.example/',
          nextRef: 1,
          measures: [],
          views: [],
          refs: [],
          shown: [],
          report: { url: 'https://a.example/' },
        },
      ],
      [STORAGE.report('id'), { html: '<p>' }],
      [STORAGE.watchlistPointer, { slot: 'c', meta: {}, url: '', acceptedAt: '' }],
      [STORAGE.watchlistSlot('a'), { meta: { version: 'two' } }],
      [STORAGE.etags, ['"v1"']],
      [STORAGE.lastCheck, { at: 'now', result: 'maybe' }],
      [STORAGE.nextCheckAt, 12],
    ];
    for (const [item, raw] of corrupt) {
      const { reports, report } = collect();
      const value = decodeItem(item, raw, report);
      expect(value, item.key).toEqual(item.fallback);
      expect(reports, item.key).toHaveLength(1);
      expect(reports[0]).toContain(item.key);
    }
  });

  it('keeps the valid settings of a partly corrupt record, and reports it', () => {
    const { reports, report } = collect();
    const settings = decodeItem(
      STORAGE.settings,
      { sensitivity: 'broad', profile: 'everyone', pausedSites: 3 },
      report,
    );
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, sensitivity: 'broad' });
    expect(reports).toHaveLength(1);
  });

  it('reads back what it wrote, through a namespace too', async () => {
    const store = memoryStore();
    const org = namespacedStore(store, 'org:council');
    await writeItem(org, STORAGE.etags, { 'https://lists.example/list.json': '"v2"' });
    expect(store.data.get('org:council:watchlist:etag')).toEqual({ 'https://lists.example/list.json': '"v2"' });
    expect(await readItem(org, STORAGE.etags)).toEqual({ 'https://lists.example/list.json': '"v2"' });
    expect(await readItem(store, STORAGE.etags)).toEqual({});
  });

  it('puts every item in the area it names, under a key no other item uses', () => {
    const items = [
      STORAGE.settings,
      STORAGE.suppressions('a.example'),
      STORAGE.tabRecord(1),
      STORAGE.report('r'),
      STORAGE.watchlistPointer,
      STORAGE.watchlistSlot('a'),
      STORAGE.watchlistSlot('b'),
      STORAGE.etags,
      STORAGE.lastCheck,
      STORAGE.nextCheckAt,
    ];
    expect(new Set(items.map((item) => item.key)).size).toBe(items.length);
    for (const item of items) expect(['local', 'session']).toContain(item.area);
  });
});
