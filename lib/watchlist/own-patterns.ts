/**
 * Checks of the model patterns in a user's own entries, which no build step has proved (the bundled list's are
 * proved by scripts/watchlist-build and the recheck test). The options page refuses an own entry unless every
 * pattern passes `ownModelProblems` (the bundled list's checks: compiles, takes its examples, none of its
 * collisions, and recheck finds it safe from catastrophic backtracking). The background, which cannot carry recheck
 * (a service worker cannot load it on demand, and 2.9 MB on every start is too much), still drops any own rule that
 * fails the quick `quickPatternProblem` (entries stored before these checks existed), so one bad entry costs only
 * itself.
 */
import { normaliseTerm } from '../engine/normalise';
import type { ModelRule, Vendor } from './schema';

/** How the engine tests a code token: the whole token, case-insensitively. */
const anchoredPattern = (pattern: string) => `^(?:${pattern})$`;

/**
 * What makes a pattern unusable, checked without recheck (fast enough for the background on every rebuild), or
 * undefined: it must compile on its own and inside the engine's anchors (so it cannot close the engine's group and
 * match every code), and use no backreference (which no linear-time proof covers).
 */
export function quickPatternProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'i');
    new RegExp(anchoredPattern(pattern), 'i');
  } catch (error) {
    return `is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
  }
  if (/\\[1-9]|\\k</.test(pattern)) return 'uses a backreference, which can take exponential time';
  return undefined;
}

/** What is wrong with a rule on its own examples and collisions, or undefined (the bundled list's build check). */
export function examplesProblem(rule: Pick<ModelRule, 'pattern' | 'examples' | 'collisions'>): string | undefined {
  const regex = new RegExp(anchoredPattern(rule.pattern), 'i');
  const missed = rule.examples.find((example) => !regex.test(normaliseTerm(example)));
  if (missed !== undefined) return `does not match its own example "${missed}"`;
  const hit = rule.collisions.find((collision) => regex.test(normaliseTerm(collision)));
  if (hit !== undefined) return `matches "${hit}", a collision it lists (another maker's code)`;
  return undefined;
}

/** recheck's verdict on an anchored, case-insensitive pattern (its `check`, passed in: 2.9 MB, loaded on demand). */
export type SafetyCheck = (source: string, flags: string) => Promise<{ status: 'safe' | 'vulnerable' | 'unknown' }>;

export interface PatternProblem {
  /** The own entry's id and the rule's id. */
  vendor: string;
  rule: string;
  reason: string;
}

/**
 * Every problem with the model patterns of `vendors` (a user's own entries), one per bad rule, in order. A pattern
 * must pass the quick checks, its examples, and recheck's proof of safety, as the bundled list's patterns must.
 */
export async function ownModelProblems(
  vendors: readonly Pick<Vendor, 'id' | 'models'>[],
  safety: SafetyCheck,
): Promise<PatternProblem[]> {
  const problems: PatternProblem[] = [];
  for (const vendor of vendors) {
    for (const rule of vendor.models) {
      const problem = (reason: string) => problems.push({ vendor: vendor.id, rule: rule.id, reason });
      const quick = quickPatternProblem(rule.pattern) ?? examplesProblem(rule);
      if (quick) {
        problem(quick);
        continue;
      }
      const verdict = await safety(anchoredPattern(rule.pattern), 'i');
      if (verdict.status === 'vulnerable')
        problem('can take exponential or polynomial time on some codes (catastrophic backtracking, found by recheck)');
      else if (verdict.status !== 'safe') problem('could not be proved safe from catastrophic backtracking in time');
    }
  }
  return problems;
}

/**
 * The entries with every model rule that fails the quick checks left out (the rest of each entry still works),
 * and what was left out: the background's guard for entries stored without the options page's checks.
 */
export function withoutUnsafeRules<V extends Pick<Vendor, 'id' | 'models'>>(
  vendors: readonly V[],
): { vendors: V[]; dropped: PatternProblem[] } {
  const dropped: PatternProblem[] = [];
  const kept = vendors.map((vendor) => {
    const models = vendor.models.filter((rule) => {
      const reason = quickPatternProblem(rule.pattern);
      if (reason) dropped.push({ vendor: vendor.id, rule: rule.id, reason });
      return !reason;
    });
    return models.length === vendor.models.length ? vendor : { ...vendor, models };
  });
  return { vendors: kept, dropped };
}
