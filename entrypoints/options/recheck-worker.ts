/**
 * recheck's proof that an own entry's model pattern cannot backtrack catastrophically, off the options page's main
 * thread. recheck's own `check` starts workers from blob: URLs, which Firefox's extension CSP refuses; its
 * `checkSync` in a worker of our own works in both browsers. Loaded only when own entries with patterns are saved.
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
