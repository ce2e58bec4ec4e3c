/**
 * The background's record of a tab: findings reported by reference resolve to what the background itself sent;
 * a reference it never sent is refused; evidence is built from its record, whatever the page side claims.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMatcher, matchPackedPaced } from '../../../lib/matching/index';
import { packTexts } from '../../../lib/matching/wire';
import { DEFAULT_SETTINGS } from '../../../lib/settings/index';
import { loadWatchlist } from '../../../lib/watchlist/index';

const session = new Map<string, unknown>();
vi.mock('../../../platform/storage', () => ({
  getItem: async (item: { key: string; schema: { parse(v: unknown): unknown }; fallback: unknown }) =>
    session.has(item.key) ? item.schema.parse(session.get(item.key)) : item.fallback,
  setItem: async (item: { key: string }, value: unknown) => void session.set(item.key, structuredClone(value)),
  removeItems: async (_area: string, keys: string[]) => {
    for (const key of keys) session.delete(key);
  },
}));

const { forgetTab, readTabState, recordMatches, recordShown, shownFindings, startPage } = await import(
  '../../../entrypoints/background/tab-records'
);

const list = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);
const matcher = createMatcher(list, DEFAULT_SETTINGS);
const PAGE = 'https://shop.example/cameras?q=poe';

async function matchOn(tabId: number, texts: string[]) {
  return recordMatches(tabId, PAGE, await matchPackedPaced(matcher, packTexts(texts)), texts);
}

describe('tab records', () => {
  beforeEach(async () => {
    await forgetTab(1);
    await forgetTab(2);
  });

  it('resolves reported references to the findings it sent, and counts only those', async () => {
    await startPage(1, PAGE);
    const hits = await matchOn(1, ['Hikvision DS-2CD2143G2-I dome camera', 'A kettle', 'Dahua IPC-HDW2431T']);
    const refs = hits.flatMap(([, matches]) => matches.map(([ref]) => ref));
    expect(refs.length).toBeGreaterThanOrEqual(2);
    const state = await recordShown(1, { url: PAGE, title: 'Cameras', refs, listVersion: list.meta.version });
    expect(state.findings.map((f) => f.vendorId).sort()).toEqual(expect.arrayContaining(['dahua', 'hikvision']));
    expect((await readTabState(1))?.findings).toHaveLength(refs.length);
    const evidence = await shownFindings(1);
    expect(evidence?.pageUrl).toBe(PAGE);
    expect(evidence?.views.map((view) => view.vendorId)).toEqual(state.findings.map((f) => f.vendorId));
  });

  it('refuses a reference it never sent, and one sent to another tab', async () => {
    await startPage(1, PAGE);
    await startPage(2, PAGE);
    const [[, [[ref]]]] = (await matchOn(2, ['Hikvision camera'])) as [[number, [[number, unknown]]]];
    await expect(recordShown(1, { url: PAGE, title: '', refs: [ref], listVersion: 1 })).rejects.toThrow(
      /never sent to this tab/,
    );
    await expect(recordShown(2, { url: PAGE, title: '', refs: [ref + 50], listVersion: 1 })).rejects.toThrow(
      /never sent to this tab/,
    );
    expect(await readTabState(1)).toBeNull();
  });

  it('drops findings no longer shown, but keeps ones sent after the newest shown', async () => {
    await startPage(1, PAGE);
    const first = (await matchOn(1, ['Hikvision camera', 'Dahua recorder'])).flatMap(([, m]) => m.map(([r]) => r));
    const later = (await matchOn(1, ['Hytera radio'])).flatMap(([, m]) => m.map(([r]) => r));
    await recordShown(1, { url: PAGE, title: '', refs: [first[1]!], listVersion: 1 });
    await expect(recordShown(1, { url: PAGE, title: '', refs: [first[0]!], listVersion: 1 })).rejects.toThrow();
    const state = await recordShown(1, { url: PAGE, title: '', refs: [first[1]!, ...later], listVersion: 1 });
    expect(state.findings).toHaveLength(1 + later.length);
  });

  it("keeps the start of each flagged block as its item, and its place among the page's findings", async () => {
    await startPage(1, PAGE);
    const long = `Hikvision DS-2CD2143G2-I 4 MP dome camera ${'with a long description '.repeat(10)}`;
    const refs = (await matchOn(1, ['A kettle', long, 'Dahua IPC-HDW2431T turret'])).flatMap(([, m]) =>
      m.map(([r]) => r),
    );
    await recordShown(1, { url: PAGE, title: '', refs, listVersion: 1 });
    const evidence = await shownFindings(1);
    const hikvision = evidence!.views.find((view) => view.vendorId === 'hikvision')!;
    expect(hikvision.item).toMatch(/^Hikvision DS-2CD2143G2-I 4 MP dome camera with a long/);
    expect(hikvision.item!.length).toBeLessThanOrEqual(120);
    expect(evidence!.views.find((view) => view.vendorId === 'dahua')!.item).toBe('Dahua IPC-HDW2431T turret');
    expect(evidence!.views.map((view) => view.location)).toEqual(
      refs.map((_, i) => `finding ${i + 1} of ${refs.length} on the page`),
    );
    // The unflagged block is kept nowhere.
    expect(JSON.stringify([...session.values()])).not.toContain('kettle');
  });

  it('starts afresh for a new page', async () => {
    await startPage(1, PAGE);
    const refs = (await matchOn(1, ['Hikvision camera'])).flatMap(([, m]) => m.map(([r]) => r));
    await recordShown(1, { url: PAGE, title: '', refs, listVersion: 1 });
    await startPage(1, 'https://shop.example/other');
    expect(await readTabState(1)).toBeNull();
    await expect(recordShown(1, { url: PAGE, title: '', refs, listVersion: 1 })).rejects.toThrow();
  });
});
