/**
 * recheck's proof that an own entry's model pattern cannot backtrack catastrophically, off the options page's main
 * thread, in a worker of our own because recheck's own workers are blob: URLs (platform/quirks/pattern-check-worker.ts).
 */
import { checkSync } from 'recheck';

self.onmessage = (event: MessageEvent<{ id: number; source: string; flags: string }>) => {
  const { id, source, flags } = event.data;
  let status: 'safe' | 'vulnerable' | 'unknown';
  try {
    status = checkSync(source, flags, { timeout: 10_000 }).status;
  } catch {
    status = 'unknown';
  }
  postMessage({ id, status });
};
