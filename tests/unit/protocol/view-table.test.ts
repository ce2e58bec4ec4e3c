/**
 * The match-blocks reply carries each measure and view once (issue 17): the content script gets back exactly the
 * findings and views the background matched, the reply is a fraction of the whole views' size, and a reply whose
 * indexes point outside its tables (or whose parts are malformed) is refused at the boundary.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMatcher, matchPackedPaced } from '../../../lib/matching/index';
import { tableMatches, untableMatches } from '../../../lib/matching/view-table';
import { packTexts } from '../../../lib/matching/wire';
import { createSender, PROTOCOL } from '../../../lib/protocol';
import { DEFAULT_SETTINGS } from '../../../lib/settings/index';
import { loadWatchlist } from '../../../lib/watchlist/index';

const list = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);
const matcher = createMatcher(list, DEFAULT_SETTINGS);
const texts = Array.from({ length: 60 }, (_, i) =>
  i % 3 === 0
    ? `Hikvision DS-2CD2143G2-I${i} 4MP dome`
    : i % 3 === 1
      ? `Dahua IPC-HFW2431S camera lot ${i}`
      : `Plain kettle ${i}`,
);

async function referenced() {
  const hits = await matchPackedPaced(matcher, packTexts(texts));
  let ref = 0;
  return hits.map(([block, matches]) => [block, matches.map((match) => [ref++, match] as const)] as const);
}

describe('match-blocks reply tables', () => {
  it('gives back every finding with its whole view, and is much smaller than the whole views', async () => {
    const hits = (await referenced()).map(
      ([block, matches]): [number, Array<[number, (typeof matches)[number][1]]>] => [
        block,
        matches.map(([ref, match]) => [ref, match]),
      ],
    );
    expect(hits.length).toBeGreaterThanOrEqual(30);
    const reply = { listVersion: 1, ...tableMatches(hits) };
    const parsed = PROTOCOL['match-blocks'].reply.parse(JSON.parse(JSON.stringify(reply)));
    const back = untableMatches(parsed);
    expect(back).toEqual(hits.map(([block, matches]) => [block, matches.map(([ref, match]) => ({ ref, ...match }))]));
    expect(JSON.stringify(reply).length * 3).toBeLessThan(JSON.stringify(hits).length);
    expect(reply.measures.length).toBeLessThan(hits.flatMap(([, m]) => m).flatMap(([, m]) => m.view.measures).length);
    // Findings that differ only in their place in the text travel once.
    expect(reply.findings.length).toBeLessThan(hits.flatMap(([, m]) => m).length / 2);
  });

  it('refuses replies whose indexes point outside their tables, or whose parts are malformed', async () => {
    const hits = (await referenced()).map(
      ([block, matches]): [number, Array<[number, (typeof matches)[number][1]]>] => [
        block,
        matches.map(([ref, match]) => [ref, match]),
      ],
    );
    const good = JSON.parse(JSON.stringify({ listVersion: 1, ...tableMatches(hits) }));
    const send = (reply: unknown) => createSender(async () => ({ ok: true, reply }))('match-blocks', { packed: '' });
    await expect(send(good)).resolves.toBeTruthy();
    const bad = [
      { ...good, measures: good.measures.slice(1) },
      { ...good, views: good.views.slice(1) },
      { ...good, findings: good.findings.slice(1) },
      { ...good, findings: [{ ...good.findings[0], measures: 'us-ndaa-889' }, ...good.findings.slice(1)] },
      { ...good, hits: [[0, [[0, 0, 0, 9, -1]]]] },
      { ...good, hits: [[0, [[0, 0, 9, 0, 0]]]] },
      { ...good, hits: [[0, [[0, 0, 0, 9.5, 0]]]] },
      { ...good, hits: [[0, [[0, { vendorId: 'x' }, 0, 9, 0]]]] },
      { ...good, hits: [[0, [[0, 0, 0, 9]]]] },
      { ...good, views: [{ ...good.views[0], measures: ['a'] }, ...good.views.slice(1)] },
      { ...good, views: [{ ...good.views[0], verdict: 'guilty' }, ...good.views.slice(1)] },
      { ...good, measures: [{ id: 'm' }, ...good.measures.slice(1)] },
      { listVersion: 1, hits: [] },
    ];
    for (const reply of bad) await expect(send(reply)).rejects.toThrow(/malformed reply/);
  });
});
