/**
 * Own entries' model patterns (issue 19): checked at import and on save like the bundled list's (compiles, takes
 * its examples, recheck proves it safe from catastrophic backtracking), and a bad one that got into storage anyway
 * costs only its own rule: never the block, never the other entries.
 */
import { readFileSync } from 'node:fs';
import { check } from 'recheck';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../lib/engine/index';
import { createMatcher, matchPackedPaced } from '../../../lib/matching/index';
import { packTexts } from '../../../lib/matching/wire';
import { DEFAULT_SETTINGS, withUserEntries } from '../../../lib/settings/index';
import { loadWatchlist } from '../../../lib/watchlist/index';
import {
  ownModelProblems,
  type PatternProblem,
  quickPatternProblem,
  type SafetyCheck,
  withoutUnsafeRules,
} from '../../../lib/watchlist/own-patterns';
import { vendorSchema } from '../../../lib/watchlist/schema';

const list = loadWatchlist(
  JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8')),
);
const safety: SafetyCheck = (source, flags) => check(source, flags, { timeout: 60_000 });

const rule = (id: string, pattern: string, examples: string[]) => ({
  id,
  pattern,
  description: 'An own rule',
  examples,
  requiresContext: false,
});
const own = (models: ReturnType<typeof rule>[]) =>
  vendorSchema.parse({
    id: 'acme',
    name: 'Acme Cameras',
    legalNames: [{ name: 'Acme Cameras Ltd', script: 'Latn' }],
    country: 'CN',
    description: 'Our own do-not-buy entry.',
    models,
  });

describe('own-entry model patterns at import and on save', () => {
  it('refuses a pattern that does not compile, or that closes the engine’s group, with the reason', () => {
    expect(quickPatternProblem('(((x')).toMatch(/^is not a valid regular expression \(.+\)$/);
    // Valid inside ^(?:...)$ but not on its own: it would close the engine's group and match every code.
    expect(quickPatternProblem('ab1)|(?:.*')).toMatch(/^is not a valid regular expression/);
    expect(quickPatternProblem('(ab)\\1')).toBe('uses a backreference, which can take exponential time');
    expect(quickPatternProblem('acm-[0-9]{3}[a-z]?')).toBeUndefined();
  });

  it('names every bad rule, each with its reason, and passes sound ones (recheck, as for the bundled list)', async () => {
    const vendors = [
      own([
        rule('sound', 'acm-[0-9]{3}(?:[-/][0-9a-z]+)*', ['ACM-123', 'ACM-123-W/EU']),
        rule('broken', '(((x', ['x1']),
        rule('catastrophic', '(a+)+b', ['aab']),
        rule('polynomial', 'a*a*a*b', ['ab']),
        rule('misses-example', 'acm-[0-9]{4}', ['ACM-123']),
      ]),
    ];
    const problems = await ownModelProblems(vendors, safety);
    expect(problems.map((p: PatternProblem) => [p.rule, p.reason.split(' (')[0]])).toEqual([
      ['broken', 'is not a valid regular expression'],
      ['catastrophic', 'can take exponential or polynomial time on some codes'],
      ['polynomial', 'can take exponential or polynomial time on some codes'],
      ['misses-example', 'does not match its own example "ACM-123"'],
    ]);
    expect(problems.every((p) => p.vendor === 'acme')).toBe(true);
  }, 120_000);

  it('says when recheck could not decide, rather than letting the pattern through', async () => {
    const undecided: SafetyCheck = async () => ({ status: 'unknown' });
    expect(await ownModelProblems([own([rule('r', 'acm-[0-9]{3}', ['ACM-123'])])], undecided)).toEqual([
      { vendor: 'acme', rule: 'r', reason: 'could not be proved safe from catastrophic backtracking in time' },
    ]);
  });
});

describe('a bad own pattern already in storage costs only its own rule', () => {
  const block = 'Hikvision DS-2CD2143G2-I dome camera, with x1-abc bracket and ACM-123 housing';

  it('the engine contains a pattern that does not compile to its rule, not the block', () => {
    // Straight into the engine, past every check: the block is still scanned, Hikvision still found.
    const bad = { ...own([rule('broken', '(((x', ['x1'])]), id: 'user-acme', userEntry: true };
    const engine = createEngine({ ...list, vendors: [...list.vendors, bad] }, { sensitivity: 'balanced' });
    expect(engine.scanText(block).map((f) => f.vendorId)).toContain('hikvision');
  });

  it('leaves out only the failing rule when the matcher is built, keeps the entry’s other rules, and says so', () => {
    const entry = own([rule('broken', '(((x', ['x1']), rule('sound', 'acm-[0-9]{3}', ['ACM-123'])]);
    const reported: PatternProblem[] = [];
    const merged = withUserEntries(list, { ...DEFAULT_SETTINGS, userEntries: [entry] }, (p) => reported.push(p));
    expect(reported.map((p) => p.rule)).toEqual(['broken']);
    const findings = createEngine(merged, { sensitivity: 'balanced' }).scanText(block);
    expect([...new Set(findings.map((f) => f.vendorId))].sort()).toEqual(['hikvision', 'user-acme']);
    expect(withoutUnsafeRules([entry]).vendors[0]!.models.map((m) => m.id)).toEqual(['sound']);
  });
});

describe('matching paces itself', () => {
  it('yields to other messages whenever a slice has run, and finds the same as in one go', async () => {
    const matcher = createMatcher(list, DEFAULT_SETTINGS);
    const texts = ['Hikvision DS-2CD2143G2-I', 'Axis M2025-LE', 'Dahua IPC-HFW2431S', 'Bosch', 'Huawei B535-232'];
    // A clock that moves 5 "ms" per reading: a slice of 8 ms ends after every second block.
    let clock = 0;
    const order: string[] = [];
    const hits = await matchPackedPaced(matcher, packTexts(texts), undefined, {
      sliceMs: 8,
      now: () => (clock += 5),
      pause: async () => {
        order.push('yield');
      },
    });
    expect(hits.map(([index]) => index)).toEqual([0, 2, 4]);
    expect(order.length).toBeGreaterThanOrEqual(2);
    // Another message waiting on the event loop gets its turn while a long message is matched.
    const events: string[] = [];
    const long = packTexts(Array.from({ length: 50 }, () => 'Hikvision DS-2CD2143G2-I'));
    const first = matchPackedPaced(matcher, long, undefined, { sliceMs: 0 }).then(() => events.push('long done'));
    const second = Promise.resolve().then(() => events.push('other message'));
    await Promise.all([first, second]);
    expect(events).toEqual(['other message', 'long done']);
  });
});
