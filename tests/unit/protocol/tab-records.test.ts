/**
 * The background's record of a tab: findings reported by reference resolve to what the background itself sent;
 * a reference it never sent is refused; evidence is built from its record, whatever the page side claims. Memory
 * is the record; session storage gets a coalesced copy no reply waits for, which a restarted worker reads back.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMatcher, matchPackedPaced } from '../../../lib/matching/index';
import { packTexts } from '../../../lib/matching/wire';
import { DEFAULT_SETTINGS } from '../../../lib/settings/index';
import { readItem, type StorageItem, writeItem } from '../../../lib/storage';
import { loadWatchlist } from '../../../lib/watchlist/index';
import { cardTitle } from '../../support/results-page';

/** A fake session area: what is stored (structured clones), every write with its size, and corrupt reads. */
const session = vi.hoisted(() => ({
  data: new Map<string, unknown>(),
  writes: [] as Array<{ key: string; bytes: number }>,
  corrupt: [] as string[],
  /** While set, writes wait for it (a slow storage area): no reply may wait for them. */
  gate: null as Promise<void> | null,
}));
/** Holds every write until the returned function is called. */
function stallWrites(): () => void {
  let release: () => void = () => undefined;
  session.gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return () => {
    session.gate = null;
    release();
  };
}
const area = {
  get: async (key: string) => session.data.get(key),
  set: async (entries: Record<string, unknown>) => {
    if (session.gate) await session.gate;
    for (const [key, value] of Object.entries(entries)) {
      session.writes.push({ key, bytes: JSON.stringify(value).length });
      session.data.set(key, structuredClone(value));
    }
  },
};
vi.mock('../../../platform/storage', () => ({
  getItem: (item: StorageItem<unknown>) => readItem(area, item, (key) => session.corrupt.push(key)),
  setItem: (item: StorageItem<unknown>, value: unknown) => writeItem(area, item, value),
  removeItems: async (_area: string, keys: string[]) => {
    for (const key of keys) session.data.delete(key);
  },
}));

type TabRecords = typeof import('../../../entrypoints/background/tab-records');
const importRecords = (): Promise<TabRecords> => import('../../../entrypoints/background/tab-records');
let { forgetTab, readTabState, recordMatches, recordShown, shownFindings, startPage } = await importRecords();

/** The worker stopped and started again: memory is gone, storage stays. */
async function restartWorker() {
  vi.resetModules();
  ({ forgetTab, readTabState, recordMatches, recordShown, shownFindings, startPage } = await importRecords());
}

/** Longer than the mirror's delay, so the copy is written. */
const mirrored = () => vi.advanceTimersByTimeAsync(1_000);

const list = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);
const matcher = createMatcher(list, DEFAULT_SETTINGS);
const PAGE = 'https://shop.example/cameras?q=poe';

/** Fake timers hold the mirror's delay; matching does not pause on them. */
const matched = (texts: string[]) =>
  matchPackedPaced(matcher, packTexts(texts), {}, { pause: () => Promise.resolve() });

async function matchOn(tabId: number, texts: string[]) {
  return recordMatches(tabId, PAGE, await matched(texts), texts);
}

const refsOf = (hits: Awaited<ReturnType<typeof matchOn>>) => hits.flatMap(([, m]) => m.map(([ref]) => ref));

