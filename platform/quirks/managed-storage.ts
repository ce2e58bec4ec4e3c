/**
 * Quirks: reading the organisation's policy from managed storage, and hearing that it changed.
 *
 * - Firefox rejects `storage.managed.get` where no managed storage manifest (policy) exists for the extension,
 *   instead of answering with nothing (https://bugzilla.mozilla.org/show_bug.cgi?id=1868153, noted on MDN's
 *   StorageArea.get page); Chromium answers `{}`. No policy is read as an empty one.
 * - Chromium fires `storage.onChanged` for the managed area when a policy changes, but not always for the first
 *   load of the policy after the browser or the extension starts, and reading early can answer `{}` before the
 *   policy arrives (https://github.com/w3c/webextensions/issues/547). Firefox reads the policy once at startup and
 *   fires no change for it at all (https://bugzilla.mozilla.org/show_bug.cgi?id=1685965). So a page also reads it
 *   again when it comes back into view: a page opened early never shows stale locks for long.
 */

/** The organisation's policy as stored (unvalidated), or `{}` where none is set. */
export async function readManagedStorage(): Promise<unknown> {
  try {
    return await browser.storage.managed.get(null);
  } catch {
    return {};
  }
}

/** Calls `listener` when the organisation's policy may have changed (see above); for extension pages. */
export function onPolicyMayHaveChanged(listener: () => void): void {
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') listener();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') listener();
  });
}
