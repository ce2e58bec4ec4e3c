import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { contentLoadingManifest } from './platform/content-loading';
import { browserSpecificManifest } from './platform/quirks/manifest';

/**
 * Both stores ship MV3. Firefox MV3 runs the background as an event page; the keys only one browser gets are in
 * platform/quirks/manifest.ts.
 * `--mode e2e` builds a copy for the end-to-end tests (.output/<browser>-mv3-e2e) that also trusts the test
 * signing key and loopback http update servers; production builds never do.
 */
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  // The documents page's reader worker loads pdf.js on demand, which needs an ES module worker.
  vite: () => ({ plugins: [preact()], worker: { format: 'es' } }),
  manifest: ({ browser, mode }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'contextMenus', 'activeTab'],
    // "Check this PDF" asks for the PDF's site when the person clicks it, if VendorWatch may not read it already.
    optional_host_permissions: ['<all_urls>'],
    // Test builds may read the loopback test servers without the prompt a person would answer (automation cannot).
    ...(mode === 'e2e' ? { host_permissions: ['http://127.0.0.1/*'] } : {}),
    ...contentLoadingManifest(browser),
    ...browserSpecificManifest(browser),
  }),
});
