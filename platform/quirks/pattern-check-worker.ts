/**
 * Quirk: no blob: workers in Firefox extension pages.
 *
 * recheck proves that an own entry's model pattern cannot backtrack catastrophically. Its own `check` starts
 * workers from blob: URLs, which Firefox's extension content security policy refuses: it allows the extension's
 * own files, not blob: URLs its pages make (https://bugzilla.mozilla.org/show_bug.cgi?id=1294996). So the options
 * page runs recheck's `checkSync` in a worker of its own, a file of the extension
 * (entrypoints/options/recheck-worker.ts), which both browsers allow. recheck (2.9 MB) loads only the first time
 * own entries with model patterns are saved.
 */
import type { SafetyCheck } from '../../lib/watchlist/own-patterns';

let worker: Worker | null = null;
let nextCheck = 0;

/** recheck's verdict on one pattern, from the worker; "unknown" when the worker cannot start or dies. */
export const checkPatternInWorker: SafetyCheck = (source, flags) => {
  worker ??= new Worker(new URL('../../entrypoints/options/recheck-worker.ts', import.meta.url), { type: 'module' });
  const running = worker;
  const id = nextCheck++;
  return new Promise((resolve) => {
    const answer = (event: MessageEvent<{ id: number; status: 'safe' | 'vulnerable' | 'unknown' }>) => {
      if (event.data.id !== id) return;
      running.removeEventListener('message', answer);
      resolve({ status: event.data.status });
    };
    running.addEventListener('message', answer);
    // A worker that cannot start or dies answers "unknown": the pattern is refused as not proved, never hangs the page.
    running.addEventListener('error', () => resolve({ status: 'unknown' }), { once: true });
    running.postMessage({ id, source, flags });
  });
};