describe('tab records', () => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await forgetTab(1);
    await forgetTab(2);
    session.writes.length = 0;
    session.corrupt.length = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
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
    await mirrored();
    expect(JSON.stringify([...session.data.values()])).toContain('Dahua IPC-HDW2431T turret');
    expect(JSON.stringify([...session.data.values()])).not.toContain('kettle');
  });

  it('starts afresh for a new page', async () => {
    await startPage(1, PAGE);
    const refs = (await matchOn(1, ['Hikvision camera'])).flatMap(([, m]) => m.map(([r]) => r));
    await recordShown(1, { url: PAGE, title: '', refs, listVersion: 1 });
    await startPage(1, 'https://shop.example/other');
    expect(await readTabState(1)).toBeNull();
    await expect(recordShown(1, { url: PAGE, title: '', refs, listVersion: 1 })).rejects.toThrow();
  });

  it('answers and serves the popup and evidence from memory, without waiting for storage', async () => {
    const release = stallWrites();
    await startPage(1, PAGE);
    const refs = refsOf(await matchOn(1, ['Hikvision DS-2CD2143G2-I dome camera', 'Dahua IPC-HDW2431T']));
    await mirrored(); // the copy's write has started, and hangs
    const more = refsOf(await matchOn(1, ['Hytera PD785 radio']));
    const state = await recordShown(1, { url: PAGE, title: 'Cameras', refs: [...refs, ...more], listVersion: 1 });
    expect(state.findings).toHaveLength(refs.length + more.length);
    expect(await readTabState(1)).toEqual(state);
    expect((await shownFindings(1))?.views).toHaveLength(state.findings.length);
    release();
    await mirrored();
    // One write under way when the burst came, one after it with everything.
    expect(session.writes).toHaveLength(2);
  });

  it('writes the copy within the delay, and a restarted worker reads the record back', async () => {
    await startPage(1, PAGE);
    const refs = refsOf(await matchOn(1, ['Hikvision DS-2CD2143G2-I dome camera', 'Dahua IPC-HDW2431T turret']));
    await recordShown(1, {
      url: PAGE,
      title: 'Cameras',
      refs: [refs[0]!],
      dismissed: [[refs[1]!, 'd1']],
      listVersion: 1,
    });
    const later = refsOf(await matchOn(1, ['Hytera PD785 radio']));
    const state = await readTabState(1);
    const evidence = await shownFindings(1);
    expect(session.writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(250);
    expect(session.writes).toHaveLength(1);

    await restartWorker();
    expect(await readTabState(1)).toEqual(state);
    expect(await shownFindings(1)).toEqual(evidence);
    // References sent before the restart are still the tab's; new ones follow them.
    const next = refsOf(await matchOn(1, ['Hikvision camera']));
    expect(Math.min(...next)).toBeGreaterThan(Math.max(...refs, ...later));
    const after = await recordShown(1, {
      url: PAGE,
      title: 'Cameras',
      refs: [refs[0]!, ...later, ...next],
      listVersion: 1,
    });
    expect(after.findings).toHaveLength(1 + later.length + next.length);
    expect(session.corrupt).toEqual([]);
  });

  it('a restarted worker that finds a corrupt copy starts empty, reports it, and refuses the old references', async () => {
    await startPage(1, PAGE);
    const refs = refsOf(await matchOn(1, ['Hikvision camera']));
    await mirrored();
    const copy = session.data.get('tab-record:1') as { refs: unknown[] };
    session.data.set('tab-record:1', { ...copy, refs: [[refs[0], 99]] });
    await restartWorker();
    expect(await readTabState(1)).toBeNull();
    expect(session.corrupt).toEqual(['tab-record:1']);
    await expect(recordShown(1, { url: PAGE, title: '', refs, listVersion: 1 })).rejects.toThrow(/never sent/);
  });

  it('forgets a closed tab in storage too, after a copy being written', async () => {
    await startPage(1, PAGE);
    await matchOn(1, ['Hikvision camera']);
    const release = stallWrites();
    await mirrored();
    const forgotten = forgetTab(1);
    release();
    await forgotten;
    await mirrored();
    expect(session.data.has('tab-record:1')).toBe(false);
    expect(await readTabState(1)).toBeNull();
  });
});

/** The bench's results page (bench/page.bench.ts): 5,000 cards, one in 20 restricted, sent in 25 messages. */
const card = (i: number) =>
  `${cardTitle(i)} PoE · IP67 · ${i % 5} stars (${i * 3} reviews) £${(20 + (i % 300)).toFixed(2)}`;

describe('storage writes of a long page', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('are a few compact copies, not one whole record per message', async () => {
    const messages = await Promise.all(
      Array.from({ length: 25 }, async (_, m) => {
        const texts = Array.from({ length: 200 }, (_, i) => card(m * 200 + i));
        return { texts, hits: await matched(texts) };
      }),
    );
    await startPage(3, PAGE);
    await mirrored();
    session.writes.length = 0;
    const shown: number[] = [];
    // A match reply and a report of what is shown every 50 ms: the page's 25 messages in 1.25 s.
    for (const { texts, hits } of messages) {
      shown.push(...refsOf(await recordMatches(3, PAGE, hits, texts)));
      await recordShown(3, { url: PAGE, title: 'Bench', refs: [...shown], listVersion: 1 });
      await vi.advanceTimersByTimeAsync(50);
    }
    await mirrored();
    const bytes = session.writes.reduce((sum, { bytes }) => sum + bytes, 0);
    const last = session.writes.at(-1)!.bytes;
    expect(shown.length).toBeGreaterThanOrEqual(250);
    // Before: 75 writes of the whole record and state, 117 MB in all, the last record 4.2 MB.
    expect(session.writes.length).toBeLessThanOrEqual(8);
    expect(last).toBeLessThan(150_000);
    expect(bytes).toBeLessThan(8 * last);
    const state = await readTabState(3);
    await restartWorker();
    expect(await readTabState(3)).toEqual(state);
  });
});
