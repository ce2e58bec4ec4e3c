/**
 * The real engine and the bundled list behind a PageScanner in Node, for the scanner's unit tests: the `match`
 * callback the content script gets from the background, and user actions no test here takes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMatcher } from '../../../lib/matching/index';
import { DEFAULT_SETTINGS } from '../../../lib/settings/index';
import { loadWatchlist } from '../../../lib/watchlist/index';
import type { PageScanner } from '../../../scanner/page-scanner';

type ScannerOptions = ConstructorParameters<typeof PageScanner>[0];

const matcher = createMatcher(
  loadWatchlist(JSON.parse(readFileSync(join(import.meta.dirname, '../../../public/watchlist.json'), 'utf8'))),
  DEFAULT_SETTINGS,
);

/** Matches as the background does; each finding gets a ref unique within the call. `onTexts` sees what was sent. */
export function engineMatch(onTexts?: (texts: string[]) => void): ScannerOptions['match'] {
  return async (texts, contexts) => {
    onTexts?.(texts);
    return matcher
      .match(texts, { contexts })
      .map((matches, i) =>
        matches.length === 0 ? undefined : matches.map((match, j) => ({ ...match, ref: i * 10 + j })),
      );
  };
}

/** Dismiss, undo and "why" are not exercised by these tests; a dismissal reaching here fails the test. */
export const NO_USER_ACTIONS = {
  dismissals: () => [],
  onDismiss: () => Promise.reject(new Error('not in this test')),
  onUndo: () => Promise.resolve(),
  onWhy: () => undefined,
} satisfies Partial<ScannerOptions>;
