/**
 * The match-blocks reply carries each measure and view once (issue 17): the content script gets back exactly the
 * findings and views the background matched, the reply is a fraction of the whole views' size, and a reply whose
 * indexes point outside its tables (or whose parts are malformed) is refused at the boundary.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type BlockMatch, createMatcher, matchPackedPaced } from '../../../lib/matching/index';
import { tableMatches, untableMatches } from '../../../lib/matching/view-table';
import { packTexts } from '../../../lib/matching/wire';
import { buildWarningView, type WarningView } from '../../../lib/present/warning-view';
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
      { ...good, views: [{ ...good.views[0], verdictLineText: { key: 'noSuchMessage' } }, ...good.views.slice(1)] },
      { ...good, measures: [{ id: 'm' }, ...good.measures.slice(1)] },
      { listVersion: 1, hits: [] },
    ];
    for (const reply of bad) await expect(send(reply)).rejects.toThrow(/malformed reply/);
  });

  it('the matcher shares one view among findings that differ only in place; the reply is the same as with copies', async () => {
    const hits = await referenced();
    const matches = hits.flatMap(([, m]) => m).map(([, match]) => match);
    const hikvision = matches.filter((match) => match.finding.vendorId === 'hikvision');
    const byEvidence = new Map<string, (typeof matches)[number]['view']>();
    for (const { finding, view } of hikvision) {
      // Every view is the one its finding makes on its own, and equal findings share the object.
      expect(view).toEqual(buildWarningView(list, finding));
      const seen = byEvidence.get(finding.evidence);
      if (seen) expect(view).toBe(seen);
      else byEvidence.set(finding.evidence, view);
    }
    expect(byEvidence.size).toBeGreaterThan(1); // different evidence, different views
    expect(byEvidence.size).toBeLessThan(hikvision.length);
    const shared = hits.map(([block, m]): [number, Array<[number, BlockMatch]>] => [
      block,
      m.map(([ref, match]) => [ref, match]),
    ]);
    const copies = hits.map(([block, m]): [number, Array<[number, (typeof m)[number][1]]>] => [
      block,
      m.map(([ref, match]) => [ref, { ...match, view: structuredClone(match.view) }]),
    ]);
    expect(tableMatches(shared)).toEqual(tableMatches(copies));
  });

  it('a view object met again is not tabled again (its measures are read for the first only)', async () => {
    const [[block, [[ref, match]]]] = (await referenced()) as unknown as [[number, [[number, BlockMatch]]]];
    let reads = 0;
    const { measures, ...rest } = match.view;
    const view = Object.defineProperty({ ...rest }, 'measures', {
      enumerable: true,
      get: () => {
        reads++;
        return measures;
      },
    }) as WarningView;
    const tabled = tableMatches([[block, Array.from({ length: 50 }, (_, i) => [ref + i, { ...match, view }])]]);
    expect(reads).toBe(2); // copied and mapped when tabled the first time, not for each of the 50
    expect(tabled.views).toHaveLength(1);
    expect(tabled.hits[0]![1].every((hit) => hit[4] === 0)).toBe(true);
  });
});
