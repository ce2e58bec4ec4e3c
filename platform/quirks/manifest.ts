/**
 * Quirks: the manifest keys one browser needs and the other refuses or warns about (used by wxt.config.ts).
 *
 * - Firefox: Manifest V3 extensions must carry their id in `browser_specific_settings.gecko` to be signed, and new
 *   extensions on addons.mozilla.org must declare `data_collection_permissions` there
 *   (https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/manifest.json/browser_specific_settings).
 *   Chromium does not know the key.
 * - Chromium: the organisation's policy (managed storage) is declared as a JSON schema in `storage.managed_schema`,
 *   which Chrome validates strictly (https://developer.chrome.com/docs/extensions/reference/manifest/storage); it
 *   refuses to load an extension whose schema is invalid. Firefox defines no schema for managed storage
 *   (https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/manifest.json/storage) and reports
 *   the key as unexpected, so its build leaves it out.
 */

/** The manifest keys only `browser` ('firefox', 'chrome', ...: WXT's target) gets. */
export function browserSpecificManifest(browser: string): Record<string, unknown> {
  if (browser === 'firefox') {
    return {
      browser_specific_settings: {
        gecko: {
          id: 'vendorwatch@vendorwatch.dev',
          strict_min_version: '142.0',
          data_collection_permissions: { required: ['none'] },
        },
      },
    };
  }
  return { storage: { managed_schema: 'managed_schema.json' } };
}
