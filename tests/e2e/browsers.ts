/**
 * Where the Debian browsers live and how to start them on a machine with no network and no sandbox for root.
 */
import { existsSync } from 'node:fs';

/** Chromium flags: root needs --no-sandbox; the rest stop calls to Google's services on a closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
];

function firstExisting(candidates: string[], name: string): string {
  const found = candidates.find((path) => path && existsSync(path));
  if (!found)
    throw new Error(
      `${name} not found (looked in ${candidates.filter(Boolean).join(', ')}). On Debian: apt-get install -y chromium firefox-esr`,
    );
  return found;
}

export const chromiumPath = () =>
  firstExisting([process.env.CHROMIUM_PATH ?? '', '/usr/bin/chromium', '/usr/bin/chromium-browser'], 'Chromium');

export const firefoxPath = () =>
  firstExisting([process.env.FIREFOX_PATH ?? '', '/usr/bin/firefox-esr', '/usr/bin/firefox'], 'Firefox');
