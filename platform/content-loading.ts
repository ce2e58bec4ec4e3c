/**
 * How the content script reaches the page: the manifest declares a loader of a few hundred bytes, which imports the
 * real content script (entrypoints/content, built by WXT but registered nowhere) as a module.
 *
 * Why (issue 17): a classic content script is compiled on the page's main thread inside the task that runs it, which
 * for our ~120 kB bundle was about half of a 30-60 ms task on every page load. A module the content script imports
 * is fetched and compiled off the main thread (Chromium streams it: the trace shows `v8.compileModule` with
 * `streamed: true`, about 0.5 ms on the main thread), so the page's longest task is only the module's evaluation.
 * Dynamic import() works in content scripts in Chromium and in Firefox 89+
 * (https://bugzilla.mozilla.org/show_bug.cgi?id=1536094) and runs in the content script's isolated world, but the
 * module must be a web-accessible resource. Chromium's `use_dynamic_url` serves it only under a per-session random
 * address, so pages cannot probe a fixed address to learn VendorWatch is installed
 * (https://developer.chrome.com/docs/extensions/reference/manifest/web-accessible-resources); Firefox already uses a
 * random per-install address (moz-extension://<uuid>), so its manifest goes without the key.
 */

/** The real content script, as WXT writes it (entrypoints/content/index.ts); public/content-loader.js imports it. */
export const CONTENT_MODULE = '/content-scripts/content.js';
/** The loader the manifest declares: plain JavaScript in public/, copied as it is (it says why). */
export const LOADER = 'content-loader.js';

/** The manifest keys that load the content script through the loader, for `browser` (WXT's target). */
export function contentLoadingManifest(browser: string) {
  return {
    content_scripts: [{ matches: ['<all_urls>'], run_at: 'document_idle', js: [LOADER] }],
    web_accessible_resources: [
      {
        resources: [CONTENT_MODULE.slice(1)],
        matches: ['<all_urls>'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
  };
}
