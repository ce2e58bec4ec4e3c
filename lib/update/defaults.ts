/**
 * Where installed extensions get watchlist updates unless the user or their organisation says otherwise, and how
 * soon a check that failed is tried again. One place, so the address is decided once.
 */

/**
 * The project's own publication address: the GitHub Pages site of github.com/vendorwatch/vendorwatch, where
 * `npm run watchlist:publish` output is published. The signature is read from the same address plus `.sig`, and
 * only lists signed by a release key in keys.ts are accepted.
 */
export const PUBLICATION_URL = 'https://vendorwatch.github.io/vendorwatch/watchlist.json';

/**
 * The update address a fresh install uses. Test builds (`wxt build --mode e2e`) start with none: their tests point
 * them at loopback test servers and must never reach the internet. `import.meta.env` is absent under plain Node
 * (the CLI, maintainer scripts), which get the release default.
 */
export const DEFAULT_UPDATE_URL: string = import.meta.env?.MODE === 'e2e' ? '' : PUBLICATION_URL;

/** The first retry after a failed check; each further failure doubles the wait. */
export const RETRY_FIRST_MS = 15 * 60_000;
/** The longest wait between retries (never longer than the regular interval either). */
const RETRY_MAX_MS = 12 * 3_600_000;

/**
 * How long to wait after `failures` failed checks in a row (1 = the first failure): 15 min, 30 min, 1 h, 2 h ...
 * capped at 12 h and at the regular interval, so a failing server is asked less and less often but never less
 * often than if it had answered.
 */
export function retryDelayMs(failures: number, intervalHours: number): number {
  const doubled = RETRY_FIRST_MS * 2 ** Math.min(Math.max(failures, 1) - 1, 20);
  return Math.min(doubled, RETRY_MAX_MS, intervalHours * 3_600_000);
}
